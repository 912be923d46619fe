"""``mdo-planner restore BACKUP [--db URL]``: put a verified backup in place of a database.

When the integrity check on open finds an SQLite file damaged, the message names the newest
good backup and this command. It verifies the backup (full integrity check, a schema this
version knows) before touching anything, keeps the current file aside under
``<name>.before-restore-<time>`` (never deleted, never overwritten), and moves a verified copy
into place. Close MDO Planner on every workstation using the file first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mdo_planner import cli
from mdo_planner.infra.backups import restore
from mdo_planner.services.base import audit, current_user, open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "restore",
        help="restore an SQLite database from a backup (the current file is kept aside)",
        description="Verify BACKUP (full integrity check, known schema), move the current "
        "database file aside (kept as NAME.before-restore-TIME) and put a verified copy of "
        "the backup in its place. Backups are in the data folder's backups/. PostgreSQL "
        "databases are restored with pg_restore (see docs/database.md).",
    )
    p.add_argument("backup", metavar="BACKUP", type=Path, help="the backup file to restore")
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    target, kept = restore(ns.backup, ns.db)
    db = open_database(ns.db, integrity="full", backup=False)
    try:
        with db.session() as session:
            audit(
                session,
                "database.restore",
                "database",
                None,
                {"backup": ns.backup.name, "kept": kept.name if kept else None},
                user=current_user(),
            )
        revision = db.revision
    finally:
        db.dispose()
    print(f"restored {target} from {ns.backup} (schema {revision}, integrity check passed)")
    if kept is not None:
        print(f"the previous file is kept as {kept}")
    return 0
