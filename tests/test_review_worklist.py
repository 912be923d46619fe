"""The review as a work list (issue 18): the solver's explanations reach the review, the move
list is the hard-rule check applied to every session of the case's group, refusals name
sessions as a secretary knows them, and the publish summary counts what changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.services import plan_review as pr
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date
H0, H1 = D(2027, 1, 4), D(2027, 1, 15)


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    db = filled_database(tmp_path_factory.mktemp("wl") / "w.sqlite", tiny_scenario())
    return db, pr.propose_plan(db, H0, H1, 3, user="anna")


def test_explanations_reach_the_review(planned) -> None:
    db, run_id = planned
    rows = [r for r in pr.review(db, run_id).rows if r.kind != "unplanned"]
    assert rows and all(r.cost_terms for r in rows), "cost terms of every planned case"
    with_alt = [r for r in rows if r.alternative]
    assert with_alt, "the solver's next best session reaches the review"
    for r in with_alt:
        assert r.alternative_session_id is not None and r.alternative_delta is not None
        assert r.alternative != r.session
    for r in rows:
        assert r.days_late == max(0, (r.session_date - r.due).days)


def test_move_options_are_the_rule_check(planned) -> None:
    db, run_id = planned
    rv = pr.review(db, run_id)
    row = next(r for r in rv.rows if r.kind == "new")
    options = pr.move_options(db, run_id, row.case_id)
    assert options
    seen_refused = False
    for o in options:
        expected = [
            b
            for b in pr.check_move(
                db, row.case_id, o.session_id, plan_run_id=run_id, horizon=(H0, H1)
            )
            if b.rule != 8
        ]
        assert list(o.breaches) == expected
        assert o.late == (o.date > row.due)
        assert o.free_minutes <= o.capacity
        seen_refused |= not o.allowed
    allowed = [o.allowed for o in options]
    assert allowed == sorted(allowed, reverse=True), "allowed sessions come first"
    assert sum(o.current for o in options) == 1
    # no sentence names the internal session code
    with db.session() as s:
        codes = set(s.scalars(select(m.MeetingSession.code)))
    for o in options:
        for b in o.breaches:
            assert not any(code in str(b) for code in codes), str(b)


def test_refusal_names_the_session_not_its_code(planned) -> None:
    db, run_id = planned
    row = next(r for r in pr.review(db, run_id).rows if r.kind == "new")
    with db.session() as s:
        other = s.scalars(
            select(m.MeetingSession)
            .join(m.TumourGroup)
            .where(m.TumourGroup.code != row.tumour_group, m.MeetingSession.date.between(H0, H1))
            .limit(1)
        ).one()
        code, day = other.code, other.date
    breaches = pr.move_case(db, run_id, row.case_id, other.id, user="anna")
    text = " ".join(str(b) for b in breaches)
    assert code not in text and f"{day:%-d %b %Y}" in text, text


def test_publish_summary_counts_the_changes(planned) -> None:
    db, run_id = planned
    rv = pr.review(db, run_id)
    summary = pr.publish_summary(db, run_id)
    # nothing was published before: every planned case is new, every used session changes
    assert summary.cases_change == rv.count("new") and summary.planned == rv.count("new")
    assert summary.sessions_change == sum(1 for x in rv.sessions if x.cases)
    with db.session() as s:
        experts = set(
            s.scalars(select(m.Attendance.expert_id).where(m.Attendance.plan_run_id == run_id))
        )
    assert summary.experts_update == len(experts) > 0
    assert summary.unplanned == rv.count("unplanned")
