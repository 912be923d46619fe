"""Screenshots of every workspace on the demo network, 1400 × 900, offscreen.

The grab runs in every test run as a smoke test (each workspace builds and paints on real
data without a Qt warning); the PNG files in ``docs/screenshots/`` are only rewritten when
``MDO_SCREENSHOTS=1`` is set, so a normal test run leaves the repository untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mdo_planner.demo import fill_demo
from tests.conftest import ROOT
from tests.ui.conftest import make_database

SHOTS = ROOT / "docs" / "screenshots"
#: Workspaces whose file this harness writes; the others show what they are for only once a
#: plan exists, so ``test_screenshots_planning.py`` writes theirs after planning.
WRITES = ("cases", "case_editor")


@pytest.fixture
def demo_db(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    fill_demo(db)
    yield db
    db.dispose()


def test_screenshot_every_workspace(qtbot, demo_db, tmp_path: Path) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.workspaces import WORKSPACES

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(demo_db, user="secretary", settings=settings)
    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    save = os.environ.get("MDO_SCREENSHOTS") == "1"
    if save:
        SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.waitUntil(lambda: not ctx.running_tasks, timeout=30_000)
    cases = window.workspace("cases")
    first = cases.proxy.index(0, 0).data(cases.model.IdRole)
    for name, _cls in WORKSPACES:
        if name == "case_editor":
            ctx.caseRequested.emit(first)
        window.show_workspace(name)
        qtbot.wait(50)
        assert window.stack.currentWidget() is window.workspace(name)
        image = window.grab()
        assert not image.isNull() and image.width() >= 1400
        if save and name in WRITES:
            assert image.save(str(SHOTS / f"{name}.png"))
    ctx.cancel_all()
    ctx.wait_for_tasks()
