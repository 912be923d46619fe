"""``mdo-planner users add|list|disable``: personal accounts (admin only; issue 17)."""

from __future__ import annotations

import argparse

from db.models import APP_ROLES
from mdo_planner import cli
from mdo_planner.services import users_service
from mdo_planner.services.base import current_user, open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "users",
        help="personal accounts and their roles (admin only)",
        description="One person, one account. On PostgreSQL each account is a login role in "
        "one of the application's group roles; set its password with \\password in psql.",
    )
    sub = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    a = sub.add_parser("add", help="create or change an account")
    a.add_argument("login", metavar="LOGIN")
    a.add_argument("--name", required=True, help="the person's full name")
    a.add_argument("--role", required=True, choices=APP_ROLES)
    a.add_argument("--hospital", metavar="CODE", help="the person's hospital")
    a.add_argument(
        "--network", metavar="CODE", help="makes the account network-wide (sees the whole network)"
    )
    cli.add_db_option(a)
    a.set_defaults(func=add_handler)
    ls = sub.add_parser("list", help="list the accounts")
    cli.add_db_option(ls)
    ls.set_defaults(func=list_handler)
    d = sub.add_parser("disable", help="disable an account (its audit history stays)")
    d.add_argument("login", metavar="LOGIN")
    cli.add_db_option(d)
    d.set_defaults(func=disable_handler)


def add_handler(ns: argparse.Namespace) -> int:
    db = open_database(ns.db)
    try:
        row = users_service.add_user(
            db,
            ns.login,
            name=ns.name,
            role=ns.role,
            hospital=ns.hospital,
            network=ns.network,
            user=current_user(),
        )
    finally:
        db.dispose()
    where = (row.network and f"network {row.network}") or f"hospital {row.hospital}"
    print(f"account {row.login} ({row.name}): {row.role}, {where}")
    return 0


def list_handler(ns: argparse.Namespace) -> int:
    db = open_database(ns.db)
    try:
        rows = users_service.list_users(db, user=current_user())
    finally:
        db.dispose()
    for r in rows:
        state = "" if r.active else "  (disabled)"
        print(f"{r.login}\t{r.name}\t{r.role}\t{r.hospital or '-'}\t{r.network or '-'}{state}")
    return 0


def disable_handler(ns: argparse.Namespace) -> int:
    db = open_database(ns.db)
    try:
        users_service.disable_user(db, ns.login, user=current_user())
    finally:
        db.dispose()
    print(f"account {ns.login} disabled")
    return 0
