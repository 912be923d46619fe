"""What a re-plan must keep: frozen agendas, published attendees, the cut-off, and stability.

Called by ``plan_review.propose_plan`` on the scenario it hands to the solver (so the solver
stays a pure function of its input):

* **Freeze.** A session whose agenda was sent (``MeetingSession.agenda_sent``) keeps its
  cases: each published case of it that is still in the planning pool is pinned there, and
  the session takes nothing new (its room is what those cases use). Only a hard rule changes
  it: a case that left the pool (withdrawn, put on hold) drops out, and an expert on leave is
  replaced; every other attendee stays (the solver's stable-attendee pass gives frozen
  sessions first claim on their previous attendees).
* **Stable attendees.** Every session's published attendees travel as
  ``previous_attendance``; the solver keeps them wherever they can still attend, at equal cost.
* **Cut-off.** A registration after a session's cut-off (``mdo_planner.planning.cutoff``) is
  *late* for it: the case's ready date moves to the first session whose cut-off it made, and
  the review flags it. It goes onto the earlier session only when the secretary admits it,
  naming the chair (:func:`admit_late`, which pins it there).
* **Stability beyond the freeze window.** The network setting ``planning.stability`` (a
  factor, default 1) scales the contract's ``moved`` weight that the solver trades moves
  against; the review shows what the extra moves buy (see ``plan_review``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.infra.limits import column_problem
from mdo_planner.planning.cutoff import cutoff_date

from ._db import DatabaseLike
from .base import audit
from .plan_rules import DEFAULT_MINUTES, LEVEL

STABILITY_KEY = "planning.stability"
STABILITY_CHOICES = (0.5, 1.0, 2.0, 4.0)


@dataclass
class Prepared:
    """What the preparation decided, for the run's summary and review."""

    frozen: list[str] = field(default_factory=list)
    #: case code -> the session whose cut-off it missed
    late: dict[str, str] = field(default_factory=dict)
    stability: float = 1.0


def stability_factor(s: Session) -> float:
    row = s.get(m.Setting, STABILITY_KEY)
    try:
        value = float(row.value) if row is not None else 1.0
    except (TypeError, ValueError):
        return 1.0
    return value if value > 0 else 1.0


def set_stability(db: DatabaseLike, factor: float, *, user: str) -> None:
    """How much a move of a published case beyond the freeze window costs, relative to the
    contract's ``moved`` weight (1 = as the contract says; 2 = twice as reluctant)."""
    if not 0.1 <= factor <= 10:
        raise UserError(f"stability: a factor from 0.1 to 10, not {factor:g}")
    with db.session() as s:
        row = s.get(m.Setting, STABILITY_KEY)
        if row is None:
            s.add(m.Setting(key=STABILITY_KEY, value=factor))
        else:
            row.value = factor
            row.updated_at = m.utcnow()
        audit(s, "setting", "setting", STABILITY_KEY, {"value": factor}, user=user)


def get_stability(db: DatabaseLike) -> float:
    with db.session() as s:
        return stability_factor(s)


def _may_take(case: dict[str, Any], session: dict[str, Any], network_of: dict[str, str]) -> bool:
    """Hard rules 1-4 of the contract for a case in a session (scenario documents): the one
    check the freeze and the cut-off share."""
    if case["tumour_group"] != session["tumour_group"]:
        return False
    if LEVEL.get(case.get("echelon", ""), 9) > LEVEL.get(session["echelon"], -1):
        return False
    if session["echelon"] == "local" and session["hospital"] != case["hospital"]:
        return False
    if session["echelon"] == "regional" and network_of.get(session["hospital"]) != network_of.get(
        case["hospital"]
    ):
        return False
    ready: str = case["ready"]  # ISO dates: compared as text
    day: str = session["date"]
    return ready <= day


def prepare(
    s: Session, scenario: dict[str, Any], *, hold: frozenset[str] = frozenset()
) -> Prepared:
    """Apply freeze, stable attendees, cut-off and the stability factor to ``scenario``.

    ``hold``: sessions another secretariat plans (a hospital secretary's run, see
    docs/security.md): treated like frozen agendas, so their published cases and attendees
    stay where they are and nothing new is put on them."""
    out = Prepared()
    codes = [x["id"] for x in scenario["sessions"]]
    rows = {
        x.code: x
        for x in s.scalars(
            select(m.MeetingSession)
            .options(selectinload(m.MeetingSession.series))
            .where(m.MeetingSession.code.in_(codes))
        )
    }
    staff: dict[str, list[str]] = defaultdict(list)
    for scode, ecode in s.execute(
        select(m.MeetingSession.code, m.Expert.code)
        .join(m.Attendance, m.Attendance.session_id == m.MeetingSession.id)
        .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
        .where(m.Attendance.published.is_(True), m.MeetingSession.code.in_(codes))
        .order_by(m.MeetingSession.code, m.Expert.code)
    ):
        staff[scode].append(ecode)
    scenario["previous_attendance"] = [
        {"session": c, "experts": staff[c]} for c in codes if staff.get(c)
    ]
    cases = {c["id"]: c for c in scenario["cases"]}
    sessions = {x["id"]: x for x in scenario["sessions"]}
    published = {p["case"]: p["session"] for p in scenario.get("previous_plan") or []}

    def minutes(c: dict[str, Any]) -> int:
        return int(c.get("minutes") or DEFAULT_MINUTES.get(c.get("echelon", "local"), 4))

    net = {h["id"]: h["network"] for h in scenario.get("hospitals") or []}

    # -- freeze
    closed: set[str] = set()
    for code in codes:
        x = rows[code]
        if (x.agenda_sent is None and code not in hold) or x.cancelled:
            continue
        out.frozen.append(code)
        sx = sessions[code]
        inside = [cid for cid, sc in published.items() if sc == code and cid in cases]
        inside += [
            cid for cid, c in cases.items() if c.get("pinned_session") == code and cid not in inside
        ]
        used = 0
        for cid in inside:
            c = cases[cid]
            if c.get("pinned_session") not in (None, code):
                continue
            if not _may_take(c, sx, net):
                continue  # a hard rule forces it out: the solver places it elsewhere
            c["pinned_session"] = code
            used += minutes(c)
        if used == 0:
            closed.add(code)
        else:
            sx["duration_min"] = min(int(sx["duration_min"]), used)
    if closed:
        scenario["sessions"] = [x for x in scenario["sessions"] if x["id"] not in closed]
        scenario["previous_plan"] = [
            p for p in scenario.get("previous_plan") or [] if p["session"] not in closed
        ]
    scenario["frozen_sessions"] = [c for c in out.frozen if c not in closed]

    # -- cut-off: a case registered after a session's cut-off is late for that session
    registered = {
        code: (at.date(), admitted)
        for code, at, admitted in s.execute(
            select(m.Case.code, m.Case.created_at, m.Case.late_admitted_by).where(
                m.Case.code.in_(list(cases))
            )
        )
    }
    open_sessions = sorted(
        (x for x in scenario["sessions"] if x["id"] not in out.frozen),
        key=lambda x: (x["date"], x["start"], x["id"]),
    )
    for cid, c in cases.items():
        if c.get("pinned_session") or cid in published:
            continue
        day, admitted = registered.get(cid, (None, None))
        if day is None or admitted:
            continue
        on_time: list[dict[str, Any]] = []
        late_for: list[dict[str, Any]] = []
        for x in open_sessions:
            if not _may_take(c, x, net):
                continue
            series = rows[x["id"]].series
            last = cutoff_date(
                dt.date.fromisoformat(x["date"]),
                x["echelon"],
                series.cutoff_working_days if series else None,
            )
            (late_for if day > last else on_time).append(x)
        # Cut-offs differ by echelon (local 2, regional 5 working days), so a case can be on
        # time for an early local MDO and late for a later regional one: it waits only for
        # the sessions before the first one it is on time for.
        first_ok = on_time[0]["date"] if on_time else None
        missed = [x for x in late_for if first_ok is None or x["date"] < first_ok]
        if missed:
            out.late[cid] = missed[0]["id"]
            c["ready"] = (
                first_ok
                or (
                    dt.date.fromisoformat(max(x["date"] for x in missed)) + dt.timedelta(days=1)
                ).isoformat()
            )

    # -- stability beyond the freeze window
    out.stability = stability_factor(s)
    if out.stability != 1.0:
        weights = dict(scenario.get("weights") or {})
        weights["moved"] = round(int(weights.get("moved", 30)) * out.stability)
        scenario["weights"] = weights
    return out


@dataclass(frozen=True)
class SessionChange:
    """A session of a proposal compared with the published plan."""

    session_id: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    joins: tuple[str, ...]
    leaves: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.joins or self.leaves)


def session_changes(
    s: Session, run_id: int, horizon: tuple[dt.date, dt.date]
) -> dict[int, SessionChange]:
    """Per session of the horizon: cases in and out, experts who join and who leave."""

    def cases(cond: Any) -> dict[int, set[str]]:
        got: dict[int, set[str]] = defaultdict(set)
        for sid, code in s.execute(
            select(m.Assignment.session_id, m.Case.code)
            .join(m.Assignment.case)
            .join(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
            .where(cond, m.MeetingSession.date.between(*horizon))
        ):
            got[sid].add(code)
        return got

    def people(cond: Any) -> dict[int, set[str]]:
        got: dict[int, set[str]] = defaultdict(set)
        for sid, name in s.execute(
            select(m.Attendance.session_id, m.Expert.name)
            .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
            .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
            .where(cond, m.MeetingSession.date.between(*horizon))
        ):
            got[sid].add(name)
        return got

    run = s.get(m.PlanRun, run_id)
    if run is not None and run.published_at is not None:
        return {}
    new_c = cases(m.Assignment.plan_run_id == run_id)
    old_c = cases(m.Assignment.published.is_(True))
    new_p = people(m.Attendance.plan_run_id == run_id)
    old_p = people(m.Attendance.published.is_(True))
    # cases of the run only: a published case the run does not touch stays where it is
    in_run = {code for codes in new_c.values() for code in codes} | set(
        s.scalars(
            select(m.Case.code)
            .join(m.UnplannedCase, m.UnplannedCase.case_id == m.Case.id)
            .where(m.UnplannedCase.plan_run_id == run_id)
        )
    )
    out = {}
    for sid in set(new_c) | set(old_c) | set(new_p) | set(old_p):
        before = {c for c in old_c.get(sid, set()) if c in in_run}
        after = new_c.get(sid, set())
        ch = SessionChange(
            sid,
            tuple(sorted(after - before)),
            tuple(sorted(before - after)),
            tuple(sorted(new_p.get(sid, set()) - old_p.get(sid, set()))) if after else (),
            tuple(sorted(old_p.get(sid, set()) - new_p.get(sid, set()))),
        )
        if ch.changed:
            out[sid] = ch
    return out


def admit_late(db: DatabaseLike, case_id: int, session_id: int, chair: str, *, user: str) -> None:
    """Put a late registration on a session's agenda after all: an explicit action of the
    secretary, with the name of the chair who agreed. The case is pinned to the session, so
    the next plan run places it there (the hard rules still apply)."""
    chair = (chair or "").strip()
    if not chair:
        raise UserError("admit a late registration: the name of the chair who agreed is required")
    problem = column_problem(chair, m.Case.late_admitted_by)
    if problem:
        raise UserError(f"admit a late registration: the chair's name {problem}")
    with db.session() as s:
        case = s.get(m.Case, case_id)
        x = s.get(m.MeetingSession, session_id)
        if case is None or x is None:
            raise UserError("the case or the session no longer exists; reload")
        if x.cancelled:
            raise UserError(f"session {x.code} is cancelled")
        case.pinned_session_id = x.id
        case.late_admitted_by = chair
        audit(s, "admit_late", "case", case.code, {"session": x.code, "chair": chair}, user=user)


__all__ = [
    "STABILITY_CHOICES",
    "STABILITY_KEY",
    "Prepared",
    "SessionChange",
    "admit_late",
    "get_stability",
    "prepare",
    "session_changes",
    "set_stability",
    "stability_factor",
]
