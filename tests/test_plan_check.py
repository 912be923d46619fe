"""``solver.plan_check``: the project's own referee of hard rules 1–8 and the cost.

Each rule is broken on purpose in a valid plan of the tiny fixture and must be reported with a
sentence naming what broke; with ``../shared`` present, ``tests.judge`` also makes the
independent checker agree on every one of these plans.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

import solver
from mdo_planner.planning.adapter import result_to_plan, scenario_to_problem
from solver.plan_check import LEVEL, check_plan
from tests.conftest import TINY
from tests.fixtures import make_scenarios
from tests.judge import judge


@pytest.fixture(scope="module")
def solved() -> tuple[dict[str, Any], dict[str, Any]]:
    scn = json.loads(TINY.read_text(encoding="utf-8"))
    prepared = scenario_to_problem(scn)
    opts = solver.SolveOptions(
        time_limit_s=2.0, workers=1, seed=1, deterministic=True, max_rounds=2
    )
    return scn, result_to_plan(prepared, solver.solve(prepared.problem, opts))


def test_committed_fixtures_are_what_the_generator_makes() -> None:
    for name in make_scenarios.SCENARIOS:
        committed = (make_scenarios.OUT / f"{name}.json").read_text(encoding="utf-8")
        assert committed == make_scenarios.text(name), (
            f"tests/fixtures/scenarios/{name}.json is stale: python -m tests.fixtures.make_scenarios"
        )


def test_a_solved_plan_is_valid_and_costs_its_objective(solved) -> None:
    scn, plan = solved
    out = judge(scn, plan)
    assert out["valid"], out["violations"]
    assert out["metrics"]["cost"] == plan["solver"]["objective"]
    assert out["metrics"].get("planned", 0) + out["metrics"].get("unplanned", 0) == len(
        scn["cases"]
    )


def _first(plan: dict[str, Any]) -> dict[str, Any]:
    return plan["assignments"][0]


def _session(scn: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in scn["sessions"] if s["id"] == sid)


def _case(scn: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in scn["cases"] if c["id"] == cid)


def _other_group(scn, plan):
    a = _first(plan)
    group = _case(scn, a["case"])["tumour_group"]
    a["session"] = next(s["id"] for s in scn["sessions"] if s["tumour_group"] != group)


def _lower_echelon(scn, plan):
    a = next(a for a in plan["assignments"] if _case(scn, a["case"])["echelon"] != "local")
    _case(scn, a["case"])["echelon"] = "supraregional"
    _session(scn, a["session"])["echelon"] = "regional"


def _other_hospital(scn, plan):
    a = next(a for a in plan["assignments"] if _session(scn, a["session"])["echelon"] == "local")
    _session(scn, a["session"])["hospital"] = "HX_1"


def _not_ready(scn, plan):
    a = _first(plan)
    _case(scn, a["case"])["ready"] = "2030-01-01"


def _overfull(scn, plan):
    _session(scn, _first(plan)["session"])["duration_min"] = 1


def _no_quorum(scn, plan):
    sid = _first(plan)["session"]
    for row in plan["attendance"]:
        if row["session"] == sid:
            row["experts"] = row["experts"][1:]


def _expert_on_leave(scn, plan):
    row = plan["attendance"][0]
    session = _session(scn, row["session"])
    expert = next(e for e in scn["experts"] if e["id"] == row["experts"][0])
    expert["unavailable"] = [{"from": session["date"], "to": session["date"]}]


def _pinned_elsewhere(scn, plan):
    a, b = plan["assignments"][0], plan["assignments"][1]
    _case(scn, a["case"])["pinned_session"] = (
        "S999" if a["session"] == b["session"] else b["session"]
    )


BREAKS: list[tuple[str, Callable[[dict, dict], None], str]] = [
    ("1", _other_group, "sits in session"),
    ("2", _lower_echelon, "needs a supraregional MDO"),
    ("3", _other_hospital, "in the local session"),
    ("4", _not_ready, "before it is ready"),
    ("5", _overfull, "min of cases in 1 min"),
    ("6", _no_quorum, "has no attending expert of discipline"),
    ("7", _expert_on_leave, "while unavailable"),
    ("8", _pinned_elsewhere, "is pinned to"),
]


@pytest.mark.parametrize(("rule", "breaks", "words"), BREAKS, ids=[f"rule-{b[0]}" for b in BREAKS])
def test_each_hard_rule_is_caught(solved, rule: str, breaks, words: str) -> None:
    scn, plan = copy.deepcopy(solved[0]), copy.deepcopy(solved[1])
    plan["solver"]["objective"] = None
    breaks(scn, plan)
    out = judge(scn, plan)
    assert not out["valid"]
    assert any(words in v for v in out["violations"]), out["violations"]


def test_every_case_exactly_once(solved) -> None:
    scn, plan = copy.deepcopy(solved[0]), copy.deepcopy(solved[1])
    dropped = plan["assignments"].pop()
    plan["unplanned"].append({"case": plan["assignments"][0]["case"], "reason": "x"})
    v = check_plan(scn, plan)
    assert f"case {dropped['case']} is neither assigned nor unplanned" in v.violations
    assert any("appears twice" in x for x in v.violations)


def test_cost_terms(solved) -> None:
    """Take one planned case out, make it urgent and give it a previous session: the cost loses
    what the case cost where it sat and gains 1000 x 5 (urgent unplanned) plus 30 (moved)."""
    scn, plan = copy.deepcopy(solved[0]), copy.deepcopy(solved[1])
    base = check_plan(scn, plan).metrics["cost"]
    a = plan["assignments"].pop(0)
    case, session = _case(scn, a["case"]), _session(scn, a["session"])
    day = dt.date.fromisoformat(session["date"])
    wait = (day - dt.date.fromisoformat(case["ready"])).days
    late = max(0, (day - dt.date.fromisoformat(case["due"])).days)
    up = LEVEL[session["echelon"]] - LEVEL[case["echelon"]]
    case["urgent"] = True
    plan["unplanned"].append({"case": a["case"], "reason": "taken out"})
    scn["previous_plan"] = [{"case": a["case"], "session": a["session"]}]
    plan["solver"]["objective"] = None
    out = judge(scn, plan)
    assert out["metrics"]["cost"] == base - wait - 20 * late - 50 * up + 1000 * 5 + 30
    assert out["metrics"]["moved"] == 1 and out["metrics"]["unplanned_urgent"] == 1
