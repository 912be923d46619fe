"""The tamper-evident audit trail: appending an event to the hash chain, and verifying it.

Why a hash chain: triggers and grants stop the application's own accounts from rewriting the
trail, but the owner of an SQLite file or the PostgreSQL superuser can switch them off, change
or delete events and switch them on again. Each event therefore carries a SHA-256 hash over its
content and the previous event's hash; ``verify`` recomputes the chain and names the first
event that was changed, deleted or inserted. (Removing events from the very end, or rewriting
the whole chain with a program, leaves a consistent chain: the signed checkpoints written at a
retention purge and the database's off-site backups are the answer to that, see
docs/security.md.)

Why appending takes a lock: two transactions appending at once would both chain onto the same
predecessor. On PostgreSQL a transaction-level advisory lock serialises appenders (held until
commit, so the next appender sees the committed predecessor); on SQLite the database's single
writer lock does the same.

Why the identity and the clock come from the server on PostgreSQL: ``user`` is
``session_user`` and ``at`` the transaction's ``now()``; a trigger (migration 0006) refuses
any other value, so the chain's content is what the server vouches for. The hash is computed
here, in Python, over exactly the values the server will store, so the same code verifies
SQLite and PostgreSQL chains.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from db.models import JSONType, UTCDateTime

#: The advisory lock key of the audit chain on PostgreSQL ("MDOAUDIT" as a number).
PG_AUDIT_LOCK = 0x4D444F4155444954
#: The ``prev_hash`` of the first event of a chain.
GENESIS = "0" * 64
#: The columns the hash covers, in order (everything but ``id`` and the hashes themselves).
HASHED = (
    "at",
    "user",
    "role",
    "action",
    "outcome",
    "entity",
    "entity_id",
    "case_ids",
    "hospital",
    "workstation",
    "purpose",
    "on_behalf_of",
    "flagged",
    "details",
)

#: The chain's view of the table, independent of later model changes (migration 0006 uses it).
_TABLE = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("at", UTCDateTime()),
    *(
        sa.column(
            name,
            JSONType
            if name in ("case_ids", "details")
            else sa.Boolean()
            if name == "flagged"
            else sa.String(),
        )
        for name in HASHED
        if name != "at"
    ),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def _at_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row: Mapping[str, Any]) -> bytes:
    """The event's content as bytes that do not depend on the backend or on key order."""
    content = {name: row.get(name) for name in HASHED}
    content["at"] = _at_text(row["at"])  # every event has its moment (a NOT NULL column)
    content["flagged"] = bool(content["flagged"])
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def event_hash(prev_hash: str, row: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(row)).hexdigest()


def workstation() -> str:
    """The host name of this workstation, recorded as "from where" (NEN 7513)."""
    try:
        return socket.gethostname()[:200] or "unknown"
    except OSError:  # pragma: no cover - no host name at all
        return "unknown"


def append(
    conn: Connection,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    details: dict[str, Any] | None = None,
    role: str | None = None,
    outcome: str = "success",
    case_ids: Iterable[object] | None = None,
    hospital: str | None = None,
    purpose: str | None = None,
    flagged: bool = False,
    on_behalf_of: str | None = None,
) -> dict[str, Any]:
    """Append one event in ``conn``'s transaction; returns the stored values (with its id).

    On PostgreSQL the recorded user is the login (``session_user``); a different ``user``
    passed by the application (a name typed for "on behalf of", ``system``) is kept as
    ``on_behalf_of``. On SQLite there is no login: ``user`` is the operating-system login the
    application passes.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_AUDIT_LOCK})
        login, now = conn.execute(sa.text("SELECT session_user, now()")).one()
        if on_behalf_of is None and user and user != login:
            on_behalf_of = user
        user = login
    else:
        now = dt.datetime.now(dt.UTC)
    prev = conn.execute(
        sa.select(_TABLE.c.hash).order_by(_TABLE.c.id.desc()).limit(1)
    ).scalar_one_or_none()
    row: dict[str, Any] = {
        "at": now,
        "user": (user or "unknown")[:100],
        "role": role,
        "action": action[:64],
        "outcome": outcome,
        "entity": entity[:64],
        "entity_id": None if entity_id is None else str(entity_id)[:64],
        "case_ids": None if case_ids is None else sorted({str(c) for c in case_ids}),
        "hospital": hospital,
        "workstation": workstation(),
        "purpose": purpose,
        "on_behalf_of": None if on_behalf_of is None else on_behalf_of[:200],
        "flagged": flagged,
        # Stored as JSON: hash what will be read back (int keys become strings, tuples lists).
        "details": None if details is None else json.loads(json.dumps(details, default=str)),
    }
    row["prev_hash"] = prev or GENESIS
    row["hash"] = event_hash(row["prev_hash"], row)
    row["id"] = conn.execute(sa.insert(_TABLE).values(**row).returning(_TABLE.c.id)).scalar_one()
    return row


@dataclass(frozen=True)
class Finding:
    """The first place where the chain does not hold."""

    event_id: int
    kind: str  # "changed", "inserted", "deleted", "unchained"
    message: str


@dataclass(frozen=True)
class Verification:
    events: int
    finding: Finding | None

    @property
    def intact(self) -> bool:
        return self.finding is None


def _rows(conn: Connection) -> Iterable[dict[str, Any]]:
    result = conn.execute(sa.select(*_TABLE.c).order_by(_TABLE.c.id))
    for r in result.mappings():
        yield dict(r)


#: NEN 7513 keeps access logs five years; purging younger events is refused.
RETENTION_YEARS = 5
CHECKPOINT = "audit.checkpoint"


class PurgeError(Exception):
    """A purge that would break the retention rule."""


def _signed_fields(d: Mapping[str, Any]) -> bytes:
    keys = ("before", "purged", "first_id", "last_id", "last_hash", "digest")
    return json.dumps({k: d.get(k) for k in keys}, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sign(key: bytes, details: Mapping[str, Any]) -> str:
    return hmac.new(key, _signed_fields(details), hashlib.sha256).hexdigest()


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    try:
        return now.replace(year=now.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return now.replace(year=now.year - RETENTION_YEARS, day=28)


def purge(
    conn: Connection, before: dt.datetime, *, key: bytes, user: str, role: str | None = None
) -> dict[str, Any]:
    """Delete the events older than ``before`` (at least five years ago) and append a
    checkpoint, signed with ``key`` (HMAC-SHA256), that lets the chain still verify.

    The checkpoint records how many events went, the first and last id, the last purged
    event's hash (the kept events chain onto it) and a digest over all purged hashes; the
    signature shows the checkpoint was written by whoever holds the key (the privacy officer),
    not forged to cover a deletion."""
    if not key:
        raise PurgeError("a signing key is needed for the checkpoint")
    now = (
        conn.execute(sa.text("SELECT now()")).scalar_one()
        if conn.dialect.name == "postgresql"
        else dt.datetime.now(dt.UTC)
    )
    limit = retention_cutoff(now)
    if before > limit:
        raise PurgeError(
            f"events are kept {RETENTION_YEARS} years: purge only before {limit:%Y-%m-%d}"
        )
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_AUDIT_LOCK})
    first_kept = conn.execute(
        sa.select(sa.func.min(_TABLE.c.id)).where(_TABLE.c.at >= before)
    ).scalar_one_or_none()
    q = sa.select(_TABLE.c.id, _TABLE.c.hash).order_by(_TABLE.c.id)
    if first_kept is not None:
        q = q.where(_TABLE.c.id < first_kept)
    rows = conn.execute(q).all()
    if not rows:
        raise PurgeError(f"no audit events before {before:%Y-%m-%d}")
    details: dict[str, Any] = {
        "before": _at_text(before),
        "purged": len(rows),
        "first_id": rows[0].id,
        "last_id": rows[-1].id,
        "last_hash": rows[-1].hash,
        "digest": hashlib.sha256("\n".join(r.hash or "" for r in rows).encode()).hexdigest(),
    }
    details["signature"] = sign(key, details)
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT mdo_audit_purge(:i)"), {"i": rows[-1].id})
    else:
        conn.exec_driver_sql("DROP TRIGGER audit_events_no_delete")
        conn.execute(sa.delete(_TABLE).where(_TABLE.c.id <= rows[-1].id))
        conn.exec_driver_sql(
            "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN "
            "SELECT RAISE(ABORT, 'audit_events is append-only: its rows cannot be changed "
            "or deleted'); END"
        )
    append(
        conn,
        user=user,
        action=CHECKPOINT,
        entity="audit_events",
        entity_id=str(rows[-1].id),
        details=details,
        role=role,
    )
    return details


def verify(conn: Connection, *, key: bytes | None = None) -> Verification:
    """Recompute the chain in id order and name the first event that breaks it.

    * an event whose stored hash differs from its recomputed hash was **changed** (or
      inserted by hand with a made-up hash);
    * an event chained onto the same predecessor as the event before it means that earlier
      event was **inserted** into the chain;
    * an event that is itself intact but whose predecessor hash matches nothing before it
      means events between the two were **deleted**.
    """
    count = 0
    prev_row: dict[str, Any] | None = None
    expected = GENESIS
    rows = list(_rows(conn))
    if rows and rows[0].get("prev_hash") not in (None, GENESIS):
        # The trail was purged: a checkpoint must vouch for where the kept events start.
        first = rows[0]
        points = [
            r
            for r in rows
            if r["action"] == CHECKPOINT
            and isinstance(r["details"], dict)
            and r["details"].get("last_hash") == first["prev_hash"]
            and int(r["details"].get("last_id", 0)) < first["id"]
        ]
        if not points:
            return Verification(
                len(rows),
                Finding(
                    first["id"],
                    "deleted",
                    "audit events were deleted before event "
                    f"{first['id']} and no retention checkpoint covers them",
                ),
            )
        point = points[-1]
        if key is not None and not hmac.compare_digest(
            sign(key, point["details"]), str(point["details"].get("signature", ""))
        ):
            return Verification(
                len(rows),
                Finding(
                    point["id"],
                    "changed",
                    f"the retention checkpoint (event {point['id']}) is "
                    "not signed with this key: the purge it describes cannot be trusted",
                ),
            )
        expected = first["prev_hash"]
    for row in rows:
        count += 1
        rid = row["id"]
        stored, stored_prev = row.get("hash"), row.get("prev_hash")
        if stored is None or stored_prev is None:
            return Verification(
                count,
                Finding(
                    rid,
                    "inserted",
                    f"audit event {rid} has no hash: it was inserted around the "
                    "application (or written before the trail was chained)",
                ),
            )
        if event_hash(stored_prev, row) != stored:
            return Verification(
                count,
                Finding(
                    rid,
                    "changed",
                    f"audit event {rid} was changed after it was written: its "
                    "content no longer matches its hash",
                ),
            )
        if stored_prev != expected:
            if prev_row is not None and stored_prev == prev_row["prev_hash"]:
                pid = prev_row["id"]
                return Verification(
                    count,
                    Finding(
                        pid,
                        "inserted",
                        f"audit event {pid} was inserted into the chain: event "
                        f"{rid} follows the event before it",
                    ),
                )
            before = "the start of the trail" if prev_row is None else f"event {prev_row['id']}"
            return Verification(
                count,
                Finding(
                    rid,
                    "deleted",
                    f"audit events were deleted between {before} and event {rid}: "
                    f"event {rid} does not follow {before}",
                ),
            )
        expected = stored
        prev_row = row
    return Verification(count, None)


def rechain(conn: Connection) -> int:
    """Give events written before the chain existed their hashes (migration 0006 only).

    Runs once, inside the migration that adds the columns, while the append-only triggers are
    not yet in place for the new columns; returns how many events were chained.
    """
    expected = GENESIS
    n = 0
    for row in list(_rows(conn)):
        row["outcome"] = row.get("outcome") or "success"
        row["flagged"] = bool(row.get("flagged"))
        digest = event_hash(expected, row)
        conn.execute(
            sa.update(_TABLE)
            .where(_TABLE.c.id == row["id"])
            .values(prev_hash=expected, hash=digest)
        )
        expected = digest
        n += 1
    return n
