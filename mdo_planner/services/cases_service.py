"""The secretary's case worklist and the case intake form, as plain functions.

The worklist lives in :mod:`mdo_planner.services.case_worklist` (its names are re-exported
here, so callers keep one module to import); the intake form is below.

The worklist can hold a whole country's cases (the national scenario has ~11,500), so the
desktop model keeps only ids and asks for rows in blocks (:func:`case_rows`); filtering and
ordering happen here, in SQL, where indexes make them cheap (:func:`list_case_ids`).

Saving a case is a single transaction with an optimistic version check: when a colleague
saved the same case first, :class:`~mdo_planner.errors.ConflictError` is raised and nothing
is written, so the form that called us can keep the user's values and explain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError

from . import triage_service
from ._db import DatabaseLike
from .base import audit, check_version
from .case_worklist import AT_RISK_DAYS as AT_RISK_DAYS
from .case_worklist import BSN_RE as BSN_RE
from .case_worklist import HISTORY_LIMIT, is_valid_bsn
from .case_worklist import OPEN_STATUSES as OPEN_STATUSES
from .case_worklist import RISK_AT_RISK as RISK_AT_RISK
from .case_worklist import RISK_CLOSED as RISK_CLOSED
from .case_worklist import RISK_LATE as RISK_LATE
from .case_worklist import RISK_OK as RISK_OK
from .case_worklist import RISK_OVERDUE as RISK_OVERDUE
from .case_worklist import RISKS as RISKS
from .case_worklist import SORT_KEYS as SORT_KEYS
from .case_worklist import CaseFilters as CaseFilters
from .case_worklist import CaseRow as CaseRow
from .case_worklist import Choice as Choice
from .case_worklist import ReferenceData as ReferenceData
from .case_worklist import SearchIndex as SearchIndex
from .case_worklist import audit_typed_search as audit_typed_search
from .case_worklist import case_rows as case_rows
from .case_worklist import count_cases as count_cases
from .case_worklist import deadline_risk as deadline_risk
from .case_worklist import fold as fold
from .case_worklist import list_case_ids as list_case_ids
from .case_worklist import mask_bsn as mask_bsn
from .case_worklist import match_text as match_text
from .case_worklist import reference_data as reference_data
from .case_worklist import risk_counts as risk_counts
from .case_worklist import search_index as search_index
from .case_worklist import typed_bsn as typed_bsn

# --------------------------------------------------------------------------- intake form


@dataclass
class CaseInput:
    """The fields a secretary types on the intake form (one registration)."""

    patient_ref: str = ""
    bsn: str = ""
    birth_date: dt.date | None = None
    hospital_id: int | None = None
    presenting_physician: str = ""
    tumour_group_id: int | None = None
    question: str = ""
    ready_date: dt.date | None = None
    due_date: dt.date | None = None
    urgent: bool = False
    complexity: dict[str, Any] | None = None
    patient_name: str = ""
    #: The hospital's own patient number (registrations from a hospital system carry it).
    patient_number: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    user: str
    action: str


@dataclass
class CaseDetail:
    """A stored case as the editor shows it, with its triage state and version."""

    id: int
    code: str
    version: int
    status: str
    data: CaseInput
    triage_level: str | None
    triage_rules: list[dict[str, Any]]
    required_level: str | None
    confirmed_by: str | None
    confirmed_at: dt.datetime | None
    override_level: str | None
    override_reason: str | None
    override_by: str | None
    needs_review: bool
    extra_disciplines: tuple[str, ...]
    minutes: int | None
    session_date: dt.date | None = None
    created_by: str | None = None
    #: The latest audit events of the case, newest first (who did what, when).
    history: list[HistoryEntry] = field(default_factory=list)


class CaseValidationError(UserError):
    """The form has mistakes; ``errors`` maps each field name to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


#: Field names of :class:`CaseInput`, the keys of :attr:`CaseValidationError.errors`.
INPUT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CaseInput))


def validate_case_input(data: CaseInput, *, today: dt.date | None = None) -> dict[str, str]:
    """All mistakes of a registration, per field (empty when it can be saved).

    The messages are English here; the UI translates the keys it knows (see
    ``ui.workspaces.case_editor``), so the service stays usable from the command line.
    """
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if not data.patient_ref.strip():
        errors["patient_ref"] = "required"
    elif len(data.patient_ref.strip()) > 64:
        errors["patient_ref"] = "at most 64 characters"
    bsn = data.bsn.strip()
    if bsn and not is_valid_bsn(bsn):
        errors["bsn"] = "not a valid BSN (9 digits passing the elfproef)"
    if data.birth_date is not None and data.birth_date > today:
        errors["birth_date"] = "lies in the future"
    if data.hospital_id is None:
        errors["hospital_id"] = "required"
    if data.tumour_group_id is None:
        errors["tumour_group_id"] = "required"
    if data.ready_date is None:
        errors["ready_date"] = "required"
    if data.due_date is None:
        errors["due_date"] = "required"
    if data.ready_date and data.due_date and data.due_date < data.ready_date:
        errors["due_date"] = "before the ready date"
    if data.complexity is not None:
        from mdo_planner.triage.complexity import Complexity

        try:
            Complexity.from_dict(data.complexity)
        except UserError as exc:
            errors["complexity"] = str(exc)
    # What the columns can hold (lengths, no NUL, valid Unicode, sane dates), the same rules
    # as every import, so a form never sends PostgreSQL what it would refuse.
    from mdo_planner.infra.limits import column_problem

    for name, column, value in (
        ("patient_ref", m.Case.patient_ref, data.patient_ref.strip()),
        ("patient_name", m.Case.patient_name, data.patient_name.strip()),
        ("presenting_physician", m.Case.presenting_physician, data.presenting_physician.strip()),
        ("question", m.Case.question, data.question.strip()),
        ("birth_date", m.Case.birth_date, data.birth_date),
        ("ready_date", m.Case.ready_date, data.ready_date),
        ("due_date", m.Case.due_date, data.due_date),
        ("complexity", m.Case.complexity, data.complexity),
    ):
        if name not in errors and (problem := column_problem(value, column)) is not None:
            errors[name] = problem
    return errors


#: The database column each text field of the form is stored in.
_FIELD_COLUMNS: dict[str, Any] = {
    "patient_ref": m.Case.patient_ref,
    "patient_name": m.Case.patient_name,
    "patient_number": m.Case.patient_number,
    "presenting_physician": m.Case.presenting_physician,
    "question": m.Case.question,
}


def max_length(field_name: str) -> int | None:
    """The most characters a text field of the form can hold (None: no limit), from the
    column definition, so the form's inputs and the storage rules cannot drift apart."""
    from mdo_planner.infra.limits import limit_of

    return limit_of(_FIELD_COLUMNS[field_name]).max_length


def _check(data: CaseInput) -> None:
    errors = validate_case_input(data)
    if errors:
        raise CaseValidationError(errors)


def _write_fields(case: m.Case, data: CaseInput) -> None:
    case.patient_ref = data.patient_ref.strip()
    case.patient_name = data.patient_name.strip() or None
    if data.patient_number.strip():  # the form does not show it: never blank it from there
        case.patient_number = data.patient_number.strip()
    case.bsn = data.bsn.strip() or None
    case.birth_date = data.birth_date
    assert data.hospital_id is not None and data.tumour_group_id is not None
    assert data.ready_date is not None and data.due_date is not None
    case.hospital_id = data.hospital_id
    case.presenting_physician = data.presenting_physician.strip() or None
    case.tumour_group_id = data.tumour_group_id
    case.question = data.question.strip()
    case.ready_date = data.ready_date
    case.due_date = data.due_date
    case.urgent = data.urgent
    case.complexity = data.complexity


def _new_code(s: Session, today: dt.date) -> str:
    prefix = f"C{today:%y%m%d}-"
    existing = s.scalars(select(m.Case.code).where(m.Case.code.like(f"{prefix}%"))).all()
    numbers = [int(c[len(prefix) :]) for c in existing if c[len(prefix) :].isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:03d}"


def create_case(db: DatabaseLike, data: CaseInput, *, user: str) -> int:
    """Register a new case (status ``new``); returns its id. Audit-logged."""
    _check(data)
    with db.session() as s:
        return _create(s, data, user).id


def _create(
    s: Session,
    data: CaseInput,
    user: str,
    *,
    source: str | None = None,
    extra_discipline_ids: tuple[int, ...] = (),
    minutes: int | None = None,
) -> m.Case:
    """One registration as the intake form stores it: status ``new``, triaged when it has
    complexity data, audit-logged. Shared by the form and the file/FHIR imports so that an
    imported case is indistinguishable from a typed one."""
    case = m.Case(code=_new_code(s, dt.date.today()), created_by=user, status="new")
    _write_fields(case, data)
    case.minutes = minutes
    if extra_discipline_ids:
        case.extra_disciplines = [s.get_one(m.Discipline, i) for i in extra_discipline_ids]
    s.add(case)
    s.flush()
    _retriage(s, case, user)
    details: dict[str, Any] = {"id": case.id}
    if source:
        details["source"] = source
    audit(s, "case.create", "case", case.code, details, user=user)
    return case


@dataclass(frozen=True)
class NewRegistration:
    """A registration from another system, validated, with what the form does not carry."""

    data: CaseInput
    extra_discipline_ids: tuple[int, ...] = ()
    minutes: int | None = None


def register_cases(
    s: Session, items: list[NewRegistration], *, user: str, source: str
) -> list[m.Case]:
    """Register many cases in the caller's transaction, exactly as :func:`create_case` does
    (same checks, same triage, same audit events), so a file import is all-or-nothing."""
    created = []
    for item in items:
        _check(item.data)
        created.append(
            _create(
                s,
                item.data,
                user,
                source=source,
                extra_discipline_ids=item.extra_discipline_ids,
                minutes=item.minutes,
            )
        )
    return created


def save_case(
    db: DatabaseLike, case_id: int, data: CaseInput, *, expected_version: int, user: str
) -> int:
    """Save the intake form of an existing case; returns the new version.

    ``expected_version`` is the version the form was loaded with. If the stored case has
    moved on, nothing is written and :class:`ConflictError` tells the user to reload.
    """
    _check(data)
    with db.session() as s:
        case = s.get(m.Case, case_id)
        if case is None:
            raise UserError(f"case {case_id} no longer exists (deleted by someone else?)")
        check_version(case, f"case {case.code}", expected_version=expected_version)
        _write_fields(case, data)
        _retriage(s, case, user)
        audit(s, "case.update", "case", case.code, {"id": case.id}, user=user)
        s.flush()
        return case.version


def _retriage(s: Session, case: m.Case, user: str) -> None:
    """Recompute the stored recommendation after an edit (triage service rules).

    A level a clinician confirmed or overrode is never replaced silently: the triage service
    flags the case for review instead. Cases registered with only a stated echelon (no
    complexity data) keep that echelon.
    """
    if case.complexity is None:
        return
    s.flush()
    triage_service.triage_case(s, case.id, user=user)


def confirm_level(
    db: DatabaseLike,
    case_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    on_behalf_of: str | None = None,
) -> list[str]:
    """A clinician accepts the current recommendation; returns warnings for the screen."""
    with db.session() as s:
        return triage_service.confirm(
            s, case_id, expected_version=expected_version, on_behalf_of=on_behalf_of, user=user
        )


def override_level(
    db: DatabaseLike,
    case_id: int,
    level: str,
    reason: str,
    *,
    user: str,
    expected_version: int | None = None,
    on_behalf_of: str | None = None,
) -> list[str]:
    """A clinician chooses another level than recommended; the reason is mandatory."""
    with db.session() as s:
        return triage_service.override(
            s,
            case_id,
            level,
            reason,
            expected_version=expected_version,
            on_behalf_of=on_behalf_of,
            user=user,
        )


def keep_level(
    db: DatabaseLike,
    case_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    on_behalf_of: str | None = None,
) -> None:
    """After "recommendation changed": the clinician keeps the decided level."""
    with db.session() as s:
        triage_service.keep_decision(
            s, case_id, expected_version=expected_version, on_behalf_of=on_behalf_of, user=user
        )


def rule_set_for(db: DatabaseLike, hospital_id: int | None, tumour_group_code: str) -> Any:
    """The rule set the stored triage would use, so the editor's live preview agrees with it."""
    with db.session() as s:
        network_id = None
        if hospital_id is not None:
            hospital = s.get(m.Hospital, hospital_id)
            network_id = hospital.network_id if hospital else None
        return triage_service.active_rule_set(s, network_id, tumour_group_code).rule_set


def get_case(db: DatabaseLike, case_id: int, *, user: str | None = None) -> CaseDetail:
    """Everything the case editor shows of one case.

    With ``user`` this is a person opening the case: one ``case.view`` event naming it
    (NEN 7513), in the same transaction as the read."""
    with db.session() as s:
        case = s.scalar(
            select(m.Case)
            .where(m.Case.id == case_id)
            .options(selectinload(m.Case.extra_disciplines))
        )
        if case is None:
            raise UserError(f"case {case_id} does not exist")
        if user is not None:
            audit(s, "case.view", "case", case.code, case_ids=[case.code], user=user)
        session_date = s.scalar(
            select(m.MeetingSession.date)
            .join(m.Assignment, m.Assignment.session_id == m.MeetingSession.id)
            .where(and_(m.Assignment.case_id == case.id, m.Assignment.published.is_(True)))
        )
        data = CaseInput(
            patient_ref=case.patient_ref,
            bsn=case.bsn or "",
            birth_date=case.birth_date,
            hospital_id=case.hospital_id,
            presenting_physician=case.presenting_physician or "",
            tumour_group_id=case.tumour_group_id,
            question=case.question or "",
            ready_date=case.ready_date,
            due_date=case.due_date,
            urgent=case.urgent,
            complexity=dict(case.complexity) if case.complexity is not None else None,
            patient_name=case.patient_name or "",
            patient_number=case.patient_number or "",
        )
        events = s.execute(
            select(m.AuditEvent.at, m.AuditEvent.user, m.AuditEvent.action)
            .where(m.AuditEvent.entity == "case", m.AuditEvent.entity_id == case.code)
            .order_by(m.AuditEvent.at.desc(), m.AuditEvent.id.desc())
            .limit(HISTORY_LIMIT)
        ).all()
        history = [
            HistoryEntry(at if at.tzinfo else at.replace(tzinfo=dt.UTC), user, action)
            for at, user, action in events
        ]
        return CaseDetail(
            history=history,
            id=case.id,
            code=case.code,
            version=case.version,
            status=case.status,
            data=data,
            triage_level=case.triage_level,
            triage_rules=list(case.triage_rules or []),
            required_level=case.required_level,
            confirmed_by=case.confirmed_by,
            confirmed_at=case.confirmed_at,
            override_level=case.override_level,
            override_reason=case.override_reason,
            override_by=case.override_by,
            needs_review=case.needs_review,
            extra_disciplines=tuple(d.code for d in case.extra_disciplines),
            minutes=case.minutes,
            session_date=session_date,
            created_by=case.created_by,
        )
