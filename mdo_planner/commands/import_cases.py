"""``mdo-planner import-cases FILE.csv|FILE.xlsx [--map MAP.toml] [--hospital CODE] [--check]``.

Registrations from a hospital's Excel list or EPD export. Every row is validated first and
every problem is reported with its row, column and field (the BSN masked); nothing is imported
unless every row is valid, or ``--skip-invalid`` says to import the valid rows anyway. Without
``--map`` the usual Dutch and English headers are recognised and the chosen mapping printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mdo_planner import cli
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import-cases",
        help="register cases from a CSV or Excel list (column mapping, all rows checked first)",
        description="Register cases from FILE.csv (UTF-8 or Windows-1252, ';' or ',') or "
        "FILE.xlsx. Columns are found by a mapping file (--map, see docs/interop.md) or by "
        "the usual Dutch and English headers. Every row is checked first; any problem is "
        "reported by row, column and field and nothing is imported (exit status 2) unless "
        "--skip-invalid is given. Rows already registered (same hospital, patient number, "
        "ready date and tumour group) are skipped. Imported cases are triaged and wait for a "
        "clinician to confirm their level.",
    )
    p.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")
    p.add_argument("--map", metavar="MAP.toml", help="the column mapping file")
    p.add_argument(
        "--hospital",
        metavar="CODE",
        help="the referring hospital of rows without a hospital column",
    )
    p.add_argument("--sheet", metavar="NAME", help="the Excel sheet to read (default: first)")
    p.add_argument(
        "--check",
        action="store_true",
        help="check every row and report what an import would do; import nothing",
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and report the invalid ones (exit status 0)",
    )
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    from mdo_planner.contract_io import registrations as reg
    from mdo_planner.services import registration_service as svc
    from mdo_planner.services.base import current_user, open_database

    # The file and the mapping are checked before the database is opened (or created).
    mapping = reg.load_mapping(ns.map) if ns.map else None
    table = reg.read_table(ns.file, sheet=ns.sheet or (mapping.sheet if mapping else None))
    if mapping is None:
        mapping = reg.guess_mapping(table.headers)
        print("recognised columns (correct them with --map MAP.toml):")
        print(mapping.describe() or "  (none)")
    missing = [f for f in reg.REQUIRED_FIELDS if f not in mapping.columns]
    if "hospital" not in mapping.columns and not ns.hospital:
        missing.append("hospital (or --hospital CODE)")
    if missing:
        raise UserError(
            f"{table.source}: row 1: no column for {', '.join(missing)}; name it "
            "under [columns] in a mapping file (--map)"
        )
    records = reg.records_from_table(table, mapping)
    db = open_database(ns.db)
    try:
        result = svc.import_records(
            db,
            records,
            mapping,
            source=Path(ns.file).name,
            default_hospital=ns.hospital,
            dry_run=ns.check,
            skip_invalid=ns.skip_invalid,
            user=current_user(),
        )
    finally:
        db.dispose()
    return report_result(result, f"{table.source}", "row(s)", db.display_name, ns)


def report_result(
    result: Any, source: str, records: str, database: str, ns: argparse.Namespace
) -> int:
    """Print what a registration import did or would do, and its exit status: the CSV/XLSX
    and the FHIR paths register cases the same way, so they report them the same way."""
    if result.problems:
        print(
            f"{source}: {len(result.problems)} problem(s) in {result.invalid_records} {records}:",
            file=sys.stderr,
        )
        print(result.report(), file=sys.stderr)
        if not ns.skip_invalid:
            print(f"nothing was imported; {database} is unchanged", file=sys.stderr)
            return 2
    print(result.summary())
    if ns.check:
        print(f"into {database} (checked only: nothing was imported)")
        return 2 if result.problems else 0
    print(f"into {database}; the new cases wait for a clinician to confirm their level")
    return 0
