"""The review's two table models and the drag and drop between them: a case of the work list
dragged onto a session of the per-session load asks the workspace to move it there (the move
is checked against the hard rules like one made with the Move button).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from ui.workspaces._support import Column, RowTableModel

if TYPE_CHECKING:
    from ui.workspaces.planning.workspace import PlanningWorkspace

Index = QModelIndex | QPersistentModelIndex
CASE_MIME = "application/x-mdo-case-id"


class ChangesModel(RowTableModel):
    """Review rows; a planned or unplanned case can be dragged onto a session."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CASE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(CASE_MIME, QByteArray(str(self.row_at(rows[0]).case_id).encode()))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class SessionsLoadModel(RowTableModel):
    """Per-session load of the proposal; a case dropped on a row asks to move there."""

    def __init__(self, columns: list[Column], workspace: PlanningWorkspace) -> None:
        super().__init__(columns, workspace)
        self._workspace = workspace

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [CASE_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(CASE_MIME) and parent.isValid()

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(CASE_MIME) or not parent.isValid():
            return False
        case_id = int(bytes(data.data(CASE_MIME).data()).decode())
        self._workspace.move_case(case_id, self.row_at(parent.row()).session_id)
        return False  # the review is reloaded; nothing to remove from the source view
