"""Sessions & agendas workspace: week view, quorum, drag-and-drop reorder with undo, cancel,
resize, and the background PDF export."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from sqlalchemy import select

from db import models as m
from mdo_planner.services import sessions_service as ss
from ui.workspaces.sessions import ROW_MIME, SESSION_ROLE, SessionsWorkspace


@pytest.fixture
def published(ctx):
    """A published plan fragment: four cases of one session, with a partial attendance."""
    with ctx.db.session() as s:
        x = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        cases = s.scalars(
            select(m.Case)
            .where(m.Case.tumour_group_id == x.tumour_group_id)
            .order_by(m.Case.id)
            .limit(4)
        ).all()
        for c in cases:
            c.minutes = 5
            c.status = "planned"
            s.add(m.Assignment(case=c, session=x, published=True))
        surg = s.scalar(select(m.Expert).join(m.Discipline).where(m.Discipline.code == "SURG"))
        s.add(m.Attendance(session=x, expert=surg, published=True))
        s.flush()
        return x.id, [c.id for c in cases]


def _open(qtbot, ctx, tmp_path, settle) -> SessionsWorkspace:
    ctx.settings.setValue("export/folder", str(tmp_path / "agendas"))
    ctx.settings.setValue("export/open_folder", False)
    w = SessionsWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    settle(ctx)
    return w


def test_week_view_groups_by_day_and_shows_quorum(
    qtbot, qtmodeltester, ctx, published, tmp_path, settle
) -> None:
    sid, _cases = published
    w = _open(qtbot, ctx, tmp_path, settle)
    assert w.monday == dt.date(2027, 1, 4)
    days = [w.week_model.item(i, 0).text() for i in range(w.week_model.rowCount())]
    assert len(days) >= 5 and "2027" in days[0]
    assert w.select_session(sid)
    settle(ctx)
    texts = w.row_texts(sid)
    assert texts[3].startswith("missing") and "PATH" in texts[3]
    assert texts[2] == "20 / 30" and texts[4] == "4"
    assert w.load_bar.value() == 20 and w.load_bar.maximum() == 30
    assert "SURG" in w.quorum_label.text() and "quorum not met" in w.quorum_label.text()
    qtmodeltester.check(w.agenda_model)
    qtmodeltester.check(w.week_model)
    w.next_button.click()
    settle(ctx)
    assert w.monday == dt.date(2027, 1, 11)
    w.prev_button.click()
    settle(ctx)
    assert w.monday == dt.date(2027, 1, 4)


def test_drag_and_drop_reorders_with_undo(qtbot, ctx, published, tmp_path, settle) -> None:
    sid, cases = published
    w = _open(qtbot, ctx, tmp_path, settle)
    w.select_session(sid)
    settle(ctx)
    before = [r.case_id for r in w.agenda_model.rows]
    assert sorted(before) == sorted(cases)
    # drop the first row below the third (what a mouse drag in the view delivers)
    mime = w.agenda_model.mimeData([w.agenda_model.index(0, 0)])
    assert mime.hasFormat(ROW_MIME)
    with qtbot.waitSignal(ctx.dataChanged):
        w.agenda_model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
        settle(ctx)
    after = [r.case_id for r in w.agenda_model.rows]
    assert after == [before[1], before[2], before[0], before[3]]
    assert [r.case_id for r in ss.agenda_rows(ctx.db, sid)] == after
    assert w.agenda_model.index(2, 1).data().startswith("08:10")
    w.undo_stack.undo()
    settle(ctx)
    assert [r.case_id for r in w.agenda_model.rows] == before
    # keyboard: Ctrl+Down moves the selected case one place down
    w.agenda_view.selectRow(0)
    w.move_selected_down()
    settle(ctx)
    assert [r.case_id for r in ss.agenda_rows(ctx.db, sid)][:2] == [before[1], before[0]]
    assert not w.agenda_model.dropMimeData(
        QMimeData(), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )


def test_resize_refused_then_cancel_returns_cases(qtbot, ctx, published, tmp_path, settle) -> None:
    sid, cases = published
    w = _open(qtbot, ctx, tmp_path, settle)
    w.select_session(sid)
    settle(ctx)
    w.resize_spin.setValue(15)
    qtbot.mouseClick(w.resize_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.message.kind == "error" and "cannot be shortened to 15" in w.message.text
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert w.message.kind == "error" and "reason is required" in w.message.text
    qtbot.keyClicks(w.cancel_reason, "chair ill")
    qtbot.mouseClick(w.cancel_button, Qt.MouseButton.LeftButton)
    settle(ctx)
    assert "4 case(s) went back to the pool" in w.message.text
    assert w.row_texts(sid)[3] == "cancelled"
    assert not w.pdf_button.isEnabled()
    with ctx.db.session() as s:
        assert {s.get(m.Case, c).status for c in cases} == {"ready"}


def test_reorder_then_export_pdf_in_the_background(qtbot, ctx, published, tmp_path, settle) -> None:
    from pypdf import PdfReader

    sid, _ = published
    w = _open(qtbot, ctx, tmp_path, settle)
    w.select_session(sid)
    settle(ctx)
    before = [r.patient_ref for r in w.agenda_model.rows]
    # drag the last case to the top
    mime = w.agenda_model.mimeData([w.agenda_model.index(3, 0)])
    w.agenda_model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    settle(ctx)
    order = [r.patient_ref for r in w.agenda_model.rows]
    assert order == [before[3], *before[:3]]
    qtbot.mouseClick(w.pdf_button, Qt.MouseButton.LeftButton)
    w.export_dialog.save_button.click()  # Save as…, in the remembered folder
    qtbot.waitUntil(lambda: w.last_export is not None or w.message.kind == "error", timeout=30000)
    assert w.message.kind == "info", w.message.text
    assert w.last_export.suffix == ".pdf" and w.last_export.parent == tmp_path / "agendas"
    assert w.last_export.name.startswith("2027-01-06_")
    text = "".join(page.extract_text() for page in PdfReader(w.last_export).pages)
    positions = [text.find(ref) for ref in order]
    assert all(p >= 0 for p in positions), (order, text[:500])
    assert positions == sorted(positions), "the PDF lists the cases in the new order"


def test_my_agenda_filters_the_week_and_exports(qtbot, ctx, published, tmp_path, settle) -> None:
    sid, _ = published
    with ctx.db.session() as s:
        att = s.scalar(select(m.Attendance).where(m.Attendance.session_id == sid))
        expert_id = att.expert_id
    w = _open(qtbot, ctx, tmp_path, settle)
    all_sessions = len(w.session_items())
    w.expert_box.setCurrentIndex(w.expert_box.findData(expert_id))
    settle(ctx)
    assert all_sessions > 1
    assert [i.data(SESSION_ROLE) for i in w.session_items()] == [sid]
    qtbot.mouseClick(w.my_pdf_button, Qt.MouseButton.LeftButton)
    w.export_dialog.save_button.click()
    qtbot.waitUntil(lambda: w.last_export is not None or w.message.kind == "error", timeout=30000)
    assert w.message.kind == "info", w.message.text
    assert w.last_export.name.startswith("my-agenda_")
    assert w.last_export.read_bytes().startswith(b"%PDF")
    # the calendar file of one session
    w.last_export = None
    w.select_session(sid)
    settle(ctx)
    qtbot.mouseClick(w.ics_button, Qt.MouseButton.LeftButton)
    w.export_dialog.save_button.click()
    qtbot.waitUntil(lambda: w.last_export is not None or w.message.kind == "error", timeout=30000)
    assert w.last_export.suffix == ".ics"
    assert w.last_export.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    # back to everyone
    w.expert_box.setCurrentIndex(0)
    settle(ctx)
    assert len(w.session_items()) == all_sessions


def test_my_agenda_of_an_expert_without_sessions_says_so_before_the_save_dialog(
    qtbot, ctx, published, tmp_path, settle
) -> None:
    """The export used to open Save as… and fail after the secretary chose a file ("attends
    no session"); with the week already read, the workspace says so first."""
    sid, _ = published
    with ctx.db.session() as s:
        attending = set(s.scalars(select(m.Attendance.expert_id)))
        idle = s.scalar(select(m.Expert.id).where(m.Expert.id.not_in(attending)))
    w = _open(qtbot, ctx, tmp_path, settle)
    w.expert_box.setCurrentIndex(w.expert_box.findData(idle))
    settle(ctx)
    assert w.session_items() == []
    w.export_dialog = None
    qtbot.mouseClick(w.my_pdf_button, Qt.MouseButton.LeftButton)
    assert w.export_dialog is None  # no Save-as dialog
    assert w.message.kind == "warning"
    assert "no agenda to export" in w.message.text
    # while the week is read again (a plan was published meanwhile), what is shown may be
    # out of date: the dialog opens and the export itself decides (a review found the
    # refusal given from the old read)
    w.refresh()
    qtbot.mouseClick(w.my_pdf_button, Qt.MouseButton.LeftButton)
    assert w.export_dialog is not None
    w.export_dialog.reject()
    settle(ctx)
    w.export_dialog = None
    # an expert who attends keeps the dialog
    with ctx.db.session() as s:
        busy = s.scalar(select(m.Attendance.expert_id).where(m.Attendance.session_id == sid))
    w.expert_box.setCurrentIndex(w.expert_box.findData(busy))
    settle(ctx)
    qtbot.mouseClick(w.my_pdf_button, Qt.MouseButton.LeftButton)
    assert w.export_dialog is not None
    w.export_dialog.reject()


def test_week_shortcuts_inside_the_main_window(qtbot, ctx, tmp_path, settle) -> None:
    from ui.main_window import MainWindow

    ctx.settings.setValue("export/open_folder", False)
    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_workspace("sessions")
    settle(ctx)
    w = window.workspace("sessions")
    start = w.monday
    w.tree.setFocus()
    qtbot.keyClick(w.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert w.monday == start + dt.timedelta(weeks=1)
    qtbot.keyClick(w.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.monday == start
