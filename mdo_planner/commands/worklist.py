"""``mdo-planner worklist [filters] [--out FILE.xlsx|FILE.csv]``: the secretary's worklist.

The same filters as the Cases workspace (status, hospital, tumour group, level, text, due
within N days, needs review) and the same order. Without ``--out`` the rows are printed;
with it they are written as Excel (typed cells, frozen header) or as CSV (formula-safe).
"""

from __future__ import annotations

import argparse

from mdo_planner import cli
from mdo_planner.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    from db.models import CASE_STATUSES, TRIAGE_LEVELS
    from mdo_planner.services.cases_service import SORT_KEYS

    p = subparsers.add_parser(
        "worklist",
        help="the case worklist with filters, printed or as .xlsx/.csv (--out)",
        description="List the cases the Cases workspace would show for these filters "
        "(default: the open cases), printed, or written with --out as FILE.xlsx (typed "
        "cells, frozen header) or FILE.csv (';'-separated, formula-safe).",
    )
    p.add_argument(
        "--status",
        action="append",
        choices=CASE_STATUSES,
        metavar="STATUS",
        help=f"only this status (repeatable; one of {', '.join(CASE_STATUSES)}; "
        "default: the open statuses)",
    )
    p.add_argument("--all", action="store_true", help="every status, closed cases included")
    p.add_argument("--hospital", metavar="CODE", help="only cases of this hospital")
    p.add_argument("--tumour-group", metavar="CODE", help="only this tumour group")
    p.add_argument("--level", choices=TRIAGE_LEVELS, help="only this (effective) level")
    p.add_argument("--text", default="", help="words that must all occur (code, patient, ...)")
    p.add_argument("--due-within", type=int, metavar="DAYS", help="open and due within DAYS")
    p.add_argument("--needs-review", action="store_true", help="only cases to look at again")
    p.add_argument("--sort", choices=SORT_KEYS, default="due", help="order (default: due)")
    p.add_argument("--out", metavar="FILE", help="FILE.xlsx or FILE.csv")
    cli.add_db_option(p)
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services import cases_service as cs
    from mdo_planner.services import export_service as es
    from mdo_planner.services.base import current_user, open_database

    if ns.out and not str(ns.out).lower().endswith((".xlsx", ".csv")):
        raise UserError(f"--out {ns.out}: the worklist is written as .xlsx or .csv")
    if ns.all and ns.status:
        raise UserError("--all and --status exclude each other")
    db = open_database(ns.db, must_exist=True)
    try:
        ref = cs.reference_data(db)

        def find(choices: tuple[cs.Choice, ...], code: str | None, noun: str) -> int | None:
            if code is None:
                return None
            for c in choices:
                if c.code.upper() == code.upper():
                    return c.id
            raise UserError(
                f"no {noun} {code!r} (known: {', '.join(c.code for c in choices) or 'none'})"
            )

        statuses = () if ns.all else tuple(ns.status or cs.OPEN_STATUSES)
        filters = cs.CaseFilters(
            text=ns.text,
            statuses=statuses,
            level=ns.level,
            due_within_days=ns.due_within,
            needs_review=ns.needs_review,
            hospital_id=find(ref.hospitals, ns.hospital, "hospital"),
            tumour_group_id=find(ref.tumour_groups, ns.tumour_group, "tumour group"),
        )
        caption = "; ".join(
            p
            for p in (
                f"status {', '.join(statuses)}" if statuses else "all statuses",
                f"hospital {ns.hospital}" if ns.hospital else "",
                f"tumour group {ns.tumour_group}" if ns.tumour_group else "",
                f"level {ns.level}" if ns.level else "",
                f"text {ns.text!r}" if ns.text else "",
                f"due within {ns.due_within} days" if ns.due_within is not None else "",
                "needs review" if ns.needs_review else "",
            )
            if p
        )
        sheet = es.worklist_sheet(db, filters, order_by=ns.sort, caption=caption)
        if ns.out:
            path = es.export(db, [sheet], ns.out, user=current_user(), what="worklist")
            print(f"wrote {len(sheet.rows)} case(s) ({caption}) to {path}")
            return 0
    finally:
        db.dispose()
    for row in sheet.rows:
        code, patient, hospital, group, level, _c, _r, status, urgent, ready, due = row[:11]
        print(
            f"{code:<16} {patient:<12} {hospital:<6} {group:<12} {level or '-':<13} "
            f"{status:<13} {'urgent ' if urgent else ''}ready {ready} due {due}"
        )
    print(f"{len(sheet.rows)} case(s): {caption}")
    return 0
