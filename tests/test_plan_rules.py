"""The move checker names the contract rule a manual move would break."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from db import models as m
from mdo_planner.services import experts_service as es
from mdo_planner.services.plan_rules import CaseFacts, SessionFacts, check_move, move_breaches
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date
CASE = CaseFacts("C1", "BREAST", "regional", "H1", "N1", D(2027, 1, 5), 8, ("CLIN_GEN",))
OK = SessionFacts("S1", "BREAST", "regional", "H2", "N1", D(2027, 1, 6), 60)
CORE = ("PATH", "SURG")
ALL = {"PATH", "SURG", "CLIN_GEN"}


def rules(case=CASE, session=OK, used=0, horizon=None, staffed=ALL) -> list[int]:
    return [
        b.rule
        for b in move_breaches(
            case, session, used_minutes=used, horizon=horizon, core=CORE, staffed=staffed
        )
    ]


def test_a_valid_move_breaks_nothing() -> None:
    assert rules() == []


def test_each_rule_is_named() -> None:
    from dataclasses import replace

    assert rules(session=replace(OK, tumour_group="LUNG")) == [1]
    assert rules(session=replace(OK, echelon="local", hospital="H1")) == [2]
    assert rules(session=replace(OK, network="N2")) == [3]
    assert rules(
        case=replace(CASE, echelon="local"), session=replace(OK, echelon="local", hospital="H2")
    ) == [3]
    assert rules(session=replace(OK, date=D(2027, 1, 4))) == [4]
    assert rules(horizon=(D(2027, 1, 7), D(2027, 1, 20))) == [4]
    assert rules(used=55) == [5]
    assert rules(staffed={"PATH", "SURG"}) == [6]
    assert rules(case=replace(CASE, pinned_session="S9")) == [8]
    assert rules(session=replace(OK, cancelled=True)) == [5]


def test_sentences_say_what_and_where() -> None:
    [breach] = move_breaches(CASE, OK, used_minutes=55, horizon=None, core=CORE, staffed=ALL)
    assert str(breach) == ("Rule 5: session S1 has 5 of 60 minutes left; case C1 needs 8.")


def test_check_move_on_the_database(tmp_path) -> None:
    db = filled_database(tmp_path / "r.sqlite", tiny_scenario())
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C1"))  # HAEMATO, regional, H1_1
        sessions = s.scalars(select(m.MeetingSession)).all()
        wrong_group = next(x for x in sessions if x.tumour_group.code != "HAEMATO")
        good = [
            x
            for x in sessions
            if x.tumour_group.code == "HAEMATO"
            and x.echelon == "regional"
            and x.hospital.network.code == case.hospital.network.code
            and x.date >= case.ready_date
        ]
        case_id = case.id
        good_ids = [x.id for x in good]
        wrong_id = wrong_group.id
    assert 1 in [b.rule for b in check_move(db, case_id, wrong_id)]
    assert any(check_move(db, case_id, sid) == [] for sid in good_ids)
    # put every HAEMATO expert on leave: the quorum (rule 6) breaks
    for e in es.list_experts(db):
        if "HAEMATO" in e.tumour_groups and e.discipline == "PATH":
            for p in e.leave:
                es.remove_leave(db, p.id, user="t")
            es.add_leave(db, e.id, D(2027, 1, 1), D(2027, 1, 31), user="t")
    assert all(6 in [b.rule for b in check_move(db, case_id, sid)] for sid in good_ids)


def test_available_experts_respect_weekly_limits_and_overlaps(tmp_path) -> None:
    from mdo_planner.services.plan_rules import available_experts

    db = filled_database(tmp_path / "a.sqlite", tiny_scenario())
    with db.session() as s:
        x = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        attending, free = available_experts(s, x, None)
        assert attending == set() and free
        eid, code = free[0]
        expert = s.get(m.Expert, eid)
        expert.max_sessions_per_week = 1
        # the expert already attends another published session that week: limit reached
        other = s.scalar(
            select(m.MeetingSession)
            .where(
                m.MeetingSession.id != x.id,
                m.MeetingSession.date.between(D(2027, 1, 4), D(2027, 1, 10)),
            )
            .limit(1)
        )
        s.add(m.Attendance(session=other, expert=expert, published=True))
        s.flush()
        _attending, free = available_experts(s, x, None)
        assert eid not in [e for e, _c in free]
        expert.max_sessions_per_week = None
        s.flush()
        _attending, free = available_experts(s, x, None)
        assert (eid in [e for e, _c in free]) == (
            other.date != x.date
            or not (
                other.start_time
                < (
                    dt.datetime.combine(x.date, x.start_time) + dt.timedelta(minutes=x.duration_min)
                ).time()
                and x.start_time
                < (
                    dt.datetime.combine(other.date, other.start_time)
                    + dt.timedelta(minutes=other.duration_min)
                ).time()
            )
        )
        # once attending the session itself, the discipline counts as present
        s.add(m.Attendance(session=x, expert=expert, published=True))
        s.flush()
        attending, free = available_experts(s, x, None)
        assert code in attending and eid not in [e for e, _c in free]
