"""``mdo-planner networks check``: the NVPO quality criterion of every care network.

A network audits itself before it applies for the Verwijsgids Kanker (docs/care-networks.md):
at least five different disciplines, among them a physiotherapist, a psychosocial care
provider and a dietitian. The command prints the same verdict as the Network setup screen and
exits 1 when a network falls short, so a script can act on it.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "networks",
        help="oncology care networks: check the NVPO quality criterion",
        description="Oncology care networks (first-line professionals around people with cancer).",
    )
    sub = p.add_subparsers(dest="networks_command", metavar="COMMAND", required=True)
    q = sub.add_parser(
        "check",
        help="check every care network against the NVPO criterion",
        description="Print for every care network whether it meets the NVPO quality "
        "criterion (at least five disciplines, among them a physiotherapist, a psychosocial "
        "care provider and a dietitian) or what is missing. Exit status 1 when one falls short.",
    )
    cli.add_db_option(q)
    q.set_defaults(func=check_handler)


def check_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services.base import open_database
    from mdo_planner.services.care_service import check_networks

    db = open_database(ns.db)
    try:
        rows = check_networks(db)
    finally:
        db.dispose()
    if not rows:
        print("no care networks in this database")
        return 0
    for code, name, criterion in rows:
        n = len(criterion.disciplines)
        print(
            f"{code}  {name}: {criterion.text()} ({n} discipline{'s' if n != 1 else ''}: "
            f"{', '.join(criterion.disciplines) or 'none'})"
        )
    return 0 if all(c.meets for _code, _name, c in rows) else 1
