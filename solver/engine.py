"""``solve``: constructive plan, CP-SAT improvement, proven bound, explanations.

The order matters for robustness on a busy two-core machine: the constructive plan exists
after a fraction of a second and is valid, so whatever happens afterwards (a time limit hit
in presolve, a cancellation, a crowded machine) the caller gets a plan; every improvement
after that is accepted only when it is cheaper and valid.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from solver import bound as bounds
from solver import formulation
from solver.explain import planned_explanation, unplanned_reason
from solver.greedy import case_order, greedy, try_place
from solver.instance import Instance, build_instance
from solver.lns import SearchStats, assignment_pieces, improve, no_candidate_cost
from solver.model import (
    LEVEL,
    Assignment,
    CancelToken,
    Problem,
    Progress,
    Result,
    SolveOptions,
)
from solver.stability import keep_previous_staff
from solver.state import PlanState


def solve(
    problem: Problem,
    options: SolveOptions | None = None,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> Result:
    """Plan every case of ``problem``; returns within the time limit (or soon after a cancel)."""
    options = options or SolveOptions()
    t0 = time.perf_counter()
    deadline = t0 + max(0.1, options.time_limit_s)
    inst = build_instance(problem)
    group_bounds = bounds.GroupBounds(inst)
    best_bound = max(bounds.trivial_bound(inst), group_bounds.total())

    state = greedy(inst)
    constant = sum(inst.c_unplanned_cost[c] for c in range(inst.n_cases) if not inst.c_cand[c])
    history: list[tuple[float, int, int]] = []
    log = [f"constructive plan: cost {state.cost()}, unplanned {state.n_unplanned()}"]

    stats = SearchStats()

    def bound_now() -> int:
        """The best bound proven so far: the background thread's and the whole-group bounds
        the search proved itself, counted as they come (counted only at the end before, the
        search could not see that it had proven its plan optimal and ran on to its limit)."""
        for g, value in list(stats.group_bound.items()):
            group_bounds.offer(g, value, "CP-SAT")
        return max(best_bound, group_bounds.total())

    def report(phase: str) -> None:
        cost, bound = state.cost(), bound_now()
        elapsed = time.perf_counter() - t0
        history.append((round(elapsed, 2), cost, min(bound, cost)))
        if on_progress is not None:
            on_progress(
                Progress(
                    phase=phase,
                    best_cost=cost,
                    bound=bound,
                    elapsed_s=elapsed,
                    unplanned=state.n_unplanned(),
                    constant=constant,
                )
            )

    report("constructive")
    if not options.greedy_only and not (cancel is not None and cancel.cancelled):
        # leave time to write the result (explanations scan the plan once)
        reserve = min(0.1 * options.time_limit_s, 0.2 + inst.n_cases / 20000)
        static_first = True
        if not options.deterministic and options.workers >= 2:
            # the second core proves the LP bounds while the first searches;
            # groups cut into pieces never get a CP-SAT bound: their LPs go first
            pieces = assignment_pieces(inst)
            split = sorted({_group(inst, p) for p in pieces if p.group is None})
            # whole groups: their CP-SAT relaxation (experts pooled with full weekly limits and
            # the capacity cuts) is proven on that core too, so the search never spends its
            # time on proposals that ignore the other groups' use of shared experts
            models = []
            for p in pieces if not split else ():
                # national: the split groups' LPs need that core; whole groups are then
                # proven by the search's first, static round as before
                if p.group is not None:
                    sub = formulation.build(
                        state, p.sessions, relax_experts=True, static_experts=True
                    )
                    if sub.bound_valid:
                        models.append((p.group, sub, no_candidate_cost(inst, p.group)))
            group_bounds.start_lp(deadline - reserve, first=split, models=models)
            static_first = bool(split)
        improve(
            state,
            deadline=deadline - reserve,
            workers=options.workers,
            seed=options.seed,
            deterministic=options.deterministic,
            # deterministic: a fixed amount of work, so the wall clock never decides
            max_rounds=options.max_rounds or (3 if options.deterministic else None),
            cancel=cancel,
            report=report,
            stats=stats,
            static_first=static_first,
            proven=None if options.deterministic else lambda: bound_now() >= state.cost(),
            # once the bound's thread is past its first pass, the search takes the second
            # core (nationally the LPs finish after about half a minute). Its second pass
            # still gets idle CPU: on regional-s4-tight at 10 s, six seeds, 44,286-45,263
            # (mean 44,639) with bound 42,812-42,816, against 44,487-45,419 (mean 44,993),
            # bound 42,824-42,841 when the search waited for the second pass to end too; two
            # sub-models at once from the start starved the bound (38,354-41,535)
            parallel=(
                (lambda: 2 if group_bounds.first_pass_done() else 1)
                if options.workers >= 2
                else None
            ),
        )
        cancelled = cancel is not None and cancel.cancelled
        group_bounds.stop(wait_s=0.0 if cancelled else 0.3)
        # a last constructive pass: room and experts freed by the search take waiting cases
        before = state.cost()
        for c in case_order(inst):
            if state.case_sess[c] < 0:
                try_place(state, c)
        if state.cost() < before:
            log.append(f"repair pass: {before} -> {state.cost()}")
        log += stats.log
        log.append(
            f"search stopped by {stats.stopped_by or 'nothing'}: {stats.solved} sub-models, "
            f"{stats.accepted} improvements, "
            f"{stats.staffing_failed} rejected for staffing, {stats.staffing_repaired} "
            "staffed exactly after the constructive staffing failed"
        )
    best_bound = bound_now()
    log.append(
        "bound by group: "
        + ", ".join(
            f"{g} {group_bounds.lb[g]} ({group_bounds.source[g]})" for g in sorted(group_bounds.lb)
        )
    )
    kept = keep_previous_staff(state)
    if kept:
        log.append(f"stable attendees: {kept} previous attendances kept at equal cost")
    cancelled = cancel is not None and cancel.cancelled
    result = _result(inst, state, best_bound, time.perf_counter() - t0, cancelled)
    result.log = log
    result.constant = constant
    decided = result.objective - constant
    if result.bound is not None:
        result.search_gap = (result.objective - result.bound) / decided if decided > 0 else 0.0
    report("done")
    result.search = {
        "sub_models": stats.solved,
        "improvements": stats.accepted,
        "staffing_rejected": stats.staffing_failed,
        "staffing_repaired": stats.staffing_repaired,
        "stopped_by": stats.stopped_by,
        "history": [list(h) for h in history],
    }
    return result


def _group(inst: Instance, piece: object) -> str:
    return inst.s_tg[piece.sessions[0]]  # type: ignore[attr-defined]


def _result(inst: Instance, state: PlanState, bound: int, wall: float, cancelled: bool) -> Result:
    cost = state.cost()
    bound = min(bound, cost)
    problem = inst.problem
    assignments: dict[str, Assignment] = {}
    for s in range(inst.n_sessions):
        if not state.sess_cases[s]:
            continue
        # agenda order: complex cases first (the team is fresh), one hospital's cases together
        order = sorted(
            state.sess_cases[s],
            key=lambda c: (
                -LEVEL[problem.cases[c].echelon],
                problem.cases[c].hospital,
                not problem.cases[c].urgent,
                inst.c_ids[c],
            ),
        )
        t = inst.s_start[s]
        for c in order:
            assignments[inst.c_ids[c]] = Assignment(session=inst.s_ids[s], start_min=t)
            t += inst.c_minutes[c]
    attendance = {
        inst.s_ids[s]: [inst.e_ids[e] for lst in state.staff[s].values() for e in lst]
        for s in range(inst.n_sessions)
        if state.staff[s]
    }
    unplanned = {
        inst.c_ids[c]: unplanned_reason(state, c)
        for c in range(inst.n_cases)
        if state.case_sess[c] < 0
    }
    explanations = {
        inst.c_ids[c]: planned_explanation(state, c)
        for c in range(inst.n_cases)
        if state.case_sess[c] >= 0
    }
    status = "OPTIMAL" if bound >= cost else "FEASIBLE"
    if cancelled:
        status = "CANCELLED" if bound < cost else status
    gap = None if cost == 0 else (cost - bound) / cost
    return Result(
        status=status,
        objective=cost,
        bound=bound,
        gap=gap,
        wall_s=wall,
        assignments=assignments,
        attendance=attendance,
        unplanned=unplanned,
        explanations=explanations,
        metrics=_metrics(inst, state),
    )


def _metrics(inst: Instance, state: PlanState) -> dict[str, int]:
    from solver.explain import terms

    m = {
        "cases": inst.n_cases,
        "planned": 0,
        "unplanned": 0,
        "unplanned_urgent": 0,
        "late": 0,
        "late_days": 0,
        "escalated": 0,
        "wait_days": 0,
        "moved": 0,
        "attendances": state.attendance_count(),
        "sessions_used": sum(1 for s in range(inst.n_sessions) if state.sess_cases[s]),
        "cost": state.cost(),
    }
    p = inst.problem
    for c in range(inst.n_cases):
        s = state.case_sess[c]
        case = p.cases[c]
        if s < 0:
            m["unplanned"] += 1
            m["unplanned_urgent"] += int(case.urgent)
            m["moved"] += int(case.previous_session is not None)
            continue
        m["planned"] += 1
        late = max(0, inst.s_day[s] - case.due.toordinal())
        m["late"] += int(late > 0)
        m["late_days"] += late
        m["escalated"] += int(inst.s_level[s] > LEVEL[case.echelon])
        m["wait_days"] += max(0, inst.s_day[s] - case.ready.toordinal())
        m["moved"] += int(terms(inst, c, s).moved > 0)
    return m
