"""Quality figures of the MDOs held in a period (what networks report to SONCOS and their
boards), and the specialist time a plan books.

Everything here is computed from **closed meetings** (their outcomes and actual attendance),
never from plans: a case counts as discussed when a chair recorded it so. Definitions, so
that a board can check the numbers by hand:

* *discussed*: outcome ``discussed`` in a session of the period (``noted`` is not a discussion);
* *% discussed by the due date*: of those, the share whose session date is on or before the
  case's due date (the original due date: deferrals do not move it);
* *days from ready to discussion*: session date minus ready date; median, and the 90th
  percentile by the nearest-rank method (the smallest value with at least 90% of the cases at
  or below it);
* *deferral rate*: deferred (resp. not discussed) outcomes per reason, divided by all outcomes
  of cases on the agenda for discussion (``noted`` excluded);
* *escalation*: discussed at a session echelon above the case's required level; *triage
  override*: a discussed case whose level a clinician overrode;
* *core disciplines present*: closed meetings whose actual attendees cover every core
  discipline of the tumour group;
* *specialist time booked* per discussed case: attendees × session length ÷ cases discussed;
  *used*: attendees × minutes of discussion ÷ cases discussed (the recorded minutes of each
  discussion, else its planned minutes). Totals divide the sums, so a session that discussed
  nothing still counts its booked time;
* *candidates to merge or cancel*: sessions that discussed nothing, or whose booked time per
  discussed case is more than twice the median of their echelon's sessions.

Grouping: by tumour group, by the case's referring hospital, and by the session's echelon.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError

from ._db import DatabaseLike
from .plan_rules import case_minutes

LEVEL = {lvl: i for i, lvl in enumerate(m.TRIAGE_LEVELS)}
#: A session's booked time per case is "far above" its echelon at this multiple of the median.
FAR_ABOVE = 2.0


def nearest_rank(values: Iterable[float], q: float) -> float | None:
    """The q-quantile by the nearest-rank method (``None`` for no values)."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class Figures:
    """The case figures of one group (or of everything)."""

    key: str
    discussed: int = 0
    on_time: int = 0
    days: list[int] = field(default_factory=list)
    on_agenda: int = 0
    deferred: Counter[str] = field(default_factory=Counter)
    not_discussed: Counter[str] = field(default_factory=Counter)
    escalations: int = 0
    overrides: int = 0

    @property
    def percent_on_time(self) -> float | None:
        return None if not self.discussed else 100.0 * self.on_time / self.discussed

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def p90_days(self) -> float | None:
        return nearest_rank(self.days, 0.9)

    def rate(self, counter: Counter[str]) -> float | None:
        return None if not self.on_agenda else 100.0 * sum(counter.values()) / self.on_agenda

    def reason_rates(self, counter: Counter[str]) -> dict[str, float]:
        if not self.on_agenda:
            return {}
        return {r: 100.0 * n / self.on_agenda for r, n in sorted(counter.items())}


@dataclass(frozen=True)
class SessionTime:
    """Specialist time of one session (closed meeting or planned session)."""

    code: str
    label: str
    echelon: str
    attendees: int
    duration_min: int
    cases: int
    discussion_minutes: int

    @property
    def booked(self) -> int:
        return self.attendees * self.duration_min

    @property
    def used(self) -> int:
        return self.attendees * self.discussion_minutes

    @property
    def booked_per_case(self) -> float | None:
        return None if not self.cases else self.booked / self.cases

    @property
    def used_per_case(self) -> float | None:
        return None if not self.cases else self.used / self.cases


@dataclass(frozen=True)
class EchelonTime:
    """Specialist-minutes per case of one echelon (or ``all``)."""

    echelon: str
    sessions: int
    cases: int
    booked: int
    used: int

    @property
    def booked_per_case(self) -> float | None:
        return None if not self.cases else self.booked / self.cases

    @property
    def used_per_case(self) -> float | None:
        return None if not self.cases else self.used / self.cases


def by_echelon(times: Iterable[SessionTime]) -> tuple[EchelonTime, ...]:
    """Per echelon (in contract order, only those present), then ``all``."""
    rows = list(times)
    out = []
    for echelon in (*m.ECHELONS, "all"):
        chosen = [t for t in rows if echelon in ("all", t.echelon)]
        if not chosen and echelon != "all":
            continue
        out.append(
            EchelonTime(
                echelon,
                len(chosen),
                sum(t.cases for t in chosen),
                sum(t.booked for t in chosen),
                sum(t.used for t in chosen),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Candidate:
    session: SessionTime
    median: float | None
    why: str


def candidates(times: Iterable[SessionTime]) -> tuple[Candidate, ...]:
    rows = list(times)
    medians = {}
    for echelon in m.ECHELONS:
        values = [
            t.booked_per_case
            for t in rows
            if t.echelon == echelon and t.booked_per_case is not None
        ]
        medians[echelon] = statistics.median(values) if values else None
    out = []
    for t in rows:
        median = medians[t.echelon]
        if t.cases == 0:
            out.append(Candidate(t, median, "no case was discussed"))
        elif median and t.booked_per_case is not None and t.booked_per_case > FAR_ABOVE * median:
            out.append(
                Candidate(
                    t,
                    median,
                    f"{t.booked_per_case:.0f} specialist-minutes per "
                    f"case, more than {FAR_ABOVE:g} × the {t.echelon} median "
                    f"({median:.0f})",
                )
            )
    return tuple(out)


@dataclass(frozen=True)
class QualityReport:
    date_from: dt.date
    date_to: dt.date
    total: Figures
    by_tumour_group: tuple[Figures, ...]
    by_hospital: tuple[Figures, ...]
    by_echelon: tuple[Figures, ...]
    meetings: int
    core_present: int
    sessions: tuple[SessionTime, ...]
    specialist: tuple[EchelonTime, ...]
    candidates: tuple[Candidate, ...]

    @property
    def percent_core_present(self) -> float | None:
        return None if not self.meetings else 100.0 * self.core_present / self.meetings


def _label(x: m.MeetingSession) -> str:
    return (
        f"{x.date:%Y-%m-%d} {x.start_time:%H:%M} · {x.tumour_group.code} {x.echelon} · "
        f"{x.hospital.code}"
    )


def quality_report(db: DatabaseLike, date_from: dt.date, date_to: dt.date) -> QualityReport:
    """The figures of the meetings closed for sessions in ``[date_from, date_to]``."""
    if date_from > date_to:
        raise UserError(f"--from {date_from} lies after --to {date_to}")
    with db.session() as s:
        return _report(s, date_from, date_to)


def _report(s: Session, date_from: dt.date, date_to: dt.date) -> QualityReport:
    meetings = s.scalars(
        select(m.Meeting)
        .join(m.MeetingSession)
        .options(
            selectinload(m.Meeting.session)
            .selectinload(m.MeetingSession.tumour_group)
            .selectinload(m.TumourGroup.core_disciplines),
            selectinload(m.Meeting.session).selectinload(m.MeetingSession.hospital),
            selectinload(m.Meeting.attendees).selectinload(m.Expert.discipline),
            selectinload(m.Meeting.outcomes)
            .selectinload(m.MeetingOutcome.case)
            .selectinload(m.Case.hospital),
            selectinload(m.Meeting.outcomes)
            .selectinload(m.MeetingOutcome.case)
            .selectinload(m.Case.tumour_group),
        )
        .where(m.MeetingSession.date.between(date_from, date_to))
        .order_by(m.MeetingSession.date, m.MeetingSession.start_time, m.MeetingSession.code)
    ).all()
    total = Figures("all")
    groups: dict[str, dict[str, Figures]] = {"tg": {}, "hospital": {}, "echelon": {}}
    times = []
    core_present = 0
    for meeting in meetings:
        x = meeting.session
        present = {e.discipline.code for e in meeting.attendees}
        if {d.code for d in x.tumour_group.core_disciplines} <= present:
            core_present += 1
        discussed = 0
        minutes = 0
        for o in meeting.outcomes:
            c = o.case
            keys = (
                ("tg", c.tumour_group.code),
                ("hospital", c.hospital.code),
                ("echelon", x.echelon),
            )
            targets = [total] + [groups[g].setdefault(k, Figures(k)) for g, k in keys]
            if o.outcome == "noted":
                continue
            level = c.required_level or c.triage_level or "local"
            for f in targets:
                f.on_agenda += 1
                if o.outcome == "deferred":
                    f.deferred[o.reason or "other"] += 1
                elif o.outcome == "not_discussed":
                    f.not_discussed[o.reason or "other"] += 1
            if o.outcome != "discussed":
                continue
            discussed += 1
            minutes += o.minutes if o.minutes is not None else case_minutes(c.minutes, level)
            for f in targets:
                f.discussed += 1
                f.on_time += x.date <= c.due_date
                f.days.append((x.date - c.ready_date).days)
                f.escalations += LEVEL.get(x.echelon, 0) > LEVEL.get(level, 0)
                f.overrides += c.override_level is not None
        times.append(
            SessionTime(
                x.code,
                _label(x),
                x.echelon,
                len(meeting.attendees),
                x.duration_min,
                discussed,
                minutes,
            )
        )

    def ordered(d: dict[str, Figures], order: Iterable[str] | None = None) -> tuple[Figures, ...]:
        keys = [k for k in order if k in d] if order else sorted(d)
        return tuple(d[k] for k in keys)

    return QualityReport(
        date_from,
        date_to,
        total,
        ordered(groups["tg"]),
        ordered(groups["hospital"]),
        ordered(groups["echelon"], m.ECHELONS),
        len(meetings),
        core_present,
        tuple(times),
        by_echelon(times),
        candidates(times),
    )


# --------------------------------------------------------------------------- plans


def plan_specialist_time(
    db: DatabaseLike, run_id: int | None, date_from: dt.date, date_to: dt.date
) -> tuple[EchelonTime, ...]:
    """Specialist-minutes per planned case, by echelon, of a plan run (``run_id``) or of the
    published plan (``None``) in a horizon: what a plan books before anybody meets."""
    with db.session() as s:
        return by_echelon(_plan_times(s, run_id, date_from, date_to))


def run_specialist_time(
    db: DatabaseLike, run_id: int, date_from: dt.date, date_to: dt.date
) -> tuple[tuple[EchelonTime, ...], tuple[EchelonTime, ...]]:
    """:func:`plan_specialist_time` of a plan run and of the published plan in one session:
    what the Planning review puts side by side, read in the review's own worker call."""
    with db.session() as s:
        return (
            by_echelon(_plan_times(s, run_id, date_from, date_to)),
            by_echelon(_plan_times(s, None, date_from, date_to)),
        )


def _plan_times(
    s: Session, run_id: int | None, date_from: dt.date, date_to: dt.date
) -> list[SessionTime]:
    a_where: ColumnElement[bool]
    att_where: ColumnElement[bool]
    if run_id is None:
        a_where = m.Assignment.published.is_(True)
        att_where = m.Attendance.published.is_(True)
    else:
        a_where = m.Assignment.plan_run_id == run_id
        att_where = m.Attendance.plan_run_id == run_id
    in_horizon = m.MeetingSession.date.between(date_from, date_to)
    cases: dict[int, list[int]] = defaultdict(list)
    for sid, minutes, level in s.execute(
        select(m.Assignment.session_id, m.Case.minutes, m.Case.required_level)
        .join(m.Case, m.Case.id == m.Assignment.case_id)
        .join(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
        .where(a_where, in_horizon)
    ):
        cases[sid].append(case_minutes(minutes, level or "local"))
    people: Counter[int] = Counter(
        sid
        for (sid,) in s.execute(
            select(m.Attendance.session_id)
            .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
            .where(att_where, in_horizon)
        )
    )
    ids = set(cases) | set(people)
    out = []
    for x in s.scalars(
        select(m.MeetingSession)
        .options(
            selectinload(m.MeetingSession.tumour_group), selectinload(m.MeetingSession.hospital)
        )
        .where(m.MeetingSession.id.in_(ids))
        .order_by(m.MeetingSession.date)
    ):
        out.append(
            SessionTime(
                x.code,
                _label(x),
                x.echelon,
                people[x.id],
                x.duration_min,
                len(cases[x.id]),
                sum(cases[x.id]),
            )
        )
    return out


def specialist_time_line(times: Iterable[EchelonTime]) -> str:
    """One line for ``plan``: booked (and used) specialist-minutes per case, by echelon."""
    parts = []
    for t in times:
        if t.booked_per_case is None:
            continue
        parts.append(
            f"{t.echelon} {t.booked_per_case:.0f} booked / {t.used_per_case or 0:.0f} discussing"
        )
    return (
        ("specialist-minutes per planned case: " + ", ".join(parts))
        if parts
        else ("specialist-minutes per planned case: n/a (no case planned)")
    )
