"""The main window's menus and their actions, built onto the window.

Split out of :mod:`ui.main_window` so that the window module keeps to what the window does
(navigation, workspaces, status, file operations). The actions stay attributes of the window
(``window.open_action`` …): the window, its tests and the shortcut overview find them there.
Texts are translated in the ``MainWindow`` context, where they have always been.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle

from ui import settings as app_settings


def _action(
    window: Any,
    text: str,
    slot: Any,
    shortcut: Any = None,
    icon: QIcon | None = None,
    name: str = "",
) -> QAction:
    a = QAction(text, window)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        a.setIcon(icon)
    if name:
        a.setObjectName(name)
    a.triggered.connect(slot)
    return a


def build_menus(window: Any) -> None:
    """Build the File, Edit, View and Help menus and the actions the window and its tests use."""
    sk = QKeySequence.StandardKey
    style = window.style()
    m = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    window.open_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Open database…"),
        window.open_database_dialog,
        sk.Open,
        style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
        "openDatabase",
    )
    window.new_db_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&New database…"),
        window.new_database,
        name="newDatabase",
    )
    window.import_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Import scenario…"),
        window.import_scenario,
        "Ctrl+I",
        name="importScenario",
    )
    window.export_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Export scenario…"),
        window.export_scenario,
        "Ctrl+E",
        name="exportScenario",
    )
    window.demo_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Load &demo network"),
        window.load_demo,
        name="loadDemo",
    )
    window.import_registrations_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Import &registrations (CSV/Excel)…"),
        window.import_registrations,
        "Ctrl+Shift+I",
        name="importRegistrations",
    )
    window.export_worklist_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Worklist (current filter)…"),
        window.export_worklist,
        name="exportWorklist",
    )
    window.export_agenda_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Agenda of the selected session…"),
        window.export_agenda,
        name="exportAgendaTable",
    )
    window.export_sessions_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Sessions of a period…"),
        window.export_sessions,
        name="exportSessions",
    )
    window.export_quality_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Quality report…"),
        window.export_quality,
        name="exportQuality",
    )
    window.quit_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Quit"),
        window.close,
        sk.Quit,
        name="quit",
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    for a in (window.open_action, window.new_db_action):
        m.addAction(a)
    m.addSeparator()
    for a in (window.import_action, window.export_action, window.demo_action):
        m.addAction(a)
    m.addSeparator()
    m.addAction(window.import_registrations_action)
    tables = m.addMenu(QCoreApplication.translate("MainWindow", "E&xport table"))
    tables.setObjectName("exportTables")
    for a in (
        window.export_worklist_action,
        window.export_agenda_action,
        window.export_sessions_action,
        window.export_quality_action,
    ):
        tables.addAction(a)
    m.addSeparator()
    m.addAction(window.quit_action)

    e = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    window.undo_action = window.ctx.undo_group.createUndoAction(
        window, QCoreApplication.translate("MainWindow", "&Undo")
    )
    window.undo_action.setShortcuts(QKeySequence.keyBindings(sk.Undo))
    window.redo_action = window.ctx.undo_group.createRedoAction(
        window, QCoreApplication.translate("MainWindow", "&Redo")
    )
    window.redo_action.setShortcuts(QKeySequence.keyBindings(sk.Redo))
    e.addAction(window.undo_action)
    e.addAction(window.redo_action)
    e.addSeparator()
    window.new_case_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&New case"),
        window._new_case,
        sk.New,
        name="newCase",
    )
    window.find_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Find case"),
        window._find_case,
        sk.Find,
        name="findCase",
    )
    e.addAction(window.new_case_action)
    e.addAction(window.find_action)
    e.addSeparator()
    window.settings_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Settings…"),
        window.show_settings,
        "Ctrl+,",
        name="settings",
    )
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    e.addAction(window.settings_action)

    v = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    window.workspace_actions = []
    for i in range(window.nav.count()):
        item = window.nav.item(i)
        # "&" in a title ("Sessions & agendas") is text, not a mnemonic marker
        a = _action(
            window,
            item.text().replace("&", "&&"),
            window._goto_from_action,
            f"Ctrl+{i + 1}" if i < 9 else None,
        )
        a.setData(i)
        v.addAction(a)
        window.workspace_actions.append(a)
    v.addSeparator()
    lang = v.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    current = app_settings.language(window.ctx.settings)
    window.language_group = QActionGroup(window)
    window.language_group.setExclusive(True)
    for code, label in (
        ("system", QCoreApplication.translate("MainWindow", "System language")),
        ("en", "English"),
        ("nl", "Nederlands"),
    ):
        a = _action(window, label, window._set_language)
        a.setCheckable(True)
        a.setChecked(code == current)
        a.setData(code)
        window.language_group.addAction(a)
        lang.addAction(a)

    h = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    window.log_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Log viewer"),
        window.show_log_viewer,
        name="logViewer",
    )
    window.about_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&About MDO Planner"),
        window.show_about,
        name="about",
    )
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.guide_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "Short &guide"),
        window.show_guide,
        sk.HelpContents,
        name="guide",
    )
    window.shortcuts_action = _action(
        window,
        QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"),
        window.show_shortcuts,
        name="shortcuts",
    )
    h.addAction(window.guide_action)
    h.addAction(window.shortcuts_action)
    h.addSeparator()
    h.addAction(window.log_action)
    h.addAction(window.about_action)
