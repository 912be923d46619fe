"""``mdo-planner cases decide CASE --level LEVEL [--reason TEXT]``.

A clinician confirms the triage recommendation (``--level`` equal to it, no reason needed) or
overrides it (another level, ``--reason`` required), as the current user, with the same
service functions and audit events as the case editor. A refusal (no reason for an override,
an out-of-date recommendation, an unknown level) exits with status 2 and changes nothing.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "cases",
        help="decide a case's triage level; break the glass",
        description="Work on registered cases.",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    d = sub.add_parser(
        "decide",
        help="confirm or override the triage level of a case",
        description="Confirm the recommendation (--level equal to it) or "
        "override it with another level and a --reason, as the current user.",
    )
    d.add_argument("case", metavar="CASE", help="case id (e.g. C12)")
    d.add_argument(
        "--level",
        required=True,
        metavar="LEVEL",
        help="hold, protocol, local, regional or supraregional",
    )
    d.add_argument("--reason", metavar="TEXT", help="required for an override")
    d.add_argument(
        "--on-behalf-of",
        metavar="NAME",
        help="a secretary recording a clinician's decision names the clinician "
        "(recorded with the secretary's login); only a clinician decides otherwise",
    )
    cli.add_db_option(d)
    d.set_defaults(func=decide_handler)
    b = sub.add_parser(
        "break-glass",
        help="open a case of another hospital, with a reason",
        description="A clinician who must see a case of another hospital for "
        "care opens it for 24 hours; the access and the reason are logged and "
        "flagged for the privacy officer.",
    )
    b.add_argument("case", metavar="CASE", help="case id (e.g. C12)")
    b.add_argument("--reason", required=True, metavar="TEXT", help="why care needs it")
    cli.add_db_option(b)
    b.set_defaults(func=break_glass_handler)


def decide_handler(ns: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db import models as m
    from mdo_planner.services import triage_service as ts
    from mdo_planner.services.base import current_user, open_database
    from mdo_planner.triage import LEVELS

    if ns.level not in LEVELS:
        raise UserError(f"--level: {ns.level!r} is not one of {', '.join(LEVELS)}")
    user = current_user()
    db = open_database(ns.db)
    try:
        with db.session() as s:
            case = s.scalar(select(m.Case).where(m.Case.code == ns.case))
            if case is None:
                raise UserError(f"there is no case {ns.case!r}")
            if ns.level == case.triage_level and not ns.reason:
                warnings = ts.confirm(s, case.id, on_behalf_of=ns.on_behalf_of, user=user)
                what = f"confirmed {ns.level}"
            else:
                if not (ns.reason or "").strip():
                    recommended = case.triage_level or "none"
                    raise UserError(
                        f"case {ns.case}: {ns.level} differs from the "
                        f"recommendation ({recommended}); an override needs "
                        "--reason TEXT"
                    )
                warnings = ts.override(
                    s, case.id, ns.level, ns.reason, on_behalf_of=ns.on_behalf_of, user=user
                )
                what = f"overridden to {ns.level}"
            status = case.status
    finally:
        db.dispose()
    print(f"case {ns.case}: {what} by {user} (status {status})")
    for w in warnings:
        print(f"note: {w}")
    return 0


def break_glass_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services.base import current_user, open_database
    from mdo_planner.services.break_glass import break_glass

    db = open_database(ns.db)
    try:
        until = break_glass(db, ns.case, ns.reason, user=current_user())
    finally:
        db.dispose()
    print(
        f"case {ns.case} is open to you until {until:%Y-%m-%d %H:%M} UTC; "
        "this access is logged and flagged"
    )
    return 0
