"""The models of the Sessions workspace: the agenda of one session (rows dragged to a new
place ask the workspace to store the order, they never move themselves) and the load bar
painted in the week view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from mdo_planner.services import sessions_service as ss
from ui.workspaces._support import display_text
from ui.workspaces.care_networks import referral_word
from ui.workspaces.cases import level_label

Index = QModelIndex | QPersistentModelIndex
ROW_MIME = "application/x-mdo-agenda-row"
SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
LOAD_ROLE = Qt.ItemDataRole.UserRole + 2


class AgendaModel(QAbstractTableModel):
    """The ordered published cases of one session; rows can be dragged to a new place.

    A drop does not move rows itself: it asks (``moveRequested``) and the workspace stores the
    new order through the service inside an undoable command, then reloads.
    """

    moveRequested = Signal(int, int)
    #: the agenda of a care network's consultation: its cases are referrals (issue 15)
    consultation = False

    HEADERS = (
        QT_TRANSLATE_NOOP("AgendaModel", "#"),
        QT_TRANSLATE_NOOP("AgendaModel", "Time"),
        QT_TRANSLATE_NOOP("AgendaModel", "Case"),
        QT_TRANSLATE_NOOP("AgendaModel", "Patient"),
        QT_TRANSLATE_NOOP("AgendaModel", "Hospital"),
        QT_TRANSLATE_NOOP("AgendaModel", "Level"),
        QT_TRANSLATE_NOOP("AgendaModel", "Min"),
        QT_TRANSLATE_NOOP("AgendaModel", "Question"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ss.AgendaRow] = []

    def set_rows(self, rows: list[ss.AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[ss.AgendaRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return QApplication.translate("AgendaModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            when = (
                f"{display_text(r.start)}–{display_text(r.end)}"
                if r.start is not None
                else QApplication.translate("AgendaModel", "for noting")
            )
            values = (
                index.row() + 1 if r.section == "discussion" else "",
                when,
                r.code + (" ⚑" if r.urgent else ""),
                r.patient_ref,
                r.hospital,
                referral_word() if self.consultation else level_label(r.level),
                r.minutes,
                r.question,
            )
            return display_text(values[col])
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if r.urgent:
                tips.append(QApplication.translate("AgendaModel", "Urgent"))
            if r.manual:
                tips.append(QApplication.translate("AgendaModel", "Placed by hand"))
            return ", ".join(tips) or None
        if role == Qt.ItemDataRole.UserRole:
            return r.case_id
        return None

    @property
    def discussed(self) -> int:
        """Rows with discussion time (they come first); the rest are listed for noting."""
        return sum(1 for r in self._rows if r.section == "discussion")

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            if index.row() < self.discussed:
                return base | Qt.ItemFlag.ItemIsDragEnabled
            return base
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME).data()).decode())
        count = self.discussed
        target = row if row >= 0 else (parent.row() if parent.isValid() else count)
        if target > source:
            target -= 1  # the dragged row leaves its old place first
        target = max(0, min(target, count - 1))
        if source >= count:
            return False
        if target != source:
            self.moveRequested.emit(source, target)
        return False  # the workspace reloads the rows; Qt must not remove the source row


class LoadBarDelegate(QStyledItemDelegate):
    """Paints "minutes used / capacity" as a bar behind readable text (red when overfull)."""

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        load = index.data(LOAD_ROLE)
        if not load:
            super().paint(painter, option, index)
            return
        used, capacity = load
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        pal = opt.palette
        rect = opt.rect.adjusted(3, 3, -3, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        fill = QColor(pal.color(QPalette.ColorRole.Highlight))
        if used > capacity:
            fill = QColor(214, 39, 40)
        fill.setAlpha(110)
        width = int(rect.width() * min(1.0, used / max(capacity, 1)))
        if width > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect.adjusted(0, 0, width - rect.width(), 0), 3, 3)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{used} / {capacity} min")
        painter.restore()
