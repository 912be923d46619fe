"""The figures a secretariat's dashboard shows: what is waiting, whether deadlines are met,
how full the meetings are, and who is over their weekly limit.

Figures come from the published plan (what specialists actually prepare for) and, for meetings
already held, from their recorded outcomes (a case planned is not a case discussed), in one
read transaction, so that the dashboard never mixes data from before and after a
colleague's publish.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.agenda.labels import CONSULTATION_PREFIX

from ._db import DatabaseLike
from .plan_rules import case_minutes

#: Statuses of cases that still wait for a discussion.
WAITING = ("new", "hold", "ready", "deferred", "not_discussed")
LEVELS = ("untriaged", *m.TRIAGE_LEVELS)


@dataclass(frozen=True)
class WeekDeadline:
    """Cases due in one ISO week, and how many of them the plan discusses by their due date."""

    monday: dt.date
    due: int
    on_time: int

    @property
    def percent(self) -> float | None:
        return None if self.due == 0 else 100.0 * self.on_time / self.due


#: The load bar of a care network's consultations (beside the three echelons, when any).
CONSULTATION = "consultation"


@dataclass(frozen=True)
class EchelonLoad:
    echelon: str
    sessions: int
    used_minutes: int
    capacity_minutes: int

    @property
    def percent(self) -> float:
        return (
            0.0 if self.capacity_minutes == 0 else 100.0 * self.used_minutes / self.capacity_minutes
        )


@dataclass(frozen=True)
class OverLimit:
    expert: str
    discipline: str
    monday: dt.date
    sessions: int
    limit: int


@dataclass(frozen=True)
class Dashboard:
    waiting_by_level: dict[str, int]
    deadlines: tuple[WeekDeadline, ...]
    load: tuple[EchelonLoad, ...]
    over_limit: tuple[OverLimit, ...]
    date_from: dt.date
    date_to: dt.date


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def reference_date(db: DatabaseLike, today: dt.date | None = None) -> dt.date:
    """Today, unless no session lies near it (a demo or an archived network): then the first
    session's date, so that the dashboard opens on the planned period."""
    today = today or dt.date.today()
    with db.session() as s:
        near = s.scalar(
            select(func.count())
            .select_from(m.MeetingSession)
            .where(
                m.MeetingSession.date.between(
                    today - dt.timedelta(weeks=2), today + dt.timedelta(weeks=6)
                )
            )
        )
        if near:
            return today
        first = s.scalar(select(func.min(m.MeetingSession.date)))
    return first or today


def window(reference: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """The ISO weeks shown: a quarter of them before the reference week (how did we do), the
    rest from it on (what the published plan will do)."""
    first_monday = _monday(reference) - dt.timedelta(weeks=weeks // 4)
    return first_monday, first_monday + dt.timedelta(weeks=weeks, days=-1)


def _discussed_on(s: Session, case_ids: list[int]) -> tuple[dict[int, dt.date], set[int]]:
    """When each case was discussed (closed meetings), and which sessions were held."""
    held = set(s.scalars(select(m.Meeting.session_id)))
    out: dict[int, dt.date] = {}
    for case_id, day in s.execute(
        select(m.MeetingOutcome.case_id, m.MeetingSession.date)
        .join(m.Meeting, m.Meeting.id == m.MeetingOutcome.meeting_id)
        .join(m.MeetingSession, m.MeetingSession.id == m.Meeting.session_id)
        .where(
            m.MeetingOutcome.outcome.in_(("discussed", "noted")),
            m.MeetingOutcome.case_id.in_(case_ids),
        )
    ):
        out[case_id] = min(day, out.get(case_id, day))
    return out, held


def _on_time(due: dt.date, discussed: dt.date | None, planned: dt.date | None) -> bool:
    """Discussed by the due date as a chair recorded it; for a meeting still to come, as the
    published plan will do. A planned session that was held without discussing the case
    does not count: the case was not discussed there."""
    if discussed is not None:
        return discussed <= due
    return planned is not None and planned <= due


def dashboard(db: DatabaseLike, reference: dt.date, weeks: int = 8) -> Dashboard:
    """All dashboard figures for ``weeks`` ISO weeks around the reference date."""
    first_monday, date_to = window(reference, weeks)
    with db.session() as s:
        level = func.coalesce(m.Case.override_level, m.Case.required_level, m.Case.triage_level)
        waiting = Counter(
            {
                lvl or "untriaged": n
                for lvl, n in s.execute(
                    select(level, func.count()).where(m.Case.status.in_(WAITING)).group_by(level)
                )
            }
        )
        waiting_by_level = {lvl: waiting.get(lvl, 0) for lvl in LEVELS}

        due_rows = s.execute(
            select(m.Case.id, m.Case.due_date, m.MeetingSession.id, m.MeetingSession.date)
            .outerjoin(
                m.Assignment, (m.Assignment.case_id == m.Case.id) & m.Assignment.published.is_(True)
            )
            .outerjoin(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
            .where(m.Case.due_date.between(first_monday, date_to), m.Case.status != "withdrawn")
        ).all()
        discussed_on, held = _discussed_on(s, [r[0] for r in due_rows])
        due: Counter[dt.date] = Counter()
        on_time: Counter[dt.date] = Counter()
        for case_id, due_date, session_id, session_date in due_rows:
            week = _monday(due_date)
            due[week] += 1
            if _on_time(
                due_date, discussed_on.get(case_id), None if session_id in held else session_date
            ):
                on_time[week] += 1
        deadlines = tuple(
            WeekDeadline(
                first_monday + dt.timedelta(weeks=i),
                due[first_monday + dt.timedelta(weeks=i)],
                on_time[first_monday + dt.timedelta(weeks=i)],
            )
            for i in range(weeks)
        )

        # A care network's consultations sit at the supra-regional level in the engine's
        # vocabulary (docs/care-networks.md); their time is not supra-regional MDO time.
        kind = case(
            (m.TumourGroup.code.startswith(CONSULTATION_PREFIX), CONSULTATION),
            else_=m.MeetingSession.echelon,
        )
        sessions = s.execute(
            select(m.MeetingSession.id, kind, m.MeetingSession.duration_min)
            .join(m.TumourGroup)
            .where(
                m.MeetingSession.date.between(first_monday, date_to),
                m.MeetingSession.cancelled.is_(False),
            )
        ).all()
        echelon_of = {sid: ech for sid, ech, _d in sessions}
        used: Counter[str] = Counter()
        for sid, minutes, req in s.execute(
            select(m.Assignment.session_id, m.Case.minutes, m.Case.required_level)
            .join(m.Case)
            .where(m.Assignment.published.is_(True), m.Assignment.session_id.in_(list(echelon_of)))
        ):
            used[echelon_of[sid]] += case_minutes(minutes, req or "local")
        count: Counter[str] = Counter(ech for _s, ech, _d in sessions)
        capacity: Counter[str] = Counter()
        for _sid, ech, dur in sessions:
            capacity[ech] += dur
        kinds = (*m.ECHELONS, CONSULTATION) if count[CONSULTATION] else m.ECHELONS
        load = tuple(EchelonLoad(e, count[e], used[e], capacity[e]) for e in kinds)

        per_week: dict[tuple[int, dt.date], int] = defaultdict(int)
        for expert_id, day in s.execute(
            select(m.Attendance.expert_id, m.MeetingSession.date)
            .join(m.MeetingSession)
            .where(
                m.Attendance.published.is_(True),
                m.MeetingSession.cancelled.is_(False),
                m.MeetingSession.date.between(first_monday, date_to),
            )
        ):
            per_week[(expert_id, _monday(day))] += 1
        experts = {
            e.id: e
            for e in s.scalars(
                select(m.Expert).where(
                    m.Expert.id.in_({eid for eid, _w in per_week}),
                    m.Expert.max_sessions_per_week.is_not(None),
                )
            )
        }
        over = sorted(
            (
                OverLimit(
                    experts[eid].name,
                    experts[eid].discipline.code,
                    week,
                    n,
                    experts[eid].max_sessions_per_week or 0,
                )
                for (eid, week), n in per_week.items()
                if eid in experts and n > (experts[eid].max_sessions_per_week or 0)
            ),
            key=lambda o: (o.monday, -(o.sessions - o.limit), o.expert),
        )
    return Dashboard(waiting_by_level, deadlines, load, tuple(over), first_monday, date_to)
