"""Concurrency of planning on both backends: publish versus discard of one proposal, and the
Experts form's lost update on a change of relations only (issue 12)."""

from __future__ import annotations

import multiprocessing as mp
import queue

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.errors import ConflictError
from mdo_planner.services import experts_service as es
from mdo_planner.services import plan_review as pr
from tests.db_backends import BACKENDS, backend_url
from tests.planning_network import H0, H1, network_database

ROUNDS = 12


@pytest.fixture(params=BACKENDS)
def url(request) -> str:
    return backend_url(request)


def test_a_relation_only_change_bumps_the_version_and_a_stale_form_conflicts(url) -> None:
    db = network_database(url=url)
    try:
        expert = next(e for e in es.list_experts(db) if e.code == "SURG1")
        # secretary A widens the hospitals served, nothing else
        saved = es.update_expert(
            db,
            expert.id,
            expected_version=expert.version,
            serves=["H1"],
            tumour_groups=list(expert.tumour_groups),
            max_echelon=expert.max_echelon,
            max_sessions_per_week=expert.max_sessions_per_week,
            user="anna",
        )
        assert saved.version == expert.version + 1
        # secretary B saves the form she loaded before A's save
        with pytest.raises(ConflictError, match="changed by someone else"):
            es.update_expert(
                db,
                expert.id,
                expected_version=expert.version,
                serves=["H1", "H2"],
                tumour_groups=list(expert.tumour_groups),
                max_echelon=expert.max_echelon,
                max_sessions_per_week=expert.max_sessions_per_week,
                user="bert",
            )
        assert es.get_expert(db, expert.id).serves == ("H1",)
    finally:
        db.dispose()


def _clone_run(db, template: int) -> int:
    """A fresh proposal with the same content as ``template`` (cheaper than solving again),
    based on the plan published now."""
    with db.session() as s:
        src = s.get(m.PlanRun, template)
        latest = s.scalar(
            select(m.PlanRun.id)
            .where(m.PlanRun.published_at.is_not(None))
            .order_by(m.PlanRun.published_at.desc(), m.PlanRun.id.desc())
            .limit(1)
        )
        run = m.PlanRun(
            created_by="anna",
            horizon_start=src.horizon_start,
            horizon_end=src.horizon_end,
            solver_status=src.solver_status,
            objective=src.objective,
            summary=src.summary,
            basis={**(src.basis or {}), "published_run": latest},
        )
        s.add(run)
        s.flush()
        for a in s.scalars(select(m.Assignment).where(m.Assignment.plan_run_id == template)):
            s.add(
                m.Assignment(
                    case_id=a.case_id,
                    session_id=a.session_id,
                    plan_run_id=run.id,
                    position=a.position,
                    start_time=a.start_time,
                )
            )
        for u in s.scalars(select(m.UnplannedCase).where(m.UnplannedCase.plan_run_id == template)):
            s.add(m.UnplannedCase(case_id=u.case_id, plan_run_id=run.id, reason=u.reason))
        for t in s.scalars(select(m.Attendance).where(m.Attendance.plan_run_id == template)):
            s.add(m.Attendance(session_id=t.session_id, expert_id=t.expert_id, plan_run_id=run.id))
        return run.id


def _worker(url: str, action: str, barrier, jobs, results) -> None:
    """One workstation: for every run id it receives, wait for the other one, then act."""
    from mdo_planner.errors import UserError
    from mdo_planner.services import plan_review as pr
    from mdo_planner.services.base import open_database

    db = open_database(url)
    try:
        while True:
            run_id = jobs.get(timeout=60)
            if run_id is None:
                return
            barrier.wait(timeout=60)
            try:
                getattr(pr, f"{action}_run")(db, run_id, user=action)
                results.put((action, run_id, "ok"))
            except UserError as exc:  # ConflictError is a UserError
                results.put((action, run_id, f"refused: {exc}"))
    finally:
        db.dispose()


def test_publish_and_discard_race_ends_in_exactly_one_state(url) -> None:
    """Two processes, one publishing and one discarding the same proposal at the same moment,
    round after round, on SQLite (writers serialised, the version decides) and PostgreSQL
    (the row lock decides)."""
    pg_url = url
    db = network_database(url=pg_url)
    try:
        template = pr.propose_plan(db, H0, H1, 2, user="anna")
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(2)
        jobs = {a: ctx.Queue() for a in ("publish", "discard")}
        results = ctx.Queue()
        procs = [
            ctx.Process(target=_worker, args=(pg_url, a, barrier, jobs[a], results))
            for a in ("publish", "discard")
        ]
        for p in procs:
            p.start()
        outcomes = []
        try:
            for _ in range(ROUNDS):
                run_id = _clone_run(db, template)
                for q in jobs.values():
                    q.put(run_id)
                got = dict(
                    (a, r) for a, _rid, r in (results.get(timeout=90), results.get(timeout=90))
                )
                with db.session() as s:
                    run = s.get(m.PlanRun, run_id)
                    published, discarded = run.published_at is not None, run.discarded
                outcomes.append((published, discarded, got))
                assert published != discarded, (run_id, got)
                assert (got["publish"] == "ok") == published, got
                assert (got["discard"] == "ok") == discarded, got
        finally:
            for q in jobs.values():
                q.put(None)
            for p in procs:
                p.join(timeout=60)
        assert len(outcomes) == ROUNDS
    except queue.Empty:  # pragma: no cover - a worker died
        pytest.fail("a worker process did not answer")
    finally:
        db.dispose()
