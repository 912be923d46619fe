"""Week view data, agenda times, reorder, cancel (cases back to the pool) and resize."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.services import agenda_service as ags
from mdo_planner.services import sessions_service as ss
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date


@pytest.fixture
def planned(tmp_path):
    """Three BREAST cases published in one local session with a partial attendance."""
    db = filled_database(tmp_path / "s.sqlite", tiny_scenario())
    with db.session() as s:
        x = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        cases = s.scalars(select(m.Case).order_by(m.Case.id).limit(3)).all()
        for i, c in enumerate(cases):
            c.minutes = 5 + i
            s.add(m.Assignment(case=c, session=x, published=True))
            c.status = "planned"
        surg = s.scalar(select(m.Expert).join(m.Discipline).where(m.Discipline.code == "SURG"))
        s.add(m.Attendance(session=x, expert=surg, published=True))
        s.flush()
        return db, x.id, [c.id for c in cases]


def test_week_card_shows_load_and_missing_disciplines(planned) -> None:
    db, sid, _ = planned
    cards = ss.week_sessions(db, D(2027, 1, 4))
    card = next(c for c in cards if c.id == sid)
    assert (card.used_minutes, card.duration_min, card.cases) == (18, 30, 3)
    assert [d for d, _names in card.attendees] == ["SURG"]
    assert "SURG" not in card.missing and "PATH" in card.missing and not card.quorum_met
    assert all(D(2027, 1, 4) <= c.date <= D(2027, 1, 10) for c in cards)
    assert cards == sorted(cards, key=lambda c: (c.date, c.start, c.code))


def test_agenda_times_follow_the_order_and_reorder_sticks(planned) -> None:
    db, sid, ids = planned
    rows = ss.agenda_rows(db, sid)
    assert sorted(r.case_id for r in rows) == sorted(ids)
    clock = dt.datetime.combine(D(2027, 1, 6), dt.time(8, 0))
    for r in rows:  # back to back from the session's start, as printed
        assert (r.start, r.section) == (clock.time(), "discussion")
        clock += dt.timedelta(minutes=r.minutes)
        assert r.end == clock.time()
    ags.reorder(db, sid, list(reversed(ids)), user="anna")
    rows = ss.agenda_rows(db, sid)
    assert [r.case_id for r in rows] == list(reversed(ids))
    assert [r.start for r in rows] == [dt.time(8, 0), dt.time(8, 7), dt.time(8, 13)]
    assert all(r.manual for r in rows)
    with pytest.raises(ConflictError):
        ags.reorder(db, sid, ids[:2], user="anna")


def test_resize_refuses_to_cut_planned_cases(planned) -> None:
    db, sid, _ = planned
    with pytest.raises(UserError, match="need 18 minutes; it cannot be shortened to 15"):
        ss.resize_session(db, sid, 15, user="anna")
    ss.resize_session(db, sid, 45, user="anna")
    assert ss.session_card(db, sid).duration_min == 45


def test_cancel_returns_cases_to_the_pool(planned) -> None:
    db, sid, ids = planned
    with pytest.raises(UserError, match="reason is required"):
        ss.cancel_session(db, sid, "  ", user="anna")
    version = ss.session_card(db, sid).version
    assert ss.cancel_session(db, sid, "chair ill", expected_version=version, user="anna") == 3
    card = ss.session_card(db, sid)
    assert card.cancelled and card.cases == 0 and card.cancel_reason == "chair ill"
    with db.session() as s:
        assert {s.get(m.Case, i).status for i in ids} == {"ready"}
    with pytest.raises(ConflictError):
        ss.resize_session(db, sid, 40, expected_version=version, user="anna")
    ss.restore_session(db, sid, user="anna")
    assert not ss.session_card(db, sid).cancelled


def test_default_week_opens_on_sessions(planned) -> None:
    db, _sid, _ = planned
    assert ss.default_week(db, D(2026, 11, 26)) == D(2027, 1, 4)
    assert ss.default_week(db, D(2027, 1, 13)) == D(2027, 1, 11)
    assert ss.default_week(db, D(2027, 6, 1)) == D(2027, 1, 11)


def test_week_card_needs_the_extra_disciplines_of_its_cases(planned) -> None:
    """A case asking for a discipline outside its tumour group's core makes the session need
    it too; an attendee of that discipline covers it, unless they are on leave that day."""
    db, sid, ids = planned
    with db.session() as s:
        x = s.get(m.MeetingSession, sid)
        core = {d.code for d in x.tumour_group.core_disciplines}
        expert = s.scalar(
            select(m.Expert).join(m.Discipline).where(m.Discipline.code.not_in(core)).limit(1)
        )
        extra, name, day, eid = expert.discipline.code, expert.name, x.date, expert.id
        case = s.get(m.Case, ids[0])
        case.extra_disciplines.append(expert.discipline)
    card = ss.session_card(db, sid)
    assert extra in card.missing and set(core) - {"SURG"} <= set(card.missing)
    with db.session() as s:
        s.add(m.Attendance(session_id=sid, expert_id=eid, published=True))
    card = ss.session_card(db, sid)
    assert extra not in card.missing and (extra, (name,)) in card.attendees
    with db.session() as s:
        s.add(m.LeavePeriod(expert_id=eid, start=day, end=day))
    card = ss.session_card(db, sid)
    assert extra in card.missing and card.on_leave == (name,)
    monday = day - dt.timedelta(days=day.weekday())
    assert next(c for c in ss.week_sessions(db, monday) if c.id == sid) == card
