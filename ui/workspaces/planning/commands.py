"""The undoable edits of a proposal: a manual move is one undo step, and undoing it puts the
case back where it was (and takes away the pin the move set).

Undo and redo write on the database-writer thread (``Workspace.mutate``), in the order asked,
and the review reloads when the last of their writes is delivered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from mdo_planner.services import plan_review as pr

if TYPE_CHECKING:
    from ui.tasks import TaskFailure
    from ui.workspaces.planning.workspace import PlanningWorkspace


class MoveCommand(QUndoCommand):
    """A checked move inside the proposal; undo puts the case back where it was."""

    def __init__(
        self,
        w: PlanningWorkspace,
        run_id: int,
        case_id: int,
        code: str,
        from_session: int | None,
        to_session: int,
        reason: str,
        was_pinned: bool = False,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("PlanningWorkspace", "Move {code}").format(code=code)
        )
        self.w, self.run_id, self.case_id, self.code = w, run_id, case_id, code
        self.from_session, self.to_session, self.reason = from_session, to_session, reason
        self.was_pinned = was_pinned
        self._first = True
        self._refused = False  # the move back broke a rule: its refusal stays in the bar

    def redo(self) -> None:
        if self._first:  # already done (and checked) when the command was pushed
            self._first = False
            return
        w = self.w
        w.mutate(
            pr.move_case,
            self.run_id,
            self.case_id,
            self.to_session,
            then=self._redone,
            failed=self._failed_then_reload,
            user=w.ctx.user,
        )

    def undo(self) -> None:
        w = self.w
        self._refused = False
        last = self.was_pinned  # without an unpin to follow, the move back is the last write
        if self.from_session is None:
            w.mutate(
                pr.unplace_case,
                self.run_id,
                self.case_id,
                self.reason,
                then=self._undone if last else None,
                failed=self._failed_then_reload if last else w.show_failure,
                user=w.ctx.user,
            )
        else:
            w.mutate(
                pr.move_case,
                self.run_id,
                self.case_id,
                self.from_session,
                then=self._undone if last else self._moved,
                failed=self._failed_then_reload if last else w.show_failure,
                user=w.ctx.user,
            )
        if not self.was_pinned:  # a move pins; undoing it takes the pin away again
            w.mutate(
                pr.pin_case,
                self.case_id,
                None,
                then=self._undone,
                failed=self._failed_then_reload,
                user=w.ctx.user,
            )

    # ------------------------------------------------------------------ deliveries
    def _moved(self, breaches: Any) -> None:
        if breaches:
            self._refused = True
            self.w.show_breaches(breaches)

    def _moved_then_reload(self, breaches: Any) -> None:
        self._moved(breaches)
        self.w.reload_review()

    def _reload(self, _result: Any = None) -> None:
        self.w.reload_review()

    def _undone(self, result: Any = None) -> None:
        """The last write of an undo: the bar no longer offers Ctrl+Z for the undone move."""
        if isinstance(result, list | tuple) and result:
            self._moved(result)
        elif not self._refused:
            self.w.message.show_message(
                QCoreApplication.translate("PlanningWorkspace", "Move of {code} undone.").format(
                    code=self.code
                )
            )
        self.w.reload_review()

    def _redone(self, breaches: Any) -> None:
        self.w.message.show_message(
            QCoreApplication.translate("PlanningWorkspace", "{code} moved again.").format(
                code=self.code
            )
        )
        self._moved_then_reload(breaches)

    def _failed_then_reload(self, failure: TaskFailure) -> None:
        self.w.show_failure(failure)
        self.w.reload_review()
