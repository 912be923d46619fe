"""Experts: who may attend which MDO, their leave, and how loaded they are week by week.

Leave and weekly limits are the secretary's daily headache (a radiologist on a conference
empties a quorum), so leave is edited here in a form the planner reads directly, and the
per-week load shows at a glance who is over the limit they agreed to.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from db import models as m
from mdo_planner.errors import UserError

from ._db import DatabaseLike
from .base import audit, check_version


@dataclass(frozen=True)
class LeaveRow:
    id: int
    start: dt.date
    end: dt.date
    reason: str | None


@dataclass(frozen=True)
class ExpertRow:
    id: int
    code: str
    name: str
    discipline: str
    discipline_name: str
    hospital: str
    serves: tuple[str, ...]
    tumour_groups: tuple[str, ...]
    max_echelon: str
    max_sessions_per_week: int | None
    leave: tuple[LeaveRow, ...]
    version: int


@dataclass(frozen=True)
class WeekLoad:
    """Sessions attended in one ISO week (published plan) against the expert's limit."""

    iso_year: int
    iso_week: int
    monday: dt.date
    sessions: int
    limit: int | None

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.sessions > self.limit


def _row(e: m.Expert) -> ExpertRow:
    return ExpertRow(
        e.id,
        e.code,
        e.name,
        e.discipline.code,
        e.discipline.name,
        e.hospital.code,
        tuple(h.code for h in e.serves),
        tuple(g.code for g in e.tumour_groups),
        e.max_echelon,
        e.max_sessions_per_week,
        tuple(LeaveRow(p.id, p.start, p.end, p.reason) for p in e.leave),
        e.version,
    )


def list_experts(db: DatabaseLike) -> list[ExpertRow]:
    """Every active expert with everything the Experts workspace shows, by name.

    Plain column queries instead of ORM objects: a national network has thousands of experts,
    and the list must appear at once (see docs/benchmarks.md).
    """
    with db.session() as s:
        serves: dict[int, list[str]] = defaultdict(list)
        for eid, code in s.execute(
            select(m.expert_serves.c.expert_id, m.Hospital.code)
            .join(m.Hospital, m.Hospital.id == m.expert_serves.c.hospital_id)
            .order_by(m.Hospital.code)
        ):
            serves[eid].append(code)
        groups: dict[int, list[str]] = defaultdict(list)
        for eid, code in s.execute(
            select(m.expert_tumour_groups.c.expert_id, m.TumourGroup.code)
            .join(m.TumourGroup, m.TumourGroup.id == m.expert_tumour_groups.c.tumour_group_id)
            .order_by(m.TumourGroup.code)
        ):
            groups[eid].append(code)
        leave: dict[int, list[LeaveRow]] = defaultdict(list)
        for eid, pid, start, end, reason in s.execute(
            select(
                m.LeavePeriod.expert_id,
                m.LeavePeriod.id,
                m.LeavePeriod.start,
                m.LeavePeriod.end,
                m.LeavePeriod.reason,
            ).order_by(m.LeavePeriod.start)
        ):
            leave[eid].append(LeaveRow(pid, start, end, reason))
        rows = s.execute(
            select(
                m.Expert.id,
                m.Expert.code,
                m.Expert.name,
                m.Discipline.code,
                m.Discipline.name,
                m.Hospital.code,
                m.Expert.max_echelon,
                m.Expert.max_sessions_per_week,
                m.Expert.version,
            )
            .join(m.Discipline, m.Discipline.id == m.Expert.discipline_id)
            .join(m.Hospital, m.Hospital.id == m.Expert.hospital_id)
            .where(m.Expert.active.is_(True))
            .order_by(m.Expert.name, m.Expert.code)
        ).all()
        return [
            ExpertRow(
                eid,
                code,
                name,
                dcode,
                dname,
                hcode,
                tuple(serves[eid]),
                tuple(groups[eid]),
                echelon,
                limit,
                tuple(leave[eid]),
                version,
            )
            for eid, code, name, dcode, dname, hcode, echelon, limit, version in rows
        ]


def get_expert(db: DatabaseLike, expert_id: int) -> ExpertRow:
    with db.session() as s:
        e = s.get(m.Expert, expert_id)
        if e is None:
            raise UserError(f"expert {expert_id} no longer exists")
        return _row(e)


def add_expert(
    db: DatabaseLike,
    code: str,
    name: str,
    discipline: str,
    hospital: str,
    tumour_groups: list[str] | None = None,
    *,
    user: str,
) -> int:
    """Register a specialist; by default they serve their own hospital's local MDOs only
    (the contract's default), until the eligibility is widened in the form."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise UserError("new expert: a code and a name are required")
    with db.session() as s:
        if s.scalar(select(m.Expert.id).where(m.Expert.code == code)):
            raise UserError(f"expert code: {code!r} is already used")
        disc = s.scalar(select(m.Discipline).where(m.Discipline.code == discipline))
        host = s.scalar(select(m.Hospital).where(m.Hospital.code == hospital))
        if disc is None or host is None:
            raise UserError(
                f"new expert: unknown discipline {discipline!r} or hospital {hospital!r}"
            )
        groups = list(
            s.scalars(
                select(m.TumourGroup)
                .where(m.TumourGroup.code.in_(tumour_groups or []))
                .order_by(m.TumourGroup.code)
            )
        )
        e = m.Expert(
            code=code,
            name=name,
            discipline=disc,
            hospital=host,
            serves=[host],
            tumour_groups=groups,
            max_echelon="local",
        )
        s.add(e)
        s.flush()
        audit(
            s, "create", "expert", code, {"discipline": discipline, "hospital": hospital}, user=user
        )
        return e.id


def update_expert(
    db: DatabaseLike,
    expert_id: int,
    *,
    user: str,
    expected_version: int,
    serves: list[str],
    tumour_groups: list[str],
    max_echelon: str,
    max_sessions_per_week: int | None,
) -> ExpertRow:
    """Save what the expert may attend; ``expected_version`` is the one the form was loaded with, so a
    colleague's save in between is reported instead of silently overwritten."""
    if max_echelon not in m.ECHELONS:
        raise UserError(f"highest echelon: must be one of {', '.join(m.ECHELONS)}")
    if max_sessions_per_week is not None and not 0 <= max_sessions_per_week <= 50:
        raise UserError("weekly limit: 0 to 50 sessions a week, or empty for no limit")
    if not tumour_groups:
        raise UserError("tumour groups: choose at least one tumour group")
    with db.session() as s:
        e = s.get(m.Expert, expert_id)
        if e is None:
            raise UserError(f"expert {expert_id} no longer exists")
        check_version(e, f"expert {e.name}", expected_version=expected_version)
        hospitals = {
            h.code: h for h in s.scalars(select(m.Hospital).where(m.Hospital.code.in_(serves)))
        }
        groups = {
            g.code: g
            for g in s.scalars(select(m.TumourGroup).where(m.TumourGroup.code.in_(tumour_groups)))
        }
        missing = sorted(set(serves) - set(hospitals)) + sorted(set(tumour_groups) - set(groups))
        if missing:
            raise UserError(
                f"expert {e.name}: unknown hospital or tumour group {', '.join(missing)}"
            )
        e.serves = [hospitals[c] for c in sorted(hospitals)]
        e.tumour_groups = [groups[c] for c in sorted(groups)]
        e.max_echelon = max_echelon
        e.max_sessions_per_week = max_sessions_per_week
        s.flush()
        audit(
            s,
            "update",
            "expert",
            e.code,
            {
                "serves": sorted(serves),
                "tumour_groups": sorted(tumour_groups),
                "max_echelon": max_echelon,
                "max_sessions_per_week": max_sessions_per_week,
            },
            user=user,
        )
        return _row(e)


def add_leave(
    db: DatabaseLike,
    expert_id: int,
    start: dt.date,
    end: dt.date,
    reason: str | None = None,
    *,
    user: str,
) -> int:
    """Record a period on which the expert attends nothing; the next plan run respects it."""
    if end < start:
        raise UserError(
            f"leave: the last day {end:%Y-%m-%d} lies before the first day {start:%Y-%m-%d}"
        )
    if (end - start).days > 366:
        raise UserError("leave: a period of at most a year at a time")
    with db.session() as s:
        e = s.get(m.Expert, expert_id)
        if e is None:
            raise UserError(f"expert {expert_id} no longer exists")
        for p in e.leave:
            if p.start <= end and start <= p.end:
                raise UserError(
                    f"leave of {e.name}: overlaps the period {p.start:%Y-%m-%d} to {p.end:%Y-%m-%d}"
                )
        period = m.LeavePeriod(
            expert=e, start=start, end=end, reason=(reason or "").strip() or None
        )
        s.add(period)
        s.flush()
        audit(
            s,
            "add_leave",
            "expert",
            e.code,
            {"from": start.isoformat(), "to": end.isoformat()},
            user=user,
        )
        return period.id


def remove_leave(db: DatabaseLike, leave_id: int, *, user: str) -> LeaveRow:
    """Delete a leave period and return it (so that an undo can put it back)."""
    with db.session() as s:
        p = s.get(m.LeavePeriod, leave_id)
        if p is None:
            raise UserError("this leave period was already removed; reload the expert")
        row = LeaveRow(p.id, p.start, p.end, p.reason)
        audit(
            s,
            "remove_leave",
            "expert",
            p.expert.code,
            {"from": p.start.isoformat(), "to": p.end.isoformat()},
            user=user,
        )
        s.delete(p)
        return row


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_load(
    db: DatabaseLike, expert_id: int, date_from: dt.date, date_to: dt.date
) -> list[WeekLoad]:
    """Published sessions the expert attends per ISO week in the range (weeks without any
    included), compared with the expert's weekly limit."""
    with db.session() as s:
        e = s.get(m.Expert, expert_id)
        if e is None:
            raise UserError(f"expert {expert_id} no longer exists")
        dates = s.scalars(
            select(m.MeetingSession.date)
            .join(m.Attendance)
            .where(
                m.Attendance.expert_id == expert_id,
                m.Attendance.published.is_(True),
                m.MeetingSession.cancelled.is_(False),
                m.MeetingSession.date.between(date_from, date_to),
            )
        ).all()
        limit = e.max_sessions_per_week
    counts = Counter(monday_of(d) for d in dates)
    out = []
    week = monday_of(date_from)
    while week <= date_to:
        iso = week.isocalendar()
        out.append(WeekLoad(iso.year, iso.week, week, counts.get(week, 0), limit))
        week += dt.timedelta(weeks=1)
    return out
