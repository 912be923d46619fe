"""``mdo-planner solve SCENARIO.json --out PLAN.json``: plan a contract scenario, no database.

The same engine the desktop app and ``mdo-planner plan`` use, on a file: networks can compare
it with their own planning, and the test suites check its plans with the independent
``check_plan.py``. The plan is written atomically (never half a file), and the summary says
how good it is: cost, proven lower bound, gap, unplanned cases, wall time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_text
from mdo_planner.infra.limits import INT32
from mdo_planner.planning.adapter import result_to_plan, scenario_to_problem


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``solve`` sub-command."""
    p = subparsers.add_parser(
        "solve",
        help="plan a contract scenario file and write a contract plan",
        description="Plan every case of SCENARIO.json into a session (or leave it unplanned "
        "with a reason) and write the contract plan to --out. Cases without an echelon are "
        "triaged first.",
    )
    p.add_argument("scenario", metavar="SCENARIO.json", type=Path)
    p.add_argument(
        "--out", metavar="PLAN.json", type=Path, required=True, help="where to write the plan"
    )
    p.add_argument(
        "--time-limit",
        metavar="S",
        type=float,
        default=10.0,
        help="seconds of search (default 10); the constructive plan comes first",
    )
    p.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=2,
        help="CP-SAT workers / parallel sub-models (default 2)",
    )
    p.add_argument("--seed", metavar="N", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--greedy",
        action="store_true",
        help="only the constructive plan (planning by hand, done by the computer)",
    )
    p.add_argument(
        "--deterministic",
        action="store_true",
        help="one worker and deterministic limits: the same plan on every run",
    )
    p.set_defaults(func=handler)


#: a week of search; CP-SAT's own limit (int64 milliseconds) lies far beyond it
MAX_TIME_LIMIT_S = 7 * 24 * 3600
MAX_WORKERS = 256


def _short(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"a {len(text)}-digit number"


def handler(ns: argparse.Namespace) -> int:
    import solver
    from mdo_planner.contract_io.scenario import load_scenario

    # The engine takes a time limit in int64 milliseconds, a worker count and an int32 seed:
    # beyond those a search thread died with a traceback (1e23, inf, nan) or the run ended in
    # TypeError and exit 1, so the ranges are checked here, before anything is read.
    if ns.time_limit is None or not 0 < ns.time_limit <= MAX_TIME_LIMIT_S:
        raise UserError(
            f"--time-limit: {ns.time_limit:g} is not a number of seconds above 0 and at most "
            f"{MAX_TIME_LIMIT_S:,}"
        )
    if not 1 <= ns.workers <= MAX_WORKERS:
        raise UserError(f"--workers: {_short(ns.workers)} is not from 1 to {MAX_WORKERS}")
    if not INT32[0] <= ns.seed <= INT32[1]:
        raise UserError(f"--seed: {_short(ns.seed)} is not from {INT32[0]:,} to {INT32[1]:,}")
    if ns.out.is_dir():
        raise UserError(f"--out {ns.out}: is a folder, not a file")
    if not ns.out.parent.exists():
        raise UserError(f"--out {ns.out}: the folder {ns.out.parent} does not exist")
    scn = load_scenario(ns.scenario)
    try:
        prepared = scenario_to_problem(scn)
    except UserError as exc:
        raise UserError(f"{ns.scenario.name}: {exc}") from exc
    options = solver.SolveOptions(
        time_limit_s=ns.time_limit,
        workers=ns.workers,
        seed=ns.seed,
        greedy_only=ns.greedy,
        deterministic=ns.deterministic,
    )
    try:
        result = solver.solve(prepared.problem, options)
    except solver.ProblemError as exc:
        raise UserError(f"{ns.scenario.name}: {exc}") from exc
    plan = result_to_plan(prepared, result, name="greedy" if ns.greedy else "cp-sat")
    atomic_write_text(ns.out, json.dumps(plan, indent=1, ensure_ascii=False) + "\n")
    sol = plan["solver"]
    gap = "n/a" if sol["search_gap"] is None else f"{100 * sol['search_gap']:.1f}%"
    # the gap is on what the search decides; the constant (cases set aside or that no
    # session can take) is in cost and bound alike and is shown on its own
    print(
        f"cost {sol['objective']}  bound {sol['bound']}  gap {gap}  "
        f"constant {sol['constant']}  "
        f"planned {len(plan['assignments'])}  unplanned {len(plan['unplanned'])}  "
        f"status {sol['status']}  wall {sol['wall_s']:.1f}s  -> {ns.out}",
        file=sys.stdout,
    )
    pinned_out = [cid for cid, reason in result.unplanned.items() if reason.startswith("pinned")]
    if pinned_out:
        print(
            f"warning: {len(pinned_out)} pinned case(s) cannot sit in their pinned session "
            f"({', '.join(pinned_out[:5])}{', ...' if len(pinned_out) > 5 else ''}); the "
            "plan's unplanned reasons say why. Unpin them or fix the session, then plan again.",
            file=sys.stderr,
        )
    return 0
