"""Planning a team can trust (issue 12): a clinician's decision is never re-derived by the
planner, one hold or protocol case never stops a plan run of the others, and a proposal is
published only when every hard rule still holds against the database as it is now."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.launcher import main
from mdo_planner.services import plan_review as pr
from mdo_planner.services import sessions_service as ss
from mdo_planner.services import triage_service as ts
from tests.planning_network import H0, H1, REGIONAL_COMPLEXITY, network_database

pr_horizon = (H0, H1)

LIMIT = 2


@pytest.fixture
def db(tmp_path):
    database = network_database(tmp_path / "trust.sqlite")
    yield database
    database.dispose()


def _case_id(db, code: str) -> int:
    with db.session() as s:
        return s.scalar(select(m.Case.id).where(m.Case.code == code))


def _override(
    db, code: str, level: str, reason: str = "biopsy to be repeated", *, complexity: bool = True
) -> None:
    """A clinician overrides the triage of a case (by default one with complexity data, which
    a planner that re-triages would send to a regional MDO)."""
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == code))
        if complexity:
            case.complexity = dict(REGIONAL_COMPLEXITY)
            ts.triage_case(s, case.id, user="dr.smit")
        ts.override(s, case.id, level, reason, user="dr.smit")


def _snapshot(db) -> dict:
    """Everything a publication writes: published rows, case statuses, run states."""
    with db.session() as s:
        return {
            "assignments": sorted(
                s.execute(
                    select(
                        m.Assignment.case_id, m.Assignment.session_id, m.Assignment.position
                    ).where(m.Assignment.published.is_(True))
                ).all()
            ),
            "attendance": sorted(
                s.execute(
                    select(m.Attendance.session_id, m.Attendance.expert_id).where(
                        m.Attendance.published.is_(True)
                    )
                ).all()
            ),
            "statuses": sorted(s.execute(select(m.Case.code, m.Case.status)).all()),
            "runs": sorted(
                s.execute(select(m.PlanRun.id, m.PlanRun.published_at, m.PlanRun.discarded)).all()
            ),
        }


def _published_session(db, code: str) -> str | None:
    with db.session() as s:
        return s.scalar(
            select(m.MeetingSession.code)
            .join(m.Assignment, m.Assignment.session_id == m.MeetingSession.id)
            .join(m.Case)
            .where(m.Case.code == code, m.Assignment.published.is_(True))
        )


# --------------------------------------------------------------------------- defect 1


def test_hold_is_never_planned_by_the_plan_command(db, capsys) -> None:
    _override(db, "C09", "hold")
    url = db.url
    assert (
        main(
            [
                "plan",
                "--db",
                url,
                "--from",
                H0.isoformat(),
                "--to",
                H1.isoformat(),
                "--time-limit",
                str(LIMIT),
                "--publish",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert _published_session(db, "C09") is None
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C09"))
        assert case.required_level == "hold" and case.status == "hold"


def test_hold_is_never_planned_by_the_planning_workspace_path(db) -> None:
    _override(db, "C09", "hold")
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    row = next(r for r in pr.review(db, run).rows if r.code == "C09")
    assert row.kind == "unplanned" and "hold" in row.reason
    pr.publish_run(db, run, user="anna")
    assert _published_session(db, "C09") is None


def test_hold_after_the_proposal_refuses_publishing_an_older_proposal(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    assert any(r.code == "C09" and r.kind == "new" for r in pr.review(db, run).rows)
    _override(db, "C09", "hold")
    before = _snapshot(db)
    with pytest.raises(UserError, match=r"C09 .*hold.*plan again"):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before


@pytest.mark.parametrize("status", ["withdrawn", "discussed"])
def test_withdrawn_or_discussed_after_the_proposal_refuses_publishing(db, status) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    with db.session() as s:
        s.scalar(select(m.Case).where(m.Case.code == "C01")).status = status
    before = _snapshot(db)
    with pytest.raises(UserError, match=f"C01 .*{status}"):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before


# --------------------------------------------------------------------------- defect 2


@pytest.mark.parametrize("level", ["protocol", "hold"])
def test_one_override_never_blocks_a_plan_run(db, level) -> None:
    _override(db, "C09", level)
    _override(db, "C10", level, complexity=False)  # registered with a stated echelon only
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    rv = pr.review(db, run)
    assert rv.count("new") == len(rv.rows) - 2
    for code in ("C09", "C10"):
        row = next(r for r in rv.rows if r.code == code)
        assert row.kind == "unplanned"
        assert ("noting" in row.reason) if level == "protocol" else ("hold" in row.reason)


# --------------------------------------------------------------------------- defect 3


def _busy_session(db, run: int) -> int:
    return max(pr.review(db, run).sessions, key=lambda x: x.cases).session_id


def test_a_session_cancelled_after_the_proposal_refuses_publishing(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    sid = _busy_session(db, run)
    ss.cancel_session(db, sid, "room unavailable", user="bert")
    before = _snapshot(db)
    with pytest.raises(
        UserError,
        match=r"was cancelled after this proposal was made: plan "
        r"again",
    ):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before


def test_a_session_shortened_after_the_proposal_refuses_publishing(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    sid = _busy_session(db, run)
    ss.resize_session(db, sid, 5, user="bert")
    before = _snapshot(db)
    with pytest.raises(UserError, match=r"5 minutes.*plan again"):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before


def test_a_newer_publication_in_between_refuses_publishing_the_older_proposal(db) -> None:
    older = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    newer = pr.propose_plan(db, H0, H1, LIMIT, user="bert")
    pr.publish_run(db, newer, user="bert")
    before = _snapshot(db)
    with pytest.raises(
        UserError,
        match=rf"plan run {newer} was published .*after this "
        r"proposal was made",
    ):
        pr.publish_run(db, older, user="anna")
    assert _snapshot(db) == before


def test_an_expert_on_leave_after_the_proposal_refuses_publishing(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    with db.session() as s:
        att = s.scalars(select(m.Attendance).where(m.Attendance.plan_run_id == run)).first()
        day = att.session.date
        s.add(m.LeavePeriod(expert_id=att.expert_id, start=day, end=day))
        name = att.expert.name
    before = _snapshot(db)
    with pytest.raises(UserError, match=rf"{name}, .*on leave"):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before


def test_an_expert_over_the_weekly_limit_after_the_proposal_refuses_publishing(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    with db.session() as s:
        att = s.scalars(select(m.Attendance).where(m.Attendance.plan_run_id == run)).first()
        att.expert.max_sessions_per_week = 0
        name = att.expert.name
    before = _snapshot(db)
    with pytest.raises(UserError, match=rf"{name} would attend .* above the weekly limit of 0"):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before


def test_a_valid_proposal_still_publishes(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    planned = pr.publish_run(db, run, user="anna")
    assert planned == pr.review(db, run).count("unchanged") > 0


def test_a_discarded_proposal_cannot_be_published(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    pr.discard_run(db, run, user="anna")
    with pytest.raises(UserError, match="discarded"):
        pr.publish_run(db, run, user="anna")
    with db.session() as s:
        assert s.get(m.PlanRun, run).published_at is None


def test_a_plan_run_carries_a_version_and_its_basis(db) -> None:
    first = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    with db.session() as s:
        proposed_version = s.get(m.PlanRun, first).version
    pr.publish_run(db, first, user="anna")
    second = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    with db.session() as s:
        run = s.get(m.PlanRun, second)
        assert run.basis["published_run"] == first
        assert s.get(m.PlanRun, first).version == proposed_version + 1


def test_publishing_never_changes_a_hold_status_set_meanwhile_on_unplanned_cases(db) -> None:
    """Cases the run left unplanned return to 'ready' only from 'planned', never from hold."""
    _override(db, "C09", "hold")
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    pr.publish_run(db, run, user="anna")
    with db.session() as s:
        assert s.scalar(select(m.Case.status).where(m.Case.code == "C09")) == "hold"


def test_the_planning_pool_rule() -> None:
    from mdo_planner.planning.pool import in_pool

    for status in ("ready", "planned", "deferred", "not_discussed"):
        for level in ("local", "regional", "supraregional"):
            assert in_pool(level, status)
        for level in (None, "hold", "protocol"):
            assert not in_pool(level, status)
    for status in ("new", "hold", "discussed", "withdrawn"):
        assert not in_pool("regional", status)


def test_a_case_pinned_after_the_proposal_that_it_left_unplanned_refuses_publishing(db) -> None:
    """Review finding: rule 8 was re-checked for placed cases only."""
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C01"))
        gen = m.Discipline(code="CLIN_GEN", name="Clinical geneticist")
        s.add(gen)
        case.extra_disciplines.append(gen)  # nobody can attend for it: left unplanned
        case_id = case.id
        target = s.scalar(select(m.MeetingSession.id).where(m.MeetingSession.code == "L1W2"))
    run = pr.propose_plan(db, pr_horizon[0], pr_horizon[1], LIMIT, user="anna")
    assert case_id not in {r.case_id for r in pr.review(db, run).rows if r.kind != "unplanned"}
    pr.pin_case(db, case_id, target, user="anna")
    before = _snapshot(db)
    with pytest.raises(UserError, match="C01"):
        pr.publish_run(db, run, user="anna")
    assert _snapshot(db) == before
