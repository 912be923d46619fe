"""Triage in the database: recommendation, confirm, override with reason, re-triage that
never silently replaces a decision, versioned rule sets, audit trail."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.services import triage_service as ts
from mdo_planner.services.base import Database, open_database
from mdo_planner.triage import default_rule_set, rule_set_from_document
from tests.scenario_rows import load_rows, tiny_scenario

READY: dict[str, Any] = {"pathology_available": True, "imaging_available": True}


def _fill(database: Database) -> Database:
    with database.session() as s:
        load_rows(s, tiny_scenario())
    return database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = _fill(open_database(f"sqlite:///{tmp_path / 'triage.sqlite'}"))
    yield database
    database.dispose()


def _new_case(
    db: Database,
    code: str,
    complexity: dict[str, Any] | None,
    *,
    group: str = "BREAST",
    hospital: str = "H1_2",
    question: str = "Plan?",
    ready: dt.date = dt.date(2027, 1, 4),
) -> int:
    with db.session() as s:
        case = m.Case(
            code=code,
            patient_ref="P-000001",
            hospital=s.scalar(select(m.Hospital).where(m.Hospital.code == hospital)),
            tumour_group=s.scalar(select(m.TumourGroup).where(m.TumourGroup.code == group)),
            question=question,
            complexity=complexity,
            ready_date=ready,
            due_date=dt.date(2027, 1, 20),
            status="new",
        )
        s.add(case)
        s.flush()
        return case.id


def _set_complexity(db: Database, case_id: int, complexity: dict[str, Any]) -> None:
    with db.session() as s:
        s.get(m.Case, case_id).complexity = complexity


def _get(db: Database, case_id: int) -> m.Case:
    with db.session() as s:
        case = s.get(m.Case, case_id)
        _ = [d.code for d in case.extra_disciplines]
        return case


def _audit(db: Database, action: str) -> list[m.AuditEvent]:
    with db.session() as s:
        return list(
            s.scalars(
                select(m.AuditEvent).where(m.AuditEvent.action == action).order_by(m.AuditEvent.id)
            )
        )


def test_recommendation_is_stored_but_not_yet_required(db: Database) -> None:
    cid = _new_case(db, "T1", {**READY, "recurrence": True})
    with db.session() as s:
        out = ts.triage_case(s, cid, user="dr.bakker")
    assert out.result.level == "regional" and out.previous_level is None and not out.changed
    case = _get(db, cid)
    assert case.triage_level == "regional"
    assert case.required_level is None  # planning waits for a clinician
    assert case.status == "new"
    assert case.triage_rules == [
        {
            "id": "R3",
            "effect": "at_least",
            "triggers": ["recurrence"],
            "reason_en": "R3: recurrence — regional MDO",
            "reason_nl": "R3: recidief — regionaal MDO",
        }
    ]
    assert case.triage_rule_set_version == 1
    with db.session() as s:
        row = s.get(m.TriageRuleSet, case.triage_rule_set_id)
        assert (row.name, row.rule_version, row.network_id) == ("default", 1, None)
    (event,) = _audit(db, "triage.run")
    assert event.user == "dr.bakker" and event.entity_id == "T1"
    assert event.details["level"] == "regional" and event.details["rules"] == ["R3"]


def test_hold_shows_what_is_missing(db: Database) -> None:
    cid = _new_case(db, "T2", {"imaging_available": True}, question="")
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.result.level == "hold"
    assert out.result.missing == ["no_pathology", "no_question"]
    case = _get(db, cid)
    assert case.status == "hold"
    assert case.triage_rules[0]["reason_en"] == (
        "R0: no pathology report yet, no question for the meeting — hold"
    )
    # no complexity recorded at all
    cid = _new_case(db, "T3", None)
    with db.session() as s:
        assert ts.triage_case(s, cid, user="sec").result.missing == ["no_complexity"]


def test_confirm_makes_the_recommendation_required(db: Database) -> None:
    cid = _new_case(db, "T4", {**READY, "multimodal": True, "hereditary_suspected": True})
    with db.session() as s:
        ts.triage_case(s, cid, user="sec")
    with db.session() as s:
        warnings = ts.confirm(
            s, cid, now=dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC), user="dr.bakker"
        )
    assert warnings == []
    case = _get(db, cid)
    assert case.required_level == "regional"
    assert case.confirmed_by == "dr.bakker"
    assert case.confirmed_at.replace(tzinfo=dt.UTC) == dt.datetime(2027, 1, 4, 9, tzinfo=dt.UTC)
    assert case.status == "ready"
    assert case.minutes == 8
    assert [d.code for d in case.extra_disciplines] == ["CLIN_GEN"]
    (event,) = _audit(db, "triage.confirm")
    assert event.details["level"] == "regional" and event.user == "dr.bakker"


def test_confirm_needs_a_current_recommendation(db: Database) -> None:
    cid = _new_case(db, "T5", {**READY})
    with db.session() as s, pytest.raises(UserError, match="no triage recommendation yet"):
        ts.confirm(s, cid, user="dr")
    with db.session() as s:
        ts.triage_case(s, cid, user="sec")
    _set_complexity(db, cid, {**READY, "rare_tumour": True})
    with (
        db.session() as s,
        pytest.raises(
            UserError,
            match=r"out of date \(local, now "
            r"supraregional\)",
        ),
    ):
        ts.confirm(s, cid, user="dr")
    assert _get(db, cid).required_level is None


def test_override_needs_a_reason_and_is_audited(db: Database) -> None:
    cid = _new_case(db, "T6", {**READY})
    with db.session() as s:
        ts.triage_case(s, cid, user="sec")
    for reason in ("", "   ", None):
        with db.session() as s, pytest.raises(UserError, match="a reason is required"):
            ts.override(s, cid, "regional", reason, user="dr.smit")  # type: ignore[arg-type]
    with db.session() as s, pytest.raises(UserError, match="unknown level 'national'"):
        ts.override(s, cid, "national", "why", user="dr.smit")
    case = _get(db, cid)
    assert case.override_level is None and case.required_level is None
    assert _audit(db, "triage.override") == []

    with db.session() as s:
        ts.override(
            s, cid, "regional", "  Patient treated in the regional centre before. ", user="dr.smit"
        )
    case = _get(db, cid)
    assert case.required_level == "regional" and case.triage_level == "local"
    assert (case.override_level, case.override_by) == ("regional", "dr.smit")
    assert case.override_reason == "Patient treated in the regional centre before."
    assert case.override_at is not None and case.confirmed_at is None
    assert case.minutes == 8
    (event,) = _audit(db, "triage.override")
    assert event.details == {
        "level": "regional",
        "recommended": "local",
        "previous_required_level": None,
        "reason": "Patient treated in the regional centre before.",
    }


def test_override_survives_retriage_and_flags_a_changed_recommendation(db: Database) -> None:
    cid = _new_case(db, "T7", {**READY})
    with db.session() as s:
        ts.triage_case(s, cid, user="sec")
        ts.override(s, cid, "regional", "Discussed regionally last time.", user="dr.smit")
    # data unchanged: re-triage changes nothing and raises no flag
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert not out.changed and not out.needs_review and out.required_level == "regional"
    # data changed so that the recommendation changes: the override stays, review flag
    _set_complexity(db, cid, {**READY, "second_opinion": True})
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.changed and out.needs_review
    case = _get(db, cid)
    assert case.required_level == "regional"  # never silently replaced
    assert case.override_level == "regional" and case.triage_level == "supraregional"
    assert case.needs_review
    with db.session() as s:
        assert ts.review_count(s) == 1
    # the clinician keeps the override after looking again
    with db.session() as s:
        ts.keep_decision(s, cid, user="dr.smit")
    assert not _get(db, cid).needs_review
    with db.session() as s, pytest.raises(UserError, match="not waiting for a review"):
        ts.keep_decision(s, cid, user="dr.smit")
    assert _audit(db, "triage.review_kept")[0].details["override"] is True


def test_confirmed_level_survives_retriage_until_confirmed_again(db: Database) -> None:
    cid = _new_case(db, "T8", {**READY, "standard_of_care": True})
    with db.session() as s:
        ts.triage_case(s, cid, user="sec")
        ts.confirm(s, cid, user="dr")
    assert _get(db, cid).required_level == "protocol"
    assert _get(db, cid).minutes == 0
    _set_complexity(db, cid, {**READY, "standard_of_care": True, "recurrence": True})
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.changed and out.needs_review and out.required_level == "protocol"
    with db.session() as s:
        ts.confirm(s, cid, user="dr")
    case = _get(db, cid)
    assert case.required_level == "regional" and not case.needs_review
    assert case.minutes == 8  # the suggestion followed, nobody had set the time by hand


def test_new_extra_discipline_is_a_changed_recommendation(db: Database) -> None:
    cid = _new_case(db, "T9", {**READY})
    with db.session() as s:
        ts.triage_case(s, cid, user="sec")
        ts.confirm(s, cid, user="dr")
    _set_complexity(db, cid, {**READY, "hereditary_suspected": True})
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.result.level == "local" and out.changed and out.needs_review
    with db.session() as s:
        ts.confirm(s, cid, user="dr")
    assert [d.code for d in _get(db, cid).extra_disciplines] == ["CLIN_GEN"]


def test_manual_minutes_are_kept(db: Database) -> None:
    cid = _new_case(db, "T10", {**READY})
    with db.session() as s:
        s.get(m.Case, cid).minutes = 6
        ts.triage_case(s, cid, user="sec")
        ts.confirm(s, cid, user="dr")
    assert _get(db, cid).minutes == 6


def _north(version: int) -> Any:
    doc = copy.deepcopy(default_rule_set().to_document())
    doc["id"], doc["version"] = "north", version
    doc["tumour_groups"]["UPPER_GI"] = {"rules": {"R2": {"level": "regional"}}}
    return rule_set_from_document(doc)


def test_network_rule_set_is_versioned_and_recorded(db: Database) -> None:
    with db.session() as s:
        n1 = s.scalar(select(m.Network.id).where(m.Network.code == "N1"))
        nx = s.scalar(select(m.Network.id).where(m.Network.code == "NX"))
        stored = ts.save_rule_set(s, _north(2), n1, user="admin")
    cid = _new_case(db, "T11", {**READY, "centralised_procedure": True}, group="UPPER_GI")
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.result.level == "regional"
    assert (out.result.rule_set_id, out.result.rule_set_version) == ("north", 2)
    case = _get(db, cid)
    assert case.triage_rule_set_id == stored.row_id and case.triage_rule_set_version == 2
    with db.session() as s:
        assert ts.active_rule_set(s, nx).rule_set.id == "default"
        assert ts.active_rule_set(s, n1).rule_set == _north(2)
        # versions only go up, and an id belongs to one network
        with pytest.raises(UserError, match="not newer than the stored version 2"):
            ts.save_rule_set(s, _north(2), n1, user="admin")
        with pytest.raises(UserError, match="already used by another network"):
            ts.save_rule_set(s, _north(3), nx, user="admin")
    with db.session() as s:
        v3 = ts.save_rule_set(s, _north(3), n1, user="admin")
        assert ts.active_rule_set(s, n1).row_id == v3.row_id
        assert not s.get(m.TriageRuleSet, stored.row_id).active
        assert ts.rule_set_row(s, stored.row_id).rule_set.version == 2
    events = _audit(db, "triage_rule_set.save")
    # north v2, the shipped default (stored when network NX first needed it), north v3
    assert [(e.details["name"], e.details["version"]) for e in events] == [
        ("north", 2),
        ("default", 1),
        ("north", 3),
    ]


def test_network_screen_expert_centre_mark_is_used(db: Database) -> None:
    cid = _new_case(db, "T12", {**READY}, group="NEURO")
    with db.session() as s:
        assert ts.triage_case(s, cid, user="sec").result.level == "local"
        s.scalar(
            select(m.TumourGroup).where(m.TumourGroup.code == "NEURO")
        ).expert_centre_only = True
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.result.level == "supraregional"
    assert out.result.reasons() == [
        "R1: tumour group treated in expert centres only — supra-regional MDO"
    ]
    # an unmarked box never takes away the rule set's own mark (sarcoma in the default)
    sarcoma = _new_case(db, "T12b", {**READY}, group="SARCOMA")
    with db.session() as s:
        s.scalar(
            select(m.TumourGroup).where(m.TumourGroup.code == "SARCOMA")
        ).expert_centre_only = False
    with db.session() as s:
        assert ts.triage_case(s, sarcoma, user="sec").result.level == "supraregional"


def test_triage_open_cases(db: Database) -> None:
    a = _new_case(db, "T13", {**READY})
    b = _new_case(db, "T14", {**READY, "trial_candidate": True})
    with db.session() as s:
        ts.triage_case(s, a, user="sec")
        ts.confirm(s, a, user="dr")
    _set_complexity(db, a, {**READY, "rare_tumour": True})
    with db.session() as s:
        counts = ts.triage_open_cases(s, user="sec")
    # the tiny scenario's own 110 cases have no complexity data: nothing to triage
    assert counts == {"triaged": 2, "changed": 1, "needs_review": 1}
    assert _get(db, a).required_level == "local" and _get(db, a).needs_review
    assert _get(db, b).triage_level == "regional" and _get(db, b).required_level is None
    with db.session() as s:
        assert s.scalar(select(m.Case).where(m.Case.code == "C1")).triage_rules is None


def test_stated_echelon_is_a_decision_too(db: Database) -> None:
    """A case imported with a stated echelon keeps it; a differing recommendation is flagged."""
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C3"))
        stated, cid = case.required_level, case.id
        case.triage_level = None  # as the importer leaves it: stated, never triaged
        case.complexity = {**READY, "rare_tumour": True}
    assert stated == "local"
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.result.level == "supraregional" and out.needs_review and not out.changed
    case = _get(db, cid)
    assert case.required_level == "local" and case.status == "ready"
    with db.session() as s:
        s.get(m.Case, cid).complexity = {**READY}
        s.get(m.Case, cid).needs_review = False
    with db.session() as s:
        out = ts.triage_case(s, cid, user="sec")
    assert out.result.level == "local" and out.changed and out.needs_review


def test_protocol_cases_are_listed_on_the_next_local_agenda(db: Database) -> None:
    soc = {**READY, "standard_of_care": True}
    early = _new_case(db, "N1", soc, ready=dt.date(2027, 1, 4))
    late = _new_case(db, "N2", soc, ready=dt.date(2027, 1, 8))
    unconfirmed = _new_case(db, "N3", soc, ready=dt.date(2027, 1, 4))
    other_hospital = _new_case(db, "N4", soc, hospital="H1_3")
    with db.session() as s:
        for cid in (early, late, unconfirmed, other_hospital):
            ts.triage_case(s, cid, user="sec")
        for cid in (early, late, other_hospital):
            ts.confirm(s, cid, user="dr")
        sid = {
            code: s.scalar(select(m.MeetingSession.id).where(m.MeetingSession.code == code))
            for code in ("S12", "S71", "S76")
        }

        def listed(code: str, today: dt.date) -> list[str]:
            return [c.code for c in ts.cases_for_noting(s, sid[code], today=today)]

        # H1_2 BREAST local sessions: S12 on 7 January, S71 on 14 January
        assert listed("S12", dt.date(2027, 1, 1)) == ["N1"]
        assert listed("S71", dt.date(2027, 1, 1)) == ["N2"]
        # the 7 January meeting passed without noting N1: it moves to the next one
        assert listed("S71", dt.date(2027, 1, 10)) == ["N1", "N2"]
        assert listed("S76", dt.date(2027, 1, 1)) == []  # another tumour group
        s.get(m.MeetingSession, sid["S12"]).cancelled = True
        assert listed("S71", dt.date(2027, 1, 1)) == ["N1", "N2"]
    with db.session() as s, pytest.raises(UserError, match="no session with id 999999"):
        ts.cases_for_noting(s, 999999)


def test_unknown_case(db: Database) -> None:
    with db.session() as s, pytest.raises(UserError, match="no case with id 999999"):
        ts.triage_case(s, 999999, user="sec")


@pytest.mark.pg
def test_override_and_retriage_on_postgresql(pg_url: str) -> None:
    database = _fill(open_database(pg_url))
    try:
        cid = _new_case(database, "PG1", {**READY})
        with database.session() as s:
            ts.triage_case(s, cid, user="sec")
            ts.override(s, cid, "regional", "Regional expertise needed.", user="dr")
        _set_complexity(database, cid, {**READY, "rare_tumour": True})
        with database.session() as s:
            out = ts.triage_case(s, cid, user="sec")
        assert out.needs_review and out.required_level == "regional"
        case = _get(database, cid)
        assert case.triage_rules[0]["id"] == "R1"
        assert case.override_reason == "Regional expertise needed."
    finally:
        database.dispose()
