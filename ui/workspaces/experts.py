"""Experts: what each specialist may attend, their leave, and their load week by week.

Leave is what empties a quorum, so it is edited here in two clicks and can be undone (a
secretary who entered the wrong week gets it back with Ctrl+Z); the weekly load table shows,
with an icon and not only a colour, who the published plan puts over their agreed limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import experts_service as es
from mdo_planner.services import network_service as ns
from mdo_planner.services import sessions_service as ss
from solver import contract
from ui.workspaces._support import (
    Column,
    RowTableModel,
    error_color,
    from_qdate,
    make_table,
    std_icon,
    to_qdate,
    warning_color,
)
from ui.workspaces.base import Workspace
from ui.workspaces.cases import level_label
from ui.workspaces.expert_leave import AddLeaveCommand, RemoveLeaveCommand

if TYPE_CHECKING:
    from ui.tasks import TaskFailure

ECHELONS = contract.ECHELONS
LOAD_WEEKS = 8


@dataclass(frozen=True)
class _Lists:
    """What the workspace shows besides one expert: read in one worker task."""

    experts: list[es.ExpertRow]
    hospitals: list[tuple[str, str]]
    groups: list[tuple[str, str]]
    disciplines: list[tuple[str, str]]
    week: dt.date


def _read_lists(db: Any) -> _Lists:
    return _Lists(
        es.list_experts(db),
        [(h.code, h.name) for h in ns.list_hospitals(db)],
        [(g.code, g.name) for g in ns.list_tumour_groups(db)],
        ns.list_disciplines(db),
        ss.default_week(db),
    )


class ExpertFilter(QSortFilterProxyModel):
    """Case-insensitive search in name, discipline, hospital and tumour groups.

    The text searched is prepared once per expert when the list loads, so that a keystroke
    costs one substring test per row instead of a Python call per cell (thousands of experts
    in a national network).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._haystack: list[str] = []

    def index_rows(self, rows: list[es.ExpertRow]) -> None:
        self.beginFilterChange()
        self._haystack = [
            " ".join(
                (r.name, r.discipline, r.discipline_name, r.hospital, *r.tumour_groups)
            ).casefold()
            for r in rows
        ]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._needle:
            return True
        return source_row < len(self._haystack) and self._needle in self._haystack[source_row]


class ExpertsWorkspace(Workspace):
    """List and edit experts, their leave calendar and their weekly load."""

    undo_stack: QUndoStack

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            title=QCoreApplication.translate("ExpertsWorkspace", "Experts"),
            name="expertsWorkspace",
            watches=("experts", "network", "plan"),
            undoable=True,
            parent=parent,
        )
        self.current_expert: es.ExpertRow | None = None
        self._select_next: int | None = None
        self._hospitals: list[tuple[str, str]] = []
        self._groups: list[tuple[str, str]] = []

        self.model = RowTableModel(
            [
                Column(self.tr("Name"), lambda r: r.name),
                Column(
                    self.tr("Discipline"),
                    lambda r: r.discipline_name,
                    tooltip=lambda r: r.discipline,
                ),
                Column(self.tr("Hospital"), lambda r: r.hospital),
                Column(
                    self.tr("Echelon"),
                    lambda r: level_label(r.max_echelon),
                    sort=lambda r: r.max_echelon,
                    tooltip=lambda r: self.tr("highest echelon"),
                ),
                Column(
                    self.tr("/wk"),
                    lambda r: "∞" if r.max_sessions_per_week is None else r.max_sessions_per_week,
                    align_right=True,
                    tooltip=lambda r: self.tr("weekly limit"),
                ),
                Column(self.tr("Tumour groups"), lambda r: ", ".join(r.tumour_groups)),
            ],
            self,
        )
        self.proxy = ExpertFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, discipline, hospital…"))
        self.search.setAccessibleName(self.tr("Search experts"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_needle)
        self.view = make_table(self.proxy, "expertsTable")
        # Sorting happens in the source model (one key per row); the list arrives by name.
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        self.view.setAccessibleName(self.tr("Experts"))
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.search)
        ll.addWidget(self.view, 1)
        new_row = QHBoxLayout()
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText(self.tr("Code"))
        self.new_code.setMaximumWidth(90)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Name of a new expert"))
        self.new_discipline = QComboBox()
        self.new_hospital = QComboBox()
        self.add_expert_button = QPushButton(self.tr("Add e&xpert"))
        self.add_expert_button.clicked.connect(self._add_expert)
        self.new_code.setAccessibleName(self.tr("New expert code"))
        self.new_name.setAccessibleName(self.tr("New expert name"))
        self.new_discipline.setAccessibleName(self.tr("New expert discipline"))
        self.new_hospital.setAccessibleName(self.tr("New expert hospital"))
        new_row.addWidget(self.new_code)
        new_row.addWidget(self.new_name, 1)
        new_row.addWidget(self.new_discipline)
        new_row.addWidget(self.new_hospital)
        new_row.addWidget(self.add_expert_button)
        ll.addLayout(new_row)

        # -- eligibility form
        form_box = QGroupBox(self.tr("May attend"))
        form = QFormLayout(form_box)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        form.addRow(self.heading)
        self.serves = QListWidget()
        self.serves.setAccessibleName(self.tr("Hospitals served (local MDOs)"))
        self.groups = QListWidget()
        self.groups.setAccessibleName(self.tr("Tumour groups"))
        for lw in (self.serves, self.groups):
            lw.setMaximumHeight(120)
        self.max_echelon = QComboBox()
        self.max_echelon.setAccessibleName(self.tr("Highest echelon"))
        for e in ECHELONS:
            self.max_echelon.addItem(level_label(e), e)
        self.limit = QSpinBox()
        self.limit.setRange(-1, 50)
        self.limit.setSpecialValueText(self.tr("no limit"))
        self.limit.setAccessibleName(self.tr("Weekly limit"))
        self.limit.setSuffix(self.tr(" sessions"))
        self.save_button = QPushButton(self.tr("&Save expert"))
        self.save_button.clicked.connect(self._save)
        form.addRow(self.tr("Hospitals served"), self.serves)
        form.addRow(self.tr("Tumour groups"), self.groups)
        form.addRow(self.tr("Highest echelon"), self.max_echelon)
        form.addRow(self.tr("Weekly limit"), self.limit)
        form.addRow(self.save_button)

        # -- leave
        leave_box = QGroupBox(self.tr("Leave"))
        lv = QVBoxLayout(leave_box)
        self.leave_model = RowTableModel(
            [
                Column(self.tr("From"), lambda r: r.start),
                Column(self.tr("To"), lambda r: r.end),
                Column(self.tr("Days"), lambda r: (r.end - r.start).days + 1, align_right=True),
                Column(self.tr("Reason"), lambda r: r.reason or ""),
            ],
            self,
        )
        self.leave_view = make_table(self.leave_model, "leaveTable")
        self.leave_view.setAccessibleName(self.tr("Leave periods"))
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("leaveCalendar")
        self.calendar.setAccessibleName(self.tr("Leave calendar"))
        self.calendar.setToolTip(
            self.tr(
                "Days on leave are marked. Click a day to start a period, Shift+click to end it."
            )
        )
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames
        )
        self.calendar.setGridVisible(False)
        self.calendar.setMaximumWidth(260)
        self.calendar.clicked.connect(self._calendar_clicked)
        cal_row = QHBoxLayout()
        cal_row.addWidget(self.calendar)
        cal_row.addWidget(self.leave_view, 1)
        lv.addLayout(cal_row, 1)
        row = QHBoxLayout()
        today = dt.date.today()
        self.leave_from = QDateEdit(to_qdate(today))
        self.leave_to = QDateEdit(to_qdate(today))
        for w, n in (
            (self.leave_from, self.tr("Leave from")),
            (self.leave_to, self.tr("Leave to")),
        ):
            w.setCalendarPopup(True)
            w.setAccessibleName(n)
        self.leave_from.dateChanged.connect(self._from_changed)
        self.leave_reason = QLineEdit()
        self.leave_reason.setPlaceholderText(self.tr("Reason (optional)"))
        self.leave_reason.setAccessibleName(self.tr("Leave reason"))
        row.addWidget(self.leave_from)
        row.addWidget(QLabel("–"))
        row.addWidget(self.leave_to)
        row.addWidget(self.leave_reason, 1)
        lv.addLayout(row)
        buttons = QHBoxLayout()
        self.add_leave_button = QPushButton(self.tr("&Add leave"))
        self.add_leave_button.clicked.connect(self._add_leave)
        self.remove_leave_button = QPushButton(self.tr("&Remove leave"))
        self.remove_leave_button.clicked.connect(self._remove_leave)
        buttons.addWidget(self.add_leave_button)
        buttons.addWidget(self.remove_leave_button)
        buttons.addStretch(1)
        # shown when the new leave falls on published sessions the expert attends
        self.replan_button = QPushButton(self.tr("Re-plan the affected days…"))
        self.replan_button.setObjectName("replanAffected")
        self.replan_button.setToolTip(
            self.tr(
                "Plan again only the days of the sessions this "
                "leave breaks; you review before publishing"
            )
        )
        self.replan_button.hide()
        self.replan_button.clicked.connect(self._replan_affected)
        self._affected: list[dt.date] = []
        buttons.addWidget(self.replan_button)
        lv.addLayout(buttons)

        # -- weekly load
        load_box = QGroupBox(self.tr("Sessions per week (published plan)"))
        ld = QVBoxLayout(load_box)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From week of")))
        self.load_from = QDateEdit(to_qdate(today))
        self.load_from.setCalendarPopup(True)
        self.load_from.setAccessibleName(self.tr("Load from"))
        self.load_from.dateChanged.connect(self._show_load)
        top.addWidget(self.load_from)
        top.addStretch(1)
        ld.addLayout(top)
        warn = std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.load_model = RowTableModel(
            [
                Column(self.tr("Week"), lambda r: f"{r.iso_year}-W{r.iso_week:02d}"),
                Column(self.tr("Monday"), lambda r: r.monday),
                Column(
                    self.tr("Sessions"),
                    lambda r: r.sessions,
                    align_right=True,
                    icon=lambda r: warn if r.over_limit else None,
                    background=lambda r: error_color(self) if r.over_limit else None,
                ),
                Column(
                    self.tr("Limit"),
                    lambda r: "∞" if r.limit is None else r.limit,
                    align_right=True,
                ),
                Column(
                    self.tr("Status"),
                    lambda r: (
                        self.tr("over the limit") if r.over_limit else self.tr("within the limit")
                    ),
                ),
            ],
            self,
        )
        self.load_view = make_table(self.load_model, "loadTable")
        self.load_view.setAccessibleName(self.tr("Weekly load"))
        ld.addWidget(self.load_view, 1)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(form_box)
        rl.addWidget(leave_box, 1)
        rl.addWidget(load_box, 1)
        # the panel scrolls in a short window (1280×720 is a 1920×1080 laptop at 150 %)
        # instead of holding the whole window taller than the screen
        panel = QScrollArea()
        panel.setObjectName("expertPanelScroll")
        panel.setWidgetResizable(True)
        panel.setFrameShape(QFrame.Shape.NoFrame)
        panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setWidget(right)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([830, 530])
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save)
        self._set_enabled(False)
        if ctx.has_db:
            self.reload()

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self, select: int | None = None) -> None:
        """Read the list (and the form's choices) in a worker; the expert shown before, or
        ``select``, is chosen again when it arrives (also when a newer reload overtakes
        this one)."""
        if select is not None:
            self._select_next = select
        if self.ctx.has_db:
            self.query(_read_lists, then=self._loaded, key="list")

    def _loaded(self, lists: _Lists) -> None:
        keep = self._select_next or (self.current_expert.id if self.current_expert else None)
        self._select_next = None
        self.model.set_rows(lists.experts)
        header = self.view.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
            0,
            Qt.SortOrder.AscendingOrder,
        ):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.proxy.index_rows(self.model.rows)
        self._hospitals = lists.hospitals
        self._groups = lists.groups
        for combo, items in (
            (self.new_discipline, lists.disciplines),
            (self.new_hospital, self._hospitals),
        ):
            keep_code = combo.currentData()
            combo.clear()
            for code, name in items:
                combo.addItem(code, code)
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
            if keep_code is not None:
                combo.setCurrentIndex(max(0, combo.findData(keep_code)))
        self.load_from.blockSignals(True)
        self.load_from.setDate(to_qdate(lists.week))
        self.load_from.blockSignals(False)
        self.current_expert = None
        self._set_enabled(False)
        if keep is not None:
            self.select_expert(keep)

    @Slot(int, Qt.SortOrder)
    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self.proxy.index_rows(self.model.rows)

    def select_expert(self, expert_id: int) -> None:
        for row, r in enumerate(self.model.rows):
            if r.id == expert_id:
                self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
                return

    def _set_enabled(self, on: bool) -> None:
        for w in (
            self.save_button,
            self.add_leave_button,
            self.remove_leave_button,
            self.serves,
            self.groups,
            self.max_echelon,
            self.limit,
        ):
            w.setEnabled(on)
        if not on:
            self.heading.setText(self.tr("Choose an expert in the list."))

    @Slot(QModelIndex, QModelIndex)
    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        r = self.model.row_at(self.proxy.mapToSource(current).row())
        self._show_expert(r)

    def _show_expert(self, r: es.ExpertRow) -> None:
        self.current_expert = r
        self._set_enabled(True)
        self.heading.setText(f"{r.name} — {r.discipline_name} ({r.hospital})")
        for lw, items, chosen in (
            (self.serves, self._hospitals, r.serves),
            (self.groups, self._groups, r.tumour_groups),
        ):
            lw.clear()
            for code, name in items:
                item = QListWidgetItem(f"{code} — {name}")
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked
                )
                lw.addItem(item)
        self.max_echelon.setCurrentIndex(self.max_echelon.findData(r.max_echelon))
        self.limit.setValue(-1 if r.max_sessions_per_week is None else r.max_sessions_per_week)
        self.leave_model.set_rows(r.leave)
        self._paint_leave(r.leave)
        self._show_load()

    @Slot()
    def _show_load(self) -> None:
        if self.current_expert is None:
            self.load_model.set_rows([])
            return
        start = from_qdate(self.load_from.date())
        self.query(
            es.weekly_load,
            self.current_expert.id,
            start,
            start + dt.timedelta(weeks=LOAD_WEEKS, days=-1),
            then=self.load_model.set_rows,
            key="load",
        )

    def leave_changed(self) -> None:
        """Reload the current expert after a leave edit (or its undo) and tell the others:
        planning must see the new availability."""
        if self.current_expert is not None:
            self.query(es.get_expert, self.current_expert.id, then=self._leave_loaded, key="leave")
        self.ctx.notify("experts")

    def leave_failed(self, failure: TaskFailure) -> None:
        """An undo or redo of a leave edit was refused: say so, and show what is stored."""
        self.show_failure(failure)
        self.leave_changed()

    def _leave_loaded(self, fresh: es.ExpertRow) -> None:
        self.current_expert = fresh
        self.leave_model.set_rows(fresh.leave)
        self._paint_leave(fresh.leave)

    def _paint_leave(self, periods: tuple[es.LeaveRow, ...]) -> None:
        """Mark every day on leave in the calendar (bold on a tint, not colour alone)."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears all marks
        fmt = QTextCharFormat()
        fmt.setBackground(warning_color(self))
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontUnderline(True)
        for p in periods:
            day = p.start
            while day <= p.end:
                self.calendar.setDateTextFormat(to_qdate(day), fmt)
                day += dt.timedelta(days=1)
        if periods:
            upcoming = [p for p in periods if p.end >= dt.date.today()] or list(periods)
            self.calendar.setCurrentPage(upcoming[0].start.year, upcoming[0].start.month)

    def leave_days(self) -> list[dt.date]:
        """Days marked as leave in the calendar (for tests and screen readers)."""
        marked = self.calendar.dateTextFormat()
        return sorted(from_qdate(d) for d, f in marked.items() if f.fontUnderline())

    # ------------------------------------------------------------------ actions
    @Slot(QDate)
    def _calendar_clicked(self, day: QDate) -> None:
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.leave_to.setDate(day)
        else:
            self.leave_from.setDate(day)
            self.leave_to.setDate(day)

    @Slot()
    def _from_changed(self) -> None:
        if self.leave_to.date() < self.leave_from.date():
            self.leave_to.setDate(self.leave_from.date())

    @staticmethod
    def _checked(lw: QListWidget) -> list[str]:
        return [
            lw.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(lw.count())
            if lw.item(i).checkState() == Qt.CheckState.Checked
        ]

    @Slot()
    def _save(self) -> None:
        r = self.current_expert
        if r is None:
            return
        limit = self.limit.value()
        self.mutate(
            es.update_expert,
            r.id,
            expected_version=r.version,
            serves=self._checked(self.serves),
            tumour_groups=self._checked(self.groups),
            max_echelon=self.max_echelon.currentData(),
            max_sessions_per_week=None if limit < 0 else limit,
            then=self._saved,
            user=self.ctx.user,
        )

    def _saved(self, saved: es.ExpertRow) -> None:
        self.current_expert = saved
        self.message.show_message(self.tr("{name} saved.").format(name=saved.name))
        self.ctx.notify("experts")

    @Slot()
    def _add_expert(self) -> None:
        name = self.new_name.text().strip()
        self.mutate(
            es.add_expert,
            self.new_code.text(),
            self.new_name.text(),
            self.new_discipline.currentData() or "",
            self.new_hospital.currentData() or "",
            then=lambda expert_id: self._expert_added(expert_id, name),
            user=self.ctx.user,
        )

    def _expert_added(self, expert_id: int, name: str) -> None:
        self.message.show_message(
            self.tr(
                "{name} added: choose the tumour groups and what else they may attend, then save."
            ).format(name=name)
        )
        self.new_code.clear()
        self.new_name.clear()
        self.search.clear()
        self.refresh(select=expert_id)
        self.ctx.notify("experts")

    @Slot()
    def _add_leave(self) -> None:
        r = self.current_expert
        if r is None:
            return
        start, end = from_qdate(self.leave_from.date()), from_qdate(self.leave_to.date())
        reason = self.leave_reason.text().strip() or None

        def added(leave_id: int) -> None:
            self.leave_reason.clear()
            self.undo_stack.push(AddLeaveCommand(self, r.id, leave_id, start, end, reason))
            self.leave_changed()
            self.show_leave_conflicts(r.id, r.name, start, end)

        self.mutate(es.add_leave, r.id, start, end, reason, then=added, user=self.ctx.user)

    def show_leave_conflicts(self, expert_id: int, name: str, start: dt.date, end: dt.date) -> None:
        """Say at once which published sessions the new leave breaks, and offer to plan
        those days again; without a conflict, say that nothing published is affected."""

        def failed(failure: TaskFailure) -> None:
            self.show_failure(failure)
            self._show_conflicts([], name, start, end)

        self.query(
            ss.leave_conflicts,
            expert_id,
            start,
            then=lambda conflicts: self._show_conflicts(conflicts, name, start, end),
            failed=failed,
        )

    def _show_conflicts(
        self, conflicts: list[ss.LeaveConflict], name: str, start: dt.date, end: dt.date
    ) -> None:
        hits = [c for c in conflicts if start <= c.date <= end]
        self._affected = sorted({c.date for c in hits})
        self.replan_button.setVisible(bool(hits))
        if not hits:
            self.message.show_message(
                self.tr("Leave added for {name}; no published session is affected.").format(
                    name=name
                )
            )
            return
        lines = [
            ("⚠ " if c.breaks_quorum else "• ")
            + c.session
            + (" — " + self.tr("quorum broken") if c.breaks_quorum else "")
            for c in hits
        ]
        self.message.show_message(
            self.tr(
                "Leave conflict: {name} attends {count} published session(s) in this period:"
            ).format(name=name, count=len(hits))
            + "\n"
            + "\n".join(lines)
            + "\n"
            + self.tr("Re-plan the affected days to find a replacement."),
            "warning",
        )

    @Slot()
    def _replan_affected(self) -> None:
        if not self._affected:
            return
        first, last = self._affected[0], self._affected[-1]
        self.replan_button.hide()
        self.ctx.replanRequested.emit(to_qdate(first), to_qdate(last))

    @Slot()
    def _remove_leave(self) -> None:
        r = self.current_expert
        index = self.leave_view.currentIndex()
        if r is None or not index.isValid():
            self.message.show_message(self.tr("Choose a leave period to remove."), "warning")
            return
        row = self.leave_model.row_at(index.row())

        def removed(_row: es.LeaveRow) -> None:
            self.message.clear()
            self.undo_stack.push(RemoveLeaveCommand(self, r.id, row))
            self.leave_changed()

        self.mutate(es.remove_leave, row.id, then=removed, user=self.ctx.user)
