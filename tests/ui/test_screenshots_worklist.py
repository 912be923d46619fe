"""Screenshots of issue 18's work in English and Dutch on the demo network: the review with a
filter and the details pane, the move list with "Show all, with why not", a leave conflict in
Experts and Sessions, the publish summary, Save as…, the worklist's search by name, the settings
and Help. Written only with ``MDO_SCREENSHOTS=1``; every run grabs them as a smoke test."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from sqlalchemy import select

from db import models as m
from mdo_planner.demo import fill_demo, next_monday
from mdo_planner.services import plan_review as pr
from tests.conftest import ROOT
from tests.ui.conftest import make_database
from tests.ui.test_translations import _compile

SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def planned_demo(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    start = next_monday()
    fill_demo(db, start=start)
    end = start + dt.timedelta(days=11)
    pr.publish_run(db, pr.propose_plan(db, start, end, 3, user="secretary"), user="secretary")
    pr.propose_plan(db, start, end, 2, user="secretary")
    yield db
    db.dispose()


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("language", ["en", "nl"])
def test_screenshots_of_the_work_list(
    qtbot, planned_demo, tmp_path: Path, language, settle
) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = QCoreApplication.instance()
    old = QLocale()
    translator = None
    if language == "nl":
        translator = QTranslator()
        assert translator.load(str(_compile(tmp_path)))
        app.installTranslator(translator)
        # Qt's own words (Save, Cancel) in Dutch too, as the application loads them
        qt_translator = QTranslator()
        if qt_translator.load(
            "qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt_translator)
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    save = os.environ.get("MDO_SCREENSHOTS") == "1"
    suffix = "" if language == "en" else "-nl"
    shots: dict[str, object] = {}
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("export/open_folder", False)
        ctx = AppContext(planned_demo, user="secretary", settings=settings)
        window = MainWindow(ctx, first_start_check=False)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.show_workspace("planning")
        w = window.workspace("planning")
        settle(ctx)  # the review is read in a worker
        w.set_filter("unplanned")
        w.select_case(w.changes_model.rows[0].case_id)
        settle(ctx)
        qtbot.wait(50)
        shots["planning-review"] = window.grab()
        w.set_filter("all")
        row = next(r for r in w.current_review.rows if r.kind in ("new", "unchanged"))
        w.select_case(row.case_id)
        settle(ctx)
        w.show_all_targets.setChecked(True)
        w.target_box.showPopup()
        qtbot.wait(50)
        shots["planning-move-list"] = window.grab()
        popup = w.target_box.view().window().grab()
        w.target_box.hidePopup()
        shots["planning-move-popup"] = popup
        ok, summary = True, pr.publish_summary(planned_demo, w.run_id)
        assert ok
        box = w.publish_box(summary)
        box.show()
        qtbot.wait(50)
        shots["publish-summary"] = box.grab()
        box.close()
        # a leave conflict: an attendee of a published session of the first week
        with planned_demo.session() as s:
            att = s.scalars(
                select(m.Attendance)
                .join(m.MeetingSession)
                .where(m.Attendance.published.is_(True))
                .order_by(m.MeetingSession.date)
            ).first()
            name, day, sid, eid = (att.expert.name, att.session.date, att.session_id, att.expert_id)
        window.show_workspace("experts")
        ex = window.workspace("experts")
        settle(ctx)
        ex.search.setText(name)
        row_i = next(
            r
            for r in range(ex.proxy.rowCount())
            if ex.model.row_at(ex.proxy.mapToSource(ex.proxy.index(r, 0)).row()).id == eid
        )
        ex.view.setCurrentIndex(ex.proxy.index(row_i, 0))
        settle(ctx)
        if not any(p.start <= day <= p.end for p in ex.current_expert.leave):
            ex.leave_from.setDate(QDate(day.year, day.month, day.day))
            ex.leave_to.setDate(QDate(day.year, day.month, day.day))
            ex.add_leave_button.click()
            settle(ctx)
        qtbot.wait(50)
        assert ex.message.kind == "warning", ex.message.text
        shots["leave-conflict-experts"] = window.grab()
        window.show_workspace("sessions")
        ses = window.workspace("sessions")
        ses.refresh()
        settle(ctx)
        assert ses.select_session(sid)
        settle(ctx)
        assert ses.row_texts(sid)[3].startswith(("leave conflict", "verlofconflict"))
        qtbot.wait(50)
        shots["leave-conflict-sessions"] = window.grab()
        # Save as… with the privacy mode
        ses.export_pdf()
        dialog = ses.export_dialog
        dialog.resize(760, dialog.sizeHint().height())
        qtbot.wait(50)
        shots["export-save-as"] = dialog.grab()
        dialog.reject()
        # the worklist finds a caller by name (accents ignored)
        with planned_demo.session() as s:
            patient = s.scalar(
                select(m.Case.patient_name)
                .where(m.Case.patient_name.like("%ë%"))
                .order_by(m.Case.id)
            ) or s.scalar(select(m.Case.patient_name).where(m.Case.patient_name.is_not(None)))
        window.show_workspace("cases")
        cases = window.workspace("cases")
        cases.search.setText(patient.replace("ë", "e").replace("ï", "i").lower())
        qtbot.waitUntil(lambda: cases.proxy.rowCount() >= 1)
        qtbot.wait(50)
        shots["cases-search-name"] = window.grab()
        cases.search.clear()
        # Edit → Settings, Help → Short guide and Keyboard shortcuts
        window.show_settings()
        window.settings_dialog.page_list.setCurrentRow(1)
        qtbot.wait(50)
        shots["settings"] = window.settings_dialog.grab()
        window.settings_dialog.reject()
        window.show_guide()
        qtbot.wait(50)
        shots["help-guide"] = window.guide_dialog.grab()
        window.guide_dialog.close()
        window.show_shortcuts()
        qtbot.wait(50)
        shots["help-shortcuts"] = window.shortcuts_dialog.grab()
        window.shortcuts_dialog.close()
        ctx.cancel_all()
        for name_, image in shots.items():
            assert not image.isNull()
            if save:
                assert image.save(str(SHOTS / f"{name_}{suffix}.png"))
    finally:
        if translator is not None:
            app.removeTranslator(translator)
            app.removeTranslator(qt_translator)
        QLocale.setDefault(old)
