"""Reading the audit trail: verifying its hash chain and exporting events (NEN 7513).

Why a service of its own: the command line (``mdo-planner audit``) and the desktop app's Audit
view show the same events with the same filters, and an export of the trail is itself an
event (it discloses who looked at which patient).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from db import audit_chain
from db import models as m
from db.audit_chain import HASHED
from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_text
from mdo_planner.services._db import DatabaseLike
from mdo_planner.services.base import audit

#: Columns of an exported trail, in order.
CSV_COLUMNS = ("id", *HASHED, "prev_hash", "hash")


def read_key(path: str | Path | None) -> bytes | None:
    """The privacy officer's checkpoint key: the bytes of a file only they can read."""
    if path is None:
        return None
    try:
        key = Path(path).read_bytes().strip()
    except OSError as error:
        raise UserError(f"cannot read the key file {path}: {error.strerror or error}") from error
    if len(key) < 16:
        raise UserError(f"the key file {path} holds fewer than 16 bytes: too weak to sign")
    return key


def verify(db: Any, *, key: bytes | None = None) -> audit_chain.Verification:
    """Recompute the whole chain in one read-only transaction."""
    with db.engine.connect() as conn:
        return audit_chain.verify(conn, key=key)


def purge(db: Any, before: dt.date, *, key: bytes, user: str) -> dict[str, Any]:
    """Delete events from before ``before`` (at least five years ago; admin only), leaving a
    signed checkpoint in the same transaction."""
    from mdo_planner.services import access

    moment = dt.datetime.combine(before, dt.time(), dt.UTC)
    with db.session(write=True) as s:
        person = access.require(
            s, "audit.read", entity="audit_events", allowed={"admin"}, user=user
        )
        try:
            return audit_chain.purge(s.connection(), moment, key=key, user=user, role=person.role)
        except audit_chain.PurgeError as error:
            raise UserError(str(error)) from error


@dataclass(frozen=True)
class AuditFilter:
    patient: str | None = None  # a case code or a patient reference
    user: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def check(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(f"--from {self.date_from} lies after --to {self.date_to}")


def events(db: DatabaseLike, flt: AuditFilter, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The events matching ``flt``, oldest first, as plain dicts (one transaction)."""
    flt.check()
    t = m.AuditEvent
    q = sa.select(t).order_by(t.id)
    if flt.user:
        q = q.where(t.user == flt.user)
    if flt.date_from:
        q = q.where(t.at >= dt.datetime.combine(flt.date_from, dt.time(), dt.UTC))
    if flt.date_to:
        q = q.where(
            t.at < dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        )
    with db.session() as s:
        codes: set[str] | None = None
        if flt.patient:
            # A patient reference names every case of that patient; a case code names itself.
            codes = set(
                s.scalars(
                    sa.select(m.Case.code).where(
                        sa.or_(m.Case.patient_ref == flt.patient, m.Case.code == flt.patient)
                    )
                ).all()
            )
            codes.add(flt.patient)
        out = []
        for e in s.scalars(q):
            if codes is not None and not (
                codes & set(e.case_ids or ()) or (e.entity == "case" and e.entity_id in codes)
            ):
                continue
            out.append({c: getattr(e, c) for c in CSV_COLUMNS})
            if limit is not None and len(out) >= limit:
                break
        return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def export_csv(db: DatabaseLike, flt: AuditFilter, out: str | Path, *, user: str) -> int:
    """Write the matching events to ``out`` (replaced atomically); returns how many.

    The export is recorded as an event of its own, naming the patients it covered."""
    rows = events(db, flt)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow([_cell(r[c]) for c in CSV_COLUMNS])
    try:
        path = atomic_write_text(out, buf.getvalue())
    except OSError as error:
        raise UserError(f"cannot write {out}: {error.strerror or error}") from error
    patients = sorted({c for r in rows for c in (r["case_ids"] or ())})
    with db.session() as s:
        audit(
            s,
            "audit.export",
            "audit_events",
            None,
            {
                "patient": flt.patient,
                "user": flt.user,
                "events": len(rows),
                "from": flt.date_from.isoformat() if flt.date_from else None,
                "to": flt.date_to.isoformat() if flt.date_to else None,
                "file": path.name,
            },
            case_ids=patients,
            user=user,
        )
    return len(rows)


#: How many events the Audit view shows at most (newest filters first narrow it).
BROWSE_LIMIT = 2000


@dataclass(frozen=True)
class Browsed:
    events: list[dict[str, Any]]
    truncated: bool


def browse(db: DatabaseLike, flt: AuditFilter, *, user: str) -> Browsed:
    """The Audit view (admins only): the matching events, and reading them is an event too."""
    from mdo_planner.services import access

    flt.check()
    with db.session() as s:
        person = access.require(s, "audit.read", entity="audit_events", user=user)
    rows = events(db, flt, limit=BROWSE_LIMIT + 1)
    truncated = len(rows) > BROWSE_LIMIT
    rows = rows[:BROWSE_LIMIT]
    with db.session() as s:
        audit(
            s,
            "audit.view",
            "audit_events",
            None,
            {
                "patient": flt.patient,
                "user": flt.user,
                "events": len(rows),
                "from": flt.date_from.isoformat() if flt.date_from else None,
                "to": flt.date_to.isoformat() if flt.date_to else None,
            },
            role=person.role,
            hospital=person.hospital,
            user=user,
        )
    return Browsed(rows, truncated)
