"""Small building blocks shared by the Planning, Sessions, Experts, Network and Dashboard
workspaces: a read-only table model over plain rows, an inline message bar, and a helper that
turns a refused service call into a message beside the work instead of a modal dialog.

Why inline messages: a secretary keeps working while a refusal ("Rule 5: session S1 has 2 of
30 minutes left") stays visible next to what she tried; a modal box would hide the very table
she needs to pick another session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column of a :class:`RowTableModel`: a header and how to show a row in it."""

    header: str
    display: Callable[[Any], Any]
    tooltip: Callable[[Any], str | None] | None = None
    icon: Callable[[Any], QIcon | None] | None = None
    background: Callable[[Any], QColor | None] | None = None
    align_right: bool = False
    #: value used for sorting (defaults to the displayed value)
    sort: Callable[[Any], Any] | None = None


class RowTableModel(QAbstractTableModel):
    """A read-only table over a list of plain rows (dataclasses), replaced as a whole.

    The rows are small lists a service returned (a week of sessions, the experts of a network),
    so keeping them in memory is simpler and faster than fetching per cell.
    """

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python with one key per row: much faster than a proxy that asks
        ``data()`` for every comparison when there are thousands of rows."""
        if not 0 <= column < len(self._columns):
            return
        col = self._columns[column]
        key = col.sort or col.display

        def safe(row: Any) -> tuple[int, Any]:
            value = key(row)
            return (1, "") if value is None else (0, value)

        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=safe, reverse=order == Qt.SortOrder.DescendingOrder)
        position = {id(r): i for i, r in enumerate(self._rows)}
        for index in self.persistentIndexList():
            if index.isValid():
                new_row = position[id(old[index.row()])]
                self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(col.display(row))
        if role == Qt.ItemDataRole.UserRole:
            return (col.sort or col.display)(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole and col.icon is not None:
            return col.icon(row)
        if role == Qt.ItemDataRole.BackgroundRole and col.background is not None:
            color = col.background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


#: Rows a ResizeToContents column measures (Qt's default is 1,000): a proposal's 3,888-row
#: review asked the model for 128,000 cells on every fill; the first screenful and some more
#: give the same widths for these columns, whose texts have a short, regular shape.
CONTENTS_PRECISION_ROWS = 200


def make_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-mostly list of rows: whole-row single selection, columns sized to content."""
    view = QTableView()
    view.setModel(model)
    view.setObjectName(name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setResizeContentsPrecision(CONTENTS_PRECISION_ROWS)
    return view


#: The one date style of tables, lists and messages ("7 Dec 2026", "7 dec. 2026"); headings
#: use :func:`long_date`, moments :func:`date_time_text`. One helper per context, so that a
#: screen never mixes "7-12-2026", "2026-12-07" and "7 Dec 2026".
DATE_FORMAT = "d MMM yyyy"


def date_text(day: dt.date | None) -> str:
    """A date in a table cell or a message, in the user's language ("7 dec. 2026")."""
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


def date_time_text(moment: dt.datetime | None) -> str:
    """A moment (a plan run, a history entry) in local time: "7 Dec 2026 13:05"."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{date_text(moment.date())} {moment:%H:%M}"


def style_date_fields(root: QWidget) -> None:
    """Give every date field under ``root`` the one date style (:data:`DATE_FORMAT`) unless
    it chose its own, so that no screen shows "7-12-2026" in a field beside "7 dec. 2026" in
    its table. The main window calls it once on its workspaces; dialogs call it on
    themselves."""
    from PySide6.QtWidgets import QDateEdit

    short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    for edit in root.findChildren(QDateEdit):
        if edit.displayFormat() == short:
            edit.setDisplayFormat(DATE_FORMAT)


def display_text(value: Any) -> str:
    """Dates, times and numbers in the user's locale; ``None`` as an empty cell."""
    locale = QLocale()
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return date_time_text(value)
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, dt.time):
        return locale.toString(QTime(value.hour, value.minute), "HH:mm")
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return locale.toString(value)
    if isinstance(value, float):
        return locale.toString(value, "f", 1)
    return str(value)


def interface_language() -> str:
    """ "nl" when the interface is Dutch, else "en" (the languages agendas print in)."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def long_date(day: dt.date) -> str:
    """ "Tuesday 5 January 2027" in the user's language."""
    return QLocale().toString(to_qdate(day), "dddd d MMMM yyyy")


def session_date_text(day: dt.date) -> str:
    """A session's day where the weekday matters (review, rule sentences): "Tue 5 Jan 2027"."""
    return QLocale().toString(to_qdate(day), "ddd " + DATE_FORMAT)


def day_month_text(day: dt.date) -> str:
    """A date within the year a sentence already names: "5 Jan"."""
    return QLocale().toString(to_qdate(day), "d MMM")


def std_icon(widget: QWidget, which: QStyle.StandardPixmap) -> QIcon:
    return widget.style().standardIcon(which)


def warning_color(widget: QWidget) -> QColor:
    """A pale warning tint that reads on light and dark palettes alike."""
    base = widget.palette().color(QPalette.ColorRole.Base)
    return QColor(120, 60, 0) if base.lightness() < 128 else QColor(255, 236, 200)


def error_color(widget: QWidget) -> QColor:
    base = widget.palette().color(QPalette.ColorRole.Base)
    return QColor(110, 30, 30) if base.lightness() < 128 else QColor(255, 215, 215)


class MessageBar(QWidget):
    """The one inline message of every workspace, with an icon (never colour alone): info,
    ok (done), warning or error; ``action_button`` offers the one thing to do about it (the
    case editor's "Reload" after a colleague's save), hidden unless the caller shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self._icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("Message"))
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        self.kind = ""
        self.setAutoFillBackground(True)
        # an information ("Saved …pdf", "Plan published") is true when said and soon stale:
        # it goes away by itself; warnings and errors stay until the next action
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self._faded)
        self.hide()

    INFO_SECONDS = 12

    def _faded(self) -> None:
        if self.kind in ("info", "ok"):
            self.clear()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        icon = {
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "ok": QStyle.StandardPixmap.SP_DialogApplyButton,
        }.get(kind, QStyle.StandardPixmap.SP_MessageBoxInformation)
        self._icon.setPixmap(std_icon(self, icon).pixmap(18, 18))
        pal = self.palette()
        if kind == "error":
            pal.setColor(QPalette.ColorRole.Window, error_color(self))
        elif kind == "warning":
            pal.setColor(QPalette.ColorRole.Window, warning_color(self))
        else:
            parent = self.parentWidget()
            pal.setColor(
                QPalette.ColorRole.Window,
                parent.palette().color(QPalette.ColorRole.AlternateBase)
                if parent is not None
                else pal.color(QPalette.ColorRole.Window),
            )
        self.setPalette(pal)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        # a new message brings no action of its own; the caller shows the button after it
        self.action_button.hide()
        self.show()
        if kind in ("info", "ok"):
            self._fade.start(int(self.INFO_SECONDS * 1000))
        else:
            self._fade.stop()

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.action_button.hide()
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.kind else ""


def invoke(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], state: Any
) -> Any:
    """Adapter for ``AppContext.run_task``: runs a service that does not take a state."""
    return fn(*args, **kwargs)


def defer_if_hidden(widget: QWidget) -> bool:
    """True, marking ``widget`` stale, when it sits hidden in the main window's stack.

    Every workspace listens to ``dataChanged``; reloading the hidden ones at once would make a
    single edit on a national network cost seconds. They reload when they are shown instead
    (see :func:`take_stale`). A top-level widget (a test, a detached window) reloads at once.
    """
    if widget.parentWidget() is not None and not widget.isVisible():
        widget.setProperty("stale", True)
        return True
    return False


def take_stale(widget: QWidget) -> bool:
    """Whether ``widget`` missed a change while hidden (and clear the mark)."""
    stale = bool(widget.property("stale"))
    widget.setProperty("stale", False)
    return stale


def alive(method: Any) -> Any:
    """A task callback that does nothing once its widget is gone: a background result can
    arrive after the window (or a test) closed the workspace. (Qt raises ``RuntimeError`` on
    any use of a deleted widget; ``shiboken6.isValid`` is avoided: in PySide 6.12 it corrupts
    the reference count of ``False``.)"""
    import functools

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any) -> Any:
        try:
            return method(self, *args)
        except RuntimeError as exc:
            if "already deleted" in str(exc):
                return None
            raise

    return wrapper
