"""A proposed plan, reviewed against the published one before anybody sees it.

A plan run is only a proposal: specialists prepare for the *published* plan, so a secretary
first sees what would change (newly planned, moved, unplanned with the reason), fixes what she
disagrees with (move a case, pin it), and only then publishes. Moves are checked against the
contract's hard rules (:mod:`mdo_planner.services.plan_rules`) and refused with the rule's
sentence; an accepted move also staffs the target session for any discipline the moved case
brings, so that a published plan never silently lacks a quorum.

:func:`propose_plan` is the thin path from the database to the solver and back (scenario export
-> ``planning.adapter`` -> ``solver.solve``), written so that the Planning workspace can run in
a worker thread: progress goes to ``state.report`` and a cancel from the GUI stops CP-SAT
through the solver's ``CancelToken`` and still stores the best plan found.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

import solver
from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.planning.cutoff import in_freeze_window
from mdo_planner.planning.pool import in_pool, not_planned_reason

from . import access, notices, plan_stability
from ._db import DatabaseLike
from .base import audit
from .plan_rules import Breach, available_experts, case_minutes, check_move
from .publish_check import latest_published_run, stale_reasons

KINDS = ("new", "moved", "unchanged", "unplanned")


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
    user: str,
    date_from: dt.date,
    date_to: dt.date,
    time_limit_s: float,
    state: Any = None,
) -> int:
    """Plan the open cases of the horizon and store the proposal; returns the plan run id.

    ``state`` (a :class:`mdo_planner.tasks.TaskState` or None) receives ``solver.Progress``
    reports, and its cancel stops the solver, which returns its best plan so far.
    Frozen agendas, published attendees and the stability setting are applied by
    :func:`mdo_planner.services.plan_stability.prepare`.
    """
    from mdo_planner.exporter import export_scenario
    from mdo_planner.planning.adapter import scenario_to_problem

    if date_to < date_from:
        raise UserError("planning horizon: the last day lies before the first day")
    if not 1 <= time_limit_s <= 3600:
        raise UserError(f"time limit: 1 to 3600 seconds, not {time_limit_s:g}")
    with db.session() as s:
        person = access.require(s, user, "plan.run", entity="plan_run")
    scenario = export_scenario(db, date_from, date_to)
    # Per-hospital access (docs/security.md): a hospital secretary plans the sessions their
    # hospital hosts; every other session keeps its published cases and attendees.
    hold = frozenset()
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
            "published_at": latest.published_at.isoformat() if latest else None,
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
        progress = PlanProgress(
            phase=progress.phase,
            elapsed_s=progress.elapsed_s,
            best_cost=None if progress.best_cost is None else progress.best_cost + offset,
            bound=None if progress.bound is None else progress.bound + offset,
            unplanned=unplanned,
            planned=None if progress.unplanned is None else total - progress.unplanned,
            constant=progress.constant + offset,
        )
        history.append([round(progress.elapsed_s, 2), progress.best_cost, progress.bound])
        if state is not None:
            state.report(progress)

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
            user,
            "plan",
            "plan_run",
            str(run.id),
            {
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "status": run.solver_status,
                "objective": run.objective,
            },
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


# --------------------------------------------------------------------------- review


@dataclass(frozen=True)
class ReviewRow:
    """One case of the proposal compared with the published plan."""

    case_id: int
    code: str
    patient_ref: str
    tumour_group: str
    level: str
    due: dt.date
    urgent: bool
    kind: str
    session_id: int | None
    session: str
    session_date: dt.date | None
    previous_session_id: int | None
    previous: str
    reason: str
    pinned: bool
    #: registered after the cut-off of this session (code), "" when on time
    late: str = ""
    #: days the proposed session lies after the due date (0: on time or unplanned)
    days_late: int = 0
    #: the solver's cost terms here (late, escalation, wait, moved), empty when unknown
    cost_terms: tuple[tuple[str, int], ...] = ()
    #: the next best session the solver found, and the extra cost there
    alternative: str = ""
    alternative_session_id: int | None = None
    alternative_delta: int | None = None
    #: the case is in the planning pool (a confirmed level, open): a move by hand may plan it
    plannable: bool = True


@dataclass(frozen=True)
class SessionLoad:
    session_id: int
    code: str
    label: str
    date: dt.date
    echelon: str
    tumour_group: str
    used_minutes: int
    capacity: int
    cases: int
    attendees: int
    missing: tuple[str, ...]
    #: compared with the published plan: experts who join / leave, cases in / out
    joins: tuple[str, ...] = ()
    leaves: tuple[str, ...] = ()
    cases_in: tuple[str, ...] = ()
    cases_out: tuple[str, ...] = ()
    frozen: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.joins or self.leaves or self.cases_in or self.cases_out)


@dataclass(frozen=True)
class Review:
    run_id: int
    status: str
    objective: float | None
    bound: float | None
    wall_s: float | None
    horizon: tuple[dt.date, dt.date]
    published: bool
    discarded: bool
    rows: tuple[ReviewRow, ...]
    sessions: tuple[SessionLoad, ...]
    #: (elapsed s, best cost, bound) reports of the run
    progress: tuple[tuple[float, float | None, float | None], ...] = ()
    #: "moving 40 more cases plans 12 more before their due date" ("" when nothing moved)
    trade: str = ""
    #: cost every plan pays (set-aside cases, cases no session can take)
    constant: float = 0.0

    @property
    def changed_sessions(self) -> int:
        return sum(1 for x in self.sessions if x.changed)

    def headline(self) -> str:
        """The proposal in one line: moved cases and changed sessions first."""
        text = (
            f"{self.count('new')} new, {self.count('moved')} moved, "
            f"{self.count('unchanged')} unchanged, {self.count('unplanned')} unplanned; "
            f"{self.changed_sessions} session(s) changed"
        )
        late = sum(1 for r in self.rows if r.late)
        if late:
            text += f"; {late} late registration(s)"
        return text

    @property
    def gap(self) -> float | None:
        """The gap on what the planner decides (the constant left out of the division)."""
        if self.objective is None or self.bound is None or self.objective <= 0:
            return None
        decided = self.objective - self.constant
        if decided <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / decided)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)


def _label(x: m.MeetingSession) -> str:
    """Short enough for a table cell; the date first, so that labels sort by time."""
    return (
        f"{x.date:%Y-%m-%d} {x.start_time:%H:%M} · {x.tumour_group.code} {x.echelon} · "
        f"{x.hospital.code}"
    )


def latest_run(db: DatabaseLike) -> int | None:
    """The newest proposal that is neither published nor discarded (to resume a review).

    A proposal made before the plan that was published since is stale (publishing it is
    refused: another plan was published after it was made): it is not resumed, so that the
    review never reopens on a plan older than what the specialists already have."""
    with db.session() as s:
        published = (
            s.scalar(select(func.max(m.PlanRun.id)).where(m.PlanRun.published_at.is_not(None))) or 0
        )
        return s.scalar(
            select(m.PlanRun.id)
            .where(
                m.PlanRun.published_at.is_(None),
                m.PlanRun.discarded.is_(False),
                m.PlanRun.id > published,
            )
            .order_by(m.PlanRun.id.desc())
            .limit(1)
        )


def review(db: DatabaseLike, run_id: int) -> Review:
    """The proposal of ``run_id`` against the published plan, case by case and per session."""
    with db.session() as s:
        run = s.get(m.PlanRun, run_id)
        if run is None:
            raise UserError(f"plan run {run_id} no longer exists")
        proposed = s.scalars(
            select(m.Assignment)
            .options(
                selectinload(m.Assignment.case).selectinload(m.Case.tumour_group),
                selectinload(m.Assignment.case).selectinload(m.Case.extra_disciplines),
            )
            .where(m.Assignment.plan_run_id == run_id)
        ).all()
        unplanned = s.scalars(
            select(m.UnplannedCase)
            .options(selectinload(m.UnplannedCase.case).selectinload(m.Case.tumour_group))
            .where(m.UnplannedCase.plan_run_id == run_id)
        ).all()
        case_ids = [a.case_id for a in proposed] + [u.case_id for u in unplanned]
        published = {
            a.case_id: a.session_id
            for a in s.scalars(
                select(m.Assignment).where(
                    m.Assignment.published.is_(True),
                    m.Assignment.case_id.in_(case_ids),
                    m.Assignment.plan_run_id.is_distinct_from(run_id),
                )
            )
        }
        session_ids = {a.session_id for a in proposed} | set(published.values())
        sessions = {
            x.id: x
            for x in s.scalars(
                select(m.MeetingSession)
                .options(
                    selectinload(m.MeetingSession.tumour_group).selectinload(
                        m.TumourGroup.core_disciplines
                    ),
                    selectinload(m.MeetingSession.hospital),
                )
                .where(m.MeetingSession.id.in_(session_ids))
            )
        }
        summary = run.summary or {}
        late = summary.get("late_registrations") or {}
        frozen = set(summary.get("frozen_sessions") or [])
        explained = summary.get("explanations") or {}
        alt_codes = {e["alt"] for e in explained.values() if e.get("alt")}
        alternatives = (
            {
                x.code: x
                for x in s.scalars(
                    select(m.MeetingSession)
                    .options(
                        selectinload(m.MeetingSession.tumour_group),
                        selectinload(m.MeetingSession.hospital),
                    )
                    .where(m.MeetingSession.code.in_(alt_codes))
                )
            }
            if alt_codes
            else {}
        )
        rows = []
        for a in proposed:
            c = a.case
            prev = published.get(c.id)
            kind = "new" if prev is None else ("unchanged" if prev == a.session_id else "moved")
            if run.published_at is not None:
                kind = "unchanged"
            x = sessions[a.session_id]
            ex = explained.get(c.code) or {}
            terms = tuple(
                (k, int(ex[k])) for k in ("late", "escalation", "wait", "moved") if k in ex
            )
            alt = alternatives.get(ex.get("alt", ""))
            delta = (
                int(ex["alt_cost"]) - sum(v for _k, v in terms)
                if alt is not None and "alt_cost" in ex
                else None
            )
            rows.append(
                ReviewRow(
                    c.id,
                    c.code,
                    c.patient_ref,
                    c.tumour_group.code,
                    c.required_level or c.triage_level or "",
                    c.due_date,
                    c.urgent,
                    kind,
                    a.session_id,
                    _label(x),
                    x.date,
                    prev,
                    _label(sessions[prev]) if prev else "",
                    "",
                    c.pinned_session_id == a.session_id,
                    late.get(c.code, ""),
                    max(0, (x.date - c.due_date).days),
                    terms,
                    _label(alt) if alt is not None else "",
                    alt.id if alt is not None else None,
                    delta,
                )
            )
        for u in unplanned:
            c = u.case
            prev = published.get(c.id)
            rows.append(
                ReviewRow(
                    c.id,
                    c.code,
                    c.patient_ref,
                    c.tumour_group.code,
                    c.required_level or c.triage_level or "",
                    c.due_date,
                    c.urgent,
                    "unplanned",
                    None,
                    "",
                    None,
                    prev,
                    _label(sessions[prev]) if prev else "",
                    u.reason,
                    False,
                    late.get(c.code, ""),
                    plannable=in_pool(c.required_level, c.status),
                )
            )
        rows.sort(key=lambda r: (KINDS.index(r.kind), r.session_date or dt.date.max, r.code))
        attending: dict[int, set[str]] = defaultdict(set)
        counts: dict[int, int] = defaultdict(int)
        for sid, disc in s.execute(
            select(m.Attendance.session_id, m.Discipline.code)
            .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
            .join(m.Discipline)
            .where(m.Attendance.plan_run_id == run_id)
        ):
            attending[sid].add(disc)
            counts[sid] += 1
        by_session: dict[int, list[m.Assignment]] = defaultdict(list)
        for a in proposed:
            by_session[a.session_id].append(a)
        changes = plan_stability.session_changes(s, run_id, (run.horizon_start, run.horizon_end))
        emptied = [sid for sid in changes if sid not in by_session]
        if emptied:
            sessions.update(
                {
                    x.id: x
                    for x in s.scalars(
                        select(m.MeetingSession)
                        .options(
                            selectinload(m.MeetingSession.tumour_group).selectinload(
                                m.TumourGroup.core_disciplines
                            ),
                            selectinload(m.MeetingSession.hospital),
                        )
                        .where(m.MeetingSession.id.in_(emptied))
                    )
                }
            )
            for sid in emptied:
                by_session[sid] = []
        loads = []
        for sid, items in by_session.items():
            x = sessions[sid]
            ch = changes.get(sid)
            need = {d.code for d in x.tumour_group.core_disciplines}
            need |= {d.code for a in items for d in a.case.extra_disciplines}
            loads.append(
                SessionLoad(
                    sid,
                    x.code,
                    _label(x),
                    x.date,
                    x.echelon,
                    x.tumour_group.code,
                    sum(
                        case_minutes(a.case.minutes, a.case.required_level or "local")
                        for a in items
                    ),
                    x.duration_min,
                    len(items),
                    counts[sid],
                    tuple(sorted(need - attending[sid])) if items else (),
                    ch.joins if ch else (),
                    ch.leaves if ch else (),
                    ch.added if ch else (),
                    ch.removed if ch else (),
                    x.code in frozen,
                )
            )
        loads.sort(key=lambda x: (x.date, x.code))
        return Review(
            run.id,
            run.solver_status,
            run.objective,
            run.bound,
            run.wall_s,
            (run.horizon_start, run.horizon_end),
            run.published_at is not None,
            run.discarded,
            tuple(rows),
            tuple(loads),
            tuple(tuple(p) for p in summary.get("progress", [])),
            trade_sentence(summary.get("trade")),
            float(summary.get("constant") or 0.0),
        )


@dataclass(frozen=True)
class PublishSummary:
    """What publishing a proposal does, said before it is done."""

    cases_change: int
    sessions_change: int
    experts_update: int
    planned: int
    unplanned: int
    late: int


def publish_summary(db: DatabaseLike, run_id: int) -> PublishSummary:
    """ "N cases change, M experts get an update": the cases newly planned, moved or taken
    out of a published session; the sessions whose cases or attendees change; and every
    expert who attends one of those sessions before or after (each gets a new agenda)."""
    rv = review(db, run_id)
    changing = sum(
        1
        for r in rv.rows
        if r.kind in ("new", "moved")
        or (r.kind == "unplanned" and r.previous_session_id is not None)
    )
    changed = [x.session_id for x in rv.sessions if x.changed]
    with db.session() as s:
        experts = (
            set(
                s.scalars(
                    select(m.Attendance.expert_id).where(
                        m.Attendance.session_id.in_(changed),
                        (m.Attendance.plan_run_id == run_id) | m.Attendance.published.is_(True),
                    )
                )
            )
            if changed
            else set()
        )
    return PublishSummary(
        changing,
        len(changed),
        len(experts),
        sum(1 for r in rv.rows if r.kind != "unplanned"),
        rv.count("unplanned"),
        sum(1 for r in rv.rows if r.days_late > 0),
    )


def session_id_of(db: DatabaseLike, code: str) -> int:
    """The database id of the session with contract id ``code``."""
    with db.session() as s:
        pk = s.scalar(select(m.MeetingSession.id).where(m.MeetingSession.code == code))
    if pk is None:
        raise UserError(f"session {code} no longer exists")
    return pk


@dataclass(frozen=True)
class MoveOption:
    """A session a case could be moved to, as "Move to session" lists it."""

    session_id: int
    label: str
    date: dt.date
    free_minutes: int
    capacity: int
    #: the session lies after the case's due date
    late: bool
    #: the hard rules the move would break (empty: the move is allowed)
    breaches: tuple[Breach, ...]
    current: bool = False

    @property
    def allowed(self) -> bool:
        return not self.breaches


def move_options(db: DatabaseLike, run_id: int, case_id: int) -> list[MoveOption]:
    """Every session of the horizon with the case's tumour group, each checked against the
    hard rules by :func:`plan_rules.check_move` (the one rule check; the pin rule is left
    out because a move by hand re-pins), with its free minutes in the proposal and whether it
    lies after the due date. Allowed sessions first, each group by date."""
    with db.session() as s:
        run = s.get(m.PlanRun, run_id)
        case = s.get(m.Case, case_id)
        if run is None or case is None:
            raise UserError("the plan run or the case no longer exists")
        horizon = (run.horizon_start, run.horizon_end)
        due = case.due_date
        rows = s.scalars(
            select(m.MeetingSession)
            .options(
                selectinload(m.MeetingSession.tumour_group), selectinload(m.MeetingSession.hospital)
            )
            .where(
                m.MeetingSession.date.between(run.horizon_start, run.horizon_end),
                m.MeetingSession.tumour_group_id == case.tumour_group_id,
            )
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
        ).all()
        used: dict[int, int] = defaultdict(int)
        here = None
        for a in s.scalars(
            select(m.Assignment)
            .options(selectinload(m.Assignment.case))
            .where(m.Assignment.plan_run_id == run_id)
        ):
            if a.case_id == case_id:
                here = a.session_id
                continue
            used[a.session_id] += case_minutes(a.case.minutes, a.case.required_level or "local")
        sessions = [(x.id, _label(x), x.date, x.duration_min) for x in rows]
    out = []
    for sid, label, day, capacity in sessions:
        breaches = tuple(
            b
            for b in check_move(db, case_id, sid, plan_run_id=run_id, horizon=horizon)
            if b.rule != 8
        )
        out.append(
            MoveOption(
                sid, label, day, capacity - used[sid], capacity, day > due, breaches, sid == here
            )
        )
    out.sort(key=lambda o: (not o.allowed, o.date, o.label))
    return out


def candidate_sessions(db: DatabaseLike, run_id: int, case_id: int) -> list[tuple[int, str]]:
    """Sessions of the horizon with the case's tumour group (for "Move to session…"); the
    rule check still decides whether a move is allowed."""
    with db.session() as s:
        run = s.get(m.PlanRun, run_id)
        case = s.get(m.Case, case_id)
        if run is None or case is None:
            raise UserError("the plan run or the case no longer exists")
        rows = s.scalars(
            select(m.MeetingSession)
            .options(
                selectinload(m.MeetingSession.tumour_group), selectinload(m.MeetingSession.hospital)
            )
            .where(
                m.MeetingSession.date.between(run.horizon_start, run.horizon_end),
                m.MeetingSession.tumour_group_id == case.tumour_group_id,
                m.MeetingSession.cancelled.is_(False),
            )
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
        ).all()
        return [(x.id, _label(x)) for x in rows]


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
    db: DatabaseLike, user: str, run_id: int, case_id: int, session_id: int
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
            user,
            "move",
            "case",
            case.code,
            {"plan_run": run_id, "from_session": old, "to_session": session_id},
        )
    return []


def unplace_case(db: DatabaseLike, user: str, run_id: int, case_id: int, reason: str) -> None:
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
        audit(s, user, "unplace", "case", str(case_id), {"plan_run": run_id})


def pin_case(db: DatabaseLike, user: str, case_id: int, session_id: int | None) -> None:
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
        audit(s, user, "pin" if session_id else "unpin", "case", case.code, {"session": session_id})


def publish_run(db: DatabaseLike, user: str, run_id: int, *, today: dt.date | None = None) -> int:
    """Make the proposal the published plan of its cases; returns how many are planned.

    The cases of the run lose their previous published place; the sessions of the horizon
    get the run's attendance; agenda positions and start times follow the run's order, and a
    secretary's manual order in an unchanged session is kept.
    """
    with db.session() as s:
        person = access.require(s, user, "plan.publish", entity="plan_run", entity_id=run_id)
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
        big = 1 << 30
        for sid, items in by_session.items():
            x = s.get(m.MeetingSession, sid)
            clock = dt.datetime.combine(x.date, x.start_time)
            items.sort(
                key=lambda a: (
                    not a.manual_order,
                    a.position if a.position is not None else big,
                    not a.case.urgent,
                    a.case.code,
                )
            )
            for pos, a in enumerate(items):
                a.position = pos
                a.start_time = clock.time()
                clock += dt.timedelta(
                    minutes=case_minutes(a.case.minutes, a.case.required_level or "local")
                )
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
                notices.mark_sent(s, x, user, how="published in the freeze window")
        audit(
            s,
            user,
            "publish",
            "plan_run",
            str(run_id),
            {"planned": len(rows), "unplanned": len(unplanned_ids)},
            role=person.role,
            hospital=person.hospital,
            case_ids=[a.case.code for a in rows]
            + list(s.scalars(select(m.Case.code).where(m.Case.id.in_(unplanned_ids)))),
        )
        return len(rows)


def discard_run(db: DatabaseLike, user: str, run_id: int) -> None:
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
        audit(s, user, "discard", "plan_run", str(run_id))
