"""Edit → Settings: what the documentation says can be changed, in one place.

Following Picard's options dialog, every page derives from :class:`SettingsPage`: it names
itself, reads its values from the settings store in :meth:`load` and writes them back in
:meth:`save`, so that a new page is one small class and the dialog never knows any key.
Nothing is stored until OK; Cancel leaves the settings as they were.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import settings as app_settings
from ui.export_dialog import KEY_EXPORT_FOLDER, KEY_OPEN_FOLDER, export_folder


class SettingsPage(QWidget):
    """One page of the settings dialog (Picard's ``OptionsPage``)."""

    #: Stable name (object name of the page, for tests and for remembering the last page).
    page_name = ""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName(self.page_name)

    def title(self) -> str:
        raise NotImplementedError

    def load(self) -> None:
        """Show the stored values."""
        raise NotImplementedError

    def save(self) -> None:
        """Store the values shown."""
        raise NotImplementedError


class GeneralPage(SettingsPage):
    page_name = "general"

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.language = QComboBox(self)
        self.language.setObjectName("settingsLanguage")
        for text, code in (
            (self.tr("System language"), "system"),
            ("English", "en"),
            ("Nederlands", "nl"),
        ):
            self.language.addItem(text, code)
        note = QLabel(self.tr("A new language applies the next time MDO Planner starts."), self)
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Interface language:"), self.language)
        form.addRow("", note)

    def title(self) -> str:
        return self.tr("General")

    def load(self) -> None:
        self.language.setCurrentIndex(
            max(self.language.findData(app_settings.language(self.settings)), 0)
        )

    def save(self) -> None:
        self.settings.setValue(app_settings.KEY_LANGUAGE, self.language.currentData())


class ExportsPage(SettingsPage):
    page_name = "exports"

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("settingsExportFolder")
        self.folder.setMinimumWidth(360)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.open_folder = QCheckBox(self.tr("Open the folder when an export is done"), self)
        self.open_folder.setObjectName("settingsOpenFolder")
        note = QLabel(
            self.tr(
                "Save as… starts in this folder and remembers the folder you "
                "choose there. Send agenda writes its calendar files here."
            ),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Export folder:"), row)
        form.addRow("", self.open_folder)
        form.addRow("", note)

    def title(self) -> str:
        return self.tr("Agendas and exports")

    @Slot()
    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Export folder"), self.folder.text())
        if name:
            self.folder.setText(name)

    def load(self) -> None:
        self.folder.setText(str(export_folder(self.settings)))
        self.open_folder.setChecked(bool(self.settings.value(KEY_OPEN_FOLDER, True, type=bool)))

    def save(self) -> None:
        text = self.folder.text().strip()
        if text:
            self.settings.setValue(KEY_EXPORT_FOLDER, str(Path(text).expanduser()))
        self.settings.setValue(KEY_OPEN_FOLDER, self.open_folder.isChecked())


#: The pages in the order shown.
PAGES: tuple[type[SettingsPage], ...] = (GeneralPage, ExportsPage)


class SettingsDialog(QDialog):
    """Page list on the left, the chosen page on the right, OK / Cancel."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.pages: list[SettingsPage] = [cls(settings, self) for cls in PAGES]
        self.page_list = QListWidget(self)
        self.page_list.setFixedWidth(180)
        self.stack = QStackedWidget(self)
        for page in self.pages:
            page.load()
            self.page_list.addItem(page.title())
            self.stack.addWidget(page)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.resize(640, 300)

    def page(self, name: str) -> SettingsPage:
        return next(p for p in self.pages if p.page_name == name)

    def accept(self) -> None:
        for page in self.pages:
            page.save()
        super().accept()
