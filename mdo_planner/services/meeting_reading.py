"""Meeting day, reading: a session's meeting state (agenda lines, attendees, the stored
record) for the meeting screen and the template.

Split from :mod:`mdo_planner.services.meeting_service`, which records meetings and re-exports
these names; this module only reads, so the recording side builds on it and not the reverse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.agenda.timing import schedule
from mdo_planner.contract_io.meeting_record import FORMAT, VERSION

from ._db import DatabaseLike
from .plan_rules import case_minutes

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class AgendaLine:
    """One case as the meeting room sees it, in agenda order."""

    case_id: int
    code: str
    section: str  # "discussion" or "noting"
    start: dt.time | None
    minutes: int
    patient: str
    question: str
    level: str
    urgent: bool
    hospital: str


@dataclass(frozen=True)
class Attendee:
    expert_id: int
    code: str
    name: str
    discipline: str
    planned: bool


@dataclass(frozen=True)
class MeetingState:
    """Everything the Meeting view shows for one session."""

    session_id: int
    code: str
    title: str
    date: dt.date
    start: dt.time
    duration_min: int
    echelon: str
    cancelled: bool
    lines: tuple[AgendaLine, ...]
    planned: tuple[Attendee, ...]
    #: The closed record (contract form) or None while the meeting is open.
    record: dict[str, Any] | None
    #: The autosaved work in progress, if any (contract form, possibly incomplete).
    draft: dict[str, Any] | None
    closed_at: dt.datetime | None
    closed_by: str | None
    amendments: int
    version: int | None
    #: The parts of ``title``, for an interface that words the echelon in its language.
    tumour_group: str = ""
    tumour_group_name: str = ""
    hospital_name: str = ""

    @property
    def closed(self) -> bool:
        return self.record is not None


class SessionChoice(NamedTuple):
    """One session of the Meeting view's picker: ``label`` in English, and its parts."""

    id: int
    label: str
    closed: bool
    date: dt.date
    start: dt.time
    tumour_group: str
    echelon: str
    hospital: str
    code: str


def find_session(s: Session, ref: str | int) -> m.MeetingSession:
    from .agenda_service import find_session as find

    return find(s, ref)


def _agenda_lines(s: Session, x: m.MeetingSession, language: str = "en") -> list[AgendaLine]:
    """The published agenda in its printed order (items, then those listed for noting);
    patients named in ``language`` (the interface's), as the agenda prints them for it."""
    from .agenda_service import AgendaSettings, build_session_agenda

    settings = AgendaSettings.from_site().for_interface(language)
    agenda = build_session_agenda(s, x.id, None, settings=settings)
    codes = [i.case_id for i in agenda.all_items]
    cases = {
        c.code: c
        for c in s.scalars(
            select(m.Case).options(selectinload(m.Case.hospital)).where(m.Case.code.in_(codes))
        )
    }
    out = []
    for item in agenda.all_items:
        c = cases[item.case_id]
        out.append(
            AgendaLine(
                c.id,
                c.code,
                item.section,
                item.start,
                item.minutes,
                item.patient,
                item.question,
                item.triage_level,
                c.urgent,
                c.hospital.code,
            )
        )
    return out


def _closed_lines(s: Session, meeting: m.Meeting, language: str = "en") -> list[AgendaLine]:
    """A closed meeting's cases, from its stored outcomes (the agenda may have moved on);
    patients are named as on the session's agenda (its default privacy mode, in
    ``language``)."""
    from mdo_planner.agenda.model import PatientData
    from mdo_planner.agenda.privacy import default_privacy, patient_label

    from .agenda_service import AgendaSettings

    out = []
    x = meeting.session
    site = AgendaSettings.from_site().for_interface(language)
    mode = default_privacy(x.echelon, site.privacy_default)

    def level_of(o: m.MeetingOutcome) -> str:
        return o.case.required_level or o.case.triage_level or "local"

    def minutes_of(o: m.MeetingOutcome) -> int:
        return 0 if o.outcome == "noted" else case_minutes(o.case.minutes, level_of(o))

    for slot in schedule(dt.datetime.combine(x.date, x.start_time), meeting.outcomes, minutes_of):
        o = slot.item
        c = o.case
        level = level_of(o)
        noting = o.outcome == "noted"
        minutes = minutes_of(o)
        out.append(
            AgendaLine(
                c.id,
                c.code,
                "noting" if noting else "discussion",
                None if noting else slot.start.time(),
                minutes,
                patient_label(
                    PatientData(
                        c.patient_ref, c.patient_name, c.birth_date, c.patient_number, c.bsn
                    ),
                    mode,
                    site.language,
                ),
                c.question or "",
                level,
                c.urgent,
                c.hospital.code,
            )
        )
    return out


def _meeting(s: Session, session_id: int) -> m.Meeting | None:
    return s.scalar(
        select(m.Meeting)
        .options(
            selectinload(m.Meeting.outcomes)
            .selectinload(m.MeetingOutcome.case)
            .selectinload(m.Case.hospital),
            selectinload(m.Meeting.outcomes).selectinload(m.MeetingOutcome.follow_up_case),
            selectinload(m.Meeting.attendees),
            selectinload(m.Meeting.chair),
            selectinload(m.Meeting.session),
        )
        .where(m.Meeting.session_id == session_id)
    )


def _planned_attendees(s: Session, session_id: int) -> list[Attendee]:
    rows = s.scalars(
        select(m.Attendance)
        .options(selectinload(m.Attendance.expert).selectinload(m.Expert.discipline))
        .where(m.Attendance.session_id == session_id, m.Attendance.published.is_(True))
    )
    out = [
        Attendee(a.expert.id, a.expert.code, a.expert.name, a.expert.discipline.code, True)
        for a in rows
    ]
    return sorted(out, key=lambda a: (a.discipline, a.name))


def record_of(meeting: m.Meeting) -> dict[str, Any]:
    """A closed meeting in contract form (what ``meeting record`` would accept back)."""
    cases = []
    for o in meeting.outcomes:
        item: dict[str, Any] = {"case": o.case.code, "outcome": o.outcome}
        if o.outcome == "discussed":
            follow_up = None
            if o.follow_up_on is not None:
                follow_up = {
                    "rediscuss_on": o.follow_up_on.isoformat(),
                    "echelon": o.follow_up_echelon,
                    "question": o.follow_up_question,
                }
            item.update(
                recommendation=o.recommendation,
                consensus=o.consensus,
                intent=o.intent,
                follow_up=follow_up,
                referral=o.referral,
            )
            if o.follow_up_case is not None:
                item["follow_up_case"] = o.follow_up_case.code
        elif o.outcome in ("deferred", "not_discussed"):
            item.update(reason=o.reason, note=o.note)
        if o.minutes is not None:
            item["minutes"] = o.minutes
        cases.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "session": meeting.session.code,
        "chair": meeting.chair.code,
        "attendance": [e.code for e in meeting.attendees],
        "cases": cases,
    }


def meeting_state(
    db: DatabaseLike, session_ref: str | int, *, language: str = "en"
) -> MeetingState:
    """The session's agenda, planned attendees, draft and (when closed) its record; the
    patients are named in ``language`` (the desktop passes its interface language)."""
    with db.session() as s:
        x = find_session(s, session_ref)
        meeting = _meeting(s, x.id)
        draft = s.get(m.MeetingDraft, x.id)
        lines = _closed_lines(s, meeting, language) if meeting else _agenda_lines(s, x, language)
        title = (
            f"{x.tumour_group.name} · {x.echelon} · {x.hospital.name} · "
            f"{x.date:%Y-%m-%d} {x.start_time:%H:%M}"
        )
        return MeetingState(
            x.id,
            x.code,
            title,
            x.date,
            x.start_time,
            x.duration_min,
            x.echelon,
            x.cancelled,
            tuple(lines),
            tuple(_planned_attendees(s, x.id)),
            record_of(meeting) if meeting else None,
            dict(draft.document) if draft is not None else None,
            meeting.closed_at if meeting else None,
            meeting.closed_by if meeting else None,
            meeting.amendments if meeting else 0,
            meeting.version if meeting else None,
            x.tumour_group.code,
            x.tumour_group.name,
            x.hospital.name,
        )


def sessions_on(db: DatabaseLike, date_from: dt.date, date_to: dt.date) -> list[SessionChoice]:
    """(key, label, closed, and the label's parts) of the sessions in a date range with a
    published agenda, for the Meeting view's session picker."""
    with db.session() as s:
        with_cases = select(m.Assignment.session_id).where(m.Assignment.published.is_(True))
        closed = set(s.scalars(select(m.Meeting.session_id)))
        rows = s.scalars(
            select(m.MeetingSession)
            .options(
                selectinload(m.MeetingSession.tumour_group), selectinload(m.MeetingSession.hospital)
            )
            .where(
                m.MeetingSession.date.between(date_from, date_to),
                m.MeetingSession.cancelled.is_(False),
                (m.MeetingSession.id.in_(with_cases)) | (m.MeetingSession.id.in_(closed)),
            )
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time, m.MeetingSession.code)
        ).all()
        return [
            SessionChoice(
                x.id,
                f"{x.date:%Y-%m-%d} {x.start_time:%H:%M} · {x.tumour_group.code} "
                f"{x.echelon} · {x.hospital.code} ({x.code})",
                x.id in closed,
                x.date,
                x.start_time,
                x.tumour_group.code,
                x.echelon,
                x.hospital.code,
                x.code,
            )
            for x in rows
        ]
