"""``mdo-planner demo [--db URL] [--seed N] [--start DATE]``: fill a database with the demo network.

Without ``--db`` it fills the demo database beside the real one (never the real database
itself: a secretariat's data must not be mixed with invented patients).
"""

from __future__ import annotations

import argparse
import datetime as dt

from mdo_planner import cli
from mdo_planner.demo import DEFAULT_SEED, WEEKS, fill_demo
from mdo_planner.infra.limits import DATE_RANGE
from mdo_planner.services.base import current_user, open_database


def _monday(text: str) -> dt.date:
    day = cli.date_arg(text)
    if day.weekday() != 0:
        raise argparse.ArgumentTypeError(f"{text} is a {day:%A}; the demo starts on a Monday")
    # the demo's six weeks and its cases' history must be dates a database stores (after
    # 9999-12-27 there is no date at all: OverflowError, exit 1, an empty database made)
    lo, hi = DATE_RANGE
    if not lo + dt.timedelta(days=366) <= day <= hi - dt.timedelta(weeks=WEEKS):
        raise argparse.ArgumentTypeError(
            f"{text}: the demo starts between {lo.year + 1} and {hi.year - 1}"
        )
    return day


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "demo",
        help="fill an empty database with a realistic demo network",
        description="Fill an empty database (default: the demo database in the data folder) "
        "with a fictional regional oncology network: 8 hospitals and a national expert centre, "
        "all main tumour groups with weekly local, regional and supra-regional MDOs for six "
        "weeks, several hundred experts with leave, and a month of triaged cases.",
    )
    cli.add_db_option(p)
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"random seed: the same seed and start give the same demo (default {DEFAULT_SEED})",
    )
    p.add_argument(
        "--start",
        type=_monday,
        metavar="DATE",
        help="the Monday the sessions begin (default: next Monday)",
    )
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    db = open_database(ns.db, demo=True)
    try:
        counts = fill_demo(db, ns.seed, start=ns.start, user=current_user())
    finally:
        db.dispose()
    print(f"demo network written to {db.display_name}:")
    for name, n in counts.items():
        print(f"  {name:<22} {n:>6}")
    return 0
