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
from solver.explain import planned_explanation, unplanned_reason
from solver.greedy import case_order, greedy, try_place
from solver.instance import Instance, build_instance
from solver.lns import SearchStats, assignment_pieces, improve
from solver.model import (
    LEVEL,
    Assignment,
    CancelToken,
    Problem,
    Progress,
    Result,
    SolveOptions,
)
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
    best_bound = max(bounds.trivial_bound(inst), bounds.flow_bound(inst) or 0)

    state = greedy(inst)
    log = [f"constructive plan: cost {state.cost()}, unplanned {state.n_unplanned()}"]

    def report(phase: str) -> None:
        if on_progress is not None:
            on_progress(
                Progress(
                    phase=phase,
                    best_cost=state.cost(),
                    bound=best_bound,
                    elapsed_s=time.perf_counter() - t0,
                    unplanned=state.n_unplanned(),
                )
            )

    report("constructive")
    # When every tumour group is solved whole, the search proves per-group bounds that beat
    # the LP; otherwise the LP bound (independent of the plan) is computed first, in budget.
    lp_first = any(p.group is None for p in assignment_pieces(inst))
    if not options.greedy_only and lp_first and inst.n_pairs <= options.lp_bound_max_pairs:
        best_bound = max(best_bound, _lp(inst, options, log) or 0)
        report("bound")
    stats = SearchStats()
    if not options.greedy_only and not (cancel is not None and cancel.cancelled):
        # leave time to write the result (explanations scan the plan once)
        reserve = min(0.1 * options.time_limit_s, 0.2 + inst.n_cases / 20000)
        improve(
            state,
            deadline=deadline - reserve,
            workers=options.workers,
            seed=options.seed,
            deterministic=options.deterministic,
            max_rounds=options.max_rounds,
            cancel=cancel,
            report=report,
            stats=stats,
        )
        # a last constructive pass: room and experts freed by the search take waiting cases
        before = state.cost()
        for c in case_order(inst):
            if state.case_sess[c] < 0:
                try_place(state, c)
        if state.cost() < before:
            log.append(f"repair pass: {before} -> {state.cost()}")
        log += stats.log
        log.append(
            f"search: {stats.solved} sub-models, {stats.accepted} improvements, "
            f"{stats.staffing_failed} rejected for staffing"
        )
    best_bound = max(best_bound, _group_bound(inst, stats))
    cancelled = cancel is not None and cancel.cancelled
    if (
        not options.greedy_only
        and not lp_first
        and not cancelled
        and not _group_bound(inst, stats)
        and inst.n_pairs <= options.lp_bound_max_pairs
    ):
        best_bound = max(best_bound, _lp(inst, options, log) or 0)
    result = _result(inst, state, best_bound, time.perf_counter() - t0, cancelled)
    result.log = log
    report("done")
    return result


def _lp(inst: Instance, options: SolveOptions, log: list[str]) -> int | None:
    lp = bounds.lp_bound(inst, time_limit=max(0.5, 0.25 * options.time_limit_s))
    if lp is not None:
        log.append(f"LP relaxation bound: {lp}")
    return lp


def _group_bound(inst: Instance, stats: SearchStats) -> int:
    """Sum of the proven per-tumour-group bounds, when every group has one."""
    groups = {c.tumour_group for c in inst.problem.cases}
    if not groups or any(g not in stats.group_bound for g in groups):
        return 0
    import math

    total = sum(stats.group_bound[g] for g in groups)
    return max(0, math.ceil(total - 1e-6 * abs(total) - 1e-3))


def _result(
    inst: Instance, state: PlanState, bound: int, wall: float, cancelled: bool
) -> Result:
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
        "cases": inst.n_cases, "planned": 0, "unplanned": 0, "unplanned_urgent": 0, "late": 0,
        "late_days": 0, "escalated": 0, "wait_days": 0, "moved": 0,
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
