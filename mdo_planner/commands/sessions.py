"""``mdo-planner sessions cancel SESSION --reason TEXT`` / ``resize SESSION --minutes N`` /
``send SESSION --out FILE.ics``.

The two edits a secretary makes to a dated meeting, and sending its agenda (a calendar file
whose ``SEQUENCE`` goes up with every update), from a script: the same service functions as
the Sessions workspace, so the same rules refuse (a reason is required, cases that would no
longer fit) with exit status 2 and nothing changed.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "sessions",
        help="cancel, resize or send a dated MDO session",
        description="Edit one dated MDO session (by its id, e.g. S12).",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = sub.add_parser("cancel", help="cancel a session; its cases go back to the pool")
    c.add_argument("session", metavar="SESSION", help="session id (e.g. S12)")
    c.add_argument("--reason", required=True, metavar="TEXT", help="shown to the attendees")
    cli.add_db_option(c)
    c.set_defaults(func=cancel_handler)
    r = sub.add_parser("resize", help="change a session's length in minutes")
    r.add_argument("session", metavar="SESSION", help="session id (e.g. S12)")
    r.add_argument("--minutes", required=True, type=int, metavar="N", help="5 to 600")
    cli.add_db_option(r)
    r.set_defaults(func=resize_handler)
    s = sub.add_parser("send", help="send (or update) a session's agenda as a calendar file")
    s.add_argument("session", metavar="SESSION", help="session id (e.g. S12)")
    s.add_argument("--out", required=True, metavar="FILE.ics", help="the calendar file")
    cli.add_db_option(s)
    s.set_defaults(func=send_handler)


def session_pk(db, code: str) -> int:
    """The database id of the session with contract id ``code``."""
    from sqlalchemy import select

    from db import models as m

    with db.session() as s:
        pk = s.scalar(select(m.MeetingSession.id).where(m.MeetingSession.code == code))
    if pk is None:
        raise UserError(f"there is no session {code!r}")
    return pk


def cancel_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import sessions_service as ss
    from mdo_planner.services.base import current_user, open_database

    db = open_database(ns.db)
    try:
        n = ss.cancel_session(db, session_pk(db, ns.session), ns.reason, user=current_user())
    finally:
        db.dispose()
    print(f"session {ns.session} cancelled; {n} cases went back to the pool")
    return 0


def resize_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import sessions_service as ss
    from mdo_planner.services.base import current_user, open_database

    db = open_database(ns.db)
    try:
        ss.resize_session(db, session_pk(db, ns.session), ns.minutes, user=current_user())
    finally:
        db.dispose()
    print(f"session {ns.session} now lasts {ns.minutes} minutes")
    return 0


def send_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import notices
    from mdo_planner.services.base import current_user, open_database

    db = open_database(ns.db)
    try:
        sent = notices.send_agenda(db, session_pk(db, ns.session), ns.out, user=current_user())
    finally:
        db.dispose()
    kind = "update" if sent.sequence > 0 else "invitation"
    print(
        f"session {ns.session}: {kind} (SEQUENCE {sent.sequence}) written to {sent.path}"
        + (f"; changed: {sent.summary}" if sent.summary else "")
    )
    return 0
