"""Stable attendees: keep the people a published session already has, at no extra cost.

Specialists prepare imaging and pathology days ahead for the sessions they were told to
attend. Staffing is pure feasibility per discipline (see ``solver.state``): a minimally
staffed session has one expert per needed discipline and its attendance cost does not depend
on *which* expert. So after the search, swapping an attendee for the session's previous
attendee of the same discipline never changes the cost, and :func:`keep_previous_staff` does
exactly that wherever the previous attendee can still attend (eligible, not on leave, within
the weekly limit, in no overlapping session).

Frozen sessions (their agenda was sent) go first, so that when two sessions compete for the
same person, the one whose agenda is already out keeps her. The pass is all-or-nothing: when
the re-staffing would leave any discipline uncovered, the plan found by the search is kept.
"""

from __future__ import annotations

from solver.state import PlanState


def keep_previous_staff(state: PlanState) -> int:
    """Prefer previous attendees; returns how many attendances changed back to them."""
    inst = state.inst
    problem = inst.problem
    by_id = {x.id: x for x in problem.sessions}
    e_index = {e: i for i, e in enumerate(inst.e_ids)}
    previous: dict[int, set[int]] = {}
    frozen: set[int] = set()
    for s, sid in enumerate(inst.s_ids):
        x = by_id[sid]
        prev = {e_index[e] for e in x.previous_experts if e in e_index}
        if prev and state.sess_cases[s]:
            previous[s] = prev
        if x.frozen:
            frozen.add(s)
    if not previous:
        return 0
    order = sorted(previous, key=lambda s: (s not in frozen, inst.s_day[s], inst.s_start[s], s))
    kept = 0
    # Two passes: a seat freed in a later session can let an earlier one have its person back.
    for _ in range(2):
        for s in order:
            prev = previous[s]
            for d, experts in list(state.staff[s].items()):
                for e in list(experts):
                    if e in prev:
                        continue
                    # free the seat; give it to a previous attendee of the discipline who can
                    # still attend, else straight back to ``e`` (always possible: nothing else
                    # changed for e), so the plan stays valid and costs the same
                    state.remove_expert(e, s)
                    back = e
                    for p in sorted(prev):
                        if inst.e_disc[p] != d or p not in inst.s_elig[s].get(d, ()):
                            continue
                        if state.can_attend(p, s) or _release(state, p, s, previous):
                            back = p
                            break
                    state.add_expert(back, s)
                    kept += back != e
    return kept


def _release(state: PlanState, p: int, s: int, previous: dict[int, set[int]]) -> bool:
    """Free ``p`` for session ``s`` by handing p's seat in a conflicting session (same time,
    or the week that p's limit fills) to another eligible expert, where p is not one of that
    session's previous attendees. One step of a chain of swaps; all or nothing."""
    inst = state.inst
    day, start, end, week = inst.s_day[s], inst.s_start[s], inst.s_end[s], inst.s_week[s]
    full = state.load[p].get(week, 0) >= inst.e_cap[p]
    blocking = sorted(
        t
        for t in state.attends[p]
        if t != s
        and p not in previous.get(t, ())
        and (
            (inst.s_day[t] == day and inst.s_start[t] < end and start < inst.s_end[t])
            or (full and inst.s_week[t] == week)
        )
    )
    d = inst.e_disc[p]
    swaps: list[tuple[int, int]] = []  # (session, the expert who took p's seat there)
    for t in blocking:
        state.remove_expert(p, t)
        other = next(
            (
                q
                for q in sorted(
                    inst.s_elig[t].get(d, ()), key=lambda q: (q not in previous.get(t, ()), q)
                )
                if q != p and state.can_attend(q, t)
            ),
            -1,
        )
        if other < 0:
            state.add_expert(p, t)
            continue
        state.add_expert(other, t)
        swaps.append((t, other))
        if state.can_attend(p, s):
            return True
    # p still cannot attend s: undo the swaps, so that nobody changes seat for nothing
    for t, other in reversed(swaps):
        state.remove_expert(other, t)
        state.add_expert(p, t)
    return False
