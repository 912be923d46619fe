"""Solving a neighbourhood's sub-model with CP-SAT, and writing an improvement back.

The model itself is built rule by rule in :mod:`solver.formulation`. Here: :func:`run` solves
it (from a worker thread; a cancel stops it through ``stop_search``), and :func:`apply` writes
a strictly cheaper solution into the plan. In the pooled (assignment) variant :func:`apply`
also chooses the experts: the constructive staffing first, the exact staffing of a discipline
and week where that fails (``solver.staffing``); when a session cannot be staffed its cases
are offered elsewhere, and when the plan as a whole is not cheaper the neighbourhood is put
back exactly as it was. The plan never gets worse and stays valid at every step.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cost import attendance_cost
from solver.formulation import Sub
from solver.model import CancelToken
from solver.state import PlanState


@dataclass
class SubResult:
    """What solving a sub-model found: the cost before and after, CP-SAT's bound and status,
    and the chosen pairs (only when the solution is strictly cheaper)."""

    improved: bool
    old_cost: int
    new_cost: int
    status: str
    n_vars: int
    bound: float | None = None
    chosen: list[tuple[int, int]] = field(default_factory=list)
    chosen_y: list[tuple[int, int]] = field(default_factory=list)
    wall_s: float = 0.0
    #: what the exact staffing did with the proposal (None: the greedy pass staffed it)
    staffing: object | None = None
    #: (discipline, week) -> at most this many sessions of the neighbourhood may need it
    nogoods: dict[tuple[str, int], int] = field(default_factory=dict)


class _Stopper:
    """Calls ``stop_search`` until the solve returns: a stop before the search starts is lost."""

    def __init__(self, solver: cp_model.CpSolver) -> None:
        self.solver = solver
        self.running = True
        self._thread: threading.Thread | None = None

    def __call__(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while self.running:
            self.solver.stop_search()
            time.sleep(0.02)


def run(
    sub: Sub,
    *,
    time_limit: float,
    seed: int,
    deterministic: bool,
    workers: int = 1,
    cancel: CancelToken | None = None,
    gap_limit: float = 0.0,
    quick_restarts: bool = False,
) -> SubResult:
    """Solve a sub-model; safe to call from a worker thread (CP-SAT releases the GIL).

    ``quick_restarts``: CP-SAT's portfolio of heuristics with quick restarts instead of its
    default single-worker search (better from a good hint, worse from a poor one)."""
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = max(1, workers)
    prm.random_seed = seed
    prm.linearization_level = 2
    if quick_restarts:
        prm.search_branching = cp_model.PORTFOLIO_WITH_QUICK_RESTART_SEARCH
    prm.relative_gap_limit = gap_limit
    prm.max_time_in_seconds = max(0.02, time_limit)
    if deterministic:
        prm.num_workers = 1
        prm.max_deterministic_time = max(0.02, time_limit)
        prm.max_time_in_seconds = max(5.0, 20 * time_limit)
    stopper = _Stopper(solver)
    if cancel is not None:
        cancel.register(stopper)
    t0 = time.perf_counter()
    try:
        status = solver.solve(sub.model)
    finally:
        stopper.running = False
        if cancel is not None:
            cancel.unregister(stopper)
    wall = time.perf_counter() - t0
    n_vars = len(sub.x) + len(sub.y)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SubResult(False, sub.old_cost, sub.old_cost, name, n_vars, None, wall_s=wall)
    bound = solver.best_objective_bound
    new_cost = round(solver.objective_value)
    # a stop can make CP-SAT report OPTIMAL; trust only objective == bound
    if status == cp_model.OPTIMAL and bound < new_cost - 1e-6:
        name = "FEASIBLE"
    res = SubResult(False, sub.old_cost, new_cost, name, n_vars, bound, wall_s=wall)
    if new_cost < sub.old_cost:
        res.improved = True
        res.chosen = [k for k, v in sub.x.items() if solver.boolean_value(v)]
        res.chosen_y = [k for k, v in sub.y.items() if solver.boolean_value(v)]
    return res


def _model_seats(
    state: PlanState, sub: Sub, res: SubResult, reseated: dict[tuple[int, str], list[int]]
) -> bool:
    """Take the seats a pooled model chose for its exactly staffed disciplines; False when a
    session outside the piece whose seat could pass on is left without its discipline.

    Seats are taken only where the expert can still attend (a static model saw every expert
    free, and another piece may have changed the plan since the model was built); a session
    outside that lost its seat gets its own expert back, or another, or the piece fails.
    """
    inst = state.inst
    for t, d in sub.reseat:
        reseated[(t, d)] = list(state.staff[t].get(d, ()))
        for e in reseated[(t, d)]:
            state.remove_expert(e, t)
    for e, s in res.chosen_y:
        d = inst.e_disc[e]
        if d in state.needed(s) and not state.staff[s].get(d) and state.can_attend(e, s):
            state.add_expert(e, s)
    for (t, d), before in reseated.items():
        if state.staff[t].get(d) or d not in state.needed(t):
            continue  # covered, or no longer needed (another piece closed it meanwhile)
        e = next((e for e in before if state.can_attend(e, t)), -1)
        e = e if e >= 0 else state.pick_expert(t, d)
        if e < 0:
            return False
        state.add_expert(e, t)
    return True


def apply(
    state: PlanState,
    sub: Sub,
    res: SubResult,
    *,
    staffing_time: float = 0.5,
    cancel: CancelToken | None = None,
    deterministic: bool = False,
) -> bool:
    """Write an improving solution into the plan; in the assignment model, also staff it.

    When the constructive staffing cannot find an expert for some session, that session's
    cases are taken out again and offered to the constructive plan (any session, also outside
    the piece); the result is kept only when the plan as a whole is still cheaper. Otherwise
    (or when a session with other networks' cases cannot be staffed) the neighbourhood is put
    back exactly as it was and False is returned.
    """
    if not res.improved:
        return False
    from solver.greedy import try_place

    inst = state.inst
    w = inst.problem.weights
    before_cases = {c: state.case_sess[c] for c in sub.cases}
    before_staff = {s: [e for lst in state.staff[s].values() for e in lst] for s in sub.sessions}
    before_cost = sum(state.case_cost(c) for c in sub.cases) + attendance_cost(
        w, state.attendance_count()
    )
    in_sub = set(sub.cases)
    for s in sub.sessions:
        state.clear_staff(s)
    for c in sub.cases:
        state.unplace(c)
    for c, s in res.chosen:
        state.place(c, s)
    ok = True
    outside: set[int] = set()
    rep = None
    reseated: dict[tuple[int, str], list[int]] = {}
    if sub.relax and not _model_seats(state, sub, res, reseated):
        ok = False
    elif sub.relax:
        order = sorted(
            (s for s in sub.sessions if state.sess_cases[s]),
            key=lambda s: min((len(inst.s_elig[s].get(d, ())) for d in state.needed(s)), default=0),
        )
        # the constructive staffing first (fast); what it cannot cover goes to the exact
        # staffing of that discipline and week, which may re-seat experts elsewhere
        missing: dict[int, set[str]] = {}
        for s in order:
            for d in sorted(state.needed(s)):
                if state.staff[s].get(d):
                    continue
                e = state.pick_expert(s, d)
                if e >= 0:
                    state.add_expert(e, s)
                else:
                    missing.setdefault(s, set()).add(d)
        failed: list[int] = []
        if missing:
            from solver import staffing

            value = {s: sum(inst.c_unplanned_cost[c] for c in state.sess_cases[s]) for s in missing}
            proposed = {
                key: sum(
                    1
                    for s in sub.sessions
                    if inst.s_week[s] == key[1] and key[0] in state.needed(s)
                )
                for key in {(d, inst.s_week[s]) for s, ds in missing.items() for d in ds}
            }
            rep = staffing.repair(
                state,
                missing,
                value,
                time_limit=staffing_time,
                cancel=cancel,
                deterministic=deterministic,
            )
            res.staffing = rep
            # the proposal opened more sessions needing d in week wk than could be staffed:
            # the next proposal of this neighbourhood opens at most that many fewer
            for key, n in proposed.items():
                lost = sum(1 for s in rep.needing.get(key, ()) if s in rep.failed)
                if lost:
                    res.nogoods[key] = n - lost
            for s in sorted(rep.failed):
                if any(c not in in_sub for c in state.sess_cases[s]):
                    ok = False
                    break
                for c in list(state.sess_cases[s]):
                    state.unplace(c)
                    failed.append(c)
                state.trim_staff(s)
        if ok and failed:
            in_piece = set(sub.sessions)
            for c in sorted(failed, key=lambda c: -inst.c_unplanned_cost[c]):
                if try_place(state, c) and state.case_sess[c] not in in_piece:
                    outside.add(state.case_sess[c])
    else:
        for e, s in res.chosen_y:
            state.add_expert(e, s)
    if ok:
        for s in sub.sessions:
            state.trim_staff(s)
        after_cost = sum(state.case_cost(c) for c in sub.cases) + attendance_cost(
            w, state.attendance_count()
        )
        if after_cost < before_cost:
            res.new_cost = res.old_cost - (before_cost - after_cost)
            return True
    # put the neighbourhood back as it was
    for s in sub.sessions:
        state.clear_staff(s)
    for c in sub.cases:
        state.unplace(c)
    for s in outside:
        state.trim_staff(s)
    if rep is not None:
        from solver import staffing

        staffing.undo(state, rep, keep=set(sub.sessions))
    for (t, d), experts in reseated.items():
        for e in list(state.staff[t].get(d, ())):
            state.remove_expert(e, t)
        for e in experts:
            state.add_expert(e, t)
    for c, s in before_cases.items():
        if s >= 0:
            state.place(c, s)
    for s, experts in before_staff.items():
        for e in experts:
            state.add_expert(e, s)
    return False
