"""Benchmark: the Planning, Sessions, Experts, Network and Dashboard workspaces on the national
scenario (11,480 cases, 2,920 sessions, 6,080 experts) with a published plan and an open
proposal, as a network secretariat would have them.

What is measured is what a user waits for: building each workspace with its data (the moment
it appears), selecting the busiest session of the week, a keystroke in the experts' search box,
and the proposal review. Planning itself is the solver's benchmark; here it only provides the
data (one week, short time limit). Prints its figures; recorded in docs/benchmarks.md
("Workspaces on the national scenario").
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time

import pytest
from PySide6.QtCore import QSettings

from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.services import plan_review as pr
from tests.bench.waiting import until, until_idle
from tests.conftest import SCENARIOS
from tests.ui.conftest import make_database

pytestmark = [pytest.mark.bench, pytest.mark.contract]  # the public scenarios
WEEK = (dt.date(2027, 1, 4), dt.date(2027, 1, 10))


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000.0


def test_bench_workspaces_national(qtbot, tmp_path, app_gc) -> None:
    from ui.context import AppContext
    from ui.workspaces.dashboard import DashboardWorkspace
    from ui.workspaces.experts import ExpertsWorkspace
    from ui.workspaces.network import NetworkWorkspace
    from ui.workspaces.planning import PlanningWorkspace
    from ui.workspaces.sessions import SESSION_ROLE, SessionsWorkspace

    db = make_database(tmp_path / "national.sqlite")
    data = json.loads((SCENARIOS / "national-s3.json").read_text(encoding="utf-8"))
    import_scenario(db, data, "bench", source="national-s3.json")
    t0 = time.perf_counter()
    first = pr.propose_plan(db, *WEEK, 20, user="bench")
    pr.publish_run(db, first, user="bench")
    second = pr.propose_plan(db, *WEEK, 10, user="bench")
    print(
        f"\n[workspaces bench] data: plan + publish + re-plan of one week "
        f"{time.perf_counter() - t0:.1f} s"
    )
    figures: dict[str, float] = {}

    t0 = time.perf_counter()
    review = pr.review(db, second)
    figures["review service (proposal vs published)"] = _ms(t0)
    print(
        f"[workspaces bench] proposal: {len(review.rows)} cases, "
        f"{len(review.sessions)} sessions with cases"
    )

    row = next(r for r in review.rows if r.session_id is not None)
    t0 = time.perf_counter()
    candidates = pr.candidate_sessions(db, second, row.case_id)
    figures["Move: list the candidate sessions"] = _ms(t0)
    checks = []
    for sid, _label in candidates[:10]:
        t0 = time.perf_counter()
        pr.check_move(db, row.case_id, sid, plan_run_id=second, horizon=WEEK)
        checks.append(_ms(t0))
    figures["Move: rule check of one target (median)"] = statistics.median(checks)
    t0 = time.perf_counter()
    assert pr.move_case(db, second, row.case_id, row.session_id, user="bench") == []
    figures["Move: checked move with staffing"] = _ms(t0)

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(db, user="bench", settings=settings)

    def settle() -> None:
        """Sessions, Experts and Network read in workers: a figure runs until they show."""
        until_idle(ctx)  # an event loop that lets the workers run (tests/bench/waiting.py)

    t0 = time.perf_counter()
    planning = PlanningWorkspace(ctx)
    # the review is read in a worker: the figure is until it is shown
    until_idle(ctx)
    figures["Planning: open with the review"] = _ms(t0)
    qtbot.addWidget(planning)
    assert planning.current_review is not None

    t0 = time.perf_counter()
    sessions = SessionsWorkspace(ctx)
    settle()
    figures["Sessions: open on the week"] = _ms(t0)
    qtbot.addWidget(sessions)
    items = sessions.session_items()
    busiest = max(items, key=lambda i: int(sessions.row_texts(i.data(SESSION_ROLE))[4]))
    t0 = time.perf_counter()
    sessions.select_session(busiest.data(SESSION_ROLE))
    settle()
    figures["Sessions: select the busiest session"] = _ms(t0)
    t0 = time.perf_counter()
    sessions.next_button.click()
    settle()
    figures["Sessions: next week"] = _ms(t0)
    print(f"[workspaces bench] week view: {len(items)} sessions")

    t0 = time.perf_counter()
    experts = ExpertsWorkspace(ctx)
    settle()
    figures["Experts: open"] = _ms(t0)
    qtbot.addWidget(experts)
    keys = []
    for ch in "Jansen":
        t0 = time.perf_counter()
        qtbot.keyClick(experts.search, ch)
        keys.append(_ms(t0))
    figures["Experts: search keystroke (median)"] = statistics.median(keys)
    figures["Experts: search keystroke (max)"] = max(keys)
    experts.search.clear()
    t0 = time.perf_counter()
    experts.view.selectRow(0)
    settle()
    figures["Experts: select one (form, leave, load)"] = _ms(t0)

    t0 = time.perf_counter()
    network = NetworkWorkspace(ctx)
    settle()
    figures["Network: open"] = _ms(t0)
    qtbot.addWidget(network)

    t0 = time.perf_counter()
    dashboard = DashboardWorkspace(ctx)
    # the reference date, then the board, are read in workers
    until(lambda: dashboard.board is not None and not ctx.running_tasks)
    figures["Dashboard: open"] = _ms(t0)
    qtbot.addWidget(dashboard)
    assert dashboard.board is not None

    for name, value in figures.items():
        print(f"[workspaces bench] {name}: {value:.0f} ms")
    ctx.cancel_all()
    ctx.wait_for_tasks()
    db.dispose()
