"""The Planning workspace's gap is on what the planner decides (issue 19).

Cases no session can take cost the same in every plan; counted in cost and bound alike they
made the gap look smaller than it is. The figure leaves that constant out of the division and
the details line names it.
"""

from __future__ import annotations

from ui.workspaces.planning import PlanningWorkspace


def test_gap_leaves_the_constant_out(qtbot, ctx) -> None:
    w = PlanningWorkspace(ctx)
    qtbot.addWidget(w)
    # cost 1,100 of which 1,000 fixed, bound 1,050: the search's share has a 50% gap
    w._show_quality(1100, 1050, 1000)
    assert w.fig_gap.text().startswith("50")
    details = w.fig_details.text()
    assert "lower bound" in details and "fixed" in details
    w._show_quality(1100, 1050)  # without a constant: the plain ratio
    assert w.fig_gap.text().startswith("4")
