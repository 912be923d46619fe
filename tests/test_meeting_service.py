"""Closing a meeting: outcomes, attendance and their effects on the cases, in one transaction;
read-only afterwards except by an amendment with a reason; withdrawing a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.contract_io.meeting_record import MeetingRecordError
from mdo_planner.errors import UserError
from mdo_planner.services import meeting_service as svc
from mdo_planner.services.base import open_database
from tests import meeting_factory as mf
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Any:
    database = open_database(backend_url(request))
    mf.build(database)
    yield database
    database.dispose()


def _case(s: Any, code: str) -> m.Case:
    return s.scalars(select(m.Case).where(m.Case.code == code)).one()


def test_template_is_prefilled_from_the_published_agenda(db: Any) -> None:
    doc = svc.template(db, "S1", user="anna")
    assert doc["session"] == "S1" and doc["chair"] == "E1"
    assert doc["attendance"] == ["E1", "E2", "E3"]
    # in the printed agenda's order: the urgent C2 first, noting last
    assert [c["case"] for c in doc["cases"]] == ["C2", "C1", "C3", "C4", "P1"]
    assert doc["cases"][-1]["outcome"] == "noted"
    assert all(c["outcome"] is None for c in doc["cases"][:4])
    assert doc["cases"][0]["slot"] == "16:00" and "Question 2" in doc["cases"][0]["question"]
    with pytest.raises(MeetingRecordError) as err:  # unfilled: refused, naming each case
        svc.record_meeting(db, doc, user="anna")
    assert "$.cases[0].outcome" in str(err.value) and "$.cases[3].outcome" in str(err.value)
    assert "$.cases[4]" not in str(err.value)


def test_closing_stores_outcomes_attendance_and_effects(db: Any) -> None:
    result = svc.record_meeting(db, mf.record(), user="anna")
    assert result.written and not result.amended
    assert result.counts == {"discussed": 2, "deferred": 1, "not_discussed": 1, "noted": 1}
    assert len(result.follow_ups) == 1
    with db.session() as s:
        meeting = s.scalars(select(m.Meeting)).one()
        assert meeting.chair.code == "E1" and meeting.closed_by == "anna"
        assert [e.code for e in meeting.attendees] == ["E1", "E2", "E3", "E4"]
        first = meeting.outcomes[0]
        assert first.recommendation == mf.HARD and first.consensus and first.minutes == 12
        c1, c2, c3, c4, p1 = (_case(s, c) for c in ("C1", "C2", "C3", "C4", "P1"))
        assert (c1.status, c2.status, c3.status, c4.status, p1.status) == (
            "discussed",
            "deferred",
            "not_discussed",
            "discussed",
            "discussed",
        )
        held = dt.date.today() - dt.timedelta(days=mf.HELD)
        # deferred / not discussed keep due date and urgency, and are flagged
        assert c2.due_date == held + dt.timedelta(days=4) and c2.urgent
        assert c2.attention and "pathology missing" in c2.attention
        assert "biopsy" in c2.attention
        assert c3.attention and "out of time" in c3.attention
        assert c1.attention is None
        # the follow-up: a new case linked to C1
        follow = _case(s, result.follow_ups[0])
        assert follow.follow_up_of_id == c1.id and follow.id != c1.id
        assert (follow.patient_ref, follow.hospital_id, follow.tumour_group_id) == (
            c1.patient_ref,
            c1.hospital_id,
            c1.tumour_group_id,
        )
        assert follow.bsn == c1.bsn and follow.patient_name == c1.patient_name
        assert follow.ready_date == dt.date.today() + dt.timedelta(days=14)
        assert follow.required_level == "regional" and follow.status == "ready"
        assert follow.question == "Restaging: surgery?"
        assert first.follow_up_case_id == follow.id
        actions = [e.action for e in s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id))]
        assert actions.count("meeting_outcome") == 5
        assert "meeting_close" in actions and "follow_up_create" in actions
        # no typed recommendation or patient data in the audit details
        for e in s.scalars(select(m.AuditEvent)):
            assert mf.HARD not in str(e.details) and "Ĳsbrand" not in str(e.details)
    state = svc.meeting_state(db, "S1")
    assert state.closed and state.record["chair"] == "E1"
    assert [line.code for line in state.lines] == ["C1", "C2", "C3", "C4", "P1"]


def test_follow_up_question_is_carried_over_when_none_is_given(db: Any) -> None:
    doc = mf.record()
    doc["cases"][0]["follow_up"]["question"] = None
    result = svc.record_meeting(db, doc, user="anna")
    with db.session() as s:
        assert _case(s, result.follow_ups[0]).question == _case(s, "C1").question


def test_a_closed_meeting_is_read_only_and_amended_with_a_reason(db: Any) -> None:
    first = svc.record_meeting(db, mf.record(), user="anna")
    with pytest.raises(MeetingRecordError) as err:
        svc.record_meeting(db, mf.record(), user="anna")
    assert "$.amendment_reason" in str(err.value)
    with pytest.raises(UserError):
        svc.save_draft(db, _session_pk(db), {"x": 1}, user="anna")
    # amend: C2 was in fact discussed, C1's follow-up was not wanted
    doc = mf.record(amendment_reason="biopsy result arrived during the meeting")
    doc["cases"][1] = {
        "case": "C2",
        "outcome": "discussed",
        "recommendation": "Surgery.",
        "consensus": True,
        "intent": "curative",
    }
    doc["cases"][0]["follow_up"] = None
    result = svc.record_meeting(db, doc, user="bert")
    assert result.amended and result.follow_ups == ()
    with db.session() as s:
        meeting = s.scalars(select(m.Meeting)).one()
        assert meeting.amendments == 1 and "biopsy" in meeting.amendment_reason
        assert _case(s, "C2").status == "discussed" and _case(s, "C2").attention is None
        old = _case(s, first.follow_ups[0])
        assert old.status == "withdrawn"
        events = [
            e for e in s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "meeting_amend"))
        ]
        # on PostgreSQL the server records the login; the application's user is "on behalf of"
        assert len(events) == 1 and "bert" in (events[0].user, events[0].on_behalf_of)
        assert events[0].details["reason"].startswith("biopsy")


def test_amending_keeps_and_updates_the_follow_up_case(db: Any) -> None:
    first = svc.record_meeting(db, mf.record(), user="anna")
    doc = mf.record(amendment_reason="date typo")
    later = dt.date.today() + dt.timedelta(days=21)
    doc["cases"][0]["follow_up"]["rediscuss_on"] = later.isoformat()
    second = svc.record_meeting(db, doc, user="anna")
    assert second.follow_ups == first.follow_ups
    with db.session() as s:
        assert _case(s, first.follow_ups[0]).ready_date == later


def _session_pk(db: Any) -> int:
    with db.session() as s:
        return s.scalars(select(m.MeetingSession.id).where(m.MeetingSession.code == "S1")).one()


def test_check_only_writes_nothing(db: Any) -> None:
    before = mf.dump(db)
    result = svc.record_meeting(db, mf.record(), user="anna", check_only=True)
    assert not result.written and result.counts["discussed"] == 2
    assert mf.dump(db) == before


def test_a_draft_is_kept_until_the_meeting_closes(db: Any) -> None:
    pk = _session_pk(db)
    svc.save_draft(db, pk, {"cases": {"C1": {"outcome": "discussed"}}}, user="anna")
    svc.save_draft(db, pk, {"cases": {"C1": {"outcome": "deferred"}}}, user="anna")
    assert svc.meeting_state(db, "S1").draft == {"cases": {"C1": {"outcome": "deferred"}}}
    svc.record_meeting(db, mf.record(), user="anna")
    assert svc.meeting_state(db, "S1").draft is None


def test_withdrawing_a_case_takes_it_out_of_plans_with_a_reason(db: Any) -> None:
    with db.session() as s:
        c3 = _case(s, "C3")
        pk, version = c3.id, c3.version
    with pytest.raises(UserError, match="reason"):
        svc.withdraw_case(db, pk, "  ", user="anna")
    svc.withdraw_case(
        db, pk, "patient moved to another region", user="anna", expected_version=version
    )
    with db.session() as s:
        c3 = _case(s, "C3")
        assert c3.status == "withdrawn" and "moved" in c3.attention
        assert not s.scalars(
            select(m.Assignment).where(m.Assignment.case_id == pk, m.Assignment.published.is_(True))
        ).all()
        event = s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "withdraw")).one()
        assert event.entity_id == "C3" and "moved" in event.details["reason"]
    with pytest.raises(UserError, match="already withdrawn"):
        svc.withdraw_case(db, pk, "again", user="anna")
    # the withdrawn case is no longer on the agenda: the record must not name it
    assert "C3" not in [c["case"] for c in svc.template(db, "S1", user="anna")["cases"]]


def test_patient_timeline_shows_the_earlier_outcome(db: Any) -> None:
    result = svc.record_meeting(db, mf.record(), user="anna")
    with db.session() as s:
        follow = _case(s, result.follow_ups[0]).id
    timeline = svc.patient_timeline(db, follow)
    assert [(t.case_code, t.outcome) for t in timeline] == [("C1", "discussed")]
    assert timeline[0].recommendation == mf.HARD
    assert timeline[0].follow_up_case == result.follow_ups[0]


def test_the_database_refuses_an_incomplete_discussed_outcome(db: Any) -> None:
    from sqlalchemy.exc import IntegrityError

    svc.record_meeting(db, mf.record(), user="anna")
    with pytest.raises(IntegrityError), db.session() as s:
        meeting = s.scalars(select(m.Meeting)).one()
        outcome = next(o for o in meeting.outcomes if o.outcome == "deferred")
        outcome.outcome = "discussed"  # no recommendation, consensus or intent
        s.flush()


def test_a_discussed_re_discussion_cannot_be_taken_back(db: Any) -> None:
    first = svc.record_meeting(db, mf.record(), user="anna")
    with db.session() as s:
        _case(s, first.follow_ups[0]).status = "discussed"
    before = mf.dump(db)
    doc = mf.record(amendment_reason="no follow-up after all")
    doc["cases"][0]["follow_up"] = None
    with pytest.raises(UserError, match=r"\$\.cases\[0\]\.follow_up"):
        svc.record_meeting(db, doc, user="anna")
    assert mf.dump(db) == before
    # changing its date is kept out of the discussed case too
    doc = mf.record(amendment_reason="typo")
    doc["cases"][0]["follow_up"]["rediscuss_on"] = (
        dt.date.today() + dt.timedelta(days=30)
    ).isoformat()
    svc.record_meeting(db, doc, user="anna")
    with db.session() as s:
        assert _case(s, first.follow_ups[0]).ready_date == dt.date.today() + dt.timedelta(days=14)


def test_a_proposal_holding_a_case_withdrawn_since_is_refused_at_publishing(db: Any) -> None:
    from mdo_planner.services import plan_review as pr

    svc.record_meeting(db, mf.record(), user="anna")
    week = dt.date.today() + dt.timedelta(days=7)  # S2
    run = pr.propose_plan(db, week, week, 2, user="anna")
    with db.session() as s:
        planned = set(
            s.scalars(
                select(m.Case.code)
                .join(m.Assignment, m.Assignment.case_id == m.Case.id)
                .where(m.Assignment.plan_run_id == run)
            )
        )
        assert {"C2", "C3"} <= planned  # deferred and not discussed: back in the plan
        assert not planned & {"C1", "C4", "P1"}  # discussed: never again
        c3 = _case(s, "C3").id
    svc.withdraw_case(db, c3, "patient moved", user="anna")
    with pytest.raises(UserError, match="C3 was withdrawn"):
        pr.publish_run(db, run, user="anna")
