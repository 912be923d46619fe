"""Experts workspace: search, edit eligibility, add/remove leave with undo, weekly load."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from mdo_planner.services import experts_service as es
from ui.workspaces.experts import ExpertsWorkspace


def _open(qtbot, ctx, settle) -> ExpertsWorkspace:
    w = ExpertsWorkspace(ctx)
    qtbot.addWidget(w)
    settle(ctx)
    return w


def _pick(qtbot, w: ExpertsWorkspace, text: str, settle) -> None:
    w.search.clear()
    qtbot.keyClicks(w.search, text)
    assert w.proxy.rowCount() >= 1
    w.view.setCurrentIndex(w.proxy.index(0, 0))
    settle(w.ctx)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    _pick(qtbot, w, "Expert1", settle)
    for model in (w.model, w.proxy, w.leave_model, w.load_model):
        qtmodeltester.check(model)
    assert w.load_model.rowCount() == 8


def test_search_filters_the_list(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    total = w.proxy.rowCount()
    qtbot.keyClicks(w.search, "Expert12")
    assert 1 <= w.proxy.rowCount() < total
    assert all("Expert12" in w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount()))


def test_add_leave_then_undo_and_redo(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    _pick(qtbot, w, "Dr. C. Expert2", settle)
    expert_id = w.current_expert.id
    before = len(es.get_expert(ctx.db, expert_id).leave)
    w.leave_from.setDate(QDate(2027, 1, 11))
    w.leave_to.setDate(QDate(2027, 1, 15))
    qtbot.keyClicks(w.leave_reason, "ESMO congress")
    with qtbot.waitSignal(ctx.dataChanged):
        qtbot.mouseClick(w.add_leave_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.message.kind == "info", w.message.text
    assert len(es.get_expert(ctx.db, expert_id).leave) == before + 1
    assert w.leave_model.rowCount() == before + 1
    marked = w.leave_days()
    assert all(d in marked for d in (dt.date(2027, 1, 11), dt.date(2027, 1, 15)))
    w.undo_stack.undo()
    settle(ctx)
    assert len(es.get_expert(ctx.db, expert_id).leave) == before
    assert QDate(2027, 1, 12) not in [QDate(d.year, d.month, d.day) for d in w.leave_days()]
    w.undo_stack.redo()
    settle(ctx)
    assert [
        (p.start.isoformat(), p.reason) for p in es.get_expert(ctx.db, expert_id).leave if p.reason
    ] == [("2027-01-11", "ESMO congress")]
    # an overlapping period is refused beside the form, nothing is added
    w.leave_from.setDate(QDate(2027, 1, 14))
    w.leave_to.setDate(QDate(2027, 1, 20))
    qtbot.mouseClick(w.add_leave_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.message.kind == "error" and "overlaps" in w.message.text
    assert len(es.get_expert(ctx.db, expert_id).leave) == before + 1


def test_calendar_click_picks_the_period(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    _pick(qtbot, w, "Dr. B. Expert1", settle)
    assert [d.isoformat() for d in w.leave_days()] == ["2027-01-07"]
    w.calendar.clicked.emit(QDate(2027, 2, 1))
    assert (w.leave_from.date(), w.leave_to.date()) == (QDate(2027, 2, 1), QDate(2027, 2, 1))


def test_remove_leave_and_save_limits(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    _pick(qtbot, w, "Dr. B. Expert1", settle)
    expert_id = w.current_expert.id
    assert w.leave_model.rowCount() == 1
    w.leave_view.selectRow(0)
    qtbot.mouseClick(w.remove_leave_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert es.get_expert(ctx.db, expert_id).leave == ()
    w.undo_stack.undo()
    settle(ctx)
    assert len(es.get_expert(ctx.db, expert_id).leave) == 1
    w.limit.setValue(2)
    w.max_echelon.setCurrentIndex(w.max_echelon.findData("regional"))
    qtbot.mouseClick(w.save_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    saved = es.get_expert(ctx.db, expert_id)
    assert (saved.max_sessions_per_week, saved.max_echelon) == (2, "regional")
    w.limit.setValue(-1)
    qtbot.mouseClick(w.save_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert es.get_expert(ctx.db, expert_id).max_sessions_per_week is None


def test_sorting_by_a_column_keeps_the_search_working(qtbot, qtmodeltester, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    w.view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # hospital
    hospitals = [w.proxy.index(r, 2).data() for r in range(w.proxy.rowCount())]
    assert hospitals == sorted(hospitals, reverse=True)
    qtmodeltester.check(w.model)
    qtbot.keyClicks(w.search, "Expert12")
    assert all("Expert12" in w.proxy.index(r, 0).data() for r in range(w.proxy.rowCount()))
    assert w.proxy.rowCount() >= 1


def test_add_an_expert_and_make_them_eligible(qtbot, ctx, settle) -> None:
    w = _open(qtbot, ctx, settle)
    before = w.model.rowCount()
    qtbot.keyClicks(w.new_code, "E-NEW")
    qtbot.keyClicks(w.new_name, "Dr. Z. Nieuw")
    w.new_discipline.setCurrentIndex(w.new_discipline.findData("PATH"))
    w.new_hospital.setCurrentIndex(w.new_hospital.findData("H1_1"))
    qtbot.mouseClick(w.add_expert_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.message.kind == "info", w.message.text
    assert w.model.rowCount() == before + 1
    assert w.current_expert is not None and w.current_expert.code == "E-NEW"
    assert w.current_expert.serves == ("H1_1",) and w.current_expert.tumour_groups == ()
    item = next(
        w.groups.item(i)
        for i in range(w.groups.count())
        if w.groups.item(i).data(Qt.ItemDataRole.UserRole) == "BREAST"
    )
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(w.save_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert es.get_expert(ctx.db, w.current_expert.id).tumour_groups == ("BREAST",)
    qtbot.keyClicks(w.new_code, "E-NEW")
    qtbot.keyClicks(w.new_name, "Again")
    qtbot.mouseClick(w.add_expert_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.message.kind == "error" and "already used" in w.message.text


def test_a_short_window_scrolls_the_expert_panel(qtbot, ctx, settle) -> None:
    """Seen under Xvfb: the expert panel (may attend, leave with its calendar, sessions per
    week) held the whole window to about 750 px, taller than a 1280×720 screen (1920×1080
    at 150 %); now the panel scrolls and keeps each part at its full size."""
    from PySide6.QtWidgets import QGroupBox

    from tests.ui.layout_checks import assert_parts_fit_and_scroll

    w = ExpertsWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1090, 560)
    w.show()
    settle(ctx)
    qtbot.wait(50)
    assert w.minimumSizeHint().height() <= 500, w.minimumSizeHint()
    boxes = [b for b in w.findChildren(QGroupBox) if b.isVisible()]
    assert len(boxes) >= 3
    assert_parts_fit_and_scroll(w, boxes, lambda b: b.title(), "expertPanelScroll")
