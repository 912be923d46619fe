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
