"""``mdo-planner agenda``: agendas as PDF, for one session, a date range, or one specialist.

    mdo-planner agenda --session ID --pdf OUT.pdf [--privacy MODE] [--lang en|nl] [--db URL]
    mdo-planner agenda --from DATE --to DATE --out-dir DIR [--combined] [--privacy MODE]
    mdo-planner agenda --expert ID --from DATE --to DATE --pdf OUT.pdf [--privacy MODE]
    mdo-planner agenda --session ID --out AGENDA.xlsx|.csv
    mdo-planner agenda --from DATE --to DATE --out SESSIONS.xlsx

Files are written atomically and every export is recorded in the audit trail.
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.agenda.labels import LANGUAGES
from mdo_planner.agenda.privacy import PRIVACY_MODES
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "agenda",
        help="export meeting agendas as PDF (one session, a date range, or one expert)",
        description="Export the agenda of a session (--session ID --pdf OUT.pdf), of every "
        "session in a date range (--from --to --out-dir DIR, one PDF per session, optionally "
        "--combined with a table of contents), or 'my MDOs' of one expert (--expert ID --from "
        "--to --pdf OUT.pdf). Privacy: full, pseudonymised (default for regional and "
        "supra-regional sessions) or minimal; the BSN is never printed.",
    )
    target = p.add_mutually_exclusive_group()
    target.add_argument("--session", metavar="ID", help="session id (e.g. S12)")
    target.add_argument("--expert", metavar="ID", help="expert id (e.g. E7): 'my MDOs'")
    p.add_argument(
        "--from",
        dest="date_from",
        type=cli.date_arg,
        metavar="DATE",
        help="first date (YYYY-MM-DD)",
    )
    p.add_argument(
        "--to", dest="date_to", type=cli.date_arg, metavar="DATE", help="last date (YYYY-MM-DD)"
    )
    p.add_argument("--pdf", metavar="OUT.pdf", help="the PDF to write (replaced)")
    p.add_argument("--out-dir", metavar="DIR", help="folder for one PDF per session")
    p.add_argument(
        "--out",
        metavar="FILE.xlsx",
        help="the agenda as a table instead of a PDF: with --session one agenda "
        "(.xlsx or .csv), with --from/--to the sessions and their agendas (.xlsx)",
    )
    p.add_argument(
        "--combined",
        action="store_true",
        help="with --out-dir: also write one PDF of all sessions with contents",
    )
    p.add_argument(
        "--privacy",
        choices=PRIVACY_MODES,
        help="what identifies a patient (default: per session echelon and site)",
    )
    add_language_option(p)
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of the agenda's own words (what people typed stays as typed)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the printed labels (default: the site's agenda.language, else en)",
    )


def _need(ns: argparse.Namespace, *names: str, why: str) -> None:
    missing = [
        f"--{n.replace('_', '-').replace('date-', '')}"
        for n in names
        if getattr(ns, n) in (None, False)
    ]
    if missing:
        raise UserError(f"{why} needs {' and '.join(missing)}")


def _table(ns: argparse.Namespace) -> int:
    """``--out``: the agenda (or the sessions of a period) as an Excel/CSV table."""
    from mdo_planner.services import agenda_service as svc
    from mdo_planner.services import export_service as es
    from mdo_planner.services.base import current_user, open_database

    if ns.pdf or ns.out_dir or ns.combined or ns.expert:
        raise UserError(
            "--out writes a table: it does not combine with --pdf, --out-dir, "
            "--combined or --expert"
        )
    if not str(ns.out).lower().endswith((".xlsx", ".csv")):
        raise UserError(f"--out {ns.out}: a table is written as .xlsx or .csv")
    if not ns.session:
        _need(ns, "date_from", "date_to", why="--out without --session")
        if ns.date_from > ns.date_to:
            raise UserError(f"--from {ns.date_from} lies after --to {ns.date_to}")
    db = open_database(ns.db, must_exist=True)
    try:
        if ns.session:
            with db.session() as s:
                session_id = svc.find_session(s, ns.session).id
            sheets = [es.agenda_sheet(db, session_id)]
            what = f"agenda {ns.session}"
        else:
            sheets = es.sessions_sheets(db, ns.date_from, ns.date_to)
            what = f"sessions {ns.date_from} {ns.date_to}"
        path = es.export(db, sheets, ns.out, user=current_user(), what=what)
    finally:
        db.dispose()
    print(
        f"wrote {' and '.join(f'{len(x.rows)} {x.title.lower()} row(s)' for x in sheets)} to {path}"
    )
    return 0


def handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import agenda_service as svc
    from mdo_planner.services.base import current_user, open_database

    if ns.out:
        return _table(ns)
    if ns.session:
        _need(ns, "pdf", why="--session")
        if ns.out_dir or ns.combined or ns.date_from or ns.date_to:
            raise UserError("--session takes --pdf only (no --from/--to/--out-dir/--combined)")
    elif ns.expert:
        _need(ns, "date_from", "date_to", "pdf", why="--expert")
        if ns.out_dir or ns.combined:
            raise UserError("--expert writes one PDF: use --pdf, not --out-dir/--combined")
    else:
        _need(ns, "date_from", "date_to", "out_dir", why="an agenda batch (no --session/--expert)")
        if ns.pdf:
            raise UserError("a batch writes one PDF per session: use --out-dir, not --pdf")
    if ns.date_from and ns.date_to and ns.date_from > ns.date_to:
        raise UserError(f"--from {ns.date_from} lies after --to {ns.date_to}")
    settings = svc.AgendaSettings.from_site().with_language(ns.lang)
    user = current_user()
    db = open_database(ns.db, must_exist=True)
    try:
        if ns.session:
            path = svc.export_session_pdf(
                db, ns.session, ns.pdf, user=user, privacy=ns.privacy, settings=settings
            )
            print(f"wrote the agenda of session {ns.session} to {path}")
        elif ns.expert:
            path = svc.export_expert_pdf(
                db,
                ns.expert,
                ns.date_from,
                ns.date_to,
                ns.pdf,
                user=user,
                privacy=ns.privacy,
                settings=settings,
            )
            print(
                f"wrote the MDOs of expert {ns.expert} from {ns.date_from} to "
                f"{ns.date_to} to {path}"
            )
        else:
            result = svc.export_range(
                db,
                ns.date_from,
                ns.date_to,
                ns.out_dir,
                user=user,
                privacy=ns.privacy,
                combined=ns.combined,
                settings=settings,
            )
            print(f"wrote {len(result.files)} agenda(s) to {ns.out_dir}")
            if result.combined:
                print(f"combined: {result.combined}")
    finally:
        db.dispose()
    return 0
