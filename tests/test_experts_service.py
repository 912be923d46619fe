"""Experts: eligibility edits with optimistic locking, leave periods, weekly load."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.services import experts_service as es
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date


@pytest.fixture
def db(tmp_path):
    return filled_database(tmp_path / "e.sqlite", tiny_scenario())


def _expert(db, code: str) -> es.ExpertRow:
    return next(e for e in es.list_experts(db) if e.code == code)


def test_list_shows_leave_and_limits(db) -> None:
    e1 = _expert(db, "E1")
    assert e1.discipline == "SURG" and e1.max_sessions_per_week == 8
    assert [(p.start, p.end) for p in e1.leave] == [(D(2027, 1, 7), D(2027, 1, 7))]


def test_leave_add_overlap_remove(db) -> None:
    e1 = _expert(db, "E1")
    lid = es.add_leave(db, e1.id, D(2027, 1, 11), D(2027, 1, 15), "congress", user="anna")
    with pytest.raises(UserError, match="overlaps the period 2027-01-11 to 2027-01-15"):
        es.add_leave(db, e1.id, D(2027, 1, 14), D(2027, 1, 20), user="anna")
    with pytest.raises(UserError, match="lies before"):
        es.add_leave(db, e1.id, D(2027, 2, 2), D(2027, 2, 1), user="anna")
    removed = es.remove_leave(db, lid, user="anna")
    assert (removed.start, removed.end, removed.reason) == (
        D(2027, 1, 11),
        D(2027, 1, 15),
        "congress",
    )
    assert len(_expert(db, "E1").leave) == 1
    with pytest.raises(UserError, match="already removed"):
        es.remove_leave(db, lid, user="anna")


def test_update_refuses_a_stale_form(db) -> None:
    e1 = _expert(db, "E1")
    saved = es.update_expert(
        db,
        e1.id,
        expected_version=e1.version,
        serves=["H1_1", "H1_2"],
        tumour_groups=["BREAST"],
        max_echelon="regional",
        max_sessions_per_week=2,
        user="anna",
    )
    assert saved.serves == ("H1_1", "H1_2") and saved.max_echelon == "regional"
    with pytest.raises(ConflictError, match="changed by someone else"):
        es.update_expert(
            db,
            e1.id,
            expected_version=e1.version,
            serves=["H1_1"],
            tumour_groups=["BREAST"],
            max_echelon="local",
            max_sessions_per_week=None,
            user="bert",
        )
    with pytest.raises(UserError, match="unknown hospital or tumour group NOPE"):
        es.update_expert(
            db,
            e1.id,
            expected_version=saved.version,
            serves=["NOPE"],
            tumour_groups=["BREAST"],
            max_echelon="local",
            max_sessions_per_week=None,
            user="anna",
        )


def test_weekly_load_counts_published_attendance(db) -> None:
    e2 = _expert(db, "E2")
    with db.session() as s:
        sessions = s.scalars(select(m.MeetingSession).order_by(m.MeetingSession.date)).all()
        week1 = [x for x in sessions if x.date < D(2027, 1, 11)][:4]
        for x in week1:
            s.add(m.Attendance(session_id=x.id, expert_id=e2.id, published=True))
        s.add(m.Attendance(session_id=sessions[-1].id, expert_id=e2.id, published=False))
    load = es.weekly_load(db, e2.id, D(2027, 1, 4), D(2027, 1, 17))
    assert [(w.iso_week, w.sessions, w.over_limit) for w in load] == [(1, 4, True), (2, 0, False)]
