"""Light or dark, following the system: Fusion style with a palette chosen from the
platform's colour scheme (``QStyleHints.colorScheme()``), updated when the user switches.

Fusion looks the same on every platform and honours a palette fully, so one palette per
scheme gives a consistent application on Windows, macOS and Linux, in both schemes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def dark_palette() -> QPalette:
    p = QPalette()
    base = QColor(37, 39, 43)
    window = QColor(45, 47, 52)
    text = QColor(230, 232, 235)
    disabled = QColor(130, 133, 138)
    highlight = QColor(58, 126, 196)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor(44, 46, 51))
        p.setColor(group, QPalette.ColorRole.ToolTipBase, QColor(60, 63, 68))
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(150, 153, 158))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, QColor(55, 58, 63))
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.BrightText, QColor(255, 100, 100))
        p.setColor(group, QPalette.ColorRole.Link, QColor(110, 170, 235))
        p.setColor(group, QPalette.ColorRole.Highlight, highlight)
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        p.setColor(group, QPalette.ColorRole.Mid, QColor(70, 73, 78))
        p.setColor(group, QPalette.ColorRole.Light, QColor(80, 83, 88))
        p.setColor(group, QPalette.ColorRole.Dark, QColor(25, 26, 29))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, window)
    return p


def light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor(42, 111, 176))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(245, 247, 250))
    return p


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeFollower(QObject):
    """Applies the palette now and again whenever the system scheme changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        app.setStyle("Fusion")
        self.apply()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    @Slot(Qt.ColorScheme)
    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def apply(self) -> None:
        self._app.setPalette(dark_palette() if is_dark() else light_palette())
