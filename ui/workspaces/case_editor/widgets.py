"""The case editor's small widgets: a date field that may be empty (and lets Tab leave it),
and the inline error beside a field (messages across the form go to the workspace's
``MessageBar``). Kept apart from the form so that the form reads as the list of its fields.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QLabel, QWidget

#: An empty birth date's calendar opens this many years back (typical oncology patient).
EMPTY_BIRTH_PAGE_YEARS = 65

#: A ``QDateEdit`` cannot be empty; its minimum date shown as "—" stands for "not given".
NO_DATE = QDate(1900, 1, 1)


def to_qdate(d: dt.date | None) -> QDate:
    return NO_DATE if d is None else QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> dt.date | None:
    if not q.isValid() or q == NO_DATE:
        return None
    return dt.date(q.year(), q.month(), q.day())


class OptionalDateEdit(QDateEdit):
    """A date field that may be empty (its minimum date, shown as "—").

    Qt's date edit uses Tab to step through day, month and year; on the empty special value
    it never leaves the field, which would trap keyboard users. Here Tab leaves an empty field.
    """

    def is_empty(self) -> bool:
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.is_empty():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def follow_calendar(self) -> None:
        """Open the calendar of an empty birth date decades back, not in January 1900."""
        calendar = self.calendarWidget()
        if calendar is not None:
            # the calendar sits in a popup window; its Show is the moment it opens
            (
                calendar.window() if calendar.window() is not self.window() else calendar
            ).installEventFilter(self)
            self._popup = calendar.window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is getattr(self, "_popup", None)
            and event.type() == QEvent.Type.Show
            and self.is_empty()
        ):
            calendar = self.calendarWidget()
            calendar.setCurrentPage(QDate.currentDate().year() - EMPTY_BIRTH_PAGE_YEARS, 1)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_empty() and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(event)


class ErrorLabel(QLabel):
    """An inline message beside a field: icon-less text in the palette's error colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #c0392b;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText("⚠ " + text if text else "")
        self.setVisible(bool(text))
