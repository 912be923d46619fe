"""Dashboard figures from a small, hand-made published plan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db import models as m
from mdo_planner.services import dashboard_service as ds
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date


def test_figures(tmp_path) -> None:
    db = filled_database(tmp_path / "d.sqlite", tiny_scenario())
    with db.session() as s:
        cases = s.scalars(select(m.Case).order_by(m.Case.id)).all()
        session = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        early, late = cases[0], cases[1]
        early.due_date, early.minutes = D(2027, 1, 8), 5
        late.due_date, late.minutes = D(2027, 1, 5), 7
        for c in (early, late):
            s.add(m.Assignment(case=c, session=session, published=True))
            c.status = "planned"
        cases[2].status, cases[2].required_level, cases[2].triage_level = "hold", None, "hold"
        cases[3].status, cases[3].required_level, cases[3].triage_level = "new", None, None
        expert = s.scalar(select(m.Expert).where(m.Expert.code == "E2"))  # limit 3
        week = s.scalars(
            select(m.MeetingSession).where(
                m.MeetingSession.date.between(D(2027, 1, 4), D(2027, 1, 8))
            )
        ).all()[:5]
        for x in week:
            s.add(m.Attendance(session=x, expert=expert, published=True))
        n_ready = sum(1 for c in cases if c.status == "ready")
    board = ds.dashboard(db, D(2027, 1, 6), weeks=2)
    assert board.date_from == D(2027, 1, 4) and board.date_to == D(2027, 1, 17)
    assert board.waiting_by_level["hold"] == 1 and board.waiting_by_level["untriaged"] == 1
    assert sum(board.waiting_by_level.values()) == n_ready + 2
    first = board.deadlines[0]
    assert first.monday == D(2027, 1, 4) and first.on_time <= first.due
    # S1 is on 2027-01-06: the case due on the 8th is on time, the one due on the 5th is late
    assert first.on_time == 1 and first.due >= 2
    local = next(x for x in board.load if x.echelon == "local")
    assert local.used_minutes == 12 and local.capacity_minutes > 0
    assert [(o.expert, o.sessions, o.limit) for o in board.over_limit] == [("Dr. C. Expert2", 5, 3)]


def test_reference_date_falls_back_to_the_planned_period(tmp_path) -> None:
    db = filled_database(tmp_path / "d.sqlite", tiny_scenario())
    first = min(D.fromisoformat(x["date"]) for x in tiny_scenario()["sessions"])
    assert ds.reference_date(db, D(2026, 6, 1)) == first
    assert ds.reference_date(db, D(2027, 1, 20)) == D(2027, 1, 20)
    assert ds.window(D(2027, 1, 6), 8) == (D(2026, 12, 21), D(2027, 2, 14))


def test_network_consultations_are_their_own_bar_not_supraregional(tmp_path) -> None:
    """A care network's consultations are sessions at the supra-regional level in the
    engine's vocabulary (docs/care-networks.md); the dashboard must not count their minutes
    as supra-regional MDO time."""
    db = filled_database(tmp_path / "d.sqlite", tiny_scenario())
    with db.session() as s:
        before = ds.dashboard(db, D(2027, 1, 6), weeks=2)
        supra_before = next(x for x in before.load if x.echelon == "supraregional")
        session = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        group = m.TumourGroup(code="CN-ZVO", name="Oncologienetwerk Zuiderveld-Oost")
        s.add(group)
        s.flush()
        session.tumour_group_id, session.echelon = group.id, "supraregional"
        minutes = session.duration_min
    board = ds.dashboard(db, D(2027, 1, 6), weeks=2)
    consult = next(x for x in board.load if x.echelon == "consultation")
    supra = next(x for x in board.load if x.echelon == "supraregional")
    assert consult.sessions == 1 and consult.capacity_minutes == minutes
    assert supra.sessions == supra_before.sessions
    assert supra.capacity_minutes == supra_before.capacity_minutes
    assert [x.echelon for x in before.load] == ["local", "regional", "supraregional"]
