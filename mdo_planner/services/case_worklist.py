"""The secretary's case worklist: BSN checks, filters, ordering, search and rows in blocks,
and the reference data the intake form offers.

The worklist can hold a whole country's cases, so filtering and ordering happen here, in SQL.
Split from :mod:`mdo_planner.services.cases_service` (the intake form), which imports and
re-exports these names, so that each module stays readable; this one never writes a case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from db import models as m
from mdo_planner.errors import UserError

from ._db import DatabaseLike
from .base import audit

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


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table that deletes combining marks (accents after NFKD), filled
    per character as texts meet them so that every later lookup is a plain dict hit."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _CombiningMarks()


def fold(text: str) -> str:
    """Lower case without accents ("Zoë Ĳsselstein" → "zoe ijsselstein"), so that a caller's
    spelling finds the patient whatever the keyboard. ASCII text has no accents to take off
    (the search index of a national worklist: 3 ms instead of 75 ms one character at a
    time)."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_MARKS)


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
    # a person's search reads the codes for its audit event in the same query (a second
    # query with every id as a parameter took twice as long as the search on a national
    # worklist: 45 of 70 ms)
    columns = (m.Case.id, m.Case.code) if user is not None else (m.Case.id,)
    stmt: Select[Any] = (
        select(*columns)
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
        rows = s.execute(stmt).all()
        ids: list[int] = [r[0] for r in rows]
        if user is not None:
            # NEN 7513: a search discloses which patients matched; one event, with the filter.
            codes = [r[1] for r in rows]
            audit(
                s,
                "case.search",
                "case",
                None,
                {"filter": _filter_details(filters), "order_by": order_by, "found": len(ids)},
                case_ids=codes,
                user=user,
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


def audit_typed_search(db: DatabaseLike, text: str, ids: Iterable[int], *, user: str) -> int:
    """One ``case.search`` event for a search typed in the worklist, once the typing stops:
    NEN 7513 asks which patients a search disclosed, so the event names the cases found; the
    typed text itself is not kept (it may be a name or a BSN), only what kind it was."""
    ids = sorted(set(ids))
    kind = "bsn" if typed_bsn(text) is not None else "text"
    with db.session() as s:
        codes = s.scalars(select(m.Case.code).where(m.Case.id.in_(ids))).all() if ids else []
        return audit(
            s,
            "case.search",
            "case",
            None,
            {"typed": kind, "words": len(text.split()), "found": len(ids)},
            case_ids=codes,
            user=user,
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
