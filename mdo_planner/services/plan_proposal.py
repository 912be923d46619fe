"""Running the planner for a proposal (the first step before a plan is reviewed).

:func:`propose_plan` is the thin path from the database to the solver and back (scenario export
-> ``planning.adapter`` -> ``solver.solve``), written so that the Planning workspace can run in
a worker thread: progress goes to ``state.report`` and a cancel from the GUI stops CP-SAT
through the solver's ``CancelToken`` and still stores the best plan found.

Split from :mod:`mdo_planner.services.plan_review`, which re-exports these names.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

import solver
from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.planning.pool import in_pool, not_planned_reason

from . import access, plan_stability
from ._db import DatabaseLike
from .base import audit
from .publish_check import latest_published_run

# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class PlanProgress:
    """A progress report as the Planning workspace shows it: the solver's figures with the
    set-aside cost added, and the cases planned and unplanned counted over all open cases of
    the horizon (so the figures do not jump when the run ends)."""

    phase: str
    best_cost: int | None
    bound: int | None
    elapsed_s: float
    unplanned: int | None = None
    planned: int | None = None
    #: cost every plan pays (set-aside cases, cases no session can take): the gap is shown
    #: on the rest, the part the planner decides
    constant: int = 0


def propose_plan(
    db: DatabaseLike,
    date_from: dt.date,
    date_to: dt.date,
    time_limit_s: float,
    state: Any = None,
    *,
    user: str,
) -> int:
    """Plan the open cases of the horizon and store the proposal; returns the plan run id.

    ``state`` (a :class:`mdo_planner.infra.tasks.TaskState` or None) receives ``solver.Progress``
    reports, and its cancel stops the solver, which returns its best plan so far.
    Frozen agendas, published attendees and the stability setting are applied by
    :func:`mdo_planner.services.plan_stability.prepare`.
    """
    from mdo_planner.contract_io.exporter import export_scenario
    from mdo_planner.planning.adapter import scenario_to_problem

    if date_to < date_from:
        raise UserError("planning horizon: the last day lies before the first day")
    if not 1 <= time_limit_s <= 3600:
        raise UserError(f"time limit: 1 to 3600 seconds, not {time_limit_s:g}")
    with db.session() as s:
        person = access.require(s, "plan.run", entity="plan_run", user=user)
    scenario = export_scenario(db, date_from, date_to)
    # Per-hospital access (docs/security.md): a hospital secretary plans the sessions their
    # hospital hosts; every other session keeps its published cases and attendees.
    hold: frozenset[str] = frozenset()
    if person.role == "secretary" and person.network_id is None and person.hospital:
        hold = frozenset(x["id"] for x in scenario["sessions"] if x["hospital"] != person.hospital)
    if not scenario["cases"]:
        raise UserError(f"no open cases are ready by {date_to:%Y-%m-%d}: nothing to plan")
    # The planning pool (mdo_planner.planning.pool) decides, and nothing else: a clinician's
    # hold or protocol is never re-derived from the complexity data, and an undecided case
    # is never planned on a bare recommendation. The others are listed with what to do.
    codes = [c["id"] for c in scenario["cases"]]
    with db.session() as s:
        facts = {
            code: (level, status, recommended)
            for code, level, status, recommended in s.execute(
                select(
                    m.Case.code, m.Case.required_level, m.Case.status, m.Case.triage_level
                ).where(m.Case.code.in_(codes))
            )
        }
        latest = latest_published_run(s)
        # what the proposal was computed from: the published plan's revision, and the
        # versions of the sessions, leave and case decisions it read (publishing re-checks
        # the rules themselves; this is the record of what changed in between)
        basis = {
            "published_run": latest.id if latest else None,
            # (published_at is set on every published run: the query selects by it)
            "published_at": latest.published_at.isoformat()
            if latest and latest.published_at
            else None,
            "sessions": dict(
                s.execute(
                    select(m.MeetingSession.code, m.MeetingSession.version).where(
                        m.MeetingSession.code.in_([x["id"] for x in scenario["sessions"]])
                    )
                ).all()
            ),
            "cases": dict(
                s.execute(select(m.Case.code, m.Case.version).where(m.Case.code.in_(codes))).all()
            ),
            "leave": list(
                s.execute(select(func.count(m.LeavePeriod.id), func.max(m.LeavePeriod.id))).one()
            ),
        }
    # A case exported without a decided level (confirmed only after the export read it)
    # waits for the next run rather than being triaged by the adapter: never re-derived.
    undecided_at_export = {c["id"] for c in scenario["cases"] if "echelon" not in c}
    outside = {
        code: not_planned_reason(*facts[code]) for code in codes if not in_pool(*facts[code][:2])
    }
    outside |= {
        code: not_planned_reason(None, facts[code][1], facts[code][2])
        for code in undecided_at_export
        if code not in outside
    }
    if outside:
        scenario["cases"] = [c for c in scenario["cases"] if c["id"] not in outside]
        scenario["previous_plan"] = [
            p for p in scenario.get("previous_plan") or [] if p["case"] not in outside
        ]
    if not scenario["cases"]:
        raise UserError(
            f"none of the {len(outside)} open cases ready by "
            f"{date_to:%Y-%m-%d} can be planned (a confirmed local, regional or "
            "supra-regional level is needed): confirm or override their triage "
            "in the case editor first"
        )
    if not scenario["sessions"]:
        raise UserError(
            f"no sessions between {date_from:%Y-%m-%d} and {date_to:%Y-%m-%d}; "
            "generate them from the meeting series first"
        )
    with db.session() as s:
        stable = plan_stability.prepare(s, scenario, hold=hold)
    prepared = scenario_to_problem(scenario)
    total = len(scenario["cases"])
    token = solver.CancelToken()
    if state is not None:
        state.on_cancel(token.cancel)
    history: list[list[float | None]] = []

    def report(progress: solver.Progress) -> None:
        # the cases set aside by the adapter cost the same in every plan: add them, so that
        # the curve ends at the stored objective
        offset = prepared.offset
        # the cases outside the planning pool are unplanned from the start: counting them
        # now keeps "unplanned" from jumping at the end of the run
        unplanned = None if progress.unplanned is None else progress.unplanned + len(outside)
        shown = PlanProgress(
            phase=progress.phase,
            elapsed_s=progress.elapsed_s,
            best_cost=None if progress.best_cost is None else progress.best_cost + offset,
            bound=None if progress.bound is None else progress.bound + offset,
            unplanned=unplanned,
            planned=None if progress.unplanned is None else total - progress.unplanned,
            constant=progress.constant + offset,
        )
        history.append([round(shown.elapsed_s, 2), shown.best_cost, shown.bound])
        if state is not None:
            state.report(shown)

    result = solver.solve(
        prepared.problem,
        solver.SolveOptions(time_limit_s=float(time_limit_s), workers=2),
        on_progress=report,
        cancel=token,
    )
    cancelled = bool(state is not None and state.cancelled)
    trade = None if cancelled else _what_moves_buy(scenario, result, time_limit_s)
    with db.session() as s:
        cases = {code: pk for code, pk in s.execute(select(m.Case.code, m.Case.id))}
        sessions = {
            code: pk for code, pk in s.execute(select(m.MeetingSession.code, m.MeetingSession.id))
        }
        experts = {code: pk for code, pk in s.execute(select(m.Expert.code, m.Expert.id))}
        pinned = set(s.scalars(select(m.Case.code).where(m.Case.pinned_session_id.is_not(None))))
        run = m.PlanRun(
            created_by=user,
            horizon_start=date_from,
            horizon_end=date_to,
            solver_status="CANCELLED" if cancelled else result.status,
            objective=float(result.objective + prepared.offset),
            bound=None if result.bound is None else float(result.bound + prepared.offset),
            wall_s=result.wall_s,
            time_limit_s=float(time_limit_s),
            basis=basis,
            summary={
                "planned": len(result.assignments),
                "unplanned": len(result.unplanned),
                "cancelled": cancelled,
                "gap": result.gap,
                **result.metrics,
                # the gap on what the search decides, and the constant every plan pays
                "search_gap": result.search_gap,
                "constant": result.constant + prepared.offset,
                "staffing_rejected": result.search.get("staffing_rejected", 0),
                # why the search ended ("time limit", "fixpoint", "proven", ...): an unproven
                # plan that ended early must not read as "time limit reached"
                "stopped_by": result.search.get("stopped_by", ""),
                # the improvement curve, so that a reopened proposal still shows it
                "progress": history[-300:],
                "frozen_sessions": stable.frozen,
                "late_registrations": stable.late,
                "held_for_other_hospitals": sorted(hold),
                "stability": stable.stability,
                "trade": trade,
                # why a case sits where it does and its next best place: the
                # solver computes it for every planned case; the review shows it
                "explanations": _explanations(result),
            },
        )
        s.add(run)
        s.flush()
        order: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for code, a in result.assignments.items():
            order[a.session].append((a.start_min, code))
        for session_code, items in order.items():
            for pos, (start_min, code) in enumerate(sorted(items)):
                s.add(
                    m.Assignment(
                        case_id=cases[code],
                        session_id=sessions[session_code],
                        plan_run_id=run.id,
                        published=False,
                        position=pos,
                        start_time=dt.time(start_min // 60, start_min % 60),
                        pinned=code in pinned,
                    )
                )
        for code, reason in result.unplanned.items():
            s.add(m.UnplannedCase(plan_run_id=run.id, case_id=cases[code], reason=reason))
        for code, reason in outside.items():
            s.add(m.UnplannedCase(plan_run_id=run.id, case_id=cases[code], reason=reason))
        if outside:
            run.summary = {
                **(run.summary or {}),
                "unplanned": len(result.unplanned) + len(outside),
                "outside_pool": len(outside),
                "undecided": sum(1 for c in outside if facts[c][0] is None),
            }
        for session_code, codes in result.attendance.items():
            for code in codes:
                s.add(
                    m.Attendance(
                        session_id=sessions[session_code],
                        expert_id=experts[code],
                        plan_run_id=run.id,
                        published=False,
                    )
                )
        s.flush()
        changes = plan_stability.session_changes(s, run.id, (date_from, date_to))
        run.summary = {**(run.summary or {}), "changed_sessions": len(changes)}
        audit(
            s,
            "plan",
            "plan_run",
            str(run.id),
            {
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "status": run.solver_status,
                "objective": run.objective,
            },
            user=user,
        )
        return run.id


def _explanations(result: Any) -> dict[str, dict[str, Any]]:
    """The solver's explanations as plain JSON: cost terms here and the next best session
    (its code and what the case would cost there)."""
    out: dict[str, dict[str, Any]] = {}
    for code, ex in (getattr(result, "explanations", None) or {}).items():
        item: dict[str, Any] = {
            "late": ex.terms.late,
            "escalation": ex.terms.escalation,
            "wait": ex.terms.wait,
            "moved": ex.terms.moved,
        }
        if ex.alternative is not None:
            item["alt"] = ex.alternative.session
            item["alt_cost"] = ex.alternative.cost
        out[code] = item
    return out


def _on_time(result: Any, scenario: dict[str, Any]) -> int:
    due = {c["id"]: c["due"] for c in scenario["cases"]}
    dates = {x["id"]: x["date"] for x in scenario["sessions"]}
    return sum(1 for code, a in result.assignments.items() if dates[a.session] <= due[code])


def _what_moves_buy(
    scenario: dict[str, Any], result: Any, time_limit_s: float
) -> dict[str, int] | None:
    """What the moves of published cases buy: the same planning with moves made ten times as
    expensive (a short second search), compared case for case. None when nothing moved."""
    from mdo_planner.planning.adapter import scenario_to_problem

    moved = int(result.metrics.get("moved", 0))
    if not scenario.get("previous_plan") or moved == 0:
        return None
    calm = {**scenario, "weights": {**(scenario.get("weights") or {})}}
    calm["weights"]["moved"] = 10 * int(calm["weights"].get("moved", 30)) or 300
    other = solver.solve(
        scenario_to_problem(calm).problem,
        solver.SolveOptions(time_limit_s=min(3.0, max(1.0, time_limit_s / 4)), workers=1),
    )
    return {
        "moved": moved,
        "on_time": _on_time(result, scenario),
        "planned": len(result.assignments),
        "stable_moved": int(other.metrics.get("moved", 0)),
        "stable_on_time": _on_time(other, scenario),
        "stable_planned": len(other.assignments),
    }


def trade_sentence(trade: dict[str, int] | None) -> str:
    """ "Moving 40 more cases plans 12 more before their due date", or "" when the moves buy
    nothing worth a sentence."""
    if not trade:
        return ""
    extra = trade["moved"] - trade["stable_moved"]
    gain = trade["on_time"] - trade["stable_on_time"]
    more = trade["planned"] - trade["stable_planned"]
    if extra <= 0:
        return ""
    bits = []
    if gain > 0:
        bits.append(f"{gain} more before their due date")
    if more > 0:
        bits.append(f"{more} more in all")
    what = " and ".join(bits) if bits else "no case more before its due date"
    return f"moving {extra} more published case{'s' if extra != 1 else ''} than needed plans {what}"
