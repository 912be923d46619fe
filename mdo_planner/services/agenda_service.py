"""Agendas from the database: build, export (PDF, iCalendar), "my MDOs", manual order.

The agenda shows the **published** plan (what specialists prepare for) plus the ``protocol``
cases listed for noting. A protocol case is not planned into discussion time: it is listed on
its hospital's *next local session of its tumour group*, i.e. the first non-cancelled local
session of that hospital and tumour group on or after the case's ready date.

Every export is audit-logged (who, which session or expert, which privacy mode, which file)
*before* the file is written, so no file with patient data exists that the trail does not know
about (NEN 7513); a write that then fails is recorded as failed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner import config
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
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.fileio import atomic_write_bytes
from mdo_planner.ics import expert_calendar, session_calendar
from mdo_planner.pdf import (
    agenda_pdf_bytes,
    batch_title,
    combined_pdf_bytes,
    expert_agenda_pdf_bytes,
    unique_file_names,
)

from ._db import DatabaseLike
from .base import audit
from .plan_rules import case_minutes

log = logging.getLogger(__name__)

#: Complexity flags that make a discussion heavier (for "complex cases early").
_WEIGHT_FLAGS = (
    "rare_tumour",
    "rare_molecular_alteration",
    "second_opinion",
    "no_consensus_previous",
    "centralised_procedure",
    "recurrence",
    "metastatic",
    "curative_options",
    "multimodal",
    "discordant_findings",
    "guideline_deviation",
    "trial_candidate",
    "frailty",
    "cognitive_impairment",
    "significant_comorbidity",
    "previous_treatment_failure",
    "psychosocial_issues",
    "conflicting_preference",
    "hereditary_suspected",
)
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


@dataclass(frozen=True)
class BatchResult:
    """What a batch export wrote."""

    files: tuple[Path, ...]
    combined: Path | None
    sessions: int


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
    row = _find(s, m.MeetingSession, ref)
    if row is None:
        raise UserError(f"there is no session with id {ref!r}")
    return row


def find_expert(s: Session, ref: str | int) -> m.Expert:
    """An expert by database key or code (``E7``)."""
    row = _find(s, m.Expert, ref)
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
    for att in s.scalars(
        select(m.Attendance)
        .options(
            selectinload(m.Attendance.expert).options(
                selectinload(m.Expert.discipline), selectinload(m.Expert.hospital)
            )
        )
        .where(m.Attendance.published.is_(True), m.Attendance.session_id.in_(ids))
    ):
        e = att.expert
        people[att.session_id].append(
            Attendee(e.code, e.name, e.discipline.code, e.discipline.name, e.hospital.code)
        )
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
            )
        )
    return out


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


# --------------------------------------------------------------------------- exports


@dataclass(frozen=True)
class _Output:
    """A file about to be written and the audit event that discloses it."""

    path: Path
    data: bytes
    kind: str  # "pdf" or "ics"
    entity: str
    entity_id: str
    privacy: str | None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The patients the file contains, by case code (NEN 7513: which patients' data left).
    case_ids: tuple[str, ...] = ()

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": self.kind, "file": self.path.name}
        if self.privacy is not None:
            out["privacy"] = self.privacy
        out.update(self.extra)
        return out


def _patients(agenda: Agenda) -> tuple[str, ...]:
    """Case codes on an agenda (discussed and noted), for the export's audit event."""
    return tuple(item.case_id for item in (*agenda.items, *agenda.noting))


def _check_target(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a file name")


def _write_logged(db: DatabaseLike, user: str, outputs: Sequence[_Output]) -> None:
    """Log the exports, then write the files (each atomically).

    The audit events are committed *before* any file exists, so there is never a file with
    patient data that the trail does not know about (NEN 7513); when writing then fails, an
    ``export_<kind>_failed`` event records which files were not written, and the error is
    raised.
    """
    with db.session() as s:
        for out in outputs:
            audit(
                s,
                user,
                f"export_{out.kind}",
                out.entity,
                out.entity_id,
                out.details(),
                case_ids=out.case_ids,
            )
    written = 0
    try:
        for out in outputs:
            atomic_write_bytes(out.path, out.data)
            written += 1
    except BaseException as exc:
        try:
            with db.session() as s:
                for out in outputs[written:]:
                    audit(
                        s,
                        user,
                        f"export_{out.kind}_failed",
                        out.entity,
                        out.entity_id,
                        {**out.details(), "error": str(exc)[:300]},
                        case_ids=out.case_ids,
                    )
        except Exception:  # the original error matters more than a failed follow-up event
            log.exception("could not record the failed export")
        if isinstance(exc, OSError):
            raise UserError(
                f"{outputs[written].path}: cannot write: {exc.strerror or exc}"
            ) from exc
        raise


def export_session_pdf(
    db: DatabaseLike,
    session_id: str | int,
    path: str | Path,
    *,
    user: str,
    privacy: str | None = None,
    settings: AgendaSettings | None = None,
    printed_at: dt.datetime | None = None,
) -> Path:
    """Write one session's agenda as PDF (atomically) and log who exported it."""
    target = Path(path)
    _check_target(target)
    with db.session() as s:
        agenda = build_session_agenda(s, session_id, privacy, settings=settings)
    data = agenda_pdf_bytes(agenda, printed_at=printed_at)
    _write_logged(
        db,
        user,
        [
            _Output(
                target,
                data,
                "pdf",
                "session",
                agenda.session.session_id,
                agenda.privacy,
                {"items": len(agenda.items), "noting": len(agenda.noting)},
                _patients(agenda),
            )
        ],
    )
    return target


def _render(agenda: Agenda, printed_at: dt.datetime | None) -> bytes:
    return agenda_pdf_bytes(agenda, printed_at=printed_at)


def render_many(
    agendas: Sequence[Agenda], printed_at: dt.datetime | None = None, workers: int | None = None
) -> list[bytes]:
    """Render PDFs, optionally on several processes.

    One process is the default: measured on the 2-core reference machine shared with other
    work, two processes gave no gain for a week of ~100 agendas (docs/benchmarks.md), and a
    frozen build would need ``freeze_support()`` in its entry point to spawn workers.
    """
    if workers is None or getattr(sys, "frozen", False):
        workers = 1
    workers = min(workers, os.cpu_count() or 1)
    if workers <= 1 or len(agendas) < 8:
        return [_render(a, printed_at) for a in agendas]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(
            pool.map(
                _render,
                agendas,
                [printed_at] * len(agendas),
                chunksize=max(1, len(agendas) // (workers * 4)),
            )
        )


def _prepare_dir(out_dir: str | Path) -> Path:
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder {folder}: {exc.strerror or exc}") from exc
    return folder


def export_range(
    db: DatabaseLike,
    date_from: dt.date,
    date_to: dt.date,
    out_dir: str | Path,
    *,
    user: str,
    privacy: str | None = None,
    combined: bool = False,
    settings: AgendaSettings | None = None,
    printed_at: dt.datetime | None = None,
    workers: int | None = None,
) -> BatchResult:
    """One PDF per (non-cancelled) session in the range, plus optionally one combined PDF.

    File names are ``2027-01-05_BREAST_local_H1.pdf`` (date, tumour group, echelon, host):
    predictable for the secretariat's folders and free of patient data. Everything is
    rendered before the first file is written, so a rendering error writes nothing.
    """
    printed_at = printed_at or dt.datetime.now().replace(microsecond=0)
    settings = settings or AgendaSettings.from_site()
    with db.session() as s:
        agendas = agendas_in_range(s, date_from, date_to, privacy, settings=settings)
    folder = _prepare_dir(out_dir)
    names = unique_file_names([a.session for a in agendas])
    outputs = [
        _Output(
            folder / name,
            data,
            "pdf",
            "session",
            a.session.session_id,
            a.privacy,
            {"items": len(a.items), "noting": len(a.noting), "batch": True},
            _patients(a),
        )
        for a, name, data in zip(
            agendas, names, render_many(agendas, printed_at, workers), strict=True
        )
    ]
    combined_path = None
    if combined:
        title = batch_title(date_from, date_to, settings.language)
        combined_path = folder / f"{date_from.isoformat()}_{date_to.isoformat()}_agendas.pdf"
        outputs.append(
            _Output(
                combined_path,
                combined_pdf_bytes(agendas, title=title, printed_at=printed_at),
                "pdf",
                "sessions",
                f"{date_from}..{date_to}",
                ",".join(sorted({a.privacy for a in agendas})),
                {"sessions": [a.session.session_id for a in agendas]},
                tuple(c for a in agendas for c in _patients(a)),
            )
        )
    _write_logged(db, user, outputs)
    files = tuple(o.path for o in outputs if o.path != combined_path)
    return BatchResult(files, combined_path, len(agendas))


def export_expert_pdf(
    db: DatabaseLike,
    expert_id: str | int,
    date_from: dt.date,
    date_to: dt.date,
    path: str | Path,
    *,
    user: str,
    privacy: str | None = None,
    settings: AgendaSettings | None = None,
    printed_at: dt.datetime | None = None,
) -> Path:
    """ "My MDOs" as one PDF for a specialist."""
    _check_range(date_from, date_to)
    target = Path(path)
    _check_target(target)
    with db.session() as s:
        mine = _my_agenda(s, expert_id, date_from, date_to, privacy, settings)
    data = expert_agenda_pdf_bytes(mine, printed_at=printed_at)
    _write_logged(
        db,
        user,
        [
            _Output(
                target,
                data,
                "pdf",
                "expert",
                mine.expert.expert_id,
                ",".join(sorted({a.privacy for a in mine.agendas})),
                {"sessions": [a.session.session_id for a in mine.agendas]},
                tuple(c for a in mine.agendas for c in _patients(a)),
            )
        ],
    )
    return target


def export_ics(
    db: DatabaseLike,
    path: str | Path,
    *,
    user: str,
    session_id: str | int | None = None,
    expert_id: str | int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    now: dt.datetime | None = None,
    settings: AgendaSettings | None = None,
) -> Path:
    """A calendar file for one session, or for one expert's sessions in a date range.

    Calendar files carry no patient data, so no privacy mode applies; the export is logged.
    """
    if (session_id is None) == (expert_id is None):
        raise UserError("give either a session or an expert")
    target = Path(path)
    _check_target(target)
    namespace = str(getattr(db, "url", ""))
    with db.session() as s:
        if session_id is not None:
            agenda = build_session_agenda(s, session_id, "minimal", settings=settings)
            output = _Output(
                target,
                session_calendar(agenda, namespace=namespace, now=now),
                "ics",
                "session",
                agenda.session.session_id,
                None,
            )
        else:
            if date_from is None or date_to is None:
                raise UserError("an expert's calendar needs --from and --to")
            _check_range(date_from, date_to)
            assert expert_id is not None
            mine = _my_agenda(s, expert_id, date_from, date_to, "minimal", settings)
            output = _Output(
                target,
                expert_calendar(
                    mine.expert, mine.agendas, namespace=namespace, now=now, language=mine.language
                ),
                "ics",
                "expert",
                mine.expert.expert_id,
                None,
                {"sessions": [a.session.session_id for a in mine.agendas]},
            )
    _write_logged(db, user, [output])
    return target


# --------------------------------------------------------------------------- manual order


def reorder(
    db: DatabaseLike, session_id: str | int, ordered_case_ids: Iterable[str | int], user: str
) -> None:
    """Store the secretary's order of a session's agenda (case codes or database keys).

    Every published case of the session must be named once; an order that misses one (someone
    else changed the agenda meanwhile) is refused as a conflict. The order is kept as manual
    positions, which re-planning of other cases does not touch (see
    :func:`mdo_planner.agenda.order_cases`). This is the one reorder: the week view's
    (:mod:`mdo_planner.services.sessions_service`) and the agenda screen both call it.
    """
    wanted = list(ordered_case_ids)
    with db.session() as s:
        x = find_session(s, session_id)
        rows = {
            a.case_id: a
            for a in s.scalars(
                select(m.Assignment)
                .options(selectinload(m.Assignment.case))
                .where(m.Assignment.published.is_(True), m.Assignment.session_id == x.id)
            )
        }
        published = {a.case.code: cid for cid, a in rows.items()}
        ids = []
        for ref in wanted:
            if isinstance(ref, int) and ref in rows:  # a screen passes database keys
                ids.append(ref)
            elif isinstance(ref, str) and ref in published:  # people type case codes
                ids.append(published[ref])
            elif isinstance(ref, str) and ref.isdigit() and int(ref) in rows:
                ids.append(int(ref))
            else:
                raise UserError(f"case {ref!r} is not on the published agenda of session {x.code}")
        if len(set(ids)) != len(ids):
            raise UserError(f"the new order of session {x.code} names a case twice")
        if set(rows) != set(ids):
            raise ConflictError("This agenda was changed by someone else; reload and try again")
        start = dt.datetime.combine(dt.date.min, x.start_time)
        for pos, cid in enumerate(ids):
            a = rows[cid]
            a.position = pos
            a.manual_order = True
            a.start_time = start.time()
            start += dt.timedelta(
                minutes=case_minutes(a.case.minutes, a.case.required_level or "local")
            )
        audit(s, user, "reorder", "session", str(x.id), {"cases": ids})
