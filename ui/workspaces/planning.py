"""Planning: run the planner in the background, watch it improve, review the proposal against
the published plan, fix it by hand, and publish it (or throw it away).

The solver runs in a worker (``AppContext.run_task``) so the window stays responsive; its
progress reports arrive in the GUI thread and feed the figures and the small cost chart.
Cancel stops CP-SAT through the solver's CancelToken within a second and the best plan found
so far is still stored and reviewed. Manual moves are checked against the contract's hard rules
before they are accepted, and each move can be undone.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDate,
    QMargins,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import plan_review as pr
from mdo_planner.services import sessions_service as ss
from ui.workspaces._support import (
    Column,
    MessageBar,
    RowTableModel,
    attempt,
    defer_if_hidden,
    display_text,
    error_color,
    from_qdate,
    invoke,
    std_icon,
    take_stale,
    to_qdate,
    warning_color,
)
from ui.workspaces.cases import level_label
from ui.workspaces.specialist_time import SpecialistTimeLabel
from ui.workspaces.words import breach_text, reason_text, session_text, trade_text

Index = QModelIndex | QPersistentModelIndex
CASE_MIME = "application/x-mdo-case-id"


def _labelled(label: str, value: str) -> str:
    """One line of the review's details pane: ``<p><b>label:</b> value</p>``, escaped."""
    return f"<p><b>{html.escape(label)}:</b> {html.escape(value)}</p>"


class ChangesModel(RowTableModel):
    """Review rows; a planned or unplanned case can be dragged onto a session."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CASE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(CASE_MIME, QByteArray(str(self.row_at(rows[0]).case_id).encode()))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class SessionsLoadModel(RowTableModel):
    """Per-session load of the proposal; a case dropped on a row asks to move there."""

    def __init__(self, columns: list[Column], workspace: PlanningWorkspace) -> None:
        super().__init__(columns, workspace)
        self._workspace = workspace

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CASE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(CASE_MIME) and parent.isValid()

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(CASE_MIME) or not parent.isValid():
            return False
        case_id = int(bytes(data.data(CASE_MIME).data()).decode())
        self._workspace.move_case(case_id, self.row_at(parent.row()).session_id)
        return False  # the review is reloaded; nothing to remove from the source view


class MoveCommand(QUndoCommand):
    """A checked move inside the proposal; undo puts the case back where it was."""

    def __init__(
        self,
        w: PlanningWorkspace,
        run_id: int,
        case_id: int,
        code: str,
        from_session: int | None,
        to_session: int,
        reason: str,
        was_pinned: bool = False,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("PlanningWorkspace", "Move %1").replace("%1", code)
        )
        self.w, self.run_id, self.case_id = w, run_id, case_id
        self.from_session, self.to_session, self.reason = from_session, to_session, reason
        self.was_pinned = was_pinned
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done (and checked) when the command was pushed
            self._first = False
            return
        ok, breaches = attempt(
            self.w.message,
            pr.move_case,
            self.w.ctx.db,
            self.w.ctx.user,
            self.run_id,
            self.case_id,
            self.to_session,
        )
        if ok and breaches:
            self.w.show_breaches(breaches)
        self.w.reload_review()

    def undo(self) -> None:
        if self.from_session is None:
            attempt(
                self.w.message,
                pr.unplace_case,
                self.w.ctx.db,
                self.w.ctx.user,
                self.run_id,
                self.case_id,
                self.reason,
            )
        else:
            ok, breaches = attempt(
                self.w.message,
                pr.move_case,
                self.w.ctx.db,
                self.w.ctx.user,
                self.run_id,
                self.case_id,
                self.from_session,
            )
            if ok and breaches:
                self.w.show_breaches(breaches)
        if not self.was_pinned:  # a move pins; undoing it takes the pin away again
            attempt(self.w.message, pr.pin_case, self.w.ctx.db, self.w.ctx.user, self.case_id, None)
        self.w.reload_review()


class PlanningWorkspace(QWidget):
    """Horizon and time limit, live progress, and the review of the proposal."""

    #: the "Session, or why not" column of the review
    REASON_COLUMN = 7

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("planningWorkspace")
        self.title = self.tr("Planning")
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self.task: Any = None
        self.run_id: int | None = None
        self.current_review: pr.Review | None = None
        self._t0_points: list[tuple[float, float]] = []
        self.message = MessageBar(self)

        # -- run controls
        today = dt.date.today()
        self.date_from = QDateEdit(to_qdate(today))
        self.date_to = QDateEdit(to_qdate(today + dt.timedelta(weeks=4)))
        for w, name in (
            (self.date_from, self.tr("Horizon from")),
            (self.date_to, self.tr("Horizon to")),
        ):
            w.setCalendarPopup(True)
            w.setAccessibleName(name)
        self.time_limit = QSpinBox()
        self.time_limit.setRange(1, 3600)
        self.time_limit.setValue(int(ctx.settings.value("planning/time_limit", 30)))
        self.time_limit.setSuffix(self.tr(" s"))
        self.time_limit.setAccessibleName(self.tr("Time limit"))
        self.plan_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_MediaPlay), self.tr("&Plan")
        )
        self.plan_button.setToolTip(self.tr("Run the planner (F5)"))
        self.plan_button.clicked.connect(self.start_planning)
        self.cancel_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_MediaStop), self.tr("Cancel")
        )
        self.cancel_button.setToolTip(self.tr("Stop and keep the best plan found (Esc)"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_planning)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Horizon")))
        controls.addWidget(self.date_from)
        controls.addWidget(QLabel("–"))
        controls.addWidget(self.date_to)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("Time limit")))
        controls.addWidget(self.time_limit)
        controls.addSpacing(16)
        self.stability_box = QComboBox()
        self.stability_box.setAccessibleName(self.tr("Stability"))
        self.stability_box.setToolTip(
            self.tr(
                "How much a move of a published case beyond the freeze window costs (the "
                "contract's 'moved' weight times this factor); sent agendas never move"
            )
        )
        for factor, label in (
            (0.5, self.tr("low (½×)")),
            (1.0, self.tr("normal (1×)")),
            (2.0, self.tr("high (2×)")),
            (4.0, self.tr("very high (4×)")),
        ):
            self.stability_box.addItem(label, factor)
        self.stability_box.activated.connect(self._stability_chosen)
        controls.addWidget(QLabel(self.tr("Stability")))
        controls.addWidget(self.stability_box)
        controls.addSpacing(16)
        controls.addWidget(self.plan_button)
        controls.addWidget(self.cancel_button)
        controls.addStretch(1)

        # -- progress panel
        progress = QGroupBox(self.tr("Progress"))
        pg = QGridLayout(progress)
        # in the secretary's words: how many cases get a place, how many do not, how many
        # too late, and how close the plan is to the best possible one; the solver's own
        # figures (cost, lower bound) sit in a details line for the curious
        self.fig_phase = QLabel("–")
        self.fig_planned = QLabel("–")
        self.fig_unplanned = QLabel("–")
        self.fig_late = QLabel("–")
        self.fig_quality = QLabel("–")
        self.fig_quality.setToolTip(
            self.tr(
                "100 % means no plan can be better under the rules; the planner proves this by a "
                "lower bound on the cost"
            )
        )
        self.fig_elapsed = QLabel("–")
        self.fig_cost = QLabel("–")
        self.fig_bound = QLabel("–")
        self.fig_gap = QLabel("–")
        self.fig_details = QLabel("")
        self.fig_details.setObjectName("progressDetails")
        self.fig_details.setWordWrap(False)
        self.fig_details.setEnabled(False)  # greyed: a details line, not a headline
        figures = (
            (self.tr("Status"), self.fig_phase),
            (self.tr("Planned"), self.fig_planned),
            (self.tr("Unplanned"), self.fig_unplanned),
            (self.tr("After the due date"), self.fig_late),
            (self.tr("Close to the best possible plan"), self.fig_quality),
            (self.tr("Elapsed"), self.fig_elapsed),
        )
        for i, (caption, label) in enumerate(figures):
            cap = QLabel(caption + ":")
            pg.addWidget(cap, i, 0)
            f = label.font()
            f.setBold(True)
            label.setFont(f)
            label.setAccessibleName(caption)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            pg.addWidget(label, i, 1)
        pg.addWidget(self.fig_details, len(figures), 0, 1, 3)
        self.cost_series = QLineSeries()
        self.cost_series.setName(self.tr("best cost"))
        self.bound_series = QLineSeries()
        self.bound_series.setName(self.tr("lower bound"))
        self.chart = QChart()
        self.chart.addSeries(self.cost_series)
        self.chart.addSeries(self.bound_series)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        # legend beside the plot: below it, it would leave too little height for the
        # value labels, which Qt then elides to "..."
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.axis_x = QValueAxis()
        self.axis_x.setTitleText(self.tr("seconds"))
        self.axis_x.setLabelFormat("%.0f")
        self.axis_x.setRange(0, 30)
        self.axis_x.setTickCount(7)
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%.0f")
        self.axis_y.setRange(0, 1000)
        self.axis_y.setTickCount(3)
        self.chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (self.cost_series, self.bound_series):
            series.attachAxis(self.axis_x)
            series.attachAxis(self.axis_y)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("costChart")
        self.chart_view.setAccessibleName(self.tr("Cost over time"))
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumSize(320, 130)
        progress.setMinimumHeight(120)
        pg.addWidget(self.chart_view, 0, 2, len(figures), 1)
        pg.setColumnStretch(2, 1)
        self._style_chart()

        # -- review
        review = QGroupBox(self.tr("Review of the proposal against the published plan"))
        rv = QVBoxLayout(review)
        self.summary = QLabel(self.tr("Run the planner to get a proposal."))
        self.summary.setWordWrap(True)
        rv.addWidget(self.summary)
        self.specialist_time = SpecialistTimeLabel(ctx, review)
        rv.addWidget(self.specialist_time)
        icons = {
            "new": std_icon(self, QStyle.StandardPixmap.SP_FileDialogNewFolder),
            "moved": std_icon(self, QStyle.StandardPixmap.SP_ArrowRight),
            "unchanged": std_icon(self, QStyle.StandardPixmap.SP_DialogApplyButton),
            "unplanned": std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        kinds = {
            "new": self.tr("newly planned"),
            "moved": self.tr("moved"),
            "unchanged": self.tr("unchanged"),
            "unplanned": self.tr("unplanned"),
        }
        self.changes_model = ChangesModel(
            [
                Column(
                    self.tr("Change"),
                    lambda r: kinds[r.kind],
                    icon=lambda r: icons[r.kind],
                    sort=lambda r: (pr.KINDS.index(r.kind), r.session_date or dt.date.max, r.code),
                    background=lambda r: warning_color(self) if r.kind == "unplanned" else None,
                ),
                Column(
                    self.tr("Case"),
                    lambda r: r.code + (" ⚑" if r.urgent else "") + (" 📌" if r.pinned else ""),
                    sort=lambda r: r.code,
                    tooltip=lambda r: (
                        "; ".join(
                            ([self.tr("⚑ urgent")] if r.urgent else [])
                            + ([self.tr("📌 pinned to its session")] if r.pinned else [])
                        )
                        or None
                    ),
                ),
                Column(self.tr("Patient"), lambda r: r.patient_ref),
                Column(self.tr("Group"), lambda r: r.tumour_group),
                Column(self.tr("Level"), lambda r: level_label(r.level), sort=lambda r: r.level),
                Column(self.tr("Due"), lambda r: r.due),
                Column(
                    self.tr("Late"),
                    lambda r: self.tr("%n day(s) late", "", r.days_late) if r.days_late else "",
                    sort=lambda r: r.days_late,
                    tooltip=lambda r: (
                        self.tr("The proposed session lies after the due date")
                        if r.days_late
                        else None
                    ),
                    background=lambda r: error_color(self) if r.days_late else None,
                ),
                Column(
                    self.tr("Session, or why not"),
                    lambda r: session_text(r.session) or reason_text(r.reason),
                    sort=lambda r: (r.session_date or dt.date.max, r.session, r.reason),
                    tooltip=lambda r: reason_text(r.reason) or None,
                ),
                Column(self.tr("Was"), lambda r: session_text(r.previous)),
                Column(
                    self.tr("Registered late"),
                    lambda r: (
                        (self.tr("after the cut-off of %1").replace("%1", r.late)) if r.late else ""
                    ),
                    tooltip=lambda r: (
                        self.tr(
                            "Registered after the cut-off of session %1: "
                            "it goes onto that agenda only when you admit "
                            "it with the chair's name"
                        ).replace("%1", r.late)
                        if r.late
                        else None
                    ),
                    background=lambda r: warning_color(self) if r.late else None,
                ),
            ],
            self,
        )
        self.changes_view = self._table(self.changes_model, "changesTable", self.tr("Changes"))
        self.changes_view.setDragEnabled(True)
        self.changes_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.changes_view.selectionModel().currentRowChanged.connect(self._case_selected)
        self.changes_view.horizontalHeader().setSectionResizeMode(
            self.REASON_COLUMN, QHeaderView.ResizeMode.Interactive
        )
        self.changes_view.horizontalHeader().resizeSection(self.REASON_COLUMN, 420)
        # a work list: click a header to sort; the first order is the service's
        # (change kind, then date)
        self.changes_view.setSortingEnabled(True)
        self.changes_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.changes_view.doubleClicked.connect(self._open_case_of)

        self.filter_box = QComboBox()
        self.filter_box.setObjectName("reviewFilter")
        self.filter_box.setAccessibleName(self.tr("Show"))
        for key, label in (
            ("all", self.tr("All cases")),
            ("unplanned", self.tr("Unplanned")),
            ("late", self.tr("After the due date")),
            ("moved", self.tr("Moved")),
            ("changed", self.tr("In a changed session")),
            ("registered_late", self.tr("Registered late")),
        ):
            self.filter_box.addItem(label, key)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.filter_count = QLabel("")
        self.details = QTextBrowser()
        self.details.setObjectName("reviewDetails")
        self.details.setAccessibleName(self.tr("Details of the selected case"))
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._details_link)
        self.details.setPlaceholderText(self.tr("Select a case to see why it is where it is."))
        self.open_case_button = QPushButton(self.tr("&Open case…"))
        self.open_case_button.setToolTip(
            self.tr(
                "Open the case to confirm its level or fix its data, then come back (double-click)"
            )
        )
        self.open_case_button.clicked.connect(self.open_selected_case)

        self.loads_model = SessionsLoadModel(
            [
                Column(
                    self.tr("Session"),
                    lambda r: (
                        session_text(r.label) + (" · " + self.tr("agenda sent") if r.frozen else "")
                    ),
                    sort=lambda r: (r.date, r.code),
                    tooltip=lambda r: (
                        self.tr("Agenda sent: its cases and attendees stay put")
                        if r.frozen
                        else None
                    ),
                ),
                Column(
                    self.tr("Load"),
                    lambda r: f"{r.used_minutes} / {r.capacity} min",
                    sort=lambda r: r.used_minutes / max(r.capacity, 1),
                ),
                Column(self.tr("Cases"), lambda r: r.cases, align_right=True),
                Column(self.tr("Attendees"), lambda r: r.attendees, align_right=True),
                Column(
                    self.tr("Missing disciplines"),
                    lambda r: ", ".join(r.missing) if r.missing else self.tr("none"),
                    icon=lambda r: icons["unplanned"] if r.missing else icons["unchanged"],
                    background=lambda r: error_color(self) if r.missing else None,
                ),
                Column(
                    self.tr("Joins"),
                    lambda r: ", ".join(r.joins),
                    tooltip=lambda r: ", ".join(r.joins) or None,
                ),
                Column(
                    self.tr("Leaves"),
                    lambda r: ", ".join(r.leaves),
                    tooltip=lambda r: ", ".join(r.leaves) or None,
                    background=lambda r: warning_color(self) if r.leaves else None,
                ),
                Column(
                    self.tr("Cases in / out"),
                    lambda r: (
                        f"+{len(r.cases_in)} / −{len(r.cases_out)}"
                        if r.cases_in or r.cases_out
                        else ""
                    ),
                    tooltip=lambda r: (
                        " ".join([f"+{c}" for c in r.cases_in] + [f"−{c}" for c in r.cases_out])
                        or None
                    ),
                ),
            ],
            self,
        )
        self.loads_view = self._table(
            self.loads_model, "sessionLoadTable", self.tr("Per-session load")
        )
        self.loads_view.setAcceptDrops(True)
        self.loads_view.setDropIndicatorShown(True)
        self.loads_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.filter_box)
        filters.addWidget(self.filter_count, 1)
        filters.addWidget(self.open_case_button)
        rv.addLayout(filters)
        side = QSplitter(Qt.Orientation.Horizontal)
        side.setObjectName("reviewSideSplitter")
        side.addWidget(self.changes_view)
        side.addWidget(self.details)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        side.setSizes([900, 320])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(side)
        split.addWidget(self.loads_view)
        split.setSizes([420, 180])
        rv.addWidget(split, 1)

        edit = QHBoxLayout()
        self.target_box = QComboBox()
        self.target_box.setObjectName("moveTargets")
        self.target_box.setAccessibleName(self.tr("Move to session"))
        self.show_all_targets = QCheckBox(self.tr("Show all, with why not"))
        self.show_all_targets.setObjectName("showAllTargets")
        self.show_all_targets.setToolTip(
            self.tr("Also list the sessions a move would be refused for, with the rule it breaks")
        )
        self.show_all_targets.toggled.connect(self._fill_targets)
        self._options: list[pr.MoveOption] = []
        self.target_box.setMinimumContentsLength(40)
        self.target_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.move_button = QPushButton(self.tr("&Move to session"))
        self.move_button.setToolTip(
            self.tr("Move the selected case (checked against the hard rules); Ctrl+Z undoes")
        )
        self.move_button.clicked.connect(self.move_selected)
        self.pin_button = QPushButton(self.tr("P&in to its session"))
        self.pin_button.clicked.connect(self.pin_selected)
        self.unpin_button = QPushButton(self.tr("Unpin"))
        self.unpin_button.clicked.connect(self.unpin_selected)
        edit.addWidget(self.target_box, 1)
        edit.addWidget(self.show_all_targets)
        edit.addWidget(self.move_button)
        edit.addSpacing(12)
        edit.addWidget(self.pin_button)
        edit.addWidget(self.unpin_button)
        self.admit_button = QPushButton(self.tr("Admit &late…"))
        self.admit_button.setToolTip(
            self.tr(
                "Put a late registration on the agenda whose "
                "cut-off it missed, with the chair's agreement"
            )
        )
        self.admit_button.clicked.connect(self.admit_selected)
        edit.addWidget(self.admit_button)
        rv.addLayout(edit)
        decide = QHBoxLayout()
        self.accept_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_DialogApplyButton),
            self.tr("&Accept and publish"),
        )
        self.accept_button.clicked.connect(self.accept_plan)
        self.discard_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_DialogDiscardButton), self.tr("&Discard")
        )
        self.discard_button.clicked.connect(self.discard_plan)
        decide.addStretch(1)
        decide.addWidget(self.discard_button)
        decide.addWidget(self.accept_button)
        rv.addLayout(decide)

        # the progress panel and the review share the height: drag the handle to give the
        # review the room a long work list needs
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("planningSplitter")
        self.main_split.addWidget(progress)
        self.main_split.addWidget(review)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 1)
        # never shorter than its figures need (150 px clipped the status and details lines)
        self.main_split.setSizes([max(150, progress.minimumSizeHint().height()), 740])
        self.main_split.setCollapsible(0, False)
        self.main_split.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.main_split, 1)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.start_planning)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_planning)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M), self, self.move_selected)
        self._set_review_enabled(False)
        ctx.databaseChanged.connect(self._database_changed)
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.replanRequested.connect(self.replan_days)
        self._database_changed()

    # ------------------------------------------------------------------ helpers
    def _table(self, model: RowTableModel, name: str, accessible: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return view

    def _style_chart(self) -> None:
        pal = self.palette()
        dark = pal.color(pal.ColorRole.Window).lightness() < 128
        self.chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        self.chart.setBackgroundBrush(pal.color(pal.ColorRole.Base))
        text = pal.color(pal.ColorRole.WindowText)
        self.chart.legend().setLabelColor(text)
        for axis in (self.axis_x, self.axis_y):
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
        self.cost_series.setColor(QColor("#4e79a7"))
        self.bound_series.setColor(QColor("#59a14f"))

    def showEvent(self, event: Any) -> None:
        self.undo_stack.setActive(True)
        if take_stale(self):
            self.reload_review()
        super().showEvent(event)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    def _set_review_enabled(self, on: bool) -> None:
        for w in (
            self.accept_button,
            self.discard_button,
            self.move_button,
            self.pin_button,
            self.unpin_button,
            self.admit_button,
            self.target_box,
            self.show_all_targets,
        ):
            w.setEnabled(on and not self.running)

    # ------------------------------------------------------------------ loading
    @Slot()
    @Slot(int)
    def _stability_chosen(self, index: int) -> None:
        factor = float(self.stability_box.itemData(index))
        ok, _ = attempt(
            self.message, pr.plan_stability.set_stability, self.ctx.db, self.ctx.user, factor
        )
        if ok:
            self.message.show_message(
                self.tr("Stability set to %1: the next plan run uses it.").replace(
                    "%1", self.stability_box.itemText(index)
                )
            )

    def _show_stability(self) -> None:
        ok, factor = attempt(self.message, pr.plan_stability.get_stability, self.ctx.db)
        if ok:
            i = self.stability_box.findData(factor)
            if i < 0:
                self.stability_box.addItem(f"{factor:g}×", factor)
                i = self.stability_box.count() - 1
            self.stability_box.setCurrentIndex(i)

    @Slot()
    def admit_selected(self) -> None:
        """A late registration goes onto the agenda whose cut-off it missed only by this
        explicit action, with the name of the chair who agreed."""
        row = self.selected_row()
        if row is None or not row.late or self.current_review is None:
            self.message.show_message(self.tr("Choose a case marked late."), "warning")
            return
        from PySide6.QtWidgets import QInputDialog

        chair, ok = QInputDialog.getText(
            self,
            self.tr("Admit a late registration"),
            self.tr(
                "%1 was registered after the cut-off of session %2. Name of the chair "
                "who agreed to add it:"
            )
            .replace("%1", row.code)
            .replace("%2", row.late),
        )
        if not ok:
            return
        ok, session_id = attempt(self.message, pr.session_id_of, self.ctx.db, row.late)
        if not ok:
            return
        ok, _ = attempt(
            self.message,
            pr.plan_stability.admit_late,
            self.ctx.db,
            self.ctx.user,
            row.case_id,
            session_id,
            chair,
        )
        if ok:
            self.message.show_message(
                self.tr("%1 admitted to %2 with the agreement of %3; plan again to place it.")
                .replace("%1", row.code)
                .replace("%2", row.late)
                .replace("%3", chair.strip())
            )
            self.ctx.notify("cases")

    def _database_changed(self) -> None:
        if not self.ctx.has_db:
            return
        self.undo_stack.clear()
        monday = ss.default_week(self.ctx.db)
        self.date_from.setDate(to_qdate(monday))
        self.date_to.setDate(to_qdate(monday + dt.timedelta(weeks=2, days=-3)))
        self.run_id = pr.latest_run(self.ctx.db)
        self._show_stability()
        self.reload_review()

    @Slot(str)
    def _on_data_changed(self, entity: str) -> None:
        if entity == "plan" or self.run_id is None:
            return
        # sessions or experts changed under an open proposal: the per-session figures move
        if entity in ("sessions", "experts") and not defer_if_hidden(self):
            self.reload_review()

    @Slot()
    def refresh(self) -> None:
        self.reload_review()

    def reload_review(self) -> None:
        if self.run_id is None:
            self.current_review = None
            self.changes_model.set_rows([])
            self.loads_model.set_rows([])
            self.filter_count.setText("")
            self.details.clear()
            self.summary.setText(self.tr("Run the planner to get a proposal."))
            self.specialist_time.clear_run()
            self._set_review_enabled(False)
            return
        ok, review = attempt(self.message, pr.review, self.ctx.db, self.run_id)
        if not ok:
            self.run_id = None
            self.reload_review()
            return
        keep = self.selected_case_id()
        self.current_review = review
        self._apply_filter()
        self.loads_model.set_rows(review.sessions)
        missing = sum(1 for x in review.sessions if x.missing)
        text = self.tr(
            "Proposal %1 (%2): %3 newly planned, %4 moved, %5 unchanged, "
            "%6 unplanned; %8 session(s) changed, %7 lack a discipline."
        )
        for key, value in (
            ("%1", str(review.run_id)),
            ("%2", self.status_text(review.status)),
            ("%3", str(review.count("new"))),
            ("%4", str(review.count("moved"))),
            ("%5", str(review.count("unchanged"))),
            ("%6", str(review.count("unplanned"))),
            ("%7", str(missing)),
            ("%8", str(review.changed_sessions)),
        ):
            text = text.replace(key, value)
        late = sum(1 for r in review.rows if r.late)
        if late:
            text += " " + self.tr("%1 late registration(s).").replace("%1", str(late))
        past_due = sum(1 for r in review.rows if r.days_late)
        if past_due:
            text += " " + self.tr("%1 case(s) planned after the due date.").replace(
                "%1", str(past_due)
            )
        if not review.sessions:
            text += " " + self.tr("No session of the horizon received a case.")
        if review.trade:
            text += " " + self.tr("What the moves buy: %1.").replace("%1", trade_text(review.trade))
        self.summary.setText(text)
        self.specialist_time.show_run(review.run_id, *review.horizon)
        if not self.running:
            self._show_figures(review)
        editable = not review.published and not review.discarded
        self._set_review_enabled(editable)
        if keep is not None:
            self.select_case(keep)

    # ------------------------------------------------------------------ running
    @Slot()
    def start_planning(self) -> None:
        if self.running:
            return
        start, end = from_qdate(self.date_from.date()), from_qdate(self.date_to.date())
        if end < start:
            self.message.show_message(self.tr("The horizon ends before it starts."), "error")
            return
        self.ctx.settings.setValue("planning/time_limit", self.time_limit.value())
        self.message.clear()
        self.cost_series.clear()
        self.bound_series.clear()
        self.axis_x.setRange(0, max(5, self.time_limit.value()))
        self.axis_y.setRange(0, 1000)
        for label in (
            self.fig_cost,
            self.fig_bound,
            self.fig_gap,
            self.fig_unplanned,
            self.fig_planned,
            self.fig_late,
            self.fig_quality,
        ):
            label.setText("–")
        self.fig_details.setText("")
        self.fig_phase.setText(self.tr("starting"))
        self.fig_elapsed.setText("0 s")
        self.task = self.ctx.run_task(
            pr.propose_plan,
            self.ctx.db,
            self.ctx.user,
            start,
            end,
            float(self.time_limit.value()),
            on_success=self._planned,
            on_failure=self._plan_failed,
            on_progress=self._progress,
            cancellable=True,
            description=self.tr("Planning…"),
            writes=True,
        )
        self.plan_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._set_review_enabled(False)

    @Slot(QDate, QDate)
    def replan_days(self, first: QDate, last: QDate) -> None:
        """Plan again only the given days (a leave conflict): the rest of the published
        plan is outside the horizon and stays as it is."""
        if self.running:
            self.message.show_message(self.tr("The planner is already running."), "warning")
            return
        self.date_from.setDate(first)
        self.date_to.setDate(last)
        self.ctx.workspaceRequested.emit("planning")
        self.start_planning()

    @Slot()
    def cancel_planning(self) -> None:
        if self.running:
            self.fig_phase.setText(self.tr("stopping…"))
            self.cancel_button.setEnabled(False)
            self.task.cancel()

    def phase_text(self, phase: str) -> str:
        return {
            "constructive": self.tr("first plan made, improving"),
            "improve": self.tr("improving"),
            "improving": self.tr("improving"),
            "done": self.tr("finishing"),
        }.get(phase, self.tr("improving"))

    def status_text(self, status: str) -> str:
        """A stored run's solver status in words (never the raw OPTIMAL / FEASIBLE)."""
        return {
            "OPTIMAL": self.tr("best possible plan"),
            "FEASIBLE": self.tr("good plan, time limit reached"),
            "CANCELLED": self.tr("stopped, best plan so far"),
        }.get(status, status)

    def _show_quality(self, cost: float | None, bound: float | None, constant: float = 0.0) -> None:
        """ "How close to the best possible plan" as a plain percentage, and the solver's
        figures in the details line."""
        if cost is None:
            return
        self.fig_cost.setText(display_text(int(cost)))
        if bound is not None:
            self.fig_bound.setText(display_text(int(bound)))
        if bound is None:
            close = None
        elif cost <= 0:
            close = 100.0
        else:
            close = max(0.0, min(100.0, 100.0 * bound / cost))
        self.fig_quality.setText("–" if close is None else f"{display_text(close)} %")
        if bound is not None and cost > 0:
            # the gap on what the planner decides: the constant is in cost and bound alike
            decided = cost - constant
            gap = 0.0 if decided <= 0 else max(0.0, (cost - bound) / decided)
            self.fig_gap.setText(f"{display_text(100.0 * gap)} %")
        self.fig_details.setText(
            self.tr(
                "Details: cost %1, proven lower bound %2, gap %3 on what the planner "
                "decides; %4 fixed (cases no session can take)"
            )
            .replace("%1", self.fig_cost.text())
            .replace("%2", self.fig_bound.text())
            .replace("%3", self.fig_gap.text())
            .replace("%4", display_text(int(constant)))
        )
        # the line is cut at the panel's width: the whole of it on hover
        self.fig_details.setToolTip(self.fig_details.text())

    def _progress(self, p: Any) -> None:
        """Show one progress report (GUI thread)."""
        self.fig_phase.setText(self.phase_text(str(p.phase)))
        self.fig_elapsed.setText(f"{display_text(float(p.elapsed_s))} s")
        if p.best_cost is not None:
            self.cost_series.append(float(p.elapsed_s), float(p.best_cost))
        if p.bound is not None:
            self.bound_series.append(float(p.elapsed_s), float(p.bound))
        self._show_quality(p.best_cost, p.bound, getattr(p, "constant", 0) or 0)
        if getattr(p, "unplanned", None) is not None:
            self.fig_unplanned.setText(display_text(int(p.unplanned)))
        if getattr(p, "planned", None) is not None:
            self.fig_planned.setText(display_text(int(p.planned)))
        self._fit_axes(float(p.elapsed_s))

    def _fit_axes(self, elapsed: float) -> None:
        ys = [pt.y() for pt in self.cost_series.points()] + [
            pt.y() for pt in self.bound_series.points()
        ]
        if ys:
            # zoom on the band between bound and cost, where the improvement is visible
            low, high = min(ys), max(ys)
            pad = max(1.0, (high - low) * 0.1)
            self.axis_y.setRange(max(0.0, low - pad), high + pad)
        if elapsed > self.axis_x.max() or not self.running:
            self.axis_x.setRange(0, max(1.0, elapsed * 1.1))
            self.axis_x.applyNiceNumbers()

    def _finish(self) -> None:
        self.plan_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _planned(self, run_id: int) -> None:
        self._finish()
        self.run_id = int(run_id)
        self.undo_stack.clear()
        self.reload_review()
        review = self.current_review
        if review is not None and review.status == "CANCELLED":
            self.message.show_message(
                self.tr("Stopped; the best plan found so far is shown for review."), "warning"
            )
        self.ctx.notify("plan")

    def _show_figures(self, review: pr.Review | None) -> None:
        """The final figures of a run (also when a stored proposal is reopened)."""
        self.cost_series.clear()
        self.bound_series.clear()
        if review is not None and review.progress:
            for elapsed, cost, bound in review.progress:
                if cost is not None:
                    self.cost_series.append(float(elapsed), float(cost))
                if bound is not None:
                    self.bound_series.append(float(elapsed), float(bound))
            self._fit_axes(max(float(p[0]) for p in review.progress))
        if review is not None:
            self.fig_phase.setText(self.status_text(review.status))
            self._show_quality(review.objective, review.bound, review.constant)
            if review.wall_s is not None:
                self.fig_elapsed.setText(f"{display_text(float(review.wall_s))} s")
            self.fig_unplanned.setText(display_text(review.count("unplanned")))
            self.fig_planned.setText(display_text(len(review.rows) - review.count("unplanned")))
            self.fig_late.setText(display_text(sum(1 for r in review.rows if r.days_late)))

    def _plan_failed(self, failure: Any) -> None:
        self._finish()
        self.fig_phase.setText(self.tr("failed"))
        self.message.show_message(str(failure), "error")
        self._set_review_enabled(self.run_id is not None)

    # ------------------------------------------------------------------ review edits
    def selected_row(self) -> pr.ReviewRow | None:
        index = self.changes_view.currentIndex()
        return self.changes_model.row_at(index.row()) if index.isValid() else None

    def selected_case_id(self) -> int | None:
        row = self.selected_row()
        return row.case_id if row else None

    def select_case(self, case_id: int) -> bool:
        for i, r in enumerate(self.changes_model.rows):
            if r.case_id == case_id:
                self.changes_view.setCurrentIndex(self.changes_model.index(i, 0))
                return True
        return False

    # ------------------------------------------------------------------ work list
    def _matches(self, r: pr.ReviewRow, key: str, changed: set[int]) -> bool:
        if key == "unplanned":
            return r.kind == "unplanned"
        if key == "late":
            return r.days_late > 0
        if key == "moved":
            return r.kind == "moved"
        if key == "changed":
            return r.session_id in changed or r.previous_session_id in changed
        if key == "registered_late":
            return bool(r.late)
        return True

    @Slot()
    def _apply_filter(self) -> None:
        """Show the rows of the chosen filter, in the order of the sorted header."""
        review = self.current_review
        rows = list(review.rows) if review is not None else []
        key = str(self.filter_box.currentData() or "all")
        changed = {x.session_id for x in review.sessions if x.changed} if review else set()
        shown = [r for r in rows if self._matches(r, key, changed)]
        keep = self.selected_case_id()
        self.changes_model.set_rows(shown)
        header = self.changes_view.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.changes_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.filter_count.setText(
            self.tr("%1 of %2 cases").replace("%1", str(len(shown))).replace("%2", str(len(rows)))
            if review
            else ""
        )
        if keep is None or not self.select_case(keep):
            self._show_details(None)
            self.target_box.clear()

    def set_filter(self, key: str) -> None:
        self.filter_box.setCurrentIndex(max(0, self.filter_box.findData(key)))

    @Slot(QModelIndex, QModelIndex)
    def _case_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # a refusal or warning is about the case it was said of: not about this one
        if self.message.kind in ("error", "warning"):
            self.message.clear()
        self.target_box.clear()
        self._options = []
        if not current.isValid() or self.run_id is None:
            self._show_details(None)
            return
        row = self.changes_model.row_at(current.row())
        ok, options = attempt(self.message, pr.move_options, self.ctx.db, self.run_id, row.case_id)
        self._options = list(options) if ok else []
        self._fill_targets()
        self._show_details(row)

    def option_text(self, o: pr.MoveOption) -> str:
        """ "Wed 6 Jan 2027 13:00 · BREAST regional · H2 — 22 min free · after the due date"."""
        text = (
            session_text(o.label)
            + " — "
            + self.tr("%1 of %2 min free")
            .replace("%1", display_text(o.free_minutes))
            .replace("%2", display_text(o.capacity))
        )
        if o.late:
            text += " · " + self.tr("after the due date")
        if o.current:
            text += " · " + self.tr("now here")
        return text

    @Slot()
    def _fill_targets(self) -> None:
        """Only the sessions a move is allowed to (the hard rules decide); the others behind
        "Show all, with why not", disabled and with the rule they break."""
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        row = self.selected_row()
        model = QStandardItemModel(self.target_box)
        outside = row is not None and not row.plannable
        if outside:
            # not in the planning pool (no confirmed level, on hold, …): no session to offer;
            # the way forward is the case itself (double-click or Open case…)
            item = QStandardItem(self.tr("No move: %1").replace("%1", reason_text(row.reason)))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            model.appendRow(item)
        for o in [] if outside else self._options:
            if not o.allowed and not self.show_all_targets.isChecked():
                continue
            text = self.option_text(o)
            if not o.allowed:
                # the first broken rule in the list (the date stays readable), all of
                # them in the tooltip
                text += " — " + self.tr("not allowed: %1").replace(
                    "%1", breach_text(str(o.breaches[0]))
                )
            item = QStandardItem(("✓ " if o.allowed else "✗ ") + text)
            item.setData(o.session_id, Qt.ItemDataRole.UserRole)
            item.setToolTip("\n".join(breach_text(str(b)) for b in o.breaches) or text)
            if not o.allowed:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            model.appendRow(item)
        self.move_button.setEnabled(self.accept_button.isEnabled() and not outside)
        if model.rowCount() == 0:
            item = QStandardItem(self.tr("No session of the horizon can take this case"))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            model.appendRow(item)
        self.target_box.setModel(model)
        self.target_box.view().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.target_box.view().setMinimumWidth(max(self.target_box.width(), 900))
        current = row.session_id if row is not None else None
        first = next(
            (
                i
                for i in range(model.rowCount())
                if model.item(i).isEnabled()
                and model.item(i).data(Qt.ItemDataRole.UserRole) != current
            ),
            -1,
        )
        if first < 0:  # nowhere else to go: show where it is now rather than a blank box
            first = next(
                (
                    i
                    for i in range(model.rowCount())
                    if model.item(i).data(Qt.ItemDataRole.UserRole) == current
                ),
                0,
            )
        self.target_box.setCurrentIndex(first)

    def _show_details(self, row: pr.ReviewRow | None) -> None:
        """The full reason, why the case sits where it does and where else it could go."""
        if row is None:
            self.details.clear()
            return
        e = html.escape
        parts = [
            f"<h3>{e(row.code)}{' ⚑' if row.urgent else ''}</h3>",
            "<p>"
            + e(
                self.tr("Patient %1 · %2 · level %3 · due %4")
                .replace("%1", row.patient_ref)
                .replace("%2", row.tumour_group)
                .replace("%3", level_label(row.level))
                .replace("%4", display_text(row.due))
            )
            + "</p>",
        ]
        if row.session:
            parts.append(_labelled(self.tr("Proposed session"), session_text(row.session)))
        if row.days_late:
            parts.append(
                "<p><b>⚠ "
                + e(self.tr("%n day(s) after the due date", "", row.days_late))
                + "</b></p>"
            )
        if row.previous:
            parts.append(_labelled(self.tr("Published in"), session_text(row.previous)))
        if row.reason:
            parts.append(_labelled(self.tr("Why not planned"), reason_text(row.reason)))
        if row.cost_terms:
            names = {
                "late": self.tr("late"),
                "escalation": self.tr("higher level"),
                "wait": self.tr("waiting"),
                "moved": self.tr("moved"),
            }
            terms = ", ".join(f"{names[k]} {v}" for k, v in row.cost_terms if v)
            parts.append(
                "<p><b>"
                + e(self.tr("Why here"))
                + ":</b> "
                + e(
                    self.tr("cost %1").replace("%1", terms)
                    if terms
                    else self.tr("no cost: on time, at its own level")
                )
                + "</p>"
            )
        if row.alternative:
            delta = row.alternative_delta or 0
            parts.append(
                "<p><b>"
                + e(self.tr("Next best place"))
                + ":</b> "
                + e(session_text(row.alternative))
                + " "
                + e(self.tr("(%1 more cost)").replace("%1", f"{delta:+d}"))
                + f" <a href='move:{row.alternative_session_id}'>"
                + e(self.tr("Move there"))
                + "</a></p>"
            )
        if row.kind == "unplanned" and row.plannable:
            fits = [o for o in self._options if o.allowed]
            near = sorted(
                (o for o in self._options if not o.allowed), key=lambda o: (len(o.breaches), o.date)
            )[:3]
            if fits:
                parts.append(
                    "<p><b>"
                    + e(self.tr("It fits now in"))
                    + ":</b></p><ul>"
                    + "".join(
                        f"<li><a href='move:{o.session_id}'>{e(self.option_text(o))}</a></li>"
                        for o in fits[:5]
                    )
                    + "</ul>"
                )
            if near:
                parts.append(
                    "<p><b>"
                    + e(self.tr("Sessions that would take it if …"))
                    + "</b></p><ul>"
                    + "".join(
                        f"<li>{e(session_text(o.label))}: "
                        + e("; ".join(breach_text(str(b)) for b in o.breaches))
                        + "</li>"
                        for o in near
                    )
                    + "</ul>"
                )
        if row.level in ("", None) or row.kind == "unplanned":
            parts.append(
                f"<p><a href='case:{row.case_id}'>"
                + e(self.tr("Open the case to confirm its level or fix it"))
                + "</a></p>"
            )
        self.details.setHtml("".join(parts))

    @Slot("QUrl")
    def _details_link(self, url: Any) -> None:
        text = url.toString()
        kind, _, value = text.partition(":")
        row = self.selected_row()
        if kind == "move" and row is not None and value.isdigit():
            self.move_case(row.case_id, int(value))
        elif kind == "case" and value.isdigit():
            self.ctx.caseRequestedFrom.emit(int(value), "planning")

    @Slot(QModelIndex)
    def _open_case_of(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.caseRequestedFrom.emit(
                self.changes_model.row_at(index.row()).case_id, "planning"
            )

    @Slot()
    def open_selected_case(self) -> None:
        row = self.selected_row()
        if row is None:
            self.message.show_message(self.tr("Choose a case first."), "warning")
            return
        self.ctx.caseRequestedFrom.emit(row.case_id, "planning")

    def show_breaches(self, breaches: list[Any]) -> None:
        text = self.tr("Move refused:") + "\n" + "\n".join(breach_text(str(b)) for b in breaches)
        self.message.show_message(text, "error")

    def move_case(self, case_id: int, session_id: int) -> bool:
        """Move a case of the proposal (drag and drop or the Move button)."""
        if self.run_id is None:
            return False
        row = next((r for r in self.changes_model.rows if r.case_id == case_id), None)
        if row is None or row.session_id == session_id:
            return False
        ok, breaches = attempt(
            self.message, pr.move_case, self.ctx.db, self.ctx.user, self.run_id, case_id, session_id
        )
        if not ok:
            return False
        if breaches:
            self.show_breaches(breaches)
            return False
        self.undo_stack.push(
            MoveCommand(
                self,
                self.run_id,
                case_id,
                row.code,
                row.session_id,
                session_id,
                row.reason or self.tr("taken out by hand"),
                row.pinned,
            )
        )
        self.reload_review()
        option = next((o for o in self._options if o.session_id == session_id), None)
        target = next(
            (
                x
                for x in (self.current_review.sessions if self.current_review else ())
                if x.session_id == session_id
            ),
            None,
        )
        day = option.date if option else (target.date if target else None)
        if day is not None and day > row.due:
            self.message.show_message(
                self.tr(
                    "%1 moved and pinned there, %2 day(s) after its due date of %3. Ctrl+Z undoes."
                )
                .replace("%1", row.code)
                .replace("%2", str((day - row.due).days))
                .replace("%3", display_text(row.due)),
                "warning",
            )
        else:
            self.message.show_message(
                self.tr("%1 moved and pinned there (Unpin releases it); Ctrl+Z undoes.").replace(
                    "%1", row.code
                )
            )
        return True

    @Slot()
    def move_selected(self) -> None:
        row = self.selected_row()
        target = self.target_box.currentData()
        if row is None or target is None:
            self.message.show_message(self.tr("Choose a case and a target session."), "warning")
            return
        self.move_case(row.case_id, int(target))

    def confirm_publish(self, summary: pr.PublishSummary) -> bool:
        """Say what publishing does before it is done (tests replace this method)."""
        box = self.publish_box(summary)
        box.exec()
        return box.clickedButton() is box.property("publish_button")

    def publish_box(self, summary: pr.PublishSummary) -> Any:
        """The publish summary dialog (not yet shown)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setObjectName("publishSummary")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Publish the plan"))
        box.setText(self.publish_text(summary))
        box.setInformativeText(
            self.tr(
                "Specialists prepare for the published plan; the "
                "changed agendas are sent from Sessions."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        publish = box.addButton(self.tr("&Publish"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(publish)
        box.setProperty("publish_button", publish)
        return box

    def publish_text(self, summary: pr.PublishSummary) -> str:
        text = self.tr("%1 case(s) change, %2 expert(s) get an update (%3 session(s)).")
        text = (
            text.replace("%1", str(summary.cases_change))
            .replace("%2", str(summary.experts_update))
            .replace("%3", str(summary.sessions_change))
        )
        text += " " + self.tr("%1 planned, %2 unplanned, %3 after the due date.").replace(
            "%1", str(summary.planned)
        ).replace("%2", str(summary.unplanned)).replace("%3", str(summary.late))
        return text

    @Slot()
    def pin_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.session_id is None:
            self.message.show_message(
                self.tr("Only a planned case can be pinned to its session."), "warning"
            )
            return
        ok, _ = attempt(
            self.message, pr.pin_case, self.ctx.db, self.ctx.user, row.case_id, row.session_id
        )
        if ok:
            self.message.show_message(
                self.tr("%1 pinned: later plans keep it in this session.").replace("%1", row.code)
            )
            self.reload_review()
            self.ctx.notify("cases")

    @Slot()
    def unpin_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        ok, _ = attempt(self.message, pr.pin_case, self.ctx.db, self.ctx.user, row.case_id, None)
        if ok:
            self.message.show_message(self.tr("%1 unpinned.").replace("%1", row.code))
            self.reload_review()
            self.ctx.notify("cases")

    @Slot()
    def accept_plan(self) -> None:
        """Publish on the database-writer thread: a national plan is thousands of rows."""
        if self.run_id is None or self.running:
            return
        ok, summary = attempt(self.message, pr.publish_summary, self.ctx.db, self.run_id)
        if not ok or not self.confirm_publish(summary):
            return
        self._set_review_enabled(False)
        self.plan_button.setEnabled(False)
        self.message.show_message(self.tr("Publishing…"))
        self.task = self.ctx.run_task(
            invoke,
            pr.publish_run,
            (self.ctx.db, self.ctx.user, self.run_id),
            {},
            on_success=self._published,
            on_failure=self._publish_failed,
            description=self.tr("Publishing the plan…"),
            writes=True,
        )

    def _published(self, planned: int) -> None:
        self._finish()
        self.undo_stack.clear()
        self.message.show_message(
            self.tr("Plan published: %1 case(s) planned. Agendas can now be sent.").replace(
                "%1", str(planned)
            )
        )
        self.reload_review()
        self.ctx.notify("plan")
        self.ctx.notify("sessions")
        self.ctx.notify("cases")

    def _publish_failed(self, failure: Any) -> None:
        self._finish()
        self.message.show_message(str(failure), "error")
        self.reload_review()

    @Slot()
    def discard_plan(self) -> None:
        if self.run_id is None:
            return
        ok, _ = attempt(self.message, pr.discard_run, self.ctx.db, self.ctx.user, self.run_id)
        if ok:
            self.undo_stack.clear()
            self.run_id = None
            self.reload_review()
            self.message.show_message(
                self.tr("Proposal discarded; the published plan is unchanged.")
            )
            self.ctx.notify("plan")
