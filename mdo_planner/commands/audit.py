"""``mdo-planner audit verify|export``: check the audit trail's hash chain, export events.

``verify`` exits 1 when the chain is broken and names the first event that was changed,
deleted or inserted, so that hospital IT can run it nightly from a scheduler and alert on a
non-zero status.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.services import audit_service
from mdo_planner.services.base import current_user, open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "audit",
        help="verify or export the audit trail (NEN 7513)",
        description="Verify the audit trail's hash chain or export its events as CSV.",
    )
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = sub.add_parser(
        "verify",
        help="recompute the hash chain; exit 1 and name the first broken event",
        description="Recompute every event's SHA-256 hash and its link to the event before. "
        "Exit status 0: intact; 1: an event was changed, deleted or inserted (named).",
    )
    cli.add_db_option(v)
    v.add_argument(
        "--key",
        metavar="FILE",
        help="the retention key: also check the signatures of purge checkpoints",
    )
    v.set_defaults(func=verify_handler)
    pg = sub.add_parser(
        "purge",
        help="delete events older than five years, leaving a signed checkpoint",
        description="Retention (admin only): delete the events from before DATE (which must "
        "lie at least five years back) and append a checkpoint signed with the key, so that "
        "audit verify still accepts the shortened chain.",
    )
    cli.add_db_option(pg)
    pg.add_argument("--before", required=True, type=cli.date_arg, metavar="DATE")
    pg.add_argument("--key", required=True, metavar="FILE", help="the retention key file")
    pg.set_defaults(func=purge_handler)
    e = sub.add_parser(
        "export",
        help="write audit events as CSV",
        description="Write the audit events matching the filters to a CSV file (the export "
        "is itself recorded in the trail).",
    )
    cli.add_db_option(e)
    e.add_argument("--patient", metavar="REF", help="a case code or patient reference")
    e.add_argument("--user", metavar="LOGIN", help="only this person's events")
    e.add_argument(
        "--from",
        dest="date_from",
        type=cli.date_arg,
        metavar="DATE",
        help="first day (YYYY-MM-DD, UTC)",
    )
    e.add_argument(
        "--to", dest="date_to", type=cli.date_arg, metavar="DATE", help="last day (YYYY-MM-DD, UTC)"
    )
    e.add_argument("--out", metavar="FILE.csv", required=True, help="the file to write")
    e.set_defaults(func=export_handler)


def verify_handler(ns: argparse.Namespace) -> int:
    db = open_database(ns.db, migrate=False)
    try:
        result = audit_service.verify(db, key=audit_service.read_key(ns.key))
    finally:
        db.dispose()
    if result.finding is not None:
        print(f"{db.display_name}: audit trail BROKEN: {result.finding.message}")
        return 1
    print(f"{db.display_name}: audit trail intact ({result.events} events)")
    return 0


def export_handler(ns: argparse.Namespace) -> int:
    flt = audit_service.AuditFilter(ns.patient, ns.user, ns.date_from, ns.date_to)
    flt.check()
    db = open_database(ns.db)
    try:
        n = audit_service.export_csv(db, flt, ns.out, user=current_user())
    finally:
        db.dispose()
    print(f"exported {n} audit events to {ns.out}")
    return 0


def purge_handler(ns: argparse.Namespace) -> int:
    key = audit_service.read_key(ns.key)
    assert key is not None
    db = open_database(ns.db)
    try:
        done = audit_service.purge(db, ns.before, key=key, user=current_user())
    finally:
        db.dispose()
    print(
        f"purged {done['purged']} audit events (ids {done['first_id']}-{done['last_id']}) "
        f"from before {ns.before}; signed checkpoint written"
    )
    return 0
