"""The planning, sessions, experts, network and dashboard services on PostgreSQL: the queries
that differ between dialects (IS DISTINCT FROM, COALESCE over enums, grouped counts, partial
unique indexes on publish) run against the real server."""

from __future__ import annotations

import datetime as dt

import pytest

from mdo_planner.services import agenda_service as ags
from mdo_planner.services import dashboard_service as ds
from mdo_planner.services import experts_service as es
from mdo_planner.services import network_service as ns
from mdo_planner.services import plan_review as pr
from mdo_planner.services import sessions_service as ss
from tests.scenario_rows import UrlDatabase, load_rows, tiny_scenario

D = dt.date


@pytest.mark.pg
def test_plan_publish_replan_and_views_on_postgresql(pg_url) -> None:
    db = UrlDatabase(pg_url)
    try:
        with db.session() as s:
            load_rows(s, tiny_scenario())
        run = pr.propose_plan(db, D(2027, 1, 4), D(2027, 1, 15), 2, user="anna")
        first = pr.review(db, run)
        assert len(first.rows) == 110
        planned = pr.publish_run(db, run, user="anna")
        second = pr.propose_plan(db, D(2027, 1, 4), D(2027, 1, 15), 2, user="anna")
        review = pr.review(db, second)
        assert review.count("unchanged") > 0
        row = next(r for r in review.rows if r.session_id is not None)
        assert pr.move_case(db, second, row.case_id, row.session_id, user="anna") == []
        pr.discard_run(db, second, user="anna")
        cards = ss.week_sessions(db, D(2027, 1, 4))
        assert (
            sum(c.cases for c in cards) + sum(c.cases for c in ss.week_sessions(db, D(2027, 1, 11)))
            == planned
        )
        busy = next(c for c in cards if c.cases)
        ags.reorder(
            db,
            busy.id,
            list(reversed([r.case_id for r in ss.agenda_rows(db, busy.id)])),
            user="anna",
        )
        board = ds.dashboard(db, D(2027, 1, 6), 4)
        assert sum(x.used_minutes for x in board.load) > 0
        expert = es.list_experts(db)[0]
        es.add_leave(db, expert.id, D(2027, 2, 1), D(2027, 2, 5), user="anna")
        assert es.weekly_load(db, expert.id, D(2027, 1, 4), D(2027, 1, 17))
        sid = ns.save_series(
            db,
            ns.SeriesInput(
                name="Breast",
                tumour_group="BREAST",
                echelon="local",
                hospital="H1_1",
                weekday=2,
                start_time=dt.time(16, 0),
                duration_min=60,
                valid_from=D(2027, 3, 1),
            ),
            user="anna",
        )
        assert (
            ns.generate_sessions(db, D(2027, 3, 1), D(2027, 3, 31), [sid], user="anna").created == 5
        )
    finally:
        db.dispose()
