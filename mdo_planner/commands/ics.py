"""``mdo-planner ics``: calendar files (iCalendar) of MDO sessions, without patient data.

mdo-planner ics --session ID --out FILE.ics [--db URL]
mdo-planner ics --expert ID --from DATE --to DATE --out FILE.ics [--db URL]
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.commands.agenda import add_language_option
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ics",
        help="export MDO sessions as a calendar file (.ics)",
        description="Write an iCalendar file for one session (--session ID) or for the "
        "sessions one expert attends in a date range (--expert ID --from --to), in the "
        "Europe/Amsterdam time zone. Calendar entries carry no patient data.",
    )
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--session", metavar="ID", help="session id (e.g. S12)")
    target.add_argument("--expert", metavar="ID", help="expert id (e.g. E7)")
    p.add_argument(
        "--from",
        dest="date_from",
        type=cli.date_arg,
        metavar="DATE",
        help="with --expert: first date (YYYY-MM-DD)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=cli.date_arg,
        metavar="DATE",
        help="with --expert: last date (YYYY-MM-DD)",
    )
    p.add_argument("--out", required=True, metavar="FILE.ics", help="the file to write")
    add_language_option(p)
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import agenda_service as svc
    from mdo_planner.services.base import current_user, open_database

    if ns.session and (ns.date_from or ns.date_to):
        raise UserError("--session takes no --from/--to")
    if ns.expert and not (ns.date_from and ns.date_to):
        raise UserError("--expert needs --from and --to")
    settings = svc.AgendaSettings.from_site().with_language(ns.lang)
    db = open_database(ns.db, must_exist=True)
    try:
        path = svc.export_ics(
            db,
            ns.out,
            user=current_user(),
            session_id=ns.session,
            expert_id=ns.expert,
            date_from=ns.date_from,
            date_to=ns.date_to,
            settings=settings,
        )
    finally:
        db.dispose()
    what = f"session {ns.session}" if ns.session else f"expert {ns.expert}"
    print(f"wrote the calendar of {what} to {path}")
    return 0
