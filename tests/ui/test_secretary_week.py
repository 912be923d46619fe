"""Issue 18, the rest of a secretary's week: search by name and hospital number, one date
style, the urgent flag explained, Save-as for exports, settings, Help, unsaved changes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDateEdit

from mdo_planner.services import cases_service as cs
from ui.workspaces.cases import CasesWorkspace


def _new_case(ctx, name: str, number: str, bsn: str, *, urgent: bool = False) -> int:
    ref = cs.reference_data(ctx.db)
    return cs.create_case(
        ctx.db,
        cs.CaseInput(
            patient_ref=f"P-{number}",
            patient_name=name,
            patient_number=number,
            bsn=bsn,
            hospital_id=ref.hospitals[0].id,
            tumour_group_id=ref.tumour_groups[0].id,
            question="Adjuvant therapy?",
            ready_date=dt.date(2027, 1, 4),
            due_date=dt.date(2027, 1, 20),
            urgent=urgent,
            complexity={
                "phase": "pre_treatment",
                "pathology_available": True,
                "imaging_available": True,
            },
        ),
        user="secretary",
    )


def _shown_ids(ws: CasesWorkspace) -> set[int]:
    p = ws.proxy
    return {p.index(r, 0).data(ws.model.IdRole) for r in range(p.rowCount())}


def test_worklist_finds_a_caller_by_name_number_or_full_bsn(qtbot, ctx) -> None:
    zoe = _new_case(ctx, "Zoë Ĳsselstein", "HN-778812", "111222333")
    ws = CasesWorkspace(ctx)
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    qtbot.addWidget(ws)
    qtbot.keyClicks(ws.search, "zoe ijssel")
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    assert _shown_ids(ws) == {zoe}
    ws.search.clear()
    qtbot.keyClicks(ws.search, "hn-778812")
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    assert _shown_ids(ws) == {zoe}
    ws.search.clear()
    qtbot.keyClicks(ws.search, "111222333")
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    assert _shown_ids(ws) == {zoe}
    ws.search.clear()
    qtbot.keyClicks(ws.search, "1112223")  # part of a BSN: nothing
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    assert _shown_ids(ws) == set()
    assert "111222333" not in repr(vars(ws._index))


def test_urgent_flag_has_a_tooltip_and_new_codes_fit_their_column(qtbot, ctx) -> None:
    case_id = _new_case(ctx, "Jan de Vries", "HN-1", "", urgent=True)
    ws = CasesWorkspace(ctx)
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    qtbot.addWidget(ws)
    ws.resize(1400, 900)
    ws.show()
    row = next(
        r
        for r in range(ws.proxy.rowCount())
        if ws.proxy.index(r, 0).data(ws.model.IdRole) == case_id
    )
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
    qtbot, ctx, tmp_path, settle
) -> None:
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
    settle(ctx)
    w.go_to_week(day)
    settle(ctx)
    w.expert_box.setCurrentIndex(w.expert_box.findData(expert_id))
    settle(ctx)
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
    qtbot.waitUntil(lambda: w.last_export is not None or w.message.kind == "error", timeout=30000)
    assert w.last_export == target, w.message.text
    assert ctx.settings.value("export/folder") == str(target.parent)
    with ctx.db.session() as s:
        event = s.scalars(
            select(m.AuditEvent)
            .where(m.AuditEvent.action == "export_pdf")
            .order_by(m.AuditEvent.id.desc())
        ).first()
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


def test_settings_dialog_pages_store_on_ok_only(qtbot, ctx, tmp_path) -> None:
    from tests.ui.test_shell import _window
    from ui.settings_dialog import SettingsPage

    w = _window(qtbot, ctx)
    w.settings_action.trigger()
    dialog = w.settings_dialog
    assert dialog.isVisible()
    assert all(isinstance(p, SettingsPage) for p in dialog.pages)
    assert [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())] == [
        "General",
        "Agendas and exports",
    ]
    exports = dialog.page("exports")
    exports.folder.setText(str(tmp_path / "out"))
    exports.open_folder.setChecked(False)
    dialog.page("general").language.setCurrentIndex(dialog.page("general").language.findData("nl"))
    dialog.reject()  # Cancel stores nothing
    assert ctx.settings.value("export/folder") is None
    w.settings_action.trigger()
    dialog = w.settings_dialog
    dialog.page("exports").folder.setText(str(tmp_path / "out"))
    dialog.page("exports").open_folder.setChecked(False)
    general = dialog.page("general")
    general.language.setCurrentIndex(general.language.findData("nl"))
    dialog.ok_button.click()
    assert ctx.settings.value("export/folder") == str(tmp_path / "out")
    assert ctx.settings.value("export/open_folder", type=bool) is False
    assert ctx.settings.value("ui/language") == "nl"
    # the View menu follows, and the notice says when the language applies
    assert next(a for a in w.language_group.actions() if a.isChecked()).data() == "nl"
    assert w.language_notice.isVisible()
    w.language_notice.close()
    # Save as… starts in the folder set here
    from ui.export_dialog import ExportDialog

    assert ExportDialog(ctx.settings, "t", "x.pdf").path().parent == tmp_path / "out"


def test_help_has_a_guide_and_the_shortcuts_of_the_menus(qtbot, ctx) -> None:
    from tests.ui.test_shell import _window

    w = _window(qtbot, ctx)
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Help")
    texts = [a.text() for a in help_menu.actions()]
    assert "Short &guide" in texts and "&Keyboard shortcuts" in texts
    w.guide_action.trigger()
    guide = w.guide_dialog.browser.toPlainText()
    assert "Register" in guide and "Publish" in guide and "BSN" in guide
    assert "Care networks" in guide and "Referrals" in guide  # the coordinator's part too
    w.guide_dialog.close()
    w.shortcuts_action.trigger()
    rows = dict((what, keys) for keys, what in w.shortcuts_dialog.rows())
    assert rows["New case"] == "Ctrl+N"
    assert rows["Settings…"] == "Ctrl+,"
    assert "Ctrl+1" in rows.values() and "F5" in rows.values()
    from ui.help import _typeable

    assert _typeable("Ctrl+Z") and not _typeable("F14") and not _typeable("Undo")
    assert all(_typeable(k) for keys in rows.values() for k in keys.split(", "))
    w.shortcuts_dialog.close()


def test_unsaved_changes_can_be_saved_on_quit(qtbot, ctx, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.test_shell import _window

    w = _window(qtbot, ctx)
    case_id = cs.list_case_ids(ctx.db)[0]
    ed = w.workspace("case_editor")
    ctx.caseRequested.emit(case_id)
    qtbot.waitUntil(lambda: ed.case_id == case_id)
    ed.physician.clear()
    qtbot.keyClicks(ed.physician, "Dr. Saved On Quit")
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((buttons, default))
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "question", question)
    with qtbot.waitSignal(ed.saved, timeout=10000):
        w.close()
    buttons, default = asked[0]
    assert buttons & QMessageBox.StandardButton.Discard
    assert buttons & QMessageBox.StandardButton.Cancel
    assert default == QMessageBox.StandardButton.Save
    qtbot.waitUntil(lambda: not w.isVisible())
    assert cs.get_case(ctx.db, case_id).data.presenting_physician == "Dr. Saved On Quit"


def test_reason_message_goes_when_the_level_is_confirmed_instead(qtbot, ctx) -> None:
    from tests.ui.test_case_editor import _editor, _register

    ed = _editor(qtbot, ctx)
    _register(qtbot, ed)
    box = ed.panel.override
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    assert box.error.isVisible() and "reason is required" in box.error.text()
    with qtbot.waitSignal(ed.levelDecided, timeout=10000):
        ed.confirm_level()
    assert not box.error.isVisible()
    # and typing a reason takes it away at once
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    assert box.error.isVisible()
    qtbot.keyClicks(box.reason, "x")
    assert not box.error.isVisible()


def test_live_bsn_check_does_not_shift_the_form(qtbot, ctx) -> None:
    from tests.ui.test_case_editor import _editor

    ed = _editor(qtbot, ctx)
    below = ed.birth_date.mapTo(ed, ed.birth_date.rect().topLeft())
    qtbot.keyClicks(ed.bsn, "123456789")  # fails the elfproef
    assert ed.errors["bsn"].isVisible()
    qtbot.wait(10)
    assert ed.birth_date.mapTo(ed, ed.birth_date.rect().topLeft()) == below
    ed.bsn.clear()
    qtbot.keyClicks(ed.bsn, "111222333")
    assert not ed.errors["bsn"].isVisible()
    qtbot.wait(10)
    assert ed.birth_date.mapTo(ed, ed.birth_date.rect().topLeft()) == below


def test_a_task_announcement_leaves_the_status_bar_when_the_task_ends(qtbot, ctx) -> None:
    from tests.ui.test_shell import _window

    w = _window(qtbot, ctx)
    done = []
    task = ctx.run_task(lambda state: 1, description="Publishing the plan…", on_success=done.append)
    assert w.statusBar().currentMessage() == "Publishing the plan…"
    with qtbot.waitSignal(ctx.taskEnded, timeout=10000):
        pass
    assert done == [1] and task is not None
    assert w.statusBar().currentMessage() == ""
    # a message said since then is left alone
    ctx.statusMessage.emit("Plan published.")
    ctx.taskEnded.emit("Publishing the plan…")
    assert w.statusBar().currentMessage() == "Plan published."


def test_a_refused_move_is_not_shown_beside_another_case(qtbot, ctx, settle) -> None:
    from tests.ui.test_planning import _open, _plan

    w = _open(qtbot, ctx, limit=2)
    _plan(qtbot, w, settle)
    review = w.current_review
    row = next(r for r in review.rows if r.kind == "new")
    other = next(x for x in review.sessions if x.tumour_group != row.tumour_group)
    assert w.select_case(row.case_id)
    settle(ctx)
    mime = w.changes_model.mimeData([w.changes_view.currentIndex()])
    w.loads_model.dropMimeData(
        mime,
        Qt.DropAction.MoveAction,
        -1,
        0,
        w.loads_model.index(w.loads_model.rows.index(other), 0),
    )
    settle(ctx)
    assert w.message.kind == "error" and "Move refused" in w.message.text
    another = next(r for r in review.rows if r.case_id != row.case_id)
    assert w.select_case(another.case_id)
    settle(ctx)
    assert w.message.text == ""


def test_progress_panel_figures_are_not_clipped(qtbot, ctx) -> None:
    from tests.ui.test_shell import _window

    w = _window(qtbot, ctx)
    w.resize(1400, 900)
    w.show_workspace("planning")
    p = w.workspace("planning")
    p.fig_phase.setText("good plan, time limit reached")
    p.fig_details.setText("Details: cost 106309, proven lower bound 103891, gap 2.3 %")
    qtbot.wait(20)
    for label in (p.fig_phase, p.fig_planned, p.fig_elapsed, p.fig_details):
        assert label.height() >= label.sizeHint().height(), label.accessibleName()
        bottom = label.mapTo(p, label.rect().bottomLeft()).y()
        panel = p.main_split.widget(0)
        assert bottom <= panel.mapTo(p, panel.rect().bottomLeft()).y()


def test_a_case_no_clinician_decided_cannot_be_moved_into_a_session(qtbot, ctx, settle) -> None:
    """Found walking the week: an unplanned case whose triage was not confirmed was offered a
    session and moved there by hand, past the clinicians' decision."""
    from sqlalchemy import select

    from db import models as m
    from mdo_planner.services import plan_review as pr
    from tests.ui.test_planning import _open, _plan

    with ctx.db.session() as s:  # a case whose triage no clinician has confirmed yet
        case = s.scalars(select(m.Case).where(m.Case.status == "ready").order_by(m.Case.id)).first()
        case.required_level = None
        case.confirmed_by = None
        case_id = case.id
    w = _open(qtbot, ctx, limit=2)
    _plan(qtbot, w, settle)
    row = next(r for r in w.current_review.rows if r.case_id == case_id)
    assert row.kind == "unplanned" and not row.plannable
    target = next(x for x in w.current_review.sessions if x.tumour_group == row.tumour_group)
    assert w.select_case(row.case_id)
    settle(ctx)
    assert not w.move_button.isEnabled()
    texts = [w.target_box.itemText(i) for i in range(w.target_box.count())]
    assert texts and texts[0].startswith("No move: ") and not any(t.startswith("✓") for t in texts)
    # and the service refuses, whatever the way in (drag and drop, the command line)
    import pytest

    from mdo_planner.errors import UserError

    with pytest.raises(UserError, match="cannot be moved"):
        pr.move_case(ctx.db, w.run_id, row.case_id, target.session_id, user="secretary")
    w.move_case(row.case_id, target.session_id)
    settle(ctx)
    assert w.message.kind == "error" and "cannot be moved" in w.message.text
    with ctx.db.session() as s:
        assert s.scalar(
            select(m.Assignment.pinned).where(
                m.Assignment.plan_run_id == w.run_id, m.Assignment.case_id == row.case_id
            )
        ) in (None, False)


def test_change_notice_says_when_in_local_time_and_the_one_date_style() -> None:
    from ui.workspaces._support import date_time_text
    from ui.workspaces.sessions import sent_at_text

    stamp = "2026-12-02T01:15:42.123456+00:00"
    local = dt.datetime(2026, 12, 2, 1, 15, 42, tzinfo=dt.UTC).astimezone()
    assert sent_at_text(stamp) == date_time_text(local)
    assert "UTC" not in sent_at_text(stamp) and "T" not in sent_at_text(stamp)
    assert sent_at_text("2026-12-02T01:15:42") == date_time_text(local)  # stored naive = UTC


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_typing_in_the_expert_picker_replaces_what_it_shows(qtbot, ctx, settle) -> None:
    from ui.workspaces.sessions import SessionsWorkspace

    w = SessionsWorkspace(ctx)
    qtbot.addWidget(w)
    w.show()
    settle(ctx)
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    edit = w.expert_box.lineEdit()
    assert edit.text() == "(everyone)"
    w.tree.setFocus()  # the secretary was looking at the week
    qtbot.waitUntil(w.tree.hasFocus)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: edit.selectedText() == "(everyone)")
    qtbot.keyClicks(edit, "Expert1")
    assert edit.text() == "Expert1"


def test_no_session_chosen_shows_no_figures(qtbot, ctx, settle) -> None:
    from ui.workspaces.sessions import SessionsWorkspace

    w = SessionsWorkspace(ctx)
    qtbot.addWidget(w)
    w.show()
    settle(ctx)
    w._show_detail(None)
    assert not w.load_bar.isVisible()
    assert w.resize_spin.cleanText() == ""
    first = w.session_items()[0]
    w.select_session(first.data(Qt.ItemDataRole.UserRole + 1))
    settle(ctx)
    assert w.load_bar.isVisible() and w.resize_spin.cleanText() != ""
    w.expert_box.setCurrentIndex(1)
    settle(ctx)
    assert w.expert_box.lineEdit().cursorPosition() == 0


def test_the_window_fits_a_1400_pixel_screen_in_dutch(qtbot, ctx, tmp_path) -> None:
    """Found walking the week in Dutch: longer words made the worklist's filter row, and so
    the window, wider than the screen; the right-hand panels were cut off."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from tests.ui.test_shell import _window
    from tests.ui.test_translations import _compile

    translator = QTranslator()
    assert translator.load(str(_compile(tmp_path)))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        from ui.workspaces.words import level_word

        assert level_word("all") == "alle"  # "all 85 booked" stayed English
        w = _window(qtbot, ctx)
        assert w.workspace("cases").title == "Casussen"
        assert w.minimumSizeHint().width() <= 1400, {
            name: ws.minimumSizeHint().width() for name, ws in w.workspaces.items()
        }
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(old)


def test_product_words_fit_their_worklist_columns_in_dutch(qtbot, ctx, tmp_path) -> None:
    """ "Te laat ge…" was cut off in the deadline column (issue 18)."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from tests.ui.test_translations import _compile
    from ui.workspaces.cases import risk_label, status_label

    translator = QTranslator()
    assert translator.load(str(_compile(tmp_path)))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        ws = CasesWorkspace(ctx)
        qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
        qtbot.addWidget(ws)
        metrics = QFontMetrics(ws.view.font())
        header = ws.view.horizontalHeader()
        assert risk_label(cs.RISK_LATE) == "Te laat gepland"
        for risk in cs.RISKS:
            assert header.sectionSize(0) >= metrics.horizontalAdvance(risk_label(risk)) + 24
        for status in ("new", "hold", "not_discussed", "withdrawn"):
            assert header.sectionSize(6) >= metrics.horizontalAdvance(status_label(status)) + 8
    finally:
        app.removeTranslator(translator)


def test_a_typed_search_is_audited_once_without_the_typed_text(qtbot, ctx) -> None:
    from sqlalchemy import select

    from db import models as m

    zoe = _new_case(ctx, "Zoë Ĳsselstein", "HN-778812", "111222333")
    with ctx.db.session() as s:
        code = s.get(m.Case, zoe).code
        before = s.scalar(select(m.AuditEvent.id).order_by(m.AuditEvent.id.desc()).limit(1))
    ws = CasesWorkspace(ctx)
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)
    qtbot.addWidget(ws)
    ws._search_audit.setInterval(50)
    qtbot.keyClicks(ws.search, "111222333")
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=15_000)

    def events():
        with ctx.db.session() as s:
            found = s.scalars(
                select(m.AuditEvent).where(
                    m.AuditEvent.id > before, m.AuditEvent.action == "case.search"
                )
            ).all()
            return [e for e in found if "typed" in (e.details or {})]

    qtbot.waitUntil(lambda: len(events()) == 1, timeout=10000)
    qtbot.wait(200)
    (event,) = events()  # one event for the whole typing, not one per keystroke
    assert event.details["typed"] == "bsn" and event.details["found"] == 1
    assert "111222333" not in repr(event.details) and "111222333" not in str(event.case_ids)
    assert code in str(event.case_ids)


def test_the_case_editor_shows_the_name_and_number_the_search_found(qtbot, ctx, settle) -> None:
    """Found walking the week: the search found a caller by name, but the case showed only
    the reference, so the secretary could not confirm it was the right patient."""
    from tests.ui.test_case_editor import _editor

    zoe = _new_case(ctx, "Zoë Ĳsselstein", "HN-778812", "111222333")
    ed = _editor(qtbot, ctx)
    ed.open_case(zoe)
    settle(ctx)
    assert ed.patient_name.text() == "Zoë Ĳsselstein"
    assert ed.patient_number.text() == "HN-778812"
    ed.patient_name.selectAll()
    qtbot.keyClicks(ed.patient_name, "Zoe IJsselstein-de Wit")  # QTest types ASCII only
    assert ed.has_unsaved_changes()
    with qtbot.waitSignal(ed.saved, timeout=10000):
        ed.save()
    data = cs.get_case(ctx.db, zoe).data
    assert (data.patient_name, data.patient_number) == ("Zoe IJsselstein-de Wit", "HN-778812")


def test_case_history_reads_as_words(qtbot, ctx, settle) -> None:
    """Found walking the week: opening a case added "case.view" to its history."""
    from tests.ui.test_case_editor import _editor

    zoe = _new_case(ctx, "Zoë Ĳsselstein", "HN-778812", "111222333")
    ed = _editor(qtbot, ctx)
    ed.open_case(zoe)
    settle(ctx)
    ed.open_case(0)
    ed.open_case(zoe)  # opened twice: two "opened" entries
    settle(ctx)
    history = ed.panel.history.text()
    assert "opened" in history and "case.view" not in history
    assert "." not in "".join(line.rsplit(" · ", 1)[-1] for line in history.splitlines())
