"""``mdo-planner meeting``: the meeting day from the command line.

    mdo-planner meeting template --session ID --out FILE.json [--db URL]
    mdo-planner meeting record FILE.json [--db URL] [--check]
    mdo-planner meeting report --session ID --pdf OUT.pdf [--privacy MODE] [--lang nl|en]

For meeting-room laptops that export a file, other systems, and tests. ``record`` checks the
whole file against the database first (every problem with its JSON path, exit status 2,
nothing written) and then stores the meeting and its effects on the cases in one transaction.
"""

from __future__ import annotations

import argparse
import json

from mdo_planner import cli
from mdo_planner.agenda.privacy import PRIVACY_MODES
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "meeting",
        help="record what happened in a session (outcomes, attendance) and write its report",
        description="The meeting day: write a record template from a session's published "
        "agenda, record a filled-in record (validated as a whole, stored in one "
        "transaction), or write the MDO report of a closed meeting as PDF.",
    )
    sub = p.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    t = sub.add_parser("template", help="a meeting record pre-filled from the published agenda")
    t.add_argument("--session", metavar="ID", required=True, help="session id (e.g. S12)")
    t.add_argument("--out", metavar="FILE.json", required=True, help="the file to write")
    cli.add_db_option(t)
    t.set_defaults(func=template_handler)

    r = sub.add_parser("record", help="store a meeting record (or check it with --check)")
    r.add_argument("file", metavar="FILE.json", help="the meeting record")
    r.add_argument(
        "--check",
        action="store_true",
        help="only check the record against the database; write nothing",
    )
    cli.add_db_option(r)
    r.set_defaults(func=record_handler)

    rep = sub.add_parser("report", help="the MDO report of a closed meeting as PDF")
    rep.add_argument("--session", metavar="ID", required=True, help="session id (e.g. S12)")
    rep.add_argument("--pdf", metavar="OUT.pdf", required=True, help="the PDF to write")
    rep.add_argument(
        "--privacy",
        choices=PRIVACY_MODES,
        help="what identifies a patient (default: the session's agenda default; "
        "cases from other hospitals at least pseudonymised)",
    )
    from mdo_planner.commands.agenda import add_language_option

    add_language_option(rep)
    cli.add_db_option(rep)
    rep.set_defaults(func=report_handler)


def template_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.infra.fileio import atomic_write_text
    from mdo_planner.services import meeting_service as svc
    from mdo_planner.services.base import current_user, open_database

    db = open_database(ns.db)
    try:
        doc = svc.template(db, ns.session, user=current_user())
    finally:
        db.dispose()
    try:
        atomic_write_text(ns.out, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    except OSError as exc:
        raise UserError(f"{ns.out}: cannot write: {exc.strerror or exc}") from exc
    print(
        f"wrote the meeting record template of session {doc['session']} "
        f"({len(doc['cases'])} case(s)) to {ns.out}"
    )
    return 0


def record_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.contract_io.meeting_record import load_record
    from mdo_planner.services import meeting_service as svc
    from mdo_planner.services.base import current_user, open_database

    data, source = load_record(ns.file)
    db = open_database(ns.db)
    try:
        result = svc.record_meeting(
            db, data, user=current_user(), source=source, check_only=ns.check
        )
    finally:
        db.dispose()
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(result.counts.items()))
    if not result.written:
        print(
            f"{source}: the record of session {result.session} is valid ({counts or 'no cases'}); "
            "nothing written (--check)"
        )
        return 0
    verb = "amended" if result.amended else "closed"
    print(f"session {result.session}: meeting {verb} ({counts or 'no cases'})")
    if result.follow_ups:
        print(f"re-discussion case(s) created: {', '.join(result.follow_ups)}")
    return 0


def report_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import meeting_service as svc
    from mdo_planner.services.agenda_service import AgendaSettings
    from mdo_planner.services.base import current_user, open_database

    language = ns.lang or AgendaSettings.from_site().language
    db = open_database(ns.db)
    try:
        path = svc.export_report_pdf(
            db, ns.session, ns.pdf, user=current_user(), privacy=ns.privacy, language=language
        )
    finally:
        db.dispose()
    print(f"wrote the MDO report of session {ns.session} to {path}")
    return 0
