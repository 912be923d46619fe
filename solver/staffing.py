"""Exact staffing of a proposed assignment, per discipline and ISO week.

Why: an expert has one discipline, so who attends falls apart by (discipline, week) exactly:
a weekly limit and an overlap only ever couple sessions of one expert, hence of one discipline
and one week. The constructive staffing picks experts one session at a time and can choose
badly for a scarce discipline (a radiation oncologist who was the only one able to cover a
later session), rejecting proposals that *can* be staffed. ``repair`` solves the staffing of
the sessions that the greedy pass could not staff together with every session that already
uses the same experts that week, as one small CP-SAT model: the sessions already staffed must
stay covered (their experts may swap), the new ones are covered where possible, the most
valuable first. What cannot be covered comes back as the smallest set of sessions to give up,
with the number of sessions of the discipline that week that *could* be staffed: a tightened
capacity the next proposal of the same neighbourhood respects (see ``lns``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.instance import overlap_cliques
from solver.model import CancelToken
from solver.state import PlanState


@dataclass
class Repair:
    #: sessions whose missing disciplines could not all be covered
    failed: set[int] = field(default_factory=set)
    #: (discipline, week) -> how many of the component's sessions needing it were covered
    covered: dict[tuple[str, int], int] = field(default_factory=dict)
    #: (discipline, week) -> the sessions of the proposal that needed it
    needing: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    #: (session, discipline) -> its attendees before the repair re-seated them (to undo it)
    before: dict[tuple[int, str], list[int]] = field(default_factory=dict)


def repair(
    state: PlanState,
    missing: dict[int, set[str]],
    value: dict[int, int],
    *,
    time_limit: float = 0.5,
    cancel: CancelToken | None = None,
    deterministic: bool = False,
) -> Repair:
    """Cover ``missing`` (session -> disciplines lacking an expert) exactly where possible.

    ``value`` weighs each session (the unplanned cost of its cases): when not everything can
    be covered, the sessions left out are the least valuable set. Experts already attending
    other sessions of the same discipline and week may be moved between them, but those
    sessions always stay covered, so the plan is valid whatever happens. Sessions in
    ``failed`` keep whatever experts they had before; the caller takes their cases out.
    """
    inst = state.inst
    out = Repair()
    by_dw: dict[tuple[str, int], list[int]] = defaultdict(list)
    for s, discs in missing.items():
        for d in discs:
            by_dw[(d, inst.s_week[s])].append(s)
    for (d, wk), new in sorted(by_dw.items()):
        out.needing[(d, wk)] = sorted(new)
        ok = _repair_one(
            state, d, wk, sorted(new), value, time_limit, cancel, deterministic, out.before
        )
        out.covered[(d, wk)] = len(ok)
        out.failed.update(s for s in new if s not in ok)
    return out


def _repair_one(
    state: PlanState,
    d: str,
    wk: int,
    new: list[int],
    value: dict[int, int],
    time_limit: float,
    cancel: CancelToken | None,
    deterministic: bool,
    before: dict[tuple[int, str], list[int]],
) -> set[int]:
    inst = state.inst
    # the experts who could cover a new session, and every session of that week where one of
    # them already sits for this discipline (their seats may be re-arranged)
    pool = {e for s in new for e in inst.s_elig[s].get(d, ())}
    held: set[int] = set()
    for e in pool:
        for t in state.attends[e]:
            if inst.s_week[t] == wk:
                held.add(t)
    comp = sorted(set(new) | held)
    comp_set = set(comp)
    experts: set[int] = set(pool)
    for t in held:
        experts.update(inst.s_elig[t].get(d, ()))
    room: dict[int, int] = {}
    for e in experts:
        inside = sum(1 for t in state.attends[e] if t in comp_set)
        room[e] = inst.e_cap[e] - state.load[e].get(wk, 0) + inside
    m = cp_model.CpModel()
    y: dict[tuple[int, int], cp_model.IntVar] = {}
    z: dict[int, cp_model.IntVar] = {}
    by_e: dict[int, list[int]] = defaultdict(list)
    for s in comp:
        row = []
        for e in inst.s_elig[s].get(d, ()):
            if room.get(e, 0) <= 0 or state.busy_elsewhere(e, s, ignore=comp_set):
                continue
            v = m.new_bool_var("")
            y[(e, s)] = v
            by_e[e].append(s)
            row.append(v)
        if s in held:
            # a session already covered stays covered (possibly by someone else)
            m.add_bool_or(row)
        else:
            zs = m.new_bool_var("")
            z[s] = zs
            if row:
                m.add(sum(row) >= zs)
            else:
                m.add(zs == 0)
    for e, ss in by_e.items():
        if len(ss) > room[e]:
            m.add(sum(y[(e, s)] for s in ss) <= room[e])
        for clique in overlap_cliques(inst, ss):
            m.add_at_most_one(y[(e, s)] for s in clique)
    # most valuable sessions first; few attendances as a tie-break
    m.maximize(sum((1 + value.get(s, 0)) * 1000 * zs for s, zs in z.items()) - sum(y.values()))
    for (e, s), v in y.items():
        m.add_hint(v, s in state.attends[e])
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = 1
    prm.max_time_in_seconds = max(0.02, time_limit)
    if deterministic:
        prm.max_deterministic_time = max(0.02, time_limit)
        prm.max_time_in_seconds = max(5.0, 20 * time_limit)
    from solver.cpsat import _Stopper

    stop = _Stopper(solver)
    if cancel is not None:
        cancel.register(stop)
    try:
        status = solver.solve(m)
    finally:
        stop.running = False
        if cancel is not None:
            cancel.unregister(stop)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return set()
    ok = {s for s, zs in z.items() if solver.boolean_value(zs)}
    chosen = [(e, s) for (e, s), v in y.items() if solver.boolean_value(v)]
    # re-seat: drop this discipline's experts in the component, then add the solution
    for s in comp:
        before.setdefault((s, d), list(state.staff[s].get(d, ())))
        for e in list(state.staff[s].get(d, ())):
            state.remove_expert(e, s)
    for e, s in chosen:
        if s in held or s in ok:
            state.add_expert(e, s)
    for s in comp:
        # at most one expert per discipline is ever needed
        lst = state.staff[s].get(d, [])
        for e in lst[1:]:
            state.remove_expert(e, s)
    return ok


def undo(state: PlanState, rep: Repair, keep: set[int]) -> None:
    """Put the seats the repair re-arranged back, except in sessions of ``keep``."""
    for (s, d), experts in rep.before.items():
        if s in keep:
            continue
        for e in list(state.staff[s].get(d, ())):
            state.remove_expert(e, s)
        for e in experts:
            state.add_expert(e, s)
