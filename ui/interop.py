"""File → Import registrations (CSV/Excel with a preview and a correctable column mapping)
and the File → Export tables (worklist, agenda, sessions, quality report as .xlsx/.csv).

Everything that touches the database or the file system runs as a background task
(:meth:`ui.context.AppContext.run_task`); the dialog only shows what the tasks return. The
column mapping the user corrects is saved per referring hospital, so the next list from that
hospital is read correctly without any correction.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.contract_io import registrations as reg
from mdo_planner.errors import UserError
from ui.context import AppContext
from ui.tasks import TaskFailure

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
MAX_COLUMN_PX = 180
NOT_IMPORTED = ""


_W = TypeVar("_W", bound=QWidget)


def _named(widget: _W, name: str) -> _W:
    """``widget`` with its object name (tests and the style sheet find it by that name)."""
    widget.setObjectName(name)
    return widget


def field_label(name: str) -> str:
    """What a mapping target is called on screen."""
    labels = {
        "patient": QCoreApplication.translate("ImportFields", "Patient number"),
        "patient_name": QCoreApplication.translate("ImportFields", "Patient name"),
        "birth_date": QCoreApplication.translate("ImportFields", "Date of birth"),
        "bsn": QCoreApplication.translate("ImportFields", "BSN"),
        "hospital": QCoreApplication.translate("ImportFields", "Referring hospital"),
        "physician": QCoreApplication.translate("ImportFields", "Referring physician"),
        "tumour_group": QCoreApplication.translate("ImportFields", "Tumour group"),
        "question": QCoreApplication.translate("ImportFields", "Question"),
        "ready": QCoreApplication.translate("ImportFields", "Ready for discussion"),
        "due": QCoreApplication.translate("ImportFields", "Due by"),
        "urgent": QCoreApplication.translate("ImportFields", "Urgent"),
        "minutes": QCoreApplication.translate("ImportFields", "Minutes"),
        "extra_disciplines": QCoreApplication.translate("ImportFields", "Extra disciplines"),
    }
    if name in labels:
        return labels[name]
    return QCoreApplication.translate("ImportFields", "Complexity: {0}").format(
        name.removeprefix("complexity.").replace("_", " ")
    )


# ---------------------------------------------------------------- background work


def _read(path: str, sheet: str | None, state: Any) -> reg.Table:
    return reg.read_table(path, sheet=sheet)


def _hospitals(db: Any, state: Any) -> list[tuple[str, str]]:
    from mdo_planner.services import cases_service as cs

    return [(h.code, h.name) for h in cs.reference_data(db).hospitals]


def _saved(db: Any, hospital: str, state: Any) -> reg.ColumnMapping | None:
    from mdo_planner.services.registration_service import saved_mapping

    return saved_mapping(db, hospital)


def _load_map(path: str, state: Any) -> reg.ColumnMapping:
    return reg.load_mapping(path)


def _import(
    db: Any,
    path: str,
    mapping: reg.ColumnMapping,
    user: str,
    hospital: str | None,
    dry_run: bool,
    skip_invalid: bool,
    save_for: str | None,
    state: Any,
) -> Any:
    from mdo_planner.services.registration_service import import_file

    return import_file(
        db,
        path,
        mapping,
        default_hospital=hospital,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        save_for=save_for,
        state=state,
        user=user,
    )


# ---------------------------------------------------------------- the dialog


class ImportRegistrationsDialog(QDialog):
    """Preview a CSV/Excel list, correct which column is which field, check, import."""

    def __init__(self, ctx: AppContext, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.table: reg.Table | None = None
        self.mapping = reg.ColumnMapping()
        self.result: Any = None
        self.setObjectName("importRegistrations")
        self.setWindowTitle(self.tr("Import registrations"))
        self.resize(980, 640)

        self.file_label = QLabel(Path(path).name)
        self.file_label.setObjectName("importFile")
        self.hospital_box = _named(QComboBox(), "importHospital")
        self.hospital_box.addItem(self.tr("From the file's hospital column"), None)
        self.hospital_box.currentIndexChanged.connect(self._hospital_changed)
        self.load_map_button = _named(QPushButton(self.tr("Load mapping file…")), "loadMapping")
        self.load_map_button.clicked.connect(self._choose_map)
        form = QFormLayout()
        form.addRow(self.tr("File:"), self.file_label)
        row = QHBoxLayout()
        row.addWidget(self.hospital_box, 1)
        row.addWidget(self.load_map_button)
        form.addRow(self.tr("Referring hospital:"), row)

        self.mapping_table = _named(QTableWidget(0, 3), "importMapping")
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Imported as"), self.tr("First value")]
        )
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.verticalHeader().hide()
        self.preview = _named(QTableWidget(0, 0), "importPreview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems = _named(QPlainTextEdit(), "importProblems")
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText(
            self.tr("Check the file to see every problem, by row and column, before importing.")
        )
        self.summary = _named(QLabel(), "importSummary")
        self.summary.setWordWrap(True)

        mapping_box = QWidget()
        mb = QVBoxLayout(mapping_box)
        mb.setContentsMargins(0, 0, 0, 0)
        mb.addWidget(QLabel(self.tr("Which column holds what (correct it where needed):")))
        mb.addWidget(self.mapping_table)
        preview_box = QWidget()
        pb = QVBoxLayout(preview_box)
        pb.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(self.tr("Preview"))
        pb.addWidget(self.preview_label)
        pb.addWidget(self.preview)
        pb.addWidget(QLabel(self.tr("Problems")))
        pb.addWidget(self.problems)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(mapping_box)
        split.addWidget(preview_box)
        split.setSizes([440, 560])

        self.skip_box = _named(
            QCheckBox(self.tr("Import the valid rows even when other rows have problems")),
            "importSkipInvalid",
        )
        self.remember_box = _named(
            QCheckBox(self.tr("Remember this mapping for the hospital")), "importRemember"
        )
        self.remember_box.setChecked(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = self.buttons.addButton(
            self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.setObjectName("importCheck")
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.import_button.setObjectName("importRun")
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self._set_busy(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.buttons)

        ctx.run_task(
            _read,
            path,
            None,
            description=self.tr("Reading {0}…").format(Path(path).name),
            on_success=self._table_read,
            on_failure=self._failed,
        )
        ctx.run_task(_hospitals, ctx.db, on_success=self._hospitals_loaded, on_failure=self._failed)

    # -------------------------------------------------------------- loading
    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.table is not None
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)

    @Slot(object)
    def _table_read(self, table: reg.Table) -> None:
        self.table = table
        self.mapping = reg.guess_mapping(table.headers)
        self._show_mapping()
        self._show_preview()
        self._set_busy(False)

    @Slot(object)
    def _hospitals_loaded(self, hospitals: list[tuple[str, str]]) -> None:
        for code, name in hospitals:
            self.hospital_box.addItem(f"{code} – {name}", code)

    @Slot(int)
    def _hospital_changed(self, _index: int) -> None:
        code = self.hospital_box.currentData()
        if code:
            self.ctx.run_task(
                _saved, self.ctx.db, code, on_success=self._saved_loaded, on_failure=self._failed
            )

    @Slot(object)
    def _saved_loaded(self, mapping: reg.ColumnMapping | None) -> None:
        if mapping is not None:
            self._use_mapping(mapping, self.tr("Using the mapping saved for this hospital."))

    @Slot()
    def _choose_map(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load mapping file"), "", self.tr("Mapping files (*.toml)")
        )
        if name:
            self.load_mapping_file(name)

    def load_mapping_file(self, path: str) -> None:
        self.ctx.run_task(_load_map, path, on_success=self._map_loaded, on_failure=self._failed)

    @Slot(object)
    def _map_loaded(self, mapping: reg.ColumnMapping) -> None:
        self._use_mapping(mapping, self.tr("Using the loaded mapping file."))

    def _use_mapping(self, mapping: reg.ColumnMapping, note: str) -> None:
        self.mapping = mapping
        if self.table is not None:
            self._show_mapping()
        self.summary.setText(note)

    def _show_mapping(self) -> None:
        assert self.table is not None
        by_header = {h: f for f, h in self.mapping.columns.items()}
        norm = {reg.normalise_header(h): f for f, h in self.mapping.columns.items()}
        first = self.table.rows[0][1] if self.table.rows else []
        self.mapping_table.setRowCount(len(self.table.headers))
        for i, header in enumerate(self.table.headers):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping_table.setItem(i, 0, item)
            box = QComboBox()
            box.addItem(self.tr("— not imported —"), NOT_IMPORTED)
            for f in reg.FIELDS:
                box.addItem(field_label(f), f)
            chosen = by_header.get(header) or norm.get(reg.normalise_header(header))
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
            self.mapping_table.setCellWidget(i, 1, box)
            sample = "" if i >= len(first) or first[i] is None else str(first[i])
            if chosen in reg.PERSONAL_FIELDS:
                sample = "•••"  # the preview shows the file; the mapping list need not
            value = QTableWidgetItem(sample[:40])
            value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping_table.setItem(i, 2, value)
        self.mapping_table.resizeColumnsToContents()
        self.mapping_table.setColumnWidth(2, min(self.mapping_table.columnWidth(2), 120))

    def _show_preview(self) -> None:
        assert self.table is not None
        rows = self.table.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(self.table.headers))
        self.preview.setHorizontalHeaderLabels(self.table.headers)
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(n) for n, _ in rows])
        bsn_columns = {
            i for i, h in enumerate(self.table.headers) if self.mapping.columns.get("bsn") == h
        }
        for r, (_n, cells) in enumerate(rows):
            for c, value in enumerate(cells[: len(self.table.headers)]):
                text = (
                    ""
                    if value is None
                    else (f"{value:%d-%m-%Y}" if isinstance(value, dt.date) else str(value))
                )
                if c in bsn_columns:
                    text = reg.mask_bsn(text)
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):  # one long cell must not hide the rest
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), MAX_COLUMN_PX))
        self.preview_label.setText(
            self.tr("Preview: the first {0} of {1} row(s)").format(len(rows), len(self.table.rows))
        )

    # -------------------------------------------------------------- mapping
    def _field_box(self, row: int) -> QComboBox:
        """The "imported as" choice of a row of the mapping table (a combo box per row)."""
        box = self.mapping_table.cellWidget(row, 1)
        assert isinstance(box, QComboBox)
        return box

    def set_field(self, header: str, field: str) -> None:
        """Choose what a column is imported as (the combo box of that row)."""
        assert self.table is not None
        row = self.table.headers.index(header)
        box = self._field_box(row)
        box.setCurrentIndex(box.findData(field))

    def current_mapping(self) -> reg.ColumnMapping:
        """The mapping as the table shows it now (the words and formats of the loaded or
        saved mapping are kept)."""
        assert self.table is not None
        columns: dict[str, str] = {}
        for i, header in enumerate(self.table.headers):
            f = self._field_box(i).currentData()
            if f and f not in columns:
                columns[f] = header
        return reg.ColumnMapping(
            columns=columns,
            true_words=self.mapping.true_words,
            false_words=self.mapping.false_words,
            values=self.mapping.values,
            date_format=self.mapping.date_format,
            due_days=self.mapping.due_days,
            sheet=self.mapping.sheet,
        )

    def _missing(self, mapping: reg.ColumnMapping) -> list[str]:
        missing = [field_label(f) for f in reg.REQUIRED_FIELDS if f not in mapping.columns]
        if "hospital" not in mapping.columns and not self.hospital_box.currentData():
            missing.append(field_label("hospital"))
        return missing

    # -------------------------------------------------------------- check / import
    @Slot()
    def check(self) -> None:
        self._start(dry_run=True)

    @Slot()
    def run_import(self) -> None:
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        mapping = self.current_mapping()
        missing = self._missing(mapping)
        if missing:
            self.summary.setText(self.tr("Choose a column for: {0}.").format(", ".join(missing)))
            return
        hospital = self.hospital_box.currentData()
        save_for = hospital if (self.remember_box.isChecked() and hospital) else None
        self._set_busy(True)
        self.summary.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))
        self.ctx.run_task(
            _import,
            self.ctx.db,
            self.path,
            mapping,
            self.ctx.user,
            hospital,
            dry_run,
            self.skip_box.isChecked(),
            save_for,
            writes=not dry_run,
            description=self.tr("Importing registrations…"),
            on_success=self._done,
            on_failure=self._failed,
        )

    @Slot(object)
    def _done(self, result: Any) -> None:
        self.result = result
        self._set_busy(False)
        self.problems.setPlainText(result.report())
        if result.problems and not self.skip_box.isChecked():
            self.summary.setText(
                self.tr(
                    "{0} problem(s) in {1} row(s): nothing was imported. Correct the file or the "
                    "mapping and check again."
                ).format(len(result.problems), result.invalid_records)
            )
            return
        if result.dry_run:
            self.summary.setText(
                self.tr("Ready: {0} case(s) to import, {1} already registered.").format(
                    result.imported, result.already
                )
            )
            return
        self.summary.setText(
            self.tr(
                "Imported {0} case(s); {1} already registered; {2} row(s) skipped. The new cases "
                "wait for a clinician to confirm their level."
            ).format(result.imported, result.already, result.invalid_records)
        )
        self.ctx.notify("cases")

    @Slot(object)
    def _failed(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        exc = failure.exception
        if isinstance(exc, UserError):
            self.summary.setText(str(exc))
        else:
            log.error("import registrations failed:\n%s", failure.traceback)
            self.summary.setText(
                self.tr(
                    "The operation failed: {0}\nDetails are in the log (Help → Log viewer)."
                ).format(exc)
            )


# ---------------------------------------------------------------- exports


def _export_worklist(db: Any, filters: Any, path: str, user: str, state: Any) -> Path:
    from mdo_planner.services import export_service as es

    return es.export(db, [es.worklist_sheet(db, filters)], path, user=user, what="worklist")


def _export_agenda(db: Any, session_id: int, path: str, user: str, state: Any) -> Path:
    from mdo_planner.services import export_service as es

    return es.export(
        db, [es.agenda_sheet(db, session_id)], path, user=user, what=f"agenda {session_id}"
    )


def _export_sessions(
    db: Any, date_from: dt.date, date_to: dt.date, path: str, user: str, state: Any
) -> Path:
    from mdo_planner.services import export_service as es

    return es.export(
        db,
        es.sessions_sheets(db, date_from, date_to),
        path,
        user=user,
        what=f"sessions {date_from} {date_to}",
    )


def _export_quality(db: Any, date_from: dt.date, date_to: dt.date, path: str, state: Any) -> Path:
    from mdo_planner.outputs.quality_export import write_report
    from mdo_planner.services.quality_service import quality_report

    return write_report(quality_report(db, date_from, date_to), path)


class PeriodDialog(QDialog):
    """Two dates, for the exports of a period."""

    def __init__(
        self, title: str, date_from: dt.date, date_to: dt.date, parent: QWidget | None = None
    ) -> None:
        from ui.workspaces._support import DATE_FORMAT, from_qdate, to_qdate

        super().__init__(parent)
        self._from_qdate = from_qdate
        self.setWindowTitle(title)
        self.from_edit = QDateEdit(to_qdate(date_from))
        self.to_edit = QDateEdit(to_qdate(date_to))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        form = QFormLayout(self)
        form.addRow(self.tr("From:"), self.from_edit)
        form.addRow(self.tr("To:"), self.to_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def period(self) -> tuple[dt.date, dt.date]:
        return (self._from_qdate(self.from_edit.date()), self._from_qdate(self.to_edit.date()))


def save_name(parent: QWidget, title: str, default: str, *, csv: bool = True) -> str:
    """Ask where to write a table; the extension follows the chosen filter."""
    filters = QCoreApplication.translate("Export", "Excel workbook (*.xlsx)")
    if csv:
        filters += ";;" + QCoreApplication.translate("Export", "CSV, semicolon-separated (*.csv)")
    name, chosen = QFileDialog.getSaveFileName(parent, title, default, filters)
    if name and not name.lower().endswith((".xlsx", ".csv")):
        name += ".csv" if "csv" in chosen else ".xlsx"
    return name


def tell_written(parent: QWidget, path: Path) -> None:
    QMessageBox.information(
        parent,
        QCoreApplication.translate("Export", "Export"),
        QCoreApplication.translate("Export", "Written to {0}.").format(path),
    )


__all__ = ["ImportRegistrationsDialog", "PeriodDialog", "field_label", "save_name"]
