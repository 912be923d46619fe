"""Loading agendas from the database: sessions and experts by key or code, the published
cases and those listed for noting, and the site's agenda settings.

Split from :mod:`mdo_planner.services.agenda_service` (which exports, and re-exports these
names) so that both it and the week view's :mod:`mdo_planner.services.sessions_service` build
on one loader; this module imports neither.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.agenda import (
    Agenda,
    AgendaCase,
    AgendaSession,
    Attendee,
    ExpertAgenda,
    OrderingPolicy,
    PatientData,
    build_agenda,
    expert_agenda,
)
from mdo_planner.agenda.labels import LANGUAGES, check_language, tr, word
from mdo_planner.agenda.privacy import check_privacy
from mdo_planner.errors import UserError
from mdo_planner.infra import config
from mdo_planner.triage.complexity import COMPLEXITY_FLAGS

from ._db import DatabaseLike
from .plan_rules import case_minutes, on_leave_pairs

#: Complexity flags that make a discussion heavier (for "complex cases early"): every yes/no
#: complexity field of the contract but standard of care, which makes it lighter.
_WEIGHT_FLAGS = tuple(f for f in COMPLEXITY_FLAGS if f != "standard_of_care")
#: Cases in these states are no longer listed for noting.
_NOT_LISTED = ("withdrawn", "hold", "new")


@dataclass(frozen=True)
class AgendaSettings:
    """Site choices that shape agendas: default privacy, ordering policy, language."""

    privacy_default: str | None = None
    policy: OrderingPolicy = field(default_factory=OrderingPolicy)
    #: The language of the agenda's own words (``en`` or ``nl``), see ``agenda.labels``.
    language: str = "en"
    #: the site configuration names the language: agendas print in it whatever the
    #: interface language (otherwise the desktop prints in the interface's language)
    language_fixed: bool = False

    @classmethod
    def from_site(cls) -> AgendaSettings:
        """The user's privacy default, else the site's; the site's ordering and language."""
        site = config.load_site_config()
        user = config.load_user_settings()
        prefix = f"{site.path}: " if site.path else ""
        agenda = site.extra.get("agenda", {}) if site.extra else {}
        if not isinstance(agenda, dict):
            agenda = {}
        raw = agenda.get("ordering")
        language = agenda.get("language", "en")
        if language not in LANGUAGES:
            raise UserError(
                f"{prefix}agenda.language must be one of {', '.join(LANGUAGES)}, not {language!r}"
            )
        privacy = user.privacy_default or site.privacy_default
        return cls(
            privacy,
            OrderingPolicy.from_config(raw, f"{prefix}agenda.ordering"),
            language,
            "language" in agenda,
        )

    def for_interface(self, language: str) -> AgendaSettings:
        """The agenda language for a desktop user: the interface's, unless the site fixes
        one (a hospital that prints all agendas in Dutch for its archive)."""
        if self.language_fixed or language not in LANGUAGES:
            return self
        return replace(self, language=language)

    def with_language(self, language: str | None) -> AgendaSettings:
        """These settings with another language (``None`` keeps the current one)."""
        return self if language is None else replace(self, language=check_language(language))


# --------------------------------------------------------------------------- loading


def _find(s: Session, model: Any, ref: str | int) -> Any:
    """A row by database key (an ``int``, as screens pass it) or by its code (a ``str``, as
    people type it: ``S12``); a typed number that is no code falls back to the key."""
    if isinstance(ref, int):
        return s.get(model, ref)
    row = s.scalar(select(model).where(model.code == ref))
    if row is None and ref.isdigit():
        row = s.get(model, int(ref))
    return row


def find_session(s: Session, ref: str | int) -> m.MeetingSession:
    """A session by database key or code."""
    row: m.MeetingSession | None = _find(s, m.MeetingSession, ref)
    if row is None:
        raise UserError(f"there is no session with id {ref!r}")
    return row


def find_expert(s: Session, ref: str | int) -> m.Expert:
    """An expert by database key or code (``E7``)."""
    row: m.Expert | None = _find(s, m.Expert, ref)
    if row is None:
        raise UserError(f"there is no expert with id {ref!r}")
    return row


def _session_data(x: m.MeetingSession) -> AgendaSession:
    return AgendaSession(
        session_id=x.code,
        tumour_group=x.tumour_group.code,
        echelon=x.echelon,
        host_hospital=x.hospital.code,
        date=x.date,
        start=x.start_time,
        duration_min=x.duration_min,
        mode=x.mode,
        tumour_group_name=x.tumour_group.name,
        host_hospital_name=x.hospital.name,
        video_link=x.video_link,
        chair=x.chair,
        cancelled=x.cancelled,
    )


def _level(c: m.Case) -> str:
    return c.required_level or c.override_level or c.triage_level or "local"


def _triage_reason(c: m.Case, language: str = "en") -> str:
    """The fired rules' sentences in the agenda's language (English when a rule has none)."""
    parts = []
    for rule in c.triage_rules or []:
        if isinstance(rule, dict):
            text = (
                rule.get(f"reason_{language}") or rule.get("reason_en") or rule.get("reason") or ""
            )
            rid = rule.get("id", "")
            parts.append(
                f"{rid}: {text}" if rid and not str(text).startswith(str(rid)) else str(text or rid)
            )
    if c.override_level:
        # the product's words in the agenda's language; the clinician's reason as typed
        parts.append(
            tr(
                language,
                "overridden",
                level=word(language, c.override_level),
                by=c.override_by or "?",
                reason=c.override_reason or "",
            ).rstrip(": ")
        )
    return "; ".join(p for p in parts if p)


def _case_data(c: m.Case, assignment: m.Assignment | None, language: str = "en") -> AgendaCase:
    level = _level(c)
    complexity: dict[str, Any] = c.complexity or {}
    manual = None
    if assignment is not None and assignment.manual_order and assignment.position is not None:
        manual = assignment.position + 1

    def flag(name: str) -> bool | None:
        value = complexity.get(name)
        return bool(value) if value is not None else None

    return AgendaCase(
        case_id=c.code,
        patient=PatientData(
            reference=c.patient_ref,
            name=c.patient_name,
            birth_date=c.birth_date,
            hospital_number=c.patient_number,
            bsn=c.bsn,
        ),
        referring_hospital=c.hospital.code,
        referring_hospital_name=c.hospital.name,
        tumour_group=c.tumour_group.code,
        triage_level=level,
        minutes=0 if level == "protocol" else case_minutes(c.minutes, level),
        question=c.question or "",
        presenting_physician=c.presenting_physician or "",
        triage_reason=_triage_reason(c, language),
        extra_disciplines=tuple(d.code for d in c.extra_disciplines),
        urgent=c.urgent,
        pathology_available=flag("pathology_available"),
        imaging_available=flag("imaging_available"),
        complexity=sum(1 for name in _WEIGHT_FLAGS if complexity.get(name)),
        manual_position=manual,
    )


def _case_options() -> tuple[Any, ...]:
    return (
        selectinload(m.Case.hospital),
        selectinload(m.Case.tumour_group),
        selectinload(m.Case.extra_disciplines),
    )


def _noting_cases(s: Session, sessions: Sequence[m.MeetingSession]) -> dict[int, list[m.Case]]:
    """Protocol cases per local session: each on the next local session of its hospital and
    tumour group on or after its ready date."""
    local = [x for x in sessions if x.echelon == "local" and not x.cancelled]
    if not local:
        return {}
    pairs = {(x.hospital_id, x.tumour_group_id) for x in local}
    last = max(x.date for x in local)
    candidates = [
        c
        for c in s.scalars(
            select(m.Case)
            .options(*_case_options())
            .where(
                m.Case.required_level == "protocol",
                m.Case.ready_date <= last,
                m.Case.status.not_in(_NOT_LISTED),
                m.Case.hospital_id.in_({h for h, _ in pairs}),
                m.Case.tumour_group_id.in_({t for _, t in pairs}),
            )
        )
        if (c.hospital_id, c.tumour_group_id) in pairs
    ]
    if not candidates:
        return {}
    first = min(c.ready_date for c in candidates)
    series: dict[tuple[int, int], list[tuple[dt.date, dt.time, int]]] = defaultdict(list)
    for x in s.scalars(
        select(m.MeetingSession).where(
            m.MeetingSession.echelon == "local",
            m.MeetingSession.cancelled.is_(False),
            m.MeetingSession.date.between(first, last),
            m.MeetingSession.hospital_id.in_({h for h, _ in pairs}),
        )
    ):
        if (x.hospital_id, x.tumour_group_id) in pairs:
            series[(x.hospital_id, x.tumour_group_id)].append((x.date, x.start_time, x.id))
    for dates in series.values():
        dates.sort()
    wanted = {x.id for x in local}
    out: dict[int, list[m.Case]] = defaultdict(list)
    for c in candidates:
        dates = series.get((c.hospital_id, c.tumour_group_id), [])
        i = bisect.bisect_left(dates, (c.ready_date, dt.time.min, -1))
        if i < len(dates) and dates[i][2] in wanted:
            out[dates[i][2]].append(c)
    return out


def _agendas(
    s: Session,
    sessions: Sequence[m.MeetingSession],
    privacy: str | None,
    settings: AgendaSettings,
    now: dt.datetime | None = None,
) -> list[Agenda]:
    """Build the agendas of many sessions with a fixed number of queries."""
    ids = [x.id for x in sessions]
    if not ids:
        return []
    assignments: dict[int, list[m.Assignment]] = defaultdict(list)
    for a in s.scalars(
        select(m.Assignment)
        .options(selectinload(m.Assignment.case).options(*_case_options()))
        .where(m.Assignment.published.is_(True), m.Assignment.session_id.in_(ids))
    ):
        assignments[a.session_id].append(a)
    people: dict[int, list[Attendee]] = defaultdict(list)
    away_people: dict[int, list[Attendee]] = defaultdict(list)
    attending = list(
        s.scalars(
            select(m.Attendance)
            .options(
                selectinload(m.Attendance.expert).options(
                    selectinload(m.Expert.discipline), selectinload(m.Expert.hospital)
                )
            )
            .where(m.Attendance.published.is_(True), m.Attendance.session_id.in_(ids))
        )
    )
    days = {x.id: x.date for x in sessions}
    # leave entered after publishing: such an expert is not printed as attending
    away = on_leave_pairs(s, [(a.expert_id, days[a.session_id]) for a in attending])
    for att in attending:
        e = att.expert
        person = Attendee(e.code, e.name, e.discipline.code, e.discipline.name, e.hospital.code)
        if (att.expert_id, days[att.session_id]) in away:
            away_people[att.session_id].append(person)
        else:
            people[att.session_id].append(person)
    noting = _noting_cases(s, sessions)
    out = []
    for x in sessions:
        lang = settings.language
        cases = [_case_data(a.case, a, lang) for a in assignments.get(x.id, [])]
        cases += [_case_data(c, None, lang) for c in noting.get(x.id, [])]
        out.append(
            build_agenda(
                _session_data(x),
                cases,
                people.get(x.id, []),
                privacy=privacy,
                site_privacy_default=settings.privacy_default,
                policy=settings.policy,
                core_disciplines=[d.code for d in x.tumour_group.core_disciplines],
                generated_at=now,
                language=settings.language,
                on_leave=away_people.get(x.id, []),
            )
        )
    return out


def store_agenda_times(
    s: Session, session_ids: Sequence[int], settings: AgendaSettings | None = None
) -> None:
    """Store on each published case of these sessions the start its agenda prints.

    Why: ``Assignment.start_time`` is what the agenda-change notices send, and the agenda
    orders the cases nobody placed by hand with the site's policy (urgent, complex, grouped
    by hospital and physician). Storing the plan run's order at publishing gave a notice
    times the PDF did not show. Hand-ordered cases keep their stored position (the secretary's
    choice); the others take their place on the agenda. Cases on hold are not on an agenda
    and keep what they had.
    """
    if not session_ids:
        return
    sessions = s.scalars(_session_query().where(m.MeetingSession.id.in_(session_ids))).all()
    agendas = _agendas(s, sessions, None, settings or AgendaSettings.from_site())
    rows = {
        (a.session_id, a.case.code): a
        for a in s.scalars(
            select(m.Assignment)
            .options(selectinload(m.Assignment.case))
            .where(m.Assignment.published.is_(True), m.Assignment.session_id.in_(session_ids))
        )
    }
    for x, agenda in zip(sessions, agendas, strict=True):
        for place, item in enumerate(agenda.items):
            a = rows.get((x.id, item.case_id))
            if a is None:
                continue
            a.start_time = item.start
            if not a.manual_order:
                a.position = place


def _session_query() -> Any:
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


def build_session_agenda(
    s: Session,
    session_id: str | int,
    privacy: str | None = None,
    *,
    settings: AgendaSettings | None = None,
) -> Agenda:
    """The agenda of one session, inside the caller's transaction.

    ``privacy`` None means the default: pseudonymised for regional and supra-regional
    sessions (attendees from other hospitals), otherwise the site's default or ``full``.
    """
    if privacy is not None:
        check_privacy(privacy)
    row = find_session(s, session_id)
    x = s.scalars(_session_query().where(m.MeetingSession.id == row.id)).one()
    return _agendas(s, [x], privacy, settings or AgendaSettings.from_site())[0]


def _check_range(date_from: dt.date, date_to: dt.date) -> None:
    if date_from > date_to:
        raise UserError(f"--from {date_from} lies after --to {date_to}")


def agendas_in_range(
    s: Session,
    date_from: dt.date,
    date_to: dt.date,
    privacy: str | None = None,
    *,
    settings: AgendaSettings | None = None,
    include_cancelled: bool = False,
) -> list[Agenda]:
    """The agendas of all sessions in ``[date_from, date_to]``; an empty range is an error."""
    _check_range(date_from, date_to)
    if privacy is not None:
        check_privacy(privacy)
    q = _session_query().where(m.MeetingSession.date.between(date_from, date_to))
    if not include_cancelled:
        q = q.where(m.MeetingSession.cancelled.is_(False))
    sessions = list(s.scalars(q))
    if not sessions:
        raise UserError(f"there are no sessions between {date_from} and {date_to}")
    return _agendas(s, sessions, privacy, settings or AgendaSettings.from_site())


def my_agenda(
    db: DatabaseLike,
    expert_id: str | int,
    date_from: dt.date,
    date_to: dt.date,
    privacy: str | None = None,
    *,
    settings: AgendaSettings | None = None,
) -> ExpertAgenda:
    """ "My MDOs": the sessions an expert attends (published attendance) in a date range."""
    _check_range(date_from, date_to)
    with db.session() as s:
        return _my_agenda(s, expert_id, date_from, date_to, privacy, settings)


def _my_agenda(
    s: Session,
    expert_id: str | int,
    date_from: dt.date,
    date_to: dt.date,
    privacy: str | None,
    settings: AgendaSettings | None,
) -> ExpertAgenda:
    if privacy is not None:
        check_privacy(privacy)
    e = find_expert(s, expert_id)
    sessions = list(
        s.scalars(
            _session_query()
            .join(m.Attendance, m.Attendance.session_id == m.MeetingSession.id)
            .where(
                m.Attendance.expert_id == e.id,
                m.Attendance.published.is_(True),
                m.MeetingSession.cancelled.is_(False),
                m.MeetingSession.date.between(date_from, date_to),
            )
        )
    )
    if not sessions:
        raise UserError(
            f"expert {e.code} ({e.name}) attends no session between {date_from} and {date_to}"
        )
    me = Attendee(e.code, e.name, e.discipline.code, e.discipline.name, e.hospital.code)
    settings = settings or AgendaSettings.from_site()
    agendas = _agendas(s, sessions, privacy, settings)
    return expert_agenda(me, date_from, date_to, agendas, settings.language)
