"""Help → Log viewer: the end of the application's log file, for a support call.

Application support asks "what does the log say?"; a secretary should not need to know where
the platform keeps log folders. Only the last part of the file is read (the file may hold
weeks), and the folder can be opened for attaching whole files to a ticket.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.infra.logging_setup import log_file

#: How much of the end of the log is shown.
TAIL_BYTES = 512 * 1024


def read_tail(path: Path, limit: int = TAIL_BYTES) -> str:
    """The last ``limit`` bytes of ``path``, starting at a line boundary."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - limit))
            data = fh.read()
    except FileNotFoundError:
        return ""
    if len(data) == limit and b"\n" in data:
        data = data.split(b"\n", 1)[1]
    return data.decode("utf-8", errors="replace")


class LogViewer(QDialog):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logViewer")
        self.setWindowTitle(self.tr("Log viewer"))
        self.path = path or log_file()
        self.resize(1000, 600)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Log"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        reload_button = QPushButton(self.tr("Reload"), self)
        copy_button = QPushButton(self.tr("Copy"), self)
        folder_button = QPushButton(self.tr("Open folder"), self)
        for b in (reload_button, copy_button, folder_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        reload_button.clicked.connect(self.reload)
        copy_button.clicked.connect(self.copy)
        folder_button.clicked.connect(self.open_folder)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.reload()

    @Slot()
    def reload(self) -> None:
        text = read_tail(self.path)
        self.where.setText(self.tr("Log file: {0}").format(self.path))
        self.text.setPlainText(text or self.tr("The log is empty."))
        self.text.moveCursor(QTextCursor.MoveOperation.End)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    @Slot()
    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
