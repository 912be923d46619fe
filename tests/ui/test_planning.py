"""Planning workspace end to end: plan the tiny scenario, watch progress, review, accept;
cancel a running plan; a refused and an accepted (undoable) move; leave, then re-plan."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from db import models as m
from ui.workspaces.experts import ExpertsWorkspace
from ui.workspaces.planning import PlanningWorkspace


def _open(qtbot, ctx, limit: int = 3) -> PlanningWorkspace:
    w = PlanningWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.date_from.setDate(QDate(2027, 1, 4))
    w.date_to.setDate(QDate(2027, 1, 15))
    w.time_limit.setValue(limit)
    return w


def _plan(qtbot, w: PlanningWorkspace, settle) -> None:
    qtbot.mouseClick(w.plan_button, Qt.MouseButton.LeftButton)
    assert w.running and w.cancel_button.isEnabled() and not w.plan_button.isEnabled()
    qtbot.waitUntil(lambda: not w.running, timeout=120_000)
    settle(w.ctx)  # the review of the new proposal is read in a worker
    assert w.message.kind != "error", w.message.text


def _accept(qtbot, w: PlanningWorkspace, settle) -> None:
    """Accept runs on the writer thread; the GUI stays usable meanwhile. The publish summary
    is confirmed (its own test is in test_review_worklist_ui.py)."""
    w.confirm_publish = lambda summary: True
    qtbot.mouseClick(w.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.running, timeout=10_000)  # the summary is read in a worker first
    assert not w.accept_button.isEnabled() and "Publishing" in w.message.text
    qtbot.waitUntil(lambda: not w.running, timeout=60_000)
    assert "Plan published" in w.message.text, w.message.text
    settle(w.ctx)


def _published(ctx) -> int:
    with ctx.db.session() as s:
        return s.scalar(
            select(func.count()).select_from(m.Assignment).where(m.Assignment.published.is_(True))
        )


def test_plan_review_and_accept(qtbot, qtmodeltester, ctx, settle) -> None:
    w = _open(qtbot, ctx)
    assert w.date_from.date() == QDate(2027, 1, 4)
    _plan(qtbot, w, settle)
    assert w.cost_series.count() >= 1, "progress reached the chart"
    assert w.fig_cost.text() not in ("", "–") and w.fig_elapsed.text().endswith(" s")
    review = w.current_review
    assert review is not None and len(review.rows) == 110
    assert review.count("new") > 80 and review.count("moved") == 0
    assert "newly planned" in w.summary.text()
    qtmodeltester.check(w.changes_model)
    qtmodeltester.check(w.loads_model)
    unplanned = [r for r in review.rows if r.kind == "unplanned"]
    assert all(r.reason for r in unplanned)
    assert w.accept_button.isEnabled()
    assert _published(ctx) == 0
    _accept(qtbot, w, settle)
    assert _published(ctx) == review.count("new")
    assert not w.accept_button.isEnabled()


def test_a_search_that_ends_early_does_not_say_the_time_limit_was_reached(
    qtbot, ctx, settle
) -> None:
    """The demo's 30 s plan ended after 4 s with nothing more to find, and the workspace said
    "good plan, time limit reached" (every unproven plan was called that). The stored run now
    keeps why the search stopped."""
    w = _open(qtbot, ctx, limit=60)
    _plan(qtbot, w, settle)
    review = w.current_review
    assert review is not None and review.wall_s is not None and review.wall_s < 60
    assert review.stopped_by in ("proven", "fixpoint")
    assert "time limit" not in w.fig_phase.text()
    assert "time limit" not in w.summary.text()
    assert w.status_text("FEASIBLE", "time limit") == "good plan, time limit reached"
    assert w.status_text("FEASIBLE", "fixpoint") == "good plan, no better one found"
    assert w.status_text("FEASIBLE") == "good plan"  # a run stored before it was kept


def test_cancel_keeps_the_best_plan(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, limit=120)
    qtbot.mouseClick(w.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.cost_series.count() >= 1, timeout=60_000)
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    assert w.fig_phase.text() == "stopping…"
    qtbot.waitUntil(lambda: not w.running, timeout=30_000)
    settle(ctx)
    review = w.current_review
    assert review is not None and review.status == "CANCELLED"
    assert review.wall_s < 120 and len(review.rows) == 110
    assert "best plan found so far" in w.message.text
    assert w.plan_button.isEnabled() and w.accept_button.isEnabled()


def test_moves_are_checked_and_undoable(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, limit=2)
    _plan(qtbot, w, settle)
    review = w.current_review
    row = next(r for r in review.rows if r.kind == "new")
    other = next(x for x in review.sessions if x.tumour_group != row.tumour_group)
    # drag the case onto a session of another tumour group: refused, with the rule
    assert w.select_case(row.case_id)
    settle(ctx)
    mime = w.changes_model.mimeData([w.changes_view.currentIndex()])
    target_row = w.loads_model.rows.index(other)
    w.loads_model.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, w.loads_model.index(target_row, 0)
    )
    settle(ctx)
    assert w.message.kind == "error" and "Rule 1:" in w.message.text
    assert (
        next(r for r in w.current_review.rows if r.case_id == row.case_id).session_id
        == row.session_id
    )
    # "Move to session…" into an allowed session of its own tumour group, then undo
    w.select_case(row.case_id)
    settle(ctx)
    moved = False
    for i in range(w.target_box.count()):
        sid = w.target_box.itemData(i)
        if sid == row.session_id:
            continue
        w.target_box.setCurrentIndex(i)
        qtbot.mouseClick(w.move_button, Qt.MouseButton.LeftButton)
        settle(ctx)
        if "moved and pinned" in w.message.text:
            moved = True
            break
        assert "Rule" in w.message.text  # every refusal names its rule
        w.select_case(row.case_id)
        settle(ctx)
    if not moved:
        pytest.skip("no session with room for this case in the tiny scenario")
    now = next(r for r in w.current_review.rows if r.case_id == row.case_id)
    assert now.session_id != row.session_id
    w.undo_stack.undo()
    settle(ctx)
    back = next(r for r in w.current_review.rows if r.case_id == row.case_id)
    assert back.session_id == row.session_id
    # seen under Xvfb: the bar still said "moved and pinned there …; Ctrl+Z undoes" after
    # the undo had put the case back
    assert "Ctrl+Z" not in w.message.text and "undone" in w.message.text
    assert row.code in w.message.text
    w.undo_stack.redo()
    settle(ctx)
    assert "undone" not in w.message.text and "moved" in w.message.text
    assert (
        next(r for r in w.current_review.rows if r.case_id == row.case_id).session_id
        == now.session_id
    )
    # pin it, then discard the proposal
    w.select_case(row.case_id)
    settle(ctx)
    qtbot.mouseClick(w.pin_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert "pinned" in w.message.text
    with ctx.db.session() as s:
        assert s.get(m.Case, row.case_id).pinned_session_id == now.session_id
    qtbot.mouseClick(w.discard_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.current_review is None and "discarded" in w.message.text


def test_leave_then_replan(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, limit=2)
    _plan(qtbot, w, settle)
    _accept(qtbot, w, settle)
    with ctx.db.session() as s:
        att = s.scalars(
            select(m.Attendance)
            .join(m.MeetingSession)
            .where(m.Attendance.published.is_(True))
            .order_by(m.MeetingSession.date)
        ).first()
        expert_id, day = att.expert_id, att.session.date
        name = att.expert.name
    # the secretary enters a week of leave for that expert in the Experts workspace
    ex = ExpertsWorkspace(ctx)
    qtbot.addWidget(ex)
    settle(ctx)
    qtbot.keyClicks(ex.search, name)
    row = next(r for r in range(ex.proxy.rowCount()) if ex.proxy.index(r, 0).data() == name)
    ex.view.setCurrentIndex(ex.proxy.index(row, 0))
    settle(ctx)
    for p in list(ex.current_expert.leave):  # clear overlapping leave so the new period is accepted
        if p.start <= day + dt.timedelta(days=4) and day <= p.end:
            ex.leave_view.selectRow([x.id for x in ex.leave_model.rows].index(p.id))
            qtbot.mouseClick(ex.remove_leave_button, Qt.MouseButton.LeftButton)
            settle(ctx)
    ex.leave_from.setDate(QDate(day.year, day.month, day.day))
    end = day + dt.timedelta(days=4)
    ex.leave_to.setDate(QDate(end.year, end.month, end.day))
    qtbot.mouseClick(ex.add_leave_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    # she attends a published session in that period: the conflict is said at once
    assert ex.message.kind == "warning" and "Leave conflict" in ex.message.text, ex.message.text
    # re-plan: the new proposal keeps most cases and no longer uses the expert on leave
    _plan(qtbot, w, settle)
    review = w.current_review
    assert review.count("unchanged") > 0
    with ctx.db.session() as s:
        busy = s.scalars(
            select(m.MeetingSession.date)
            .join(m.Attendance)
            .where(m.Attendance.plan_run_id == review.run_id, m.Attendance.expert_id == expert_id)
        ).all()
    assert all(not day <= d <= end for d in busy)
    _accept(qtbot, w, settle)


def test_f5_plans_and_esc_stops_inside_the_main_window(qtbot, ctx, settle) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_workspace("planning")
    w = window.workspace("planning")
    w.date_from.setDate(QDate(2027, 1, 4))
    w.date_to.setDate(QDate(2027, 1, 15))
    w.time_limit.setValue(120)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    assert w.running
    qtbot.waitUntil(lambda: w.cost_series.count() >= 1, timeout=60_000)
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.running, timeout=30_000)
    settle(ctx)
    assert w.current_review is not None and w.current_review.status == "CANCELLED"


def _second_labels(axis) -> list[str]:
    """The labels the seconds axis draws ("%.0f" of each tick)."""
    from PySide6.QtCharts import QValueAxis

    lo, hi = axis.min(), axis.max()
    if axis.tickType() == QValueAxis.TickType.TicksDynamic:
        step, ticks, value = axis.tickInterval(), [], axis.tickAnchor()
        while value <= hi + 1e-9:
            if value >= lo - 1e-9:
                ticks.append(value)
            value += step
    else:
        n = axis.tickCount()
        ticks = [lo + (hi - lo) * i / (n - 1) for i in range(n)]
    return [axis.labelFormat() % t for t in ticks]


@pytest.mark.parametrize("limit, elapsed", [(5, 4.7), (4, 1.7), (3, 0.4), (30, 29.0), (60, 55)])
def test_the_seconds_axis_never_repeats_a_label(qtbot, ctx, limit: int, elapsed: float) -> None:
    """Seen under Xvfb: a 5 s run's axis read "0 1 2 3 3 4 5" while planning and a 1.7 s
    one "0 1 1 2 2" when done (fractional ticks printed without decimals)."""
    w = _open(qtbot, ctx, limit)
    w.start_axes()
    labels = _second_labels(w.axis_x)
    assert len(labels) == len(set(labels)) >= 2, labels
    assert w.axis_x.max() >= limit
    w._fit_axes(elapsed)  # not running: the final fit
    labels = _second_labels(w.axis_x)
    assert len(labels) == len(set(labels)) >= 2, labels
    assert w.axis_x.max() >= elapsed
