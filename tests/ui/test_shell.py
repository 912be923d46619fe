"""The application shell: main window, menus, settings, crash handler, log viewer, first
start, File → Import/Export, and the ``--demo --quit-after`` smoke run."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from mdo_planner.errors import UserError
from mdo_planner.services import cases_service as cs
from tests.conftest import ROOT, TINY
from ui import settings as app_settings
from ui.context import AppContext
from ui.crash import CrashDialog, CrashHandler
from ui.log_viewer import LogViewer, read_tail
from ui.main_window import FirstStartDialog, MainWindow


def _window(qtbot, ctx: AppContext, **kw) -> MainWindow:
    w = MainWindow(ctx, first_start_check=kw.pop("first_start_check", False), **kw)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    # the workspaces load through worker threads: settle before a test looks
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    return w


def test_demo_quit_after_runs_cleanly(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        MDO_PLANNER_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
        MDO_PLANNER_CONFIG=str(tmp_path / "none.toml"),
    )
    env.pop("MDO_PLANNER_DB", None)
    res = subprocess.run(
        [sys.executable, "-m", "mdo_planner", "--demo", "--quit-after", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    assert (tmp_path / "data" / "demo.sqlite").is_file()
    log = (tmp_path / "data" / "logs" / "mdo-planner.log").read_text(encoding="utf-8")
    assert "gui closed with status 0" in log


def test_navigation_menus_and_status_bar(qtbot, ctx, settle) -> None:
    w = _window(qtbot, ctx)
    settle(ctx)
    names = [w.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.nav.count())]
    assert names[:2] == ["cases", "case_editor"]
    assert w.current_workspace_name() == "cases"
    assert "tiny.sqlite" in w.db_label.text()
    assert "secretary" in w.user_label.text()
    assert w.plan_label.text() == "No plan run yet"
    # Ctrl+N: new case in the editor; Ctrl+F: back to the search box
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert w.current_workspace_name() == "case_editor"
    editor = w.workspace("case_editor")
    assert ctx.undo_group.activeStack() is editor.undo_stack
    qtbot.keyClicks(editor.patient_ref, "P-1")
    assert w.undo_action.isEnabled()
    w.undo_action.trigger()
    assert editor.patient_ref.text() == ""
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.current_workspace_name() == "cases"
    assert w.workspace("cases").search.hasFocus()
    # Ctrl+2 goes to the second workspace
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.current_workspace_name() == "case_editor"


def test_opening_a_case_from_the_worklist_shows_the_editor(qtbot, ctx, settle) -> None:
    w = _window(qtbot, ctx)
    cases = w.workspace("cases")
    cases.view.setCurrentIndex(cases.proxy.index(3, 1))
    case_id = cases.current_case_id()
    cases.view.setFocus()
    qtbot.keyClick(cases.view, Qt.Key.Key_Return)
    settle(ctx)
    assert w.current_workspace_name() == "case_editor"
    assert w.workspace("case_editor").case_id == case_id


def test_geometry_and_workspace_are_remembered(qtbot, ctx, tiny_db, ui_settings) -> None:
    w = _window(qtbot, ctx)
    w.move(40, 30)
    w.resize(w.minimumSizeHint().width() + 4, 700)  # fits the small offscreen screen
    size = (w.width(), w.height())
    w.show_workspace("case_editor")
    w.show_workspace("cases")
    w.nav.setCurrentRow(2)
    remembered = w.current_workspace_name()
    w.close()
    assert ui_settings.value(app_settings.KEY_WORKSPACE) == remembered
    ctx2 = AppContext(tiny_db, user="secretary", settings=ui_settings)
    w2 = _window(qtbot, ctx2)
    assert w2.current_workspace_name() == remembered
    # the offscreen screen is small: the height is restored exactly, the width within the
    # few pixels the platform clamps a window to its screen
    assert w2.height() == size[1] and abs(w2.width() - size[0]) <= 8


def test_settings_upgrade_from_version_1(tmp_path: Path) -> None:
    s = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    s.setValue("MainWindow/lastWorkspace", "experts")
    s.setValue("language", "klingon")
    s.sync()
    assert app_settings.upgrade_settings(s) == 1
    assert s.value(app_settings.KEY_WORKSPACE) == "experts"
    assert not s.contains("MainWindow/lastWorkspace")
    assert app_settings.language(s) == "system"
    assert int(s.value(app_settings.KEY_VERSION)) == app_settings.SETTINGS_VERSION
    # idempotent, and a newer file is left alone
    assert app_settings.upgrade_settings(s) == app_settings.SETTINGS_VERSION
    s.setValue(app_settings.KEY_VERSION, 99)
    assert app_settings.upgrade_settings(s) == 99
    assert int(s.value(app_settings.KEY_VERSION)) == 99
    fresh = QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat)
    assert app_settings.upgrade_settings(fresh) == 0
    assert int(fresh.value(app_settings.KEY_VERSION)) == app_settings.SETTINGS_VERSION


def test_crash_handler_logs_and_shows_dialog(qtbot, monkeypatch, _isolated_data_dir) -> None:
    shown: list[CrashDialog] = []

    def fake_exec(self: CrashDialog) -> int:
        shown.append(self)
        self.copy_details()
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    handler = CrashHandler()
    handler.install()
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: len(shown) == 1)

        def worker() -> None:
            raise ValueError("boom in a thread")

        t = threading.Thread(target=worker, name="worker-1")
        t.start()
        t.join()
        qtbot.waitUntil(lambda: len(shown) == 2)
    finally:
        handler.uninstall()
    # Frames and type, not the message (it may hold patient data): see mdo_planner.infra.failures.
    assert "RuntimeError: (message withheld" in shown[0].details
    assert 'raise RuntimeError("boom in a slot")' in shown[0].details
    assert "thread worker-1" in shown[1].details
    assert QGuiApplication.clipboard().text() == shown[1].details
    crash_files = sorted((_isolated_data_dir / "logs").glob("crash-*.txt"))
    assert len(crash_files) == 2
    assert "boom in a slot" in crash_files[0].read_text(encoding="utf-8")


def test_log_viewer_shows_the_end_of_the_log(qtbot, tmp_path: Path) -> None:
    log = tmp_path / "mdo-planner.log"
    log.write_text("".join(f"line {i}\n" for i in range(5000)), encoding="utf-8")
    viewer = LogViewer(path=log)
    qtbot.addWidget(viewer)
    text = viewer.text.toPlainText()
    assert text.rstrip().endswith("line 4999")
    assert read_tail(log, 100).startswith("line ")
    assert read_tail(tmp_path / "missing.log") == ""


def test_first_start_offers_network_setup(qtbot, monkeypatch, empty_db, ui_settings) -> None:
    def choose_setup(self: FirstStartDialog) -> int:
        self.choice = FirstStartDialog.SETUP
        return 1

    monkeypatch.setattr(FirstStartDialog, "exec", choose_setup)
    ctx = AppContext(empty_db, user="secretary", settings=ui_settings)
    w = _window(qtbot, ctx, first_start_check=True)
    qtbot.waitUntil(lambda: w.current_workspace_name() == "network")
    ctx.wait_for_tasks()


def test_import_and_export_scenario_through_the_window(
    qtbot, monkeypatch, empty_db, ui_settings, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: infos.append(text))
    ctx = AppContext(empty_db, user="secretary", settings=ui_settings)
    w = _window(qtbot, ctx)
    cases = w.workspace("cases")
    assert cases.model.rowCount() == 0
    w.import_file(str(TINY))
    qtbot.waitUntil(lambda: bool(infos), timeout=30000)
    assert "imported tiny.json" in infos[0]
    qtbot.waitUntil(lambda: cases.model.rowCount() == 110)
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    out = tmp_path / "export.json"
    with qtbot.waitSignal(
        ctx.statusMessage, timeout=30000, check_params_cb=lambda m: "written" in m
    ):
        w.export_file(str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "mdo-planner-scenario" and len(data["cases"]) == 110
    ctx.wait_for_tasks()


def test_import_of_a_bad_file_says_where(
    qtbot, monkeypatch, empty_db, ui_settings, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    bad = tmp_path / "bad.json"
    data = json.loads((TINY).read_text(encoding="utf-8"))
    data["cases"][3]["ready"] = "soon"
    bad.write_text(json.dumps(data), encoding="utf-8")
    ctx = AppContext(empty_db, user="secretary", settings=ui_settings)
    w = _window(qtbot, ctx)
    w.import_file(str(bad))
    qtbot.waitUntil(lambda: bool(warnings), timeout=30000)
    assert "$.cases[3].ready" in warnings[0]
    assert cs.count_cases(empty_db) == 0
    ctx.wait_for_tasks()


@pytest.mark.parametrize("scheme_dark", [False, True])
def test_palettes_are_readable(qapp, scheme_dark: bool) -> None:
    from ui.theme import dark_palette, light_palette

    p = dark_palette() if scheme_dark else light_palette()
    from PySide6.QtGui import QPalette

    text = p.color(QPalette.ColorRole.Text).lightness()
    base = p.color(QPalette.ColorRole.Base).lightness()
    assert abs(text - base) > 120


def test_open_another_database_and_the_demo(
    qtbot, monkeypatch, ctx, tmp_path: Path, settle
) -> None:
    from PySide6.QtWidgets import QMessageBox

    problems: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: problems.append(text))
    w = _window(qtbot, ctx)
    cases = w.workspace("cases")
    assert cases.model.rowCount() == 110
    # a database that is not ours is refused with a message, and the current one stays
    foreign = tmp_path / "foreign.sqlite"
    import sqlite3

    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE patients (id INTEGER)")
    w.open_database(f"sqlite:///{foreign}")
    qtbot.waitUntil(lambda: bool(problems), timeout=60000)
    assert "tiny.sqlite" in w.db_label.text()
    # a new file is created and migrated
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    with qtbot.waitSignal(ctx.databaseChanged, timeout=60000):
        w.open_database(url)
    settle(ctx)
    assert cases.model.rowCount() == 0
    assert "new.sqlite" in w.db_label.text()
    assert ctx.settings.value(app_settings.KEY_RECENT)[0] == url
    with qtbot.waitSignal(ctx.databaseChanged, timeout=120000):
        w.demo_action.trigger()
    settle(ctx, timeout=60_000)
    assert "demo.sqlite" in w.db_label.text()
    assert cases.model.rowCount() > 500
    ctx.wait_for_tasks()
    ctx.db.dispose()


def test_open_database_dialog_checks_its_input(qtbot, tmp_path: Path) -> None:
    from ui.main_window import OpenDatabaseDialog

    d = OpenDatabaseDialog(recent=["postgresql+psycopg://mdo@db.example/mdo"])
    qtbot.addWidget(d)
    assert d.url.text() == "postgresql+psycopg://mdo@db.example/mdo"
    d.path.setText(str(tmp_path / "missing.sqlite"))
    d._accept()
    assert "no file" in d.error.text() and d.result() == 0
    d.postgres.setChecked(True)
    d.url.setText("mysql://x")
    d._accept()
    assert "postgresql+psycopg://" in d.error.text()
    d.url.setText("postgresql+psycopg://mdo@db.example/mdo")
    d._accept()
    assert d.result() == 1 and d.chosen_url().startswith("postgresql+psycopg://")


def test_register_in_the_window_and_find_it_in_the_worklist(qtbot, monkeypatch, ctx) -> None:
    from PySide6.QtWidgets import QMessageBox

    w = _window(qtbot, ctx)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    ed = w.workspace("case_editor")
    qtbot.keyClicks(ed.patient_ref, "P-WINDOW-7")
    ed.hospital.setCurrentIndex(1)
    ed.tumour_group.setCurrentIndex(1)
    qtbot.keyClicks(ed.question, "Which MDO?")
    ed.patient_ref.setFocus()
    with qtbot.waitSignal(ed.saved, timeout=10000):
        qtbot.keyClick(ed.patient_ref, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    cases = w.workspace("cases")
    qtbot.keyClicks(cases.search, "p-window")
    qtbot.waitUntil(lambda: cases.proxy.rowCount() == 1)
    cases.proxy.index(0, 2).data()  # asks for the row, which a worker fetches
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    assert cases.proxy.index(0, 2).data() == "P-WINDOW-7"
    assert cases.proxy.index(0, 6).data() == "On hold"  # no pathology or imaging yet
    # unsaved edits are not lost by closing the window by accident
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ed.physician, "Dr. Typing")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    w.close()
    assert w.isVisible()
    w.close()
    assert not w.isVisible()


def test_icons_follow_a_palette_change(qtbot, qapp, ctx) -> None:
    from ui.theme import dark_palette

    w = _window(qtbot, ctx)
    before = w.nav.item(0).icon().pixmap(22, 22).toImage()
    old = qapp.palette()
    qapp.setPalette(dark_palette())  # what ThemeFollower does when the system turns dark
    try:
        qtbot.waitUntil(lambda: w.nav.item(0).icon().pixmap(22, 22).toImage() != before)
    finally:
        qapp.setPalette(old)


def test_cancelled_import_writes_nothing(qtbot, monkeypatch, empty_db, ui_settings) -> None:
    from mdo_planner.services import app_service

    real_load = __import__(
        "mdo_planner.contract_io.scenario", fromlist=["load_scenario"]
    ).load_scenario
    gate = threading.Event()

    def slow_load(path):  # the user presses Cancel while the file is being read
        data = real_load(path)
        gate.wait(10)
        return data

    monkeypatch.setattr("mdo_planner.contract_io.scenario.load_scenario", slow_load)
    ctx = AppContext(empty_db, user="secretary", settings=ui_settings)
    w = _window(qtbot, ctx)
    task = w.import_file(str(TINY))
    dialog = w._file_progress
    dialog.show()
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert task.cancelled
    gate.set()
    qtbot.waitUntil(lambda: task.done, timeout=30000)
    assert task.failure is not None and task.failure.cancelled
    assert cs.count_cases(empty_db) == 0
    assert app_service.is_empty(empty_db)
    ctx.wait_for_tasks()


def test_unopenable_database_exits_with_a_message(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite"
    import sqlite3

    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE patients (id INTEGER)")
    env = dict(
        os.environ,
        MDO_PLANNER_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
        MDO_PLANNER_CONFIG=str(tmp_path / "none.toml"),
    )
    res = subprocess.run(
        [sys.executable, "-m", "mdo_planner", "--db", f"sqlite:///{foreign}", "--quit-after", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert res.returncode == 2
    assert res.stderr.startswith("mdo-planner: error:") and "foreign.sqlite" in res.stderr


def test_language_choice_is_stored_and_passwords_are_not(qtbot, ctx, ui_settings) -> None:
    from mdo_planner.services.app_service import url_has_password

    w = _window(qtbot, ctx)
    dutch = next(a for a in w.language_group.actions() if a.data() == "nl")
    dutch.trigger()
    assert ui_settings.value(app_settings.KEY_LANGUAGE) == "nl"
    assert [a.data() for a in w.language_group.actions() if a.isChecked()] == ["nl"]
    # it says plainly, in both languages, when the change applies
    assert "next time you start" in w.language_notice.text()
    assert "volgende keer" in w.language_notice.text()
    w.language_notice.close()
    assert url_has_password("postgresql+psycopg://mdo:secret@db/mdo")
    assert not url_has_password("postgresql+psycopg://mdo@db/mdo")
    assert not url_has_password("sqlite:////tmp/x.sqlite")


def test_theme_follows_the_system_scheme(qapp, monkeypatch) -> None:
    from PySide6.QtGui import QPalette

    from ui import theme

    old_palette, old_style = qapp.palette(), qapp.style().name()
    try:
        follower = theme.ThemeFollower(qapp)
        assert qapp.style().name().lower() == "fusion"
        monkeypatch.setattr(theme, "is_dark", lambda: True)
        follower._scheme_changed(Qt.ColorScheme.Dark)  # what the colorSchemeChanged signal calls
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        monkeypatch.setattr(theme, "is_dark", lambda: False)
        follower._scheme_changed(Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
        follower.deleteLater()
    finally:
        qapp.setStyle(old_style)
        qapp.setPalette(old_palette)


def test_find_shortcut_works_with_focus_inside_the_worklist(qtbot, ctx) -> None:
    """One Ctrl+F for the whole window: a second one in the workspace would be ambiguous."""
    w = _window(qtbot, ctx)
    cases = w.workspace("cases")
    cases.view.setFocus()
    qtbot.waitUntil(cases.view.hasFocus)
    qtbot.keyClick(cases.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert cases.search.hasFocus()


def test_settings_stay_in_a_moved_data_folder(qapp, _isolated_data_dir: Path) -> None:
    """Tests and the self-test must never write into the user's real settings."""
    from ui.settings import open_settings

    s = open_settings()
    assert Path(s.fileName()) == _isolated_data_dir / "settings.ini"


def test_a_bug_while_opening_the_database_shows_the_crash_dialog(qtbot, monkeypatch) -> None:
    """Review finding: the bug was re-raised after the crash handler was uninstalled, so it
    reached Python's default hook (a traceback on stderr) and no dialog appeared."""
    import argparse

    from PySide6.QtCore import qInstallMessageHandler

    from ui import main as ui_main

    shown: list[str] = []

    def fake_exec(self: CrashDialog) -> int:
        shown.append(self.details)
        return 0

    def broken(ns):
        raise RuntimeError("bug while opening")

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    monkeypatch.setattr(ui_main, "open_startup_database", broken)
    thresholds = gc.get_threshold()
    try:
        status = ui_main.main(argparse.Namespace(demo=False, db=None, quit_after=None))
    finally:
        qInstallMessageHandler(None)
        gc.set_threshold(*thresholds)
    assert status == 1
    assert len(shown) == 1 and "RuntimeError" in shown[0]


def test_the_desktop_process_collects_garbage_in_large_batches(monkeypatch) -> None:
    """A full collection of the app's heap stops the GUI thread for about 100 ms: the app
    raises the collector's first threshold at start-up, before the database opens
    (``ui.main.GC_THRESHOLDS``)."""
    import argparse

    from PySide6.QtCore import qInstallMessageHandler

    from ui import main as ui_main

    seen: list[tuple[int, ...]] = []

    def stop_here(ns):
        seen.append(gc.get_threshold())
        raise UserError("no database here")

    monkeypatch.setattr(ui_main, "open_startup_database", stop_here)
    monkeypatch.setattr(ui_main.QMessageBox, "critical", lambda *a, **k: None)
    thresholds = gc.get_threshold()
    assert thresholds != ui_main.GC_THRESHOLDS
    try:
        assert ui_main.main(argparse.Namespace(demo=False, db=None, quit_after=None)) == 2
    finally:
        qInstallMessageHandler(None)
        gc.set_threshold(*thresholds)
    assert seen == [ui_main.GC_THRESHOLDS]
