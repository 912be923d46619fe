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
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
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
from ui.workspaces.specialist_time import SpecialistTimeLabel

Index = QModelIndex | QPersistentModelIndex
CASE_MIME = "application/x-mdo-case-id"


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

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,
                        column: int, parent: Index) -> bool:
        return data.hasFormat(CASE_MIME) and parent.isValid()

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,
                     column: int, parent: Index) -> bool:
        if not data.hasFormat(CASE_MIME) or not parent.isValid():
            return False
        case_id = int(bytes(data.data(CASE_MIME).data()).decode())
        self._workspace.move_case(case_id, self.row_at(parent.row()).session_id)
        return False  # the review is reloaded; nothing to remove from the source view


class MoveCommand(QUndoCommand):
    """A checked move inside the proposal; undo puts the case back where it was."""

    def __init__(self, w: PlanningWorkspace, run_id: int, case_id: int, code: str,
                 from_session: int | None, to_session: int, reason: str,
                 was_pinned: bool = False) -> None:
        super().__init__(QCoreApplication.translate("PlanningWorkspace", "Move %1")
                         .replace("%1", code))
        self.w, self.run_id, self.case_id = w, run_id, case_id
        self.from_session, self.to_session, self.reason = from_session, to_session, reason
        self.was_pinned = was_pinned
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done (and checked) when the command was pushed
            self._first = False
            return
        ok, breaches = attempt(self.w.message, pr.move_case, self.w.ctx.db, self.w.ctx.user,
                               self.run_id, self.case_id, self.to_session)
        if ok and breaches:
            self.w.show_breaches(breaches)
        self.w.reload_review()

    def undo(self) -> None:
        if self.from_session is None:
            attempt(self.w.message, pr.unplace_case, self.w.ctx.db, self.w.ctx.user,
                    self.run_id, self.case_id, self.reason)
        else:
            ok, breaches = attempt(self.w.message, pr.move_case, self.w.ctx.db, self.w.ctx.user,
                                   self.run_id, self.case_id, self.from_session)
            if ok and breaches:
                self.w.show_breaches(breaches)
        if not self.was_pinned:  # a move pins; undoing it takes the pin away again
            attempt(self.w.message, pr.pin_case, self.w.ctx.db, self.w.ctx.user, self.case_id,
                    None)
        self.w.reload_review()


class PlanningWorkspace(QWidget):
    """Horizon and time limit, live progress, and the review of the proposal."""

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
        for w, name in ((self.date_from, self.tr("Horizon from")),
                        (self.date_to, self.tr("Horizon to"))):
            w.setCalendarPopup(True)
            w.setAccessibleName(name)
        self.time_limit = QSpinBox()
        self.time_limit.setRange(1, 3600)
        self.time_limit.setValue(int(ctx.settings.value("planning/time_limit", 30)))
        self.time_limit.setSuffix(self.tr(" s"))
        self.time_limit.setAccessibleName(self.tr("Time limit"))
        self.plan_button = QPushButton(std_icon(self, QStyle.StandardPixmap.SP_MediaPlay),
                                       self.tr("&Plan"))
        self.plan_button.setToolTip(self.tr("Run the planner (F5)"))
        self.plan_button.clicked.connect(self.start_planning)
        self.cancel_button = QPushButton(std_icon(self, QStyle.StandardPixmap.SP_MediaStop),
                                         self.tr("Cancel"))
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
        self.stability_box.setToolTip(self.tr(
            "How much a move of a published case beyond the freeze window costs (the "
            "contract's 'moved' weight times this factor); sent agendas never move"))
        for factor, label in ((0.5, self.tr("low (½×)")), (1.0, self.tr("normal (1×)")),
                              (2.0, self.tr("high (2×)")), (4.0, self.tr("very high (4×)"))):
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
        self.fig_phase = QLabel("–")
        self.fig_cost = QLabel("–")
        self.fig_bound = QLabel("–")
        self.fig_gap = QLabel("–")
        self.fig_elapsed = QLabel("–")
        self.fig_unplanned = QLabel("–")
        figures = ((self.tr("Phase"), self.fig_phase), (self.tr("Best cost"), self.fig_cost),
                   (self.tr("Lower bound"), self.fig_bound), (self.tr("Gap"), self.fig_gap),
                   (self.tr("Elapsed"), self.fig_elapsed),
                   (self.tr("Unplanned"), self.fig_unplanned))
        for i, (caption, label) in enumerate(figures):
            cap = QLabel(caption + ":")
            pg.addWidget(cap, i, 0)
            f = label.font()
            f.setBold(True)
            label.setFont(f)
            label.setAccessibleName(caption)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            pg.addWidget(label, i, 1)
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
        self.chart_view.setMinimumSize(320, 170)
        progress.setMaximumHeight(230)
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
        icons = {"new": std_icon(self, QStyle.StandardPixmap.SP_FileDialogNewFolder),
                 "moved": std_icon(self, QStyle.StandardPixmap.SP_ArrowRight),
                 "unchanged": std_icon(self, QStyle.StandardPixmap.SP_DialogApplyButton),
                 "unplanned": std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning)}
        kinds = {"new": self.tr("newly planned"), "moved": self.tr("moved"),
                 "unchanged": self.tr("unchanged"), "unplanned": self.tr("unplanned")}
        self.changes_model = ChangesModel([
            Column(self.tr("Change"), lambda r: kinds[r.kind], icon=lambda r: icons[r.kind],
                   background=lambda r: warning_color(self) if r.kind == "unplanned" else None),
            Column(self.tr("Case"), lambda r: r.code + (" ⚑" if r.urgent else "")
                   + (" 📌" if r.pinned else ""),
                   tooltip=lambda r: self.tr("pinned") if r.pinned else None),
            Column(self.tr("Patient"), lambda r: r.patient_ref),
            Column(self.tr("Group"), lambda r: r.tumour_group),
            Column(self.tr("Level"), lambda r: r.level),
            Column(self.tr("Due"), lambda r: r.due),
            Column(self.tr("Session, or why not"), lambda r: r.session or r.reason,
                   tooltip=lambda r: r.reason or None),
            Column(self.tr("Was"), lambda r: r.previous),
            Column(self.tr("Late"), lambda r: (self.tr("after the cut-off of %1")
                                               .replace("%1", r.late)) if r.late else "",
                   tooltip=lambda r: self.tr("Registered after the cut-off of session %1: "
                                             "it goes onto that agenda only when you admit "
                                             "it with the chair's name").replace("%1", r.late)
                   if r.late else None,
                   background=lambda r: warning_color(self) if r.late else None),
        ], self)
        self.changes_view = self._table(self.changes_model, "changesTable",
                                        self.tr("Changes"))
        self.changes_view.setDragEnabled(True)
        self.changes_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.changes_view.selectionModel().currentRowChanged.connect(self._case_selected)
        self.changes_view.horizontalHeader().setSectionResizeMode(
            6, QHeaderView.ResizeMode.Interactive)
        self.changes_view.horizontalHeader().resizeSection(6, 420)

        self.loads_model = SessionsLoadModel([
            Column(self.tr("Session"), lambda r: r.label + (" · " + self.tr("agenda sent")
                                                            if r.frozen else ""),
                   tooltip=lambda r: self.tr("Agenda sent: its cases and attendees stay put")
                   if r.frozen else None),
            Column(self.tr("Load"), lambda r: f"{r.used_minutes} / {r.capacity} min",
                   sort=lambda r: r.used_minutes / max(r.capacity, 1)),
            Column(self.tr("Cases"), lambda r: r.cases, align_right=True),
            Column(self.tr("Attendees"), lambda r: r.attendees, align_right=True),
            Column(self.tr("Missing disciplines"),
                   lambda r: ", ".join(r.missing) if r.missing else self.tr("none"),
                   icon=lambda r: icons["unplanned"] if r.missing else icons["unchanged"],
                   background=lambda r: error_color(self) if r.missing else None),
            Column(self.tr("Joins"), lambda r: ", ".join(r.joins),
                   tooltip=lambda r: ", ".join(r.joins) or None),
            Column(self.tr("Leaves"), lambda r: ", ".join(r.leaves),
                   tooltip=lambda r: ", ".join(r.leaves) or None,
                   background=lambda r: warning_color(self) if r.leaves else None),
            Column(self.tr("Cases in / out"),
                   lambda r: f"+{len(r.cases_in)} / −{len(r.cases_out)}"
                   if r.cases_in or r.cases_out else "",
                   tooltip=lambda r: " ".join([f"+{c}" for c in r.cases_in]
                                              + [f"−{c}" for c in r.cases_out]) or None),
        ], self)
        self.loads_view = self._table(self.loads_model, "sessionLoadTable",
                                      self.tr("Per-session load"))
        self.loads_view.setAcceptDrops(True)
        self.loads_view.setDropIndicatorShown(True)
        self.loads_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.changes_view)
        split.addWidget(self.loads_view)
        split.setSizes([360, 200])
        rv.addWidget(split, 1)

        edit = QHBoxLayout()
        self.target_box = QComboBox()
        self.target_box.setAccessibleName(self.tr("Move to session"))
        self.target_box.setMinimumContentsLength(40)
        self.target_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.move_button = QPushButton(self.tr("&Move to session"))
        self.move_button.setToolTip(self.tr("Move the selected case (checked against the "
                                            "hard rules); Ctrl+Z undoes"))
        self.move_button.clicked.connect(self.move_selected)
        self.pin_button = QPushButton(self.tr("P&in to its session"))
        self.pin_button.clicked.connect(self.pin_selected)
        self.unpin_button = QPushButton(self.tr("Unpin"))
        self.unpin_button.clicked.connect(self.unpin_selected)
        edit.addWidget(self.target_box, 1)
        edit.addWidget(self.move_button)
        edit.addSpacing(12)
        edit.addWidget(self.pin_button)
        edit.addWidget(self.unpin_button)
        self.admit_button = QPushButton(self.tr("Admit &late…"))
        self.admit_button.setToolTip(self.tr("Put a late registration on the agenda whose "
                                             "cut-off it missed, with the chair's agreement"))
        self.admit_button.clicked.connect(self.admit_selected)
        edit.addWidget(self.admit_button)
        rv.addLayout(edit)
        decide = QHBoxLayout()
        self.accept_button = QPushButton(std_icon(self, QStyle.StandardPixmap.SP_DialogApplyButton),
                                         self.tr("&Accept and publish"))
        self.accept_button.clicked.connect(self.accept_plan)
        self.discard_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_DialogDiscardButton), self.tr("&Discard"))
        self.discard_button.clicked.connect(self.discard_plan)
        decide.addStretch(1)
        decide.addWidget(self.discard_button)
        decide.addWidget(self.accept_button)
        rv.addLayout(decide)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(controls)
        tl.addWidget(progress)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.message)
        layout.addWidget(review, 1)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.start_planning)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_planning)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M), self, self.move_selected)
        self._set_review_enabled(False)
        ctx.databaseChanged.connect(self._database_changed)
        ctx.dataChanged.connect(self._on_data_changed)
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
        self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark
                            else QChart.ChartTheme.ChartThemeLight)
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
        for w in (self.accept_button, self.discard_button, self.move_button, self.pin_button,
                  self.unpin_button, self.admit_button, self.target_box):
            w.setEnabled(on and not self.running)

    # ------------------------------------------------------------------ loading
    @Slot()
    @Slot(int)
    def _stability_chosen(self, index: int) -> None:
        factor = float(self.stability_box.itemData(index))
        ok, _ = attempt(self.message, pr.plan_stability.set_stability, self.ctx.db,
                        self.ctx.user, factor)
        if ok:
            self.message.show_message(self.tr("Stability set to %1: the next plan run uses "
                                              "it.").replace("%1",
                                                             self.stability_box.itemText(index)))

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
            self, self.tr("Admit a late registration"),
            self.tr("%1 was registered after the cut-off of session %2. Name of the chair "
                    "who agreed to add it:").replace("%1", row.code).replace("%2", row.late))
        if not ok:
            return
        ok, session_id = attempt(self.message, pr.session_id_of, self.ctx.db, row.late)
        if not ok:
            return
        ok, _ = attempt(self.message, pr.plan_stability.admit_late, self.ctx.db, self.ctx.user,
                        row.case_id, session_id, chair)
        if ok:
            self.message.show_message(self.tr("%1 admitted to %2 with the agreement of %3; "
                                              "plan again to place it.")
                                      .replace("%1", row.code).replace("%2", row.late)
                                      .replace("%3", chair.strip()))
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
        self.changes_model.set_rows(review.rows)
        self.loads_model.set_rows(review.sessions)
        missing = sum(1 for x in review.sessions if x.missing)
        text = self.tr("Proposal %1 (%2): %3 newly planned, %4 moved, %5 unchanged, "
                       "%6 unplanned; %8 session(s) changed, %7 lack a discipline.")
        for key, value in (("%1", str(review.run_id)), ("%2", review.status),
                           ("%3", str(review.count("new"))), ("%4", str(review.count("moved"))),
                           ("%5", str(review.count("unchanged"))),
                           ("%6", str(review.count("unplanned"))), ("%7", str(missing)),
                           ("%8", str(review.changed_sessions))):
            text = text.replace(key, value)
        late = sum(1 for r in review.rows if r.late)
        if late:
            text += " " + self.tr("%1 late registration(s).").replace("%1", str(late))
        if review.trade:
            text += " " + self.tr("What the moves buy: %1.").replace("%1", review.trade)
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
        for label in (self.fig_cost, self.fig_bound, self.fig_gap, self.fig_unplanned):
            label.setText("–")
        self.fig_phase.setText(self.tr("starting"))
        self.fig_elapsed.setText("0 s")
        self.task = self.ctx.run_task(
            pr.propose_plan, self.ctx.db, self.ctx.user, start, end,
            float(self.time_limit.value()),
            on_success=self._planned, on_failure=self._plan_failed,
            on_progress=self._progress, cancellable=True,
            description=self.tr("Planning…"), writes=True)
        self.plan_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._set_review_enabled(False)

    @Slot()
    def cancel_planning(self) -> None:
        if self.running:
            self.fig_phase.setText(self.tr("stopping…"))
            self.cancel_button.setEnabled(False)
            self.task.cancel()

    def _progress(self, p: Any) -> None:
        """Show one ``solver.Progress`` report (GUI thread)."""
        self.fig_phase.setText(str(p.phase))
        self.fig_elapsed.setText(f"{display_text(float(p.elapsed_s))} s")
        if p.best_cost is not None:
            self.fig_cost.setText(display_text(int(p.best_cost)))
            self.cost_series.append(float(p.elapsed_s), float(p.best_cost))
        if p.bound is not None:
            self.fig_bound.setText(display_text(int(p.bound)))
            self.bound_series.append(float(p.elapsed_s), float(p.bound))
        if p.best_cost and p.bound is not None:
            gap = max(0.0, (p.best_cost - p.bound) / p.best_cost)
            self.fig_gap.setText(f"{display_text(100.0 * gap)} %")
        if getattr(p, "unplanned", None) is not None:
            self.fig_unplanned.setText(display_text(int(p.unplanned)))
        self._fit_axes(float(p.elapsed_s))

    def _fit_axes(self, elapsed: float) -> None:
        ys = [pt.y() for pt in self.cost_series.points()] + \
             [pt.y() for pt in self.bound_series.points()]
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
            self.message.show_message(self.tr("Stopped; the best plan found so far is "
                                              "shown for review."), "warning")
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
            self.fig_phase.setText(review.status)
            if review.objective is not None:
                self.fig_cost.setText(display_text(int(review.objective)))
            if review.bound is not None:
                self.fig_bound.setText(display_text(int(review.bound)))
            if review.gap is not None:
                self.fig_gap.setText(f"{display_text(100.0 * review.gap)} %")
            if review.wall_s is not None:
                self.fig_elapsed.setText(f"{display_text(float(review.wall_s))} s")
            self.fig_unplanned.setText(display_text(review.count("unplanned")))

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

    @Slot(QModelIndex, QModelIndex)
    def _case_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.target_box.clear()
        if not current.isValid() or self.run_id is None:
            return
        row = self.changes_model.row_at(current.row())
        ok, choices = attempt(self.message, pr.candidate_sessions, self.ctx.db, self.run_id,
                              row.case_id)
        for sid, label in choices if ok else []:
            self.target_box.addItem(label, sid)
        if row.session_id is not None:
            self.target_box.setCurrentIndex(max(0, self.target_box.findData(row.session_id)))

    def show_breaches(self, breaches: list[Any]) -> None:
        text = self.tr("Move refused:") + "\n" + "\n".join(str(b) for b in breaches)
        self.message.show_message(text, "error")

    def move_case(self, case_id: int, session_id: int) -> bool:
        """Move a case of the proposal (drag and drop or the Move button)."""
        if self.run_id is None:
            return False
        row = next((r for r in self.changes_model.rows if r.case_id == case_id), None)
        if row is None or row.session_id == session_id:
            return False
        ok, breaches = attempt(self.message, pr.move_case, self.ctx.db, self.ctx.user,
                               self.run_id, case_id, session_id)
        if not ok:
            return False
        if breaches:
            self.show_breaches(breaches)
            return False
        self.message.show_message(self.tr("%1 moved and pinned there (Unpin releases it); "
                                          "Ctrl+Z undoes.").replace("%1", row.code))
        self.undo_stack.push(MoveCommand(self, self.run_id, case_id, row.code, row.session_id,
                                         session_id, row.reason or self.tr("taken out by hand"),
                                         row.pinned))
        self.reload_review()
        return True

    @Slot()
    def move_selected(self) -> None:
        row = self.selected_row()
        target = self.target_box.currentData()
        if row is None or target is None:
            self.message.show_message(self.tr("Choose a case and a target session."), "warning")
            return
        self.move_case(row.case_id, int(target))

    @Slot()
    def pin_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.session_id is None:
            self.message.show_message(self.tr("Only a planned case can be pinned to its "
                                              "session."), "warning")
            return
        ok, _ = attempt(self.message, pr.pin_case, self.ctx.db, self.ctx.user, row.case_id,
                        row.session_id)
        if ok:
            self.message.show_message(self.tr("%1 pinned: later plans keep it in this "
                                              "session.").replace("%1", row.code))
            self.reload_review()
            self.ctx.notify("cases")

    @Slot()
    def unpin_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        ok, _ = attempt(self.message, pr.pin_case, self.ctx.db, self.ctx.user, row.case_id,
                        None)
        if ok:
            self.message.show_message(self.tr("%1 unpinned.").replace("%1", row.code))
            self.reload_review()
            self.ctx.notify("cases")

    @Slot()
    def accept_plan(self) -> None:
        """Publish on the database-writer thread: a national plan is thousands of rows."""
        if self.run_id is None or self.running:
            return
        self._set_review_enabled(False)
        self.plan_button.setEnabled(False)
        self.message.show_message(self.tr("Publishing…"))
        self.task = self.ctx.run_task(
            invoke, pr.publish_run, (self.ctx.db, self.ctx.user, self.run_id), {},
            on_success=self._published, on_failure=self._publish_failed,
            description=self.tr("Publishing the plan…"), writes=True)

    def _published(self, planned: int) -> None:
        self._finish()
        self.undo_stack.clear()
        self.message.show_message(self.tr("Plan published: %1 case(s) planned. Agendas "
                                          "can now be sent.").replace("%1", str(planned)))
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
            self.message.show_message(self.tr("Proposal discarded; the published plan is "
                                              "unchanged."))
            self.ctx.notify("plan")
