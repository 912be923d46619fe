"""The secretary's case worklist and the case intake form, as plain functions.

The worklist can hold a whole country's cases (the national scenario has ~11,500), so the
desktop model keeps only ids and asks for rows in blocks (:func:`case_rows`); filtering and
ordering happen here, in SQL, where indexes make them cheap (:func:`list_case_ids`).

Saving a case is a single transaction with an optimistic version check: when a colleague
saved the same case first, :class:`~mdo_planner.errors.ConflictError` is raised and nothing
is written, so the form that called us can keep the user's values and explain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError

from . import triage_service
from ._db import DatabaseLike
from .base import audit, check_version

#: Statuses that still need a discussion (the worklist's default view and risk computation).
OPEN_STATUSES: tuple[str, ...] = ("new", "hold", "ready", "planned", "deferred", "not_discussed")
#: Days before the due date from which an unplanned case counts as "at risk".
AT_RISK_DAYS = 7

#: Deadline risk, worst first; the UI shows each with a colour *and* an icon and text.
RISK_OVERDUE = "overdue"  # open, past its due date and not planned in time
RISK_LATE = "late"  # planned, but in a session after the due date
RISK_AT_RISK = "at_risk"  # open, due within AT_RISK_DAYS and not planned yet
RISK_OK = "ok"
RISK_CLOSED = "closed"  # discussed or withdrawn: no risk any more
RISKS: tuple[str, ...] = (RISK_OVERDUE, RISK_LATE, RISK_AT_RISK, RISK_OK, RISK_CLOSED)

#: Columns the worklist can be ordered by (service name -> SQL expression built below).
SORT_KEYS: tuple[str, ...] = (
    "risk",
    "code",
    "patient",
    "hospital",
    "tumour_group",
    "level",
    "status",
    "ready",
    "due",
    "planned",
    "physician",
    "question",
)

#: Audit events shown with a case in the editor.
HISTORY_LIMIT = 8

BSN_RE = re.compile(r"^\d{9}$")


# --------------------------------------------------------------------------- BSN


def is_valid_bsn(value: str) -> bool:
    """The Dutch burgerservicenummer check ("elfproef"): 9 digits, weighted sum divisible by 11.

    Weights are 9, 8, ..., 2 for the first eight digits and -1 for the last. All-zero is
    rejected although it passes the arithmetic: it is never issued and is a typical
    placeholder typed to get past a form.
    """
    if not isinstance(value, str) or not BSN_RE.match(value):
        return False
    if value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def mask_bsn(value: str | None) -> str:
    """``*****1234``-style masking so a BSN on screen is not readable over a shoulder."""
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]


# --------------------------------------------------------------------------- worklist


@dataclass(frozen=True)
class CaseFilters:
    """What the worklist shows; ``None``/empty means "any"."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    tumour_group_id: int | None = None
    hospital_id: int | None = None
    #: Effective level: the override, else the confirmed/required level, else the recommendation.
    level: str | None = None
    due_within_days: int | None = None
    needs_review: bool = False
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One worklist line: only what the table shows, cheap to fetch in blocks."""

    id: int
    code: str
    patient_ref: str
    hospital_code: str
    hospital_name: str
    tumour_group_code: str
    tumour_group_name: str
    level: str | None
    level_confirmed: bool
    needs_review: bool
    status: str
    urgent: bool
    ready_date: dt.date
    due_date: dt.date
    session_date: dt.date | None
    physician: str
    question: str
    risk: str


def _effective_level() -> Any:
    return func.coalesce(m.Case.override_level, m.Case.required_level, m.Case.triage_level)


def _published_session_date() -> Any:
    """Correlated subquery: date of the case's session in the published plan (or NULL)."""
    return (
        select(m.MeetingSession.date)
        .join(m.Assignment, m.Assignment.session_id == m.MeetingSession.id)
        .where(m.Assignment.case_id == m.Case.id, m.Assignment.published.is_(True))
        .limit(1)
        .scalar_subquery()
    )


def deadline_risk(status: str, due: dt.date, session_date: dt.date | None, today: dt.date) -> str:
    """Classify a case's deadline risk (pure, so the UI and reports agree)."""
    if status not in OPEN_STATUSES:
        return RISK_CLOSED
    if session_date is not None:
        if session_date > due:
            return RISK_LATE
        return RISK_OK
    if due < today:
        return RISK_OVERDUE
    if (due - today).days <= AT_RISK_DAYS:
        return RISK_AT_RISK
    return RISK_OK


def _apply_filters(stmt: Select[Any], f: CaseFilters) -> Select[Any]:
    today = f.today or dt.date.today()
    if f.statuses:
        stmt = stmt.where(m.Case.status.in_(f.statuses))
    if f.tumour_group_id is not None:
        stmt = stmt.where(m.Case.tumour_group_id == f.tumour_group_id)
    if f.hospital_id is not None:
        stmt = stmt.where(m.Case.hospital_id == f.hospital_id)
    if f.level:
        stmt = stmt.where(_effective_level() == f.level)
    if f.due_within_days is not None:
        stmt = stmt.where(
            m.Case.due_date <= today + dt.timedelta(days=f.due_within_days),
            m.Case.status.in_(OPEN_STATUSES),
        )
    if f.needs_review:
        stmt = stmt.where(m.Case.needs_review.is_(True))
    text = f.text.strip()
    if text:
        bsn = typed_bsn(text)
        if bsn is not None:  # a full BSN is matched exactly, never as a part of a number
            return stmt.where(m.Case.bsn == bsn)
        for word in text.split():
            pattern = f"%{_escape_like(word)}%"
            stmt = stmt.where(
                or_(
                    m.Case.code.ilike(pattern, escape="\\"),
                    m.Case.patient_ref.ilike(pattern, escape="\\"),
                    m.Case.patient_name.ilike(pattern, escape="\\"),
                    m.Case.patient_number.ilike(pattern, escape="\\"),
                    m.Case.presenting_physician.ilike(pattern, escape="\\"),
                    m.Case.question.ilike(pattern, escape="\\"),
                    m.Hospital.code.ilike(pattern, escape="\\"),
                    m.TumourGroup.code.ilike(pattern, escape="\\"),
                )
            )
    return stmt


def typed_bsn(text: str) -> str | None:
    """The BSN a search box holds when it holds nothing but one (spaces, dots or dashes
    between the digit groups allowed), else None."""
    digits = re.sub(r"[\s.\-]", "", text)
    return digits if len(digits) == 9 and digits.isdigit() and is_valid_bsn(digits) else None


def fold(text: str) -> str:
    """Lower case without accents ("Zoë Ĳsselstein" → "zoe ijsselstein"), so that a caller's
    spelling finds the patient whatever the keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _risk_rank(today: dt.date) -> Any:
    """:func:`deadline_risk` in SQL, as a rank: overdue 0, late 1, at risk 2, ok 3, closed 4."""
    session = _published_session_date()
    return case(
        (m.Case.status.not_in(OPEN_STATUSES), 4),
        (and_(session.is_not(None), session > m.Case.due_date), 1),
        (session.is_not(None), 3),
        (m.Case.due_date < today, 0),
        (m.Case.due_date <= today + dt.timedelta(days=AT_RISK_DAYS), 2),
        else_=3,
    )


def _sort_expression(key: str, today: dt.date) -> Any:
    if key == "risk":
        return _risk_rank(today)
    return {
        "code": m.Case.code,
        "patient": m.Case.patient_ref,
        "hospital": m.Hospital.code,
        "tumour_group": m.TumourGroup.code,
        "level": _effective_level(),
        "status": m.Case.status,
        "ready": m.Case.ready_date,
        "due": m.Case.due_date,
        "planned": _published_session_date(),
        "physician": m.Case.presenting_physician,
        "question": m.Case.question,
    }[key]


def list_case_ids(
    db: DatabaseLike,
    filters: CaseFilters | None = None,
    *,
    order_by: str = "due",
    descending: bool = False,
    user: str | None = None,
) -> list[int]:
    """Ids of the cases matching ``filters``, ordered by ``order_by`` (one of SORT_KEYS).

    With ``user`` the search is a person's (the worklist's): it is audited as one
    ``case.search`` event naming the filter and the cases found."""
    if order_by not in SORT_KEYS:
        raise UserError(
            f"cannot sort cases by {order_by!r}; expected one of {', '.join(SORT_KEYS)}"
        )
    filters = filters or CaseFilters()
    expr = _sort_expression(order_by, filters.today or dt.date.today())
    stmt = (
        select(m.Case.id)
        .join(m.Hospital, m.Hospital.id == m.Case.hospital_id)
        .join(m.TumourGroup, m.TumourGroup.id == m.Case.tumour_group_id)
    )
    stmt = _apply_filters(stmt, filters)
    primary = expr.desc() if descending else expr.asc()
    secondary = [m.Case.due_date] if order_by == "risk" else []
    stmt = stmt.order_by(
        primary.nulls_last(), *secondary, m.Case.id.desc() if descending else m.Case.id
    )
    with db.session() as s:
        ids = list(s.scalars(stmt))
        if user is not None:
            # NEN 7513: a search discloses which patients matched; one event, with the filter.
            codes = s.scalars(select(m.Case.code).where(m.Case.id.in_(ids))).all() if ids else []
            audit(
                s,
                user,
                "case.search",
                "case",
                None,
                {"filter": _filter_details(filters), "order_by": order_by, "found": len(ids)},
                case_ids=codes,
            )
        return ids


def _filter_details(f: CaseFilters) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in f.__dataclass_fields__:
        value = getattr(f, name)
        if value in (None, "", (), frozenset(), set(), [], False) or name == "today":
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, set | frozenset | tuple | list):
            value = sorted(str(v) for v in value)
        out[name] = value
    return out


def risk_counts(db: DatabaseLike, *, today: dt.date | None = None) -> dict[str, int]:
    """How many cases carry each deadline risk (the worklist's headline: what needs action)."""
    rank = _risk_rank(today or dt.date.today()).label("rank")
    with db.session() as s:
        rows = s.execute(select(rank, func.count()).select_from(m.Case).group_by(rank)).all()
    counts = dict.fromkeys(RISKS, 0)
    for r, n in rows:
        counts[RISKS[int(r)]] = int(n)
    return counts


@dataclass
class SearchIndex:
    """What the worklist matches each keystroke against, held in memory only.

    ``entries`` are (case id, folded text of code, patient reference, name, hospital patient
    number, physician, question, hospital and tumour group). The BSN is not among them: each
    case's BSN is kept only as an HMAC-SHA-256 under ``_key``, a random key made for this index
    and never stored, so that a full BSN typed in the box is found, no part of one is, and
    nothing in memory (or in a crash dump of it) reads back as a BSN or as a hash anyone
    could compute without the key.
    """

    entries: list[tuple[int, str]]
    bsn_hashes: dict[bytes, frozenset[int]]
    _key: bytes = field(repr=False, default=b"")

    def bsn_digest(self, bsn: str) -> bytes:
        return hmac.new(self._key, bsn.encode(), hashlib.sha256).digest()


def search_index(db: DatabaseLike) -> SearchIndex:
    """The worklist's in-memory :class:`SearchIndex` of every case, for instant search while
    typing.

    The desktop worklist loads this once (about 1 MB for 11,500 cases) and matches each
    keystroke in memory with :func:`match_text`, because even an indexed-less ``LIKE`` over
    eight columns costs tens of milliseconds per keystroke on a national database.
    """
    stmt = (
        select(
            m.Case.id,
            m.Case.bsn,
            m.Case.code,
            m.Case.patient_ref,
            m.Case.patient_name,
            m.Case.patient_number,
            m.Case.presenting_physician,
            m.Case.question,
            m.Hospital.code,
            m.TumourGroup.code,
        )
        .join(m.Hospital, m.Hospital.id == m.Case.hospital_id)
        .join(m.TumourGroup, m.TumourGroup.id == m.Case.tumour_group_id)
    )
    index = SearchIndex([], {}, secrets.token_bytes(32))
    by_hash: dict[bytes, set[int]] = {}
    with db.session() as s:
        for r in s.execute(stmt):
            index.entries.append((r[0], fold("\n".join(x or "" for x in r[2:]))))
            if r[1]:
                by_hash.setdefault(index.bsn_digest(r[1]), set()).add(r[0])
    index.bsn_hashes = {k: frozenset(v) for k, v in by_hash.items()}
    return index


def audit_typed_search(db: DatabaseLike, user: str, text: str, ids: Iterable[int]) -> int:
    """One ``case.search`` event for a search typed in the worklist, once the typing stops:
    NEN 7513 asks which patients a search disclosed, so the event names the cases found; the
    typed text itself is not kept (it may be a name or a BSN), only what kind it was."""
    ids = sorted(set(ids))
    kind = "bsn" if typed_bsn(text) is not None else "text"
    with db.session() as s:
        codes = s.scalars(select(m.Case.code).where(m.Case.id.in_(ids))).all() if ids else []
        return audit(
            s,
            user,
            "case.search",
            "case",
            None,
            {"typed": kind, "words": len(text.split()), "found": len(ids)},
            case_ids=codes,
        )


def match_text(index: SearchIndex, text: str) -> frozenset[int]:
    """Ids whose searchable text contains every word of ``text`` (accents and case ignored),
    the same rule as :attr:`CaseFilters.text` applies in SQL; a box holding a full BSN
    matches the cases of that BSN through the keyed hash."""
    bsn = typed_bsn(text)
    if bsn is not None:
        return index.bsn_hashes.get(index.bsn_digest(bsn), frozenset())
    words = fold(text).split()
    entries = index.entries
    if not words:
        return frozenset(i for i, _ in entries)
    if len(words) == 1:
        w = words[0]
        return frozenset(i for i, h in entries if w in h)
    return frozenset(i for i, h in entries if all(w in h for w in words))


def case_rows(db: DatabaseLike, ids: list[int], *, today: dt.date | None = None) -> list[CaseRow]:
    """The worklist rows of ``ids``, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    today = today or dt.date.today()
    session_date = _published_session_date().label("session_date")
    stmt = (
        select(
            m.Case.id,
            m.Case.code,
            m.Case.patient_ref,
            m.Hospital.code,
            m.Hospital.name,
            m.TumourGroup.code,
            m.TumourGroup.name,
            _effective_level(),
            m.Case.override_level,
            m.Case.confirmed_by,
            m.Case.needs_review,
            m.Case.status,
            m.Case.urgent,
            m.Case.ready_date,
            m.Case.due_date,
            session_date,
            m.Case.presenting_physician,
            m.Case.question,
        )
        .join(m.Hospital, m.Hospital.id == m.Case.hospital_id)
        .join(m.TumourGroup, m.TumourGroup.id == m.Case.tumour_group_id)
    )
    by_id: dict[int, CaseRow] = {}
    with db.session() as s:
        # Chunks keep the IN list below every backend's parameter limit.
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for r in s.execute(stmt.where(m.Case.id.in_(chunk))):
                by_id[r[0]] = CaseRow(
                    id=r[0],
                    code=r[1],
                    patient_ref=r[2],
                    hospital_code=r[3],
                    hospital_name=r[4],
                    tumour_group_code=r[5],
                    tumour_group_name=r[6],
                    level=r[7],
                    level_confirmed=bool(r[8] or r[9]),
                    needs_review=bool(r[10]),
                    status=r[11],
                    urgent=bool(r[12]),
                    ready_date=r[13],
                    due_date=r[14],
                    session_date=r[15],
                    physician=r[16] or "",
                    question=r[17] or "",
                    risk=deadline_risk(r[11], r[14], r[15], today),
                )
    return [by_id[i] for i in ids if i in by_id]


# --------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class Choice:
    """An id with its code and name, for combo boxes."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ReferenceData:
    hospitals: tuple[Choice, ...]
    tumour_groups: tuple[Choice, ...]
    disciplines: tuple[Choice, ...]


def reference_data(db: DatabaseLike) -> ReferenceData:
    """Hospitals, tumour groups and disciplines for the filters and the intake form."""
    with db.session() as s:
        hospitals = tuple(
            Choice(h.id, h.code, h.name)
            for h in s.scalars(select(m.Hospital).order_by(m.Hospital.code))
        )
        groups = tuple(
            Choice(t.id, t.code, t.name)
            for t in s.scalars(select(m.TumourGroup).order_by(m.TumourGroup.code))
        )
        disciplines = tuple(
            Choice(d.id, d.code, d.name)
            for d in s.scalars(select(m.Discipline).order_by(m.Discipline.code))
        )
    return ReferenceData(hospitals, groups, disciplines)


def count_cases(db: DatabaseLike) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(m.Case.id))) or 0)


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
    from mdo_planner.limits import column_problem

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
    from mdo_planner.limits import limit_of

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


def create_case(db: DatabaseLike, data: CaseInput, user: str) -> int:
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
    audit(s, user, "case.create", "case", case.code, details)
    return case


@dataclass(frozen=True)
class NewRegistration:
    """A registration from another system, validated, with what the form does not carry."""

    data: CaseInput
    extra_discipline_ids: tuple[int, ...] = ()
    minutes: int | None = None


def register_cases(
    s: Session, items: list[NewRegistration], user: str, *, source: str
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
    db: DatabaseLike, case_id: int, data: CaseInput, expected_version: int, user: str
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
        check_version(case, expected_version, f"case {case.code}")
        _write_fields(case, data)
        _retriage(s, case, user)
        audit(s, user, "case.update", "case", case.code, {"id": case.id})
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
    triage_service.triage_case(s, case.id, user)


def confirm_level(
    db: DatabaseLike,
    case_id: int,
    user: str,
    *,
    expected_version: int | None = None,
    on_behalf_of: str | None = None,
) -> list[str]:
    """A clinician accepts the current recommendation; returns warnings for the screen."""
    with db.session() as s:
        return triage_service.confirm(
            s, case_id, user, expected_version=expected_version, on_behalf_of=on_behalf_of
        )


def override_level(
    db: DatabaseLike,
    case_id: int,
    level: str,
    reason: str,
    user: str,
    *,
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
            user,
            expected_version=expected_version,
            on_behalf_of=on_behalf_of,
        )


def keep_level(
    db: DatabaseLike,
    case_id: int,
    user: str,
    *,
    expected_version: int | None = None,
    on_behalf_of: str | None = None,
) -> None:
    """After "recommendation changed": the clinician keeps the decided level."""
    with db.session() as s:
        triage_service.keep_decision(
            s, case_id, user, expected_version=expected_version, on_behalf_of=on_behalf_of
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
            audit(s, user, "case.view", "case", case.code, case_ids=[case.code])
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
