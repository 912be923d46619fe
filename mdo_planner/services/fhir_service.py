"""FHIR use cases: register the cases of a registration Bundle, export a closed meeting.

Registration goes through :func:`mdo_planner.services.registration_service.import_records`,
the same two-phase, all-or-nothing path as a CSV or Excel list, so a case that arrives as
FHIR is validated, de-duplicated, triaged and audited exactly like one typed or imported from
a file. The export reads one closed meeting and writes the Bundle atomically; it is recorded in
the audit trail (who sent which meeting to which hospital), without patient data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import models as m
from mdo_planner.contract_io import fhir
from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_text

from ._db import DatabaseLike
from .base import audit
from .meeting_service import find_session
from .registration_service import ImportResult, import_records


def import_bundle(
    db: DatabaseLike,
    path: str | Path,
    *,
    user: str,
    conditions: str | Path | None = None,
    default_hospital: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> ImportResult:
    """Register the ServiceRequests of a Bundle file (see :mod:`mdo_planner.contract_io.fhir`)."""
    table = fhir.condition_table(conditions)
    records, _source = fhir.read_registrations(path, table)
    mapping = fhir.fhir_mapping(records)
    return import_records(
        db,
        records,
        mapping,
        source=Path(path).name,
        default_hospital=default_hospital,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        via="fhir-import",
        user=user,
    )


@dataclass(frozen=True)
class ExportResult:
    path: Path
    session: str
    receiver: str
    compositions: int
    pseudonymous: int


def export_meeting(
    db: DatabaseLike,
    session_ref: str | int,
    path: str | Path,
    *,
    user: str,
    receiver: str | None = None,
) -> ExportResult:
    """Write the MDO outcome of a closed meeting as a FHIR Bundle for ``receiver`` (a
    hospital code; default the hosting hospital). Patients of other hospitals appear under a
    pseudonym only."""
    with db.session() as s:
        x = find_session(s, session_ref)
        meeting = s.scalar(
            select(m.Meeting)
            .where(m.Meeting.session_id == x.id)
            .options(selectinload(m.Meeting.attendees), selectinload(m.Meeting.outcomes))
        )
        if meeting is None:
            raise UserError(
                f"session {x.code} has no closed meeting yet: close it first "
                "(mdo-planner meeting record, or Close meeting in the app)"
            )
        receiver_code = receiver or x.hospital.code
        if s.scalar(select(m.Hospital.id).where(m.Hospital.code == receiver_code)) is None:
            raise UserError(f"--for {receiver_code}: no such hospital")
        bundle, compositions, pseudonymous = fhir.meeting_bundle(meeting, receiver_code)
        text = bundle.model_dump_json(indent=2, exclude_none=True)
        written = atomic_write_text(path, text + "\n")
        audit(
            s,
            "fhir.export",
            "session",
            x.code,
            {"receiver": receiver_code, "compositions": compositions, "pseudonymous": pseudonymous},
            user=user,
        )
    return ExportResult(written, x.code, receiver_code, compositions, pseudonymous)


__all__ = ["ExportResult", "export_meeting", "import_bundle"]
