"""The case editor driven through its widgets: register, triage, confirm, override, conflict,
inline validation, BSN masking and undo/redo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from mdo_planner.services import cases_service as cs
from ui.workspaces.case_editor import CaseEditorWorkspace


def _editor(qtbot, ctx) -> CaseEditorWorkspace:
    ed = CaseEditorWorkspace(ctx)
    qtbot.addWidget(ed)
    ed.resize(1400, 900)
    ed.show()
    qtbot.waitExposed(ed)
    ed.activateWindow()
    qtbot.waitUntil(ed.isActiveWindow)
    # the hospital and tumour-group choices are read in a worker
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    return ed


def _choose(box, text: str) -> None:
    box.setCurrentIndex(box.findText(text, Qt.MatchFlag.MatchStartsWith))


def _tick(qtbot, checkbox) -> None:
    """Click on the check box's indicator (the widget may be wider than its text)."""
    qtbot.mouseClick(checkbox, Qt.MouseButton.LeftButton, pos=QPoint(8, checkbox.height() // 2))


def _register(qtbot, ed: CaseEditorWorkspace, *, recurrence: bool = True) -> int:
    qtbot.keyClicks(ed.patient_ref, "P-REG-42")
    _choose(ed.hospital, "H1_1")
    _choose(ed.tumour_group, "BREAST")
    qtbot.keyClicks(ed.physician, "Dr. Jansen")
    qtbot.keyClicks(ed.question, "Adjuvant treatment after recurrence?")
    _tick(qtbot, ed.flags["pathology_available"])
    _tick(qtbot, ed.flags["imaging_available"])
    if recurrence:
        _tick(qtbot, ed.flags["recurrence"])
    ed.patient_ref.setFocus()
    with qtbot.waitSignal(ed.saved, timeout=10000) as blocker:
        qtbot.keyClick(ed.patient_ref, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # what the save started (the network's rule set, following the saved case) is done too
    qtbot.waitUntil(lambda: not ed.ctx.running_tasks, timeout=15_000)
    return blocker.args[0]


def test_register_a_case_and_see_its_triage(qtbot, ctx) -> None:
    ed = _editor(qtbot, ctx)
    ctx.caseRequested.emit(0)
    # before the readiness items are ticked the live triage holds the case
    qtbot.keyClicks(ed.patient_ref, "P-X")
    assert ed.result is not None and ed.result.level == "hold"
    assert any(
        ed.panel.rules.item(i).text().startswith("R0") for i in range(ed.panel.rules.count())
    )
    ed.patient_ref.clear()
    case_id = _register(qtbot, ed)
    assert ed.panel.level.text() == "Regional", [
        ed.panel.rules.item(i).text() for i in range(ed.panel.rules.count())
    ]
    texts = [ed.panel.rules.item(i).text() for i in range(ed.panel.rules.count())]
    assert any(t.startswith("R3") and "recurrence" in t for t in texts)
    detail = cs.get_case(ctx.db, case_id)
    assert detail.data.patient_ref == "P-REG-42"
    assert detail.data.presenting_physician == "Dr. Jansen"
    assert detail.triage_level == "regional"
    assert ed.heading.text() == f"Case {detail.code}"
    # the level is confirmed with the keyboard (Ctrl+Return)
    ed.patient_ref.setFocus()
    with qtbot.waitSignal(ed.levelDecided, timeout=10000):
        qtbot.keyClick(ed.patient_ref, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    detail = cs.get_case(ctx.db, case_id)
    assert detail.required_level == "regional" and detail.confirmed_by == "secretary"
    assert detail.status == "ready"
    assert "confirmed by secretary" in ed.panel.state.text()
    history = ed.panel.history.text().splitlines()
    assert "secretary · level confirmed" in history[0]
    assert any(line.endswith("secretary · registered") for line in history)


def test_override_needs_a_reason(qtbot, ctx) -> None:
    ed = _editor(qtbot, ctx)
    case_id = _register(qtbot, ed)
    box = ed.panel.override
    box.level.setCurrentIndex(box.level.findData("supraregional"))
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    assert box.error.isVisible() and "reason is required" in box.error.text()
    assert cs.get_case(ctx.db, case_id).override_level is None
    qtbot.keyClicks(box.reason, "Patient asks for the expert centre")
    with qtbot.waitSignal(ed.levelDecided, timeout=10000):
        qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    detail = cs.get_case(ctx.db, case_id)
    assert detail.override_level == "supraregional"
    assert detail.required_level == "supraregional"
    assert detail.override_reason == "Patient asks for the expert centre"
    assert not box.error.isVisible()
    assert "Overridden to Supra-regional by secretary" in ed.panel.state.text()


def test_conflict_on_save_keeps_the_form(qtbot, ctx, settle) -> None:
    ed = _editor(qtbot, ctx)
    case_id = _register(qtbot, ed)
    # a colleague saves the same case in the meantime
    other = cs.get_case(ctx.db, case_id)
    other.data.question = "Colleague's question"
    cs.save_case(ctx.db, case_id, other.data, expected_version=other.version, user="colleague")
    ed.question.selectAll()
    qtbot.keyClicks(ed.question, "My better question")
    with qtbot.waitSignal(ed.saveFailed, timeout=10000) as blocker:
        qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    assert "changed by someone else" in blocker.args[0]
    assert ed.message.isVisible() and ed.message.action_button.isVisible()
    assert ed.question.toPlainText() == "My better question"
    assert ed.has_unsaved_changes()
    assert cs.get_case(ctx.db, case_id).data.question == "Colleague's question"
    # Reload shows the colleague's version
    qtbot.mouseClick(ed.message.action_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert ed.question.toPlainText() == "Colleague's question"
    assert not ed.has_unsaved_changes()


def test_inline_validation_and_bsn(qtbot, ctx) -> None:
    ed = _editor(qtbot, ctx)
    assert ed.bsn.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(ed.bsn, "123456789")
    assert ed.errors["bsn"].isVisible() and "elfproef" in ed.errors["bsn"].text()
    qtbot.mouseClick(ed.bsn_show, Qt.MouseButton.LeftButton)
    assert ed.bsn.echoMode() == QLineEdit.EchoMode.Normal
    with qtbot.waitSignal(ed.saveFailed):
        qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    for name in ("patient_ref", "hospital_id", "tumour_group_id", "bsn"):
        assert ed.errors[name].isVisible(), name
    assert ed.bsn.text() == "123456789"  # nothing lost
    ed.bsn.clear()
    qtbot.keyClicks(ed.bsn, "111222333")
    assert not ed.errors["bsn"].isVisible()


def test_undo_and_redo_of_edits(qtbot, ctx) -> None:
    ed = _editor(qtbot, ctx)
    qtbot.keyClicks(ed.patient_ref, "P-1")
    _tick(qtbot, ed.urgent)
    assert ed.urgent.isChecked()
    assert ed.undo_stack.count() == 2  # typing merged into one step
    ed.undo_stack.undo()
    assert not ed.urgent.isChecked()
    ed.undo_stack.undo()
    assert ed.patient_ref.text() == ""
    ed.undo_stack.redo()
    assert ed.patient_ref.text() == "P-1"
    assert ed.undo_stack.canRedo()


def test_triage_sentences_follow_the_language(qtbot, ctx) -> None:
    from PySide6.QtCore import QLocale

    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        ed = _editor(qtbot, ctx)
        qtbot.keyClicks(ed.patient_ref, "P")
        texts = [ed.panel.rules.item(i).text() for i in range(ed.panel.rules.count())]
        assert any("aanhouden" in t for t in texts), texts
    finally:
        QLocale.setDefault(old)


def test_clean_form_follows_changes_made_elsewhere(qtbot, ctx, settle) -> None:
    ed = _editor(qtbot, ctx)
    case_id = _register(qtbot, ed)
    other = cs.get_case(ctx.db, case_id)
    other.data.question = "Changed in another workspace"
    cs.save_case(ctx.db, case_id, other.data, expected_version=other.version, user="colleague")
    ctx.notify("cases")
    settle(ctx)
    assert ed.question.toPlainText() == "Changed in another workspace"
    # but a form with unsaved typing is left alone
    qtbot.keyClicks(ed.physician, " (typing)")
    other = cs.get_case(ctx.db, case_id)
    other.data.question = "Second change"
    cs.save_case(ctx.db, case_id, other.data, expected_version=other.version, user="colleague")
    ctx.notify("cases")
    settle(ctx)
    assert ed.question.toPlainText() == "Changed in another workspace"
    assert ed.physician.text().endswith("(typing)")


def test_tab_order_and_accessible_names(qtbot, ctx) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QPlainTextEdit

    ed = _editor(qtbot, ctx)
    expected = [
        ed.patient_ref,
        ed.patient_name,
        ed.patient_number,
        ed.bsn,
        ed.bsn_show,
        ed.birth_date,
        ed.hospital,
        ed.physician,
        ed.tumour_group,
        ed.question,
        ed.ready_date,
        ed.due_date,
        ed.urgent,
        ed.phase,
    ]

    def focused() -> object:
        widget = ed.focusWidget()
        # a spin box / date edit focuses its inner line edit
        while widget is not None and widget not in expected and widget.parentWidget():
            widget = widget.parentWidget()
        return widget

    ed.patient_ref.setFocus()
    order = [ed.patient_ref]
    for _ in expected[1:]:
        # Tab first walks the day, month and year of a date field, then leaves it
        for _step in range(4):
            qtbot.keyClick(ed.focusWidget(), Qt.Key.Key_Tab)
            if focused() is not order[-1]:
                break
        order.append(focused())
    assert order == expected
    inputs = (
        ed.findChildren(QLineEdit)
        + ed.findChildren(QComboBox)
        + ed.findChildren(QPlainTextEdit)
        + ed.findChildren(QAbstractSpinBox)
    )
    inputs += [b for b in ed.findChildren(QAbstractButton) if b.isCheckable()]
    unnamed = [
        w.objectName()
        for w in inputs
        if w.isVisibleTo(ed)
        and not w.accessibleName()
        and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))
    ]
    assert unnamed == []


def test_a_stated_level_is_not_replaced_by_an_invented_complexity(
    qtbot, ctx, tiny_scenario, settle
) -> None:
    # the tiny fixture's cases come with a stated echelon and no complexity data
    stated = tiny_scenario["cases"][0]
    case_id = next(
        r.id for r in cs.case_rows(ctx.db, cs.list_case_ids(ctx.db)) if r.code == stated["id"]
    )
    ed = _editor(qtbot, ctx)
    ctx.caseRequested.emit(case_id)
    settle(ctx)
    assert (
        ed.panel.level.text()
        == {"local": "Local", "regional": "Regional", "supraregional": "Supra-regional"}[
            stated["echelon"]
        ]
    )
    assert "no complexity data" in ed.panel.minutes.text()
    assert not ed.panel.confirm_button.isEnabled()
    # fixing the question keeps the case without complexity, level and no review flag
    qtbot.keyClicks(ed.question, " (clarified)")
    with qtbot.waitSignal(ed.saved, timeout=10000):
        qtbot.mouseClick(ed.save_button, Qt.MouseButton.LeftButton)
    detail = cs.get_case(ctx.db, case_id)
    assert detail.data.complexity is None and not detail.needs_review
    assert detail.required_level == stated["echelon"]
    # ticking a complexity item starts a real recommendation
    _tick(qtbot, ed.flags["pathology_available"])
    assert ed.result is not None and ed.result.level == "hold"
    ed.undo_stack.undo()
    assert ed.result is None


def test_empty_birth_date_calendar_opens_decades_back(qtbot, ctx) -> None:
    from PySide6.QtCore import QCoreApplication, QDate
    from PySide6.QtGui import QShowEvent

    ed = _editor(qtbot, ctx)
    calendar = ed.birth_date.calendarWidget()
    popup = calendar.window()
    assert popup is not ed.window()
    # the popup opening (the offscreen platform cannot raise a real popup window)
    QCoreApplication.sendEvent(popup, QShowEvent())
    assert calendar.yearShown() == QDate.currentDate().year() - 65
    assert ed.birth_date.is_empty()
