"""Rotating log files in the platform's log folder, for the desktop app and the command line.

Hospital IT reads these logs when a secretary calls: they must exist without anyone switching
them on, name the workstation user and process, never grow without bound, and never stop the
application from starting (a read-only profile or a full disk costs the log, not the app).
Two copies of the app for the same user (the GUI and a scheduled ``mdo-planner export``) share
one file; on Windows the second cannot rename it during a rollover, so a failed rollover keeps
writing to the current file instead of printing a logging error on every message.

Patient data does not belong in these logs: log identifiers (case id, session id), not names.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import logging.handlers
import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from mdo_planner import __version__
from mdo_planner.infra.config import log_dir

LOG_FILE_NAME = "mdo-planner.log"
#: 5 MB per file, 10 files: weeks of normal use, small enough to attach to a support ticket.
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 10
LEVEL_ENV = "MDO_PLANNER_LOG_LEVEL"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMAT = "%(asctime)s %(levelname)-7s [%(process)d %(user)s] %(name)s: %(message)s"

_lock = threading.Lock()
#: The file the handler of :func:`setup_logging` writes to (None: no log file).
_current: Path | None = None


class RedactingFormatter(logging.Formatter):
    """Tracebacks without exception messages that may carry patient data.

    Every logged traceback passes here (``log.exception``, ``exc_info=``, the crash hook),
    so no call site can forget it: frames are kept, messages only for data-free exception
    types (:func:`mdo_planner.infra.failures.redacted_traceback`).
    """

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached its own (unredacted) text on the record.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: Any) -> str:  # logging's own method name
        from mdo_planner.infra.failures import redacted_traceback

        return redacted_traceback(*ei).rstrip("\n")


class _UserFilter(logging.Filter):
    """Adds the workstation user to every record (audit questions start with "who")."""

    def __init__(self) -> None:
        super().__init__()
        try:
            self.user = getpass.getuser()
        except Exception:  # no user name is not a reason to fail to log
            self.user = "?"

    def filter(self, record: logging.LogRecord) -> bool:
        record.user = self.user
        return True


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating handler that survives another process holding the file during a rollover.

    Log files are created owner-only (0600): they name users and cases.
    """

    def _open(self) -> Any:  # logging's own method name
        path = Path(self.baseFilename)
        if not path.exists():
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return super()._open()

    #: After a refused rollover, wait this long before trying again (not on every record).
    RETRY_SECONDS = 60.0
    _retry_after = 0.0

    def doRollover(self) -> None:  # logging's own method names
        try:
            super().doRollover()
        except OSError:
            # Windows: another copy of the app has the file open, so it cannot be renamed.
            # Keep appending to the current file and try again later, once the other process
            # may have exited.
            self._retry_after = time.monotonic() + self.RETRY_SECONDS
            if self.stream is None:
                self.stream = self._open()

    def shouldRollover(self, record: logging.LogRecord) -> int:
        if time.monotonic() < self._retry_after:
            return 0
        try:
            return super().shouldRollover(record)
        except OSError:
            return 0


def _configured_level(level: str | int | None) -> int:
    """Explicit argument > ``MDO_PLANNER_LOG_LEVEL`` > site configuration ``[logging] level``."""
    if level is None:
        level = os.environ.get(LEVEL_ENV)
    if level is None:
        from mdo_planner.errors import UserError
        from mdo_planner.infra.config import load_site_config

        try:
            level = load_site_config().extra.get("logging", {}).get("level")
        except (UserError, AttributeError):
            level = None  # a broken site file is reported by whoever needs its settings
    if isinstance(level, int):
        return level
    if isinstance(level, str) and level.strip().upper() in LEVELS:
        return int(getattr(logging, level.strip().upper()))
    return logging.INFO


def current_log_file() -> Path | None:
    """The file this process logs to, or None when it runs without a log file."""
    return _current


def log_file() -> Path:
    """The current log file (older ones carry ``.1`` .. ``.10``)."""
    return log_dir() / LOG_FILE_NAME


def setup_logging(
    component: str, *, level: str | int | None = None, directory: Path | None = None
) -> Path | None:
    """Send the root logger to the rotating log file; returns the file, or None if unwritable.

    Safe to call more than once (the GUI and its sub-commands share a process in tests): the
    file handler is installed once and later calls only adjust the level.
    """
    resolved = _configured_level(level)
    root = logging.getLogger()
    try:
        path = (directory or log_dir()) / LOG_FILE_NAME
    except OSError:
        return None  # the log folder cannot be created: run without a log file
    with _lock:
        existing = [
            h
            for h in root.handlers
            if isinstance(h, SharedRotatingFileHandler) and getattr(h, "_mdo_planner", False)
        ]
        if existing and Path(existing[0].baseFilename) == path.absolute():
            root.setLevel(min(root.level or resolved, resolved))
            for handler in existing:
                handler.setLevel(resolved)
            return path
        # The data folder moved (another database folder, a self-test's temporary folder):
        # log there from now on instead of into the folder of an earlier call.
        for handler in existing:
            root.removeHandler(handler)
            handler.close()
        try:
            from db.engine import private_dir

            private_dir(path.parent)
            handler = SharedRotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
        except OSError:
            return None  # read-only profile or full disk: run without a log file
        handler._mdo_planner = True  # type: ignore[attr-defined]
        handler.setLevel(resolved)
        handler.setFormatter(RedactingFormatter(FORMAT))
        handler.addFilter(_UserFilter())
        root.addHandler(handler)
        root.setLevel(min(root.level or resolved, resolved))
        global _current
        _current = path
    logging.getLogger("mdo_planner").info(
        "%s started: mdo-planner %s, Python %s, %s",
        component,
        __version__,
        sys.version.split()[0],
        sys.platform,
    )
    return path


def teardown_logging() -> None:
    """Close and remove the file handler (tests, and the self-test's temporary folders)."""
    root = logging.getLogger()
    with _lock:
        for handler in [h for h in root.handlers if getattr(h, "_mdo_planner", False)]:
            root.removeHandler(handler)
            handler.close()
        global _current
        _current = None


def install_excepthook() -> None:
    """Log uncaught exceptions before Python (or Qt) prints them, so a crash leaves a trace."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            logging.getLogger("mdo_planner").critical(
                "uncaught exception", exc_info=(exc_type, exc, tb)
            )
        previous(exc_type, exc, tb)

    if getattr(sys.excepthook, "_mdo_planner", False):
        return
    hook._mdo_planner = True  # type: ignore[attr-defined]
    sys.excepthook = hook
