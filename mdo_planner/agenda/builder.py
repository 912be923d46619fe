"""Build the agenda of a session from plain data: order, time slots, sections, privacy.

The builder is the single place that decides what an agenda says; the exporters (PDF,
calendar, screen) only lay it out. That is what makes the privacy guarantee checkable: every
text an ``AgendaItem`` carries has already passed through the privacy mode and the BSN filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from mdo_planner.agenda.labels import check_language, tr
from mdo_planner.agenda.model import (
    Agenda,
    AgendaCase,
    AgendaItem,
    AgendaSession,
    Attendee,
    ExpertAgenda,
    PrivacyMode,
    Section,
)
from mdo_planner.agenda.ordering import OrderingPolicy, order_cases
from mdo_planner.agenda.privacy import check_privacy, default_privacy, patient_label, redact_bsn
from mdo_planner.agenda.timing import schedule


def group_attendees(
    attendees: Iterable[Attendee], core_disciplines: Sequence[str] = ()
) -> tuple[tuple[str, tuple[Attendee, ...]], ...]:
    """Attendees by discipline: the tumour group's core disciplines first, in their order.

    The chair checks the quorum at a glance down the core list; extra disciplines (clinical
    geneticist, geriatrician) follow alphabetically.
    """
    by_discipline: dict[str, list[Attendee]] = {}
    for person in attendees:
        by_discipline.setdefault(person.discipline, []).append(person)
    core = [d for d in core_disciplines if d in by_discipline]
    rest = sorted(d for d in by_discipline if d not in core_disciplines)
    out = []
    for code in core + rest:
        people = sorted(by_discipline[code], key=lambda a: (a.name.casefold(), a.expert_id))
        out.append((code, tuple(people)))
    return tuple(out)


def _item(
    case: AgendaCase,
    number: int,
    section: Section,
    start: datetime | None,
    privacy: PrivacyMode,
    language: str,
) -> AgendaItem:
    bsn = case.patient.bsn

    def clean(text: str) -> str:
        return redact_bsn(text or "", bsn)

    end = start + timedelta(minutes=case.minutes) if start is not None else None
    return AgendaItem(
        number=number,
        section=section,
        case_id=case.case_id,
        start=start.time() if start is not None else None,
        end=end.time() if end is not None else None,
        minutes=case.minutes if section == "discussion" else 0,
        patient=patient_label(case.patient, privacy, language),
        referring_hospital=clean(case.referring_hospital_name or case.referring_hospital),
        presenting_physician=clean(case.presenting_physician),
        tumour_group=clean(case.tumour_group),
        triage_level=case.triage_level,
        triage_reason=clean(case.triage_reason),
        extra_disciplines=tuple(case.extra_disciplines),
        question=clean(case.question),
        urgent=case.urgent,
        pathology_available=case.pathology_available,
        imaging_available=case.imaging_available,
        manual=case.manual_position is not None,
    )


def build_agenda(
    session: AgendaSession,
    cases: Sequence[AgendaCase],
    attendees: Iterable[Attendee] = (),
    *,
    privacy: str | None = None,
    site_privacy_default: str | None = None,
    policy: OrderingPolicy | None = None,
    core_disciplines: Sequence[str] = (),
    generated_at: datetime | None = None,
    language: str = "en",
    on_leave: Iterable[Attendee] = (),
) -> Agenda:
    """The agenda of one session.

    ``on_leave``: experts the published plan has attend who are on leave that day (leave
    entered after publishing). They are not printed among the attendees, so that nobody
    counts on them, and each is named in a warning until the day is planned again.

    ``cases`` are the session's cases plus the ``protocol`` cases listed for noting (those go
    to their own section without time). ``privacy`` defaults per :func:`default_privacy`.
    Cases still on ``hold`` do not belong on an agenda; they are left out with a warning.
    """
    mode = (
        check_privacy(privacy)
        if privacy
        else default_privacy(session.echelon, site_privacy_default)
    )
    lang = check_language(language)
    warnings: list[str] = []
    discuss: list[AgendaCase] = []
    noting: list[AgendaCase] = []
    for case in cases:
        if case.triage_level == "protocol":
            noting.append(case)
        elif case.triage_level == "hold":
            warnings.append(tr(lang, "warn_hold", case=case.case_id))
        else:
            discuss.append(case)

    slots = schedule(
        session.starts_at,
        discuss,
        lambda c: max(c.minutes, 0),
        order=lambda cs: order_cases(cs, policy),
    )
    ordered = [slot.item for slot in slots]
    items = [
        _item(slot.item, slot.position + 1, "discussion", slot.start, mode, lang) for slot in slots
    ]
    used = sum(max(c.minutes, 0) for c in ordered)
    if used > session.duration_min:
        warnings.append(
            tr(
                lang,
                "warn_overrun",
                used=used,
                duration=session.duration_min,
                over=used - session.duration_min,
            )
        )
    if session.cancelled:
        warnings.append(tr(lang, "warn_cancelled"))
    attendees = list(attendees)
    present = {a.discipline for a in attendees}
    for person in sorted(on_leave, key=lambda a: (a.name.casefold(), a.expert_id)):
        warnings.append(
            tr(
                lang,
                "warn_leave" if person.discipline in present else "warn_leave_uncovered",
                name=person.name,
                discipline=person.discipline_name or person.discipline,
            )
        )
    for number, case in enumerate(ordered, start=1):
        missing = [
            tr(lang, key)
            for key, ok in (
                ("pathology", case.pathology_available),
                ("imaging", case.imaging_available),
            )
            if ok is False
        ]
        if missing:
            warnings.append(
                tr(lang, "warn_missing", number=number, what=tr(lang, "and").join(missing))
            )

    noted = sorted(noting, key=lambda c: (c.referring_hospital, c.case_id))
    noting_items = [_item(c, n, "noting", None, mode, lang) for n, c in enumerate(noted, start=1)]
    return Agenda(
        session=session,
        privacy=mode,
        attendees=group_attendees(attendees, core_disciplines),
        items=tuple(items),
        noting=tuple(noting_items),
        warnings=tuple(warnings),
        generated_at=generated_at or datetime.now().replace(microsecond=0),
        language=lang,
    )


def expert_agenda(
    expert: Attendee,
    date_from: date,
    date_to: date,
    agendas: Iterable[Agenda],
    language: str = "en",
) -> ExpertAgenda:
    """ "My agenda": the sessions in ``[date_from, date_to]`` that ``expert`` attends.

    Sessions come in date and time order, so the specialist reads the week top to bottom.
    """
    mine = [
        a
        for a in agendas
        if date_from <= a.session.date <= date_to
        and any(p.expert_id == expert.expert_id for _, people in a.attendees for p in people)
    ]
    mine.sort(key=lambda a: (a.session.starts_at, a.session.session_id))
    return ExpertAgenda(
        expert=expert,
        date_from=date_from,
        date_to=date_to,
        agendas=tuple(mine),
        language=check_language(language),
    )
