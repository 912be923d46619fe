"""The project's own check of a contract plan against its scenario: hard rules 1–8 and the cost.

Why a second checker beside the contract's ``check_plan.py``: that tool lives outside this
repository (``../shared``), so a fresh clone could not judge a single plan. This module works on
the contract documents themselves (plain dicts, as read from JSON), not on the solver's indexes,
so a bug in how the solver builds its candidate pools cannot hide here as well. It is pure
Python, imports nothing of ours but the contract (its vocabulary, ``solver.rules`` and
``solver.cost``) and follows ``contract/README.md`` rule by rule: one function per hard rule,
which asks the rule's function in ``solver.rules`` and words each finding as a sentence that
names the case, session or expert; the cost is ``solver.cost.plan_cost``.

The contract suite (tests that run when ``../shared`` is present) still runs the independent
checker; the tests that run everywhere use this one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from solver import contract, rules
from solver.cost import Placed, Unplanned, Weights, plan_cost

LEVEL = contract.LEVEL
DEFAULT_MINUTES = contract.DEFAULT_MINUTES
DEFAULT_WEIGHTS = contract.DEFAULT_WEIGHTS


@dataclass
class Verdict:
    """Broken rules (empty when the plan is valid) and the contract's metrics, ``cost`` included."""

    violations: list[str] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.violations


@dataclass
class _Doc:
    """The scenario and plan indexed once, for the rule functions below."""

    scn: dict[str, Any]
    plan: dict[str, Any]
    cases: dict[str, dict[str, Any]] = field(init=False)
    sessions: dict[str, dict[str, Any]] = field(init=False)
    experts: dict[str, dict[str, Any]] = field(init=False)
    network_of: dict[str, str] = field(init=False)
    core: dict[str, set[str]] = field(init=False)
    placed: dict[str, str] = field(init=False)  # case -> session (known sessions only)
    starts: dict[str, str] = field(init=False)
    unplanned: set[str] = field(init=False)
    attending: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        s = self.scn
        self.cases = {c["id"]: c for c in s["cases"]}
        self.sessions = {x["id"]: x for x in s["sessions"]}
        self.experts = {e["id"]: e for e in s["experts"]}
        self.network_of = {h["id"]: h["network"] for h in s["hospitals"]}
        self.core = {g["code"]: set(g["core_disciplines"]) for g in s["tumour_groups"]}
        self.placed, self.starts, self.unplanned = {}, {}, set()
        self.attending = defaultdict(list)

    def minutes(self, case_id: str) -> int:
        c = self.cases[case_id]
        return int(c.get("minutes") or DEFAULT_MINUTES[c.get("echelon") or "local"])

    def by_session(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for cid, sid in self.placed.items():
            out[sid].append(cid)
        return out


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _hm(text: str) -> int:
    hh, mm = text.split(":")
    return int(hh) * 60 + int(mm)


def _structure(doc: _Doc) -> Iterator[str]:
    """Every case exactly once, in ``assignments`` or in ``unplanned`` (with a reason)."""
    seen: set[str] = set()
    for a in doc.plan.get("assignments", []):
        cid, sid = a.get("case"), a.get("session")
        if cid not in doc.cases:
            yield f"an assignment names the unknown case {cid!r}"
            continue
        if cid in seen:
            yield f"case {cid} appears twice in the plan"
        seen.add(cid)
        if sid not in doc.sessions:
            yield f"case {cid} is assigned to the unknown session {sid!r}"
            continue
        doc.placed[cid] = sid
        if a.get("start"):
            doc.starts[cid] = a["start"]
    for u in doc.plan.get("unplanned", []):
        cid = u.get("case")
        if cid not in doc.cases:
            yield f"the unplanned list names the unknown case {cid!r}"
            continue
        if cid in seen:
            yield f"case {cid} appears twice in the plan"
        seen.add(cid)
        doc.unplanned.add(cid)
        if not str(u.get("reason") or "").strip():
            yield f"unplanned case {cid} has no reason a secretary can act on"
    for cid in doc.cases:
        if cid not in seen:
            yield f"case {cid} is neither assigned nor unplanned"
    for row in doc.plan.get("attendance", []):
        sid = row.get("session")
        if sid not in doc.sessions:
            yield f"attendance is given for the unknown session {sid!r}"
            continue
        for eid in row.get("experts", []):
            if eid not in doc.experts:
                yield f"session {sid}: unknown expert {eid!r}"
            elif eid in doc.attending[sid]:
                yield f"session {sid}: expert {eid} is listed twice"
            else:
                doc.attending[sid].append(eid)


def rule_1_tumour_group(doc: _Doc) -> Iterator[str]:
    """1. The session's tumour group is the case's tumour group."""
    for cid, sid in doc.placed.items():
        c, s = doc.cases[cid], doc.sessions[sid]
        if not rules.rule_1_tumour_group(c["tumour_group"], s["tumour_group"]):
            yield f"case {cid} ({c['tumour_group']}) sits in session {sid} of {s['tumour_group']}"


def rule_2_echelon(doc: _Doc) -> Iterator[str]:
    """2. The session's echelon is at least the case's required echelon."""
    for cid, sid in doc.placed.items():
        need, s = doc.cases[cid].get("echelon"), doc.sessions[sid]
        if need is None:
            yield f"case {cid} states no echelon, so its session cannot be checked"
        elif not rules.rule_2_echelon(need, s["echelon"]):
            yield f"case {cid} needs a {need} MDO but sits in the {s['echelon']} session {sid}"


def rule_3_geography(doc: _Doc) -> Iterator[str]:
    """3. Local at the case's own hospital; regional within its network; supra-regional anywhere."""
    for cid, sid in doc.placed.items():
        c, s = doc.cases[cid], doc.sessions[sid]
        regional = s["echelon"] == "regional"
        if rules.rule_3_geography(
            s["echelon"],
            s["hospital"],
            doc.network_of[s["hospital"]] if regional else None,
            c["hospital"],
            doc.network_of[c["hospital"]] if regional else None,
        ):
            continue
        if regional:
            yield f"case {cid} sits in the regional session {sid} of another network"
        else:
            yield f"case {cid} of {c['hospital']} sits in the local session {sid} of {s['hospital']}"


def rule_4_dates(doc: _Doc) -> Iterator[str]:
    """4. ``ready <= session.date``, and the session lies in the horizon."""
    h0, h1 = _d(doc.scn["horizon"]["start"]), _d(doc.scn["horizon"]["end"])
    for cid, sid in doc.placed.items():
        day = _d(doc.sessions[sid]["date"])
        if not rules.rule_4_ready(_d(doc.cases[cid]["ready"]), day):
            yield f"case {cid} is discussed on {day}, before it is ready ({doc.cases[cid]['ready']})"
        if not rules.rule_4_horizon(day, h0, h1):
            yield f"case {cid} sits in session {sid} outside the horizon"


def rule_5_capacity(doc: _Doc) -> Iterator[str]:
    """5. The cases' minutes fit the session; given start times follow each other inside it."""
    for sid, cids in doc.by_session().items():
        s = doc.sessions[sid]
        used = sum(doc.minutes(c) for c in cids)
        if not rules.rule_5_capacity(used, s["duration_min"]):
            yield f"session {sid} holds {used} min of cases in {s['duration_min']} min"
        timed = sorted((_hm(doc.starts[c]), doc.minutes(c), c) for c in cids if c in doc.starts)
        end, close = _hm(s["start"]), _hm(s["start"]) + s["duration_min"]
        for start, mins, c in timed:
            if start < end:
                yield f"session {sid}: case {c} starts before the previous case ends"
            if start + mins > close:
                yield f"session {sid}: case {c} runs past the end of the session"
            end = max(end, start + mins)


def rule_6_quorum(doc: _Doc) -> Iterator[str]:
    """6. Every core and extra discipline of a session with cases has an attending expert."""
    for sid, cids in doc.by_session().items():
        core = doc.core[doc.sessions[sid]["tumour_group"]]
        extra = {d for c in cids for d in doc.cases[c].get("extra_disciplines") or []}
        have = {doc.experts[e]["discipline"] for e in doc.attending.get(sid, [])}
        for disc in rules.rule_6_quorum(core, extra, have):
            yield f"session {sid} has no attending expert of discipline {disc}"


#: The finding when an expert may not attend a session of this echelon (rule 7's geography).
_NOT_ELIGIBLE = {
    "local": "expert {eid} attends the local session {sid} of a hospital they do not serve",
    "regional": "expert {eid} may not attend the regional session {sid}",
    "supraregional": "expert {eid} may not attend the supra-regional session {sid}",
}


def _expert_geography(doc: _Doc, e: dict[str, Any], s: dict[str, Any]) -> bool:
    regional = s["echelon"] == "regional" and LEVEL[e.get("max_echelon") or "local"] >= 1
    return rules.rule_7_geography(
        s["echelon"],
        s["hospital"],
        doc.network_of[s["hospital"]] if regional else None,
        e.get("serves") or [e["hospital"]],
        e.get("max_echelon") or "local",
        doc.network_of[e["hospital"]] if regional else None,
    )


def rule_7_experts(doc: _Doc) -> Iterator[str]:
    """7. Attending experts are eligible, available, within their weekly limit, never in two
    overlapping sessions."""
    per_week: dict[tuple[str, int, int], int] = defaultdict(int)
    per_day: dict[tuple[str, date], list[tuple[int, int, str]]] = defaultdict(list)
    for sid, eids in doc.attending.items():
        s = doc.sessions[sid]
        day = _d(s["date"])
        for eid in eids:
            e = doc.experts[eid]
            if not rules.rule_7_tumour_group(e.get("tumour_groups") or [], s["tumour_group"]):
                yield f"expert {eid} attends {sid}, outside their tumour groups"
            if s["echelon"] in _NOT_ELIGIBLE and not _expert_geography(doc, e, s):
                yield _NOT_ELIGIBLE[s["echelon"]].format(eid=eid, sid=sid)
            leave = [(_d(r["from"]), _d(r["to"])) for r in e.get("unavailable") or []]
            if not rules.rule_7_available(day, leave):
                yield f"expert {eid} attends {sid} on {day} while unavailable"
            year, week, _ = day.isocalendar()
            per_week[(eid, year, week)] += 1
            start = _hm(s["start"])
            per_day[(eid, day)].append((start, start + s["duration_min"], sid))
    for (eid, year, week), n in sorted(per_week.items()):
        cap = doc.experts[eid].get("max_sessions_per_week")
        if not rules.rule_7_weekly_limit(n, cap):
            yield f"expert {eid} attends {n} sessions in week {year}-W{week:02d}, at most {cap}"
    for (eid, day), spans in per_day.items():
        spans.sort()
        for (a0, a1, sa), (b0, b1, sb) in pairwise(spans):
            if not rules.rule_7_no_overlap((a0, a1), (b0, b1)):
                yield f"expert {eid} attends the overlapping sessions {sa} and {sb} on {day}"


def rule_8_pins(doc: _Doc) -> Iterator[str]:
    """8. Pinned cases are in their pinned session."""
    for cid, c in doc.cases.items():
        pin = c.get("pinned_session")
        if rules.rule_8_pinned(pin, doc.placed.get(cid)):
            continue
        if cid in doc.placed:
            yield f"case {cid} is pinned to {pin} but sits in {doc.placed[cid]}"
        else:
            yield f"pinned case {cid} is left unplanned"


HARD_RULES = (
    rule_1_tumour_group,
    rule_2_echelon,
    rule_3_geography,
    rule_4_dates,
    rule_5_capacity,
    rule_6_quorum,
    rule_7_experts,
    rule_8_pins,
)


def weights(scn: dict[str, Any]) -> Weights:
    """The scenario's cost weights, the contract's defaults where it states none."""
    w = {**DEFAULT_WEIGHTS, **(scn.get("weights") or {})}
    return Weights(**{k: w[k] for k in DEFAULT_WEIGHTS})


def cost(doc: _Doc) -> dict[str, int]:
    """The contract's cost (``solver.cost.plan_cost``) and its parts (unplanned, lateness,
    escalation, waiting, attendance, moves), with the counts the contract's checker reports."""
    previous = {p["case"]: p["session"] for p in doc.scn.get("previous_plan") or []}
    m: dict[str, int] = defaultdict(int)
    placed: list[Placed] = []
    unplanned: list[Unplanned] = []
    for cid, c in doc.cases.items():
        sid = doc.placed.get(cid)
        if sid is None:
            m["unplanned"] += 1
            m["unplanned_urgent"] += int(bool(c.get("urgent")))
            unplanned.append(Unplanned(bool(c.get("urgent")), cid in previous))
            if cid in previous:
                m["moved"] += 1
            continue
        s = doc.sessions[sid]
        day = _d(s["date"])
        m["planned"] += 1
        case = Placed(
            days_after_due=(day - _d(c["due"])).days,
            days_after_ready=(day - _d(c["ready"])).days,
            levels_up=LEVEL[s["echelon"]] - LEVEL[c["echelon"]] if c.get("echelon") else 0,
            urgent=bool(c.get("urgent")),
            moved=cid in previous and previous[cid] != sid,
        )
        placed.append(case)
        late = max(0, case.days_after_due)
        if late:
            m["late"] += 1
            m["late_days"] += late
        if case.levels_up > 0:
            m["escalated"] += 1
        m["wait_days"] += max(0, case.days_after_ready)
        if case.moved:
            m["moved"] += 1
    for eids in doc.attending.values():
        m["attendances"] += len(eids)
    m["sessions_used"] = len(doc.by_session())
    m["cases"] = len(doc.cases)
    m["cost"] = plan_cost(weights(doc.scn), placed, unplanned, m.get("attendances", 0))
    return dict(m)


def check_plan(scenario: dict[str, Any], plan: dict[str, Any]) -> Verdict:
    """Judge ``plan`` against ``scenario`` (both contract documents, as parsed from JSON)."""
    doc = _Doc(scenario, plan)
    violations = list(_structure(doc))
    for rule in HARD_RULES:
        violations += rule(doc)
    metrics = cost(doc)
    solver = plan.get("solver") or {}
    objective, bound = solver.get("objective"), solver.get("bound")
    if objective is not None and round(objective) != metrics["cost"]:
        violations.append(
            f"the plan reports objective {objective} but its cost is {metrics['cost']}"
        )
    if bound is not None and bound > metrics["cost"] + 1e-6:
        violations.append(f"the plan reports bound {bound} above its cost {metrics['cost']}")
    return Verdict(violations, metrics)
