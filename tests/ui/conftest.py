"""Fixtures for the desktop tests: a migrated database filled from the tiny scenario, an
``AppContext`` with settings in a temporary INI file (never the user's registry), and a guard
that fails any test which opens a modal dialog it did not expect, and a guard that fails any
test in which the GUI thread opens a database connection.

Why the guard: offscreen, nobody can close a modal dialog, and a blocked Qt event loop cannot be
interrupted by pytest-timeout's signal method, so one unexpected ``QMessageBox.warning`` hung the
whole suite for good. Every blocking entry point of Qt's dialogs is replaced by one that raises
:class:`UnexpectedDialog` with the dialog's title and text; a test that expects a dialog patches
that entry point itself (its ``monkeypatch`` runs after this fixture, so it wins).
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.engine import create_engine_for
from db.models import Base
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.services.base import Database
from tests.conftest import TINY


class UnexpectedDialog(AssertionError):
    """A test opened a modal dialog it did not patch; the message carries the dialog's text."""


def _texts(widget: object) -> str:
    from PySide6.QtWidgets import QLabel, QWidget

    if not isinstance(widget, QWidget):
        return ""
    parts = [widget.windowTitle()]
    parts += [label.text() for label in widget.findChildren(QLabel) if label.text()]
    return " | ".join(p for p in parts if p)


def _refuse(kind: str, text: str) -> None:
    raise UnexpectedDialog(f"unexpected modal {kind} (patch it in the test if it is meant): {text}")


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import (
        QColorDialog,
        QDialog,
        QFileDialog,
        QFontDialog,
        QInputDialog,
        QMenu,
        QMessageBox,
    )

    def static(kind: str):
        def refuse(*args: object, **kwargs: object) -> None:
            words = [str(a) for a in args[1:] if isinstance(a, str)]
            words += [str(v) for v in kwargs.values() if isinstance(v, str)]
            _refuse(kind, " | ".join(words))

        return staticmethod(refuse)

    for name in ("warning", "critical", "information", "question", "about", "aboutQt"):
        monkeypatch.setattr(QMessageBox, name, static(f"QMessageBox.{name}"))
    for name in (
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
        "getOpenFileUrl",
        "getOpenFileUrls",
        "getSaveFileUrl",
        "getExistingDirectoryUrl",
    ):
        monkeypatch.setattr(QFileDialog, name, static(f"QFileDialog.{name}"))
    for name in ("getText", "getInt", "getDouble", "getItem", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, static(f"QInputDialog.{name}"))
    monkeypatch.setattr(QColorDialog, "getColor", static("QColorDialog.getColor"))
    monkeypatch.setattr(QFontDialog, "getFont", static("QFontDialog.getFont"))

    def message_box_exec(self: QMessageBox) -> int:
        _refuse(
            "QMessageBox",
            " | ".join(t for t in (self.windowTitle(), self.text(), self.informativeText()) if t),
        )
        return 0

    def dialog_exec(self: QDialog) -> int:
        _refuse(type(self).__name__, _texts(self))
        return 0

    def menu_exec(self: QMenu, *args: object) -> None:
        _refuse("QMenu", " | ".join(a.text() for a in self.actions()))

    monkeypatch.setattr(QMessageBox, "exec", message_box_exec)
    monkeypatch.setattr(QDialog, "exec", dialog_exec)
    monkeypatch.setattr(QMenu, "exec", menu_exec)


# ---------------------------------------------------------------------- the GUI-thread guard
#: Modules that may still reach the database on the GUI thread: none since 2026-12-02, when the
#: last workspaces moved onto ``Workspace.query``/``Workspace.mutate`` (or
#: ``AppContext.query``/``mutate``). It stays empty (tests/ui/test_workspace_base.py holds its
#: length at 0); the name is kept so that the guard's test can show what an excuse would do.
GUI_DB_EXCUSED: frozenset[str] = frozenset()

#: Helpers that only forward a call: the module that called them is the one responsible.
_FORWARDERS = ("ui.workspaces._support", "ui.workspaces.base", "ui.context", "ui.tasks")


class GuiThreadDatabaseAccess(AssertionError):
    """The GUI thread opened a database connection (Anki's rule: never on the GUI thread)."""


def gui_caller() -> str | None:
    """The ``ui`` function that, on the GUI thread, made the current database connection be
    opened ("module:function:line"), or None when the caller is no GUI code (a test setting up
    its data) or the connection is opened by a worker thread."""
    if threading.current_thread() is not threading.main_thread():
        return None
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if (module == "ui" or module.startswith("ui.")) and not module.startswith(_FORWARDERS):
            return f"{module}:{frame.f_code.co_name}:{frame.f_lineno}"
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def _no_database_on_gui_thread() -> Iterator[list[str]]:
    """Fail the test when GUI code opens a database connection on the GUI thread.

    It listens to every connection pool's checkout, so no route to the database escapes it
    (a service, a raw engine, a session). The failure is raised where it happens and, in case
    a broad handler swallowed it, once more when the test ends."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    seen: list[str] = []

    def checkout(_dbapi: object, _record: object, _proxy: object) -> None:
        caller = gui_caller()
        if caller is None or caller.split(":", 1)[0] in GUI_DB_EXCUSED:
            return
        seen.append(caller)
        raise GuiThreadDatabaseAccess(f"database connection opened on the GUI thread by {caller}")

    event.listen(Pool, "checkout", checkout)
    try:
        yield seen
    finally:
        event.remove(Pool, "checkout", checkout)
    if seen:
        raise GuiThreadDatabaseAccess(
            "the GUI thread opened a database connection: " + ", ".join(sorted(set(seen)))
        )


@pytest.fixture(scope="session")
def tiny_scenario() -> dict:
    return json.loads((TINY).read_text(encoding="utf-8"))


def make_database(path: Path) -> Database:
    """A database with the ORM's schema created directly: faster than running the migrations
    for every test (the migrations have tests of their own)."""
    url = f"sqlite:///{path}"
    engine = create_engine_for(url)
    Base.metadata.create_all(engine)
    return Database(url, engine, revision=None)


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = make_database(tmp_path / "empty.sqlite")
    yield db
    db.dispose()


@pytest.fixture
def tiny_db(tmp_path: Path, tiny_scenario: dict) -> Iterator[Database]:
    db = make_database(tmp_path / "tiny.sqlite")
    import_scenario(db, tiny_scenario, "tester", source="tiny.json")
    yield db
    db.dispose()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qtbot, tiny_db: Database, ui_settings: QSettings):
    from ui.context import AppContext

    c = AppContext(tiny_db, user="secretary", settings=ui_settings)
    yield c
    c.cancel_all()
    c.wait_for_tasks()


@pytest.fixture
def settle(qtbot):
    """Wait until the context's background tasks (and the tasks their results started) are
    done: a workspace loads through worker threads, so a test waits before it looks."""

    def wait(ctx, timeout: int = 15_000) -> None:
        qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=timeout)

    return wait
