"""``mdo-planner info [--db URL]``: which database, which schema, how many rows.

The first thing hospital IT or support asks: "which database are you on, is it up to date,
what is in it?". It only looks: it neither creates nor upgrades a database, so it is safe to
run against a shared server before an upgrade.
"""

from __future__ import annotations

import argparse

import sqlalchemy as sa

from db import engine as dbengine
from db.models import Base
from mdo_planner import cli
from mdo_planner.services.base import open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "info",
        help="show the database, its schema revision and row counts",
        description="Show which database is used, its schema revision (and whether this "
        "version of the app would upgrade it), the result of SQLite's full integrity check "
        "and the number of rows per table. Changes nothing.",
    )
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def gather(url: str | None) -> dict[str, object]:
    """The figures ``info`` prints, as data (tests and the GUI's About box use it too)."""
    db = open_database(url, migrate=False, integrity="full")
    try:
        path = db.sqlite_file
        if path is not None and path.stat().st_size == 0:
            # An empty file is an empty database: connecting would write a header into it.
            present: set[str] = set()
        else:
            present = set(sa.inspect(db.engine).get_table_names())
        counts: dict[str, int | None] = dict.fromkeys(
            (t.name for t in Base.metadata.sorted_tables), None
        )
        if present:
            with db.engine.connect() as conn:
                for table in Base.metadata.sorted_tables:
                    if table.name in present:
                        counts[table.name] = conn.execute(
                            sa.select(sa.func.count()).select_from(table)
                        ).scalar_one()
        return {
            "database": dbengine.describe(db.url),
            "backend": db.engine.dialect.name,
            "revision": db.revision,
            "head": dbengine.head_revision(),
            "counts": dict(sorted(counts.items())),
            "integrity": "ok (full integrity check)" if db.is_sqlite and path is not None else None,
        }
    finally:
        db.dispose()


def handler(ns: argparse.Namespace) -> int:
    info = gather(ns.db)
    revision, head = info["revision"], info["head"]
    if revision == head:
        state = "up to date"
    elif revision is None:
        state = f"empty: the schema ({head}) is created when the app opens it"
    else:
        state = f"older: upgraded to {head} (after a backup) when the app opens it"
    print(f"database:  {info['database']} ({info['backend']})")
    print(f"schema:    {revision or '(none)'} ({state})")
    if info.get("integrity"):
        print(f"integrity: {info['integrity']}")
    counts = info["counts"]
    assert isinstance(counts, dict)
    if all(count is None for count in counts.values()):
        print("rows:      (no tables yet)")
        return 0
    width = max(len(name) for name in counts)
    print("rows:")
    for name, count in counts.items():
        shown = "missing" if count is None else str(count)
        print(f"  {name:<{width}}  {shown:>8}")
    return 0
