"""Save as… for agenda exports: where the file goes, under which name, in which privacy mode.

A secretary sends agendas to people of other hospitals: the file name must say whose agenda
of which week it is (never an internal id), an earlier file must never be overwritten
silently, and the privacy mode is a choice made at the moment of sending. The folder chosen
last time is remembered (``export/folder``), so the usual case stays one click.

The dialog is opened with :meth:`QDialog.open` (window-modal, not blocking): the caller
connects ``chosen`` and continues there, so tests drive it like a user without a nested
event loop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

KEY_EXPORT_FOLDER = "export/folder"
KEY_OPEN_FOLDER = "export/open_folder"


def default_export_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "MDO agendas"


def export_folder(settings: QSettings) -> Path:
    """The folder of the last export, else ``Documents/MDO agendas``."""
    value = settings.value(KEY_EXPORT_FOLDER, "")
    return Path(str(value)) if value else default_export_folder()


class ExportDialog(QDialog):
    """File name (with Browse…), privacy mode for PDFs, and Save; an existing file is only
    replaced after a second, explicit Replace."""

    #: The chosen file and privacy mode ("" = the session's default).
    chosen = Signal(str, str)

    def __init__(
        self,
        settings: QSettings,
        title: str,
        file_name: str,
        *,
        privacy: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(title)
        self._settings = settings
        self._replace_ok: Path | None = None
        self.path_edit = QLineEdit(str(export_folder(settings) / file_name), self)
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName(self.tr("Save as"))
        self.path_edit.setMinimumWidth(460)
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Save as:"), row)
        self.privacy_box = QComboBox(self)
        self.privacy_box.setObjectName("exportPrivacy")
        self.privacy_box.setAccessibleName(self.tr("Privacy mode"))
        for text, mode in (
            (
                self.tr("Default: full locally, pseudonymised at regional and supra-regional MDOs"),
                "",
            ),
            (self.tr("Full: name, reference, birth date, hospital patient number"), "full"),
            (self.tr("Pseudonymised: reference, initials, birth year"), "pseudonymised"),
            (self.tr("Minimal: reference only"), "minimal"),
        ):
            self.privacy_box.addItem(text, mode)
        # never remembered: a looser mode chosen once must not print the next agenda
        self.privacy_box.setCurrentIndex(0)
        if privacy:
            form.addRow(self.tr("Patients printed as:"), self.privacy_box)
            note = QLabel(self.tr("The BSN is never printed, in no mode."), self)
            note.setStyleSheet("color: palette(placeholder-text);")
            form.addRow("", note)
        else:
            self.privacy_box.hide()
        self.has_privacy = privacy
        self.warning = QLabel(self)
        self.warning.setObjectName("exportWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)

    def path(self) -> Path:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else Path()

    def privacy(self) -> str:
        return str(self.privacy_box.currentData() or "") if self.has_privacy else ""

    @Slot()
    def _browse(self) -> None:
        # the platform's own dialog asks before replacing a file, so Replace is not asked again
        name, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), str(self.path()))
        if name:
            self.path_edit.setText(name)
            self._replace_ok = Path(name)

    @Slot(str)
    def _path_changed(self, _text: str) -> None:
        self._replace_ok = None
        self.warning.hide()
        self.save_button.setText(self.tr("Save"))

    @Slot()
    def _save(self) -> None:
        path = self.path()
        if not path.name or path.is_dir():
            self._warn(self.tr("Type a file name."))
            return
        if path.exists() and self._replace_ok != path:
            self._warn(
                self.tr(
                    "{0} already exists. Press Replace to overwrite it, or change the name."
                ).format(path.name)
            )
            self._replace_ok = path
            self.save_button.setText(self.tr("Replace"))
            return
        self._settings.setValue(KEY_EXPORT_FOLDER, str(path.parent))
        self.accept()
        self.chosen.emit(str(path), self.privacy())

    def _warn(self, text: str) -> None:
        self.warning.setText("⚠ " + text)
        self.warning.show()
