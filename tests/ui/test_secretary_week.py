"""Issue 18, the rest of a secretary's week: search by name and hospital number, one date
style, the urgent flag explained, Save-as for exports, settings, Help, unsaved changes."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDateEdit

from mdo_planner.services import cases_service as cs
from ui.workspaces.cases import CasesWorkspace


def _new_case(ctx, name: str, number: str, bsn: str, *, urgent: bool = False) -> int:
    ref = cs.reference_data(ctx.db)
    return cs.create_case(ctx.db, cs.CaseInput(
        patient_ref=f"P-{number}", patient_name=name, patient_number=number, bsn=bsn,
        hospital_id=ref.hospitals[0].id, tumour_group_id=ref.tumour_groups[0].id,
        question="Adjuvant therapy?", ready_date=dt.date(2027, 1, 4),
        due_date=dt.date(2027, 1, 20), urgent=urgent,
        complexity={"phase": "pre_treatment", "pathology_available": True,
                    "imaging_available": True}), "secretary")


def _shown_ids(ws: CasesWorkspace) -> set[int]:
    p = ws.proxy
    return {p.index(r, 0).data(ws.model.IdRole) for r in range(p.rowCount())}


def test_worklist_finds_a_caller_by_name_number_or_full_bsn(qtbot, ctx) -> None:
    zoe = _new_case(ctx, "Zoë Ĳsselstein", "HN-778812", "111222333")
    ws = CasesWorkspace(ctx)
    qtbot.addWidget(ws)
    qtbot.keyClicks(ws.search, "zoe ijssel")
    assert _shown_ids(ws) == {zoe}
    ws.search.clear()
    qtbot.keyClicks(ws.search, "hn-778812")
    assert _shown_ids(ws) == {zoe}
    ws.search.clear()
    qtbot.keyClicks(ws.search, "111222333")
    assert _shown_ids(ws) == {zoe}
    ws.search.clear()
    qtbot.keyClicks(ws.search, "1112223")  # part of a BSN: nothing
    assert _shown_ids(ws) == set()
    assert "111222333" not in repr(vars(ws._index))


def test_urgent_flag_has_a_tooltip_and_new_codes_fit_their_column(qtbot, ctx) -> None:
    case_id = _new_case(ctx, "Jan de Vries", "HN-1", "", urgent=True)
    ws = CasesWorkspace(ctx)
    qtbot.addWidget(ws)
    ws.resize(1400, 900)
    ws.show()
    row = next(r for r in range(ws.proxy.rowCount())
               if ws.proxy.index(r, 0).data(ws.model.IdRole) == case_id)
    cell = ws.proxy.index(row, 1)
    assert cell.data().endswith("⚑")
    assert "Urgent" in cell.data(Qt.ItemDataRole.ToolTipRole)
    bold = QFont(ws.view.font())
    bold.setBold(True)
    need = QFontMetrics(bold).horizontalAdvance(cell.data())
    assert ws.view.horizontalHeader().sectionSize(1) > need + 8


def test_one_date_style_in_tables_fields_and_the_status_bar(qtbot, ctx) -> None:
    from tests.ui.test_shell import _window

    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        w = _window(qtbot, ctx)
        style = re.compile(r"^\d{1,2} [a-z]{3}\.? \d{4}$")
        for edit in w.findChildren(QDateEdit):
            if edit.objectName() in {"dueDate", "readyDate", "birthDate"} or edit.isVisible():
                assert style.match(edit.text()), (edit.objectName(), edit.text())
        ws = w.workspace("cases")
        for col in (7, 8):
            text = ws.proxy.index(0, col).data()
            assert style.match(text), text
        from ui.workspaces._support import date_time_text, display_text

        moment = dt.datetime(2026, 12, 7, 13, 5)
        assert display_text(moment) == date_time_text(moment)
        assert re.match(r"^7 dec\.? 2026 13:05$", date_time_text(moment))
        assert style.match(display_text(dt.date(2026, 12, 7)))
        assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}", w.plan_label.text())
    finally:
        QLocale.setDefault(old)


def test_export_save_as_remembers_the_folder_asks_before_replacing_and_sets_privacy(
        qtbot, ctx, tmp_path) -> None:
    from sqlalchemy import select

    from db import models as m
    from tests.ui.test_sessions import published
    from ui.workspaces.sessions import SessionsWorkspace

    sid, _ = published.__wrapped__(ctx)
    ctx.settings.setValue("export/open_folder", False)
    with ctx.db.session() as s:
        attendance = s.scalar(select(m.Attendance).where(m.Attendance.session_id == sid))
        expert_id, expert_name = attendance.expert_id, attendance.expert.name
        day = s.get(m.MeetingSession, sid).date
    w = SessionsWorkspace(ctx)
    qtbot.addWidget(w)
    w.show()
    w.go_to_week(day)
    w.expert_box.setCurrentIndex(w.expert_box.findData(expert_id))
    qtbot.mouseClick(w.my_pdf_button, Qt.MouseButton.LeftButton)
    dialog = w.export_dialog
    # named by the expert and the week, never an internal id
    year, week, _ = w.monday.isocalendar()
    from mdo_planner.pdf import safe_component

    assert dialog.path().name == f"my-agenda_{safe_component(expert_name)}_{year}-W{week:02d}.pdf"
    assert str(expert_id) not in dialog.path().name.split("_")[1:2]
    target = tmp_path / "chosen" / "mine.pdf"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    dialog.privacy_box.setCurrentIndex(dialog.privacy_box.findData("minimal"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: w.last_export is not None or w.message.kind == "error",
                    timeout=30000)
    assert w.last_export == target, w.message.text
    assert ctx.settings.value("export/folder") == str(target.parent)
    with ctx.db.session() as s:
        event = s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "export_pdf")
                          .order_by(m.AuditEvent.id.desc())).first()
        assert event.details["privacy"] == "minimal"
    # the next export starts in the remembered folder; an existing file is not replaced
    # silently: the first Save warns and turns into Replace
    w.last_export = None
    qtbot.mouseClick(w.my_pdf_button, Qt.MouseButton.LeftButton)
    dialog = w.export_dialog
    assert dialog.path().parent == target.parent
    assert dialog.privacy() == ""  # a looser or stricter mode is never carried over
    before = target.read_bytes()
    dialog.path_edit.setText(str(target))
    dialog.save_button.click()
    assert dialog.isVisible() and "already exists" in dialog.warning.text()
    assert dialog.save_button.text() == "Replace"
    assert w.last_export is None and target.read_bytes() == before
    dialog.save_button.click()
    qtbot.waitUntil(lambda: w.last_export is not None, timeout=30000)
    assert w.last_export == target
