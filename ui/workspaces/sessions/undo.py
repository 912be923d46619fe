"""The undoable edit of the Sessions workspace: a new order of a session's agenda, stored on
the writer thread; undo stores the order before. Whether the service accepts or refuses it,
the session is shown again as stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from mdo_planner.services import agenda_service

if TYPE_CHECKING:
    from ui.tasks import TaskFailure
    from ui.workspaces.sessions.workspace import SessionsWorkspace


class ReorderCommand(QUndoCommand):
    def __init__(
        self, workspace: SessionsWorkspace, session_id: int, before: list[int], after: list[int]
    ) -> None:
        super().__init__(QCoreApplication.translate("SessionsWorkspace", "Reorder agenda"))
        self.w, self.session_id, self.before, self.after = workspace, session_id, before, after

    def _apply(self, order: list[int]) -> None:
        def after() -> None:
            self.w.show_session(self.session_id)
            self.w.ctx.notify("agenda")

        def stored(_result: object) -> None:
            self.w.message.clear()
            after()

        def refused(failure: TaskFailure) -> None:
            self.w.show_failure(failure)
            after()

        self.w.mutate(
            agenda_service.reorder,
            self.session_id,
            order,
            then=stored,
            failed=refused,
            user=self.w.ctx.user,
        )

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
