"""Engines for SQLite and PostgreSQL, and the Alembic migrations that run when a database opens.

Why this module exists rather than a bare ``create_engine``:

* SQLite only keeps its promises when every connection is configured: foreign keys are off by
  default, the default journal loses committed data on power loss unless ``synchronous=FULL``,
  and Python's ``sqlite3`` driver (before 3.16) silently commits before DDL, so a failed
  migration would leave a half-migrated file. We follow SQLAlchemy's documented recipe
  ("Using SQLAlchemy to emit BEGIN in lieu of SQLite's transaction control"): the driver's own
  transaction handling is switched off and SQLAlchemy emits ``BEGIN`` itself.
* Migrations run on open, from package data (an absolute ``script_location``), so that an
  installed or frozen application needs no ``alembic.ini`` and no working directory.
* Before an existing SQLite file is migrated, a verified copy is made with SQLite's online
  backup API (never a file copy, which can catch a WAL database half-written), so that a
  secretary can always go back to yesterday's data.
* A database written by a newer version of the application is refused and left untouched: an
  older app cannot know what the newer schema means.

This module raises its own exceptions (never ``mdo_planner`` ones: ``db`` does not import the
application); ``mdo_planner.services.base`` turns them into messages for the user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Connection, Engine, make_url

#: Folder of the Alembic environment, shipped as package data.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: How long (ms) an SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000

#: How long (ms) a PostgreSQL statement waits for a lock held by someone else.
PG_LOCK_TIMEOUT_MS = 15_000

#: Execution option: start the SQLite transaction with ``BEGIN IMMEDIATE`` (take the write lock
#: at once). Used for migrations so that two workstations cannot migrate the same file at once.
BEGIN_IMMEDIATE = "mdo_begin_immediate"

#: Arbitrary but fixed key of the PostgreSQL advisory lock held while migrating, so that two
#: workstations opening a shared server database at the same moment do not both migrate it.
_PG_MIGRATION_LOCK = 0x4D444F  # "MDO"

#: Alembic's own table.
VERSION_TABLE = "alembic_version"


class DatabaseError(Exception):
    """A database cannot be opened or migrated; the message is meant for a person."""


class NewerSchemaError(DatabaseError):
    """The database was written by a newer version of the application."""


class UnknownDatabaseError(DatabaseError):
    """The database holds tables but no schema revision: not one of ours."""


class MigrationError(DatabaseError):
    """A migration failed; the database was rolled back to its previous state."""


class BackupError(DatabaseError):
    """The backup made before a migration could not be written or verified."""


class CorruptDatabaseError(DatabaseError):
    """An SQLite file failed its integrity check; ``path`` and ``problem`` say which and why.

    Raised before anything opens the file read-write, so the damage is not made worse."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"the database {path} is damaged: {problem}")


# --------------------------------------------------------------------------- private files


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) owner-only (0700); an existing folder is
    left as it is (it may be a shared folder chosen on purpose)."""
    missing = []
    cur = folder
    while not cur.exists():
        missing.append(cur)
        if cur.parent == cur:
            break
        cur = cur.parent
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        for created in missing:
            with contextlib.suppress(OSError):
                os.chmod(created, 0o700)
    return folder


def create_private_file(path: Path) -> None:
    """Create an empty owner-only (0600) file if none exists: SQLite gives its database,
    ``-wal`` and ``-shm`` files the mode of the main file, so the patient data in all three
    is then readable by the owner only."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; a no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


# --------------------------------------------------------------------------- engines


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind an SQLite URL, or None for in-memory databases and other backends."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    database = u.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    if database.startswith("file:"):
        database = database[len("file:") :].split("?", 1)[0]
    return Path(database)


def _configure_sqlite(engine: Engine) -> None:
    """Pragmas on every new connection, and SQLAlchemy-emitted BEGIN (see module docstring)."""
    in_memory = sqlite_path(engine.url) is None

    path = sqlite_path(engine.url)

    @sa.event.listens_for(engine, "do_connect")
    def _private(_dialect: Any, _record: Any, _cargs: Any, _cparams: Any) -> None:
        # Created owner-only before SQLite creates it with the umask's (often 0644) mode.
        if path is not None and not path.exists():
            create_private_file(path)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy: the driver emits no BEGIN (and no implicit
        # COMMIT before DDL), our "begin" hook below emits it instead.
        dbapi_conn.isolation_level = None
        with closing(dbapi_conn.cursor()) as cur:
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if not in_memory:
                cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(BEGIN_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine_for(url: str | URL, **kwargs: Any) -> Engine:
    """An engine configured for safe use of this application's database.

    SQLite files get their folder created, foreign keys, WAL, ``synchronous=FULL``, a busy
    timeout and real transactions on every connection; PostgreSQL connections are checked
    before use, because a network server may have closed idle connections overnight.
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(u)
        if path is not None:
            private_dir(path.parent)
        # Never put SQL parameters (patient names, BSN, questions) into an exception
        # message: those messages reach logs and dialogs.
        kwargs.setdefault("hide_parameters", True)
        engine = sa.create_engine(u, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("hide_parameters", True)
    if u.get_backend_name() == "postgresql":
        connect_args = kwargs.setdefault("connect_args", {})
        connect_args.setdefault("application_name", "mdo-planner")
        engine = sa.create_engine(u, **kwargs)
        _configure_postgresql(engine)
        return engine
    return sa.create_engine(u, **kwargs)


def _configure_postgresql(engine: Engine) -> None:
    """A lock wait as long as SQLite's busy timeout: a screen waiting for a colleague's row
    (or a migration on another workstation) gives up with a message instead of hanging."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {int(PG_LOCK_TIMEOUT_MS)}")
        dbapi_conn.commit()


# --------------------------------------------------------------------------- revisions


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration without ``alembic.ini``: the scripts are package data."""
    cfg = Config()
    # path_separator=os: a data folder or install path may contain spaces or commas.
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The schema revision this version of the application writes."""
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships its first migration
        raise DatabaseError("the application ships no database migrations")
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def _revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database (None for an empty database)."""
    with engine.connect() as conn:
        return _revision_of(conn)


def user_tables(engine: Engine) -> list[str]:
    """Tables in the database other than Alembic's own."""
    return [t for t in sa.inspect(engine).get_table_names() if t != VERSION_TABLE]


def _integrity(conn: sqlite3.Connection, full: bool) -> str | None:
    """None when the check passes, else its first findings in one line."""
    rows = conn.execute("PRAGMA integrity_check(5)" if full else "PRAGMA quick_check(5)").fetchall()
    found = [str(r[0]) for r in rows]
    if found == ["ok"]:
        return None
    text = "; ".join(found)
    return text if len(text) <= 200 else text[:197] + "..."


def integrity_problem(path: Path, *, full: bool = False) -> str | None:
    """``PRAGMA quick_check`` (or the full ``integrity_check``) of an SQLite file, read-only.

    Returns None when the file is sound, else what the check found. A file so damaged that
    SQLite cannot even read its schema counts as damaged too.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)) as conn:
            return _integrity(conn, full)
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise


def _is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy an SQLite file with the backup API into a new owner-only file, flushed to disk."""
    create_private_file(target)
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dest,
    ):
        src.backup(dest)
    _fsync_file(target)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def peek_sqlite_revision(path: Path, *, check: str | None = None) -> tuple[str | None, bool]:
    """Read an SQLite file's revision without changing a byte of it.

    Opening it through :func:`create_engine_for` would switch the file to WAL, which rewrites
    its header; a file we are about to refuse must stay exactly as it was. Returns the
    revision and whether the file holds any tables.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    # Wait as long as every other connection does: another workstation may be creating or
    # migrating this very file, and its lock is not a reason to call the file unreadable.
    with closing(sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)) as conn:
        tables = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
        if check is not None:
            problem = _integrity(conn, full=check == "full")
            if problem is not None:
                raise CorruptDatabaseError(path, problem)
        if VERSION_TABLE not in tables:
            return None, bool(tables)
        row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        return (row[0] if row else None), True


def _check_known(revision: str | None, has_tables: bool, where: str) -> None:
    if revision is None:
        if has_tables:
            raise UnknownDatabaseError(
                f"{where} holds tables but no MDO Planner schema revision; it was not created "
                "by this application and was left untouched"
            )
        return
    if revision not in known_revisions():
        raise NewerSchemaError(
            f"{where} has schema revision {revision}, which this version of MDO Planner "
            f"does not know (it knows up to {head_revision()}): it was written by a newer "
            "version. Install that version or newer; the database was left untouched"
        )


# --------------------------------------------------------------------------- backups


def backup_sqlite(engine: Engine, backup_dir: Path, *, label: str) -> Path:
    """A verified copy of an SQLite database, made with the online backup API.

    Verified means: the copy passes ``PRAGMA integrity_check`` and carries the same schema
    revision as the original, so a backup that cannot be restored is never trusted.
    """
    private_dir(backup_dir)
    source = sqlite_path(engine.url)
    stem = source.stem if source else "memory"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{stem}-{label}-{stamp}.sqlite"
    expected = current_revision(engine)
    try:
        create_private_file(target)
        raw = engine.raw_connection()
        try:
            with closing(sqlite3.connect(target)) as dest:
                raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            raw.close()
        _fsync_file(target)
        fsync_dir(backup_dir)
        with closing(sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)) as check:
            result = check.execute("PRAGMA integrity_check").fetchone()
            if result is None or result[0] != "ok":
                raise BackupError(f"the backup {target} failed its integrity check: {result}")
            has_version = check.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (VERSION_TABLE,)
            ).fetchone()
            got = None
            if has_version:
                row = check.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                got = row[0] if row else None
            if got != expected:
                raise BackupError(
                    f"the backup {target} has schema revision {got}, expected {expected}"
                )
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"could not back up the database to {target}: {exc}") from exc
    except BackupError:
        target.unlink(missing_ok=True)
        raise
    return target


# --------------------------------------------------------------------------- upgrade


@dataclass(frozen=True)
class UpgradeResult:
    """What :func:`upgrade` did, for the log and the user."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """One transaction around the whole migration, holding the database's write lock."""
    if is_sqlite(engine.url):
        with engine.connect().execution_options(**{BEGIN_IMMEDIATE: True}) as conn:
            # SQLite migrations recreate tables (batch mode): with foreign keys on, dropping
            # the old table would cascade-delete or block its children. The pragma cannot
            # change inside a transaction, so it is switched off before BEGIN, the keys are
            # checked before COMMIT instead, and switched on again afterwards.
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                with conn.begin():
                    yield conn
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(
                            f"the migration would leave {len(broken)} rows with broken "
                            f"references (first: {tuple(broken[0])}); it was rolled back"
                        )
            finally:
                raw.execute("PRAGMA foreign_keys = ON")
    else:
        with engine.connect() as conn, conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            yield conn


def check_openable(engine: Engine, *, integrity: str | None = "quick") -> str | None:
    """Refuse a newer, foreign or damaged database before touching it; returns its revision.

    An SQLite file is first read through a read-only connection: its schema revision and
    ``PRAGMA quick_check`` (``integrity="full"``: the full ``integrity_check``; None: none).
    A refused file is left exactly as it was, without new ``-wal``/``-shm`` files beside it.
    """
    where = _describe(engine.url)
    path = sqlite_path(engine.url)
    if path is not None and path.exists() and path.stat().st_size > 0:
        before = {p for p in _sidecars(path) if p.exists()}
        try:
            try:
                revision, has_tables = peek_sqlite_revision(path, check=integrity)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    if _is_damage(exc):
                        raise CorruptDatabaseError(path, str(exc)) from exc
                    raise DatabaseError(
                        f"{where} cannot be read as an SQLite database ({exc}); it was left "
                        "untouched"
                    ) from exc
                raise DatabaseError(
                    f"{where} is busy: another workstation has held it locked for more than "
                    f"{SQLITE_BUSY_TIMEOUT_MS // 1000} s; try again in a moment"
                ) from exc
            except sqlite3.DatabaseError as exc:
                if _is_damage(exc):
                    raise CorruptDatabaseError(path, str(exc)) from exc
                raise DatabaseError(
                    f"{where} cannot be read as an SQLite database ({exc}); it was left untouched"
                ) from exc
            _check_known(revision, has_tables, where)
        except DatabaseError:
            for side in _sidecars(path):
                if side not in before and side.exists():
                    with contextlib.suppress(OSError):
                        side.unlink()
            raise
        return revision
    if path is not None and path.exists():
        return None  # zero bytes: an empty database; reading it must not write a header
    revision = current_revision(engine)
    has_tables = bool(user_tables(engine)) if revision is None else True
    _check_known(revision, has_tables, where)
    return revision


def upgrade(
    engine: Engine,
    *,
    backup_dir: Path | None = None,
    target: str = "head",
    integrity: str | None = "quick",
    user: str = "unknown",
) -> UpgradeResult:
    """Bring the database to ``target`` (the newest schema by default), safely.

    * a newer or foreign database is refused before anything is written;
    * an existing SQLite database is first backed up (verified) into ``backup_dir``;
    * all migration steps run in one transaction: if one fails, nothing changes.
    """
    before = check_openable(engine, integrity=integrity)
    wanted = head_revision() if target == "head" else target
    if before == wanted:
        return UpgradeResult(before, wanted, None)
    backup: Path | None = None
    if before is not None and backup_dir is not None and sqlite_path(engine.url) is not None:
        backup = backup_sqlite(engine, backup_dir, label=f"before-{wanted}-from-{before}")
    try:
        with _migration_connection(engine) as conn:
            # Re-read under the lock: another workstation may have migrated meanwhile.
            now = _revision_of(conn)
            if now != wanted:
                command.upgrade(alembic_config(conn), target)
                # Who changed the schema, and when, belongs in the trail like any other
                # change, and in the same transaction: a schema without its event (or an
                # event without its schema) can never be committed.
                _audit_schema_change(conn, user, now, wanted, backup)
    except MigrationError as exc:
        raise MigrationError(
            f"upgrading {_describe(engine.url)} from schema {before or '(empty)'} to {wanted} "
            f"failed and was rolled back, the database is unchanged: {exc}"
        ) from exc
    except DatabaseError:
        raise
    except Exception as exc:
        raise MigrationError(
            f"upgrading {_describe(engine.url)} from schema {before or '(empty)'} to {wanted} "
            f"failed and was rolled back, the database is unchanged: {exc}"
        ) from exc
    return UpgradeResult(before, wanted, backup)


def _audit_schema_change(
    conn: Connection, user: str, before: str | None, after: str, backup: Path | None
) -> None:
    from db import audit_chain

    audit_chain.append(
        conn,
        user=user,
        action="database.create" if before is None else "database.upgrade",
        entity="schema",
        entity_id=after,
        details={"from": before, "backup": str(backup) if backup else None},
    )


def stamp(engine: Engine, revision: str) -> None:
    """Mark a database as being at ``revision`` without running migrations (tests, repair)."""
    with engine.connect() as conn, conn.begin():
        command.stamp(alembic_config(conn), revision, purge=True)


def _describe(url: URL | str) -> str:
    path = sqlite_path(url)
    if path is not None:
        return f"the database {path}"
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return "the in-memory database"
    return f"the database {u.host or 'localhost'}/{u.database}"


def describe(url: URL | str) -> str:
    """A name for the database fit for a message: file path or host/db, never a password."""
    return _describe(url).removeprefix("the database ")
