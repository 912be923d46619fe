"""Editing a proposed plan before it is published: move, unplace or pin a case, publish
or discard the run.

Moves are checked against the contract's hard rules (:mod:`mdo_planner.services.plan_rules`)
and refused with the rule's sentence; an accepted move also staffs the target session for any
discipline the moved case brings, so that a published plan never silently lacks a quorum.

Split from :mod:`mdo_planner.services.plan_review`, which re-exports these names.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.agenda.timing import publish_order, schedule
from mdo_planner.errors import UserError
from mdo_planner.planning.cutoff import in_freeze_window
from mdo_planner.planning.pool import in_pool, not_planned_reason

from . import access, notices
from ._db import DatabaseLike
from .agenda_loading import store_agenda_times
from .base import audit
from .plan_rules import (
    Breach,
    assignment_minutes,
    available_experts,
    check_move,
    store_schedule,
)
from .publish_check import stale_reasons

# --------------------------------------------------------------------------- editing


def _open_run(s: Session, run_id: int, *, lock: bool = False) -> m.PlanRun:
    """The run, refused when it is no longer a proposal. ``lock`` takes its row lock
    (PostgreSQL ``SELECT ... FOR UPDATE``) so that a concurrent publish and discard of the same
    run wait for each other and the second sees what the first did; the run's ``version``
    makes the second one fail even where row locks do not exist (SQLite serialises writers)."""
    run = s.get(m.PlanRun, run_id, with_for_update=lock, populate_existing=lock)
    if run is None:
        raise UserError(f"plan run {run_id} no longer exists")
    if run.published_at is not None:
        raise UserError(f"plan run {run_id} is already published; run planning again to change it")
    if run.discarded:
        raise UserError(f"plan run {run_id} was discarded")
    return run


def _staff(s: Session, run_id: int, session: m.MeetingSession, need: set[str]) -> None:
    """Add an eligible, available expert of every needed discipline nobody covers yet (within
    weekly limits and never in two overlapping sessions of the proposal: rule 7)."""
    attending, free = available_experts(s, session, run_id)
    missing = need - attending
    for eid, code in free:
        if code in missing:
            s.add(
                m.Attendance(
                    session_id=session.id, expert_id=eid, plan_run_id=run_id, published=False
                )
            )
            missing.discard(code)


def move_case(
    db: DatabaseLike, run_id: int, case_id: int, session_id: int, *, user: str
) -> list[Breach]:
    """Move a case of the proposal into a session and pin it there; returns the broken rules
    (nothing is changed then) or an empty list when the move was made.

    A case pinned elsewhere may be moved by hand: the move re-pins it (the pin rule is about
    the planner, not about the secretary)."""
    with db.session() as s:
        run = _open_run(s, run_id)
        horizon = (run.horizon_start, run.horizon_end)
        case = s.get(m.Case, case_id)
        if case is not None and not in_pool(case.required_level, case.status):
            # a move by hand never plans what a clinician has not decided (or put on hold,
            # withdrawn, discussed): the same pool the planner and publishing use
            raise UserError(
                f"{case.code} cannot be moved into a session: "
                + not_planned_reason(case.required_level, case.status, case.triage_level)
            )
    breaches = [
        b
        for b in check_move(db, case_id, session_id, plan_run_id=run_id, horizon=horizon)
        if b.rule != 8
    ]
    if breaches:
        return breaches
    with db.session() as s:
        run = _open_run(s, run_id)
        a = s.scalar(
            select(m.Assignment).where(
                m.Assignment.plan_run_id == run_id, m.Assignment.case_id == case_id
            )
        )
        s.execute(
            delete(m.UnplannedCase).where(
                m.UnplannedCase.plan_run_id == run_id, m.UnplannedCase.case_id == case_id
            )
        )
        old = a.session_id if a else None
        if a is None:
            a = m.Assignment(
                case_id=case_id, session_id=session_id, plan_run_id=run_id, published=False
            )
            s.add(a)
        a.session_id = session_id
        a.position = None
        a.start_time = None
        # a move by hand sticks: the case is pinned to its new session (shown, with Unpin),
        # so that the next plan run does not undo it
        a.pinned = True
        s.flush()
        target = s.get(m.MeetingSession, session_id)
        case = s.get(m.Case, case_id)
        if target is None or case is None:  # deleted by someone else since check_move
            raise UserError("the case or the session no longer exists; reload the plan")
        # the pin this move replaces, so that discarding the proposal gives it back
        basis = dict(run.basis or {})
        moves = dict(basis.get("move_pins") or {})
        moves.setdefault(str(case_id), case.pinned_session_id)
        basis["move_pins"] = moves
        run.basis = basis
        case.pinned_session_id = session_id
        need = {d.code for d in target.tumour_group.core_disciplines}
        need |= {d.code for d in case.extra_disciplines}
        _staff(s, run_id, target, need)
        audit(
            s,
            "move",
            "case",
            case.code,
            {"plan_run": run_id, "from_session": old, "to_session": session_id},
            user=user,
        )
    return []


def unplace_case(db: DatabaseLike, run_id: int, case_id: int, reason: str, *, user: str) -> None:
    """Take a case out of the proposal (back to unplanned with ``reason``); undoes a move of
    a case that the solver had left unplanned."""
    with db.session() as s:
        _open_run(s, run_id)
        s.execute(
            delete(m.Assignment).where(
                m.Assignment.plan_run_id == run_id, m.Assignment.case_id == case_id
            )
        )
        if (
            s.scalar(
                select(m.UnplannedCase.id).where(
                    m.UnplannedCase.plan_run_id == run_id, m.UnplannedCase.case_id == case_id
                )
            )
            is None
        ):
            s.add(m.UnplannedCase(plan_run_id=run_id, case_id=case_id, reason=reason))
        audit(s, "unplace", "case", str(case_id), {"plan_run": run_id}, user=user)


def pin_case(db: DatabaseLike, case_id: int, session_id: int | None, *, user: str) -> None:
    """Pin a case to a session (every later plan run must keep it there) or unpin it."""
    with db.session() as s:
        case = s.get(m.Case, case_id)
        if case is None:
            raise UserError(f"case {case_id} no longer exists")
        case.pinned_session_id = session_id
        for a in s.scalars(
            select(m.Assignment).where(
                m.Assignment.case_id == case_id, m.Assignment.published.is_(False)
            )
        ):
            a.pinned = session_id is not None and a.session_id == session_id
        audit(
            s,
            "pin" if session_id else "unpin",
            "case",
            case.code,
            {"session": session_id},
            user=user,
        )


def publish_run(db: DatabaseLike, run_id: int, *, user: str, today: dt.date | None = None) -> int:
    """Make the proposal the published plan of its cases; returns how many are planned.

    The cases of the run lose their previous published place; the sessions of the horizon
    get the run's attendance; a secretary's manual order in an unchanged session is kept, and
    every case's stored start is the time its agenda prints (the site's ordering policy), so
    that the agenda-change notices and the PDF agree.
    """
    with db.session() as s:
        person = access.require(s, "plan.publish", entity="plan_run", entity_id=run_id, user=user)
        run = _open_run(s, run_id, lock=True)
        problems = stale_reasons(s, run)
        if problems:
            shown = problems[:6]
            more = f"; and {len(problems) - 6} more" if len(problems) > 6 else ""
            raise UserError(f"plan run {run_id} cannot be published: " + "; ".join(shown) + more)
        rows = s.scalars(
            select(m.Assignment)
            .options(selectinload(m.Assignment.case))
            .where(m.Assignment.plan_run_id == run_id)
        ).all()
        unplanned_ids = list(
            s.scalars(select(m.UnplannedCase.case_id).where(m.UnplannedCase.plan_run_id == run_id))
        )
        ids = [a.case_id for a in rows] + unplanned_ids
        old = {
            a.case_id: a
            for a in s.scalars(
                select(m.Assignment).where(
                    m.Assignment.published.is_(True), m.Assignment.case_id.in_(ids)
                )
            )
        }
        for a in old.values():
            a.published = False
        s.flush()
        for case_id in unplanned_ids:
            case = s.get(m.Case, case_id)
            if case is None:
                raise UserError(f"case {case_id} no longer exists; reload the plan")
            if case.status == "planned":
                # back to the pool, or to hold when a clinician withheld it meanwhile
                case.status = "hold" if case.required_level == "hold" else "ready"
        by_session: dict[int, list[m.Assignment]] = defaultdict(list)
        for a in rows:
            prev = old.get(a.case_id)
            if prev is not None and prev.session_id == a.session_id and prev.manual_order:
                a.manual_order = True
                a.position = prev.position
            by_session[a.session_id].append(a)
            a.published = True
            a.case.status = "planned"
        for sid, items in by_session.items():
            x = s.get(m.MeetingSession, sid)
            if x is None:
                raise UserError(f"session {sid} no longer exists; reload the plan")
            store_schedule(
                schedule(
                    dt.datetime.combine(x.date, x.start_time),
                    items,
                    assignment_minutes,
                    order=lambda found: publish_order(
                        found,
                        manual=lambda a: a.manual_order,
                        position=lambda a: a.position,
                        urgent=lambda a: a.case.urgent,
                        code=lambda a: a.case.code,
                    ),
                ),
            )
        # ...and the times as the agendas print them (the site's ordering policy)
        s.flush()
        store_agenda_times(s, sorted(by_session))
        horizon_sessions = select(m.MeetingSession.id).where(
            m.MeetingSession.date.between(run.horizon_start, run.horizon_end)
        )
        s.execute(
            delete(m.Attendance).where(
                m.Attendance.published.is_(True), m.Attendance.session_id.in_(horizon_sessions)
            )
        )
        for att in s.scalars(select(m.Attendance).where(m.Attendance.plan_run_id == run_id)):
            att.published = True
        run.published_at = m.utcnow()
        run.published_by = user
        s.flush()
        # published inside a session's freeze window: that is the agenda sent (frozen)
        day = today or dt.date.today()
        for x in s.scalars(
            select(m.MeetingSession)
            .options(selectinload(m.MeetingSession.series))
            .where(
                m.MeetingSession.id.in_(list(by_session)), m.MeetingSession.agenda_sent.is_(None)
            )
        ):
            if in_freeze_window(
                day, x.date, x.echelon, x.series.cutoff_working_days if x.series else None
            ):
                notices.mark_sent(s, x, how="published in the freeze window", user=user)
        audit(
            s,
            "publish",
            "plan_run",
            str(run_id),
            {"planned": len(rows), "unplanned": len(unplanned_ids)},
            role=person.role,
            hospital=person.hospital,
            case_ids=[a.case.code for a in rows]
            + list(s.scalars(select(m.Case.code).where(m.Case.id.in_(unplanned_ids)))),
            user=user,
        )
        return len(rows)


def discard_run(db: DatabaseLike, run_id: int, *, user: str) -> None:
    """Throw a proposal away; the published plan stays as it was."""
    with db.session() as s:
        run = _open_run(s, run_id, lock=True)
        run.discarded = True
        # the pins its moves made go with it (a pin changed since then stays as it is)
        for case_id, before in ((run.basis or {}).get("move_pins") or {}).items():
            case = s.get(m.Case, int(case_id))
            moved_to = s.scalar(
                select(m.Assignment.session_id).where(
                    m.Assignment.plan_run_id == run_id, m.Assignment.case_id == int(case_id)
                )
            )
            if case is not None and case.pinned_session_id == moved_to:
                case.pinned_session_id = before
        audit(s, "discard", "plan_run", str(run_id), user=user)
