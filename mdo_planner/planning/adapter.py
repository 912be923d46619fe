"""Contract scenario (dict) -> ``solver.Problem``, and ``solver.Result`` -> contract plan (dict).

The solver knows nothing of JSON or of triage; this module is where the contract's defaults
(minutes by echelon, ``serves`` = own hospital, weights) are applied, where cases without a
stated echelon are triaged, and where cases that must not be planned (triage ``hold`` or
``protocol``) are set aside with a reason. Their contract cost is added back as a constant so
that the plan's objective is exactly what ``check_plan.py`` computes.

That triage is for scenario *files* only (``mdo-planner solve``). A database plan run hands
over only the cases of the planning pool (``mdo_planner.planning.pool``), each with the level a
clinician decided, so a clinician's ``hold`` or ``protocol`` is never re-derived here. The
database path also passes two extra fields the contract allows: ``previous_attendance`` (the
published attendees per session, kept by the solver where possible) and ``frozen_sessions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mdo_planner.errors import UserError
from solver import contract
from solver import model as sm

DEFAULT_MINUTES = contract.DEFAULT_MINUTES


@dataclass
class Prepared:
    """A problem ready for the solver plus what the adapter decided on its own."""

    problem: sm.Problem
    #: cases the solver never sees -> reason (triage hold/protocol)
    set_aside: dict[str, str] = field(default_factory=dict)
    #: the contract cost of the set-aside cases, added to objective and bound
    offset: int = 0
    #: case id -> triage summary, for cases whose echelon the triage decided
    triaged: dict[str, str] = field(default_factory=dict)


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise UserError(f"{where}: {value!r} is not a date YYYY-MM-DD") from exc


def _hhmm(value: Any, where: str) -> int:
    try:
        hh, mm = str(value).split(":")
        h, m = int(hh), int(mm)
    except ValueError as exc:
        raise UserError(f"{where}: {value!r} is not a time HH:MM") from exc
    if not (0 <= h < 24 and 0 <= m < 60):
        raise UserError(f"{where}: {value!r} is not a time HH:MM")
    return h * 60 + m


def _echelon(value: Any, where: str) -> str:
    if value not in sm.LEVEL:
        raise UserError(f"{where}: echelon {value!r} is not one of {', '.join(sm.ECHELONS)}")
    return str(value)


def _req(obj: dict[str, Any], key: str, where: str) -> Any:
    if not isinstance(obj, dict):
        raise UserError(f"{where}: expected an object")
    if key not in obj or obj[key] is None:
        raise UserError(f"{where}.{key}: missing")
    return obj[key]


def _triage(case: dict[str, Any], where: str) -> tuple[str, list[str], int | None, str]:
    """Run the project's triage on a case without a stated echelon."""
    from mdo_planner.triage import triage

    complexity = case.get("complexity")
    if not isinstance(complexity, dict):
        raise UserError(f"{where}: neither 'echelon' nor a 'complexity' object to triage")
    res = triage(
        complexity, tumour_group=str(case.get("tumour_group")), question=case.get("question")
    )
    summary = f"{res.level} ({', '.join(res.rule_ids)})"
    return str(res.level), [str(d) for d in res.extra_disciplines], res.minutes, summary


def scenario_to_problem(scn: dict[str, Any]) -> Prepared:
    """Convert a contract scenario; raises ``UserError`` naming the JSON path of bad input."""
    if not isinstance(scn, dict):
        raise UserError("scenario: expected a JSON object")
    horizon = _req(scn, "horizon", "$")
    h0 = _date(_req(horizon, "start", "$.horizon"), "$.horizon.start")
    h1 = _date(_req(horizon, "end", "$.horizon.end"), "$.horizon.end")
    if h1 < h0:
        raise UserError("$.horizon: end lies before start")

    disc_names = {
        str(d["code"]): str(d.get("name") or d["code"])
        for d in scn.get("disciplines") or []
        if isinstance(d, dict) and "code" in d
    }
    core: dict[str, tuple[str, ...]] = {}
    for i, g in enumerate(_req(scn, "tumour_groups", "$")):
        where = f"$.tumour_groups[{i}]"
        core[str(_req(g, "code", where))] = tuple(str(x) for x in g.get("core_disciplines") or [])
    networks = {
        str(n["id"]): str(n.get("name") or n["id"])
        for n in scn.get("networks") or []
        if isinstance(n, dict) and "id" in n
    }
    hosp_net: dict[str, str] = {}
    hosp_names: dict[str, str] = {}
    for i, h in enumerate(_req(scn, "hospitals", "$")):
        where = f"$.hospitals[{i}]"
        hid = str(_req(h, "id", where))
        hosp_net[hid] = str(_req(h, "network", where))
        hosp_names[hid] = str(h.get("name") or hid)

    def hospital(value: Any, where: str) -> str:
        if str(value) not in hosp_net:
            raise UserError(f"{where}: unknown hospital {value!r}")
        return str(value)

    def group(value: Any, where: str) -> str:
        if str(value) not in core:
            raise UserError(f"{where}: unknown tumour group {value!r}")
        return str(value)

    experts: list[sm.Expert] = []
    for i, e in enumerate(_req(scn, "experts", "$")):
        where = f"$.experts[{i}]"
        eid = str(_req(e, "id", where))
        home = hospital(_req(e, "hospital", where), f"{where}.hospital")
        off = []
        for j, r in enumerate(e.get("unavailable") or []):
            rw = f"{where}.unavailable[{j}]"
            off.append(
                (_date(_req(r, "from", rw), f"{rw}.from"), _date(_req(r, "to", rw), f"{rw}.to"))
            )
        cap = e.get("max_sessions_per_week")
        if cap is not None and (not isinstance(cap, int) or cap < 0):
            raise UserError(f"{where}.max_sessions_per_week: {cap!r} is not a whole number >= 0")
        experts.append(
            sm.Expert(
                id=eid,
                discipline=str(_req(e, "discipline", where)),
                hospital=home,
                tumour_groups=tuple(str(t) for t in e.get("tumour_groups") or []),
                serves=tuple(str(h) for h in (e.get("serves") or [home])),
                max_echelon=_echelon(e.get("max_echelon", "local"), f"{where}.max_echelon"),
                max_per_week=cap,
                unavailable=tuple(off),
                name=str(e.get("name") or eid),
            )
        )

    # Extra fields of a database export (the contract allows them): who attends each session
    # in the published plan, and which sessions' agendas were sent (frozen).
    prev_staff: dict[str, tuple[str, ...]] = {}
    for i, p in enumerate(scn.get("previous_attendance") or []):
        where = f"$.previous_attendance[{i}]"
        prev_staff[str(_req(p, "session", where))] = tuple(
            str(e) for e in _req(p, "experts", where)
        )
    frozen = {str(x) for x in scn.get("frozen_sessions") or []}
    sessions: list[sm.Session] = []
    for i, s in enumerate(_req(scn, "sessions", "$")):
        where = f"$.sessions[{i}]"
        dur = _req(s, "duration_min", where)
        if not isinstance(dur, int) or dur <= 0:
            raise UserError(f"{where}.duration_min: {dur!r} is not a positive whole number")
        sessions.append(
            sm.Session(
                id=str(_req(s, "id", where)),
                tumour_group=group(_req(s, "tumour_group", where), f"{where}.tumour_group"),
                echelon=_echelon(_req(s, "echelon", where), f"{where}.echelon"),
                hospital=hospital(_req(s, "hospital", where), f"{where}.hospital"),
                date=_date(_req(s, "date", where), f"{where}.date"),
                start_min=_hhmm(_req(s, "start", where), f"{where}.start"),
                duration_min=dur,
                previous_experts=prev_staff.get(str(s["id"]), ()),
                frozen=str(s["id"]) in frozen,
            )
        )
    session_ids = {s.id for s in sessions}

    prev: dict[str, str] = {}
    for i, p in enumerate(scn.get("previous_plan") or []):
        where = f"$.previous_plan[{i}]"
        prev[str(_req(p, "case", where))] = str(_req(p, "session", where))

    raw_w = scn.get("weights") or {}
    if not isinstance(raw_w, dict):
        raise UserError("$.weights: expected an object")
    wkw: dict[str, int] = {}
    for k, v in raw_w.items():
        if k in sm.Weights.__dataclass_fields__:
            if not isinstance(v, int | float) or v < 0:
                raise UserError(f"$.weights.{k}: {v!r} is not a number >= 0")
            wkw[k] = int(v)
    weights = sm.Weights(**wkw)

    prepared = Prepared(problem=None)  # type: ignore[arg-type]
    cases: list[sm.Case] = []
    seen: set[str] = set()
    for i, c in enumerate(_req(scn, "cases", "$")):
        where = f"$.cases[{i}]"
        cid = str(_req(c, "id", where))
        if cid in seen:
            raise UserError(f"{where}.id: case id {cid!r} appears twice")
        seen.add(cid)
        extra = [str(d) for d in c.get("extra_disciplines") or []]
        minutes = c.get("minutes")
        if c.get("echelon") is not None:
            ech = _echelon(c["echelon"], f"{where}.echelon")
        else:
            level, t_extra, t_minutes, summary = _triage(c, where)
            prepared.triaged[cid] = summary
            if level not in sm.LEVEL:
                f = weights.urgent_factor if c.get("urgent") else 1
                what = (
                    "on hold (not ready to be listed)"
                    if level == "hold"
                    else ("listed for noting only (standard-of-care protocol)")
                )
                prepared.set_aside[cid] = f"triage: {what}; it is not planned into a session"
                prepared.offset += weights.unplanned * f + (weights.moved if cid in prev else 0)
                continue
            ech = level
            extra = sorted(set(extra) | set(t_extra))
            if minutes is None:
                minutes = t_minutes
        if minutes is None:
            minutes = DEFAULT_MINUTES[ech]
        if not isinstance(minutes, int) or minutes <= 0:
            raise UserError(f"{where}.minutes: {minutes!r} is not a positive whole number")
        pinned = c.get("pinned_session")
        if pinned is not None and str(pinned) not in session_ids:
            raise UserError(f"{where}.pinned_session: unknown session {pinned!r}")
        cases.append(
            sm.Case(
                id=cid,
                hospital=hospital(_req(c, "hospital", where), f"{where}.hospital"),
                tumour_group=group(_req(c, "tumour_group", where), f"{where}.tumour_group"),
                echelon=ech,
                minutes=int(minutes),
                ready=_date(_req(c, "ready", where), f"{where}.ready"),
                due=_date(_req(c, "due", where), f"{where}.due"),
                urgent=bool(c.get("urgent")),
                extra_disciplines=tuple(extra),
                pinned_session=str(pinned) if pinned is not None else None,
                previous_session=prev.get(cid),
            )
        )
    prepared.problem = sm.Problem(
        horizon_start=h0,
        horizon_end=h1,
        hospital_network=hosp_net,
        core_disciplines=core,
        sessions=tuple(sessions),
        experts=tuple(experts),
        cases=tuple(cases),
        weights=weights,
        discipline_names=disc_names,
        hospital_names=hosp_names,
        network_names=networks,
    )
    return prepared


def _hhmm_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def result_to_plan(
    prepared: Prepared, result: sm.Result, *, name: str = "cp-sat"
) -> dict[str, Any]:
    """The contract plan; objective and bound include the set-aside cases' cost."""
    objective = result.objective + prepared.offset
    constant = result.constant + prepared.offset
    bound = None if result.bound is None else result.bound + prepared.offset
    unplanned = [{"case": cid, "reason": reason} for cid, reason in result.unplanned.items()]
    unplanned += [{"case": cid, "reason": reason} for cid, reason in prepared.set_aside.items()]
    explanations = {}
    for cid, ex in result.explanations.items():
        item: dict[str, Any] = {
            "session": ex.session,
            "cost": {
                "late": ex.terms.late,
                "escalation": ex.terms.escalation,
                "wait": ex.terms.wait,
                "moved": ex.terms.moved,
            },
        }
        if ex.alternative is not None:
            item["alternative"] = {
                "session": ex.alternative.session,
                "cost": ex.alternative.cost,
                "note": ex.alternative.note,
            }
        explanations[cid] = item
    return {
        "format": "mdo-planner-plan",
        "version": 1,
        "solver": {
            "name": name,
            "status": result.status,
            "objective": objective,
            "bound": bound,
            "gap": None
            if bound is None or objective == 0
            else round((objective - bound) / objective, 4),
            "wall_s": round(result.wall_s, 2),
            # the gap on what the search decides: cases set aside or that no session can take
            # cost the same in every plan (``constant``, part of objective and bound alike)
            "constant": constant,
            "search_gap": None
            if bound is None
            else (
                round((objective - bound) / (objective - constant), 4)
                if objective > constant
                else 0.0
            ),
            "search": dict(result.search),
        },
        "assignments": [
            {"case": cid, "session": a.session, "start": _hhmm_text(a.start_min)}
            for cid, a in result.assignments.items()
        ],
        "attendance": [
            {"session": sid, "experts": list(eids)} for sid, eids in result.attendance.items()
        ],
        "unplanned": unplanned,
        "metrics": dict(result.metrics),
        "explanations": explanations,
    }
