"""The Meeting view: live recording with autosave that survives a crash, attendance ticks
from the planned attendees, Close meeting with the chair's sign-off, read-only afterwards,
amendment with a reason, and withdrawing a case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import select

from db import models as m
from mdo_planner.services import meeting_service as svc
from tests import meeting_factory as mf
from tests.ui.conftest import make_database


@pytest.fixture
def meeting_db(tmp_path: Path) -> Any:
    db = make_database(tmp_path / "meeting.sqlite")
    mf.build(db)
    yield db
    db.dispose()


@pytest.fixture
def mctx(qtbot, meeting_db: Any, tmp_path: Path) -> Any:
    from ui.context import AppContext

    c = AppContext(
        meeting_db,
        user="secretary",
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    yield c
    c.cancel_all()
    c.wait_for_tasks()


def _workspace(qtbot, ctx: Any) -> Any:
    from ui.workspaces.meeting import MeetingWorkspace

    ws = MeetingWorkspace(ctx)
    qtbot.addWidget(ws)
    ws.resize(1300, 800)
    ws.show()
    qtbot.waitUntil(lambda: ws.state is not None and ws.model.rowCount() == 5, timeout=10_000)
    return ws


def _select(ws: Any, code: str) -> None:
    for row in range(ws.model.rowCount()):
        if ws.model.row_at(row)[2].code == code:
            ws.table.selectRow(row)
            return
    raise AssertionError(code)


def _status(db: Any) -> dict[str, str]:
    with db.session() as s:
        return dict(s.execute(select(m.Case.code, m.Case.status)).all())


def test_live_recording_autosaves_and_survives_a_crash(qtbot, mctx: Any, meeting_db: Any) -> None:
    ws = _workspace(qtbot, mctx)
    assert ws.state.code == "S1" and not ws.state.closed
    assert [ws.model.row_at(r)[2].code for r in range(5)] == ["C2", "C1", "C3", "C4", "P1"]
    assert ws.model.row_at(0)[1].startswith("16:00")  # the slot times
    # attendance pre-filled from the planned attendees
    ticked = [
        ws.people.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(ws.people.count())
        if ws.people.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert sorted(ticked) == ["E1", "E2", "E3"]
    _select(ws, "C1")
    ws.outcome_buttons["discussed"].click()
    qtbot.keyClicks(ws.recommendation, "Neoadjuvant & 2 cycles")
    ws.recommendation.insertPlainText(" ≥ Ĳ")  # QTest types ASCII only
    qtbot.waitUntil(
        lambda: (
            (svc.meeting_state(meeting_db, "S1").draft or {})
            .get("cases", {})
            .get("C1", {})
            .get("recommendation")
            == "Neoadjuvant & 2 cycles ≥ Ĳ"
        ),
        timeout=10_000,
    )
    # a crash: the window is gone without closing; a new one restores the draft
    ws.autosave.stop()
    ws.setParent(None)
    ws2 = _workspace(qtbot, mctx)
    _select(ws2, "C1")
    assert ws2.recommendation.toPlainText() == "Neoadjuvant & 2 cycles ≥ Ĳ"
    assert ws2.outcome_buttons["discussed"].isChecked()
    assert _status(meeting_db)["C1"] == "planned"  # a draft changes no case


def test_close_meeting_then_read_only_then_amend(
    qtbot, mctx: Any, meeting_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(qtbot, mctx)
    _select(ws, "C2")
    ws.outcome_buttons["deferred"].click()
    ws.reason.setCurrentIndex(ws.reason.findData("imaging_missing"))
    _select(ws, "C1")
    ws.outcome_buttons["discussed"].click()
    ws.recommendation.insertPlainText(mf.HARD)
    ws.follow_up.setChecked(True)
    _select(ws, "C3")
    ws.outcome_buttons["not_discussed"].click()
    _select(ws, "C4")
    ws.outcome_buttons["discussed"].click()
    qtbot.keyClicks(ws.recommendation, "Primary surgery.")
    ws.consensus.setChecked(False)
    # an expert who came without being planned
    ws.add_box.setCurrentIndex(ws.add_box.findData("E4"))
    ws.add_button.click()
    assert "E4" in ws.attendance
    ws.chair_box.setCurrentIndex(ws.chair_box.findData("E1"))
    asked: list[str] = []

    def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    ws.close_button.click()
    qtbot.waitUntil(lambda: ws.state is not None and ws.state.closed, timeout=10_000)
    assert asked and "Dr. A. Jansen" in asked[0]
    status = _status(meeting_db)
    assert (status["C1"], status["C2"], status["C3"], status["C4"], status["P1"]) == (
        "discussed",
        "deferred",
        "not_discussed",
        "discussed",
        "discussed",
    )
    assert status["C1-R1"] == "ready"
    with meeting_db.session() as s:
        meeting = s.scalars(select(m.Meeting)).one()
        assert [e.code for e in meeting.attendees] == ["E1", "E2", "E3", "E4"]
        c2 = next(o for o in meeting.outcomes if o.case.code == "C2")
        assert c2.reason == "imaging_missing"
    # read-only
    assert ws.recommendation.isReadOnly() and not ws.outcome_buttons["discussed"].isEnabled()
    assert not ws.close_button.isEnabled() and ws.amend_button.isVisible()
    assert "read-only" in ws.status_label.text()
    # an amendment with a reason
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("C3 was discussed after all", True)
    )
    ws.amend_button.click()
    assert ws.editable and ws.close_button.isEnabled()
    _select(ws, "C3")
    ws.outcome_buttons["discussed"].click()
    qtbot.keyClicks(ws.recommendation, "Watchful waiting.")
    ws.close_button.click()
    qtbot.waitUntil(lambda: _status(meeting_db)["C3"] == "discussed", timeout=10_000)
    qtbot.waitUntil(lambda: ws.state is not None and ws.state.amendments == 1, timeout=10_000)
    with meeting_db.session() as s:
        assert s.scalars(select(m.Meeting)).one().amendment_reason.startswith("C3")


def test_a_refused_close_shows_the_problem_and_changes_nothing(
    qtbot, mctx: Any, meeting_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(qtbot, mctx)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    before = mf.dump(meeting_db)
    ws.close_button.click()  # nothing recorded yet, no chair
    qtbot.waitUntil(lambda: ws.message.kind == "error", timeout=10_000)
    assert "$.chair" in ws.message.text and "$.cases[0].outcome" in ws.message.text
    assert not ws.state.closed
    after = mf.dump(meeting_db)
    after.pop("meeting_drafts", None)
    before.pop("meeting_drafts", None)
    assert after == before


def test_withdraw_a_case_from_the_meeting_view(
    qtbot, mctx: Any, meeting_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(qtbot, mctx)
    _select(ws, "C3")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("patient moved", True))
    ws.withdraw_button.click()
    qtbot.waitUntil(lambda: _status(meeting_db)["C3"] == "withdrawn", timeout=10_000)
    qtbot.waitUntil(lambda: ws.model.rowCount() == 4, timeout=10_000)
    assert "C3" not in [ws.model.row_at(r)[2].code for r in range(4)]


def test_dashboard_quality_section(
    qtbot,
    mctx: Any,
    meeting_db: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settle: Any,
) -> None:
    import datetime as dt

    from PySide6.QtWidgets import QFileDialog

    from ui.workspaces._support import to_qdate
    from ui.workspaces.dashboard import DashboardWorkspace

    svc.record_meeting(meeting_db, mf.record(), user="secretary")
    board = DashboardWorkspace(mctx)
    settle(mctx)
    qtbot.addWidget(board)
    board.reference.setDate(to_qdate(dt.date.today() - dt.timedelta(days=mf.HELD)))
    panel = board.quality
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.meetings == 1, timeout=10_000)
    assert "2 case(s) discussed" in panel.summary.text()
    local = next(r for r in panel.time_model.rows if r.echelon == "local")
    assert local.booked_per_case == 120  # 4 attendees x 60 min / 2 discussed
    target = tmp_path / "quality.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.export_button.click()
    qtbot.waitUntil(lambda: "Saved" in panel.message.text, timeout=10_000)
    assert target.exists()


def test_case_editor_shows_the_patient_timeline_and_attention(
    qtbot, mctx: Any, meeting_db: Any
) -> None:
    from ui.workspaces.case_editor import CaseEditorWorkspace

    result = svc.record_meeting(meeting_db, mf.record(), user="secretary")
    with meeting_db.session() as s:
        ids = dict(s.execute(select(m.Case.code, m.Case.id)).all())
    editor = CaseEditorWorkspace(mctx)
    qtbot.addWidget(editor)
    editor.open_case(ids[result.follow_ups[0]])
    qtbot.waitUntil(lambda: "C1 · discussed" in editor.timeline.text.text(), timeout=10_000)
    assert mf.HARD in editor.timeline.text.text()
    assert not editor.timeline.attention.isVisibleTo(editor)
    editor.open_case(ids["C2"])
    qtbot.waitUntil(lambda: editor.timeline.attention.isVisibleTo(editor), timeout=10_000)
    assert "pathology missing" in editor.timeline.attention.text()
    assert "C2 · deferred" in editor.timeline.text.text()


def test_the_intent_label_shows_only_with_the_intent_field(qtbot, mctx: Any) -> None:
    """Seen under Xvfb: a case without an outcome (or deferred) showed a lone "Intent:"
    label above "Discussion took", its combo box hidden."""
    ws = _workspace(qtbot, mctx)
    _select(ws, "C1")
    assert not ws.intent.isVisible()
    assert not ws.intent_label.isVisible()
    ws.outcome_buttons["discussed"].click()
    assert ws.intent.isVisible() and ws.intent_label.isVisible()
    ws.outcome_buttons["deferred"].click()
    assert not ws.intent.isVisible()
    assert not ws.intent_label.isVisible()


def test_a_dutch_interface_names_the_patients_in_dutch(qtbot, mctx: Any, meeting_db: Any) -> None:
    """Seen under Xvfb: in Dutch the meeting's patient column read "born 01-01-1951 ·
    patient no. 701" (the agenda's labels in English) while the PDF printed "geb."."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        ws = _workspace(qtbot, mctx)
        patients = [line.patient for line in ws.state.lines if "1951" in line.patient]
        assert patients, [line.patient for line in ws.state.lines]
        assert all("geb." in p and "born" not in p for p in patients), patients
    finally:
        QLocale.setDefault(before)
    # the service keeps English as its default
    state = svc.meeting_state(meeting_db, "S1")
    assert any("born" in line.patient for line in state.lines)


def test_a_dutch_interface_names_the_session_kind_in_dutch(
    qtbot, mctx: Any, tmp_path: Path
) -> None:
    """Seen under Xvfb: in Dutch the meeting's heading read "Melanoma and skin · local ·
    Rijnoever Ziekenhuis" and its session picker "SKIN local": the echelon's code, not the
    word the rest of the interface uses ("lokaal"; in English "local", "supra-regional")."""
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from tests.ui.test_translations import _compile

    translator = QTranslator()
    assert translator.load(str(_compile(tmp_path)))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        ws = _workspace(qtbot, mctx)
        heading, picked = ws.title_label.text(), ws.session_box.currentText()
        assert " · lokaal · " in heading and "local" not in heading, heading
        assert " lokaal " in picked and "local" not in picked, picked
        assert "(S1)" in picked and ws.state.code == "S1"
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(before)


def test_a_short_window_scrolls_the_case_and_attendance_panel(qtbot, mctx: Any) -> None:
    """Seen under Xvfb: with a discussed case's fields open, the meeting held the window to
    about 750 px, taller than a 1280×720 screen (1920×1080 at 150 %); now the panel on the
    right scrolls and keeps the case and the attendance at their full size."""
    from PySide6.QtWidgets import QGroupBox

    from tests.ui.layout_checks import assert_parts_fit_and_scroll

    ws = _workspace(qtbot, mctx)
    _select(ws, "C1")
    ws.outcome_buttons["discussed"].click()
    ws.resize(1090, 560)
    qtbot.wait(50)
    assert ws.minimumSizeHint().height() <= 500, ws.minimumSizeHint()
    boxes = [b for b in ws.findChildren(QGroupBox) if b.isVisible()]
    assert len(boxes) >= 2
    assert_parts_fit_and_scroll(ws, boxes, lambda b: b.title(), "meetingPanelScroll")
