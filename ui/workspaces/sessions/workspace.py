"""The Sessions & agendas workspace itself: the week tree, the detail of the chosen session
(load, quorum, agenda, change notice), its edits (reorder with undo, resize, cancel) and the
exports, each read or written in a worker through the task layer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.agenda import labels
from mdo_planner.services import notices
from mdo_planner.services import sessions_service as ss
from ui.workspaces._support import (
    display_text,
    long_date,
    std_icon,
    to_qdate,
)
from ui.workspaces.base import Workspace
from ui.workspaces.care_networks import echelon_or_consultation
from ui.workspaces.sessions.export_actions import ExportActions
from ui.workspaces.sessions.exports import send_session_agenda, sent_at_text
from ui.workspaces.sessions.models import SESSION_ROLE, AgendaModel, LoadBarDelegate
from ui.workspaces.sessions.reads import WeekRead, read_start, read_week
from ui.workspaces.sessions.rows import change_lines, session_row
from ui.workspaces.sessions.undo import ReorderCommand
from ui.workspaces.words import mode_word

if TYPE_CHECKING:
    from ui.tasks import TaskFailure


# --------------------------------------------------------------------------- workspace


class SessionsWorkspace(ExportActions, Workspace):
    """Week view of sessions and the agenda of the selected one."""

    undo_stack: QUndoStack

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            title=QCoreApplication.translate("SessionsWorkspace", "Sessions & agendas"),
            name="sessionsWorkspace",
            watches=("sessions", "plan", "network", "experts"),
            undoable=True,
            parent=parent,
        )
        self.monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        self.current_session: ss.SessionCard | None = None
        self._my_sessions: set[int] | None = None
        # (monday, expert) of the week read last, and of the week shown: "My agenda" can tell
        # before the Save-as dialog that the expert attends nothing that week
        self._reading: tuple[dt.date, int | None] | None = None
        self._shown_for: tuple[dt.date, int | None] | None = None
        self._shown_cards: list[ss.SessionCard] = []
        # the session whose card was asked for last: an older answer is not shown
        self._showing: int | None = None
        self.last_export: Path | None = None
        # whether a week was chosen since the database was opened (its default then yields)
        self._week_chosen = False

        # -- week navigation
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.setToolTip(self.tr("Previous week (Alt+Left)"))
        self.prev_button.setAccessibleName(self.tr("Previous week"))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next week (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next week"))
        self.today_button = QPushButton(self.tr("This week"))
        self.week_label = QLabel()
        font = self.week_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.week_label.setFont(font)
        self.prev_button.clicked.connect(self.previous_week)
        self.next_button.clicked.connect(self.next_week)
        self.today_button.clicked.connect(self.this_week)
        self.expert_box = QComboBox()
        self.expert_box.setAccessibleName(self.tr("My agenda for"))
        self.expert_box.setMinimumContentsLength(24)
        self.expert_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.expert_box.currentIndexChanged.connect(self._expert_chosen)
        # hundreds of experts: type part of a name, discipline or hospital to find one
        self.expert_box.setEditable(True)
        self.expert_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # an editable combo box always has its line edit and completer
        self._expert_edit = cast(QLineEdit, self.expert_box.lineEdit())
        self._expert_edit.setPlaceholderText(self.tr("Type a name or hospital…"))
        completer = cast(QCompleter, self.expert_box.completer())
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        # wide enough for "name — discipline — hospital": the hospital tells namesakes apart
        cast(QAbstractItemView, completer.popup()).setMinimumWidth(560)
        self.expert_box.setMinimumContentsLength(36)
        # a click in the box selects what it shows ("(everyone)", the last expert), so that
        # typing a name replaces it instead of being appended to it
        self.expert_box.installEventFilter(self)
        self._expert_edit.installEventFilter(self)
        self.my_pdf_button = QPushButton(self.tr("Export my agenda"))
        self.my_pdf_button.clicked.connect(self.export_my_agenda)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.week_label)
        nav.addWidget(self.next_button)
        nav.addWidget(self.today_button)
        nav.addStretch(1)
        nav.addWidget(QLabel(self.tr("My agenda:")))
        nav.addWidget(self.expert_box)
        nav.addWidget(self.my_pdf_button)

        # -- week tree: days with their sessions
        self.week_model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("weekTree")
        self.tree.setAccessibleName(self.tr("Sessions of the week"))
        self.tree.setModel(self.week_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setItemDelegateForColumn(2, LoadBarDelegate(self.tree))
        self.tree.selectionModel().currentRowChanged.connect(self._tree_current)
        self._set_headers()

        # -- session detail
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.session_title = QLabel()
        self.session_title.setWordWrap(True)
        self.session_title.setFont(font)
        self.session_title.setAccessibleName(self.tr("Session"))
        dl.addWidget(self.session_title)
        self.load_bar = QProgressBar()
        self.load_bar.setAccessibleName(self.tr("Minutes used"))
        self.load_bar.setFormat(self.tr("%v of %m minutes"))
        dl.addWidget(self.load_bar)
        self.quorum_label = QLabel()
        self.quorum_label.setWordWrap(True)
        self.quorum_label.setTextFormat(Qt.TextFormat.RichText)
        self.quorum_label.setAccessibleName(self.tr("Attendees by discipline"))
        attend_box = QGroupBox(self.tr("Attendees by discipline"))
        al = QVBoxLayout(attend_box)
        al.addWidget(self.quorum_label)
        self.replan_button = QPushButton(self.tr("Re-plan this day…"))
        self.replan_button.setObjectName("replanDay")
        self.replan_button.setToolTip(
            self.tr("An attendee is on leave: plan this day again and review the proposal")
        )
        self.replan_button.hide()
        self.replan_button.clicked.connect(self._replan_day)
        al.addWidget(self.replan_button)
        dl.addWidget(attend_box)

        agenda_box = QGroupBox(self.tr("Agenda (drag to reorder, Ctrl+Up/Down)"))
        ag = QVBoxLayout(agenda_box)
        self.agenda_model = AgendaModel(self)
        self.agenda_model.moveRequested.connect(self.move_item)
        self.agenda_view = QTableView()
        self.agenda_view.setObjectName("agendaTable")
        self.agenda_view.setAccessibleName(self.tr("Agenda"))
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_view.setDragEnabled(True)
        self.agenda_view.setAcceptDrops(True)
        self.agenda_view.setDropIndicatorShown(True)
        self.agenda_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_view.verticalHeader().hide()
        self.agenda_view.setWordWrap(False)
        ah = self.agenda_view.horizontalHeader()
        ah.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ah.setStretchLastSection(True)
        ag.addWidget(self.agenda_view, 1)
        dl.addWidget(agenda_box, 1)

        notice_box = QGroupBox(self.tr("Change notice"))
        nl = QHBoxLayout(notice_box)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.RichText)
        self.notice_label.setAccessibleName(self.tr("Change notice"))
        self.send_button = QPushButton(self.tr("&Send agenda"))
        self.send_button.setToolTip(
            self.tr(
                "Write the calendar invitation (or its update, "
                "with a higher SEQUENCE) for the attendees"
            )
        )
        self.send_button.clicked.connect(self.send_agenda)
        nl.addWidget(self.notice_label, 1)
        nl.addWidget(self.send_button)
        dl.addWidget(notice_box)

        actions = QGroupBox(self.tr("Session"))
        fl = QFormLayout(actions)
        self.resize_spin = QSpinBox()
        self.resize_spin.setRange(5, 600)
        self.resize_spin.setSingleStep(15)
        self.resize_spin.setSuffix(self.tr(" min"))
        self.resize_spin.setAccessibleName(self.tr("Session length"))
        self.resize_button = QPushButton(self.tr("Change &length"))
        self.resize_button.clicked.connect(self.resize_session)
        row = QHBoxLayout()
        row.addWidget(self.resize_spin)
        row.addWidget(self.resize_button)
        fl.addRow(self.tr("Length"), row)
        self.cancel_reason = QLineEdit()
        self.cancel_reason.setPlaceholderText(self.tr("Reason, shown to the attendees"))
        self.cancel_reason.setAccessibleName(self.tr("Cancellation reason"))
        self.cancel_button = QPushButton(self.tr("&Cancel session"))
        self.cancel_button.clicked.connect(self.cancel_session)
        row = QHBoxLayout()
        row.addWidget(self.cancel_reason, 1)
        row.addWidget(self.cancel_button)
        fl.addRow(self.tr("Cancel"), row)
        self.pdf_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_DialogSaveButton), self.tr("Export &PDF")
        )
        self.pdf_button.clicked.connect(self.export_pdf)
        self.ics_button = QPushButton(self.tr("Export .&ics"))
        self.ics_button.clicked.connect(self.export_ics)
        row = QHBoxLayout()
        row.addWidget(self.pdf_button)
        row.addWidget(self.ics_button)
        row.addStretch(1)
        fl.addRow(self.tr("Agenda"), row)
        dl.addWidget(actions)

        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([780, 580])
        layout = QVBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self, self.previous_week)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), self, self.next_week)
        QShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Up), self.agenda_view, self.move_selected_up
        )
        QShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Down),
            self.agenda_view,
            self.move_selected_down,
        )
        QShortcut(QKeySequence.StandardKey.Print, self, self.export_pdf)
        self._show_detail(None)
        if ctx.has_db:
            self.database_switched()

    # ------------------------------------------------------------------ loading
    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            event.type() == QEvent.Type.FocusIn
            and self.expert_box.isEditable()
            and watched in (self.expert_box, self._expert_edit)
        ):
            # after the click has placed the cursor
            QTimer.singleShot(0, self._expert_edit.selectAll)
        return super().eventFilter(watched, event)

    def database_switched(self) -> None:
        self.undo_stack.clear()
        self._week_chosen = False
        self.query(read_start, then=self._started, key="start")

    def _started(self, start: tuple[dt.date, list[tuple[int, str]], WeekRead]) -> None:
        default_week, experts, week = start
        if not self._week_chosen:  # a week asked for meanwhile (go_to_week) is kept
            self.monday = default_week
        self.expert_box.blockSignals(True)
        self.expert_box.clear()
        self.expert_box.addItem(self.tr("(everyone)"), None)
        for expert_id, label in experts:
            self.expert_box.addItem(label, expert_id)
        self.expert_box.blockSignals(False)
        self._my_sessions = None
        if self.monday != default_week:
            self.refresh()  # the week asked for meanwhile is read now
            return
        self._show_week_label()
        self._reading = (default_week, None)
        self._week_loaded(week)

    def reload(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Show the week of ``self.monday``: its label at once, its sessions when the worker
        has read them (the session shown before is chosen again)."""
        if not self.ctx.has_db:
            return
        self._show_week_label()
        self._reading = (self.monday, self.expert_box.currentData())
        self._shown_for = None  # until this read arrives, what is shown may be out of date
        self.query(
            read_week,
            self.monday,
            self.expert_box.currentData(),
            then=self._week_loaded,
            key="week",
        )

    def _show_week_label(self) -> None:
        sunday = self.monday + dt.timedelta(days=6)
        iso = self.monday.isocalendar()
        self.week_label.setText(
            self.tr("Week {week} · {monday} – {sunday}").format(
                week=iso.week, monday=display_text(self.monday), sunday=display_text(sunday)
            )
        )

    def _week_loaded(self, week: WeekRead) -> None:
        keep = self.current_session.id if self.current_session else None
        self._my_sessions, cards = week
        if self._my_sessions is not None:
            cards = [c for c in cards if c.id in self._my_sessions]
        self._shown_for, self._shown_cards = self._reading, cards
        self.week_model.clear()
        self._set_headers()
        days: dict[dt.date, QStandardItem] = {}
        select_item = None
        memo: dict[object, Any] = {}
        for c in cards:
            day = days.get(c.date)
            if day is None:
                day = QStandardItem(long_date(c.date))
                f = day.font()
                f.setBold(True)
                day.setFont(f)
                day.setSelectable(False)
                days[c.date] = day
            time_item, what, load, quorum, count = session_row(c, self, memo)
            for it in (time_item, what, load, quorum, count):
                it.setEditable(False)
            day.appendRow([time_item, what, load, quorum, count])
            if c.id == keep:
                select_item = time_item
        # each day joins the model with its sessions: the view hears of a day once, not of
        # every session added to a day it already shows (shown: 3 ms of a national week)
        for day in days.values():
            self.week_model.appendRow([day] + [self._blank() for _ in range(4)])
        self.tree.expandAll()
        for i in range(self.week_model.rowCount()):
            self.tree.setFirstColumnSpanned(i, QModelIndex(), True)
        if not cards:
            empty = QStandardItem(self.tr("No sessions this week."))
            empty.setEnabled(False)
            self.week_model.appendRow(empty)
            self.tree.setFirstColumnSpanned(0, QModelIndex(), True)
        if select_item is not None:
            self.tree.setCurrentIndex(select_item.index())
        else:
            self._show_detail(None)

    @staticmethod
    def _blank() -> QStandardItem:
        item = QStandardItem()
        item.setEditable(False)
        item.setSelectable(False)
        return item

    def _set_headers(self) -> None:
        self.week_model.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Session"),
                self.tr("Load"),
                self.tr("Quorum"),
                self.tr("Cases"),
            ]
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 120)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)

    def row_texts(self, session_id: int) -> list[str]:
        """The texts of a session's row in the week view (for tests and accessibility)."""
        for item in self.session_items():
            if item.data(SESSION_ROLE) == session_id:
                parent = item.parent()
                return [parent.child(item.row(), c).text() for c in range(5)]
        return []

    def session_items(self) -> list[QStandardItem]:
        out: list[QStandardItem] = []
        for i in range(self.week_model.rowCount()):
            day = self.week_model.item(i, 0)
            out.extend(day.child(j, 0) for j in range(day.rowCount()))
        return out

    def select_session(self, session_id: int) -> bool:
        for item in self.session_items():
            if item.data(SESSION_ROLE) == session_id:
                self.tree.setCurrentIndex(item.index())
                return True
        return False

    @Slot(QModelIndex, QModelIndex)
    def _tree_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        sid = current.siblingAtColumn(0).data(SESSION_ROLE) if current.isValid() else None
        if sid is None:
            self._show_detail(None)
        else:
            self.show_session(sid)

    def show_session(self, session_id: int) -> None:
        """Show the card of a session, read in a worker (a refusal shows no session)."""
        self._showing = session_id

        def failed(failure: TaskFailure) -> None:
            self.show_failure(failure)
            if self._showing == session_id:
                self._show_detail(None)

        self.query(ss.session_card, session_id, then=self._card_loaded, failed=failed)

    def _card_loaded(self, card: ss.SessionCard) -> None:
        if card.id == self._showing:
            self._show_detail(card)

    def _show_detail(self, card: ss.SessionCard | None) -> None:
        self.current_session = card
        self._showing = card.id if card is not None else None
        for w in (
            self.resize_button,
            self.resize_spin,
            self.cancel_button,
            self.cancel_reason,
            self.pdf_button,
            self.ics_button,
        ):
            w.setEnabled(card is not None and not card.cancelled)
        if card is None:
            self.replan_button.hide()
            self.notice_label.clear()
            self.send_button.setEnabled(False)
            self.session_title.setText(self.tr("Choose a session in the week."))
            # no session, no figures: "0 of 1 minutes" and a stale length said nothing true
            self.load_bar.hide()
            self.resize_spin.clear()
            self.quorum_label.clear()
            self.agenda_model.set_rows([])
            return
        title = (
            f"{card.tumour_group_name} · "
            f"{echelon_or_consultation(card.tumour_group, card.echelon)} · "
            f"{card.hospital_name}<br>"
            f"<span style='font-weight:normal'>{long_date(card.date)}, "
            f"{display_text(card.start)}–{display_text(card.end)} · {mode_word(card.mode)}</span>"
        )
        if card.cancelled:
            title += "<br>" + self.tr("Cancelled: {reason}").format(reason=card.cancel_reason or "")
        self.session_title.setText(title)
        self.load_bar.show()
        self.load_bar.setRange(0, max(card.duration_min, card.used_minutes))
        self.load_bar.setValue(card.used_minutes)
        self.resize_spin.setValue(card.duration_min)
        lines = []
        for disc, names in card.attendees:
            lines.append(f"✓ <b>{disc}</b>: {', '.join(names)}")
        for name in card.on_leave:
            lines.append("⚠ <b>" + name + "</b>: " + self.tr("on leave that day (leave conflict)"))
        for disc in card.missing:
            lines.append("⚠ <b>" + disc + "</b>: " + self.tr("nobody attends (quorum not met)"))
        self.replan_button.setVisible(bool(card.on_leave) and not card.cancelled)
        if not lines:
            lines.append(self.tr("No attendance planned yet."))
        self.quorum_label.setText("<br>".join(lines))
        self.agenda_model.consultation = card.tumour_group.startswith(labels.CONSULTATION_PREFIX)

        def agenda_failed(failure: TaskFailure) -> None:
            self.show_failure(failure)
            self._agenda_loaded(card.id, [])

        self.query(
            ss.agenda_rows,
            card.id,
            then=lambda rows: self._agenda_loaded(card.id, rows),
            failed=agenda_failed,
            key="agenda",
        )
        self._show_notice(card)

    def _agenda_loaded(self, session_id: int, rows: list[ss.AgendaRow]) -> None:
        if self.current_session is not None and self.current_session.id == session_id:
            self.agenda_model.set_rows(rows)

    @Slot()
    def _replan_day(self) -> None:
        card = self.current_session
        if card is not None:
            self.ctx.replanRequested.emit(to_qdate(card.date), to_qdate(card.date))

    def _show_notice(self, card: ss.SessionCard) -> None:
        """The difference between the agenda last sent and the published agenda now, read in
        a worker."""
        self.query(
            notices.pending_change,
            card.id,
            then=lambda change: self._notice_loaded(card.id, change),
            key="notice",
        )

    def _notice_loaded(self, session_id: int, change: notices.AgendaChange | None) -> None:
        if self.current_session is None or self.current_session.id != session_id:
            return
        self.send_button.setEnabled(True)
        if change is None:
            self.notice_label.setText(self.tr("The agenda has not been sent yet."))
            self.send_button.setText(self.tr("&Send agenda"))
            return
        sent = self.tr("Agenda version {version} sent {when}.").format(
            version=change.sequence + 1, when=sent_at_text(change.sent_at)
        )
        self.send_button.setText(self.tr("&Send update"))
        if not change.changed:
            self.notice_label.setText(sent + " " + self.tr("Unchanged since."))
            self.send_button.setEnabled(False)
            return
        lines = [sent + " <b>" + self.tr("Changed since:") + "</b>", *change_lines(change)]
        self.notice_label.setText("<br>".join(lines))

    @Slot()
    def send_agenda(self) -> None:
        if self.current_session is not None:
            self._export(send_session_agenda, self.current_session.id)

    # ------------------------------------------------------------------ navigation
    @Slot()
    def previous_week(self) -> None:
        self._week_chosen = True
        self.monday -= dt.timedelta(weeks=1)
        self.refresh()

    @Slot()
    def next_week(self) -> None:
        self._week_chosen = True
        self.monday += dt.timedelta(weeks=1)
        self.refresh()

    @Slot()
    def this_week(self) -> None:
        self._week_chosen = True
        today = dt.date.today()
        self.monday = today - dt.timedelta(days=today.weekday())
        self.refresh()

    def go_to_week(self, day: dt.date) -> None:
        self._week_chosen = True
        self.monday = day - dt.timedelta(days=day.weekday())
        self.refresh()

    @Slot(int)
    def _expert_chosen(self, _index: int) -> None:
        self._expert_edit.setCursorPosition(0)  # the name, not the hospital's tail
        self.refresh()

    # ------------------------------------------------------------------ agenda edits
    @Slot(int, int)
    def move_item(self, source: int, target: int) -> None:
        if self.current_session is None:
            return
        before = [r.case_id for r in self.agenda_model.rows if r.section == "discussion"]
        if not (0 <= source < len(before) and 0 <= target < len(before)):
            return
        after = list(before)
        after.insert(target, after.pop(source))
        self.undo_stack.push(ReorderCommand(self, self.current_session.id, before, after))
        self.agenda_view.selectRow(target)

    @Slot()
    def move_selected_up(self) -> None:
        row = self.agenda_view.currentIndex().row()
        if row > 0:
            self.move_item(row, row - 1)

    @Slot()
    def move_selected_down(self) -> None:
        row = self.agenda_view.currentIndex().row()
        if 0 <= row < self.agenda_model.discussed - 1:
            self.move_item(row, row + 1)

    @Slot()
    def resize_session(self) -> None:
        card = self.current_session
        if card is None:
            return
        self.mutate(
            ss.resize_session,
            card.id,
            self.resize_spin.value(),
            expected_version=card.version,
            then=self._resized,
            user=self.ctx.user,
        )

    def _resized(self, _result: object) -> None:
        self.message.show_message(self.tr("Session length changed."))
        self.ctx.notify("sessions")

    @Slot()
    def cancel_session(self) -> None:
        card = self.current_session
        if card is None:
            return
        self.mutate(
            ss.cancel_session,
            card.id,
            self.cancel_reason.text(),
            expected_version=card.version,
            then=self._cancelled,
            user=self.ctx.user,
        )

    def _cancelled(self, returned: int) -> None:
        self.cancel_reason.clear()
        self.message.show_message(
            self.tr(
                "Session cancelled; {count} case(s) went back to the pool for the next plan run."
            ).format(count=returned),
            "warning",
        )
        self.ctx.notify("sessions")
        self.ctx.notify("cases")
