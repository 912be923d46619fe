"""CP-SAT on a neighbourhood of the current plan (or on a whole tumour group).

A neighbourhood is a set of sessions. Everything outside it stays as it is: the cases placed
elsewhere, and the experts' attendance elsewhere, which uses up part of their weekly limit and
blocks overlapping times. Inside it, CP-SAT re-decides which of the neighbourhood's cases (and
of the unplanned cases that could go there) sit in which session and who attends. The current
plan restricted to the neighbourhood is a solution of the sub-model, so it is given as a
complete hint, and the result is accepted only when it is strictly cheaper: the plan never
gets worse and stays valid at every step.

Two flavours:

* ``relax_experts=True`` (the assignment model): experts are left out; a session pays the
  attendance of one expert per needed discipline and may only need a discipline for which some
  expert is eligible at all. Measured on the scenarios, expert time is rarely what keeps a case
  out, sessions' minutes are; without the interchangeable experts (the symmetry a naive model
  drowns in) a tumour group solves to optimality in about a second, and because the model is a
  relaxation of the real one, its proven bound is a bound on the real plan. The experts are
  then chosen by the constructive staffing; when that fails the neighbourhood is left as it was.
* ``relax_experts=False``: the exact model with one variable per eligible (expert, session),
  weekly limits and no-overlap cliques; used where staffing is what binds.

The redundant ``x[c, s] => open[s]`` links make the LP relaxation that CP-SAT uses tight
(with only the capacity row ``sum minutes * x <= duration * open`` the LP opens a tenth of a
session for a case and the bound is useless). Variables exist only for allowed pairs.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cost import attendance_cost
from solver.instance import Instance
from solver.model import CancelToken
from solver.state import PlanState

#: a discipline's pool of eligible experts for a session this small may run out of room: the
#: assignment model then gets capacity cuts for it (radiation oncologists of one centre)
SCARCE_POOL = 12


@dataclass
class Sub:
    sessions: list[int]
    cases: list[int]
    relax: bool
    old_cost: int
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    y: dict[tuple[int, int], cp_model.IntVar]
    #: False when the current plan elsewhere (experts' load) restricted this model, so that
    #: its bound holds for this neighbourhood only, not for the whole problem
    bound_valid: bool = True


@dataclass
class SubResult:
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


def _outside_load(state: PlanState, e: int, wk: int, in_n: set[int]) -> int:
    inst = state.inst
    return state.load[e].get(wk, 0) - sum(
        1 for t in state.attends[e] if t in in_n and inst.s_week[t] == wk
    )


def build(
    state: PlanState,
    sessions: list[int],
    *,
    relax_experts: bool,
    cases: list[int] | None = None,
    network: str | None = None,
    static_experts: bool = False,
    max_cand: int | None = None,
    limits: dict[tuple[str, int], int] | None = None,
) -> Sub:
    """The sub-model of the neighbourhood, hinted with the current plan."""
    inst: Instance = state.inst
    w = inst.problem.weights
    in_n = set(sessions)

    if cases is None:
        cases = []
        for s in sessions:
            cases.extend(
                c for c in state.sess_cases[s] if network is None or inst.c_net[c] == network
            )
        for c in range(inst.n_cases):
            if (
                state.case_sess[c] < 0
                and (network is None or inst.c_net[c] == network)
                and any(s in in_n for s, _ in inst.c_cand[c])
            ):
                cases.append(c)
    in_sub = set(cases)
    # cases of other networks in the piece's (supra-regional) sessions stay where they are
    fixed_min = {
        s: sum(inst.c_minutes[c] for c in state.sess_cases[s] if c not in in_sub) for s in sessions
    }
    fixed_extra = {
        s: {d for c in state.sess_cases[s] if c not in in_sub for d in inst.c_extra[c]}
        for s in sessions
    }

    old_cost = sum(state.case_cost(c) for c in cases) + attendance_cost(
        w, sum(len(x) for s in sessions for x in state.staff[s].values())
    )

    m = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_sess: dict[int, list[int]] = defaultdict(list)
    obj_terms: list[tuple[cp_model.IntVar, int]] = []
    const = 0
    for c in cases:
        row = []
        taken = 0
        for s, cost in inst.c_cand[c]:
            if s in in_n:
                if (
                    max_cand is not None
                    and taken >= max_cand
                    and state.case_sess[c] >= 0
                    and s != state.case_sess[c]
                ):
                    continue
                taken += 1
                v = m.new_bool_var("")
                x[(c, s)] = v
                by_sess[s].append(c)
                row.append(v)
                obj_terms.append((v, cost - inst.c_unplanned_cost[c]))
        const += inst.c_unplanned_cost[c]
        if inst.c_pinned[c] >= 0:
            m.add_exactly_one(row)
        else:
            m.add_at_most_one(row)

    open_v: dict[int, cp_model.IntVar] = {}
    need: dict[tuple[int, str], cp_model.IntVar] = {}
    for s in sessions:
        cs = by_sess.get(s, [])
        if not cs and not fixed_min[s]:
            continue
        o = m.new_bool_var("")
        open_v[s] = o
        if fixed_min[s]:
            m.add(o == 1)
        m.add(
            cp_model.LinearExpr.weighted_sum(
                [x[(c, s)] for c in cs] + [o], [inst.c_minutes[c] for c in cs] + [-inst.s_dur[s]]
            )
            <= -fixed_min[s]
        )
        extra_cases: dict[str, list[int]] = defaultdict(list)
        for c in cs:
            m.add_implication(x[(c, s)], o)
            for d in sorted(inst.c_extra[c]):
                if d not in inst.s_core[s]:
                    extra_cases[d].append(c)
        for d in sorted(inst.s_core[s]):
            need[(s, d)] = o
        for d in sorted(fixed_extra[s] - inst.s_core[s]):
            extra_cases.setdefault(d, [])
        for d, lst in extra_cases.items():
            nv = m.new_bool_var("")
            need[(s, d)] = nv
            if d in fixed_extra[s]:
                m.add(nv == 1)
            for c in lst:
                m.add_implication(x[(c, s)], nv)
            m.add_implication(nv, o)

    y: dict[tuple[int, int], cp_model.IntVar] = {}
    by_expert: dict[int, list[int]] = defaultdict(list)
    bound_valid = True
    room_of: dict[tuple[int, int], int] = {}

    def room(e: int, wk: int) -> int:
        r = room_of.get((e, wk))
        if r is None:
            r = (
                inst.e_cap[e]
                if static_experts
                else inst.e_cap[e] - _outside_load(state, e, wk, in_n)
            )
            room_of[(e, wk)] = r
        return r

    #: (discipline, week) -> [(session, need variable, its pool of experts)]
    pools: dict[tuple[str, int], list[tuple[int, cp_model.IntVar, frozenset[int]]]] = defaultdict(
        list
    )
    for (s, d), nv in need.items():
        wk = inst.s_week[s]
        elig = inst.s_elig[s].get(d, ())
        # A small pool is where experts can run out. The assignment model then sees all of
        # it, whoever sits where today (the exact staffing may re-seat experts of other
        # sessions), with Hall-type cuts below that count the other sessions' demand; a large
        # pool only needs somebody free now.
        scarce = relax_experts and len(elig) <= SCARCE_POOL
        free = []
        for e in elig:
            if relax_experts and (static_experts or scarce):
                if inst.e_cap[e] > 0:
                    free.append(e)
                continue
            if room(e, wk) <= 0:
                continue
            if state.busy_elsewhere(e, s, ignore=in_n):
                continue
            free.append(e)
            if relax_experts:
                break  # the assignment model only asks whether anybody is free
        if not free:
            m.add(nv == 0)
            if inst.s_elig[s].get(d):
                bound_valid = False
            continue
        if relax_experts:
            obj_terms.append((nv, w.attendance))
            if scarce:
                pools[(d, wk)].append((s, nv, frozenset(free)))
            continue
        row = []
        for e in free:
            v = m.new_bool_var("")
            y[(e, s)] = v
            by_expert[e].append(s)
            row.append(v)
            obj_terms.append((v, w.attendance))
        m.add(sum(row) >= nv)
    if relax_experts:
        outside: dict[tuple[str, int], list[tuple[int, frozenset[int]]]] = {}
        if not static_experts:
            # sessions outside the neighbourhood that hold this week's experts of the pool
            for (d, wk), entries in pools.items():
                union = {e for _, _, q in entries for e in q}
                held = {
                    t
                    for e in union
                    for t in state.attends[e]
                    if t not in in_n and inst.s_week[t] == wk
                }
                outside[(d, wk)] = [(t, frozenset(inst.s_elig[t].get(d, ()))) for t in sorted(held)]
        _capacity_cuts(m, inst, pools, outside)
        for (d, wk), k in (limits or {}).items():
            needs = [need[(s, d)] for s in sessions if inst.s_week[s] == wk and (s, d) in need]
            now = sum(1 for s in sessions if inst.s_week[s] == wk and d in state.needed(s))
            if len(needs) > max(k, now):
                m.add(sum(needs) <= max(k, now))
                bound_valid = False  # learnt from the plan elsewhere: not a relaxation
    for e, ss in by_expert.items():
        per_week: dict[int, list[int]] = defaultdict(list)
        for s in ss:
            per_week[inst.s_week[s]].append(s)
        for wk, lst in per_week.items():
            left = inst.e_cap[e] - _outside_load(state, e, wk, in_n)
            if len(lst) > left:
                m.add(sum(y[(e, s)] for s in lst) <= left)
        lst = sorted(ss, key=lambda s: (inst.s_day[s], inst.s_start[s]))
        for i, a in enumerate(lst):
            clique = [a]
            for b in lst[i + 1 :]:
                if inst.s_day[b] != inst.s_day[a] or inst.s_start[b] >= inst.s_end[a]:
                    break
                clique.append(b)
            if len(clique) > 1:
                m.add_at_most_one(y[(e, s)] for s in clique)

    m.minimize(
        cp_model.LinearExpr.weighted_sum([v for v, _ in obj_terms], [k for _, k in obj_terms])
        + const
    )

    for (c, s), v in x.items():
        m.add_hint(v, state.case_sess[c] == s)
    for s, o in open_v.items():
        m.add_hint(o, bool(state.sess_cases[s]))
    for (s, d), nv in need.items():
        if nv is not open_v.get(s):
            m.add_hint(nv, state.extra_need[s][d] > 0)
    for (e, s), v in y.items():
        m.add_hint(v, s in state.attends[e])
    return Sub(sessions, cases, relax_experts, old_cost, m, x, y, bound_valid)


def _capacity_cuts(
    m: cp_model.CpModel,
    inst: Instance,
    pools: dict[tuple[str, int], list[tuple[int, cp_model.IntVar, frozenset[int]]]],
    outside: dict[tuple[str, int], list[tuple[int, frozenset[int]]]],
) -> int:
    """Hall-type cuts from the experts' weekly limits, and same-time cuts.

    For a discipline and week, the sessions whose pool of eligible experts lies inside a set P
    (those of the neighbourhood, which may open, and those outside that are staffed now and
    must stay so) can be staffed only within the total weekly room of P (each expert counted
    at most once per session it could take). For sessions at the same time, at most one per
    expert of the union of their pools. Both hold for every staffable plan, so without the
    outside sessions they are valid in the bound's relaxation too. Returns the cuts added.
    """
    added = 0
    for key, entries in sorted(pools.items(), key=lambda t: t[0]):
        out = outside.get(key, [])
        if len(entries) + len(out) < 2:
            continue
        cands = {p for _, _, p in entries}
        cands.add(frozenset().union(*cands))
        for p in sorted(cands, key=lambda p: (len(p), sorted(p))):
            members = [(nv, q) for _, nv, q in entries if q <= p]
            fixed = [q for _, q in out if q <= p]
            if not members or len(members) + len(fixed) < 2:
                continue
            cap = 0
            for e in p:
                n_e = sum(1 for _, q in members if e in q) + sum(1 for q in fixed if e in q)
                cap += min(inst.e_cap[e], n_e)
            if len(members) + len(fixed) > cap:
                m.add(sum(nv for nv, _ in members) <= max(0, cap - len(fixed)))
                added += 1
        # same time: one expert per session of a clique of overlapping sessions
        items = [(s, nv, q) for s, nv, q in entries] + [(t, None, q) for t, q in out]
        by_day: dict[int, list[tuple[int, cp_model.IntVar | None, frozenset[int]]]] = defaultdict(
            list
        )
        for ent in items:
            by_day[inst.s_day[ent[0]]].append(ent)
        for lst in by_day.values():
            if len(lst) < 2:
                continue
            seen: set[frozenset[int]] = set()
            for a, _, _ in lst:
                t = inst.s_start[a]
                clique = [ent for ent in lst if inst.s_start[ent[0]] <= t < inst.s_end[ent[0]]]
                ckey = frozenset(ent[0] for ent in clique)
                inner = [nv for _, nv, _ in clique if nv is not None]
                if len(clique) < 2 or not inner or ckey in seen:
                    continue
                seen.add(ckey)
                union = frozenset().union(*(q for _, _, q in clique))
                n_fixed = len(clique) - len(inner)
                if len(clique) > len(union):
                    m.add(sum(inner) <= max(0, len(union) - n_fixed))
                    added += 1
    return added


def run(
    sub: Sub,
    *,
    time_limit: float,
    seed: int,
    deterministic: bool,
    workers: int = 1,
    cancel: CancelToken | None = None,
    gap_limit: float = 0.0,
) -> SubResult:
    """Solve a sub-model; safe to call from a worker thread (CP-SAT releases the GIL)."""
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = max(1, workers)
    prm.random_seed = seed
    prm.linearization_level = 2
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
    if sub.relax:
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
    for c, s in before_cases.items():
        if s >= 0:
            state.place(c, s)
    for s, experts in before_staff.items():
        for e in experts:
            state.add_expert(e, s)
    return False
