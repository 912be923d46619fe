"""The Experts workspace's undoable leave edits (split from :mod:`ui.workspaces.experts`).

Leave is what empties a quorum, so a secretary who entered the wrong week gets it back with
Ctrl+Z. Each command's first redo already happened when the service accepted the edit; undo
and redo go through the workspace's writer thread like every other write.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from mdo_planner.services import experts_service as es

if TYPE_CHECKING:
    from ui.workspaces.experts import ExpertsWorkspace


class _LeaveCommand(QUndoCommand):
    """An undoable leave edit; the first redo already happened when the service accepted it.

    The writes run on the one writer thread, in the order they were asked for; the worker
    itself records the id of a period it put back, so that an undo asked for before the
    answer reached the GUI thread still removes the right period."""

    def __init__(self, text: str, workspace: ExpertsWorkspace, expert_id: int) -> None:
        super().__init__(text)
        self.w, self.expert_id = workspace, expert_id
        self.leave_id = 0
        self.start = self.end = dt.date.min
        self.reason: str | None = None
        self._done = True

    def _put_back(self) -> None:
        self.w.mutate(
            self._add_job,
            self.w.ctx.user,
            then=lambda _id: self.w.leave_changed(),
            failed=self.w.leave_failed,
        )

    def _add_job(self, db: Any, user: str) -> int:
        self.leave_id = es.add_leave(
            db, self.expert_id, self.start, self.end, self.reason, user=user
        )
        return self.leave_id

    def _take_away(self) -> None:
        self.w.mutate(
            self._remove_job,
            self.w.ctx.user,
            then=lambda _row: self.w.leave_changed(),
            failed=self.w.leave_failed,
        )

    def _remove_job(self, db: Any, user: str) -> es.LeaveRow:
        return es.remove_leave(db, self.leave_id, user=user)


class AddLeaveCommand(_LeaveCommand):
    """Undoable "add leave"."""

    def __init__(
        self,
        workspace: ExpertsWorkspace,
        expert_id: int,
        leave_id: int,
        start: dt.date,
        end: dt.date,
        reason: str | None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("ExpertsWorkspace", "Add leave {start} – {end}").format(
                start=start, end=end
            ),
            workspace,
            expert_id,
        )
        self.leave_id = leave_id
        self.start, self.end, self.reason = start, end, reason

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._put_back()

    def undo(self) -> None:
        self._take_away()


class RemoveLeaveCommand(_LeaveCommand):
    """Undoable "remove leave"."""

    def __init__(self, workspace: ExpertsWorkspace, expert_id: int, row: es.LeaveRow) -> None:
        super().__init__(
            QCoreApplication.translate("ExpertsWorkspace", "Remove leave {start} – {end}").format(
                start=row.start, end=row.end
            ),
            workspace,
            expert_id,
        )
        self.row = row
        self.leave_id = row.id
        self.start, self.end, self.reason = row.start, row.end, row.reason

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._take_away()

    def undo(self) -> None:
        self._put_back()
