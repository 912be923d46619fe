"""Dashboard workspace: tiles, charts and the over-limit table follow the published plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from db import models as m
from ui.workspaces.dashboard import DashboardWorkspace


def test_dashboard_follows_the_published_plan(qtbot, qtmodeltester, ctx, settle) -> None:
    w = DashboardWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    qtmodeltester.check(w.over_model)
    w.reference.setDate(QDate(2027, 1, 6))  # the tiny scenario's first week
    settle(ctx)
    assert w.period_label.text() != ""
    waiting_before = sum(w.chart_values(w.waiting_chart))
    assert waiting_before == int(w.tile_waiting.value.text().replace(",", "").replace(".", ""))
    assert w.tile_over.value.text() == "0"
    assert w.over_model.rowCount() == 0

    with ctx.db.session() as s:
        expert = s.scalar(select(m.Expert).where(m.Expert.code == "E2"))  # limit 3 a week
        week = s.scalars(
            select(m.MeetingSession).where(
                m.MeetingSession.date.between(dt.date(2027, 1, 4), dt.date(2027, 1, 8))
            )
        ).all()[:5]
        for x in week:
            s.add(m.Attendance(session=x, expert=expert, published=True))
        case = s.scalar(select(m.Case).where(m.Case.status == "ready").limit(1))
        case.status = "planned"
        s.add(m.Assignment(case=case, session=week[0], published=True))
    with qtbot.waitSignal(ctx.dataChanged):
        ctx.notify("plan")
    settle(ctx)
    assert w.tile_over.value.text() == "1"
    assert w.over_model.rowCount() == 1
    assert w.over_model.index(0, 0).data() == "Dr. C. Expert2"
    assert w.over_model.index(0, 3).data() == "5"
    assert sum(w.chart_values(w.waiting_chart)) == waiting_before - 1
    assert any(v > 0 for v in w.chart_values(w.load_chart))
    assert len(w.deadline_chart.series()) == 1


def test_hidden_workspace_reloads_when_shown(qtbot, ctx, settle) -> None:
    from PySide6.QtWidgets import QStackedWidget, QWidget

    holder = QStackedWidget()
    qtbot.addWidget(holder)
    other = QWidget()
    w = DashboardWorkspace(ctx)
    settle(ctx)
    holder.addWidget(other)
    holder.addWidget(w)
    holder.setCurrentWidget(other)
    holder.show()
    qtbot.waitExposed(holder)
    w.reference.setDate(QDate(2027, 1, 6))
    settle(ctx)
    assert w.tile_over.value.text() == "0"
    with ctx.db.session() as s:
        expert = s.scalar(select(m.Expert).where(m.Expert.code == "E2"))  # limit 3 a week
        for x in s.scalars(
            select(m.MeetingSession).where(
                m.MeetingSession.date.between(dt.date(2027, 1, 4), dt.date(2027, 1, 8))
            )
        ).all()[:5]:
            s.add(m.Attendance(session=x, expert=expert, published=True))
    ctx.notify("plan")
    settle(ctx)
    assert w.tile_over.value.text() == "0", "a hidden workspace waits until it is shown"
    holder.setCurrentWidget(w)
    settle(ctx)
    assert w.tile_over.value.text() == "1"


def test_bars_carry_their_figures_on_sensible_axes(qtbot, ctx, settle) -> None:
    """Issue 18: figures on every bar, count axes ticking at 1/2/5 × 10ⁿ, percent axes 0–100."""
    from PySide6.QtCharts import QBarSeries, QLineSeries, QValueAxis

    w = DashboardWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.reference.setDate(QDate(2027, 1, 6))
    settle(ctx)

    def y_axis(chart):
        return next(a for a in chart.axes(Qt.Orientation.Vertical) if isinstance(a, QValueAxis))

    for chart in (w.waiting_chart, w.load_chart):
        series = next(s for s in chart.series() if isinstance(s, QBarSeries))
        assert series.isLabelsVisible()
        assert all(b.labelColor().alpha() > 0 for b in series.barSets())
    waiting = y_axis(w.waiting_chart)
    step = waiting.max() / (waiting.tickCount() - 1)
    assert step == int(step) and str(int(step)).strip("0") in {"1", "2", "5"}, step
    assert waiting.max() >= max(w.chart_values(w.waiting_chart))
    for chart in (w.load_chart, w.deadline_chart):
        axis = y_axis(chart)
        assert (axis.min(), axis.max(), axis.tickCount()) == (0, 100, 6)
    assert any(
        isinstance(s, QLineSeries) and s.pointLabelsVisible() for s in w.deadline_chart.series()
    )


def test_a_date_chosen_before_the_reference_arrives_is_kept(qtbot, ctx, settle) -> None:
    """The reference date is read in a worker; a secretary who picks a date before it arrives
    keeps her date (the synchronous read before issue 16 could not be overtaken)."""
    w = DashboardWorkspace(ctx)
    qtbot.addWidget(w)
    w.reference.setDate(QDate(2027, 2, 3))  # before the worker's answer is delivered
    settle(ctx)
    assert w.reference.date() == QDate(2027, 2, 3)
    assert w.board is not None and w.board.date_from <= dt.date(2027, 2, 3) <= w.board.date_to


def test_a_short_window_scrolls_the_dashboard_instead_of_stacking_its_charts(
    qtbot, ctx, settle
) -> None:
    """Seen under Xvfb at 1280×720 (a 1920×1080 laptop at 150 %): the charts ran into each
    other, "Experts over their weekly limit" was written over the deadline chart's weeks and
    the quality section's heading was hidden; the dashboard also held the whole window to a
    height of 774 px. Now its figures scroll below the date choice."""
    from tests.ui.layout_checks import assert_parts_fit_and_scroll
    from ui.workspaces.dashboard import DashboardWorkspace

    w = DashboardWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1090, 560)
    w.show()
    settle(ctx)
    qtbot.wait(50)
    assert w.minimumSizeHint().height() <= 500, w.minimumSizeHint()
    parts = [w.waiting_view, w.deadline_view, w.load_view, w.over_view.parentWidget(), w.quality]
    assert_parts_fit_and_scroll(w, parts, lambda p: p.objectName())
