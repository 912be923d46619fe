"""``mdo-planner plan [--db URL] [--from DATE --to DATE] [--time-limit S] [--publish]``.

Plans the open cases of the database for a horizon on a server or from a scheduled task,
without the desktop app: the same path the Planning workspace takes (database -> scenario ->
solver -> a stored plan run, see ``mdo_planner.services.plan_review``). It prints a progress
line while it searches and a summary at the end; with ``--publish`` the run becomes the
published plan at once (otherwise a secretary reviews it first in the app). Ctrl-C stops the
search and still stores the best plan found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading
from typing import Any

from mdo_planner import cli
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``plan`` sub-command."""
    p = subparsers.add_parser(
        "plan",
        help="plan the database's open cases into the sessions of a horizon",
        description="Plan every open case with a confirmed echelon into a session of the "
        "horizon (default: the four weeks from next Monday), store the plan run and, with "
        "--publish, publish it.",
    )
    cli.add_db_option(p)
    p.add_argument(
        "--from",
        dest="date_from",
        type=cli.date_arg,
        metavar="DATE",
        help="first day of the horizon (default: next Monday)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=cli.date_arg,
        metavar="DATE",
        help="last day of the horizon (default: 27 days after --from)",
    )
    p.add_argument(
        "--time-limit", metavar="S", type=float, default=30.0, help="seconds of search (default 30)"
    )
    p.add_argument(
        "--publish",
        action="store_true",
        help="publish the plan at once instead of leaving it for review",
    )
    p.set_defaults(func=handler)


def default_horizon(today: dt.date) -> tuple[dt.date, dt.date]:
    """Four weeks from next Monday: the registrations of this week are for the next ones."""
    start = today + dt.timedelta(days=7 - today.weekday())
    return start, start + dt.timedelta(days=27)


def handler(ns: argparse.Namespace) -> int:
    from mdo_planner.infra.tasks import TaskState
    from mdo_planner.services.base import current_user, open_database
    from mdo_planner.services.plan_review import propose_plan, publish_run

    start, end = default_horizon(dt.date.today())
    date_from = ns.date_from or start
    date_to = ns.date_to or (date_from + dt.timedelta(days=27) if ns.date_from else end)
    if date_to < date_from:
        raise UserError(f"--to {date_to} lies before --from {date_from}")
    if ns.time_limit is None or ns.time_limit <= 0:
        raise UserError(f"--time-limit: {ns.time_limit} is not a positive number of seconds")
    tty = sys.stderr.isatty()
    lock = threading.Lock()

    def progress(p: Any) -> None:
        cost = getattr(p, "best_cost", None)
        if cost is None:
            return
        bound = getattr(p, "bound", None)
        line = (
            f"{p.elapsed_s:6.1f}s  {p.phase:<12} cost {cost}  bound {bound}  "
            f"unplanned {p.unplanned}"
        )
        with lock:
            print(
                ("\r" + line) if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True
            )

    state = TaskState(on_report=progress)
    user = current_user()
    db = open_database(ns.db)
    try:
        try:
            run_id = propose_plan(db, date_from, date_to, float(ns.time_limit), state, user=user)
        except KeyboardInterrupt:  # pragma: no cover - interactive only
            state.cancel()
            raise
        if tty:
            print(file=sys.stderr)
        published = publish_run(db, run_id, user=user) if ns.publish else None
        from sqlalchemy import select

        from db import models as m

        with db.session() as s:
            run = s.scalars(select(m.PlanRun).where(m.PlanRun.id == run_id)).one()
            summary = dict(run.summary or {})
            objective, bound, status, wall = run.objective, run.bound, run.solver_status, run.wall_s
        time_line = _specialist_time(db, run_id, date_from, date_to)
    finally:
        db.dispose()
    # the gap on what the search decides; the constant (cases set aside or that no session
    # can take) is part of cost and bound alike and is shown on its own
    constant = float(summary.get("constant") or 0.0)
    decided = (objective or 0.0) - constant
    gap = (
        "n/a"
        if bound is None or not objective
        else f"{100 * (objective - bound) / decided:.1f}%"
        if decided > 0
        else "0.0%"
    )
    print(
        f"plan run {run_id} ({date_from} to {date_to}): cost {objective:.0f}  bound "
        f"{'n/a' if bound is None else f'{bound:.0f}'}  gap {gap}  constant {constant:.0f}  "
        "planned "
        f"{summary.get('planned', 0)}  unplanned {summary.get('unplanned', 0)}  "
        f"late {summary.get('late', 0)}  status {status}  wall {wall or 0:.1f}s"
    )
    print(time_line)
    if published is not None:
        print(f"published: {published} cases planned")
    else:
        print("not published: review it in the Planning workspace, or run again with --publish")
    return 0


def _specialist_time(db: Any, run_id: int, date_from: dt.date, date_to: dt.date) -> str:
    """The specialist-minutes per planned case that the run books (see the quality report)."""
    from mdo_planner.services.quality_service import plan_specialist_time, specialist_time_line

    return specialist_time_line(plan_specialist_time(db, run_id, date_from, date_to))
