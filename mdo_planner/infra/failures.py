"""What a failure means to a person, and what of it may be written to a log.

Two questions every front end (the command line, the desktop app's dialogs and status bar,
its crash handler) must answer the same way:

* **Expected or a bug?** Bad input, a missing or unwritable file, a full disk, a busy or
  damaged database, a lost server connection: these happen in a hospital every week and get
  one or two sentences and exit status 2 (:func:`expected_failure`). Anything else is a bug:
  exit status 1, one sentence naming the log file, the details in the log only
  (:func:`user_message`).
* **What may be logged?** Exception messages can carry patient data: a database driver's
  ``DETAIL: Failing row contains (...)`` holds a whole case row, a ``KeyError`` the value it
  missed. :func:`redacted_traceback` keeps the frames (file, line, function: what support
  needs) and the messages only of exception types whose text is known to be data-free;
  the log formatter of :mod:`mdo_planner.infra.logging_setup` uses it for every logged traceback.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import traceback
from pathlib import Path
from types import TracebackType

from mdo_planner.errors import UserError

#: Exception types whose message names a program condition, never a value from the data.
_SAFE_TYPES: tuple[type[BaseException], ...] = (
    AttributeError,
    NameError,
    ImportError,
    NotImplementedError,
    RecursionError,
    MemoryError,
    TimeoutError,
    sqlite3.Error,
)
_WITHHELD = "(message withheld from the log: it may hold patient data)"


# --------------------------------------------------------------------------- expected failures


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes, outermost first (a DBAPI error wraps the driver's)."""
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _raised_reading_the_database(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename.replace("\\", "/")
        if "/sqlalchemy/" in name or "/sqlite3/" in name:
            return True
        tb = tb.tb_next
    return False


def _os_message(exc: OSError) -> str:
    name = exc.filename or ""
    where = f"{name}: " if name else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"{where}the disk is full (no space left on the device); free some space and "
            "try again. Nothing was half-written"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{where}permission denied; choose a folder you may write to"
    if exc.errno == errno.EROFS:
        return f"{where}the disk is read-only; choose another folder"
    if exc.errno == errno.ENOENT:
        return f"{where}no such file or folder"
    if exc.errno == errno.EIO:
        return f"{where}the disk reported a read/write error; check the disk and try again"
    return f"{where}{exc.strerror or type(exc).__name__}"


def _database_message(text: str, server: bool, database: Path | None = None) -> str | None:
    low = text.lower()
    if "locked" in low or "busy" in low:
        return "the database is busy (another user or program is saving); try again in a moment"
    if "disk is full" in low or "disk full" in low or "no space" in low:
        return (
            "the disk holding the database is full; free some space and try again. "
            "Nothing was half-written"
        )
    if "disk i/o error" in low:  # often a dropped network share: not damage, don't restore
        return "the disk reported a read/write error; check the disk and try again"
    if "malformed" in low or "not a database" in low or "could not decode" in low:
        return damaged_message(database)
    if "unable to open database" in low or "readonly database" in low:
        return "the database file cannot be opened for writing; check the folder's permissions"
    if server:
        return (
            "the connection to the database server failed or was lost; check the network "
            "and the server, then try again. Nothing was half-written"
        )
    return None


#: PostgreSQL conditions that are not bugs (SQLSTATE codes).
_SQLSTATE_MESSAGES = {
    "55P03": "the database is busy (another user holds the rows this needs); try again in a moment",
    "40001": "someone else changed the same data at the same moment; reload and try again",
    "40P01": "someone else changed the same data at the same moment; reload and try again",
    "53100": "the database server's disk is full; ask IT to free space. Nothing was half-written",
    "53200": "the database server is out of memory; try again later or ask IT",
    "53300": "the database server accepts no more connections; try again in a moment",
    "57014": "the database server cancelled the operation (it took too long); try again",
    "28P01": "the database server refused the login (wrong password or account)",
    "28000": "the database server refused the login (this account may not connect)",
    "42501": "this database account may not do this (missing permission); ask IT",
    "3D000": "the database does not exist on the server; check the database URL",
}


def damaged_message(database: Path | None = None, problem: str | None = None) -> str:
    """ "The file is damaged" in one or two sentences, naming the newest good backup and the
    command that restores it (or saying there is none)."""
    from mdo_planner.infra.backups import newest_good_backup
    from mdo_planner.infra.config import data_dir, sqlite_url

    what = f"the database {database}" if database else "the database"
    found = f" ({problem})" if problem else " (its integrity check failed)"
    head = f"{what} is damaged{found}; it was not opened for writing."
    if database is None:  # not known here: name the folder, never another database's backup
        return (
            f"{head} Restore its newest good backup from {data_dir() / 'backups'} with "
            "`mdo-planner restore BACKUP --db URL` (the damaged file is kept beside it)"
        )
    backup = newest_good_backup(database)
    if backup is None:
        return (
            f"{head} There is no good backup in the data folder: ask IT to restore it "
            "from the system backup"
        )
    return (
        f"{head} The newest good backup is {backup}: restore it with "
        f"`mdo-planner restore {backup} --db {sqlite_url(database)}` (the damaged file is "
        "kept beside it)"
    )


def expected_failure(exc: BaseException, database: Path | None = None) -> str | None:
    """One or two sentences for a failure that is not a bug, or None for a bug.

    ``database`` is the SQLite file the command worked on, when known: a damaged one is then
    named with its own newest good backup."""
    if isinstance(exc, UserError):
        return str(exc)
    try:
        from sqlalchemy import exc as sa_exc
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        sa_exc = None  # type: ignore[assignment]
    item = exc
    if sa_exc is not None and isinstance(item, sa_exc.DBAPIError):
        server = not isinstance(item.orig, sqlite3.Error)
        first = str(item.orig).splitlines()[0] if str(item.orig) else ""
        state = str(getattr(item.orig, "sqlstate", "") or "")
        if state in _SQLSTATE_MESSAGES:
            return _SQLSTATE_MESSAGES[state]
        if state.startswith("08") or state.startswith("57P"):  # connection lost, shutdown
            return _database_message("", True)
        if isinstance(item, sa_exc.OperationalError | sa_exc.InterfaceError) or (
            item.connection_invalidated
        ):
            return _database_message(first, server, database)
        if isinstance(item, sa_exc.DatabaseError) and not server:
            msg = _database_message(first, server, database)
            if msg and "damaged" in msg:
                return msg
        return None
    if sa_exc is not None and isinstance(
        item, sa_exc.PendingRollbackError | sa_exc.DisconnectionError
    ):
        return _database_message("", True)
    if isinstance(item, sqlite3.DatabaseError):
        return _database_message(str(item), False, database)
    if isinstance(item, OSError):
        return _os_message(item)
    if isinstance(item, MemoryError):
        return "not enough memory for this operation; close other programs and try again"
    if isinstance(item, UnicodeDecodeError) and _raised_reading_the_database(item):
        # Text in the file that is not UTF-8: damage the quick check on open cannot see
        # (it checks the structure of the pages, not what the records hold).
        return damaged_message(database)
    return None


def user_message(
    exc: BaseException, log_file: Path | None, database: Path | None = None
) -> tuple[int, str]:
    """``(exit status, sentence)`` for any failure: 2 and the explanation when expected,
    1 and a pointer to the log file for a bug."""
    msg = expected_failure(exc, database)
    if msg is not None:
        return 2, msg
    where = (
        f"the details are in the log file {log_file}"
        if log_file
        else "no log file could be written"
    )
    return 1, f"unexpected error ({type(exc).__name__}); {where}. Please report it to support"


# --------------------------------------------------------------------------- logs


def safe_message(exc: BaseException) -> str:
    """The part of an exception's message that may go into a log."""
    try:
        from sqlalchemy import exc as sa_exc
    except ImportError:  # pragma: no cover
        sa_exc = None  # type: ignore[assignment]
    if sa_exc is not None and isinstance(exc, sa_exc.DBAPIError):
        orig = exc.orig
        state = getattr(orig, "sqlstate", None)
        return (
            f"{type(orig).__name__}{f' (SQLSTATE {state})' if state else ''}: {_first_line(orig)}"
        )
    if isinstance(exc, OSError):
        return f"[errno {exc.errno}] {exc.strerror or ''} {exc.filename or ''}".strip()
    if isinstance(exc, _SAFE_TYPES):
        return _first_line(exc)
    return _WITHHELD


def _first_line(exc: BaseException | None) -> str:
    """The first line of a message (PostgreSQL puts row values in DETAIL lines), with quoted
    input values (``invalid input syntax for type integer: "..."``) blanked."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = re.sub(r': "[^"]*"$', ': "..."', text)
    # sqlite3: "Could not decode to UTF-8 column 'x' with text '...'" quotes the stored value.
    text = re.sub(r" with text .*$", " with text '...'", text)
    return text[:300]


def redacted_traceback(
    exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
) -> str:
    """A traceback like Python's, with each exception's message reduced to :func:`safe_message`."""
    if exc is None:
        return "".join(traceback.format_tb(tb)) if tb else ""
    parts: list[str] = []
    chain = list(reversed(_chain(exc)))  # innermost first, as Python prints them
    for i, item in enumerate(chain):
        if i:
            parts.append("\nThe above exception led to the following exception:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(item.__traceback__ if item is not exc else tb))
        parts.append(f"{type(item).__module__}.{type(item).__qualname__}: {safe_message(item)}\n")
    return "".join(parts)


__all__ = [
    "damaged_message",
    "expected_failure",
    "redacted_traceback",
    "safe_message",
    "user_message",
]
