"""Reasons a secretary can act on, found by looking at the final plan, not by a fixed string.

For an unplanned case the diagnosis walks down the hard rules in the order a secretary would
fix them: is it ready within the horizon at all; is there any session of its tumour group at
its echelon or higher that its hospital may use; is there one with room; and if there is room,
which discipline could not be found (on leave, at the weekly limit, or in another session at
the same time). For a planned case it gives its cost terms and the cheapest other session
that still has room for it, with the difference in cost. The rules are asked of
``solver.rules`` and the cost terms of ``solver.cost``, so the diagnosis cannot disagree with
the plan check about what the contract allows.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from solver import rules
from solver.cost import Placed, attendance_cost, placed_terms
from solver.instance import Instance
from solver.model import (
    ECHELONS,
    LEVEL,
    Alternative,
    Case,
    CaseExplanation,
    CostTerms,
    Problem,
    Session,
)
from solver.state import PlanState


def _d(day: int) -> str:
    return date.fromordinal(day).strftime("%-d %b %Y")


def _where(inst: Instance, c: int) -> str:
    p = inst.problem
    case = p.cases[c]
    lvl = LEVEL[case.echelon]
    hosp = p.hospital_names.get(case.hospital, case.hospital)
    net = p.hospital_network.get(case.hospital, "")
    netname = p.network_names.get(net, net)
    levels = "/".join(ECHELONS[lvl:])
    if lvl == 0:
        place = f"at {hosp}, in network {netname} or supra-regional"
    elif lvl == 1:
        place = f"in network {netname} or supra-regional"
    else:
        place = "anywhere"
    return f"{levels} {case.tumour_group} session {place}"


def unplanned_reason(state: PlanState, c: int) -> str:
    """The diagnosis; for a pinned case it says first that the pin cannot be kept."""
    reason = _unplanned_reason(state, c)
    pinned = state.inst.problem.cases[c].pinned_session
    if pinned:
        return f"pinned to session {pinned}, which cannot take it now: {reason}"
    return reason


def _unplanned_reason(state: PlanState, c: int) -> str:
    inst = state.inst
    p = inst.problem
    case = p.cases[c]
    h1 = p.horizon_end.toordinal()
    ready = case.ready.toordinal()
    if ready > h1:
        return (
            f"ready date {_d(ready)} is after the end of the planning horizon "
            f"({_d(h1)}); plan it in a later period"
        )
    cand = inst.c_cand[c]
    if not cand:
        # any session of the right kind at all, ignoring the ready date?
        net = p.hospital_network.get(case.hospital)
        days = [
            inst.s_day[s]
            for s in range(inst.n_sessions)
            if _may_take(
                case, inst.s_tg[s], ECHELONS[inst.s_level[s]], inst.s_hosp[s], inst.s_net[s], net
            )
        ]
        if not days:
            return (
                f"no {_where(inst, c)} in the horizon {_d(p.horizon_start.toordinal())}–{_d(h1)}; "
                "schedule such a session or refer the case elsewhere"
            )
        return (
            f"the last {_where(inst, c)} is on {_d(max(days))}, before the case is ready "
            f"({_d(ready)}); schedule a later session or plan it in the next period"
        )
    m = inst.c_minutes[c]
    room = [s for s, _ in cand if state.used[s] + m <= inst.s_dur[s]]
    if not room:
        after = _first_session_after_horizon(inst, c)
        tail = f"; the first such session after the horizon is on {after}" if after else ""
        return (
            f"no {_where(inst, c)} with room for {m} min between {_d(ready)} and {_d(h1)} "
            f"(all {len(cand)} are full){tail}; add a session or extend one"
        )
    # there is room somewhere: which discipline could not be found, and why?
    short: Counter[str] = Counter()
    blocked: dict[str, dict[str, set[int]]] = {}
    for s in room:
        if state.sess_cases[s]:
            missing = {d for d in inst.c_extra[c] if not state.staff[s].get(d)}
        else:
            missing = set(inst.s_core[s]) | set(inst.c_extra[c])
        for d in missing:
            if state.pick_expert(s, d) >= 0:
                continue
            short[d] += 1
            why = blocked.setdefault(d, {"leave": set(), "limit": set(), "overlap": set()})
            why["leave"].update(inst.s_away[s].get(d, ()))
            for e in inst.s_elig[s].get(d, ()):
                if state.load[e].get(inst.s_week[s], 0) >= inst.e_cap[e]:
                    why["limit"].add(e)
                else:
                    why["overlap"].add(e)
    if short:
        d = short.most_common(1)[0][0]
        name = p.discipline_names.get(d, d)
        which = (
            "the only eligible session with room"
            if len(room) == 1
            else f"any of the {len(room)} eligible sessions with room"
        )
        return (
            f"no {name} available for {which} ({_why_busy(inst, blocked[d], room)}); "
            f"ask a {name} to attend or lift a weekly limit"
        )
    return (
        f"every {_where(inst, c)} with room is needed for cases with higher priority; "
        "add a session or extend one"
    )


def _may_take(
    case: Case,
    tumour_group: str,
    echelon: str,
    hospital: str,
    network: str | None,
    case_network: str | None,
) -> bool:
    """Hard rules 1-3: a session of this tumour group, echelon and place may take the case."""
    return (
        rules.rule_1_tumour_group(case.tumour_group, tumour_group)
        and rules.rule_2_echelon(case.echelon, echelon)
        and rules.rule_3_geography(echelon, hospital, network, case.hospital, case_network)
    )


def _why_busy(inst: Instance, why: dict[str, set[int]], sessions: list[int]) -> str:
    """ "2 on leave (Dr. X 11 Jan–15 Jan), 1 at the weekly limit" for the sessions' dates."""
    experts = inst.problem.experts
    days = [inst.s_day[s] for s in sessions]
    lo, hi = min(days), max(days)
    parts = []
    if why["leave"]:
        shown = []
        for e in sorted(why["leave"])[:3]:
            ex = experts[e]
            spans = [
                f"{a.strftime('%-d %b')}–{b.strftime('%-d %b')}"
                for a, b in ex.unavailable
                if a.toordinal() <= hi and b.toordinal() >= lo
            ]
            shown.append(f"{ex.name or ex.id} {', '.join(spans)}")
        more = "" if len(why["leave"]) <= 3 else f" and {len(why['leave']) - 3} more"
        parts.append(f"{len(why['leave'])} on leave ({'; '.join(shown)}{more})")
    if why["limit"]:
        parts.append(f"{len(why['limit'])} at their weekly limit")
    if why["overlap"]:
        parts.append(f"{len(why['overlap'])} in another session at the same time")
    return ", ".join(parts) if parts else "none is eligible for these sessions"


#: the sessions after the horizon of the last problem explained (one scan per problem)
_after_horizon: dict[int, tuple[Problem, list[Session]]] = {}


def _first_session_after_horizon(inst: Instance, c: int) -> str | None:
    p = inst.problem
    case = p.cases[c]
    net = p.hospital_network.get(case.hospital)
    best: date | None = None
    later = _after_horizon.get(id(p))
    if later is None or later[0] is not p:
        later = (p, [s for s in p.sessions if s.date > p.horizon_end])
        _after_horizon.clear()
        _after_horizon[id(p)] = later
    for s in later[1]:
        if not _may_take(
            case, s.tumour_group, s.echelon, s.hospital, p.hospital_network.get(s.hospital), net
        ):
            continue
        if rules.rule_5_capacity(case.minutes, s.duration_min) and (best is None or s.date < best):
            best = s.date
    return None if best is None else best.strftime("%-d %b %Y")


def terms(inst: Instance, c: int, s: int) -> CostTerms:
    """The contract's cost terms (``solver.cost``) of case ``c`` in session ``s``."""
    p = inst.problem
    case = p.cases[c]
    day = inst.s_day[s]
    placed = Placed(
        days_after_due=day - case.due.toordinal(),
        days_after_ready=day - case.ready.toordinal(),
        levels_up=inst.s_level[s] - LEVEL[case.echelon],
        urgent=case.urgent,
        moved=bool(case.previous_session) and inst.c_prev[c] != s,
    )
    late, escalation, wait, moved = placed_terms(p.weights, placed)
    return CostTerms(late=late, escalation=escalation, wait=wait, moved=moved)


def planned_explanation(state: PlanState, c: int) -> CaseExplanation:
    inst = state.inst
    s = state.case_sess[c]
    here = terms(inst, c, s)
    w = inst.problem.weights
    best: Alternative | None = None
    for t, cost in inst.c_cand[c]:
        if t == s or state.used[t] + inst.c_minutes[c] > inst.s_dur[t]:
            continue
        if state.sess_cases[t]:
            new = {d for d in inst.c_extra[c] if not state.staff[t].get(d)}
        else:
            new = set(inst.s_core[t]) | set(inst.c_extra[c])
        total = cost + attendance_cost(w, len(new))
        if best is None or total < best.cost:
            note = f"{ECHELONS[inst.s_level[t]]} session on {_d(inst.s_day[t])}"
            if new:
                note += f", needs {len(new)} more attending expert(s)"
            best = Alternative(session=inst.s_ids[t], cost=total, note=note)
    if best is not None:
        diff = best.cost - here.total
        best = Alternative(best.session, best.cost, f"{best.note}; {diff:+d} compared with now")
    return CaseExplanation(session=inst.s_ids[s], terms=here, alternative=best)
