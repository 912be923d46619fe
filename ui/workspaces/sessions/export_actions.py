"""The Sessions workspace's exports: Save as… with the remembered folder and the privacy
mode, the session's PDF and calendar file, "My agenda" of the chosen expert, and Send agenda
into the export folder (split from ``workspace.py``, which stays under 800 lines).

A mixin of :class:`~ui.workspaces.sessions.workspace.SessionsWorkspace`: it uses the
workspace's context, message bar, chosen session and expert box. Its texts are translated in
the workspace's context ("SessionsWorkspace"), where the catalogue keeps them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ui.export_dialog import ExportDialog, export_folder
from ui.workspaces._support import interface_language
from ui.workspaces.sessions.exports import (
    expert_file_name,
    export_expert_pdf,
    export_session_ics,
    export_session_pdf,
    session_file_name,
)

if TYPE_CHECKING:
    from mdo_planner.services import sessions_service as ss
    from ui.tasks import TaskFailure


class ExportActions:
    """The export slots of the Sessions workspace (see the module docstring)."""

    # provided by the workspace
    ctx: Any
    message: Any
    expert_box: Any
    monday: dt.date
    current_session: ss.SessionCard | None
    _shown_for: tuple[dt.date, int | None] | None
    _shown_cards: list[ss.SessionCard]
    mutate: Any
    _show_notice: Any
    last_export: Path | None
    export_dialog: ExportDialog | None

    def export_folder(self) -> Path:
        return export_folder(self.ctx.settings)

    def _export(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        """Send agenda: into the export folder, named by the session (an update never
        replaces the first invitation's file)."""
        folder = self.export_folder()
        self._export_to(fn, (*args, folder), kwargs, folder)

    def _export_to(
        self, fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], where: Path
    ) -> None:
        self.mutate(
            fn,
            *args,
            self.ctx.user,
            then=self._exported,
            failed=self._export_failed,
            description=QCoreApplication.translate("SessionsWorkspace", "Exporting…"),
            **kwargs,
        )
        self.message.show_message(
            QCoreApplication.translate("SessionsWorkspace", "Exporting to {folder}…").format(
                folder=where
            )
        )

    def _ask_save_as(
        self,
        title: str,
        file_name: str,
        privacy: bool,
        fn: Any,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> ExportDialog:
        """Save as… (remembered folder, privacy mode for a PDF); the export starts when the
        secretary presses Save."""
        dialog = ExportDialog(
            self.ctx.settings, title, file_name, privacy=privacy, parent=cast("QWidget", self)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._pending_export = (fn, args, kwargs)
        dialog.chosen.connect(self._save_as_chosen)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    @Slot(str, str)
    def _save_as_chosen(self, path: str, privacy: str) -> None:
        fn, args, kwargs = self._pending_export
        if fn is not export_session_ics:
            kwargs = {**kwargs, "privacy": privacy}
        self._export_to(fn, (*args, Path(path)), kwargs, Path(path).parent)

    @Slot()
    def export_pdf(self) -> None:
        card = self.current_session
        if card is not None:
            self._ask_save_as(
                QCoreApplication.translate("SessionsWorkspace", "Export the agenda as PDF"),
                session_file_name(card, ".pdf"),
                True,
                export_session_pdf,
                (card.id,),
                {"language": interface_language()},
            )

    @Slot()
    def export_ics(self) -> None:
        card = self.current_session
        if card is not None:
            self._ask_save_as(
                QCoreApplication.translate("SessionsWorkspace", "Export the calendar entry"),
                session_file_name(card, ".ics"),
                False,
                export_session_ics,
                (card.id,),
                {},
            )

    @Slot()
    def export_my_agenda(self) -> None:
        expert_id = self.expert_box.currentData()
        if expert_id is None:
            self.message.show_message(
                QCoreApplication.translate(
                    "SessionsWorkspace", "Choose an expert for “My agenda” first."
                ),
                "warning",
            )
            return
        if self._shown_for == (self.monday, expert_id) and all(
            c.cancelled for c in self._shown_cards
        ):
            # the export would fail after the Save-as dialog: say so before asking for a file
            self.message.show_message(
                QCoreApplication.translate(
                    "SessionsWorkspace",
                    "{expert} attends no session in the published plan this week: "
                    "there is no agenda to export.",
                ).format(expert=self.expert_box.currentText()),
                "warning",
            )
            return
        name = expert_file_name(self.expert_box.currentText(), self.monday)
        self._ask_save_as(
            QCoreApplication.translate("SessionsWorkspace", "Export “My agenda” as PDF"),
            name,
            True,
            export_expert_pdf,
            (expert_id, self.monday, self.monday + dt.timedelta(days=6)),
            {"language": interface_language()},
        )

    def _exported(self, path: Any) -> None:
        self.last_export = Path(path)
        self.message.show_message(
            QCoreApplication.translate("SessionsWorkspace", "Saved {path}").format(path=path)
        )
        if self.current_session is not None:  # a sent agenda changes the change notice
            self._show_notice(self.current_session)
        self.ctx.statusMessage.emit(
            QCoreApplication.translate("SessionsWorkspace", "Saved {path}").format(path=path)
        )
        if self.ctx.settings.value("export/open_folder", True, type=bool):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def _export_failed(self, failure: TaskFailure) -> None:
        self.message.show_message(
            QCoreApplication.translate("SessionsWorkspace", "Export failed: {reason}").format(
                reason=failure
            ),
            "error",
        )
