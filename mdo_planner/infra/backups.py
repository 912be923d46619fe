"""Routine backups of SQLite databases, finding the newest good one, and restoring it.

A secretariat on a single SQLite file has no DBA: the application itself keeps copies.

* **Routine backups** (:func:`backup_if_due`): when a database is opened and the newest
  routine copy is older than :data:`BACKUP_INTERVAL` (so at start, and once a day for a
  desktop app left open, see ``ui``), a copy is made with SQLite's online backup API (never a
  file copy, which can catch a WAL database half-written), flushed to disk (fsync), checked
  with ``PRAGMA integrity_check`` and kept; the oldest beyond :data:`GENERATIONS` are removed.
  Copies are owner-only (0600) in an owner-only folder: they hold patient data.
* **Newest good backup** (:func:`newest_good_backup`): what a "the database is damaged"
  message points to.
* **Restore** (:func:`restore`): verifies the backup first, moves the current file aside
  (never deleted, never overwritten), and puts the copy in place atomically.

PostgreSQL servers are backed up by their DBA with ``pg_dump`` (see docs/database.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from db import engine as dbengine
from mdo_planner.errors import UserError
from mdo_planner.infra import config

# The logger keeps the name it had before the module moved into infra (logs are read by it).
log = logging.getLogger("mdo_planner.backups")

#: A routine copy is made when the newest one is older than this.
BACKUP_INTERVAL = dt.timedelta(days=1)
#: Routine copies kept per database (a week of working days and then some).
GENERATIONS = 7
ROUTINE_LABEL = "daily"


def backup_dir() -> Path:
    """``<data folder>/backups``, created owner-only."""
    folder = config.data_dir() / "backups"
    dbengine.private_dir(folder)
    return folder


#: ``<database stem>-<label>-<UTC stamp>.sqlite``, as ``db.engine.backup_sqlite`` names them;
#: the stamp anchors the match, so ``mdo-planner-demo-...`` is never a backup of ``mdo-planner``.
_NAME = re.compile(r"(?P<stem>.+?)-(?P<label>daily|before-.+)-(?P<stamp>\d{8}T\d{6,12}Z)\.sqlite")


def _backups(stem: str | None = None, label: str | None = None) -> list[Path]:
    """Backups of the database ``stem`` (every database's when None), newest first."""
    folder = config.data_dir() / "backups"
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        m = _NAME.fullmatch(path.name)
        if m and (stem is None or m["stem"] == stem) and (label is None or m["label"] == label):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def is_good(path: Path, *, full: bool = False) -> bool:
    """True when ``path`` is a readable SQLite file that passes its integrity check."""
    try:
        return dbengine.integrity_problem(path, full=full) is None
    except (sqlite3.Error, OSError):
        return False


def newest_good_backup(database: Path) -> Path | None:
    """The newest backup of ``database`` that passes a quick check (never another database's:
    restoring that would replace the wrong data)."""
    for path in _backups(database.stem):
        if is_good(path):
            return path
    return None


def backup_if_due(db: Any, *, now: dt.datetime | None = None) -> Path | None:
    """Make a routine copy of an SQLite database if the newest is older than a day.

    Returns the new copy, or None when none was due (or the database is not an SQLite file).
    A failed copy is logged and reported as None: a missing backup must not stop the work of
    the day, and the next start tries again.
    """
    path = dbengine.sqlite_path(db.url)
    if path is None or not path.exists():
        return None
    now = now or dt.datetime.now(dt.UTC)
    existing = _backups(path.stem, ROUTINE_LABEL)
    if existing:
        newest = dt.datetime.fromtimestamp(existing[0].stat().st_mtime, dt.UTC)
        if now - newest < BACKUP_INTERVAL:
            return None
    try:
        copy = dbengine.backup_sqlite(db.engine, backup_dir(), label=ROUTINE_LABEL)
    except (dbengine.DatabaseError, OSError) as exc:
        log.warning("routine backup of %s failed: %s", path.name, type(exc).__name__)
        return None
    # By name: it carries the moment of the copy (a restored or touched file keeps its name).
    routine = sorted(_backups(path.stem, ROUTINE_LABEL), key=lambda p: p.name, reverse=True)
    for old in routine[GENERATIONS:]:
        with contextlib.suppress(OSError):
            old.unlink()
    log.info("routine backup of %s written to %s", path.name, copy)
    return copy


def restore(backup: Path, url: str | None) -> tuple[Path, Path | None]:
    """Put ``backup`` in place of the SQLite database at ``url``; returns (database, kept).

    ``kept`` is where the file that was there before now lies (None if there was none). The
    backup is verified (full integrity check, a schema this version knows) before anything
    is touched; the copy is written beside the target, flushed and checked, then renamed
    into place, so a failure at any step leaves the original where it was.
    """
    resolved = config.resolve_db_url(url)
    target = dbengine.sqlite_path(resolved)
    if target is None:
        raise UserError(
            f"{dbengine.describe(resolved)} is not an SQLite file: restore a PostgreSQL "
            "database with pg_restore (see docs/database.md)"
        )
    backup = Path(backup)
    if not backup.is_file():
        raise UserError(f"{backup}: no such backup file")
    try:
        problem = dbengine.integrity_problem(backup, full=True)
        if problem is not None:
            raise UserError(
                f"{backup} fails its integrity check ({problem}); choose another "
                "backup. Nothing was changed"
            )
        revision, _tables = dbengine.peek_sqlite_revision(backup)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(
            f"{backup} is not a readable SQLite backup ({type(exc).__name__}); nothing was changed"
        ) from exc
    if revision is None:
        raise UserError(f"{backup} is not an MDO Planner database; nothing was changed")
    if revision not in dbengine.known_revisions():
        raise UserError(
            f"{backup} has schema revision {revision}, newer than this version "
            "of MDO Planner knows; nothing was changed"
        )
    dbengine.private_dir(target.parent)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    tmp = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        dbengine.copy_sqlite(backup, tmp)
        if dbengine.integrity_problem(tmp, full=True) is not None:
            raise UserError(f"the copy of {backup} did not verify; nothing was changed")
        kept: Path | None = None
        if target.exists():
            kept = target.with_name(f"{target.name}.before-restore-{stamp}")
            os.replace(target, kept)
            for suffix in ("-wal", "-shm"):
                side = target.with_name(target.name + suffix)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + suffix))
        os.replace(tmp, target)
        dbengine.fsync_dir(target.parent)
    except OSError as exc:
        raise UserError(f"cannot restore into {target}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    log.info("database %s restored from %s (previous file kept as %s)", target, backup, kept)
    return target, kept


__all__ = ["GENERATIONS", "backup_dir", "backup_if_due", "newest_good_backup", "restore"]
