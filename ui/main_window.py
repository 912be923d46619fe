"""The main window: navigation bar, workspaces, menus and the status bar.

The window owns no data. It builds the workspaces listed in :mod:`ui.workspaces`, switches
between them, and runs the File menu's operations (open, new, import, export, demo) as
background tasks so that a slow network database or a large import never freezes it.
"""

from __future__ import annotations

import contextlib
import logging
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from mdo_planner import __version__
from mdo_planner.errors import UserError
from mdo_planner.infra.config import sqlite_url
from mdo_planner.services import app_service
from ui import settings as app_settings
from ui.context import AppContext
from ui.icons import workspace_icon
from ui.log_viewer import LogViewer
from ui.main_window_dialogs import FirstStartDialog, OpenDatabaseDialog, _open_db, _open_demo
from ui.main_window_menus import build_menus
from ui.tasks import Task, TaskFailure
from ui.workspaces._support import alive

__all__ = ["FirstStartDialog", "MainWindow", "OpenDatabaseDialog"]

log = logging.getLogger(__name__)

#: What the status bar reads from the database: the login, the last plan run, or the
#: refusal that replaces the plan run's line.
_StatusFacts = tuple[str | None, Any, str | None]


def _status_facts(db: Any, user: str) -> _StatusFacts:
    who: str | None = None
    with contextlib.suppress(UserError):
        who = app_service.who(db, user=user)
    try:
        return who, app_service.last_plan_run(db), None
    except UserError as exc:
        return who, None, str(exc)


class MainWindow(QMainWindow):
    """Navigation bar on the left, the current workspace on the right."""

    def __init__(
        self, ctx: AppContext, *, first_start_check: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from ui.workspaces import WORKSPACES

        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("MDO Planner"))
        self.setWindowIcon(workspace_icon("app"))
        self.first_start_check = first_start_check
        #: Close without asking about unsaved changes (``--quit-after`` automation).
        self.force_close = False
        self.workspaces: dict[str, QWidget] = {}
        #: the interface-language actions (built by ``build_menus``)
        self.language_group: QActionGroup
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Workspaces"))
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(184)
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: palette(window); padding-top: 8px;"
            " outline: 0; }"
            "QListWidget#navigation::item { padding: 8px 10px; border-radius: 6px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.stack = QStackedWidget(self)
        for name, cls in WORKSPACES:
            widget = cls(ctx, self.stack)
            widget.setObjectName(name)
            self.workspaces[name] = widget
            self.stack.addWidget(widget)
            item = QListWidgetItem(workspace_icon(name), str(getattr(widget, "title", name)))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setSizeHint(QSize(170, 40))
            self.nav.addItem(item)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        line = QWidget(central)
        line.setFixedWidth(1)
        line.setStyleSheet("background: palette(mid);")
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        from ui.workspaces._support import style_date_fields

        style_date_fields(self.stack)

        self._build_status_bar()
        self._build_menus()
        self.nav.currentRowChanged.connect(self._switch)
        ctx.caseRequested.connect(self._show_case_editor)
        ctx.workspaceRequested.connect(self.show_workspace)
        ctx.caseRequestedFrom.connect(self._show_case_editor_from)
        ctx.statusMessage.connect(self._status)
        ctx.taskEnded.connect(self._task_ended)
        ctx.databaseChanged.connect(self.update_status)
        ctx.dataChanged.connect(self._data_changed)
        ctx.tasksChanged.connect(self._tasks_changed)
        self._restore()
        self.update_status()

    # ------------------------------------------------------------------ building
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self)
        self.db_label.setObjectName("statusDatabase")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("statusUser")
        self.plan_label = QLabel(self)
        self.plan_label.setObjectName("statusPlan")
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        for w in (self.plan_label, self.db_label, self.user_label):
            w.setStyleSheet("padding: 0 10px;")
        for widget in (self.busy, self.plan_label, self.db_label, self.user_label):
            bar.addPermanentWidget(widget)

    def _build_menus(self) -> None:
        build_menus(self)

    # ------------------------------------------------------------------ workspaces
    def workspace(self, name: str) -> QWidget:
        return self.workspaces[name]

    def current_workspace_name(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def show_workspace(self, name: str) -> None:
        names = list(self.workspaces)
        if name in names:
            self.nav.setCurrentRow(names.index(name))

    @Slot(int)
    def _switch(self, row: int) -> None:
        if row < 0:
            return
        widget = self.stack.widget(row)
        self.stack.setCurrentIndex(row)
        stack = getattr(widget, "undo_stack", None)
        # None clears the active stack (Qt takes a null pointer; the stub says QUndoStack)
        self.ctx.undo_group.setActiveStack(stack)  # type: ignore[arg-type]
        refresh = getattr(widget, "on_shown", None)
        if callable(refresh):
            refresh()
        self.ctx.settings.setValue(app_settings.KEY_WORKSPACE, self.current_workspace_name())

    @Slot()
    def _goto_from_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.nav.setCurrentRow(int(action.data()))

    @Slot(int)
    def _show_case_editor(self, case_id: int) -> None:
        if "case_editor" in self.workspaces:
            self.show_workspace("case_editor")

    @Slot(int, str)
    def _show_case_editor_from(self, case_id: int, _workspace: str) -> None:
        self._show_case_editor(case_id)

    @Slot()
    def _new_case(self) -> None:
        self.ctx.caseRequested.emit(0)

    @Slot()
    def _find_case(self) -> None:
        from ui.workspaces.cases import CasesWorkspace

        cases = self.workspaces.get("cases")
        if not isinstance(cases, CasesWorkspace):
            return
        self.show_workspace("cases")
        cases.focus_search()

    # ------------------------------------------------------------------ status
    @Slot(str)
    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(str)
    def _task_ended(self, description: str) -> None:
        # "Publishing the plan…" is false once published: never leave it standing
        if self.statusBar().currentMessage() == description:
            self.statusBar().clearMessage()

    @Slot(int)
    def _tasks_changed(self, running: int) -> None:
        self.busy.setVisible(running > 0)

    @Slot(str)
    def _data_changed(self, entity: str) -> None:
        if entity == "plan":
            self.update_status()

    @Slot()
    def update_status(self) -> None:
        """Show the database at once; who is logged in and the last plan run are read in a
        worker and shown when they arrive (a newer request's answer wins)."""
        self.user_label.setText(self.tr("User: {0}").format(self.ctx.user))
        self._status_serial = getattr(self, "_status_serial", 0) + 1
        if not self.ctx.has_db:
            self.db_label.setText(self.tr("No database"))
            self.plan_label.setText("")
            return
        db = self.ctx.db
        self.db_label.setText(self.tr("Database: {0}").format(db.display_name))
        self.db_label.setToolTip(str(getattr(db, "sqlite_file", "") or db.display_name))
        if QApplication.applicationDisplayName() == "MDO Planner":
            # Qt adds " — MDO Planner" itself when the display name is set: say it once
            self.setWindowTitle(db.display_name)
        else:
            self.setWindowTitle(self.tr("MDO Planner — {0}").format(db.display_name))
        serial = self._status_serial
        self.ctx.query(
            _status_facts,
            self.ctx.user,
            on_success=lambda facts: self._show_status_facts(serial, facts),
            description="",
        )

    @alive
    def _show_status_facts(self, serial: int, facts: _StatusFacts) -> None:
        if serial != self._status_serial:
            return
        who, run, refusal = facts
        # The login the audit trail records (on PostgreSQL the database login); if the
        # database cannot say, the operating-system user set before stays.
        if who is not None:
            self.user_label.setText(self.tr("User: {0}").format(who))
        if refusal is not None:
            self.plan_label.setText(refusal)
        elif run is None:
            self.plan_label.setText(self.tr("No plan run yet"))
        else:
            from ui.workspaces._support import date_time_text

            when = date_time_text(run.created_at)
            state = self.tr("published") if run.published else self.tr("not published")
            self.plan_label.setText(
                self.tr("Last plan run: {0} by {1} ({2})").format(when, run.created_by, state)
            )

    # ------------------------------------------------------------------ File menu
    def _run_file_task(self, fn: Any, *args: Any, description: str, on_success: Any) -> None:
        self.ctx.run_task(
            fn,
            *args,
            description=description,
            on_success=on_success,
            on_failure=self._file_task_failed,
        )

    def _file_task_failed(self, failure: TaskFailure) -> None:
        exc = failure.exception
        if failure.cancelled:
            self._status(self.tr("Cancelled."))
            return
        if isinstance(exc, UserError):
            QMessageBox.warning(self, self.tr("MDO Planner"), str(exc))
        else:
            log.error("file operation failed:\n%s", failure.traceback)
            QMessageBox.critical(
                self,
                self.tr("MDO Planner"),
                self.tr(
                    "The operation failed: {0}\nDetails are in the log (Help → Log viewer)."
                ).format(exc),
            )

    @Slot()
    def open_database_dialog(self) -> None:
        recent = list(self.ctx.settings.value(app_settings.KEY_RECENT) or [])
        dialog = OpenDatabaseDialog(self, recent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.open_database(dialog.chosen_url())

    def open_database(self, url: str) -> None:
        self._run_file_task(
            _open_db,
            url,
            description=self.tr("Opening the database…"),
            on_success=self._database_opened,
        )

    @Slot()
    def new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            "mdo-planner.sqlite",
            self.tr("MDO Planner databases (*.sqlite)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        if path.exists():
            QMessageBox.warning(
                self,
                self.tr("New database"),
                self.tr("{0} already exists; use File → Open database to open it.").format(path),
            )
            return
        self.open_database(sqlite_url(path))

    @Slot()
    def load_demo(self) -> None:
        self._run_file_task(
            _open_demo,
            description=self.tr("Opening the demo network…"),
            on_success=self._database_opened,
        )

    def _database_opened(self, db: Any) -> None:
        self.ctx.set_database(db)
        if not app_service.url_has_password(db.url):  # never store a password in settings
            app_settings.remember_database(self.ctx.settings, db.url)
        self._status(self.tr("Opened {0}.").format(db.display_name))
        self.check_first_start()

    @Slot()
    def import_scenario(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import scenario"), "", self.tr("Scenario files (*.json)")
        )
        if name:
            self.import_file(name)

    def import_file(self, path: str) -> Task:
        label = self.tr("Importing {0}…").format(Path(path).name)
        task = self.ctx.run_task(
            partial(app_service.import_scenario_file, user=self.ctx.user),
            self.ctx.db,
            path,
            writes=True,
            description=label,
            cancellable=True,
            on_success=self._imported,
            on_failure=self._file_task_failed,
        )
        self._progress_for(task, label)
        return task

    def _progress_for(self, task: Task, label: str) -> QProgressDialog:
        """A progress dialog with Cancel for a long file operation (shown after 0.5 s)."""
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 100, self)
        dialog.setObjectName("fileProgress")
        dialog.setWindowTitle(self.tr("MDO Planner"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        task.progressed.connect(dialog.setValue)
        dialog.canceled.connect(task.cancel)
        task.finished.connect(dialog.close)
        task.finished.connect(dialog.deleteLater)
        self._file_progress = dialog
        return dialog

    def _imported(self, summary: str) -> None:
        for entity in ("network", "experts", "sessions", "cases", "plan"):
            self.ctx.notify(entity)
        self._status(self.tr("Scenario imported."))
        QMessageBox.information(self, self.tr("Import scenario"), summary)

    @Slot()
    def export_scenario(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export scenario"), "scenario.json", self.tr("Scenario files (*.json)")
        )
        if name:
            self.export_file(name)

    def export_file(self, path: str) -> Task:
        label = self.tr("Exporting the scenario…")
        task = self.ctx.run_task(
            partial(app_service.export_scenario_file, user=self.ctx.user),
            self.ctx.db,
            path,
            description=label,
            cancellable=True,
            on_success=self._exported,
            on_failure=self._file_task_failed,
        )
        self._progress_for(task, label)
        return task

    def _exported(self, path: Path) -> None:
        self.ctx.statusMessage.emit(self.tr("Scenario written to {0}.").format(path))

    # ------------------------------------------------------------------ registrations, tables
    @Slot()
    def import_registrations(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import registrations"), "", self.tr("Registration lists (*.csv *.xlsx)")
        )
        if name:
            self.registrations_dialog(name).exec()

    def registrations_dialog(self, path: str) -> Any:
        from ui.interop import ImportRegistrationsDialog

        return ImportRegistrationsDialog(self.ctx, path, self)

    @Slot()
    def export_worklist(self) -> None:
        from ui.interop import _export_worklist, save_name
        from ui.workspaces.cases import CasesWorkspace

        cases = self.workspaces.get("cases")
        if not isinstance(cases, CasesWorkspace):
            return
        name = save_name(self, self.tr("Export the worklist"), "worklist.xlsx")
        if name:
            self._run_file_task(
                _export_worklist,
                self.ctx.db,
                cases.current_filters(),
                name,
                self.ctx.user,
                description=self.tr("Exporting the worklist…"),
                on_success=self._table_written,
            )

    @Slot()
    def export_agenda(self) -> None:
        from ui.interop import _export_agenda, save_name

        sessions = self.workspaces.get("sessions")
        card = getattr(sessions, "current_session", None)
        if card is None:
            QMessageBox.information(
                self,
                self.tr("Export agenda"),
                self.tr("Select a session in Sessions & agendas first."),
            )
            return
        name = save_name(self, self.tr("Export the agenda"), f"agenda-{card.code}.xlsx")
        if name:
            self._run_file_task(
                _export_agenda,
                self.ctx.db,
                card.id,
                name,
                self.ctx.user,
                description=self.tr("Exporting the agenda…"),
                on_success=self._table_written,
            )

    def _period(self, title: str) -> tuple[Any, Any] | None:
        import datetime as dt

        from ui.interop import PeriodDialog

        sessions = self.workspaces.get("sessions")
        monday = getattr(sessions, "monday", None) or dt.date.today()
        dialog = PeriodDialog(title, monday, monday + dt.timedelta(days=6), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        date_from, date_to = dialog.period()
        if date_from > date_to:
            QMessageBox.warning(self, title, self.tr("The first date lies after the last."))
            return None
        return date_from, date_to

    @Slot()
    def export_sessions(self) -> None:
        from ui.interop import _export_sessions, save_name

        period = self._period(self.tr("Export sessions"))
        if period is None:
            return
        name = save_name(self, self.tr("Export sessions"), "sessions.xlsx", csv=False)
        if name:
            self._run_file_task(
                _export_sessions,
                self.ctx.db,
                *period,
                name,
                self.ctx.user,
                description=self.tr("Exporting the sessions…"),
                on_success=self._table_written,
            )

    @Slot()
    def export_quality(self) -> None:
        from ui.interop import _export_quality, save_name

        period = self._period(self.tr("Quality report"))
        if period is None:
            return
        name = save_name(self, self.tr("Quality report"), "quality.xlsx", csv=False)
        if name:
            self._run_file_task(
                _export_quality,
                self.ctx.db,
                *period,
                name,
                description=self.tr("Writing the quality report…"),
                on_success=self._table_written,
            )

    def _table_written(self, path: Path) -> None:
        self.ctx.statusMessage.emit(self.tr("Written to {0}.").format(path))

    # ------------------------------------------------------------------ first start
    def check_first_start(self) -> None:
        """Offer the demo or a network setup when the database is empty (asked in a worker)."""
        if not self.first_start_check or not self.ctx.has_db:
            return
        self.ctx.query(app_service.is_empty, on_success=self._first_start_answered)

    @alive
    def _first_start_answered(self, empty: bool) -> None:
        if not empty:
            return
        dialog = FirstStartDialog(self)
        dialog.exec()
        if dialog.choice == FirstStartDialog.DEMO:
            self.load_demo()
        elif dialog.choice == FirstStartDialog.SETUP:
            self.show_workspace("network")

    # ------------------------------------------------------------------ Help / View
    @Slot()
    def show_log_viewer(self) -> None:
        viewer = LogViewer(self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()

    @Slot()
    def show_guide(self) -> None:
        from ui.help import GuideDialog

        self.guide_dialog = GuideDialog(self)
        self.guide_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_dialog.show()

    @Slot()
    def show_shortcuts(self) -> None:
        from ui.help import ShortcutsDialog

        actions = [a for menu in self.menuBar().findChildren(QMenu) for a in menu.actions()]
        self.shortcuts_dialog = ShortcutsDialog(list(dict.fromkeys(actions)), self)
        self.shortcuts_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog.show()

    @Slot()
    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._language_before = app_settings.language(self.ctx.settings)
        dialog.accepted.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()

    @Slot()
    def _settings_saved(self) -> None:
        code = app_settings.language(self.ctx.settings)
        for a in self.language_group.actions():
            a.setChecked(a.data() == code)
        if code != self._language_before:
            self._language_notice()

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About MDO Planner"),
            self.tr(
                "<h3>MDO Planner {0}</h3><p>Plans Dutch oncology tumour boards (MDO): triage to "
                "local, regional and supra-regional meetings, planning with a proven bound, and "
                "agendas.</p><p>The triage routes cases to meetings; it never recommends a "
                "treatment.</p><p>Licence: EUPL-1.2</p>"
            ).format(__version__),
        )

    @Slot()
    def _set_language(self) -> None:
        action = self.sender()
        if not isinstance(action, QAction):
            return
        self.ctx.settings.setValue(app_settings.KEY_LANGUAGE, action.data())
        self._language_notice()

    def _language_notice(self) -> None:
        text = self.tr("The language changes when MDO Planner starts again.")
        self._status(text)
        # said plainly, in both languages (the user may not read the current one), without
        # blocking the window: a status-bar line alone was easy to miss
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            "The language changes the next time you start MDO Planner.\n"
            "De taal wijzigt de volgende keer dat u MDO Planner start.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("languageNotice")
        box.setWindowModality(Qt.WindowModality.NonModal)
        self.language_notice = box
        box.show()

    # ------------------------------------------------------------------ state
    def _restore(self) -> None:
        s = self.ctx.settings
        geometry = s.value(app_settings.KEY_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = s.value(app_settings.KEY_STATE)
        if state is not None:
            self.restoreState(state)
        name = str(s.value(app_settings.KEY_WORKSPACE, "cases") or "cases")
        if name not in self.workspaces or name == "case_editor":
            name = "cases"
        self.show_workspace(name)
        if self.nav.currentRow() < 0 and self.nav.count():
            self.nav.setCurrentRow(0)

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue(app_settings.KEY_GEOMETRY, self.saveGeometry())
        s.setValue(app_settings.KEY_STATE, self.saveState())
        s.setValue(app_settings.KEY_WORKSPACE, self.current_workspace_name())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.workspaces.case_editor import CaseEditorWorkspace

        editor = self.workspaces.get("case_editor")
        if (
            isinstance(editor, CaseEditorWorkspace)
            and editor.has_unsaved_changes()
            and not self.force_close
        ):
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("The case editor has unsaved changes. Save them before quitting?"),
                buttons.Save | buttons.Discard | buttons.Cancel,
                buttons.Save,
            )
            if answer == buttons.Save:
                # save in the background; the window closes when the case is saved and stays
                # open (with the editor's message) when it is not
                event.ignore()
                self.show_workspace("case_editor")
                editor.saved.connect(self._close_after_save)
                editor.saveFailed.connect(self._save_on_close_failed)
                editor.save()
                return
            if answer != buttons.Discard:
                event.ignore()
                return
        self.save_state()
        self.ctx.cancel_all()
        self.ctx.wait_for_tasks(10_000)
        event.accept()

    @Slot(int)
    def _close_after_save(self, _case_id: int) -> None:
        self._disconnect_save_on_close()
        self.close()

    @Slot(str)
    def _save_on_close_failed(self, _text: str) -> None:
        self._disconnect_save_on_close()

    def _disconnect_save_on_close(self) -> None:
        from ui.workspaces.case_editor import CaseEditorWorkspace

        editor = self.workspaces.get("case_editor")
        if not isinstance(editor, CaseEditorWorkspace):
            return
        with contextlib.suppress(RuntimeError, TypeError):
            editor.saved.disconnect(self._close_after_save)
        with contextlib.suppress(RuntimeError, TypeError):
            editor.saveFailed.disconnect(self._save_on_close_failed)

    def open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: redraw the line icons in the new
        # text colour (they are rendered from SVG in the palette's colour).
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "nav"):
            for i in range(self.nav.count()):
                item = self.nav.item(i)
                item.setIcon(workspace_icon(str(item.data(Qt.ItemDataRole.UserRole))))
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.first_start_check and not getattr(self, "_first_start_done", False):
            self._first_start_done = True
            QTimer.singleShot(0, self.check_first_start)
