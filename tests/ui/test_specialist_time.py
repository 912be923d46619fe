"""The Planning review shows the specialist-minutes per planned case of the proposal against
the published plan (a label of its own beside the review summary)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mdo_planner.services import plan_review as pr
from mdo_planner.services import quality_service as qs
from tests import meeting_factory as mf
from tests.ui.test_meeting import mctx, meeting_db  # noqa: F401  (fixtures)


def test_label_shows_proposal_against_published(qtbot, mctx: Any, meeting_db: Any) -> None:  # noqa: F811
    from ui.workspaces.specialist_time import SpecialistTimeLabel, read_figures

    day = dt.date.today() - dt.timedelta(days=mf.HELD)
    run = pr.propose_plan(meeting_db, day, day, 2, user="anna")
    label = SpecialistTimeLabel()
    qtbot.addWidget(label)
    mctx.query(read_figures, run, day, day, on_success=label.show_figures)
    qtbot.waitUntil(lambda: "proposal:" in label.text(), timeout=10_000)
    proposal = qs.plan_specialist_time(meeting_db, run, day, day)
    local = next(t for t in proposal if t.echelon == "local")
    assert f"local {local.booked_per_case:.0f} booked" in label.text().split("published")[0]
    # the factory's published S1: 3 attendees x 60 min / 4 cases = 45, 3 x 40 / 4 = 30
    assert re.search(r"published plan: local 45 booked / 30 discussing", label.text())


def test_the_planning_review_shows_it(qtbot, mctx: Any, meeting_db: Any) -> None:  # noqa: F811
    """The Planning workspace fills the label for the proposal it opens on, and clears it
    without a proposal."""
    from ui.workspaces.planning import PlanningWorkspace

    day = dt.date.today() - dt.timedelta(days=mf.HELD)
    run = pr.propose_plan(meeting_db, day, day, 2, user="anna")
    ws = PlanningWorkspace(mctx)
    qtbot.addWidget(ws)
    qtbot.waitUntil(lambda: "proposal:" in ws.specialist_time.text(), timeout=10_000)
    assert ws.run_id == run and ws.specialist_time.run_id == run
    ws.run_id = None
    ws.reload_review()
    assert ws.specialist_time.text() == "" and ws.specialist_time.run_id is None
