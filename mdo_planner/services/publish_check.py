"""Is this proposal still true? The re-check that runs inside the publishing transaction.

A proposal is computed from the database as it was when the plan run started. Between then
and "Publish" a colleague may cancel or shorten a session, put an expert on leave, put a case
on hold, or publish a plan of her own. Publishing a stale proposal would tell specialists to
prepare for a meeting that will not happen, or discuss a case a clinician withheld. So
:func:`stale_reasons` checks every hard rule of the contract (1-8) and the planning pool
(:mod:`mdo_planner.planning.pool`) against the rows *as they are now*, in the caller's
transaction, and returns one sentence per problem that says what changed and what to do.
The caller refuses the whole publication when the list is not empty: never a partial plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.planning.pool import change_since, in_pool

from .plan_rules import CaseFacts, SessionFacts, case_minutes, eligible_experts, move_breaches

AGAIN = "after this proposal was made: plan again"


def latest_published_run(s: Session) -> m.PlanRun | None:
    """The plan run published last (the revision of the published plan)."""
    return s.scalar(
        select(m.PlanRun)
        .where(m.PlanRun.published_at.is_not(None))
        .order_by(m.PlanRun.published_at.desc(), m.PlanRun.id.desc())
        .limit(1)
    )


def _when(moment: dt.datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "meanwhile"


def stale_reasons(s: Session, run: m.PlanRun) -> list[str]:
    """Every reason why ``run`` cannot be published as it stands (empty: it can)."""
    out: list[str] = []
    latest = latest_published_run(s)
    basis = run.basis or {}
    if latest is not None and latest.id != run.id:
        newer = (
            latest.id != basis.get("published_run")
            if "published_run" in basis
            else latest.published_at is not None and latest.published_at >= run.created_at
        )
        if newer:
            out.append(
                f"plan run {latest.id} was published by {latest.published_by} at "
                f"{_when(latest.published_at)} {AGAIN}"
            )
    # The sessions and cases the proposal uses are share-locked (PostgreSQL) until the
    # publication commits, so a cancellation or a hold cannot slip in between the re-check
    # and the commit; SQLite serialises writers anyway.
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            select(m.MeetingSession.id)
            .where(
                m.MeetingSession.id.in_(
                    select(m.Assignment.session_id).where(m.Assignment.plan_run_id == run.id)
                )
            )
            .with_for_update(read=True)
        )
        s.execute(
            select(m.Case.id)
            .where(
                m.Case.id.in_(
                    select(m.Assignment.case_id).where(m.Assignment.plan_run_id == run.id)
                )
            )
            .with_for_update(read=True)
        )
    rows = s.scalars(
        select(m.Assignment)
        .options(
            selectinload(m.Assignment.case).selectinload(m.Case.extra_disciplines),
            selectinload(m.Assignment.case)
            .selectinload(m.Case.hospital)
            .selectinload(m.Hospital.network),
            selectinload(m.Assignment.case).selectinload(m.Case.tumour_group),
            selectinload(m.Assignment.case).selectinload(m.Case.pinned_session),
            selectinload(m.Assignment.session)
            .selectinload(m.MeetingSession.tumour_group)
            .selectinload(m.TumourGroup.core_disciplines),
            selectinload(m.Assignment.session)
            .selectinload(m.MeetingSession.hospital)
            .selectinload(m.Hospital.network),
        )
        .where(m.Assignment.plan_run_id == run.id)
    ).all()
    by_session: dict[int, list[m.Assignment]] = defaultdict(list)
    for a in rows:
        by_session[a.session_id].append(a)
        c = a.case
        level = c.required_level
        if level is None or not in_pool(level, c.status):
            out.append(f"case {c.code} {change_since(c.required_level, c.status)} {AGAIN}")
            continue
        x = a.session
        facts = CaseFacts(
            code=c.code,
            tumour_group=c.tumour_group.code,
            echelon=level,
            hospital=c.hospital.code,
            network=c.hospital.network.code,
            ready=c.ready_date,
            minutes=case_minutes(c.minutes, level),
            pinned_session=c.pinned_session.code if c.pinned_session else None,
        )
        where = SessionFacts(
            code=x.code,
            tumour_group=x.tumour_group.code,
            echelon=x.echelon,
            hospital=x.hospital.code,
            network=x.hospital.network.code,
            date=x.date,
            duration_min=x.duration_min,
        )
        for b in move_breaches(
            facts,
            where,
            used_minutes=0,
            horizon=(run.horizon_start, run.horizon_end),
            core=(),
            staffed=set(),
        ):
            if b.rule in (5, 6):
                continue  # capacity and quorum are checked per session below
            out.append(f"case {c.code} in session {x.code}: {b.sentence} (changed {AGAIN})")
    attendance = s.scalars(
        select(m.Attendance)
        .options(
            selectinload(m.Attendance.expert).selectinload(m.Expert.discipline),
            selectinload(m.Attendance.session),
        )
        .where(m.Attendance.plan_run_id == run.id)
    ).all()
    staff: dict[int, list[m.Attendance]] = defaultdict(list)
    for att in attendance:
        staff[att.session_id].append(att)
    sessions = {a.session_id: a.session for a in rows}
    for sid, items in sorted(
        by_session.items(), key=lambda kv: (sessions[kv[0]].date, sessions[kv[0]].code)
    ):
        x = sessions[sid]
        if x.cancelled:
            out.append(f"session {x.code} on {x.date:%Y-%m-%d} was cancelled {AGAIN}")
            continue
        used = sum(case_minutes(a.case.minutes, a.case.required_level or "local") for a in items)
        if used > x.duration_min:
            out.append(
                f"session {x.code} on {x.date:%Y-%m-%d} now lasts {x.duration_min} "
                f"minutes and its {used} minutes of cases no longer fit (changed "
                f"{AGAIN})"
            )
        eligible = {eid for eid, _code, _limit in eligible_experts(s, x)}
        present: set[str] = set()
        for att in staff.get(sid, []):
            e = att.expert
            if att.expert_id in eligible:
                present.add(e.discipline.code)
                continue
            on_leave = s.scalar(
                select(m.LeavePeriod.id)
                .where(
                    m.LeavePeriod.expert_id == e.id,
                    m.LeavePeriod.start <= x.date,
                    m.LeavePeriod.end >= x.date,
                )
                .limit(1)
            )
            what = (
                f"is on leave on {x.date:%Y-%m-%d}"
                if on_leave
                else ("may no longer attend it (inactive, or eligibility changed)")
            )
            out.append(f"{e.name}, attending session {x.code}, {what} (changed {AGAIN})")
        need = {d.code for d in x.tumour_group.core_disciplines}
        need |= {d.code for a in items for d in a.case.extra_disciplines}
        missing = sorted(need - present)
        if missing and not any(f"{x.code}," in r for r in out):
            out.append(
                f"session {x.code} on {x.date:%Y-%m-%d} lacks {', '.join(missing)} "
                f"(changed {AGAIN})"
            )
    out += _pinned_but_unplanned(s, run)
    out += _weekly_and_overlap(s, run, attendance)
    return out


def _pinned_but_unplanned(s: Session, run: m.PlanRun) -> list[str]:
    """Rule 8 for the cases the run left unplanned: one pinned since the proposal was made
    must not be published as unplanned. (A pin the solver already saw and could not keep is
    explained in the proposal itself, and refusing it would block every publication.)"""
    seen = (run.basis or {}).get("cases") or {}
    out = []
    for code, version, pin in s.execute(
        select(m.Case.code, m.Case.version, m.MeetingSession.code)
        .join(m.UnplannedCase, m.UnplannedCase.case_id == m.Case.id)
        .join(m.MeetingSession, m.MeetingSession.id == m.Case.pinned_session_id)
        .where(m.UnplannedCase.plan_run_id == run.id)
        .order_by(m.Case.code)
    ):
        if seen.get(code) != version:
            out.append(f"case {code} was pinned to session {pin} {AGAIN}")
    return out


def _weekly_and_overlap(
    s: Session, run: m.PlanRun, attendance: Sequence[m.Attendance]
) -> list[str]:
    """Rule 7 across sessions: after publishing, an expert attends this run's sessions plus
    the published sessions outside its horizon; weekly limits and overlaps must hold."""
    experts = {att.expert_id: att.expert for att in attendance}
    if not experts:
        return []
    lo = run.horizon_start - dt.timedelta(days=7)
    hi = run.horizon_end + dt.timedelta(days=7)
    outside = s.scalars(
        select(m.Attendance)
        .options(selectinload(m.Attendance.session))
        .where(m.Attendance.published.is_(True), m.Attendance.expert_id.in_(list(experts)))
        .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
        .where(
            m.MeetingSession.date.between(lo, hi),
            ~m.MeetingSession.date.between(run.horizon_start, run.horizon_end),
        )
    ).all()
    attends: dict[int, list[m.MeetingSession]] = defaultdict(list)
    for att in [*attendance, *outside]:
        if not att.session.cancelled:
            attends[att.expert_id].append(att.session)
    out = []
    for eid, sessions in sorted(attends.items()):
        e = experts[eid]
        weeks: dict[tuple[int, int], int] = defaultdict(int)
        for x in sessions:
            iso = x.date.isocalendar()
            weeks[(iso.year, iso.week)] += 1
        limit = e.max_sessions_per_week
        for (year, week), n in sorted(weeks.items()):
            if limit is not None and n > limit:
                out.append(
                    f"{e.name} would attend {n} sessions in week {week} of {year}, "
                    f"above the weekly limit of {limit} (changed {AGAIN})"
                )
        ordered = sorted(sessions, key=lambda x: (x.date, x.start_time))
        for a, b in pairwise(ordered):
            a_end = dt.datetime.combine(a.date, a.start_time) + dt.timedelta(minutes=a.duration_min)
            if a.date == b.date and dt.datetime.combine(b.date, b.start_time) < a_end:
                out.append(
                    f"{e.name} would attend the overlapping sessions {a.code} and "
                    f"{b.code} on {a.date:%Y-%m-%d} (changed {AGAIN})"
                )
    return out


__all__ = ["latest_published_run", "stale_reasons"]
