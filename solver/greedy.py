"""The constructive plan: how a careful secretary plans by hand, done quickly.

Cases are taken most pressing first (pinned, urgent, earliest due date, then least choice)
and each goes to the session where it adds the least cost: its own cost terms there plus the
attendance of any discipline the session would newly need. A session is only used when an
expert of every missing discipline is free (eligible, not on leave, under the weekly limit, not
in an overlapping session); among the free experts the least contended one is taken, which
keeps scarce specialists for the sessions that have no one else.

This plan is the warm start of the CP-SAT improvement and the fallback whenever CP-SAT has
nothing better (a time limit hit in presolve, a cancellation before the first solution).
"""

from __future__ import annotations

from solver.cost import attendance_cost
from solver.instance import Instance
from solver.state import PlanState


def case_order(inst: Instance) -> list[int]:
    """Most constrained and most pressing first."""
    p = inst.problem.cases
    return sorted(
        range(inst.n_cases),
        key=lambda c: (
            inst.c_pinned[c] < 0,
            not inst.c_urgent[c],
            p[c].due,
            len(inst.c_cand[c]),
            -inst.c_minutes[c],
            c,
        ),
    )


def try_place(
    state: PlanState,
    c: int,
    max_cost: int | None = None,
    *,
    max_level: int | None = None,
    earliest: bool = False,
) -> bool:
    """Place one case at its cheapest feasible session; False when none can take it."""
    inst = state.inst
    w = inst.problem.weights
    m = inst.c_minutes[c]
    extra = inst.c_extra[c]
    options: list[tuple[int, int, int]] = []
    for s, cost in inst.c_cand[c]:
        if state.used[s] + m > inst.s_dur[s]:
            continue
        if max_level is not None and inst.s_level[s] > max_level:
            continue
        if state.sess_cases[s]:
            new = {d for d in extra if not state.staff[s].get(d)}
        else:
            new = set(inst.s_core[s]) | set(extra)
        options.append((cost + attendance_cost(w, len(new)), inst.s_day[s], s))
    if earliest:
        options.sort(key=lambda t: (inst.s_level[t[2]], t[1], t[0]))
    else:
        options.sort()
    limit = inst.c_unplanned_cost[c] if max_cost is None else max_cost
    for marginal, _day, s in options:
        if marginal >= limit:
            break
        if state.sess_cases[s]:
            missing = {d for d in extra if not state.staff[s].get(d)}
        else:
            missing = set(inst.s_core[s]) | set(extra)
        if state.staff_missing(s, missing) is None:
            continue
        state.place(c, s)
        return True
    return False


def greedy(inst: Instance) -> PlanState:
    """The cheaper of two by-hand strategies.

    Cheapest session first fills regional and supra-regional sessions with escalated cases
    when that is cheaper than opening a local one; own echelon first keeps their room for
    the cases that need it. Which wins depends on the network (measured: own echelon first
    on regional-s2, cheapest first on national-s3), and both take well under a second.
    """
    order = case_order(inst)
    cheapest = PlanState(inst)
    for c in order:
        try_place(cheapest, c)
    own_first = PlanState(inst)
    # every case at its own echelon first, then one level up, then anywhere
    floor = {c: min((inst.s_level[s] for s, _ in inst.c_cand[c]), default=0) for c in order}
    for extra in (0, 1, 2):
        for c in order:
            if own_first.case_sess[c] < 0:
                try_place(own_first, c, max_level=floor[c] + extra)
    # the by-hand rule itself: by urgency, due date and readiness into the earliest session
    # of the lowest allowed echelon with room and experts
    by_hand = PlanState(inst)
    p = inst.problem.cases
    for c in sorted(order, key=lambda c: (not inst.c_urgent[c], p[c].due, p[c].ready, c)):
        try_place(by_hand, c, earliest=True)
    candidates = [cheapest, own_first, by_hand]
    if any(s >= 0 for s in inst.c_prev):
        candidates.append(keep_previous(inst, order))
    return min(candidates, key=lambda st: (st.cost(), st.n_unplanned()))


def keep_previous(inst: Instance, order: list[int]) -> PlanState:
    """Re-planning: every published case stays where it was when that is still possible.

    Only what the change broke (a session whose expert is now on leave, a case that is no
    longer allowed there) is planned again, by the by-hand rule. Starting the search here
    rather than from scratch is what keeps a re-plan close to the published plan: the search
    only accepts strictly cheaper changes, and every move costs ``moved``.
    """
    state = PlanState(inst)
    for c in order:
        s = inst.c_prev[c]
        if s < 0 or state.case_sess[c] >= 0:
            continue
        if s not in {t for t, _ in inst.c_cand[c]}:
            continue
        if state.used[s] + inst.c_minutes[c] > inst.s_dur[s]:
            continue
        if state.sess_cases[s]:
            missing = {d for d in inst.c_extra[c] if not state.staff[s].get(d)}
        else:
            missing = set(inst.s_core[s]) | set(inst.c_extra[c])
        if state.staff_missing(s, missing) is not None:
            state.place(c, s)
    p = inst.problem.cases
    for c in sorted(order, key=lambda c: (not inst.c_urgent[c], p[c].due, p[c].ready, c)):
        if state.case_sess[c] < 0:
            try_place(state, c, earliest=True)
    return state
