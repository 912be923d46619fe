"""Large-neighbourhood search over the problem's natural pieces.

Without experts the problem falls apart by tumour group: a session only takes cases of its own
group. Local and regional sessions further only take cases of their own network, so a large
group is cut into one piece per network (its local and regional sessions plus all the group's
supra-regional sessions, the only ones shared between networks). Pieces of different tumour
groups share no case and no session, so two of them are solved at once, one per core, each
by a single-worker CP-SAT (CP-SAT releases the GIL while it searches).

When a whole tumour group fits in one piece, CP-SAT's proven bound of that piece is a bound
for the group in the real problem too (dropping the experts only relaxes it); summed over
the groups this gives the plan's lower bound.

Experts who serve several groups are shared across groups; the exact model (with experts) on
one network's week or one group's network re-balances them once the assignment is settled.
Pieces of one network's week across all groups (assignment model with capacity cuts) hand
one group's expert time to another. A proposal the exact staffing cannot fully staff teaches
its neighbourhood a tightened capacity (``SearchStats.nogoods``) and sends the search to the
exact model of the network's week where it failed, right away.
Every accepted step is strictly cheaper and valid, so the search can stop at any moment.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from solver import cpsat, formulation
from solver.instance import Instance
from solver.model import CancelToken
from solver.state import PlanState

#: a tumour group with more allowed (case, session) pairs than this is cut by network
WHOLE_GROUP_MAX_PAIRS = 6000
#: Sub-models solved at once. Measured on national-s3 (60 s, 2 cores shared with other jobs):
#: two at once 554,663-575,695, one at a time 525,924-526,536 (the second core then proves the
#: LP bound: gap 20% instead of 32%); on regional-s2 both reach the same plan. Two at once
#: halve each sub-model's CPU, so more of them stop at their time limit unproven, and the
#: second one is built against experts' load that the first is about to change.
PARALLEL_PIECES = 1
#: in pieces of a split group, each case considers only its cheapest sessions (plus its own)
MAX_CANDIDATES = 8


@dataclass
class Piece:
    sessions: list[int]
    group: str | None = None  # set when the piece is a whole tumour group
    key: str = ""
    #: only this network's cases move (others in shared supra-regional sessions stay)
    network: str | None = None
    #: the group's supra-regional sessions with every network's cases in them (see
    #: :func:`shared_pieces`); its cases and other sessions are chosen from the plan
    shared: bool = False


@dataclass
class SearchStats:
    accepted: int = 0
    solved: int = 0
    staffing_failed: int = 0
    #: proposals the constructive staffing could not staff and the exact staffing repaired
    staffing_repaired: int = 0
    #: neighbourhood -> (discipline, week) -> tightened capacity learnt from a rejection
    nogoods: dict[str, dict[tuple[str, int], int]] = field(default_factory=dict)
    #: tumour group -> proven lower bound of its assignment relaxation
    group_bound: dict[str, float] = field(default_factory=dict)
    #: whole-group piece -> (its cases, its last accepted or unchanged model's own proven
    #: bound; a bound given the rest of the plan, so only a guide): a round starts where the
    #: plan's cost there is furthest above it. By unplanned weight alone, regional-s4-tight's
    #: urology group, one case short after its first second, came after colorectal's eleven
    #: cases that no plan can take, and a 10 s search ended before it came back
    piece_bound: dict[str, tuple[list[int], float]] = field(default_factory=dict)
    #: why the search ended: "proven" (the plan costs what the bound proves), "cancelled",
    #: "time limit", "rounds" (deterministic mode's fixed amount of work) or "fixpoint"
    #: (every piece proven optimal and nothing changed); "" when it never ran
    stopped_by: str = ""
    log: list[str] = field(default_factory=list)


def assignment_pieces(inst: Instance) -> list[Piece]:
    by_tg: dict[str, list[int]] = defaultdict(list)
    for s in range(inst.n_sessions):
        by_tg[inst.s_tg[s]].append(s)
    pairs_tg: dict[str, int] = defaultdict(int)
    for c in range(inst.n_cases):
        for s, _ in inst.c_cand[c]:
            pairs_tg[inst.s_tg[s]] += 1
    pieces: list[Piece] = []
    for tg, ss in sorted(by_tg.items()):
        if pairs_tg[tg] <= WHOLE_GROUP_MAX_PAIRS:
            pieces.append(Piece(sorted(ss), group=tg, key=tg))
            continue
        supra = [s for s in ss if inst.s_level[s] == 2]
        by_net: dict[str, list[int]] = defaultdict(list)
        for s in ss:
            if inst.s_level[s] < 2:
                by_net[inst.s_net[s]].append(s)
        for net, nss in sorted(by_net.items()):
            pieces.append(Piece(sorted(nss + supra), key=f"{tg}/{net}", network=net))
        if not by_net:
            pieces.append(Piece(sorted(supra), key=f"{tg}/supra"))
    return pieces


def shared_pieces(inst: Instance, pieces: list[Piece] | None = None) -> list[Piece]:
    """One piece per split tumour group: its supra-regional sessions, where every network's
    cases meet. A network's piece moves only its own cases, so there one network's case sent
    up a level (escalated) kept a supra-regional seat that another network's case, which only
    a supra-regional session may take, needed: on national-s3 after 60 s, 249 of 329
    unplanned cases could only go supra-regional while 60-odd breast cases sat there escalated.

    ``pieces``: the assignment pieces, when the caller has made them already."""
    supra: dict[str, list[int]] = {}
    for p in assignment_pieces(inst) if pieces is None else pieces:
        if p.group is None and p.network is not None:
            group = inst.s_tg[p.sessions[0]]
            supra[group] = [s for s in p.sessions if inst.s_level[s] == 2]
    # where the supra-regional sessions can only take one network's cases, that network's
    # piece already moves all of them: nothing to share
    networks: dict[int, set[str]] = defaultdict(set)
    for c in range(inst.n_cases):
        for s, _ in inst.c_cand[c]:
            if inst.s_level[s] == 2:
                networks[s].add(inst.c_net[c])
    return [
        Piece(ss, key=f"{g}/shared", shared=True)
        for g, ss in sorted(supra.items())
        if len(set().union(*(networks[s] for s in ss))) > 1
    ]


def shared_neighbourhood(
    state: PlanState, supra: list[int], max_cand: int
) -> tuple[list[int], list[int]]:
    """The sessions and cases of a shared piece now: the cases in its supra-regional
    sessions (every network's) and the unplanned cases that could go there, with each case's
    cheapest sessions, so an escalated case can step down and make room."""
    inst = state.inst
    in_supra = set(supra)
    cases = [c for s in supra for c in sorted(state.sess_cases[s])]
    cases += [
        c
        for c in range(inst.n_cases)
        if state.case_sess[c] < 0 and any(s in in_supra for s, _ in inst.c_cand[c])
    ]
    sessions = set(in_supra)
    for c in cases:
        sessions.update(s for s, _ in inst.c_cand[c][:max_cand])
    return sorted(sessions), cases


#: weeks in a neighbourhood that crosses tumour groups (experts who serve several groups
#: couple them). One week: on regional-s4-tight the first two-week windows (3,500 variables)
#: gained 0-66 in their 1.2 s, a one-week window 5,962 in 0.4 s; without these pieces
#: ``tight_week`` stays 6 cases short of its optimum (34 unplanned instead of 28)
CROSS_WEEKS = 1


def cross_pieces(inst: Instance) -> list[Piece]:
    """One network's sessions of every tumour group (plus the supra-regional ones) over a
    window of consecutive weeks: where shared experts couple the groups, only such a piece can
    hand one group's expert time to another. With more than one week, windows overlap."""
    nets = sorted({inst.s_net[s] for s in range(inst.n_sessions) if inst.s_level[s] < 2})
    starts = list(range(max(1, inst.n_weeks - CROSS_WEEKS + 1)))
    pieces = []
    for net in nets:
        for a in starts:
            ss = [
                s
                for s in range(inst.n_sessions)
                if a <= inst.s_week[s] < a + CROSS_WEEKS
                and (inst.s_net[s] == net or inst.s_level[s] == 2)
            ]
            if ss:
                pieces.append(Piece(ss, key=f"x/{net}/w{a}", network=net))
    return pieces


def expert_pieces(inst: Instance) -> list[Piece]:
    net_week: dict[tuple[str, int], list[int]] = defaultdict(list)
    for s in range(inst.n_sessions):
        net_week[(inst.s_net[s], inst.s_week[s])].append(s)
    return [Piece(sorted(ss), key=f"{k[0]}/w{k[1]}") for k, ss in sorted(net_week.items())]


def _groups_of(inst: Instance, piece: Piece) -> set[str]:
    """Every tumour group the piece touches (a piece across groups touches them all)."""
    return {inst.s_tg[s] for s in piece.sessions}


def search_pieces(inst: Instance) -> list[Piece]:
    """The pieces a round goes through: the assignment pieces, then either the shared
    pieces (where groups are cut by network) or the pieces across groups and weeks.

    Where groups are cut by network (nationally) the cross pieces gained least per second
    (national-s3, 60 s: 40 of them took 8 s for 8k) and a round took 35 s; without them five
    seeds gave 481,195-484,273 against 483,637-490,169 in six runs with them. Expert time
    still moves between groups there through the exact models of a network's week."""
    pieces = assignment_pieces(inst)
    shared = shared_pieces(inst, pieces)
    return pieces + (shared or cross_pieces(inst))


def improve(
    state: PlanState,
    *,
    deadline: float,
    workers: int,
    seed: int,
    deterministic: bool,
    max_rounds: int | None,
    cancel: CancelToken | None,
    report: Callable[[str], None],
    stats: SearchStats,
    static_first: bool = True,
    proven: Callable[[], bool] | None = None,
    parallel: Callable[[], int] | None = None,
) -> None:
    """Improve ``state`` in place until the deadline, a cancellation or a fixpoint.

    ``parallel``: how many sub-models may run at once right now (default ``PARALLEL_PIECES``
    within ``workers``); the engine lets the search take the second core once the bound
    thread is past its first pass."""
    inst = state.inst
    rng = random.Random(seed)
    pieces = search_pieces(inst)
    groups_of = {p.key: _groups_of(inst, p) for p in pieces}
    threads = 1 if deterministic else max(1, min(PARALLEL_PIECES, workers))
    if parallel is None or deterministic:
        parallel = lambda: threads  # noqa: E731
    rounds = 0
    quiet: set[str] = set()
    piece_bound = stats.piece_bound

    def stopped() -> bool:
        if proven is not None and proven():
            stats.stopped_by = "proven"  # the plan costs what the bound proves: nothing to find
        elif cancel is not None and cancel.cancelled:
            stats.stopped_by = "cancelled"
        elif time.perf_counter() >= deadline - 0.05:
            stats.stopped_by = "time limit"
        else:
            return False
        return True

    def piece_limit(p: Piece, sub: formulation.Sub) -> float:
        n = len(sub.x)
        # a piece not proven optimal comes back with more time in later rounds
        more = min(rounds, 4)
        if p.group is not None:  # a whole group: worth proving, its bound counts
            # at least a second: with half a second regional-s4-tight's upper-GI group often
            # stopped one case short and came back too late (10 s, five alternating pairs:
            # 44,455-45,690, mean 45,052, against 44,549-46,286, mean 45,454)
            return more * min(max(1.0, n / 1500.0), 4.0)
        return more * min(max(0.3, n / 3000.0), 2.0)

    xpieces = expert_pieces(inst)
    x_index = {p.key: p for p in xpieces}

    def expert_step(p: Piece) -> bool:
        """The exact model (experts included) of one network's week, all tumour groups."""
        sub = formulation.build(state, p.sessions, relax_experts=False)
        limit = min(max(0.3, len(sub.x) / 3000.0), 2.0)
        if not deterministic:
            limit = min(limit, max(0.05, deadline - time.perf_counter()))
        res = cpsat.run(
            sub,
            time_limit=limit,
            seed=seed + rounds,
            deterministic=deterministic,
            workers=1,
            cancel=cancel,
        )
        stats.solved += 1
        if res.improved and cpsat.apply(
            state, sub, res, cancel=cancel, deterministic=deterministic
        ):
            stats.accepted += 1
            stats.log.append(f"experts {p.key}: {res.old_cost} -> {res.new_cost}")
            report("experts")
            return True
        return False

    with ThreadPoolExecutor(max_workers=max(1, workers if not deterministic else 1)) as pool:
        while not stopped():
            rounds += 1
            changed = False
            order = list(range(len(pieces)))
            rng.shuffle(order)
            weight = round_priority(state, pieces, piece_bound)

            # one tumour group's pieces first, then those crossing groups and weeks; in the
            # first round the shared pieces wait for every network's own piece (national-s3
            # 10 s, three seeds: 689,630-692,142 when they came by weight, 682,787-687,194
            # after; at 60 s the same within the runs' spread, 482,319-485,486)
            later = [p.key.startswith("x/") or (p.shared and rounds == 1) for p in pieces]
            order.sort(key=lambda i: (later[i], -weight[i]))
            pending: dict[Future[cpsat.SubResult], tuple[Piece, formulation.Sub]] = {}
            busy_groups: set[str] = set()
            failed_weeks: set[str] = set()
            queue = [pieces[i] for i in order if pieces[i].key not in quiet]
            while (queue or pending) and not stopped():
                # fill the workers with pieces of groups nobody is working on
                for p in list(queue):
                    if len(pending) >= parallel():
                        break
                    gs = groups_of[p.key]
                    if gs & busy_groups:
                        continue
                    queue.remove(p)
                    sessions, cases = p.sessions, None
                    if p.shared:
                        sessions, cases = shared_neighbourhood(state, p.sessions, MAX_CANDIDATES)
                    sub = formulation.build(
                        state,
                        sessions,
                        relax_experts=True,
                        cases=cases,
                        network=p.network,
                        static_experts=static_first
                        and p.group is not None
                        and p.group not in stats.group_bound,
                        # a whole group is solved exactly (its bound counts); elsewhere each
                        # case only considers its cheapest sessions, which keeps pieces small
                        max_cand=None if p.group is not None else MAX_CANDIDATES,
                        limits=stats.nogoods.get(p.key),
                    )
                    limit = piece_limit(p, sub)
                    if not deterministic:
                        limit = min(limit, max(0.05, deadline - time.perf_counter()))
                    fut = pool.submit(
                        cpsat.run,
                        sub,
                        time_limit=limit,
                        seed=seed + rounds,
                        deterministic=deterministic,
                        cancel=cancel,
                        gap_limit=0.0,
                        # later solves start from a good plan: CP-SAT's portfolio with quick
                        # restarts found regional-s4-tight's last urology case in 2.2 s (two
                        # seeds: 3,484, 3,531) where the default search stayed at 4,335-4,389
                        # (four seeds) and needed 10 s; from the constructive plan it did
                        # worse (colorectal's first second: 15,398 against 13,767). Not in
                        # deterministic mode: there tight_week reached 34,017 with them and its
                        # optimum 33,780 without. Every assignment piece, split groups' and
                        # cross pieces too: nationally 496,245-501,056 at 60 s with them,
                        # 493,638-500,576 without
                        quick_restarts=rounds > 1 and not deterministic,
                    )
                    pending[fut] = (p, sub)
                    busy_groups |= gs
                if not pending:
                    break
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for fut in done:
                    p, sub = pending.pop(fut)
                    busy_groups -= groups_of[p.key]
                    res = fut.result()
                    stats.solved += 1
                    if p.group is not None and res.bound is not None and sub.bound_valid:
                        b = res.bound + no_candidate_cost(inst, p.group)
                        stats.group_bound[p.group] = max(stats.group_bound.get(p.group, b), b)
                    ok = False
                    if res.improved:
                        ok = cpsat.apply(
                            state, sub, res, cancel=cancel, deterministic=deterministic
                        )
                        if res.nogoods:
                            learnt = stats.nogoods.setdefault(p.key, {})
                            for k, v in res.nogoods.items():
                                learnt[k] = min(v, learnt.get(k, v))
                            # the same proposal is never made again: it is not optimal yet
                            quiet.discard(p.key)
                        rep = res.staffing
                        if rep is not None and rep.failed:  # type: ignore[attr-defined]
                            # where the staffing failed, experts couple this group with others
                            # that week: the exact model of that network's week, all groups,
                            # right away (it can hand expert time from one group to another)
                            failed_weeks.update(
                                f"{inst.s_net[t]}/w{inst.s_week[t]}"
                                for t in rep.failed  # type: ignore[attr-defined]
                            )
                        if ok and res.staffing is not None:
                            stats.staffing_repaired += 1
                        if ok:
                            stats.accepted += 1
                            changed = True
                            stats.log.append(
                                f"assign {p.key}: {res.old_cost} -> {res.new_cost} ({res.status})"
                            )
                            report("assignment")
                        else:
                            stats.staffing_failed += 1
                    elif res.status == "OPTIMAL":
                        quiet.add(p.key)
                    if p.group is not None and res.bound is not None:
                        if ok or not res.improved:
                            piece_bound[p.key] = (sub.cases, res.bound)
                        else:  # put back: that bound was of a proposal nobody can staff
                            piece_bound.pop(p.key, None)
                # the exact models touch every group of a week: only while nothing else runs
                while failed_weeks and not pending and not stopped():
                    x = min(failed_weeks)
                    failed_weeks.discard(x)
                    if x in x_index and expert_step(x_index[x]):
                        changed = True
            if stopped():
                break
            # expert-aware pass: re-balance experts shared between groups
            # only where a case waits for an expert rather than for room
            xweight = _staffing_weight(state, xpieces)
            for i in sorted(range(len(xpieces)), key=lambda i: -xweight[i]):
                if stopped() or xweight[i] == 0:
                    break
                if expert_step(xpieces[i]):
                    changed = True
                    quiet.clear()
            if max_rounds is not None and rounds >= max_rounds:
                stats.stopped_by = "rounds"
                break
            if not changed and len(quiet) == len(pieces):
                stats.stopped_by = "fixpoint"
                break


def no_candidate_cost(inst: Instance, group: str) -> int:
    """Cases of the group that no session can take are outside every piece's model."""
    return sum(
        inst.c_unplanned_cost[c]
        for c in range(inst.n_cases)
        if not inst.c_cand[c] and inst.problem.cases[c].tumour_group == group
    )


def round_priority(
    state: PlanState, pieces: list[Piece], piece_bound: dict[str, tuple[list[int], float]]
) -> list[float]:
    """How much each piece may still gain, the larger first in a round: its cost in the plan
    now above its last model's own proven bound where that is known, else the unplanned cost
    of the cases waiting for its sessions (summed per session)."""
    weight: list[float] = [float(v) for v in _unplanned_weight(state, pieces)]
    for i, p in enumerate(pieces):
        known = piece_bound.get(p.key)
        if known is not None:
            cases, bound = known
            weight[i] = max(0.0, state.part_cost(cases, p.sessions) - bound)
    return weight


def _unplanned_weight(state: PlanState, pieces: list[Piece]) -> list[int]:
    inst = state.inst
    per_session: dict[int, int] = defaultdict(int)
    for c in range(inst.n_cases):
        if state.case_sess[c] < 0:
            for s, _ in inst.c_cand[c]:
                per_session[s] += inst.c_unplanned_cost[c]
    return [sum(per_session.get(s, 0) for s in p.sessions) for p in pieces]


def _staffing_weight(state: PlanState, pieces: list[Piece]) -> list[int]:
    """Unplanned cost of cases that some session of the piece has room for."""
    inst = state.inst
    per_session: dict[int, int] = defaultdict(int)
    for c in range(inst.n_cases):
        if state.case_sess[c] < 0:
            m = inst.c_minutes[c]
            for s, _ in inst.c_cand[c]:
                if state.used[s] + m <= inst.s_dur[s]:
                    per_session[s] += inst.c_unplanned_cost[c]
    return [sum(per_session.get(s, 0) for s in p.sessions) for p in pieces]
