"""``mdo-planner migrate [--db URL]``: create or upgrade the database schema now.

The app upgrades a database by itself when it opens it, but on a shared PostgreSQL server the
everyday accounts should not be allowed to change tables. Hospital IT runs this command once
per release with the owner account (see docs/database.md), and can check the outcome first with
``mdo-planner info``.
"""

from __future__ import annotations

import argparse

from db import engine as dbengine
from mdo_planner import cli
from mdo_planner.infra import config
from mdo_planner.services.base import open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "migrate",
        help="create or upgrade the database schema (backup first for SQLite)",
        description="Create the schema in an empty database or upgrade an older one to this "
        "version of the app. SQLite files are backed up (verified) into the data folder's "
        "backups/ first; all steps run in one transaction, so a failure changes nothing. "
        "A database of a newer version of the app, or an SQLite file that fails its full "
        "integrity check, is refused.",
    )
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    # The full integrity check first: a damaged file is refused before anything is written.
    before = open_database(ns.db, migrate=False, integrity="full") if _exists(ns.db) else None
    old = before.revision if before else None
    if before:
        before.dispose()
    db = open_database(ns.db, integrity="none")
    try:
        where = dbengine.describe(db.url)
        if old == db.revision:
            print(f"{where}: schema {db.revision} is up to date, nothing to do")
        else:
            print(f"{where}: schema {old or '(empty)'} -> {db.revision}")
        if db.backup is not None:
            print(f"backup of the previous version: {db.backup}")
    finally:
        db.dispose()
    return 0


def _exists(url: str | None) -> bool:
    path = dbengine.sqlite_path(config.resolve_db_url(url))
    return path is None or path.exists()
