"""File → Import registrations (preview, mapping correction saved per hospital) and
File → Export table, through the window, with every database call in the background."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from mdo_planner.services import registration_service as rs
from tests.test_import_cases import HEADERS, build, registrations, write_csv
from tests.ui.conftest import make_database
from ui.context import AppContext
from ui.main_window import MainWindow


def _setup(qtbot, tmp_path: Path, ui_settings):
    db = make_database(tmp_path / "net.sqlite")
    build(db)
    ctx = AppContext(db, user="secretary", settings=ui_settings)
    w = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(w)
    return db, ctx, w


def _finish(qtbot, ctx: AppContext, db) -> None:
    """Let the workspaces' last background results arrive before the window goes away."""
    ctx.wait_for_tasks()
    qtbot.wait(200)
    ctx.wait_for_tasks()
    db.dispose()


def test_import_dialog_previews_corrects_the_mapping_and_remembers_it(
    qtbot, monkeypatch, tmp_path: Path, ui_settings
) -> None:
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    db, ctx, w = _setup(qtbot, tmp_path, ui_settings)
    # a hospital's own header for the question, unknown to the recognition
    headers = [h if h != "Vraagstelling" else "Wat wil men weten" for h in HEADERS]
    rows = registrations(6)
    for r in rows:
        r[4] = "H1"
        r[5] = "BREAST"
    path = write_csv(tmp_path / "lijst.csv", rows, headers)
    dialog = w.registrations_dialog(str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(
        lambda: dialog.table is not None and dialog.hospital_box.count() == 3, timeout=10000
    )
    assert dialog.preview.rowCount() == 6 and dialog.preview.columnCount() == len(headers)
    bsn_column = headers.index("BSN")
    shown = dialog.preview.item(1, bsn_column).text()
    assert "*" in shown and rows[1][2] not in shown  # the BSN is masked in the preview
    assert "question" not in dialog.current_mapping().columns
    dialog.check()
    assert "Question" in dialog.summary.text()  # nothing runs without the required fields
    dialog.set_field("Wat wil men weten", "question")
    dialog.hospital_box.setCurrentIndex(dialog.hospital_box.findData("H1"))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.dry_run and dialog.result.imported == 6
    assert "6 case(s) to import" in dialog.summary.text()
    dialog.result = None
    dialog.run_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.imported == 6 and "Imported 6 case(s)" in dialog.summary.text()
    ctx.wait_for_tasks()
    saved = rs.saved_mapping(db, "H1")
    assert saved is not None and saved.columns["question"] == "Wat wil men weten"
    # the next list from H1 opens with the saved mapping once the hospital is chosen
    again = w.registrations_dialog(str(path))
    qtbot.addWidget(again)
    qtbot.waitUntil(
        lambda: again.table is not None and again.hospital_box.count() == 3, timeout=10000
    )
    again.hospital_box.setCurrentIndex(again.hospital_box.findData("H1"))
    qtbot.waitUntil(lambda: "question" in again.current_mapping().columns, timeout=10000)
    again.check()
    qtbot.waitUntil(lambda: again.result is not None, timeout=10000)
    assert again.result.already == 6 and again.result.imported == 0
    _finish(qtbot, ctx, db)


def test_export_worklist_from_the_file_menu(
    qtbot, monkeypatch, tmp_path: Path, ui_settings
) -> None:
    db, ctx, w = _setup(qtbot, tmp_path, ui_settings)
    out = tmp_path / "worklist.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "Excel workbook (*.xlsx)")
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    w.show_workspace("cases")
    with qtbot.waitSignal(
        ctx.statusMessage, timeout=10000, check_params_cb=lambda m: "Written" in m
    ):
        w.export_worklist_action.trigger()
    ws = openpyxl.load_workbook(out)["Worklist"]
    assert ws.freeze_panes == "A3"
    assert sorted(r[0].value for r in ws.iter_rows(min_row=3)) == ["C1", "C2", "C3", "C4", "P1"]
    _finish(qtbot, ctx, db)


def test_problems_are_listed_by_row_and_column_and_a_screenshot(
    qtbot, monkeypatch, tmp_path: Path, ui_settings
) -> None:
    """The dialog with a mapping file loaded and a checked file with bad rows; written to
    docs/screenshots/ when MDO_SCREENSHOTS=1."""
    import os

    from tests.conftest import ROOT
    from tests.test_import_cases import MAPPING, bad_rows

    db, ctx, w = _setup(qtbot, tmp_path, ui_settings)
    rows, bad = bad_rows()
    path = write_csv(tmp_path / "aanmeldingen.csv", rows)
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    dialog = w.registrations_dialog(str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10000)
    dialog.load_mapping_file(str(mapping))
    qtbot.waitUntil(lambda: "loaded mapping" in dialog.summary.text(), timeout=10000)
    dialog.run_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    report = dialog.problems.toPlainText()
    for row, (column, _field) in bad.items():
        assert f"row {row}, column '{column}'" in report
    assert "nothing was imported" in dialog.summary.text()
    assert dialog.result.imported == 0
    dialog.resize(1200, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab()
    assert not image.isNull()
    if os.environ.get("MDO_SCREENSHOTS") == "1":
        assert image.save(str(ROOT / "docs" / "screenshots" / "import_registrations.png"))
    _finish(qtbot, ctx, db)
