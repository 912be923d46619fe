"""Leave that breaks a published session (issue 18): the conflict shows at once in Experts and
in Sessions, and both offer to plan only the affected days again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from db import models as m
from mdo_planner.services import plan_review as pr
from mdo_planner.services import sessions_service as ss
from ui.workspaces.experts import ExpertsWorkspace
from ui.workspaces.planning import PlanningWorkspace
from ui.workspaces.sessions import SessionsWorkspace


@pytest.fixture
def published(ctx):
    """A published plan of the tiny network's first week; an attendee of its first session."""
    run = pr.propose_plan(ctx.db, dt.date(2027, 1, 4), dt.date(2027, 1, 8), 2, user="secretary")
    pr.publish_run(ctx.db, run, today=dt.date(2026, 12, 1), user="secretary")
    with ctx.db.session() as s:
        att = s.scalars(
            select(m.Attendance)
            .join(m.MeetingSession)
            .where(m.Attendance.published.is_(True))
            .order_by(m.MeetingSession.date, m.MeetingSession.id)
        ).first()
        return att.expert_id, att.expert.name, att.session_id, att.session.date


def _add_leave(qtbot, ex: ExpertsWorkspace, name: str, day: dt.date, settle) -> None:
    settle(ex.ctx)
    qtbot.keyClicks(ex.search, name)
    row = next(r for r in range(ex.proxy.rowCount()) if ex.proxy.index(r, 0).data() == name)
    ex.view.setCurrentIndex(ex.proxy.index(row, 0))
    settle(ex.ctx)
    for p in list(ex.current_expert.leave):  # clear overlapping leave so the new period is accepted
        if p.start <= day <= p.end:
            ex.leave_view.selectRow([x.id for x in ex.leave_model.rows].index(p.id))
            qtbot.mouseClick(ex.remove_leave_button, Qt.MouseButton.LeftButton)
            settle(ex.ctx)
    ex.leave_from.setDate(QDate(day.year, day.month, day.day))
    ex.leave_to.setDate(QDate(day.year, day.month, day.day))
    qtbot.mouseClick(ex.add_leave_button, Qt.MouseButton.LeftButton)
    settle(ex.ctx)


def test_service_lists_the_conflict(ctx, published) -> None:
    expert_id, name, sid, day = published
    assert ss.leave_conflicts(ctx.db, expert_id, today=dt.date(2026, 12, 1)) == []
    with ctx.db.session() as s:
        s.add(m.LeavePeriod(expert_id=expert_id, start=day, end=day))
    hits = ss.leave_conflicts(ctx.db, expert_id, today=dt.date(2026, 12, 1))
    assert [(c.session_id, c.expert) for c in hits if c.session_id == sid] == [(sid, name)]
    with ctx.db.session() as s:
        code = s.get(m.MeetingSession, sid).code
    assert code not in hits[0].session and f"{day:%-d %b %Y}" in hits[0].session
    card = ss.session_card(ctx.db, sid)
    assert name in card.on_leave
    assert all(name not in names for _d, names in card.attendees)


def test_leave_conflict_shows_at_once_and_offers_a_replan(
    qtbot, ctx, published, tmp_path, settle
) -> None:
    expert_id, name, sid, day = published
    ctx.settings.setValue("export/folder", str(tmp_path / "agendas"))
    ctx.settings.setValue("export/open_folder", False)
    sessions = SessionsWorkspace(ctx)
    qtbot.addWidget(sessions)
    settle(ctx)
    assert sessions.select_session(sid)
    settle(ctx)
    assert "quorum met" in sessions.row_texts(sid)[3] or "missing" in sessions.row_texts(sid)[3]
    assert sessions.replan_button.isHidden()
    planning = PlanningWorkspace(ctx)
    qtbot.addWidget(planning)
    ex = ExpertsWorkspace(ctx)
    qtbot.addWidget(ex)
    _add_leave(qtbot, ex, name, day, settle)
    # Experts: a warning naming the session, with the way out
    assert ex.message.kind == "warning", ex.message.text
    assert "Leave conflict" in ex.message.text and name in ex.message.text
    assert not ex.replan_button.isHidden()
    # Sessions: the conflict replaces "quorum met" at once (the experts change reached it)
    assert sessions.select_session(sid)
    settle(ctx)
    assert sessions.row_texts(sid)[3].startswith("leave conflict"), sessions.row_texts(sid)
    assert name in sessions.quorum_label.text() and "on leave" in sessions.quorum_label.text()
    assert not sessions.replan_button.isHidden()
    # re-plan only the affected day
    qtbot.mouseClick(ex.replan_button, Qt.MouseButton.LeftButton)
    assert planning.running
    assert planning.date_from.date() == QDate(day.year, day.month, day.day)
    assert planning.date_to.date() == QDate(day.year, day.month, day.day)
    qtbot.waitUntil(lambda: not planning.running, timeout=60_000)
    settle(ctx)
    review = planning.current_review
    assert review is not None and all(x.date == day for x in review.sessions)
    with ctx.db.session() as s:
        busy = s.scalars(
            select(m.Attendance.session_id).where(
                m.Attendance.plan_run_id == review.run_id, m.Attendance.expert_id == expert_id
            )
        ).all()
    assert sid not in busy, "the proposal no longer seats the expert on leave"
