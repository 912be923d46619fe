"""Crash handler: an uncaught exception is logged with its traceback and shown in a dialog.

Following Picard and qutebrowser: a bug must never vanish into a terminal nobody sees (a
secretary starts the app from a menu), and must never kill the application silently with
unsaved work in it. ``sys.excepthook`` covers the GUI thread (Qt calls it for exceptions in
slots) and ``threading.excepthook`` covers plain Python threads; their details are written to
a crash file in the log folder and the dialog offers "Copy details" for the support ticket.
Exceptions from other threads reach the dialog through a queued signal, because widgets may
only be touched from the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mdo_planner import __version__
from mdo_planner.infra.config import log_dir
from mdo_planner.infra.failures import redacted_traceback

log = logging.getLogger("mdo_planner.crash")


def write_crash_file(details: str, directory: Path | None = None) -> Path | None:
    """Write ``details`` to ``crash-<timestamp>.txt`` in the log folder; None if impossible."""
    try:
        folder = directory or log_dir()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"crash-{stamp}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # owner-only, like logs
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(details)
        return path
    except OSError:
        return None


def format_details(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread: str | None = None,
) -> str:
    lines = [
        f"mdo-planner {__version__}",
        f"Python {sys.version.split()[0]} on {sys.platform}",
        f"time {dt.datetime.now().isoformat(timespec='seconds')}",
        f"process {os.getpid()}" + (f", thread {thread}" if thread else ""),
        "",
        # Frames, but exception messages only where they cannot hold patient data: this
        # text goes to a crash file and, by "Copy details", into a support ticket.
        redacted_traceback(exc_type, exc, tb),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """ "Something went wrong", the details, and a button that copies them."""

    def __init__(
        self, details: str, crash_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("MDO Planner — unexpected error"))
        self.setObjectName("crashDialog")
        self.details = details
        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40)
        )
        where = (
            self.tr("The details were saved to {0}.").format(crash_file)
            if crash_file
            else self.tr("The details could not be saved to the log folder.")
        )
        text = QLabel(
            self.tr(
                "<b>Something went wrong inside MDO Planner.</b><br>"
                "Your saved data is safe. Work that was not saved may need to be redone. "
                "Please send the details below to your application support."
            )
            + "<br>"
            + where,
            self,
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details, self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMinimumSize(640, 260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setObjectName("copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QVBoxLayout()
        top.addWidget(icon)
        layout.addLayout(top)
        layout.addWidget(text)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


class CrashHandler(QObject):
    """Installs the hooks; shows at most one dialog at a time."""

    crashed = Signal(str, str)  # details, crash file path ("" if none)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.crashed.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)
        self.dialogs_shown = 0

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self._handle(exc_type, exc, tb, None)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else None
        self._handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread: str | None,
    ) -> None:
        details = format_details(exc_type, exc, tb, thread)
        log.critical("uncaught exception%s\n%s", f" in thread {thread}" if thread else "", details)
        path = write_crash_file(details)
        # Emitting is thread-safe; the queued connection shows the dialog in the GUI thread.
        self.crashed.emit(details, str(path) if path else "")

    def report_now(self, exc: BaseException, *, show: bool = True) -> Path | None:
        """Log and file a crash that happened before the event loop runs (opening the
        database at start-up), and show its dialog at once; returns the crash file. A crash
        then must still reach the user: re-raising would end in Python's default hook, which
        prints the traceback on a terminal nobody sees and shows no dialog."""
        details = format_details(type(exc), exc, exc.__traceback__, None)
        log.critical("uncaught exception at start-up\n%s", details)
        path = write_crash_file(details)
        if show:
            self._show_dialog(details, str(path) if path else "")
        return path

    @Slot(str, str)
    def _show_dialog(self, details: str, path: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            dialog = CrashDialog(details, Path(path) if path else None, parent)
            self.dialogs_shown += 1
            dialog.exec()
            dialog.deleteLater()
        finally:
            self._showing = False
