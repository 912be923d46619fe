"""The CP-SAT model of a neighbourhood, written rule by rule like the contract.

Read :func:`build` top to bottom: it is the model as a document. Each block below is one of
the contract's hard rules (``solver.rules`` holds their sentences), the objective is the
contract's cost (``solver.cost``), and every variable carries a name a person can read in a
model dump: ``x[C12,S3]`` (case C12 sits in session S3), ``open[S3]``, ``need[S3,radiology]``
and ``y[E7,S3]`` (expert E7 attends S3).

What a neighbourhood is. A set of sessions; everything outside it stays as it is (the cases
placed elsewhere, and the experts' attendance elsewhere, which uses part of their weekly limit
and blocks overlapping times). Inside it the model re-decides which of its cases (and of the
unplanned cases that could go there) sit in which session and who attends. The current plan
restricted to the neighbourhood is a solution, so it is given as a complete hint.

Two variants from the same builder, differing only in rule 7:

* **exact** (``relax_experts=False``): one variable per eligible, free (expert, session), with
  the weekly limits and the no-overlap cliques; used where staffing is what binds.
* **pooled** (``relax_experts=True``, the assignment model): experts are left out; a session
  pays one attendance per needed discipline and may only need a discipline for which somebody
  is free. Without the interchangeable experts (the symmetry a naive model drowns in) a tumour
  group solves to optimality in about a second, and because the model is a relaxation of the
  real one its proven bound is a bound on the real plan. Scarce pools (a discipline served by
  a few experts, typically one centre's radiation oncologists) get Hall-type capacity cuts.

Rules 1-4 (tumour group, echelon, geography, ready date and horizon) have no constraint of
their own: :mod:`solver.instance` decided them once, so a variable ``x[c, s]`` exists only for
an allowed pair, and ``tests/test_contract_rules.py`` proves those pools agree with the rule
functions. The redundant ``x[c, s] => open[s]`` links make the LP relaxation that CP-SAT uses
tight (with only the minutes row the LP opens a tenth of a session for a case and the bound is
useless).

The order in which variables and constraints are added is part of the behaviour (CP-SAT's
search in deterministic mode depends on it), so the blocks add them in a fixed order: cases,
then per session its opening, minutes and quorum, then the experts, the objective and the hint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.cost import attendance_cost
from solver.instance import Instance, overlap_cliques
from solver.state import PlanState

#: a discipline's pool of eligible experts for a session this small may run out of room: the
#: pooled model then gets capacity cuts for it (radiation oncologists of one centre)
SCARCE_POOL = 12

#: (discipline, ISO week) -> [(session, its need variable, its pool of free experts)]
Pools = dict[tuple[str, int], list[tuple[int, cp_model.IntVar, frozenset[int]]]]


@dataclass
class Sub:
    """A built sub-model and what the search needs to read its solution back."""

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
    #: (session outside the neighbourhood, discipline) whose seat the pooled model may give
    #: to another expert of its pool (scarce disciplines: see ``_scarce_seats``)
    reseat: list[tuple[int, str]] = field(default_factory=list)


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
    """The sub-model of the neighbourhood ``sessions``, hinted with the current plan.

    ``cases``: the cases to re-decide (default: the neighbourhood's own, of ``network`` when
    given, plus the unplanned ones that could go there). ``static_experts``: pooled model with
    every expert's full weekly limit, ignoring today's staffing elsewhere (a relaxation of the
    whole group). ``max_cand``: a placed case considers only its cheapest sessions (and its
    own). ``limits``: learnt no-goods, (discipline, week) -> at most this many sessions.
    """
    f = _Formulation(state, sessions, relax_experts, static_experts)
    f.choose_cases(cases, network)

    # Rules 1-4 and 8: each case sits in at most one allowed session, a pinned case in
    # exactly one (its pinned session is its only candidate).
    f.rule_8_one_session_per_case(max_cand)

    for s in sessions:
        f.session_opens(s)
        # Rule 5: the cases' minutes fit the session's duration.
        f.rule_5_minutes(s)
        # Rule 6: an open session needs its core disciplines; a case needs its extra ones.
        f.rule_6_quorum(s)

    # Rule 7: every needed discipline has an eligible, available expert within the weekly
    # limit and in no two overlapping sessions.
    if relax_experts:
        f.rule_7_pooled(limits)
    else:
        f.rule_7_exact()

    f.minimize_contract_cost()
    f.hint_current_plan()
    return Sub(
        f.sessions,
        f.cases,
        relax_experts,
        f.old_cost(),
        f.m,
        f.x,
        f.y,
        f.bound_valid,
        f.reseat,
    )


class _Formulation:
    """The model under construction: its variables by name and the objective's terms."""

    def __init__(
        self, state: PlanState, sessions: list[int], relax: bool, static_experts: bool
    ) -> None:
        self.state = state
        self.inst: Instance = state.inst
        self.sessions = sessions
        self.in_n = set(sessions)
        self.relax = relax
        self.static_experts = static_experts
        self.m = cp_model.CpModel()
        self.cases: list[int] = []
        #: x[C, S]: case C sits in session S
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        #: open[S]: session S takes place (has cases)
        self.open: dict[int, cp_model.IntVar] = {}
        #: need[S, d]: session S needs discipline d (a core discipline's need is open[S])
        self.need: dict[tuple[int, str], cp_model.IntVar] = {}
        #: y[E, S]: expert E attends session S (exact variant only)
        self.y: dict[tuple[int, int], cp_model.IntVar] = {}
        self.by_sess: dict[int, list[int]] = defaultdict(list)
        self.by_expert: dict[int, list[int]] = defaultdict(list)
        self.objective: list[tuple[cp_model.IntVar, int]] = []
        self.constant = 0
        self.bound_valid = True
        self.reseat: list[tuple[int, str]] = []
        self._room: dict[tuple[int, int], int] = {}

    # -- names ---------------------------------------------------------------------------

    def _case(self, c: int) -> str:
        return self.inst.c_ids[c]

    def _sess(self, s: int) -> str:
        return self.inst.s_ids[s]

    # -- which cases ---------------------------------------------------------------------

    def choose_cases(self, cases: list[int] | None, network: str | None) -> None:
        """The neighbourhood's cases and the unplanned cases that could go there.

        Cases of other networks in the piece's (supra-regional) sessions stay where they are:
        their minutes and extra disciplines are fixed demand on the session.
        """
        inst, state = self.inst, self.state
        if cases is None:
            cases = []
            for s in self.sessions:
                cases.extend(
                    c for c in state.sess_cases[s] if network is None or inst.c_net[c] == network
                )
            for c in range(inst.n_cases):
                if (
                    state.case_sess[c] < 0
                    and (network is None or inst.c_net[c] == network)
                    and any(s in self.in_n for s, _ in inst.c_cand[c])
                ):
                    cases.append(c)
        self.cases = cases
        in_sub = set(cases)
        self.fixed_min = {
            s: sum(inst.c_minutes[c] for c in state.sess_cases[s] if c not in in_sub)
            for s in self.sessions
        }
        self.fixed_extra = {
            s: {d for c in state.sess_cases[s] if c not in in_sub for d in inst.c_extra[c]}
            for s in self.sessions
        }

    def old_cost(self) -> int:
        """What the neighbourhood costs in the current plan (its cases and attendance)."""
        return self.state.part_cost(self.cases, self.sessions)

    # -- rules 1-4 and 8 -----------------------------------------------------------------

    def rule_8_one_session_per_case(self, max_cand: int | None) -> None:
        """``x[c, s]`` for the allowed pairs (rules 1-4, decided in the instance); at most one
        per case, exactly one for a pinned case (rule 8).

        Placing case c in s saves its unplanned cost and pays its cost there: the objective
        coefficient is the difference, and the unplanned costs go into the constant.
        ``max_cand`` keeps the neighbourhood small: a placed case then considers only its
        cheapest sessions, and its own.
        """
        inst, state = self.inst, self.state
        rows: list[tuple[int, list[cp_model.IntVar]]] = []
        for c in self.cases:
            row = []
            taken = 0
            for s, cost in inst.c_cand[c]:
                if s not in self.in_n:
                    continue
                if (
                    max_cand is not None
                    and taken >= max_cand
                    and state.case_sess[c] >= 0
                    and s != state.case_sess[c]
                ):
                    continue
                taken += 1
                v = self.m.new_bool_var(f"x[{self._case(c)},{self._sess(s)}]")
                self.x[(c, s)] = v
                self.by_sess[s].append(c)
                row.append(v)
                self.objective.append((v, cost - inst.c_unplanned_cost[c]))
            self.constant += inst.c_unplanned_cost[c]
            rows.append((c, row))
        for c, row in rows:
            if inst.c_pinned[c] >= 0:
                self.m.add_exactly_one(row)
            else:
                self.m.add_at_most_one(row)

    # -- per session: opening, rule 5, rule 6 --------------------------------------------

    def session_opens(self, s: int) -> None:
        """``open[s]``, for a session that may hold cases; one holding cases of other
        networks (fixed minutes) stays open."""
        if not self.by_sess.get(s) and not self.fixed_min[s]:
            return
        o = self.m.new_bool_var(f"open[{self._sess(s)}]")
        self.open[s] = o
        if self.fixed_min[s]:
            self.m.add(o == 1)

    def rule_5_minutes(self, s: int) -> None:
        """5. The cases' minutes (the fixed ones included) fit the duration of an open session."""
        o = self.open.get(s)
        if o is None:
            return
        inst = self.inst
        cs = self.by_sess.get(s, [])
        self.m.add(
            cp_model.LinearExpr.weighted_sum(
                [self.x[(c, s)] for c in cs] + [o],
                [inst.c_minutes[c] for c in cs] + [-inst.s_dur[s]],
            )
            <= -self.fixed_min[s]
        )

    def rule_6_quorum(self, s: int) -> None:
        """6. An open session needs every core discipline of its tumour group (``need`` is
        ``open[s]`` itself) and every extra discipline of its cases (``need[s, d]``, forced by
        each case with that extra, and by the fixed cases). ``x => open`` keeps the LP tight."""
        o = self.open.get(s)
        if o is None:
            return
        inst = self.inst
        extra_cases: dict[str, list[int]] = defaultdict(list)
        for c in self.by_sess.get(s, []):
            self.m.add_implication(self.x[(c, s)], o)
            for d in sorted(inst.c_extra[c]):
                if d not in inst.s_core[s]:
                    extra_cases[d].append(c)
        for d in sorted(inst.s_core[s]):
            self.need[(s, d)] = o
        for d in sorted(self.fixed_extra[s] - inst.s_core[s]):
            extra_cases.setdefault(d, [])
        for d, lst in extra_cases.items():
            nv = self.m.new_bool_var(f"need[{self._sess(s)},{d}]")
            self.need[(s, d)] = nv
            if d in self.fixed_extra[s]:
                self.m.add(nv == 1)
            for c in lst:
                self.m.add_implication(self.x[(c, s)], nv)
            self.m.add_implication(nv, o)

    # -- rule 7 --------------------------------------------------------------------------

    def room(self, e: int, wk: int) -> int:
        """Sessions expert ``e`` may still attend in week ``wk`` inside the neighbourhood."""
        r = self._room.get((e, wk))
        if r is None:
            r = (
                self.inst.e_cap[e]
                if self.static_experts
                else self.inst.e_cap[e] - outside_load(self.state, e, wk, self.in_n)
            )
            self._room[(e, wk)] = r
        return r

    def free_experts(self, s: int, d: str) -> tuple[list[int], bool]:
        """The eligible experts of discipline ``d`` who could attend ``s``, and whether the
        pool is scarce.

        The exact variant needs everybody with room who is not in an overlapping session
        elsewhere. The pooled variant only asks whether anybody is free, except for a scarce
        pool, which it sees whole (whoever sits where today: the exact staffing may re-seat
        experts of other sessions), with the capacity cuts counting the other sessions' demand.
        """
        inst = self.inst
        wk = inst.s_week[s]
        elig = inst.s_elig[s].get(d, ())
        scarce = self.relax and len(elig) <= SCARCE_POOL
        free = []
        for e in elig:
            if self.relax and (self.static_experts or scarce):
                if inst.e_cap[e] > 0:
                    free.append(e)
                continue
            if self.room(e, wk) <= 0:
                continue
            if self.state.busy_elsewhere(e, s, ignore=self.in_n):
                continue
            free.append(e)
            if self.relax:
                break  # the pooled model only asks whether anybody is free
        return free, scarce

    def _nobody_free(self, s: int, d: str, nv: cp_model.IntVar) -> None:
        """Nobody can cover ``d`` in ``s``: the session may not need it. When somebody eligible
        exists but is used elsewhere, the plan elsewhere restricted this model, so its bound is
        no longer a bound of the whole problem."""
        self.m.add(nv == 0)
        if self.inst.s_elig[s].get(d):
            self.bound_valid = False

    def rule_7_exact(self) -> None:
        """7, exactly: ``y[e, s]`` per free eligible expert, every need covered, each expert
        within the weekly room left and in at most one of any overlapping sessions."""
        inst = self.inst
        w = inst.problem.weights
        for (s, d), nv in self.need.items():
            free, _ = self.free_experts(s, d)
            if not free:
                self._nobody_free(s, d, nv)
                continue
            row = []
            for e in free:
                v = self.m.new_bool_var(f"y[{inst.e_ids[e]},{self._sess(s)}]")
                self.y[(e, s)] = v
                self.by_expert[e].append(s)
                row.append(v)
                self.objective.append((v, attendance_cost(w, 1)))
            self.m.add(sum(row) >= nv)
        for e, ss in self.by_expert.items():
            self._weekly_limit(e, ss)
            self._no_overlap(e, ss)

    def _weekly_limit(self, e: int, ss: list[int]) -> None:
        inst = self.inst
        per_week: dict[int, list[int]] = defaultdict(list)
        for s in ss:
            per_week[inst.s_week[s]].append(s)
        for wk, lst in per_week.items():
            left = inst.e_cap[e] - outside_load(self.state, e, wk, self.in_n)
            if len(lst) > left:
                self.m.add(sum(self.y[(e, s)] for s in lst) <= left)

    def _no_overlap(self, e: int, ss: list[int]) -> None:
        for clique in overlap_cliques(self.inst, ss):
            self.m.add_at_most_one(self.y[(e, s)] for s in clique)

    def rule_7_pooled(self, limits: dict[tuple[str, int], int] | None) -> None:
        """7, pooled: a need costs one attendance and is allowed only when somebody is free;
        scarce pools get capacity cuts (:func:`capacity_cuts`), and learnt no-goods cap how
        many sessions of a week may need a discipline."""
        inst = self.inst
        w = inst.problem.weights
        pools: Pools = defaultdict(list)
        for (s, d), nv in self.need.items():
            free, scarce = self.free_experts(s, d)
            if not free:
                self._nobody_free(s, d, nv)
                continue
            self.objective.append((nv, attendance_cost(w, 1)))
            if scarce:
                pools[(d, inst.s_week[s])].append((s, nv, frozenset(free)))
        outside = self._held_outside(pools)
        if any(outside.values()):
            # the cuts count sessions elsewhere as staffed for good: a restriction by the
            # plan elsewhere, so the bound holds for this neighbourhood only
            self.bound_valid = False
        capacity_cuts(self.m, inst, pools, outside)
        learnt = limits or {}
        # where a proposal of this neighbourhood could not be staffed, its scarce discipline
        # is staffed exactly from now on (the count of a no-good is then not needed)
        exact = {key: entries for key, entries in pools.items() if key in learnt}
        self._scarce_seats(exact, outside)
        self._learnt_limits({k: v for k, v in learnt.items() if k not in exact})

    def _scarce_seats(
        self,
        pools: Pools,
        outside: dict[tuple[str, int], list[tuple[int, frozenset[int]]]],
    ) -> None:
        """A scarce discipline is staffed exactly inside the pooled model: ``y[E, S]`` for
        each expert of its pools, every need covered, each expert within the weekly limit
        and in no two overlapping sessions. The sessions outside the neighbourhood where these
        experts sit this week must stay covered, by anybody of their own pool (so a seat can
        pass from one expert to another), and the experts' other sessions keep their time.

        Why: the capacity cuts only count, and a proposal can pass every cut and still be
        unstaffable (on ``tight_week`` the only free radiation oncologist could have freed a
        colleague's seat only in sessions that overlapped his own: the search proposed that
        week again and again, and the exact staffing rejected it every time). Only for the
        disciplines and weeks where a proposal of the neighbourhood failed (``limits``): the
        seats make each model harder, and measured on ``regional-s4-tight`` with seats for
        every scarce pool the search reached 45,917-47,137 at 10 s instead of 44,549-45,433
        (its proposals were staffable without them). The pools are small (at most
        ``SCARCE_POOL``), and with static experts the model stays a relaxation.
        """
        for key, entries in sorted(pools.items(), key=lambda t: t[0]):
            d, wk = key
            held = outside.get(key, [])
            seats: list[tuple[int, cp_model.IntVar | None, frozenset[int]]] = [
                (s, nv, q) for s, nv, q in entries
            ]
            seats += [(t, None, q) for t, q in held]
            keep = self.in_n | {t for t, _ in held}
            by_e: dict[int, list[int]] = defaultdict(list)
            room: dict[int, int] = {}
            for s, nv, q in seats:
                row = self._seat_row(s, nv, q, wk, keep, room, by_e)
                if nv is None:
                    # staffed today by one of these experts, who is in the row
                    self.m.add_bool_or(row)
                    self.reseat.append((s, d))
                elif row:
                    self.m.add(sum(row) >= nv)
                else:
                    self._nobody_free(s, d, nv)
            for e, ss in by_e.items():
                if len(ss) > room[e]:
                    self.m.add(sum(self.y[(e, s)] for s in ss) <= room[e])
                self._no_overlap(e, ss)

    def _seat_row(
        self,
        s: int,
        nv: cp_model.IntVar | None,
        pool: frozenset[int],
        wk: int,
        keep: set[int],
        room: dict[int, int],
        by_e: dict[int, list[int]],
    ) -> list[cp_model.IntVar]:
        """``y[e, s]`` for the experts of ``pool`` with room left in week ``wk`` outside
        ``keep`` and no overlapping session outside it; a seat implies the need ``nv``."""
        inst, state = self.inst, self.state
        row = []
        for e in sorted(pool):
            if e not in room:
                room[e] = (
                    inst.e_cap[e]
                    if self.static_experts
                    else inst.e_cap[e] - outside_load(state, e, wk, keep)
                )
            if room[e] <= 0 or (
                not self.static_experts and state.busy_elsewhere(e, s, ignore=keep)
            ):
                continue
            v = self.m.new_bool_var(f"y[{inst.e_ids[e]},{self._sess(s)}]")
            self.y[(e, s)] = v
            by_e[e].append(s)
            row.append(v)
            if nv is not None:
                self.m.add_implication(v, nv)
        return row

    def _held_outside(
        self, pools: Pools
    ) -> dict[tuple[str, int], list[tuple[int, frozenset[int]]]]:
        """Sessions outside the neighbourhood that hold this week's experts of a pool (none
        when the experts are static: the whole group is the neighbourhood)."""
        if self.static_experts:
            return {}
        inst, state = self.inst, self.state
        outside: dict[tuple[str, int], list[tuple[int, frozenset[int]]]] = {}
        for (d, wk), entries in pools.items():
            union = {e for _, _, q in entries for e in q}
            held = {
                t
                for e in union
                for t in state.attends[e]
                if t not in self.in_n and inst.s_week[t] == wk
            }
            outside[(d, wk)] = [(t, frozenset(inst.s_elig[t].get(d, ()))) for t in sorted(held)]
        return outside

    def _learnt_limits(self, limits: dict[tuple[str, int], int]) -> None:
        """A learnt no-good: the neighbourhood's sessions of week ``wk`` may need ``d`` at most
        ``k`` times (never fewer than the plan has now). Learnt from the plan elsewhere, so
        the model is no longer a relaxation."""
        inst, state = self.inst, self.state
        for (d, wk), k in limits.items():
            needs = [
                self.need[(s, d)]
                for s in self.sessions
                if inst.s_week[s] == wk and (s, d) in self.need
            ]
            now = sum(1 for s in self.sessions if inst.s_week[s] == wk and d in state.needed(s))
            if len(needs) > max(k, now):
                self.m.add(sum(needs) <= max(k, now))
                self.bound_valid = False

    # -- objective and hint --------------------------------------------------------------

    def minimize_contract_cost(self) -> None:
        """The contract's cost of the neighbourhood: every case's unplanned cost (the
        constant), minus what placing it saves, plus one attendance per expert (exact) or per
        needed discipline (pooled)."""
        self.m.minimize(
            cp_model.LinearExpr.weighted_sum(
                [v for v, _ in self.objective], [k for _, k in self.objective]
            )
            + self.constant
        )

    def hint_current_plan(self) -> None:
        """The current plan restricted to the neighbourhood, as a complete hint."""
        state = self.state
        for (c, s), v in self.x.items():
            self.m.add_hint(v, state.case_sess[c] == s)
        for s, o in self.open.items():
            self.m.add_hint(o, bool(state.sess_cases[s]))
        for (s, d), nv in self.need.items():
            if nv is not self.open.get(s):
                self.m.add_hint(nv, state.extra_need[s][d] > 0)
        for (e, s), v in self.y.items():
            self.m.add_hint(v, s in state.attends[e])


def outside_load(state: PlanState, e: int, wk: int, in_n: set[int]) -> int:
    """Sessions of week ``wk`` that expert ``e`` attends outside the neighbourhood ``in_n``."""
    inst = state.inst
    return state.load[e].get(wk, 0) - sum(
        1 for t in state.attends[e] if t in in_n and inst.s_week[t] == wk
    )


def capacity_cuts(
    m: cp_model.CpModel,
    inst: Instance,
    pools: Pools,
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
        added += _hall_cuts(m, inst, entries, out)
        added += _same_time_cuts(m, inst, entries, out)
    return added


def _hall_sets(pools: Iterable[frozenset[int]]) -> list[frozenset[int]]:
    """The sets P a Hall-type cut is tried for: each distinct pool and their union, smallest
    first (a fixed order: CP-SAT's deterministic search depends on the order of constraints)."""
    cands = set(pools)
    cands.add(frozenset().union(*cands))
    return sorted(cands, key=lambda p: (len(p), sorted(p)))


def _hall_cuts(
    m: cp_model.CpModel,
    inst: Instance,
    entries: list[tuple[int, cp_model.IntVar, frozenset[int]]],
    out: list[tuple[int, frozenset[int]]],
) -> int:
    """Per candidate pool P (each session's pool and their union): the sessions needing the
    discipline whose pools lie inside P fit the weekly room of P."""
    added = 0
    for p in _hall_sets(q for _, _, q in entries):
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
    return added


def _same_time_cuts(
    m: cp_model.CpModel,
    inst: Instance,
    entries: list[tuple[int, cp_model.IntVar, frozenset[int]]],
    out: list[tuple[int, frozenset[int]]],
) -> int:
    """Sessions running at the same moment need one expert each: those of the moment whose
    pools lie inside a set P (each session's pool, and the union) need at most |P| experts.

    The union alone is not enough: two radiation oncologists who are the only ones for three
    colorectal sessions at 8:00 do not become enough because a fourth session at 8:00 may also
    take two others (on regional-s4-tight the pooled model proposed all four, every time, and
    the exact staffing rejected the proposal).
    """
    added = 0
    items = [(s, nv, q) for s, nv, q in entries] + [(t, None, q) for t, q in out]
    by_day: dict[int, list[tuple[int, cp_model.IntVar | None, frozenset[int]]]] = defaultdict(list)
    for ent in items:
        by_day[inst.s_day[ent[0]]].append(ent)
    for lst in by_day.values():
        if len(lst) < 2:
            continue
        seen: set[tuple[frozenset[int], frozenset[int]]] = set()
        for a, _, _ in lst:
            t = inst.s_start[a]
            clique = [ent for ent in lst if inst.s_start[ent[0]] <= t < inst.s_end[ent[0]]]
            if len(clique) < 2:
                continue
            ckey = frozenset(ent[0] for ent in clique)
            for p in _hall_sets(q for _, _, q in clique):
                members = [(nv, q) for _, nv, q in clique if q <= p]
                inner = [nv for nv, _ in members if nv is not None]
                if len(members) <= len(p) or not inner or (ckey, p) in seen:
                    continue
                seen.add((ckey, p))
                n_fixed = len(members) - len(inner)
                m.add(sum(inner) <= max(0, len(p) - n_fixed))
                added += 1
    return added
