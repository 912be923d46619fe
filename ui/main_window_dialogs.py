"""The dialogs of opening a database and of the first start, and the tasks that open one.

Split out of :mod:`ui.main_window` (which re-exports them): the window shows them, but they
are self-contained forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.infra.config import sqlite_file_of, sqlite_url


def _open_db(url: str | None, state: Any) -> Any:
    from mdo_planner.services.base import open_database

    return open_database(url)


def _open_demo(state: Any) -> Any:
    from mdo_planner.demo import ensure_demo_database

    return ensure_demo_database()


class OpenDatabaseDialog(QDialog):
    """Choose an SQLite file or type a PostgreSQL URL."""

    def __init__(self, parent: QWidget | None = None, recent: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open database"))
        self.sqlite = QRadioButton(self.tr("SQLite file on this computer"), self)
        self.postgres = QRadioButton(self.tr("PostgreSQL server of the network"), self)
        group = QButtonGroup(self)
        group.addButton(self.sqlite)
        group.addButton(self.postgres)
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("SQLite file"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.url = QLineEdit(self)
        self.url.setAccessibleName(self.tr("PostgreSQL URL"))
        self.url.setPlaceholderText("postgresql+psycopg://user@host:5432/mdo")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.sqlite)
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.postgres)
        form.addRow(self.tr("URL:"), self.url)
        hint = QLabel(
            self.tr(
                "Passwords are best kept in the PostgreSQL password file (pgpass), not in the URL."
            ),
            self,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.sqlite.setChecked(True)
        for url in recent or []:
            if url.startswith("postgresql") and not self.url.text():
                self.url.setText(url)
            elif (path := sqlite_file_of(url)) is not None and not self.path.text():
                self.path.setText(str(path))
        self.resize(560, self.sizeHint().height())

    @Slot()
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            self.path.text(),
            self.tr("MDO Planner databases (*.sqlite *.db);;All files (*)"),
        )
        if name:
            self.path.setText(name)
            self.sqlite.setChecked(True)

    def chosen_url(self) -> str:
        if self.sqlite.isChecked():
            return sqlite_url(Path(self.path.text().strip())) if self.path.text().strip() else ""
        return self.url.text().strip()

    @Slot()
    def _accept(self) -> None:
        url = self.chosen_url()
        if not url:
            self.error.setText(self.tr("Choose a file or type a URL."))
            return
        if self.sqlite.isChecked() and not Path(self.path.text().strip()).is_file():
            self.error.setText(
                self.tr("There is no file at {0}; use File → New database to create one.").format(
                    self.path.text().strip()
                )
            )
            return
        if self.postgres.isChecked() and not url.startswith("postgresql"):
            self.error.setText(self.tr("A PostgreSQL URL starts with postgresql+psycopg://"))
            return
        self.accept()


class FirstStartDialog(QDialog):
    """Shown on an empty database: load the demo network or start setting up a network."""

    DEMO = 1
    SETUP = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to MDO Planner"))
        self.choice = 0
        title = QLabel(self.tr("<h2>Welcome to MDO Planner</h2>"), self)
        text = QLabel(
            self.tr(
                "This database is empty. You can explore the application with a demo network "
                "(hospitals, experts, meeting series and a month of cases, all fictitious), or "
                "start setting up your own network: hospitals, tumour groups and meeting series."
            ),
            self,
        )
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open the demo network"), self)
        self.setup_button = QPushButton(self.tr("Set up my network"), self)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self._demo)
        self.setup_button.clicked.connect(self._setup)
        later = QPushButton(self.tr("Later"), self)
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(self.setup_button)
        buttons.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        self.resize(520, self.sizeHint().height())

    @Slot()
    def _demo(self) -> None:
        self.choice = self.DEMO
        self.accept()

    @Slot()
    def _setup(self) -> None:
        self.choice = self.SETUP
        self.accept()
