"""Screenshots of the care networks (issue 15) on the demo network, 1400 × 900: Network
setup's care-network tab with the NVPO check, and the agenda of the network consultation that
discusses the seed's colon-cancer referral.

As the other screenshot harnesses: a smoke test in every run; the PNG files in
``docs/screenshots/`` are rewritten only with ``MDO_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt

from db import models as m
from mdo_planner.demo import fill_demo
from tests.conftest import ROOT
from tests.ui.conftest import make_database

SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def demo_db(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    fill_demo(db)
    yield db
    db.dispose()


def test_screenshot_care_networks_and_consultation_agenda(qtbot, demo_db, tmp_path: Path) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("export/open_folder", False)
    ctx = AppContext(demo_db, user="secretary", settings=settings)
    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    save = os.environ.get("MDO_SCREENSHOTS") == "1"

    window.show_workspace("network")
    network = window.workspace("network")
    panel = network.care_panel
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        network.tabs.setCurrentWidget(panel)
        panel.refresh()
    codes = [r.code for r in panel.model.rows]
    assert set(codes) == {"ZVO", "KEMPEN"}
    panel.view.selectRow(codes.index("KEMPEN"))
    assert panel.criterion_verdict() == "no dietitian; 4 disciplines, at least 5 needed"
    panel.view.selectRow(codes.index("ZVO"))
    assert panel.criterion_verdict() == "Meets the NVPO criterion"
    qtbot.waitUntil(lambda: not ctx._tasks, timeout=20_000)  # no busy bar in the picture
    qtbot.wait(100)
    image = window.grab()
    assert not image.isNull()
    if save:
        assert image.save(str(SHOTS / "care-networks.png"))

    # the referral dialog, as the contact person fills it in: the routing shown live
    referrals = network.referrals_panel
    with qtbot.waitSignal(referrals.loaded, timeout=20_000):
        network.tabs.setCurrentWidget(referrals)
    assert referrals.model.rowCount() == 3
    referrals.open_dialog()
    dialog = referrals.dialog
    dialog.patient.setText("P-900777")
    dialog.patient_name.setText("Mw. R. Jansen")
    dialog.postcode.setText("5614 BB")
    dialog.referred_by.setText("dr. M. van Dijk (huisarts)")
    dialog.organisation.setCurrentIndex(dialog.organisation.findData("HA-LINDE"))
    for code in ("anxiety_mood", "fatigue"):
        for i in range(dialog.complaints.count()):
            if dialog.complaints.item(i).data(Qt.ItemDataRole.UserRole) == code:
                dialog.complaints.item(i).setCheckState(Qt.CheckState.Checked)
    assert "Zuiderveld-Oost" in dialog.routing.text()
    dialog.resize(620, dialog.sizeHint().height())
    qtbot.wait(100)
    image = dialog.grab()
    if save:
        assert image.save(str(SHOTS / "referral-dialog.png"))
    dialog.reject()

    with demo_db.session() as s:
        sid, day = s.execute(
            sa.select(m.Assignment.session_id, m.MeetingSession.date)
            .join(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
            .join(m.Case, m.Case.id == m.Assignment.case_id)
            .where(m.Case.patient_ref == "P-900155", m.Assignment.published)
        ).one()
    window.show_workspace("sessions")
    sessions = window.workspace("sessions")
    sessions.go_to_week(day)
    qtbot.waitUntil(lambda: sessions.select_session(sid), timeout=20_000)
    qtbot.waitUntil(lambda: sessions.agenda_model.rowCount() > 0, timeout=20_000)
    assert "network consultation" in sessions.session_title.text()
    qtbot.waitUntil(lambda: not ctx._tasks, timeout=20_000)
    qtbot.wait(100)
    image = window.grab()
    if save:
        assert image.save(str(SHOTS / "consultation-agenda.png"))
    ctx.cancel_all()
    ctx.wait_for_tasks()
