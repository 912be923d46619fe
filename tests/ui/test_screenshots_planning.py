"""Screenshots of the Planning, Sessions, Experts, Network and Dashboard workspaces on the demo
network *with a published plan and an open proposal*, as a secretary sees them mid-week.

The shared harness (``test_screenshots.py``) grabs every workspace right after the demo is
loaded, when nothing is planned yet; these five workspaces only show what they are for once a
plan exists, so this test plans and publishes first. Like the harness, the grab runs in every
test run as a smoke test and the PNG files are only written with ``MDO_SCREENSHOTS=1``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mdo_planner.demo import fill_demo, next_monday
from mdo_planner.services import plan_review as pr
from tests.conftest import ROOT
from tests.ui.conftest import make_database

SHOTS = ROOT / "docs" / "screenshots"
NAMES = ("planning", "sessions", "experts", "network", "dashboard")


@pytest.fixture
def planned_demo(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    start = next_monday()
    fill_demo(db, start=start)
    end = start + dt.timedelta(days=11)
    pr.publish_run(db, pr.propose_plan(db, start, end, 5, user="secretary"), user="secretary")
    pr.propose_plan(db, start, end, 3, user="secretary")  # an open proposal to review
    yield db
    db.dispose()


def test_screenshot_planning_workspaces(qtbot, planned_demo, tmp_path: Path, settle) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.workspaces.sessions import SESSION_ROLE

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("export/open_folder", False)
    ctx = AppContext(planned_demo, user="secretary", settings=settings)
    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    save = os.environ.get("MDO_SCREENSHOTS") == "1"
    if save:
        SHOTS.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        window.show_workspace(name)
        w = window.workspace(name)
        settle(ctx)
        if name == "planning":
            settle(ctx)  # the review is read in a worker
            assert w.current_review is not None and w.current_review.rows
            assert w.cost_series.count() >= 1, "the stored improvement curve is drawn"
            moved = [r for r in w.current_review.rows if r.kind == "moved"]
            w.select_case((moved or list(w.current_review.rows))[0].case_id)
            settle(ctx)
        elif name == "sessions":
            busy = sorted(
                (int(w.row_texts(i.data(SESSION_ROLE))[4]), i.data(SESSION_ROLE))
                for i in w.session_items()
            )
            assert busy and busy[-1][0] > 0, "the published plan fills sessions of the week"
            w.select_session(busy[-1][1])
        elif name == "experts":
            row = next(
                i
                for i in range(w.proxy.rowCount())
                if w.model.row_at(w.proxy.mapToSource(w.proxy.index(i, 0)).row()).leave
            )
            w.view.selectRow(row)
        elif name == "network":
            w.series_view.selectRow(0)
        settle(ctx)
        qtbot.wait(50)
        image = window.grab()
        assert not image.isNull() and image.width() >= 1400
        if save:
            assert image.save(str(SHOTS / f"{name}.png"))
    ctx.cancel_all()
    ctx.wait_for_tasks()
