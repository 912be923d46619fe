"""``mdo-planner triage-rules check|export|import``: a network's triage rule sets as files.

Administrators edit rule sets as TOML or JSON documents (see ``docs/triage.md``): export the
active one, edit it, check it, import it as a new version. ``check`` and ``export --default``
need no database; ``import`` stores a new version and makes it the network's active one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner import cli
from mdo_planner.errors import UserError
from mdo_planner.services import triage_service
from mdo_planner.services.base import current_user, open_database
from mdo_planner.triage import default_rule_set, dump_rule_set, load_rule_set


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``triage-rules`` sub-command with its actions."""
    p = subparsers.add_parser(
        "triage-rules",
        help="check, export or import a triage rule set (TOML or JSON)",
        description="Triage rule sets are versioned documents; see docs/triage.md.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="validate a rule-set file and summarise it")
    check.add_argument("file", metavar="RULES.toml", type=Path)
    check.set_defaults(func=_check)

    export = actions.add_parser("export", help="write the active rule set to a file")
    export.add_argument(
        "file", metavar="RULES.toml", type=Path, help="where to write (.toml or .json)"
    )
    export.add_argument(
        "--network",
        metavar="CODE",
        help="the network whose active rule set to export (default: site-wide)",
    )
    export.add_argument(
        "--default",
        action="store_true",
        help="export the built-in default rule set v1 (no database needed)",
    )
    cli.add_db_option(export)
    export.set_defaults(func=_export)

    imp = actions.add_parser("import", help="store a rule-set file as the active new version")
    imp.add_argument("file", metavar="RULES.toml", type=Path)
    imp.add_argument(
        "--network",
        metavar="CODE",
        help="the network it is for (default: site-wide, for all networks without their own)",
    )
    imp.add_argument(
        "--retriage",
        action="store_true",
        help="re-triage all open cases afterwards (decided levels are kept; "
        "changed recommendations are flagged for review)",
    )
    cli.add_db_option(imp)
    imp.set_defaults(func=_import)


def _check(ns: argparse.Namespace) -> int:
    rs = load_rule_set(ns.file)
    groups = ", ".join(sorted(rs.tumour_groups)) or "none"
    print(
        f"{ns.file}: valid rule set {rs.id!r} version {rs.version}: {len(rs.rules)} rules "
        f"({', '.join(r.id for r in rs.rules)}); tumour group settings: {groups}"
    )
    return 0


def _network_id(session: Session, code: str | None) -> int | None:
    if code is None:
        return None
    nid = session.scalar(select(m.Network.id).where(m.Network.code == code))
    if nid is None:
        raise UserError(f"--network: no network with code {code!r} in the database")
    return int(nid)


def _export(ns: argparse.Namespace) -> int:
    if ns.default:
        rs = default_rule_set()
    else:
        db = open_database(ns.db)
        try:
            with db.session(write=True) as s:
                rs = triage_service.active_rule_set(s, _network_id(s, ns.network)).rule_set
        finally:
            db.dispose()
    dump_rule_set(rs, ns.file)
    print(f"wrote rule set {rs.id!r} version {rs.version} to {ns.file}")
    return 0


def _import(ns: argparse.Namespace) -> int:
    rs = load_rule_set(ns.file)
    db = open_database(ns.db)
    try:
        user = current_user()
        with db.session(write=True) as s:
            stored = triage_service.save_rule_set(s, rs, _network_id(s, ns.network), user=user)
            counts = triage_service.triage_open_cases(s, user=user) if ns.retriage else None
    finally:
        db.dispose()
    where = f"network {ns.network}" if ns.network else "all networks without their own"
    print(
        f"stored rule set {rs.id!r} version {rs.version} (row {stored.row_id}); active for {where}"
    )
    if counts is not None:
        print(
            f"re-triaged {counts['triaged']} open cases: {counts['changed']} changed "
            f"recommendations, {counts['needs_review']} waiting for a clinician's review"
        )
    return 0
