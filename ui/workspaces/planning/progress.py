"""The run of the planner: the run controls (horizon, time limit, stability) start it in a
worker, its progress reports feed the figures and the small cost chart, and Cancel stops it
with the best plan found so far kept. A mixin of
:class:`~ui.workspaces.planning.workspace.PlanningWorkspace` (the strings keep its
translation context); the review of the result lives there.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QMargins, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QWidget,
)

from mdo_planner.services import plan_review as pr
from ui.workspaces._support import MessageBar, display_text, from_qdate, std_icon, to_qdate

if TYPE_CHECKING:
    from ui.context import AppContext


class RunControl(QWidget):
    """The planner's run and its progress panel (mixed into the Planning workspace)."""

    # set up by the workspace
    ctx: AppContext
    message: MessageBar
    undo_stack: QUndoStack | None
    task: Any
    run_id: int | None
    current_review: pr.Review | None
    date_from: QDateEdit
    date_to: QDateEdit
    time_limit: QSpinBox
    plan_button: QPushButton
    cancel_button: QPushButton
    _opened: int
    stability_box: QComboBox

    # the workspace's methods this mixin calls: declared as attributes, not stub methods (a
    # stub here would shadow a later base's method, and an ``if TYPE_CHECKING:`` block in a
    # class body hides the class from lupdate, whose strings then lose their context)
    reload_review: Callable[..., None]
    _set_review_enabled: Callable[[bool], None]
    _stability_chosen: Callable[[int], None]

    @property
    def edits(self) -> QUndoStack:
        """The undo stack of the proposal's manual edits (the workspace is undoable)."""
        assert self.undo_stack is not None
        return self.undo_stack

    def _build_controls(self) -> QHBoxLayout:
        """The run controls: horizon, time limit, stability, Plan and Cancel."""
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
        self.time_limit.setValue(int(cast(Any, self.ctx.settings.value("planning/time_limit", 30))))
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
        return controls

    def _build_progress(self) -> QGroupBox:
        """The progress panel: the figures in words, the solver's details line, the chart."""
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
        return progress

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

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

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
        self._opened += 1  # an opening still being read no longer picks the proposal
        self.message.clear()
        self.cost_series.clear()
        self.bound_series.clear()
        self.start_axes()
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
            partial(pr.propose_plan, user=self.ctx.user),
            self.ctx.db,
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

    def status_text(self, status: str, stopped_by: str = "") -> str:
        """A stored run's solver status in words (never the raw OPTIMAL / FEASIBLE). An
        unproven plan says why the search ended: a 30 s plan of the demo that found nothing
        more after 4 s said "time limit reached"."""
        if status == "FEASIBLE":
            return {
                "time limit": self.tr("good plan, time limit reached"),
                "fixpoint": self.tr("good plan, no better one found"),
            }.get(stopped_by, self.tr("good plan"))
        return {
            "OPTIMAL": self.tr("best possible plan"),
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
                "Details: cost {cost}, proven lower bound {bound}, gap {gap} on what the "
                "planner decides; {fixed} fixed (cases no session can take)"
            ).format(
                cost=self.fig_cost.text(),
                bound=self.fig_bound.text(),
                gap=self.fig_gap.text(),
                fixed=display_text(int(constant)),
            )
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
            self._fit_seconds(max(1.0, elapsed * 1.1))

    def start_axes(self) -> None:
        """The chart's axes at the start of a run: the time limit wide, costs unknown."""
        self._fit_seconds(max(5, self.time_limit.value()))
        self.axis_y.setRange(0, 1000)

    def _fit_seconds(self, seconds: float) -> None:
        """The seconds axis from 0 to at least ``seconds``, ticked at whole seconds (1, 2, 5,
        10, … apart, at most 6 intervals) so that no two labels read the same."""
        step = next(
            (s for s in (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600) if seconds / s <= 6),
            max(600, math.ceil(seconds / 6 / 600) * 600),
        )
        self.axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
        self.axis_x.setTickAnchor(0)
        self.axis_x.setTickInterval(step)
        self.axis_x.setRange(0, math.ceil(seconds / step) * step)

    def _finish(self) -> None:
        self.plan_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _planned(self, run_id: int) -> None:
        self._finish()
        self.run_id = int(run_id)
        self.edits.clear()
        self.reload_review(then=self._say_if_stopped)
        self.ctx.notify("plan")

    def _say_if_stopped(self) -> None:
        review = self.current_review
        if review is not None and review.status == "CANCELLED":
            self.message.show_message(
                self.tr("Stopped; the best plan found so far is shown for review."), "warning"
            )

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
            self.fig_phase.setText(self.status_text(review.status, review.stopped_by))
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
