"""Sessions & agendas: the week of MDO meetings, grouped by day, and the agenda of each.

What the secretary checks before an agenda goes out: is the meeting full or overrunning (load
bar), are the core disciplines there (quorum, with an icon and a sentence, never colour alone),
and is the order right (drag and drop, undoable). Exports run in the background and open the
folder when done, so a batch of PDFs never freezes the window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
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
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.agenda import labels
from mdo_planner.errors import UserError
from mdo_planner.pdf import safe_component
from mdo_planner.services import agenda_service, notices
from mdo_planner.services import sessions_service as ss
from ui.export_dialog import ExportDialog, export_folder
from ui.workspaces._support import (
    date_time_text,
    display_text,
    interface_language,
    long_date,
    std_icon,
    to_qdate,
    warning_color,
)
from ui.workspaces.base import Workspace
from ui.workspaces.care_networks import echelon_or_consultation, referral_word
from ui.workspaces.cases import level_label
from ui.workspaces.words import mode_word

if TYPE_CHECKING:
    from ui.tasks import TaskFailure

Index = QModelIndex | QPersistentModelIndex
ROW_MIME = "application/x-mdo-agenda-row"
SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
LOAD_ROLE = Qt.ItemDataRole.UserRole + 2


# --------------------------------------------------------------------------- export hooks


def _ready(folder: Path) -> Path:
    """The export folder is created on first use (the default one in Documents included)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the export folder {folder}: {exc.strerror}") from exc
    return folder


def _file_name(card: ss.SessionCard, suffix: str) -> str:
    """Same rule as the batch export: ``2027-01-05_BREAST_local_H1.pdf``, no patient data."""
    parts = [
        card.date.isoformat(),
        card.tumour_group,
        labels.file_kind(card.tumour_group, card.echelon),
        card.hospital,
    ]
    return "_".join(safe_component(p) for p in parts) + suffix


def _agenda_settings(language: str) -> agenda_service.AgendaSettings:
    """The site's agenda settings, printing in the interface language unless the site
    configuration fixes one."""
    return agenda_service.AgendaSettings.from_site().for_interface(language)


def sent_at_text(stamp: str | None) -> str:
    """When an agenda was sent, in the one date style and local time ("2 Dec 2026 02:15"):
    the stored stamp is UTC in ISO form, which no secretary should have to convert."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return date_time_text(moment)


def session_file_name(card: ss.SessionCard, suffix: str) -> str:
    return _file_name(card, suffix)


def export_session_pdf(
    db: Any, session_id: int, path: Path, user: str, language: str = "en", privacy: str = ""
) -> Path:
    """One session's agenda as PDF into ``path`` (privacy "" = the default of its echelon)."""
    path = Path(path)
    _ready(path.parent)
    written = agenda_service.export_session_pdf(
        db,
        session_id,
        path,
        user=user,
        privacy=privacy or None,
        settings=_agenda_settings(language),
    )
    notices.mark_exported(db, user, session_id)  # an exported agenda counts as sent
    return written


def export_session_ics(db: Any, session_id: int, path: Path, user: str) -> Path:
    path = Path(path)
    _ready(path.parent)
    written = agenda_service.export_ics(db, path, user=user, session_id=session_id)
    notices.mark_exported(db, user, session_id)  # an exported agenda counts as sent
    return written


def send_session_agenda(db: Any, session_id: int, folder: Path, user: str) -> Path:
    """Send (or update) the session's agenda as a calendar file with a higher SEQUENCE."""
    card = ss.session_card(db, session_id)
    change = notices.pending_change(db, session_id)
    suffix = ".ics" if change is None else f"_update-{change.sequence + 1}.ics"
    return notices.send_agenda(db, user, session_id, _ready(folder) / _file_name(card, suffix)).path


def expert_file_name(expert_label: str, monday: dt.date) -> str:
    """``my-agenda_Anna-de-Vries_2027-W01.pdf``: whose agenda of which week, readable by the
    person it is sent to (the name as the chooser shows it, never an internal id)."""
    name = expert_label.split(" — ")[0].strip()
    year, week, _ = monday.isocalendar()
    return f"my-agenda_{safe_component(name)}_{year}-W{week:02d}.pdf"


def export_expert_pdf(
    db: Any,
    expert_id: int,
    date_from: dt.date,
    date_to: dt.date,
    path: Path,
    user: str,
    language: str = "en",
    privacy: str = "",
) -> Path:
    """ "My MDOs" of one expert for the week shown, as one PDF into ``path``."""
    path = Path(path)
    _ready(path.parent)
    return agenda_service.export_expert_pdf(
        db,
        expert_id,
        date_from,
        date_to,
        path,
        user=user,
        privacy=privacy or None,
        settings=_agenda_settings(language),
    )


# --------------------------------------------------------------------------- models


class AgendaModel(QAbstractTableModel):
    """The ordered published cases of one session; rows can be dragged to a new place.

    A drop does not move rows itself: it asks (``moveRequested``) and the workspace stores the
    new order through the service inside an undoable command, then reloads.
    """

    moveRequested = Signal(int, int)
    #: the agenda of a care network's consultation: its cases are referrals (issue 15)
    consultation = False

    HEADERS = (
        QT_TRANSLATE_NOOP("AgendaModel", "#"),
        QT_TRANSLATE_NOOP("AgendaModel", "Time"),
        QT_TRANSLATE_NOOP("AgendaModel", "Case"),
        QT_TRANSLATE_NOOP("AgendaModel", "Patient"),
        QT_TRANSLATE_NOOP("AgendaModel", "Hospital"),
        QT_TRANSLATE_NOOP("AgendaModel", "Level"),
        QT_TRANSLATE_NOOP("AgendaModel", "Min"),
        QT_TRANSLATE_NOOP("AgendaModel", "Question"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ss.AgendaRow] = []

    def set_rows(self, rows: list[ss.AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[ss.AgendaRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return QApplication.translate("AgendaModel", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            when = (
                f"{display_text(r.start)}–{display_text(r.end)}"
                if r.start is not None
                else QApplication.translate("AgendaModel", "for noting")
            )
            values = (
                index.row() + 1 if r.section == "discussion" else "",
                when,
                r.code + (" ⚑" if r.urgent else ""),
                r.patient_ref,
                r.hospital,
                referral_word() if self.consultation else level_label(r.level),
                r.minutes,
                r.question,
            )
            return display_text(values[col])
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if r.urgent:
                tips.append(QApplication.translate("AgendaModel", "Urgent"))
            if r.manual:
                tips.append(QApplication.translate("AgendaModel", "Placed by hand"))
            return ", ".join(tips) or None
        if role == Qt.ItemDataRole.UserRole:
            return r.case_id
        return None

    @property
    def discussed(self) -> int:
        """Rows with discussion time (they come first); the rest are listed for noting."""
        return sum(1 for r in self._rows if r.section == "discussion")

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            if index.row() < self.discussed:
                return base | Qt.ItemFlag.ItemIsDragEnabled
            return base
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME).data()).decode())
        count = self.discussed
        target = row if row >= 0 else (parent.row() if parent.isValid() else count)
        if target > source:
            target -= 1  # the dragged row leaves its old place first
        target = max(0, min(target, count - 1))
        if source >= count:
            return False
        if target != source:
            self.moveRequested.emit(source, target)
        return False  # the workspace reloads the rows; Qt must not remove the source row


class LoadBarDelegate(QStyledItemDelegate):
    """Paints "minutes used / capacity" as a bar behind readable text (red when overfull)."""

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        load = index.data(LOAD_ROLE)
        if not load:
            super().paint(painter, option, index)
            return
        used, capacity = load
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        pal = opt.palette
        rect = opt.rect.adjusted(3, 3, -3, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        fill = QColor(pal.color(QPalette.ColorRole.Highlight))
        if used > capacity:
            fill = QColor(214, 39, 40)
        fill.setAlpha(110)
        width = int(rect.width() * min(1.0, used / max(capacity, 1)))
        if width > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect.adjusted(0, 0, width - rect.width(), 0), 3, 3)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{used} / {capacity} min")
        painter.restore()


# --------------------------------------------------------------------------- undo


class ReorderCommand(QUndoCommand):
    def __init__(
        self, workspace: SessionsWorkspace, session_id: int, before: list[int], after: list[int]
    ) -> None:
        super().__init__(QCoreApplication.translate("SessionsWorkspace", "Reorder agenda"))
        self.w, self.session_id, self.before, self.after = workspace, session_id, before, after

    def _apply(self, order: list[int]) -> None:
        def after() -> None:
            self.w.show_session(self.session_id)
            self.w.ctx.notify("agenda")

        def stored(_result: object) -> None:
            self.w.message.clear()
            after()

        def refused(failure: TaskFailure) -> None:
            self.w.show_failure(failure)
            after()

        self.w.mutate(
            agenda_service.reorder,
            self.session_id,
            order,
            self.w.ctx.user,
            then=stored,
            failed=refused,
        )

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


# --------------------------------------------------------------------------- workspace


def _read_start(db: Any) -> tuple[dt.date, list[tuple[int, str]]]:
    """What a newly opened database shows first: its default week and the experts."""
    return ss.default_week(db), ss.expert_choices(db)


def _read_week(
    db: Any, monday: dt.date, expert_id: int | None
) -> tuple[set[int] | None, list[ss.SessionCard]]:
    """The week's sessions and, with an expert chosen, the ids of the sessions they attend."""
    sunday = monday + dt.timedelta(days=6)
    mine = ss.expert_session_ids(db, expert_id, monday, sunday) if expert_id is not None else None
    return mine, ss.week_sessions(db, monday)


class SessionsWorkspace(Workspace):
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
        self.expert_box.lineEdit().setPlaceholderText(self.tr("Type a name or hospital…"))
        completer = self.expert_box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        # wide enough for "name — discipline — hospital": the hospital tells namesakes apart
        completer.popup().setMinimumWidth(560)
        self.expert_box.setMinimumContentsLength(36)
        # a click in the box selects what it shows ("(everyone)", the last expert), so that
        # typing a name replaces it instead of being appended to it
        self.expert_box.installEventFilter(self)
        self.expert_box.lineEdit().installEventFilter(self)
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
            and watched in (self.expert_box, self.expert_box.lineEdit())
        ):
            # after the click has placed the cursor
            QTimer.singleShot(0, self.expert_box.lineEdit().selectAll)
        return super().eventFilter(watched, event)

    def database_switched(self) -> None:
        self.undo_stack.clear()
        self._week_chosen = False
        self.query(_read_start, then=self._started, key="start")

    def _started(self, start: tuple[dt.date, list[tuple[int, str]]]) -> None:
        default_week, experts = start
        if not self._week_chosen:  # a week asked for meanwhile (go_to_week) is kept
            self.monday = default_week
        self.expert_box.blockSignals(True)
        self.expert_box.clear()
        self.expert_box.addItem(self.tr("(everyone)"), None)
        for expert_id, label in experts:
            self.expert_box.addItem(label, expert_id)
        self.expert_box.blockSignals(False)
        self._my_sessions = None
        self.refresh()

    def reload(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Show the week of ``self.monday``: its label at once, its sessions when the worker
        has read them (the session shown before is chosen again)."""
        if not self.ctx.has_db:
            return
        sunday = self.monday + dt.timedelta(days=6)
        iso = self.monday.isocalendar()
        self.week_label.setText(
            self.tr("Week {week} · {monday} – {sunday}").format(
                week=iso.week, monday=display_text(self.monday), sunday=display_text(sunday)
            )
        )
        self.query(
            _read_week,
            self.monday,
            self.expert_box.currentData(),
            then=self._week_loaded,
            key="week",
        )

    def _week_loaded(self, week: tuple[set[int] | None, list[ss.SessionCard]]) -> None:
        keep = self.current_session.id if self.current_session else None
        self._my_sessions, cards = week
        if self._my_sessions is not None:
            cards = [c for c in cards if c.id in self._my_sessions]
        self.week_model.clear()
        self._set_headers()
        ok_icon = std_icon(self, QStyle.StandardPixmap.SP_DialogApplyButton)
        warn_icon = std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning)
        cancel_icon = std_icon(self, QStyle.StandardPixmap.SP_DialogCancelButton)
        days: dict[dt.date, QStandardItem] = {}
        select_item = None
        for c in cards:
            day = days.get(c.date)
            if day is None:
                day = QStandardItem(long_date(c.date))
                f = day.font()
                f.setBold(True)
                day.setFont(f)
                day.setSelectable(False)
                self.week_model.appendRow([day] + [self._blank() for _ in range(4)])
                days[c.date] = day
            time_item = QStandardItem(f"{display_text(c.start)}–{display_text(c.end)}")
            time_item.setData(c.id, SESSION_ROLE)
            what = QStandardItem(
                f"{c.tumour_group_name} · "
                f"{echelon_or_consultation(c.tumour_group, c.echelon)} · "
                f"{c.hospital_name}"
            )
            what.setToolTip(c.code)
            load = QStandardItem()
            quorum = QStandardItem()
            if c.cancelled:
                quorum.setIcon(cancel_icon)
                quorum.setText(self.tr("cancelled"))
                quorum.setToolTip(c.cancel_reason or "")
            else:
                load.setData((c.used_minutes, c.duration_min), LOAD_ROLE)
                load.setText(f"{c.used_minutes} / {c.duration_min}")
                if c.cases == 0:
                    quorum.setText(self.tr("no cases"))
                elif c.on_leave:
                    quorum.setIcon(warn_icon)
                    quorum.setText(
                        self.tr("leave conflict: {names}").format(names=", ".join(c.on_leave))
                    )
                    quorum.setToolTip(
                        self.tr("Attends on a day of leave; plan this day again")
                        + (
                            " · "
                            + self.tr("missing {disciplines}").format(
                                disciplines=", ".join(c.missing)
                            )
                            if c.missing
                            else ""
                        )
                    )
                    quorum.setBackground(warning_color(self))
                elif c.quorum_met:
                    quorum.setIcon(ok_icon)
                    quorum.setText(self.tr("quorum met"))
                else:
                    quorum.setIcon(warn_icon)
                    quorum.setText(
                        self.tr("missing {disciplines}").format(disciplines=", ".join(c.missing))
                    )
            count = QStandardItem(display_text(c.cases))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for it in (time_item, what, load, quorum, count):
                it.setEditable(False)
            day.appendRow([time_item, what, load, quorum, count])
            if c.id == keep:
                select_item = time_item
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
        out = []
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
        lines = [sent + " <b>" + self.tr("Changed since:") + "</b>"]
        if change.cancelled:
            lines.append("✗ " + self.tr("the session is cancelled"))
        if change.new_time:
            lines.append(
                "• "
                + self.tr("new time {new} (was {old})").format(
                    new=change.new_time[1], old=change.new_time[0]
                )
            )
        if change.new_length:
            lines.append(
                "• "
                + self.tr("now {new} minutes (was {old})").format(
                    new=change.new_length[1], old=change.new_length[0]
                )
            )
        if change.added:
            lines.append("+ " + self.tr("added: {cases}").format(cases=", ".join(change.added)))
        if change.removed:
            lines.append("− " + self.tr("removed: {cases}").format(cases=", ".join(change.removed)))
        for code, target in change.moved:
            lines.append(
                "→ " + self.tr("{case} moved to {target}").format(case=code, target=target)
            )
        for code, old, new in change.retimed:
            lines.append(
                "• "
                + self.tr("{case} now at {new} (was {old})").format(
                    case=code, new=new or "—", old=old or "—"
                )
            )
        if change.joins:
            lines.append("+ " + self.tr("joins: {names}").format(names=", ".join(change.joins)))
        if change.leaves:
            lines.append("− " + self.tr("leaves: {names}").format(names=", ".join(change.leaves)))
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
        self.expert_box.lineEdit().setCursorPosition(0)  # the name, not the hospital's tail
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
            self.ctx.user,
            card.id,
            self.resize_spin.value(),
            version=card.version,
            then=self._resized,
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
            self.ctx.user,
            card.id,
            self.cancel_reason.text(),
            version=card.version,
            then=self._cancelled,
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

    # ------------------------------------------------------------------ exports
    def export_folder(self) -> Path:
        return export_folder(self.ctx.settings)

    def _export(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        """Send agenda: into the export folder, named by the session (an update never
        replaces the first invitation's file)."""
        folder = self.export_folder()
        self._export_to(fn, (*args, folder), kwargs, folder)

    def _export_to(
        self, fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], where: Path
    ) -> None:
        self.mutate(
            fn,
            *args,
            self.ctx.user,
            then=self._exported,
            failed=self._export_failed,
            description=self.tr("Exporting…"),
            **kwargs,
        )
        self.message.show_message(self.tr("Exporting to {folder}…").format(folder=where))

    def _ask_save_as(
        self,
        title: str,
        file_name: str,
        privacy: bool,
        fn: Any,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> ExportDialog:
        """Save as… (remembered folder, privacy mode for a PDF); the export starts when the
        secretary presses Save."""
        dialog = ExportDialog(self.ctx.settings, title, file_name, privacy=privacy, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._pending_export = (fn, args, kwargs)
        dialog.chosen.connect(self._save_as_chosen)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    @Slot(str, str)
    def _save_as_chosen(self, path: str, privacy: str) -> None:
        fn, args, kwargs = self._pending_export
        if fn is not export_session_ics:
            kwargs = {**kwargs, "privacy": privacy}
        self._export_to(fn, (*args, Path(path)), kwargs, Path(path).parent)

    @Slot()
    def export_pdf(self) -> None:
        card = self.current_session
        if card is not None:
            self._ask_save_as(
                self.tr("Export the agenda as PDF"),
                _file_name(card, ".pdf"),
                True,
                export_session_pdf,
                (card.id,),
                {"language": interface_language()},
            )

    @Slot()
    def export_ics(self) -> None:
        card = self.current_session
        if card is not None:
            self._ask_save_as(
                self.tr("Export the calendar entry"),
                _file_name(card, ".ics"),
                False,
                export_session_ics,
                (card.id,),
                {},
            )

    @Slot()
    def export_my_agenda(self) -> None:
        expert_id = self.expert_box.currentData()
        if expert_id is None:
            self.message.show_message(self.tr("Choose an expert for “My agenda” first."), "warning")
            return
        name = expert_file_name(self.expert_box.currentText(), self.monday)
        self._ask_save_as(
            self.tr("Export “My agenda” as PDF"),
            name,
            True,
            export_expert_pdf,
            (expert_id, self.monday, self.monday + dt.timedelta(days=6)),
            {"language": interface_language()},
        )

    def _exported(self, path: Any) -> None:
        self.last_export = Path(path)
        self.message.show_message(self.tr("Saved {path}").format(path=path))
        if self.current_session is not None:  # a sent agenda changes the change notice
            self._show_notice(self.current_session)
        self.ctx.statusMessage.emit(self.tr("Saved {path}").format(path=path))
        if self.ctx.settings.value("export/open_folder", True, type=bool):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def _export_failed(self, failure: TaskFailure) -> None:
        self.message.show_message(
            self.tr("Export failed: {reason}").format(reason=failure), "error"
        )
