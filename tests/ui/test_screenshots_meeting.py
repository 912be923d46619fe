"""Screenshots of the Meeting view on the demo network, during a meeting and once closed.

Like the other screenshot tests, the grab runs in every test run as a smoke test of the whole
window; the PNG files (``docs/screenshots/meeting-live.png`` and ``meeting-closed.png``) are
only written with ``MDO_SCREENSHOTS=1``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QMessageBox

from mdo_planner.demo import fill_demo, next_monday
from mdo_planner.services import plan_review as pr
from tests.conftest import ROOT
from tests.ui.conftest import make_database

SHOTS = ROOT / "docs" / "screenshots"
START = next_monday() - dt.timedelta(days=14)  # a week that has been held


@pytest.fixture
def held_demo(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    fill_demo(db, start=START)
    pr.publish_run(
        db,
        pr.propose_plan(db, START, START + dt.timedelta(days=4), 5, user="secretary"),
        user="secretary",
    )
    yield db
    db.dispose()


def test_screenshot_meeting_view(
    qtbot, held_demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(held_demo, user="secretary", settings=settings)
    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.show_workspace("meeting")
    w = window.workspace("meeting")
    qtbot.waitUntil(lambda: w.state is not None, timeout=20_000)
    day = START + dt.timedelta(days=1)
    w.day_edit.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(
        lambda: w.state is not None and w.state.date == day and w.session_box.count() > 1,
        timeout=30_000,
    )
    # a regional MDO (attendees from several hospitals: pseudonymised patients)
    best = next(
        (i for i in range(w.session_box.count()) if " regional " in w.session_box.itemText(i)),
        w.session_box.count() - 1,
    )
    w.session_box.setCurrentIndex(best)
    qtbot.waitUntil(
        lambda: w.state is not None and w.state.session_id == w.session_box.itemData(best),
        timeout=20_000,
    )
    assert w.model.rowCount() > 4
    save = os.environ.get("MDO_SCREENSHOTS") == "1"
    if save:
        SHOTS.mkdir(parents=True, exist_ok=True)
    texts = [
        "Neoadjuvant chemotherapy, then restaging MRI; re-discuss after three cycles.",
        "Primary surgery (breast-conserving) and sentinel node procedure.",
    ]
    for row in range(w.model.rowCount()):
        line = w.model.row_at(row)[2]
        if line.section == "noting":
            continue
        w.table.selectRow(row)
        if row == 2:
            w.outcome_buttons["deferred"].click()
            w.note.setText("revision of the biopsy pending")
        elif row == 3:
            break
        else:
            w.outcome_buttons["discussed"].click()
            w.recommendation.setPlainText(texts[row % 2])
            if row == 0:
                w.follow_up.setChecked(True)
    w.table.selectRow(3)
    w.outcome_buttons["discussed"].click()
    w.recommendation.setPlainText("Adjuvant radiotherapy; ")
    w.chair_box.setCurrentIndex(0)
    qtbot.wait(100)
    image = window.grab()
    assert not image.isNull()
    if save:
        assert image.save(str(SHOTS / "meeting-live.png"))
    # the rest of the agenda, then the chair closes the meeting
    for row in range(4, w.model.rowCount()):
        w.table.selectRow(row)
        if w.model.row_at(row)[2].section == "discussion":
            w.outcome_buttons["not_discussed" if row % 4 == 0 else "discussed"].click()
            if w.recommendation.isVisible():
                w.recommendation.setPlainText("Follow the guideline.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.close_button.click()
    qtbot.waitUntil(lambda: w.state is not None and w.state.closed, timeout=20_000)
    w.table.selectRow(0)
    qtbot.wait(100)
    image = window.grab()
    assert not image.isNull()
    if save:
        assert image.save(str(SHOTS / "meeting-closed.png"))
    ctx.cancel_all()
    ctx.wait_for_tasks()
