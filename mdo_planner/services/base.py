"""Opening the database and running one unit of work, shared by every service and screen.

Why a ``Database`` object instead of module-level engines: the desktop app can switch between
the real and the demo database, tests open many, and the command line opens one per run. Each
``Database`` owns its engine, was migrated (with a verified backup first) when it opened, and
hands out sessions that are exactly one transaction: committed when the block succeeds, rolled
back when anything fails, so a screen can never leave half a change behind.

Optimistic locking: every user-editable row has a ``version`` (see ``db.models``). A save that
lost the race raises :class:`~mdo_planner.errors.ConflictError` with a sentence the user can act
on ("... was changed by someone else; reload and try again") instead of silently overwriting a
colleague's work.
"""

from __future__ import annotations

import getpass
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db import audit_chain
from db import engine as dbengine
from db.models import Base
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.infra import config

log = logging.getLogger(__name__)

#: How the tables are named in a conflict message.
_TABLE_NOUNS = {
    "cases": "This case",
    "sessions": "This session",
    "meeting_series": "This meeting series",
    "experts": "This expert",
    "leave_periods": "This leave period",
    "hospitals": "This hospital",
    "networks": "This network",
    "disciplines": "This discipline",
    "tumour_groups": "This tumour group",
    "assignments": "This assignment",
    "triage_rule_sets": "This triage rule set",
}

CONFLICT_SUFFIX = "was changed by someone else; reload and try again"


def backup_dir() -> Path:
    """Where verified copies go (before a migration, routine ones): ``<data folder>/backups``,
    owner-only like the copies in it."""
    from mdo_planner.infra import backups

    return backups.backup_dir()


def current_user() -> str:
    """The person working: the OS login, or ``MDO_PLANNER_USER`` (shared kiosk accounts,
    tests). The audit trail and "confirmed by" fields record this name."""
    override = os.environ.get("MDO_PLANNER_USER", "").strip()
    if override:
        return override
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers / services)
        return "unknown"


def _conflict_message(error: BaseException) -> str:
    text = str(error)
    table = ""
    match = re.search(r"table '([^']+)'", text)
    if match:
        table = match.group(1)
    else:  # a stale merge names the class: "<Case at 0x...>"
        match = re.search(r"<(\w+) at 0x", text)
        classes = {
            mapper.class_.__name__: mapper.local_table.name
            for mapper in Base.registry.mappers
            if isinstance(mapper.local_table, Table)  # every mapped class here has a table
        }
        if match and match.group(1) in classes:
            table = classes[match.group(1)]
    return f"{_TABLE_NOUNS.get(table, 'This record')} {CONFLICT_SUFFIX}"


def _is_busy(error: exc.OperationalError) -> tuple[bool, bool]:
    """(busy at all, busy because our snapshot is stale)."""
    orig = error.orig
    sqlstate = getattr(orig, "sqlstate", None)  # psycopg
    if sqlstate == "55P03":  # lock_not_available: lock_timeout expired
        return True, False
    if sqlstate in ("40001", "40P01"):  # serialization failure, deadlock: someone else won
        return True, True
    if not isinstance(orig, sqlite3.OperationalError):
        return False, False
    name = getattr(orig, "sqlite_errorname", "")
    if name == "SQLITE_BUSY_SNAPSHOT":
        return True, True
    return name.startswith("SQLITE_BUSY") or "database is locked" in str(orig), False


class Database:
    """One opened (and migrated) database: an engine and one-transaction sessions."""

    def __init__(
        self, url: str, engine: Engine, *, revision: str | None, backup: Path | None = None
    ):
        self.url = url
        self.engine = engine
        #: The schema revision found after opening (None only when opened without migrating
        #: an empty database).
        self.revision = revision
        #: The verified backup made before migrating on open, if one was needed.
        self.backup = backup
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        # SQLite: take the write lock at BEGIN (see ``session(write=True)``); other backends
        # ignore the option.
        self._write_sessions = sessionmaker(
            bind=engine.execution_options(**{dbengine.BEGIN_IMMEDIATE: True}),
            expire_on_commit=False,
        )

    def __repr__(self) -> str:
        return f"<Database {self.display_name}>"

    @property
    def display_name(self) -> str:
        """File name or host/database, never a password: safe for title bars and logs."""
        path = dbengine.sqlite_path(self.url)
        if path is not None:
            return path.name
        return dbengine.describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return dbengine.is_sqlite(self.url)

    @property
    def sqlite_file(self) -> Path | None:
        return dbengine.sqlite_path(self.url)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error.

        Objects stay readable after the block (``expire_on_commit=False``) so a screen can show
        what it just saved; to change them again, open a new session and re-load or merge them.

        ``write=True`` is for units of work that read and then write while other threads or
        workstations may write too (a planning run storing its result while a secretary edits
        a case). On SQLite a plain transaction reads a snapshot and can only upgrade to a
        writer if nobody committed since; otherwise the save fails as a conflict even though
        different rows changed. ``write=True`` takes the write lock at the start instead
        (waiting up to the busy timeout for another writer), so only a real conflict (the same
        row, caught by its ``version``) fails. Readers are never blocked either way.
        """
        session = (self._write_sessions if write else self._sessions)()
        try:
            with session.begin():
                yield session
        except StaleDataError as error:
            raise ConflictError(_conflict_message(error)) from error
        except UserError as error:
            event = getattr(error, "event", None)
            if event is not None:  # access.AccessDenied: the refusal outlives the rollback
                session.close()
                with self.session() as s:
                    audit(
                        s,
                        event["action"],
                        event["entity"],
                        event["entity_id"],
                        event["details"],
                        role=event["role"],
                        outcome="denied",
                        case_ids=event["case_ids"],
                        hospital=event["hospital"],
                        on_behalf_of=event.get("on_behalf_of"),
                        user=event["user"],
                    )
            raise
        except exc.OperationalError as error:
            busy, stale = _is_busy(error)
            if stale:
                raise ConflictError(f"The data {CONFLICT_SUFFIX}") from error
            if busy:
                raise UserError(
                    f"The database {self.display_name} is busy (another user or program is "
                    "saving); try again in a moment"
                ) from error
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close all pooled connections (SQLite then checkpoints and removes its WAL file)."""
        self.engine.dispose()


def check_version(row: Any, what: str | None = None, *, expected_version: int | None) -> None:
    """Refuse to save over a row that changed since the user loaded it.

    A screen loads a row in one session and saves it in a later one; the ORM's version check
    only covers changes made *during* the save's own transaction, so the screen passes the
    version it showed the user and we compare here. ``None`` means "do not check". The
    message names ``what`` (``"case C12"``) when given, else the kind of record. This is the
    one optimistic-lock check of the services.
    """
    if expected_version is not None and getattr(row, "version", None) != expected_version:
        if what is None:
            table = getattr(getattr(row, "__table__", None), "name", "")
            what = _TABLE_NOUNS.get(table, "This record")
        raise ConflictError(f"{what} {CONFLICT_SUFFIX}")


def audit(
    session: Session,
    action: str,
    entity: str,
    entity_id: object | None = None,
    details: dict[str, Any] | None = None,
    *,
    user: str,
    role: str | None = None,
    outcome: str = "success",
    case_ids: Iterable[object] | None = None,
    hospital: str | None = None,
    purpose: str | None = None,
    flagged: bool = False,
    on_behalf_of: str | None = None,
) -> int:
    """Append one event to the audit trail, in the caller's transaction; returns its id.

    Being in the same transaction as the change itself means the trail never records a
    change that was rolled back, and never misses one that was committed. ``case_ids`` names
    the patients concerned (NEN 7513 asks "which patient"): every view, export and search
    passes the case codes it showed or wrote. The event is chained (``db.audit_chain``); on
    PostgreSQL the server records the login and its clock, and a ``user`` that differs from
    the login is kept as "on behalf of".
    """
    row = audit_chain.append(
        session.connection(),
        user=user,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
        role=role,
        outcome=outcome,
        case_ids=case_ids,
        hospital=hospital,
        purpose=purpose,
        flagged=flagged,
        on_behalf_of=on_behalf_of,
    )
    return int(row["id"])


def open_database(
    url: str | None = None,
    *,
    demo: bool = False,
    migrate: bool = True,
    integrity: str = "quick",
    backup: bool = True,
    must_exist: bool = False,
) -> Database:
    """Open (creating or upgrading as needed) the database for this run.

    ``must_exist``: an SQLite file that is not there is an error, not a new empty database
    (the read-only commands: ``worklist`` with a mistyped ``--db`` printed "0 case(s)" and
    left an empty file behind).

    ``url`` None means the configured one (see :func:`mdo_planner.infra.config.resolve_db_url`).
    With ``migrate`` False nothing is created or changed (``mdo-planner info`` looks at a
    database without upgrading it); a newer, foreign or damaged database is refused either
    way. An SQLite file is checked first (``integrity``: ``"quick"``, ``PRAGMA quick_check``,
    or ``"full"``, the full ``integrity_check``) through a read-only connection, so a damaged
    file is never opened for writing; the message names the newest good backup. With
    ``backup`` a routine copy is made when the newest is older than a day
    (:func:`mdo_planner.infra.backups.backup_if_due`).
    """
    resolved = config.resolve_db_url(url, demo=demo)
    config.check_tls(resolved)
    check = None if integrity == "none" else integrity
    try:
        engine = dbengine.create_engine_for(resolved)
    except exc.ArgumentError as error:
        raise UserError(f"not a valid database URL: {resolved!r} ({error})") from error
    except OSError as error:  # the SQLite file's folder cannot be created
        raise UserError(f"cannot create the database {resolved!r}: {error}") from error
    except ModuleNotFoundError as error:
        raise UserError(
            f"no driver for the database URL {resolved!r}: {error.name} is not installed "
            "(use sqlite:///path or postgresql+psycopg://user@host/db)"
        ) from error
    try:
        if not migrate or must_exist:
            path = dbengine.sqlite_path(resolved)
            if path is not None and not path.exists():
                raise UserError(f"there is no database at {path}")
        if not migrate:
            revision = dbengine.check_openable(engine, integrity=check)
            return Database(resolved, engine, revision=revision)
        result = _upgrade_when_free(engine, check)
    except dbengine.CorruptDatabaseError as error:
        engine.dispose()
        from mdo_planner.infra.failures import damaged_message

        log.error("database %s failed its integrity check", dbengine.describe(resolved))
        raise UserError(damaged_message(error.path, error.problem)) from error
    except dbengine.DatabaseError as error:
        engine.dispose()
        raise UserError(str(error)) from error
    except exc.OperationalError as error:
        engine.dispose()
        raise UserError(
            f"cannot open the database {dbengine.describe(resolved)}: {error.orig}"
        ) from error
    except BaseException:
        engine.dispose()
        raise
    database = Database(resolved, engine, revision=result.to_revision, backup=result.backup)
    if result.changed:
        log.info(
            "database %s upgraded from %s to %s (backup: %s)",
            dbengine.describe(resolved),
            result.from_revision,
            result.to_revision,
            result.backup,
        )
    if backup and result.from_revision is not None and result.backup is None:
        from mdo_planner.infra.backups import backup_if_due

        backup_if_due(database)
    return database


def _upgrade_when_free(engine: Engine, integrity: str | None = "quick") -> dbengine.UpgradeResult:
    """Upgrade, waiting out a colleague who opens the same new SQLite file at the same moment.

    SQLite answers "database is locked" at once, without its busy handler, in a few races
    (switching a new file to WAL, upgrading a read to a write): retry within the same budget
    as the busy timeout instead of failing a workstation's start.
    """
    deadline = time.monotonic() + dbengine.SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return dbengine.upgrade(
                engine, backup_dir=backup_dir(), integrity=integrity, user=current_user()
            )
        except exc.OperationalError as error:
            locked = "locked" in str(error.orig) or "busy" in str(error.orig)
            if not locked or time.monotonic() > deadline:
                raise
            engine.dispose()  # reconnect: the failed connection may be stuck in its state
            time.sleep(0.1)


# Re-exported so that services need only this module.
__all__ = [
    "Base",
    "ConflictError",
    "Database",
    "audit",
    "backup_dir",
    "check_version",
    "current_user",
    "open_database",
]
