"""Sessions as the secretary sees them in a week: load, quorum, the ordered agenda, and the
two edits she makes to a dated meeting (cancel it, or change its length).

Everything here reads the *published* plan: that is what specialists prepare for. Cancelling a
session sends its cases back to the pool (status ``ready``) so that the next plan run places
them again, instead of leaving them attached to a meeting that will not happen.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.infra.limits import column_problem

from ._db import DatabaseLike
from .agenda_service import build_session_agenda
from .base import audit, check_version
from .plan_rules import case_minutes, on_leave_pairs


@dataclass(frozen=True)
class SessionCard:
    id: int
    code: str
    date: dt.date
    start: dt.time
    duration_min: int
    tumour_group: str
    tumour_group_name: str
    echelon: str
    hospital: str
    hospital_name: str
    mode: str
    cancelled: bool
    cancel_reason: str | None
    used_minutes: int
    cases: int
    #: (discipline code, expert names) of the published attendance, by discipline
    attendees: tuple[tuple[str, tuple[str, ...]], ...]
    #: core and extra disciplines that no attending expert covers
    missing: tuple[str, ...]
    version: int
    #: published attendees who are on leave that day: a conflict to resolve by planning again
    #: (their discipline counts as missing when nobody else covers it)
    on_leave: tuple[str, ...] = ()

    @property
    def end(self) -> dt.time:
        return (
            dt.datetime.combine(self.date, self.start) + dt.timedelta(minutes=self.duration_min)
        ).time()

    @property
    def quorum_met(self) -> bool:
        return not self.missing

    @property
    def overfull(self) -> bool:
        return self.used_minutes > self.duration_min


@dataclass(frozen=True)
class AgendaRow:
    """One case on a session's agenda as it will print: a time slot for discussion, or
    listed for noting (``section`` "noting", no time)."""

    case_id: int
    code: str
    patient_ref: str
    hospital: str
    level: str
    minutes: int
    start: dt.time | None
    end: dt.time | None
    question: str
    urgent: bool
    manual: bool
    section: str = "discussion"


def _cards(s: Session, sessions: list[m.MeetingSession]) -> list[SessionCard]:
    """The cards of ``sessions`` with their published cases and attendees. Those are read as
    plain rows, not ORM objects: a national week has 3,900 assignments and 4,800 attendances,
    and building an object for each with its case, expert and discipline (9,300 in all) was
    most of the week's read (0.5 of 0.6 s)."""
    ids = [x.id for x in sessions]
    if not ids:
        return []
    published = (m.Assignment.published.is_(True), m.Assignment.session_id.in_(ids))
    by_session: dict[int, list[int]] = defaultdict(list)  # session -> its cases' minutes
    for sid, minutes, level in s.execute(
        select(m.Assignment.session_id, m.Case.minutes, m.Case.required_level)
        .join(m.Case, m.Case.id == m.Assignment.case_id)
        .where(*published)
    ):
        by_session[sid].append(case_minutes(minutes, level or "local"))
    extra: dict[int, set[str]] = defaultdict(set)  # session -> its cases' extra disciplines
    for sid, code in s.execute(
        select(m.Assignment.session_id, m.Discipline.code)
        .join(m.case_extra_disciplines, m.case_extra_disciplines.c.case_id == m.Assignment.case_id)
        .join(m.Discipline, m.Discipline.id == m.case_extra_disciplines.c.discipline_id)
        .where(*published)
    ):
        extra[sid].add(code)
    attending = s.execute(
        select(m.Attendance.session_id, m.Attendance.expert_id, m.Expert.name, m.Discipline.code)
        .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
        .join(m.Discipline, m.Discipline.id == m.Expert.discipline_id)
        .where(m.Attendance.published.is_(True), m.Attendance.session_id.in_(ids))
    ).all()
    days = {x.id: x.date for x in sessions}
    away = on_leave_pairs(s, [(expert, days[sid]) for sid, expert, _name, _code in attending])
    people: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    absent: dict[int, list[str]] = defaultdict(list)
    for sid, expert, name, code in attending:
        if (expert, days[sid]) in away:
            absent[sid].append(name)
            continue
        people[sid][code].append(name)
    out = []
    for x in sessions:
        items = by_session.get(x.id, [])
        need = {d.code for d in x.tumour_group.core_disciplines} if items else set()
        need |= extra.get(x.id, set())
        present = people.get(x.id, {})
        out.append(
            SessionCard(
                x.id,
                x.code,
                x.date,
                x.start_time,
                x.duration_min,
                x.tumour_group.code,
                x.tumour_group.name,
                x.echelon,
                x.hospital.code,
                x.hospital.name,
                x.mode,
                x.cancelled,
                x.cancel_reason,
                sum(items),
                len(items),
                tuple((d, tuple(sorted(names))) for d, names in sorted(present.items())),
                tuple(sorted(need - set(present))),
                x.version,
                tuple(sorted(absent.get(x.id, ()))),
            )
        )
    return out


@dataclass(frozen=True)
class LeaveConflict:
    """A published session an expert attends on a day of leave."""

    session_id: int
    session: str
    date: dt.date
    expert: str
    #: nobody else of the expert's discipline attends: the quorum is broken
    breaks_quorum: bool


def leave_conflicts(
    db: DatabaseLike, expert_id: int | None = None, today: dt.date | None = None
) -> list[LeaveConflict]:
    """Published attendances from ``today`` on that fall on the attendee's leave (of one
    expert, or of everybody): what a new leave period breaks, shown at once instead of at
    the next plan run."""
    from .plan_rules import session_name

    today = today or dt.date.today()
    with db.session() as s:
        q = (
            select(m.Attendance)
            .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
            .options(
                selectinload(m.Attendance.expert).selectinload(m.Expert.discipline),
                selectinload(m.Attendance.session).selectinload(m.MeetingSession.series),
                selectinload(m.Attendance.session).selectinload(m.MeetingSession.tumour_group),
            )
            .where(
                m.Attendance.published.is_(True),
                m.MeetingSession.cancelled.is_(False),
                m.MeetingSession.date >= today,
            )
        )
        rows = s.scalars(q).all()
        away = on_leave_pairs(s, [(a.expert_id, a.session.date) for a in rows])
        if not away:
            return []
        cover: dict[tuple[int, str], int] = defaultdict(int)
        for a in rows:
            if (a.expert_id, a.session.date) not in away:
                cover[(a.session_id, a.expert.discipline.code)] += 1
        out = [
            LeaveConflict(
                a.session_id,
                session_name(a.session),
                a.session.date,
                a.expert.name,
                cover[(a.session_id, a.expert.discipline.code)] == 0,
            )
            for a in rows
            if (a.expert_id, a.session.date) in away
            and (expert_id is None or a.expert_id == expert_id)
        ]
        return sorted(out, key=lambda c: (c.date, c.session, c.expert))


def _session_query() -> Select[m.MeetingSession]:
    return (
        select(m.MeetingSession)
        .options(
            selectinload(m.MeetingSession.tumour_group).selectinload(
                m.TumourGroup.core_disciplines
            ),
            selectinload(m.MeetingSession.hospital),
        )
        .order_by(m.MeetingSession.date, m.MeetingSession.start_time, m.MeetingSession.code)
    )


def week_sessions(
    db: DatabaseLike, monday: dt.date, days: int = 7, hospital: str | None = None
) -> list[SessionCard]:
    """Sessions from ``monday`` for ``days`` days (cancelled ones included, marked)."""
    with db.session() as s:
        q = _session_query().where(
            m.MeetingSession.date.between(monday, monday + dt.timedelta(days=days - 1))
        )
        if hospital:
            q = q.join(m.Hospital, m.MeetingSession.hospital_id == m.Hospital.id).where(
                m.Hospital.code == hospital
            )
        return _cards(s, list(s.scalars(q).all()))


def session_card(db: DatabaseLike, session_id: int) -> SessionCard:
    with db.session() as s:
        rows = s.scalars(_session_query().where(m.MeetingSession.id == session_id)).all()
        if not rows:
            raise UserError(f"session {session_id} no longer exists")
        return _cards(s, list(rows))[0]


def sessions_in_range(db: DatabaseLike, date_from: dt.date, date_to: dt.date) -> list[SessionCard]:
    with db.session() as s:
        return _cards(
            s,
            list(
                s.scalars(
                    _session_query().where(m.MeetingSession.date.between(date_from, date_to))
                ).all()
            ),
        )


def agenda_rows(db: DatabaseLike, session_id: int) -> list[AgendaRow]:
    """The session's agenda exactly as the PDF prints it (the agenda builder's ordering
    policy, the secretary's manual positions, the noting section), so that what the screen
    shows is what the meeting gets; patients by reference only."""
    with db.session() as s:
        if s.get(m.MeetingSession, session_id) is None:
            raise UserError(f"session {session_id} no longer exists")
        agenda = build_session_agenda(s, session_id, "minimal")
        codes = [item.case_id for item in agenda.all_items]
        facts = {
            code: (pk, hospital)
            for code, pk, hospital in s.execute(
                select(m.Case.code, m.Case.id, m.Hospital.code)
                .join(m.Hospital, m.Hospital.id == m.Case.hospital_id)
                .where(m.Case.code.in_(codes))
            )
        }
    return [
        AgendaRow(
            facts[i.case_id][0],
            i.case_id,
            i.patient,
            facts[i.case_id][1],
            i.triage_level,
            i.minutes,
            i.start,
            i.end,
            i.question,
            i.urgent,
            i.manual,
            i.section,
        )
        for i in agenda.all_items
    ]


def _load(s: Session, session_id: int, expected_version: int | None) -> m.MeetingSession:
    x = s.get(m.MeetingSession, session_id)
    if x is None:
        raise UserError(f"session {session_id} no longer exists")
    check_version(x, f"session {x.code}", expected_version=expected_version)
    return x


def cancel_session(
    db: DatabaseLike,
    session_id: int,
    reason: str,
    *,
    user: str,
    expected_version: int | None = None,
) -> int:
    """Cancel a meeting; its published cases go back to the pool. Returns how many."""
    reason = reason.strip()
    if not reason:
        raise UserError("cancel session: a reason is required (it is shown to attendees)")
    problem = column_problem(reason, m.MeetingSession.cancel_reason)
    if problem:
        raise UserError(f"cancel session: the reason {problem}")
    with db.session() as s:
        x = _load(s, session_id, expected_version)
        if x.cancelled:
            raise UserError(f"session {x.code} is already cancelled")
        x.cancelled = True
        x.cancel_reason = reason
        rows = s.scalars(
            select(m.Assignment).where(
                m.Assignment.published.is_(True), m.Assignment.session_id == session_id
            )
        ).all()
        for a in rows:
            a.case.status = "ready"
            s.delete(a)
        for att in s.scalars(
            select(m.Attendance).where(
                m.Attendance.published.is_(True), m.Attendance.session_id == session_id
            )
        ):
            s.delete(att)
        # a pin to a cancelled session binds nothing: released, so the case is planned again
        # (a manual move pins, so this is common)
        unpinned = 0
        for case in s.scalars(select(m.Case).where(m.Case.pinned_session_id == session_id)):
            case.pinned_session_id = None
            unpinned += 1
        audit(
            s,
            "cancel",
            "session",
            x.code,
            {"reason": reason, "cases_returned": len(rows), "pins_released": unpinned},
            user=user,
        )
        return len(rows)


def restore_session(db: DatabaseLike, session_id: int, *, user: str) -> None:
    """Undo a cancellation (the cases that went back to the pool are planned again by the
    next plan run)."""
    with db.session() as s:
        x = _load(s, session_id, None)
        x.cancelled = False
        x.cancel_reason = None
        audit(s, "restore", "session", x.code, user=user)


def resize_session(
    db: DatabaseLike,
    session_id: int,
    duration_min: int,
    *,
    user: str,
    expected_version: int | None = None,
) -> None:
    """Change a meeting's length; refused when its published cases would no longer fit."""
    if not 5 <= duration_min <= 600:
        raise UserError(f"session length: 5 to 600 minutes, not {duration_min}")
    with db.session() as s:
        x = _load(s, session_id, expected_version)
        used = sum(
            case_minutes(a.case.minutes, a.case.required_level or "local")
            for a in s.scalars(
                select(m.Assignment).where(
                    m.Assignment.published.is_(True), m.Assignment.session_id == session_id
                )
            )
        )
        if used > duration_min:
            raise UserError(
                f"session {x.code}: its cases need {used} minutes; it cannot be "
                f"shortened to {duration_min} (move cases out first)"
            )
        old = x.duration_min
        x.duration_min = duration_min
        audit(s, "resize", "session", x.code, {"from": old, "to": duration_min}, user=user)


def default_week(db: DatabaseLike, today: dt.date | None = None) -> dt.date:
    """The Monday a week view should open on: this week when sessions lie ahead, otherwise
    the week of the last sessions (a demo or an archived network still shows something)."""
    today = today or dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    with db.session() as s:
        ahead = s.scalar(
            select(m.MeetingSession.date)
            .where(m.MeetingSession.date >= monday)
            .order_by(m.MeetingSession.date)
            .limit(1)
        )
        if ahead is not None:
            return ahead - dt.timedelta(days=ahead.weekday())
        last = s.scalar(
            select(m.MeetingSession.date).order_by(m.MeetingSession.date.desc()).limit(1)
        )
    if last is None:
        return monday
    return last - dt.timedelta(days=last.weekday())


def expert_session_ids(
    db: DatabaseLike, expert_id: int, date_from: dt.date, date_to: dt.date
) -> set[int]:
    """Sessions in the range that the published plan has this expert attend ("my agenda")."""
    with db.session() as s:
        return set(
            s.scalars(
                select(m.Attendance.session_id)
                .join(m.MeetingSession)
                .where(
                    m.Attendance.expert_id == expert_id,
                    m.Attendance.published.is_(True),
                    m.MeetingSession.date.between(date_from, date_to),
                )
            )
        )


def surname_key(name: str) -> str:
    """Sort key of a person's name by surname, accents and case ignored: titles and
    initials ("Dr.", "A.B.") and Dutch prefixes ("de", "van der") do not decide the order."""
    import unicodedata

    words = [w for w in name.replace(",", " ").split() if not w.endswith(".")]
    prefixes = {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "la",
        "le",
        "du",
        "da",
        "di",
        "von",
        "'t",
        "in",
    }
    while len(words) > 1 and words[0].lower() in prefixes:
        words = words[1:]
    plain = unicodedata.normalize("NFKD", " ".join(words) or name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def expert_choices(db: DatabaseLike) -> list[tuple[int, str]]:
    """``(id, "name — discipline — hospital")`` of the active experts, by surname, for a
    "my agenda" chooser: the hospital tells two experts of the same name apart."""
    with db.session() as s:
        rows = s.execute(
            select(m.Expert.id, m.Expert.name, m.Discipline.name, m.Hospital.name)
            .join(m.Discipline)
            .join(m.Hospital, m.Hospital.id == m.Expert.hospital_id)
            .where(m.Expert.active.is_(True))
        ).all()
        rows = sorted(rows, key=lambda r: (surname_key(r[1]), r[1], r[3]))
        return [(i, f"{n} — {d} — {h}") for i, n, d, h in rows]
