"""``mdo-planner export SCENARIO.json [--db URL] [--from DATE --to DATE]``.

Writes the database as a contract scenario that other systems, the test suites and a later
``import`` read. The file is replaced atomically, so a reader never sees half of it.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.contract_io.exporter import export_scenario, write_scenario_file
from mdo_planner.errors import UserError
from mdo_planner.services.base import audit, current_user, open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="write the database as a scenario file",
        description="Write the database in the planning contract's scenario format. "
        "--from/--to limit the sessions to those dates and the cases to those ready by --to "
        "(overdue cases included); reference data and experts are always written whole.",
    )
    p.add_argument("scenario", metavar="SCENARIO.json", help="the file to write (replaced)")
    cli.add_db_option(p)
    p.add_argument(
        "--from",
        dest="date_from",
        type=cli.date_arg,
        metavar="DATE",
        help="first session date to include (YYYY-MM-DD)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=cli.date_arg,
        metavar="DATE",
        help="last session date to include (YYYY-MM-DD)",
    )
    p.add_argument(
        "--decided-only",
        action="store_true",
        help="only cases whose required echelon is decided (every case then states "
        "its echelon, so a plan of the file can be checked completely)",
    )
    p.add_argument("--name", help="the scenario's name (default: export and today's date)")
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    if ns.date_from and ns.date_to and ns.date_from > ns.date_to:
        raise UserError(f"--from {ns.date_from} lies after --to {ns.date_to}")
    db = open_database(ns.db, must_exist=True)
    try:
        data = export_scenario(
            db, ns.date_from, ns.date_to, name=ns.name, decided_only=ns.decided_only
        )
        path = write_scenario_file(ns.scenario, data)
        # Logged only once the file exists: it discloses patient references (NEN 7513).
        with db.session() as session:
            audit(
                session,
                "export",
                "scenario",
                path.name[:64],
                {
                    "from": ns.date_from.isoformat() if ns.date_from else None,
                    "to": ns.date_to.isoformat() if ns.date_to else None,
                    "sessions": len(data["sessions"]),
                    "cases": len(data["cases"]),
                },
                case_ids=[c["id"] for c in data["cases"]],
                user=current_user(),
            )
    finally:
        db.dispose()
    print(
        f"exported {len(data['cases'])} cases, {len(data['sessions'])} sessions, "
        f"{len(data['experts'])} experts from {db.display_name} to {path}"
    )
    return 0
