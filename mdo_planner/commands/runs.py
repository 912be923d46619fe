"""``mdo-planner runs``, ``publish RUN`` and ``discard RUN``: plan runs from a script.

Hospital IT schedules ``plan`` at night and lets a secretary publish in the morning, or
publishes from a script after its own checks; these commands take the same service path as
the Planning workspace (``plan_review.publish_run`` re-checks every hard rule against the
database as it is now and refuses a stale proposal with a sentence, exit status 2, nothing
changed).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from mdo_planner import cli
from mdo_planner.errors import UserError
from mdo_planner.infra.limits import INT32


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "runs",
        help="list the plan runs (proposals and published plans)",
        description="List the plan runs: id, horizon, who made it and when, whether it was "
        "published or discarded, and its counts.",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cli.add_db_option(p)
    p.set_defaults(func=list_handler)
    for name, text in (
        ("publish", "make a proposal the published plan (re-checked first)"),
        ("discard", "throw a proposal away; the published plan stays"),
    ):
        q = subparsers.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        q.add_argument("run", metavar="RUN", type=_run_id, help="plan run id (see 'runs')")
        cli.add_db_option(q)
        q.set_defaults(func=publish_handler if name == "publish" else discard_handler)


def _run_id(text: str) -> int:
    # an id beyond the integer column (SQLite raised OverflowError) or a pasted page of
    # digits is refused here, in a sentence short enough to read
    shown = text if len(text) <= 24 else f"{text[:20]}... ({len(text):,} characters)"
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown!r} is not a plan run id (a number)") from None
    if not 0 < value <= INT32[1]:
        raise argparse.ArgumentTypeError(f"{shown!r} is not a plan run id (a number)")
    return value


def run_rows(db: Any) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from db import models as m

    with db.session() as s:
        runs = s.scalars(select(m.PlanRun).order_by(m.PlanRun.id)).all()
        out = []
        for r in runs:
            summary = r.summary or {}
            out.append(
                {
                    "id": r.id,
                    "horizon": {
                        "start": r.horizon_start.isoformat(),
                        "end": r.horizon_end.isoformat(),
                    },
                    "created_by": r.created_by,
                    "created_at": r.created_at.isoformat(),
                    "status": r.solver_status,
                    "state": (
                        "published"
                        if r.published_at
                        else "discarded"
                        if r.discarded
                        else "proposal"
                    ),
                    "published_by": r.published_by,
                    "published_at": r.published_at.isoformat() if r.published_at else None,
                    "planned": summary.get("planned", 0),
                    "unplanned": summary.get("unplanned", 0),
                    "moved": summary.get("moved", 0),
                    "changed_sessions": summary.get("changed_sessions"),
                    "objective": r.objective,
                }
            )
        return out


def list_handler(ns: argparse.Namespace) -> int:
    from mdo_planner.services.base import open_database

    db = open_database(ns.db)
    try:
        rows = run_rows(db)
    finally:
        db.dispose()
    if ns.json:
        print(json.dumps({"runs": rows}, indent=1))
        return 0
    if not rows:
        print("no plan runs yet: run 'mdo-planner plan' first")
        return 0
    print(
        f"{'run':>4}  {'horizon':<23}  {'created by':<12} {'created (UTC)':<16}  "
        f"{'state':<10} {'planned':>7} {'unplanned':>9}"
    )
    for r in rows:
        print(
            f"{r['id']:>4}  {r['horizon']['start']} to {r['horizon']['end']}  "
            f"{r['created_by'][:12]:<12} {r['created_at'][:16].replace('T', ' '):<16}  "
            f"{r['state']:<10} {r['planned']:>7} {r['unplanned']:>9}"
        )
    return 0


def _act(ns: argparse.Namespace, action: str) -> int:
    from mdo_planner.services import plan_review as pr
    from mdo_planner.services.base import current_user, open_database

    db = open_database(ns.db)
    try:
        with db.session() as s:
            from db import models as m

            if s.get(m.PlanRun, ns.run) is None:
                raise UserError(f"there is no plan run {ns.run} (see 'mdo-planner runs')")
        if action == "publish":
            planned = pr.publish_run(db, ns.run, user=current_user())
            print(f"plan run {ns.run} published: {planned} cases planned")
        else:
            pr.discard_run(db, ns.run, user=current_user())
            print(f"plan run {ns.run} discarded; the published plan is unchanged")
    finally:
        db.dispose()
    return 0


def publish_handler(ns: argparse.Namespace) -> int:
    return _act(ns, "publish")


def discard_handler(ns: argparse.Namespace) -> int:
    return _act(ns, "discard")
