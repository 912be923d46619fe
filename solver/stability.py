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
    snapshot = [{d: list(es) for d, es in state.staff[s].items()} for s in range(inst.n_sessions)]
    # 1. free every seat held by someone who was not there before
    open_seats: list[tuple[int, str]] = []
    for s, prev in previous.items():
        for d, experts in list(state.staff[s].items()):
            for e in list(experts):
                if e not in prev:
                    state.remove_expert(e, s)
                    open_seats.append((s, d))
    # 2. give the seats back to previous attendees, frozen sessions and earlier dates first
    order = sorted(set(open_seats), key=lambda sd: (sd[0] not in frozen, inst.s_day[sd[0]],
                                                   inst.s_start[sd[0]], sd[0], sd[1]))
    kept = 0
    still_open = []
    for s, d in order:
        if state.staff[s].get(d):
            continue
        for e in sorted(previous[s]):
            if inst.e_disc[e] == d and e in inst.s_elig[s].get(d, ()) and state.can_attend(e, s):
                state.add_expert(e, s)
                kept += 1
                break
        else:
            still_open.append((s, d))
    # 3. the remaining seats: whoever the usual staffing picks
    for s, d in still_open:
        if state.staff[s].get(d):
            continue
        e = state.pick_expert(s, d)
        if e < 0:
            _restore(state, snapshot)
            return 0
        state.add_expert(e, s)
    return kept


def _restore(state: PlanState, snapshot: list[dict[str, list[int]]]) -> None:
    for s in range(state.inst.n_sessions):
        state.clear_staff(s)
    for s, staff in enumerate(snapshot):
        for experts in staff.values():
            for e in experts:
                state.add_expert(e, s)
