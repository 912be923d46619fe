"""The problem turned into integer-indexed tables that every phase of the solver shares.

Everything that can be decided without search is decided here, once: which (case, session)
pairs are allowed at all (tumour group, echelon, geography, ready date, horizon) and what
each costs, and which experts may attend which session (tumour group, geography, leave).
Later phases only ever look at these pairs, so the models never contain a variable for an
impossible combination. Overlaps are checked through each expert's own few sessions
(``PlanState.busy_elsewhere``), never through all sessions of a day (nationally hundreds).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from solver.cost import Placed, Unplanned, placed_cost, unplanned_cost
from solver.model import LEVEL, Problem


class ProblemError(ValueError):
    """The problem itself is inconsistent (e.g. a pinned session that cannot take its case)."""


@dataclass
class Instance:
    problem: Problem
    # sessions (only those inside the horizon)
    s_ids: list[str]
    s_tg: list[str]
    s_level: list[int]
    s_hosp: list[str]
    s_net: list[str]
    s_day: list[int]
    s_week: list[int]
    s_start: list[int]
    s_end: list[int]
    s_dur: list[int]
    s_core: list[frozenset[str]]
    #: session -> discipline -> eligible, available experts (indices)
    s_elig: list[dict[str, list[int]]]
    #: session -> discipline -> eligible experts on leave that day (for explanations)
    s_away: list[dict[str, list[int]]]
    # experts
    e_ids: list[str]
    e_disc: list[str]
    e_cap: list[int]
    #: expert -> week -> number of sessions the expert could attend (a contention measure)
    e_week_demand: list[dict[int, int]]
    # cases
    c_ids: list[str]
    c_net: list[str]
    c_minutes: list[int]
    c_extra: list[frozenset[str]]
    c_unplanned_cost: list[int]
    c_urgent: list[bool]
    c_pinned: list[int]
    c_prev: list[int]
    #: case -> [(session, cost of placing it there)], cheapest first
    c_cand: list[list[tuple[int, int]]]
    s_index: dict[str, int]
    n_weeks: int
    #: case -> session -> cost of placing it there (``c_cand`` as a lookup: the plan's cost
    #: is kept up to date on every move, nationally 11,500 cases)
    c_cost_at: list[dict[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.c_cost_at = [dict(cand) for cand in self.c_cand]

    @property
    def n_sessions(self) -> int:
        return len(self.s_ids)

    @property
    def n_cases(self) -> int:
        return len(self.c_ids)

    @property
    def n_pairs(self) -> int:
        return sum(len(c) for c in self.c_cand)


def build_instance(problem: Problem) -> Instance:
    """Index the problem; raises ``ProblemError`` when a pinned case cannot be placed."""
    net = problem.hospital_network
    w = problem.weights
    h0 = problem.horizon_start.toordinal()
    h1 = problem.horizon_end.toordinal()
    sessions = [s for s in problem.sessions if h0 <= s.date.toordinal() <= h1]
    all_session_ids = {s.id for s in problem.sessions}
    s_index = {s.id: i for i, s in enumerate(sessions)}
    iso_weeks = sorted({s.date.isocalendar()[:2] for s in sessions})
    week_index = {wk: i for i, wk in enumerate(iso_weeks)}

    s_ids = [s.id for s in sessions]
    s_tg = [s.tumour_group for s in sessions]
    s_level = [LEVEL[s.echelon] for s in sessions]
    s_hosp = [s.hospital for s in sessions]
    s_net = [net.get(s.hospital, "") for s in sessions]
    s_day = [s.date.toordinal() for s in sessions]
    s_week = [week_index[s.date.isocalendar()[:2]] for s in sessions]
    s_start = [s.start_min for s in sessions]
    s_end = [s.start_min + s.duration_min for s in sessions]
    s_dur = [s.duration_min for s in sessions]
    s_core = [frozenset(problem.core_disciplines.get(s.tumour_group, ())) for s in sessions]

    # expert eligibility through indexes on (tumour group, hospital / network)
    experts = problem.experts
    local_pool: dict[tuple[str, str], list[int]] = defaultdict(list)
    regional_pool: dict[tuple[str, str], list[int]] = defaultdict(list)
    supra_pool: dict[str, list[int]] = defaultdict(list)
    for ei, e in enumerate(experts):
        lvl = LEVEL[e.max_echelon]
        for tg in e.tumour_groups:
            for h in e.serves or (e.hospital,):
                local_pool[(tg, h)].append(ei)
            if lvl >= 1:
                regional_pool[(tg, net.get(e.hospital, ""))].append(ei)
            if lvl >= 2:
                supra_pool[tg].append(ei)
    off_days: list[list[tuple[int, int]]] = [
        [(a.toordinal(), b.toordinal()) for a, b in e.unavailable] for e in experts
    ]
    s_elig: list[dict[str, list[int]]] = []
    s_away: list[dict[str, list[int]]] = []
    e_week_demand: list[dict[int, int]] = [defaultdict(int) for _ in experts]
    for i in range(len(sessions)):
        if s_level[i] == 0:
            pool = local_pool.get((s_tg[i], s_hosp[i]), [])
        elif s_level[i] == 1:
            pool = regional_pool.get((s_tg[i], s_net[i]), [])
        else:
            pool = supra_pool.get(s_tg[i], [])
        day = s_day[i]
        elig: dict[str, list[int]] = defaultdict(list)
        away: dict[str, list[int]] = defaultdict(list)
        for ei in pool:
            if any(a <= day <= b for a, b in off_days[ei]):
                away[experts[ei].discipline].append(ei)
                continue
            elig[experts[ei].discipline].append(ei)
            e_week_demand[ei][s_week[i]] += 1
        s_elig.append(dict(elig))
        s_away.append(dict(away))

    big = 10**6
    e_cap = [e.max_per_week if e.max_per_week is not None else big for e in experts]

    # cases and their allowed sessions
    by_tg_local: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_tg_regional: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_tg_supra: dict[str, list[int]] = defaultdict(list)
    for i in range(len(sessions)):
        if s_level[i] == 0:
            by_tg_local[(s_tg[i], s_hosp[i])].append(i)
        elif s_level[i] == 1:
            by_tg_regional[(s_tg[i], s_net[i])].append(i)
        else:
            by_tg_supra[s_tg[i]].append(i)

    c_ids, c_minutes, c_extra, c_unpl, c_urgent, c_pinned, c_prev, c_cand = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for c in problem.cases:
        lvl = LEVEL[c.echelon]
        cnet = net.get(c.hospital, "")
        ready = c.ready.toordinal()
        due = c.due.toordinal()
        prev = s_index.get(c.previous_session, -1) if c.previous_session else -1
        had_previous = bool(c.previous_session)
        pool = []
        if lvl <= 0:
            pool += by_tg_local.get((c.tumour_group, c.hospital), [])
        if lvl <= 1:
            pool += by_tg_regional.get((c.tumour_group, cnet), [])
        pool += by_tg_supra.get(c.tumour_group, [])
        cand: list[tuple[int, int]] = []
        for i in pool:
            day = s_day[i]
            if day < ready:
                continue
            cost = placed_cost(
                w,
                Placed(
                    day - due, day - ready, s_level[i] - lvl, c.urgent, had_previous and i != prev
                ),
            )
            cand.append((i, cost))
        cand.sort(key=lambda t: (t[1], s_day[t[0]], t[0]))
        pinned = -1
        if c.pinned_session:
            if c.pinned_session not in all_session_ids:
                raise ProblemError(
                    f"case {c.id} is pinned to session {c.pinned_session}, which does not exist"
                )
            pinned = s_index.get(c.pinned_session, -1)
            allowed = [t for t in cand if t[0] == pinned]
            if not allowed:
                raise ProblemError(
                    f"case {c.id} is pinned to session {c.pinned_session}, which cannot take it "
                    "(other tumour group, lower echelon, other hospital or network, before the "
                    "ready date, or outside the horizon)"
                )
            cand = allowed
        c_ids.append(c.id)
        c_minutes.append(c.minutes)
        c_extra.append(frozenset(c.extra_disciplines))
        c_unpl.append(unplanned_cost(w, Unplanned(c.urgent, had_previous)))
        c_urgent.append(c.urgent)
        c_pinned.append(pinned)
        c_prev.append(prev)
        c_cand.append(cand)

    return Instance(
        problem=problem,
        s_ids=s_ids,
        s_tg=s_tg,
        s_level=s_level,
        s_hosp=s_hosp,
        s_net=s_net,
        s_day=s_day,
        s_week=s_week,
        s_start=s_start,
        s_end=s_end,
        s_dur=s_dur,
        s_core=s_core,
        s_elig=s_elig,
        s_away=s_away,
        e_ids=[e.id for e in experts],
        e_disc=[e.discipline for e in experts],
        e_cap=e_cap,
        e_week_demand=[dict(d) for d in e_week_demand],
        c_ids=c_ids,
        c_net=[net.get(c.hospital, "") for c in problem.cases],
        c_minutes=c_minutes,
        c_extra=c_extra,
        c_unplanned_cost=c_unpl,
        c_urgent=c_urgent,
        c_pinned=c_pinned,
        c_prev=c_prev,
        c_cand=c_cand,
        s_index=s_index,
        n_weeks=len(iso_weeks),
    )


def overlap_cliques(inst: Instance, sessions: Iterable[int]) -> Iterator[list[int]]:
    """Rule 7's "no two overlapping sessions" for one expert's candidate sessions: the
    sessions running at one moment, for each moment a session starts, when there are at
    least two and they are not all part of the previous clique. At most one session of each
    clique can have the expert; every model that seats experts (the exact sub-model, the
    exact seats of the pooled one, the exact staffing) adds these cliques.

    Only sessions that contain the same moment overlap each other pairwise: 9:30-10:30 and
    the later sessions starting before 10:30 (until 2026-12-03) included 9:30-10:00 and
    10:00-10:30, which do not overlap, and forbade an expert the two half hours.
    """
    lst = sorted(sessions, key=lambda s: (inst.s_day[s], inst.s_start[s], s))
    active: list[int] = []
    day = None
    last: set[int] = set()
    for a in lst:
        if inst.s_day[a] != day:
            day, active, last = inst.s_day[a], [], set()
        t = inst.s_start[a]
        active = [b for b in active if inst.s_end[b] > t]
        active.append(a)
        if len(active) > 1 and not set(active) <= last:
            last = set(active)
            yield list(active)
