"""The Cases worklist driven through its widgets: filters, search, sort, open a case."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mdo_planner.services import cases_service as cs
from ui.workspaces.cases import CasesWorkspace, CaseTableModel


def _codes(ws: CasesWorkspace) -> list[str]:
    p = ws.proxy
    return [p.index(r, 1).data().rstrip(" ⚑") for r in range(p.rowCount())]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, ctx, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    qtmodeltester.check(ws.model)
    qtmodeltester.check(ws.proxy)


def test_lists_open_cases_with_risk_icon_and_text(qtbot, ctx, tiny_scenario, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.resize(1400, 900)
    ws.show()
    assert ws.proxy.rowCount() == len(tiny_scenario["cases"])
    first = ws.proxy.index(0, 0)
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    assert first.data() in {"Overdue", "Planned late", "At risk", "On track"}
    assert "shown" in ws.count_label.text()


def test_risk_is_coloured_and_named(qtbot, ctx, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.model.today = dt.date(2030, 1, 1)  # everything open is now overdue
    ws.model._rows.clear()
    idx = ws.proxy.index(0, 0)
    idx.data()  # asks for the row, which a worker fetches
    settle(ctx)
    assert idx.data() == "Overdue"
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "not planned" in idx.data(Qt.ItemDataRole.ToolTipRole)


def test_search_box_filters_by_keystrokes(qtbot, ctx, tiny_scenario, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    target = tiny_scenario["cases"][7]
    qtbot.keyClicks(ws.search, target["patient"])
    settle(ctx)
    assert target["id"] in _codes(ws)
    assert ws.proxy.rowCount() < len(tiny_scenario["cases"])
    ws.search.clear()
    settle(ctx)
    assert ws.proxy.rowCount() == len(tiny_scenario["cases"])


def test_filters_combine(qtbot, ctx, tiny_scenario, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.group_box.setCurrentIndex(ws.group_box.findText("BREAST", Qt.MatchFlag.MatchStartsWith))
    settle(ctx)
    breast = {c["id"] for c in tiny_scenario["cases"] if c["tumour_group"] == "BREAST"}
    assert set(_codes(ws)) == breast
    regional = {
        c["id"]
        for c in tiny_scenario["cases"]
        if c["tumour_group"] == "BREAST" and c["echelon"] == "regional"
    }
    ws.level_box.setCurrentIndex(ws.level_box.findData("regional"))
    settle(ctx)
    assert set(_codes(ws)) == regional
    ws.review_box.setChecked(True)
    settle(ctx)
    assert ws.proxy.rowCount() == 0
    ws.review_box.setChecked(False)
    settle(ctx)
    ws.status_box.setCurrentIndex(ws.status_box.findData("withdrawn"))
    settle(ctx)
    assert ws.proxy.rowCount() == 0


def test_sorting_is_done_by_the_service(qtbot, ctx, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    settle(ctx)
    codes = _codes(ws)
    ordered = [
        r.code
        for r in cs.case_rows(ctx.db, cs.list_case_ids(ctx.db, order_by="code", descending=True))
    ]
    assert codes == ordered


def test_one_click_on_a_header_reads_the_order_once(qtbot, ctx, settle, monkeypatch) -> None:
    """Qt asks the model to sort twice for one header click (the indicator change and the
    view); the second ask of the order already on its way must not read all ids again (two
    concurrent reads of 11,500 ids made the national worklist's sort twice as slow)."""
    from ui.workspaces import case_table

    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    reads: list[tuple[str, bool]] = []
    real = case_table._sorted_read
    monkeypatch.setattr(
        case_table,
        "_sorted_read",
        lambda db, key, desc, *rest: reads.append((key, desc)) or real(db, key, desc, *rest),
    )
    ws.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    settle(ctx)
    assert reads == [("code", True)]
    ws.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    settle(ctx)
    assert reads == [("code", True), ("code", False)]


def test_a_sort_while_the_worklist_is_read_is_kept(qtbot, ctx, settle) -> None:
    """The opening read is one worker call in the model's order; a secretary who sorts before
    it is shown still gets her order (the model asks again)."""
    ws = CasesWorkspace(ctx)
    qtbot.addWidget(ws)
    ws.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # before the read is delivered
    settle(ctx)
    ordered = [
        r.code
        for r in cs.case_rows(ctx.db, cs.list_case_ids(ctx.db, order_by="code", descending=True))
    ]
    assert ws.model.order == ("code", True)
    assert _codes(ws) == ordered


def test_double_click_opens_the_case(qtbot, ctx, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.resize(1400, 900)
    ws.show()
    qtbot.waitExposed(ws)
    idx = ws.proxy.index(2, 1)
    rect = ws.view.visualRect(idx)
    expected = idx.data(CaseTableModel.IdRole)
    # a real double click is press, release, double-click on the same row
    qtbot.mouseClick(ws.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(ctx.caseRequested, check_params_cb=lambda i: i == expected):
        qtbot.mouseDClick(ws.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(ctx.caseRequested, check_params_cb=lambda i: i == 0):
        qtbot.mouseClick(ws.new_button, Qt.MouseButton.LeftButton)


def test_reloads_when_cases_change(qtbot, ctx, tiny_scenario, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ref = cs.reference_data(ctx.db)
    cs.create_case(
        ctx.db,
        cs.CaseInput(
            patient_ref="P-NEW-1",
            hospital_id=ref.hospitals[0].id,
            tumour_group_id=ref.tumour_groups[0].id,
            question="Q?",
            ready_date=dt.date(2027, 1, 4),
            due_date=dt.date(2027, 1, 20),
        ),
        user="secretary",
    )
    ctx.notify("cases")
    qtbot.waitUntil(lambda: ws.proxy.rowCount() == len(tiny_scenario["cases"]) + 1)


def test_copy_gives_case_and_patient_never_the_bsn(qtbot, ctx, settle) -> None:
    from PySide6.QtGui import QGuiApplication

    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.show()
    ws.view.setCurrentIndex(ws.proxy.index(0, 3))
    ws.view.setFocus()
    ws.copy_action.trigger()
    code, patient = QGuiApplication.clipboard().text().split("\t")
    assert code == _codes(ws)[0] and patient == ws.proxy.index(0, 2).data()


def test_text_search_combines_with_filters(qtbot, ctx, tiny_scenario, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.group_box.setCurrentIndex(ws.group_box.findText("LUNG", Qt.MatchFlag.MatchStartsWith))
    settle(ctx)
    qtbot.keyClicks(ws.search, "p-")
    settle(ctx)
    lung = {c["id"] for c in tiny_scenario["cases"] if c["tumour_group"] == "LUNG"}
    assert set(_codes(ws)) == lung
    qtbot.keyClicks(ws.search, "zzz")
    settle(ctx)
    assert ws.proxy.rowCount() == 0
    assert ws.count_label.text().startswith("0 case(s) shown")


def test_headline_counts_deadline_risks(qtbot, ctx, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    counts = cs.risk_counts(ctx.db, today=ws.model.today)
    assert sum(counts.values()) == ws.model.rowCount()
    _icon, overdue_text = ws._risk_labels[0]
    assert overdue_text.text() == f"{counts[cs.RISK_OVERDUE]} overdue"
    assert overdue_text.isVisibleTo(ws) == (counts[cs.RISK_OVERDUE] > 0)
    later = cs.risk_counts(ctx.db, today=dt.date(2030, 1, 1))
    open_cases = len(cs.list_case_ids(ctx.db, cs.CaseFilters(statuses=cs.OPEN_STATUSES)))
    assert later[cs.RISK_OVERDUE] + later[cs.RISK_LATE] + later[cs.RISK_OK] == open_cases


def test_empty_states_say_what_to_do(qtbot, ctx, empty_db, settle) -> None:
    ws = CasesWorkspace(ctx)
    settle(ctx)
    qtbot.addWidget(ws)
    ws.show()
    assert not ws.empty_label.isVisible()
    qtbot.keyClicks(ws.search, "no such case anywhere")
    settle(ctx)
    assert ws.empty_label.isVisible() and "No case matches" in ws.empty_label.text()
    ctx.set_database(empty_db)
    settle(ctx)
    assert ws.empty_label.isVisible() and "No cases yet" in ws.empty_label.text()


def test_the_worklist_knows_every_case_status_in_order() -> None:
    """The worklist's status table (no database model imported) is the models' list."""
    from db.models import CASE_STATUSES
    from ui.workspaces import cases

    assert cases.CASE_STATUSES == CASE_STATUSES


def test_painting_rows_a_prefetch_is_reading_asks_for_nothing_more(ctx, qtbot) -> None:
    """A keystroke prefetches the rows it shows, scattered over the source; the view paints
    them before the worker answers. Painting a row whose read is on its way must not fetch
    its whole block again (it did: one 200-row read per block the visible rows touch)."""
    style = QApplication.style()
    model = CaseTableModel(ctx, style)
    ids = list(range(1, 2001))
    model.set_ids(ids, [], dt.date(2026, 12, 1))
    asked: list[list[int]] = []
    ctx.query = lambda fn, case_ids, **kw: asked.append(list(case_ids))  # type: ignore[method-assign]
    visible = [ids[5], ids[450], ids[1200]]
    model.prefetch(visible)
    for case_id in visible:
        assert model.case_row(ids.index(case_id)) is None  # shown when the read arrives
    assert asked == [visible]
    model.case_row(7)  # a row nobody asked for yet brings its block
    assert len(asked) == 2 and 7 + 1 in asked[1] and visible[0] not in asked[1]
