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

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import models as m
from mdo_planner.agenda import (
    Agenda,
)
from mdo_planner.agenda.timing import schedule
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.infra.fileio import atomic_write_bytes
from mdo_planner.outputs.ics import expert_calendar, session_calendar
from mdo_planner.pdf import (
    agenda_pdf_bytes,
    batch_title,
    combined_pdf_bytes,
    expert_agenda_pdf_bytes,
    unique_file_names,
)

from ._db import DatabaseLike
from .agenda_loading import (
    AgendaSettings,
    _check_range,
    _my_agenda,
    agendas_in_range,
    build_session_agenda,
    find_session,
)
from .agenda_loading import find_expert as find_expert
from .agenda_loading import my_agenda as my_agenda
from .base import audit
from .plan_rules import assignment_minutes, store_schedule

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchResult:
    """What a batch export wrote."""

    files: tuple[Path, ...]
    combined: Path | None
    sessions: int


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
                f"export_{out.kind}",
                out.entity,
                out.entity_id,
                out.details(),
                case_ids=out.case_ids,
                user=user,
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
                        f"export_{out.kind}_failed",
                        out.entity,
                        out.entity_id,
                        {**out.details(), "error": str(exc)[:300]},
                        case_ids=out.case_ids,
                        user=user,
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
    db: DatabaseLike, session_id: str | int, ordered_case_ids: Iterable[str | int], *, user: str
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
        for cid in ids:
            rows[cid].manual_order = True
        store_schedule(
            schedule(
                dt.datetime.combine(x.date, x.start_time),
                [rows[cid] for cid in ids],
                assignment_minutes,
            )
        )
        audit(s, "reorder", "session", str(x.id), {"cases": ids}, user=user)
