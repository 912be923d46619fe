"""The proposal review as a work list (issue 18): sort and filter, a details pane with the full
reason and the solver's next best place, double-click to the case and back, a move list that
offers only what fits (the rest behind "Show all, with why not"), a late warning for a manual
move past the due date, the progress panel in plain words, and the publish summary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db import models as m
from ui.workspaces.planning import PlanningWorkspace
from ui.workspaces.words import reason_text, session_text


@pytest.fixture
def planned(qtbot, ctx, settle) -> PlanningWorkspace:
    w = PlanningWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.date_from.setDate(QDate(2027, 1, 4))
    w.date_to.setDate(QDate(2027, 1, 8))  # one week: a few cases stay unplanned
    w.time_limit.setValue(2)
    qtbot.mouseClick(w.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.running, timeout=120_000)
    settle(ctx)
    assert w.current_review is not None, w.message.text
    return w


def _shown(w: PlanningWorkspace) -> list:
    return w.changes_model.rows


def test_progress_panel_speaks_plainly(planned) -> None:
    w = planned
    rv = w.current_review
    assert int(w.fig_planned.text()) + int(w.fig_unplanned.text()) == len(rv.rows)
    assert int(w.fig_late.text()) == sum(1 for r in rv.rows if r.days_late)
    assert w.fig_quality.text().endswith("%")
    assert w.fig_phase.text() not in ("OPTIMAL", "FEASIBLE", "CANCELLED")
    assert "lower bound" in w.fig_details.text()


def test_sort_and_filter(qtbot, planned) -> None:
    w = planned
    rv = w.current_review
    header = w.changes_view.horizontalHeader()
    due_col = next(
        i
        for i in range(w.changes_model.columnCount())
        if w.changes_model.headerData(i, Qt.Orientation.Horizontal) == "Due"
    )
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(due_col) + 5, 5),
    )
    dues = [r.due for r in _shown(w)]
    assert dues in (sorted(dues), sorted(dues, reverse=True)) and len(dues) == len(rv.rows)
    w.set_filter("unplanned")
    assert _shown(w) and all(r.kind == "unplanned" for r in _shown(w))
    assert len(_shown(w)) == rv.count("unplanned")
    assert w.filter_count.text() == f"{rv.count('unplanned')} of {len(rv.rows)} cases"
    w.set_filter("late")
    assert all(r.days_late > 0 for r in _shown(w))
    w.set_filter("changed")
    changed = {x.session_id for x in rv.sessions if x.changed}
    assert len(_shown(w)) == sum(1 for r in rv.rows if r.session_id in changed)
    w.set_filter("all")
    assert len(_shown(w)) == len(rv.rows)


def test_details_pane_has_the_full_reason_and_the_next_best_place(planned, settle) -> None:
    w = planned
    rv = w.current_review
    unplanned = next(r for r in rv.rows if r.kind == "unplanned")
    assert w.select_case(unplanned.case_id)
    settle(w.ctx)
    text = w.details.toPlainText()
    assert reason_text(unplanned.reason) == unplanned.reason, "English stays as stored"
    assert unplanned.reason in text
    assert "Sessions that would take it if" in text or "It fits now in" in text
    planned_row = next(r for r in rv.rows if r.alternative)
    w.select_case(planned_row.case_id)
    settle(w.ctx)
    text = w.details.toPlainText()
    assert "Why here" in text and session_text(planned_row.alternative) in text


def test_move_list_offers_only_what_fits(qtbot, planned, settle) -> None:
    w = planned
    row = next(r for r in w.current_review.rows if r.kind == "new")
    w.select_case(row.case_id)
    settle(w.ctx)
    allowed = [o for o in w._options if o.allowed]
    refused = [o for o in w._options if not o.allowed]
    model = w.target_box.model()
    enabled = [
        model.index(i, 0).data(Qt.ItemDataRole.UserRole)
        for i in range(model.rowCount())
        if model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled
    ]
    assert enabled == [o.session_id for o in allowed] and model.rowCount() == max(1, len(allowed))
    texts = [w.target_box.itemText(i) for i in range(w.target_box.count())]
    assert all("min free" in t for t in texts if t.startswith("✓"))
    w.show_all_targets.setChecked(True)
    assert w.target_box.count() == len(w._options)
    texts = [w.target_box.itemText(i) for i in range(w.target_box.count())]
    if refused:
        assert any("not allowed: Rule" in t for t in texts)
    with w.ctx.db.session() as s:
        codes = set(s.scalars(select(m.MeetingSession.code)))
    assert not any(code in t for t in texts for code in codes), "names, never internal ids"


def test_manual_move_past_the_due_date_warns(qtbot, ctx, planned, settle) -> None:
    w = planned
    rv = w.current_review
    # a case planned in its first possible session: make it due before every session
    row = next(r for r in rv.rows if r.kind == "new" and not r.pinned)
    w.select_case(row.case_id)
    settle(ctx)
    later = [o for o in w._options if o.allowed and not o.current and o.date > row.session_date]
    if not later:
        pytest.skip("no later session with room in the tiny scenario")
    with ctx.db.session() as s:
        case = s.get(m.Case, row.case_id)
        case.due_date = max(case.ready_date, row.session_date)
    w.reload_review()
    settle(ctx)
    w.select_case(row.case_id)
    settle(ctx)
    target = next(o for o in w._options if o.session_id == later[0].session_id)
    assert target.late and "after the due date" in w.option_text(target)
    assert w.move_case(row.case_id, target.session_id)
    settle(ctx)
    assert w.message.kind == "warning" and "after its due date" in w.message.text
    # a new selection clears a warning that was about another case
    other = next(r for r in w.current_review.rows if r.case_id != row.case_id)
    w.select_case(other.case_id)
    assert w.message.text == ""


def test_double_click_opens_the_case_and_comes_back(qtbot, ctx, settle) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_workspace("planning")
    w = window.workspace("planning")
    w.date_from.setDate(QDate(2027, 1, 4))
    w.date_to.setDate(QDate(2027, 1, 15))
    w.time_limit.setValue(2)
    w.start_planning()
    qtbot.waitUntil(lambda: not w.running, timeout=120_000)
    settle(ctx)
    row = w.current_review.rows[0]
    w.select_case(row.case_id)
    index = w.changes_view.currentIndex()
    w.changes_view.doubleClicked.emit(index)
    settle(ctx)
    assert window.current_workspace_name() == "case_editor"
    editor = window.workspace("case_editor")
    assert editor.case_id == row.case_id and editor.back_button.isVisible()
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert window.current_workspace_name() == "planning"
    assert w.selected_case_id() == row.case_id, "the review keeps its place"


def test_publish_shows_a_summary_first(qtbot, ctx, planned, monkeypatch, settle) -> None:
    w = planned
    seen: list[str] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        return 0  # closed without choosing Publish

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    qtbot.mouseClick(w.accept_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert seen and "case(s) change" in seen[0] and "expert(s) get an update" in seen[0]
    with ctx.db.session() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(m.Assignment)
                .where(m.Assignment.published.is_(True))
            )
            == 0
        ), "nothing published"
    w.confirm_publish = lambda summary: True
    qtbot.mouseClick(w.accept_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    qtbot.waitUntil(lambda: not w.running, timeout=60_000)
    assert "Plan published" in w.message.text
    assert "Publishing" not in w.message.text
