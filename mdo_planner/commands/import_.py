"""``mdo-planner import SCENARIO.json [--db URL]``: load a contract scenario into a database.

The whole file is validated first and then written in one transaction, so a file with a single
mistake leaves the database exactly as it was; the message names the file and the JSON path of
every problem (exit status 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mdo_planner import cli
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.contract_io.scenario import load_scenario
from mdo_planner.errors import UserError
from mdo_planner.services.base import current_user, open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="import a scenario file (networks, experts, sessions, cases) into the database",
        description="Validate a scenario file (see the planning contract) as a whole and then "
        "write it into the database in one transaction. Any problem is reported with its JSON "
        "path and nothing is written. Disciplines, tumour groups, networks and hospitals that "
        "already exist are reused; experts, sessions and cases must be new.",
    )
    p.add_argument("scenario", metavar="SCENARIO.json", help="the scenario file to import")
    p.add_argument(
        "--check",
        action="store_true",
        help="check the file against the database and report what an import would "
        "do, without importing anything",
    )
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    # Validate before opening the database: a broken file must not even create or migrate one.
    data = load_scenario(ns.scenario)
    db = open_database(ns.db)
    try:
        summary = import_scenario(
            db, data, current_user(), source=Path(ns.scenario).name, dry_run=ns.check
        )
    except UserError as exc:
        raise UserError(f"{exc}\nnothing was imported; {db.display_name} is unchanged") from exc
    finally:
        db.dispose()
    if ns.check:
        print(summary.text().replace("imported ", "would import ", 1))
        print(f"into {db.display_name} (checked only: nothing was imported)")
    else:
        print(summary.text())
        print(f"into {db.display_name}")
    return 0
