"""Proven lower bounds on the plan cost.

CP-SAT's own bound on the whole model is useless here: with unplanned-case weights of 1000
next to attendance weights of 5 on two workers it stays far below the optimum for minutes.
The bounds below are all bounds of *relaxations*, so none can exceed the cost of any plan:

* ``trivial_bound``: each case at its cheapest allowed session (or unplanned), no attendance;
* ``flow_bound``: a min-cost flow of case minutes into sessions or "unplanned" that sees the
  sessions' capacity (0.5 s on national-s3);
* ``lp_bound``: the LP relaxation with GLOP, optionally with every expert row (weekly
  limits, no-overlap cliques); ``x[c,s] <= open[s]`` makes it tight;
* ``GroupBounds``: the above per tumour group (the relaxation without experts falls apart by
  group), together with the CP-SAT bounds of whole-group solves, best per group, summed.

Floating-point values are rounded down with a safety margin.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Sequence

from ortools.linear_solver import pywraplp

from solver.instance import Instance, overlap_cliques


def trivial_bound(inst: Instance) -> int:
    total = 0
    for c in range(inst.n_cases):
        cand = inst.c_cand[c]
        best = min((cost for _, cost in cand), default=inst.c_unplanned_cost[c])
        total += min(best, inst.c_unplanned_cost[c])
    return total


def lp_bound(
    inst: Instance,
    *,
    time_limit: float = 30.0,
    experts: bool = True,
    cases: list[int] | None = None,
) -> int | None:
    """The LP relaxation's optimum, rounded safely down; None when GLOP did not finish.

    Why GLOP gets its own model here instead of the LP of ``solver.formulation``'s pooled
    model: measured on national-s3 (all eleven groups), translating the formulation's model
    for GLOP took 30.1 s against 23.9 s for this direct build (regional-s2: 0.5 s against
    0.2 s); its capacity cuts raised the national sum from 416,194 to 423,456, but the bound
    thread gets only idle CPU within the search's deadline, so a slower LP is a bound
    reported later or not at all. ``tests/test_formulation.py`` proves the two agree: without
    the cuts the formulation's LP equals this one, group by group.
    """
    w = inst.problem.weights
    t0 = time.perf_counter()
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:  # pragma: no cover - GLOP is part of every OR-Tools wheel
        return None
    inf = lp.infinity()
    obj = lp.Objective()
    const = 0
    by_sess: dict[int, list[tuple[int, pywraplp.Variable]]] = defaultdict(list)
    for c in range(inst.n_cases) if cases is None else cases:
        const += inst.c_unplanned_cost[c]
        row = lp.Constraint(-inf, 1.0) if inst.c_pinned[c] < 0 else lp.Constraint(1.0, 1.0)
        for s, cost in inst.c_cand[c]:
            v = lp.NumVar(0.0, 1.0, "")
            row.SetCoefficient(v, 1.0)
            obj.SetCoefficient(v, float(cost - inst.c_unplanned_cost[c]))
            by_sess[s].append((c, v))
    need: dict[tuple[int, str], pywraplp.Variable] = {}
    for s, cs in by_sess.items():
        o = lp.NumVar(0.0, 1.0, "")
        cap = lp.Constraint(-inf, 0.0)
        cap.SetCoefficient(o, -float(inst.s_dur[s]))
        extra: dict[str, list[pywraplp.Variable]] = defaultdict(list)
        for c, v in cs:
            cap.SetCoefficient(v, float(inst.c_minutes[c]))
            link = lp.Constraint(-inf, 0.0)  # x <= open
            link.SetCoefficient(v, 1.0)
            link.SetCoefficient(o, -1.0)
            for d in inst.c_extra[c]:
                if d not in inst.s_core[s]:
                    extra[d].append(v)
        for d in inst.s_core[s]:
            need[(s, d)] = o
        for d, vs in extra.items():
            nv = lp.NumVar(0.0, 1.0, "")
            need[(s, d)] = nv
            for v in vs:
                link = lp.Constraint(-inf, 0.0)
                link.SetCoefficient(v, 1.0)
                link.SetCoefficient(nv, -1.0)
    by_expert: dict[int, list[tuple[int, pywraplp.Variable]]] = defaultdict(list)
    for (s, d), nv in need.items():
        if not experts:
            # experts pooled away: one attendance per needed discipline, if anyone is eligible
            if inst.s_elig[s].get(d):
                obj.SetCoefficient(nv, obj.GetCoefficient(nv) + float(w.attendance))
            else:
                nv.SetUb(0.0)
            continue
        cover = lp.Constraint(0.0, inf)
        cover.SetCoefficient(nv, -1.0)
        for e in inst.s_elig[s].get(d, ()):
            v = lp.NumVar(0.0, 1.0, "")
            cover.SetCoefficient(v, 1.0)
            obj.SetCoefficient(v, float(w.attendance))
            by_expert[e].append((s, v))
    for e, lst in by_expert.items():
        per_week: dict[int, list[pywraplp.Variable]] = defaultdict(list)
        for s, v in lst:
            per_week[inst.s_week[s]].append(v)
        for vs in per_week.values():
            if len(vs) > inst.e_cap[e]:
                row = lp.Constraint(-inf, float(inst.e_cap[e]))
                for v in vs:
                    row.SetCoefficient(v, 1.0)
        var = dict(lst)
        for clique in overlap_cliques(inst, [s for s, _ in lst]):
            row = lp.Constraint(-inf, 1.0)
            for s in clique:
                row.SetCoefficient(var[s], 1.0)
    obj.SetMinimization()
    remaining = time_limit - (time.perf_counter() - t0)
    if remaining <= 0:
        return None
    lp.SetTimeLimit(int(remaining * 1000))
    status = lp.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return None
    value = float(obj.Value()) + const
    # GLOP works in floating point with tolerances; round down with a safety margin.
    return max(0, math.ceil(value - 1e-6 * abs(value) - 1e-3))


def flow_bound(inst: Instance, scale: int = 1000, cases: list[int] | None = None) -> int | None:
    """A min-cost-flow relaxation: fast enough for national sizes, and it sees capacity.

    Every case sends its minutes either to allowed sessions (at its cost there, spread per
    minute) or to "unplanned" (at its unplanned cost per minute); every session takes at most
    its duration, and each used minute pays the session's quorum attendance pro rata (a
    session's attendance is at least that share of it). Splitting cases over sessions only
    relaxes the problem, and every arc cost is rounded down, so the optimum divided by
    ``scale`` is a proven lower bound. Extra disciplines and experts are left out.
    """
    from ortools.graph.python import min_cost_flow

    w = inst.problem.weights
    n_c, n_s = inst.n_cases, inst.n_sessions
    sink = n_c + n_s
    flow = min_cost_flow.SimpleMinCostFlow()
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []
    supply = [0] * (sink + 1)
    used_sessions: set[int] = set()
    for c in range(n_c) if cases is None else cases:
        m = inst.c_minutes[c]
        supply[c] = m
        supply[sink] -= m
        for s, cost in inst.c_cand[c]:
            tails.append(c)
            heads.append(n_c + s)
            caps.append(m)
            costs.append((cost * scale) // m)
            used_sessions.add(s)
        tails.append(c)
        heads.append(sink)
        caps.append(m)
        costs.append((inst.c_unplanned_cost[c] * scale) // m)
    for s in range(n_s) if cases is None else sorted(used_sessions):
        tails.append(n_c + s)
        heads.append(sink)
        caps.append(inst.s_dur[s])
        costs.append((w.attendance * len(inst.s_core[s]) * scale) // inst.s_dur[s])
    import numpy as np

    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), np.array(supply, dtype=np.int64))
    if flow.solve() != flow.OPTIMAL:
        return None
    return max(0, int(flow.optimal_cost()) // scale)


class GroupBounds:
    """Per-tumour-group lower bounds, improved as proofs come in, summed at the end.

    Without experts the problem falls apart by tumour group exactly, so any bound of a group's
    relaxation is a bound of that group's share of the cost, and the sum over the groups is a
    bound of the plan (the experts only make the real problem harder). Each group keeps its
    best: trivial, flow, its LP (GLOP, computed in a background thread while the search runs;
    GLOP releases the GIL) or the CP-SAT bound of a whole-group solve.
    """

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.cases: dict[str, list[int]] = {}
        for c, case in enumerate(inst.problem.cases):
            self.cases.setdefault(case.tumour_group, []).append(c)
        self.lb: dict[str, int] = {}
        for g, cs in self.cases.items():
            triv = sum(
                min(
                    min((k for _, k in inst.c_cand[c]), default=inst.c_unplanned_cost[c]),
                    inst.c_unplanned_cost[c],
                )
                for c in cs
            )
            self.lb[g] = max(triv, flow_bound(inst, cases=cs) or 0)
        self.source: dict[str, str] = {g: "flow" for g in self.cases}
        self._stop = False
        self._thread: object | None = None
        #: the LPs and each whole-group relaxation's first second are done
        self._first_pass = threading.Event()
        self._lock = threading.Lock()
        from solver.model import CancelToken

        self._token = CancelToken()

    def offer(self, group: str, value: float, source: str) -> None:
        """Keep ``value`` as the group's bound if it is higher; called from the search and
        from the bound's thread alike, hence the lock."""
        v = max(0, math.ceil(value - 1e-6 * abs(value) - 1e-3))
        with self._lock:
            if v > self.lb.get(group, 0):
                self.lb[group] = v
                self.source[group] = source

    def total(self) -> int:
        return sum(self.lb.values())

    def start_lp(
        self,
        deadline: float,
        first: list[str],
        models: Sequence[tuple[str, object, int]] | None = None,
    ) -> None:
        """Prove bounds in a thread while the search runs on the other core.

        First the groups' LPs (``first``, the groups cut into pieces, before the others;
        smallest first: quick, and on regional-s2 the LPs alone reach most of the bound), then
        the whole-group CP-SAT relaxations ``models`` (group, sub-model, constant: experts
        pooled with their full weekly limits and the capacity cuts, so a relaxation of the
        group's share; stronger where a scarce discipline binds). ``stop`` stops a running
        CP-SAT call at once.
        """
        from solver import cpsat

        size = {g: sum(len(self.inst.c_cand[c]) for c in cs) for g, cs in self.cases.items()}
        order = sorted(self.cases, key=lambda g: (g not in first, size[g], g))
        models = sorted(models or [], key=lambda t: (len(t[1].x), t[0]))  # type: ignore[attr-defined]
        proven: set[str] = set()

        def lp(g: str) -> None:
            remaining = deadline - time.perf_counter()
            if self._stop or remaining <= 0.05:
                return
            value = lp_bound(self.inst, time_limit=remaining, experts=False, cases=self.cases[g])
            if value is not None and not self._stop:
                self.offer(g, value, "LP")

        def sat(
            g: str, sub: object, const: int, limit: float, seed: int = 0, restarts: bool = False
        ) -> None:
            remaining = deadline - time.perf_counter()
            if self._stop or remaining <= 0.05:
                return
            res = cpsat.run(
                sub,  # type: ignore[arg-type]
                time_limit=min(limit, remaining),
                seed=seed,
                deterministic=False,
                cancel=self._token,
                quick_restarts=restarts,
            )
            if res.bound is not None and not self._stop:
                self.offer(g, res.bound + const, "CP-SAT")
                if res.status == "OPTIMAL":
                    proven.add(g)

        def work() -> None:
            # the bound must never slow the search down: this thread only gets idle CPU
            # (Linux applies a thread's nice value to that thread alone)
            import contextlib
            import os

            with contextlib.suppress(AttributeError, OSError):  # other platforms: no nice
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            for g in order:
                lp(g)
            for g, sub, const in models:
                sat(g, sub, const, 1.0)
            self._first_pass.set()
            left = [t for t in models if t[0] not in proven]
            for i, (g, sub, const) in enumerate(left):
                share = (deadline - time.perf_counter()) / max(1, len(left) - i)
                # another seed and search: in a short search the share is about the first
                # limit again, and the same model, seed and time proved exactly the same bound
                # (regional-s4-tight at 10 s: all four groups repeated their first bound);
                # with quick restarts the 10 s bound rose from 42,643 to 42,841 in every one
                # of six seeds with the search on one core (with them in the first pass
                # too: 42,615)
                sat(g, sub, const, max(1.0, share), seed=1, restarts=True)

        t = threading.Thread(target=work, name="lp-bound", daemon=True)
        self._thread = t
        t.start()

    def first_pass_done(self) -> bool:
        """Whether the thread is past its first pass (or done): its second pass, with the
        idle CPU a nice thread gets, then leaves the core to the search."""
        return self._first_pass.is_set() or not self.busy()

    def busy(self) -> bool:
        """Whether the bound's thread still works (on the core the search may then share)."""
        return isinstance(self._thread, threading.Thread) and self._thread.is_alive()

    def stop(self, wait_s: float = 0.0) -> None:
        self._stop = True
        self._token.cancel()
        if isinstance(self._thread, threading.Thread) and wait_s > 0:
            self._thread.join(wait_s)


def prove_group_bounds(
    inst: Instance, time_limit_s: float, *, workers: int = 2
) -> dict[str, tuple[int, bool]]:
    """The proven bound of each tumour group's relaxation, solved whole with CP-SAT:
    group -> (bound, whether CP-SAT proved it the relaxation's optimum).

    The relaxation is the search's static whole-group model (experts pooled with their full
    weekly limits, the Hall-type and same-moment cuts; every other group left out), so the
    sum over the groups bounds every valid plan; each group keeps the better of this and its
    flow bound. The search proves these bounds on the side, within its own time; this spends
    ``time_limit_s`` on them alone: all groups briefly, then the unproven ones with an equal
    share of the rest, ``workers`` groups at a time (one CP-SAT worker each: two workers on
    one model proved a quarter of the bound, measured on regional-s4-tight's colorectal
    group). Why: a target is only worth chasing if a plan can reach it (on regional-s4-tight
    the proof shows that no plan costs 1.05 x the published limit, which drops the weekly
    limits).
    """
    from concurrent.futures import ThreadPoolExecutor

    from solver import cpsat, formulation
    from solver.lns import no_candidate_cost
    from solver.state import PlanState

    deadline = time.perf_counter() + time_limit_s
    best = GroupBounds(inst)  # flow bounds to start from; offer() rounds safely, keeps the best
    state = PlanState(inst)
    groups: dict[str, list[int]] = defaultdict(list)
    for s in range(inst.n_sessions):
        groups[inst.s_tg[s]].append(s)
    optimal = {g: g not in groups for g in best.lb}
    subs = {
        g: formulation.build(state, ss, relax_experts=True, static_experts=True)
        for g, ss in sorted(groups.items())
    }

    def prove(g: str, limit: float, seed: int) -> None:
        res = cpsat.run(subs[g], time_limit=limit, seed=seed, deterministic=False)
        if res.bound is not None:
            best.offer(g, res.bound + no_candidate_cost(inst, g), "CP-SAT")
            optimal[g] = res.status == "OPTIMAL"

    first = min(1.0, time_limit_s / max(1, 2 * len(subs)))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(lambda g: prove(g, first, 0), subs))
        left = sorted(g for g in subs if not optimal[g])
        rest = deadline - time.perf_counter()
        rounds = -(-len(left) // max(1, workers))  # ceiling: groups per worker
        if left and rest > 0.1:
            list(pool.map(lambda g: prove(g, rest / rounds, 1), left))
    return {g: (v, optimal[g]) for g, v in best.lb.items()}
