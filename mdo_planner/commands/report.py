"""``mdo-planner report --from DATE --to DATE --out FILE.pdf|FILE.xlsx [--db URL]``.

The quality report of the meetings held in a period (see
:mod:`mdo_planner.services.quality_service` for every definition): cases discussed, % by the
due date, days from ready to discussion, deferral rates, escalations and overrides, core
disciplines actually present, specialist time booked and used per discussed case, and the
sessions to merge or cancel. Aggregates only: no patient data.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report",
        help="the quality report of the meetings held in a period (PDF or XLSX)",
        description="Write the quality report (what networks report to SONCOS and their "
        "boards) of the meetings closed for sessions between --from and --to, as PDF or XLSX "
        "by the extension of --out.",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        type=cli.date_arg,
        metavar="DATE",
        required=True,
        help="first session date (YYYY-MM-DD)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=cli.date_arg,
        metavar="DATE",
        required=True,
        help="last session date (YYYY-MM-DD)",
    )
    p.add_argument("--out", metavar="FILE", required=True, help="FILE.pdf or FILE.xlsx")
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    from mdo_planner.outputs.quality_export import write_report
    from mdo_planner.services.base import open_database
    from mdo_planner.services.quality_service import quality_report

    if ns.date_from > ns.date_to:
        raise UserError(f"--from {ns.date_from} lies after --to {ns.date_to}")
    if not str(ns.out).lower().endswith((".pdf", ".xlsx")):
        raise UserError(f"--out {ns.out}: the report is written as .pdf or .xlsx")
    db = open_database(ns.db, must_exist=True)
    try:
        report = quality_report(db, ns.date_from, ns.date_to)
    finally:
        db.dispose()
    path = write_report(report, ns.out)
    t = report.total
    pct = "n/a" if t.percent_on_time is None else f"{t.percent_on_time:.1f}%"
    print(
        f"wrote the quality report {ns.date_from} to {ns.date_to} to {path}: "
        f"{report.meetings} meeting(s), {t.discussed} case(s) discussed, {pct} by the due date"
    )
    return 0
