"""Plan proposals: run, review against the published plan, checked moves, pin, publish."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.infra.tasks import TaskState
from mdo_planner.services import plan_review as pr
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date
H0, H1 = D(2027, 1, 4), D(2027, 1, 15)


@pytest.fixture(scope="module")
def planned_db(tmp_path_factory):
    db = filled_database(tmp_path_factory.mktemp("plan") / "p.sqlite", tiny_scenario())
    reports = []
    run_id = pr.propose_plan(db, H0, H1, 3, TaskState(reports.append), user="anna")
    return db, run_id, reports


def test_proposal_is_stored_and_reviewed(planned_db) -> None:
    db, run_id, reports = planned_db
    assert reports and reports[-1].best_cost is not None
    rv = pr.review(db, run_id)
    assert rv.count("new") + rv.count("unplanned") == 110  # nothing was published before
    assert rv.count("moved") == 0
    assert all(r.reason for r in rv.rows if r.kind == "unplanned")
    assert all(x.used_minutes <= x.capacity for x in rv.sessions)
    assert all(not x.missing for x in rv.sessions), "the solver keeps the quorum"
    assert rv.bound is None or rv.bound <= rv.objective + 1e-6
    assert pr.latest_run(db) == run_id


def test_move_is_checked_and_staffed(planned_db) -> None:
    db, run_id, _ = planned_db
    rv = pr.review(db, run_id)
    row = next(r for r in rv.rows if r.kind == "new")
    with db.session() as s:
        other_group = s.scalar(
            select(m.MeetingSession.id)
            .join(m.TumourGroup)
            .where(m.TumourGroup.code != row.tumour_group, m.MeetingSession.date.between(H0, H1))
            .limit(1)
        )
    breaches = pr.move_case(db, run_id, row.case_id, other_group, user="anna")
    assert 1 in [b.rule for b in breaches]
    assert pr.review(db, run_id).rows == rv.rows  # nothing changed
    allowed = []
    for sid, _label in pr.candidate_sessions(db, run_id, row.case_id):
        if sid != row.session_id and not pr.check_move(
            db, row.case_id, sid, plan_run_id=run_id, horizon=(H0, H1)
        ):
            allowed.append(sid)
    if not allowed:
        pytest.skip("no alternative session with room for this case in the tiny scenario")
    assert pr.move_case(db, run_id, row.case_id, allowed[0], user="anna") == []
    after = pr.review(db, run_id)
    moved = next(r for r in after.rows if r.case_id == row.case_id)
    assert moved.session_id == allowed[0]
    target = next(x for x in after.sessions if x.session_id == allowed[0])
    assert target.missing == ()
    assert pr.move_case(db, run_id, row.case_id, row.session_id, user="anna") == []


def test_publish_then_replan_shows_moves(planned_db) -> None:
    db, run_id, _ = planned_db
    first = pr.review(db, run_id)
    planned = pr.publish_run(db, run_id, user="anna")
    assert planned == first.count("new")
    with db.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(m.Assignment)
                .where(m.Assignment.published.is_(True))
            )
            == planned
        )
        assert (
            s.scalar(select(func.count()).select_from(m.Case).where(m.Case.status == "planned"))
            == planned
        )
    with pytest.raises(UserError, match="already published"):
        pr.discard_run(db, run_id, user="anna")
    second = pr.propose_plan(db, H0, H1, 2, None, user="anna")
    rv = pr.review(db, second)
    assert (
        rv.count("new") + rv.count("unchanged") + rv.count("moved") + rv.count("unplanned") == 110
    )
    assert rv.count("unchanged") > 0
    pr.discard_run(db, second, user="anna")
    assert pr.latest_run(db) is None


def test_cancel_keeps_the_best_plan(tmp_path) -> None:
    db = filled_database(tmp_path / "c.sqlite", tiny_scenario())
    state = TaskState()
    state.cancel()
    run_id = pr.propose_plan(db, H0, H1, 60, state, user="anna")
    rv = pr.review(db, run_id)
    assert rv.status == "CANCELLED"
    assert len(rv.rows) == 110 and rv.wall_s < 10


def test_only_confirmed_levels_are_planned(tmp_path) -> None:
    """A bare recommendation is never planned: the case is listed with what to do instead."""
    db = filled_database(tmp_path / "u.sqlite", tiny_scenario())
    with db.session() as s:
        case = s.scalars(select(m.Case).order_by(m.Case.code).limit(1)).one()
        case.required_level, case.triage_level, case.status = None, "regional", "new"
        code = case.code
    run_id = pr.propose_plan(db, H0, H1, 2, None, user="anna")
    row = next(r for r in pr.review(db, run_id).rows if r.code == code)
    assert row.kind == "unplanned"
    assert "not yet confirmed" in row.reason and "regional" in row.reason


def test_confirmed_protocol_cases_are_listed_for_noting_not_as_undecided(tmp_path) -> None:
    db = filled_database(tmp_path / "p.sqlite", tiny_scenario())
    with db.session() as s:
        case = s.scalars(select(m.Case).order_by(m.Case.code).limit(1)).one()
        case.required_level = case.triage_level = "protocol"
        case.complexity = {
            "phase": "pre_treatment",
            "stage": "I",
            "pathology_available": True,
            "imaging_available": True,
            "standard_of_care": True,
        }
        code = case.code
    run_id = pr.propose_plan(db, H0, H1, 2, None, user="anna")
    rows = [r for r in pr.review(db, run_id).rows if r.code == code]
    # a protocol case is listed for noting on an agenda, never planned into discussion time
    assert all(r.kind == "unplanned" and "not yet confirmed" not in r.reason for r in rows)


def test_a_proposal_older_than_the_published_plan_is_not_resumed(tmp_path) -> None:
    """Found walking the week: after publishing a newer proposal, restarting the app reopened
    the older one (which can no longer be published) as if it were the current proposal."""
    db = filled_database(tmp_path / "stale.sqlite", tiny_scenario())
    older = pr.propose_plan(db, H0, H1, 1, None, user="anna")
    newer = pr.propose_plan(db, H0, H1, 1, None, user="anna")
    assert pr.latest_run(db) == newer
    pr.publish_run(db, newer, user="anna")
    assert pr.latest_run(db) is None, f"run {older} is older than the published plan"
    again = pr.propose_plan(db, H0, H1, 1, None, user="anna")
    assert pr.latest_run(db) == again


def test_published_start_times_are_the_agendas_times(tmp_path) -> None:
    """The start time stored for a published case (which the agenda-change notices send) is
    the time its agenda prints: both follow the site's ordering policy (urgent, complex,
    grouped by hospital and physician), not the plan run's order."""
    from mdo_planner.services.agenda_loading import AgendaSettings, build_session_agenda

    db = filled_database(tmp_path / "p.sqlite", tiny_scenario())
    run_id = pr.propose_plan(db, H0, H1, 3, TaskState(lambda _r: None), user="anna")
    pr.publish_run(db, run_id, user="anna")
    differ = []
    compared = 0
    with db.session() as s:
        sessions = s.scalars(
            select(m.MeetingSession).where(
                m.MeetingSession.id.in_(
                    select(m.Assignment.session_id).where(m.Assignment.published.is_(True))
                )
            )
        ).all()
        for x in sessions:
            agenda = build_session_agenda(s, x.id, settings=AgendaSettings())
            printed = {item.case_id: item.start for item in agenda.items}
            stored = {
                a.case.code: a.start_time
                for a in s.scalars(
                    select(m.Assignment).where(
                        m.Assignment.published.is_(True), m.Assignment.session_id == x.id
                    )
                )
                if a.case.code in printed
            }
            compared += len(stored)
            differ += [
                (x.code, c, stored[c], printed[c]) for c in stored if stored[c] != printed[c]
            ]
    assert compared > 10
    assert not differ, differ[:5]


def test_review_counts_the_extra_disciplines_of_a_sessions_cases(tmp_path) -> None:
    """A case asking for a discipline nobody in its proposed session covers shows that
    session as missing it (a case's extra need, read with the proposal's cases)."""
    db = filled_database(tmp_path / "x.sqlite", tiny_scenario())
    run_id = pr.propose_plan(db, H0, H1, 2, user="anna")
    row = next(r for r in pr.review(db, run_id).rows if r.session_id is not None)
    with db.session() as s:
        present = set(
            s.scalars(
                select(m.Discipline.code)
                .join(m.Expert)
                .join(m.Attendance, m.Attendance.expert_id == m.Expert.id)
                .where(
                    m.Attendance.plan_run_id == run_id, m.Attendance.session_id == row.session_id
                )
            )
        )
        absent = s.scalar(select(m.Discipline).where(m.Discipline.code.not_in(present)).limit(1))
        code = absent.code
        case = s.get(m.Case, row.case_id)
        case.extra_disciplines.append(absent)
    load = next(x for x in pr.review(db, run_id).sessions if x.session_id == row.session_id)
    assert code in load.missing
