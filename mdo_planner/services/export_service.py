"""Tables for Excel: the worklist (with its filter), a session's agenda, a range of sessions.

Each function returns :class:`mdo_planner.outputs.tables.Sheet` objects with typed values (dates as
dates, minutes as numbers) built from the same services the screens use, so an export shows
what the screen shows; :func:`export` writes them and records the export in the audit trail
(what was exported, how many rows — never the rows themselves).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from mdo_planner.outputs.tables import Sheet, write_tables

from . import cases_service as cs
from . import sessions_service as ss
from ._db import DatabaseLike
from .base import audit

WORKLIST_HEADER = (
    "case",
    "patient",
    "hospital",
    "tumour group",
    "level",
    "level confirmed",
    "needs review",
    "status",
    "urgent",
    "ready",
    "due",
    "planned session date",
    "deadline risk",
    "referring physician",
    "question",
)
AGENDA_HEADER = (
    "session",
    "date",
    "position",
    "section",
    "start",
    "end",
    "minutes",
    "case",
    "patient",
    "hospital",
    "level",
    "urgent",
    "question",
)
SESSION_HEADER = (
    "session",
    "date",
    "start",
    "end",
    "minutes",
    "tumour group",
    "echelon",
    "hospital",
    "mode",
    "cancelled",
    "cases",
    "minutes used",
    "attendees",
    "missing disciplines",
)


def describe_filters(filters: cs.CaseFilters) -> str:
    parts = []
    if filters.text.strip():
        parts.append(f"text {filters.text.strip()!r}")
    if filters.statuses:
        parts.append("status " + ", ".join(filters.statuses))
    if filters.level:
        parts.append(f"level {filters.level}")
    if filters.due_within_days is not None:
        parts.append(f"due within {filters.due_within_days} days")
    if filters.needs_review:
        parts.append("needs review")
    if filters.tumour_group_id is not None:
        parts.append(f"tumour group #{filters.tumour_group_id}")
    if filters.hospital_id is not None:
        parts.append(f"hospital #{filters.hospital_id}")
    return "; ".join(parts) or "all cases"


def worklist_sheet(
    db: DatabaseLike,
    filters: cs.CaseFilters | None = None,
    *,
    order_by: str = "due",
    descending: bool = False,
    ids: Sequence[int] | None = None,
    caption: str | None = None,
) -> Sheet:
    """The worklist rows matching ``filters`` (or exactly ``ids``, in that order: what the
    screen shows after its in-memory search)."""
    filters = filters or cs.CaseFilters()
    if ids is None:
        ids = cs.list_case_ids(db, filters, order_by=order_by, descending=descending)
    rows = cs.case_rows(db, list(ids), today=filters.today)
    return Sheet(
        "Worklist",
        WORKLIST_HEADER,
        [
            [
                r.code,
                r.patient_ref,
                r.hospital_code,
                r.tumour_group_code,
                r.level,
                r.level_confirmed,
                r.needs_review,
                r.status,
                r.urgent,
                r.ready_date,
                r.due_date,
                r.session_date,
                r.risk,
                r.physician,
                r.question,
            ]
            for r in rows
        ],
        caption=(
            f"Worklist: {caption or describe_filters(filters)} "
            f"({len(rows)} case(s), exported {dt.date.today():%d-%m-%Y})",
        ),
    )


def _agenda_rows(card: ss.SessionCard, rows: list[ss.AgendaRow]) -> list[list[object]]:
    return [
        [
            card.code,
            card.date,
            i,
            r.section,
            r.start,
            r.end,
            r.minutes,
            r.code,
            r.patient_ref,
            r.hospital,
            r.level,
            r.urgent,
            r.question,
        ]
        for i, r in enumerate(rows, start=1)
    ]


def agenda_sheet(db: DatabaseLike, session_id: int) -> Sheet:
    card = ss.session_card(db, session_id)
    return Sheet(
        f"Agenda {card.code}",
        AGENDA_HEADER,
        _agenda_rows(card, ss.agenda_rows(db, session_id)),
        caption=(
            f"{card.tumour_group_name} · {card.echelon} · {card.hospital_name} · "
            f"{card.date:%d-%m-%Y} {card.start:%H:%M}",
        ),
    )


def _session_row(c: ss.SessionCard) -> list[object]:
    attendees = "; ".join(f"{d}: {', '.join(names)}" for d, names in c.attendees)
    return [
        c.code,
        c.date,
        c.start,
        c.end,
        c.duration_min,
        c.tumour_group,
        c.echelon,
        c.hospital,
        c.mode,
        c.cancelled,
        c.cases,
        c.used_minutes,
        attendees,
        ", ".join(c.missing),
    ]


def sessions_sheets(db: DatabaseLike, date_from: dt.date, date_to: dt.date) -> list[Sheet]:
    """Two tables: the sessions of the period, and every agenda line of those sessions."""
    cards = ss.sessions_in_range(db, date_from, date_to)
    caption = (f"Sessions {date_from:%d-%m-%Y} to {date_to:%d-%m-%Y}",)
    lines: list[list[object]] = []
    for card in cards:
        if card.cases and not card.cancelled:
            lines += _agenda_rows(card, ss.agenda_rows(db, card.id))
    return [
        Sheet("Sessions", SESSION_HEADER, [_session_row(c) for c in cards], caption),
        Sheet("Agendas", AGENDA_HEADER, lines, caption),
    ]


def export(
    db: DatabaseLike, sheets: Sequence[Sheet], path: str | Path, *, user: str, what: str
) -> Path:
    """Write ``sheets`` (.xlsx or .csv) and record who exported what (no row content)."""
    written = write_tables(path, sheets)
    with db.session() as s:
        audit(
            s,
            "export.table",
            "export",
            what[:64],
            {"file": written.name[-200:], "rows": sum(len(x.rows) for x in sheets)},
            user=user,
        )
    return written


__all__ = ["agenda_sheet", "export", "sessions_sheets", "worklist_sheet"]
