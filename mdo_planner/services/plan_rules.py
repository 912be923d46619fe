"""Is this move allowed? The contract's hard rules, checked for one case and one session.

When a secretary drags a case to another session, the plan must stay valid: the same hard
rules the planner keeps (contract rules 1-8) decide, and a refusal says in one sentence which
rule the move breaks, so that she can pick another session instead of guessing. The check is a
pure function of plain facts (:func:`move_breaches`); :func:`check_move` gathers the facts from
the database.

Rules 6 and 7 are checked together: every discipline the session then needs must be covered
by an expert who already attends it in that plan, or by an eligible expert who can still join
(not on leave that day, within the weekly limit, in no overlapping session of the same plan).
Which expert actually joins is decided when the move is made (``plan_review.move_case``).

The conditions are the functions of ``solver.rules`` (one per rule, shared with the plan check
and the solver's explanations); only the sentences, which speak of the move, are written here.
Rule 7's eligibility is also written in SQL (:func:`eligible_experts`), because a national
network has thousands of experts: it is the query form of ``rules.rule_7_tumour_group``,
``rule_7_geography`` and ``rule_7_available``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.agenda.timing import Slot
from mdo_planner.errors import UserError
from solver import contract, rules

from ._db import DatabaseLike

DEFAULT_MINUTES = contract.DEFAULT_MINUTES
LEVEL = contract.LEVEL


@dataclass(frozen=True)
class CaseFacts:
    code: str
    tumour_group: str
    echelon: str
    hospital: str
    network: str
    ready: dt.date
    minutes: int
    extra_disciplines: tuple[str, ...] = ()
    pinned_session: str | None = None
    pinned_session_name: str = ""


@dataclass(frozen=True)
class SessionFacts:
    code: str
    tumour_group: str
    echelon: str
    hospital: str
    network: str
    date: dt.date
    duration_min: int
    cancelled: bool = False
    #: what a secretary calls it ("Mammacarcinoom regionaal on Mon 7 Dec 2026 13:00"); the
    #: sentences use it instead of the internal code, which she sees nowhere else
    name: str = ""

    @property
    def called(self) -> str:
        return self.name or self.code

    @property
    def on(self) -> str:
        """ " on 2027-01-06" after a bare code; nothing after a name (it says when)."""
        return "" if self.name else f" on {self.date:%Y-%m-%d}"


@dataclass(frozen=True)
class Breach:
    """One broken hard rule: its number in the contract and a sentence for the secretary."""

    rule: int
    sentence: str

    @property
    def rule_text(self) -> str:
        """The contract's sentence of the broken rule (``solver.rules.RULES``)."""
        return rules.RULES[self.rule]

    def __str__(self) -> str:
        return f"Rule {self.rule}: {self.sentence}"


def session_name(x: m.MeetingSession) -> str:
    """A session as a secretary names it: its series' name (or tumour group and level) and
    when it meets. Messages use this, never the internal session code."""
    what = x.series.name if x.series is not None else f"{x.tumour_group.code} {x.echelon}"
    return f"{what} on {x.date:%a %-d %b %Y} {x.start_time:%H:%M}"


def case_minutes(minutes: int | None, echelon: str) -> int:
    return (
        minutes if minutes is not None else DEFAULT_MINUTES.get(echelon, DEFAULT_MINUTES["local"])
    )


def assignment_minutes(a: m.Assignment) -> int:
    """A placed case's minutes on the agenda clock."""
    return case_minutes(a.case.minutes, a.case.required_level or "local")


def store_schedule(slots: Iterable[Slot[m.Assignment]]) -> None:
    """Keep an agenda's order and start times (from :func:`mdo_planner.agenda.timing.schedule`)
    on its assignments: ``position`` and ``start_time``, which the agenda-change notices
    compare."""
    for slot in slots:
        slot.item.position = slot.position
        slot.item.start_time = slot.start.time()


def move_breaches(
    case: CaseFacts,
    session: SessionFacts,
    *,
    used_minutes: int,
    horizon: tuple[dt.date, dt.date] | None,
    core: tuple[str, ...],
    staffed: set[str],
) -> list[Breach]:
    """The hard rules that placing ``case`` in ``session`` would break (empty: allowed).

    ``used_minutes`` are the minutes of the other cases already in the session; ``staffed``
    the disciplines with at least one eligible expert available on the session's date.
    """
    out: list[Breach] = []
    if session.cancelled:
        out.append(Breach(5, f"session {session.called}{session.on} is cancelled."))
    if not rules.rule_1_tumour_group(case.tumour_group, session.tumour_group):
        out.append(
            Breach(
                1,
                f"case {case.code} is a {case.tumour_group} case; session "
                f"{session.called} discusses {session.tumour_group}.",
            )
        )
    if not rules.rule_2_echelon(case.echelon, session.echelon):
        out.append(
            Breach(
                2,
                f"case {case.code} needs a {case.echelon} MDO; session "
                f"{session.called} is {session.echelon}.",
            )
        )
    geography = rules.rule_3_geography(
        session.echelon, session.hospital, session.network, case.hospital, case.network
    )
    if not geography and session.echelon == "local":
        out.append(
            Breach(
                3,
                f"a local MDO only discusses cases of its own hospital: case "
                f"{case.code} comes from {case.hospital}, session {session.called} "
                f"is at {session.hospital}.",
            )
        )
    elif not geography:
        out.append(
            Breach(
                3,
                f"a regional MDO only discusses cases of its network: case "
                f"{case.code} belongs to network {case.network}, session "
                f"{session.called} to {session.network}.",
            )
        )
    if not rules.rule_4_ready(case.ready, session.date):
        out.append(
            Breach(
                4,
                f"case {case.code} is ready on {case.ready:%Y-%m-%d}, after the "
                f"session on {session.date:%Y-%m-%d}.",
            )
        )
    if horizon is not None and not rules.rule_4_horizon(session.date, *horizon):
        out.append(
            Breach(
                4,
                f"session {session.called}{session.on} lies outside "
                f"the planning horizon {horizon[0]:%Y-%m-%d} to "
                f"{horizon[1]:%Y-%m-%d}.",
            )
        )
    if not rules.rule_5_capacity(used_minutes + case.minutes, session.duration_min):
        out.append(
            Breach(
                5,
                f"session {session.called} has {session.duration_min - used_minutes}"
                f" of {session.duration_min} minutes left; case {case.code} needs "
                f"{case.minutes}.",
            )
        )
    missing = rules.rule_6_quorum(core, case.extra_disciplines, staffed)
    if missing:
        out.append(
            Breach(
                6,
                f"no eligible expert of {', '.join(missing)} is available for "
                f"session {session.called}{session.on}.",
            )
        )
    if case.pinned_session is not None and not rules.rule_8_pinned(
        case.pinned_session, session.code
    ):
        out.append(
            Breach(
                8,
                f"case {case.code} is pinned to session "
                f"{case.pinned_session_name or case.pinned_session}; unpin it "
                "first.",
            )
        )
    return out


def eligible_experts(s: Session, x: m.MeetingSession) -> list[tuple[int, str, int | None]]:
    """``(expert id, discipline code, weekly limit)`` of every active expert who may attend
    session ``x`` (tumour group, ``serves`` / ``max_echelon`` geography) and is not on leave
    that day, by expert code.

    One SQL query, so that a check stays fast with the thousands of experts of a national
    network (see docs/benchmarks.md).
    """
    on_leave = (
        select(m.LeavePeriod.id)
        .where(
            m.LeavePeriod.expert_id == m.Expert.id,
            m.LeavePeriod.start <= x.date,
            m.LeavePeriod.end >= x.date,
        )
        .exists()
    )
    q = (
        select(m.Expert.id, m.Discipline.code, m.Expert.max_sessions_per_week)
        .join(m.Discipline, m.Discipline.id == m.Expert.discipline_id)
        .join(m.expert_tumour_groups, m.expert_tumour_groups.c.expert_id == m.Expert.id)
        .where(
            m.expert_tumour_groups.c.tumour_group_id == x.tumour_group_id,
            m.Expert.active.is_(True),
            ~on_leave,
        )
    )
    if x.echelon == "local":
        q = q.join(m.expert_serves, m.expert_serves.c.expert_id == m.Expert.id).where(
            m.expert_serves.c.hospital_id == x.hospital_id
        )
    elif x.echelon == "regional":
        host_network = (
            select(m.Hospital.network_id).where(m.Hospital.id == x.hospital_id).scalar_subquery()
        )
        q = q.join(m.Hospital, m.Hospital.id == m.Expert.hospital_id).where(
            m.Expert.max_echelon.in_(("regional", "supraregional")),
            m.Hospital.network_id == host_network,
        )
    else:
        q = q.where(m.Expert.max_echelon == "supraregional")
    return [(eid, code, limit) for eid, code, limit in s.execute(q.order_by(m.Expert.code))]


def available_experts(
    s: Session, x: m.MeetingSession, plan_run_id: int | None
) -> tuple[set[str], list[tuple[int, str]]]:
    """What session ``x`` can count on in a plan (a proposal, or the published plan when
    ``plan_run_id`` is None): the disciplines already attending it, and the eligible experts
    who could still join (rule 7: not on leave, within their weekly limit, in no overlapping
    session of that plan) as ``(expert id, discipline code)``."""
    in_plan = (
        m.Attendance.published.is_(True)
        if plan_run_id is None
        else m.Attendance.plan_run_id == plan_run_id
    )
    monday = x.date - dt.timedelta(days=x.date.weekday())
    start = x.start_time.hour * 60 + x.start_time.minute
    end = start + x.duration_min
    attending: set[str] = set()
    present: set[int] = set()
    busy: dict[int, list[tuple[int, int]]] = {}
    week_count: dict[int, int] = {}
    for eid, sid, day, t0, dur, code in s.execute(
        select(
            m.Attendance.expert_id,
            m.MeetingSession.id,
            m.MeetingSession.date,
            m.MeetingSession.start_time,
            m.MeetingSession.duration_min,
            m.Discipline.code,
        )
        .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
        .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
        .join(m.Discipline, m.Discipline.id == m.Expert.discipline_id)
        .where(
            in_plan,
            m.MeetingSession.cancelled.is_(False),
            m.MeetingSession.date.between(monday, monday + dt.timedelta(days=6)),
        )
    ):
        if sid == x.id:
            attending.add(code)
            present.add(eid)
            continue
        week_count[eid] = week_count.get(eid, 0) + 1
        if day == x.date:
            a = t0.hour * 60 + t0.minute
            busy.setdefault(eid, []).append((a, a + dur))
    free = []
    for eid, code, limit in eligible_experts(s, x):
        if eid in present:
            continue
        if not rules.rule_7_weekly_limit(week_count.get(eid, 0) + 1, limit):
            continue
        if any(not rules.rule_7_no_overlap((a, b), (start, end)) for a, b in busy.get(eid, ())):
            continue
        free.append((eid, code))
    return attending, free


def check_move(
    db: DatabaseLike,
    case_id: int,
    session_id: int,
    *,
    plan_run_id: int | None = None,
    horizon: tuple[dt.date, dt.date] | None = None,
) -> list[Breach]:
    """Check moving a case into a session of a proposed plan run (or of the published plan
    when ``plan_run_id`` is None)."""
    with db.session() as s:
        case = s.get(m.Case, case_id)
        target = s.get(m.MeetingSession, session_id)
        if case is None or target is None:
            raise UserError("the case or the session no longer exists; reload the plan")
        q = (
            select(m.Assignment)
            .options(selectinload(m.Assignment.case))
            .where(m.Assignment.session_id == session_id, m.Assignment.case_id != case_id)
        )
        q = (
            q.where(m.Assignment.published.is_(True))
            if plan_run_id is None
            else q.where(m.Assignment.plan_run_id == plan_run_id)
        )
        others = s.scalars(q).all()
        used = sum(case_minutes(a.case.minutes, a.case.required_level or "local") for a in others)
        extra_needed = {d.code for a in others for d in a.case.extra_disciplines}
        level = case.required_level if case.required_level in LEVEL else "local"
        facts = CaseFacts(
            code=case.code,
            tumour_group=case.tumour_group.code,
            echelon=level,
            hospital=case.hospital.code,
            network=case.hospital.network.code,
            ready=case.ready_date,
            minutes=case_minutes(case.minutes, level),
            extra_disciplines=tuple(
                sorted({d.code for d in case.extra_disciplines} | extra_needed)
            ),
            pinned_session=case.pinned_session.code if case.pinned_session else None,
            pinned_session_name=session_name(case.pinned_session) if case.pinned_session else "",
        )
        target_facts = SessionFacts(
            code=target.code,
            tumour_group=target.tumour_group.code,
            echelon=target.echelon,
            hospital=target.hospital.code,
            network=target.hospital.network.code,
            date=target.date,
            duration_min=target.duration_min,
            cancelled=target.cancelled,
            name=session_name(target),
        )
        core = tuple(d.code for d in target.tumour_group.core_disciplines)
        attending, free = available_experts(s, target, plan_run_id)
        staffed = attending | {code for _eid, code in free}
        return move_breaches(
            facts, target_facts, used_minutes=used, horizon=horizon, core=core, staffed=staffed
        )


def on_leave_pairs(s: Session, pairs: list[tuple[int, dt.date]]) -> set[tuple[int, dt.date]]:
    """Which (expert, day) pairs fall in a leave period: one query for all of them (the
    Sessions view's leave conflicts and the agendas' attendees use the same answer)."""
    if not pairs:
        return set()
    experts = {e for e, _d in pairs}
    periods: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for eid, start, end in s.execute(
        select(m.LeavePeriod.expert_id, m.LeavePeriod.start, m.LeavePeriod.end).where(
            m.LeavePeriod.expert_id.in_(experts)
        )
    ):
        periods[eid].append((start, end))
    return {(e, d) for e, d in pairs if any(a <= d <= b for a, b in periods.get(e, ()))}
