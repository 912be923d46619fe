"""The planning engine, judged by the contract's rules, never by its own opinion.

Plans are judged by ``tests.judge``: the project's own ``solver.plan_check`` everywhere, and the
independent ``check_plan.py`` as well whenever ``../shared`` is present. Each hard rule of the
contract gets a minimal scenario that forces it; the explanations get one scenario per kind of
reason; cancellation, determinism and re-planning with stability are checked on the project's
fixture scenarios, and the by-hand baselines on the shared public ones (contract suite).
"""

from __future__ import annotations

import copy
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import solver
from mdo_planner.planning.adapter import result_to_plan, scenario_to_problem
from solver.contract import DEFAULT_WEIGHTS
from tests.conftest import SCENARIOS, TIGHT, TIGHT_WEEK, TINY
from tests.judge import judge

FAST = solver.SolveOptions(time_limit_s=2.0, workers=1, seed=1, deterministic=True, max_rounds=2)


def check(scn: dict[str, Any], plan: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    return judge(scn, plan)


def plan_of(scn: dict[str, Any], options: solver.SolveOptions = FAST, **kw: Any) -> dict[str, Any]:
    prepared = scenario_to_problem(scn)
    result = solver.solve(prepared.problem, options, **kw)
    return result_to_plan(prepared, result)


def valid_plan(scn: dict[str, Any], tmp_path: Path, options: solver.SolveOptions = FAST) -> dict:
    plan = plan_of(scn, options)
    out = check(scn, plan, tmp_path)
    assert out["valid"], out["violations"]
    assert plan["solver"]["objective"] == out["metrics"]["cost"]
    assert plan["solver"]["bound"] is None or plan["solver"]["bound"] <= plan["solver"]["objective"]
    return plan


def where(plan: dict[str, Any]) -> dict[str, str]:
    return {a["case"]: a["session"] for a in plan["assignments"]}


def reasons(plan: dict[str, Any]) -> dict[str, str]:
    return {u["case"]: u["reason"] for u in plan["unplanned"]}


def base() -> dict[str, Any]:
    """One network of two hospitals, one tumour group needing a surgeon and a radiologist."""
    return {
        "format": "mdo-planner-scenario",
        "version": 1,
        "horizon": {"start": "2027-01-04", "end": "2027-01-15"},
        "disciplines": [
            {"code": "SURG", "name": "Surgical oncologist"},
            {"code": "RADIOL", "name": "Radiologist"},
            {"code": "CLIN_GEN", "name": "Clinical geneticist"},
        ],
        "tumour_groups": [
            {"code": "BREAST", "name": "Breast", "core_disciplines": ["SURG", "RADIOL"]},
            {"code": "LUNG", "name": "Lung", "core_disciplines": ["SURG", "RADIOL"]},
        ],
        "networks": [{"id": "N1", "name": "North"}, {"id": "N2", "name": "South"}],
        "hospitals": [
            {"id": "H1", "name": "Hospital One", "network": "N1", "expert_centre": False},
            {"id": "H2", "name": "Hospital Two", "network": "N1", "expert_centre": False},
            {"id": "H3", "name": "Hospital Three", "network": "N2", "expert_centre": True},
        ],
        "experts": [
            expert("E1", "SURG", "H1"),
            expert("E2", "RADIOL", "H1"),
        ],
        "sessions": [session("S1", "2027-01-05")],
        "cases": [],
        "weights": {},
    }


def expert(eid: str, disc: str, hosp: str, **kw: Any) -> dict[str, Any]:
    e = {
        "id": eid,
        "name": eid,
        "discipline": disc,
        "hospital": hosp,
        "serves": [hosp],
        "tumour_groups": ["BREAST", "LUNG"],
        "max_echelon": "supraregional",
        "max_sessions_per_week": 5,
        "unavailable": [],
    }
    e.update(kw)
    return e


def session(sid: str, day: str, **kw: Any) -> dict[str, Any]:
    s = {
        "id": sid,
        "tumour_group": "BREAST",
        "echelon": "local",
        "hospital": "H1",
        "date": day,
        "start": "16:00",
        "duration_min": 30,
        "mode": "hybrid",
    }
    s.update(kw)
    return s


def case(cid: str, **kw: Any) -> dict[str, Any]:
    c = {
        "id": cid,
        "patient": f"P-{cid}",
        "hospital": "H1",
        "tumour_group": "BREAST",
        "echelon": "local",
        "extra_disciplines": [],
        "minutes": 10,
        "ready": "2027-01-04",
        "due": "2027-01-08",
        "urgent": False,
        "question": "Plan?",
        "pinned_session": None,
    }
    c.update(kw)
    return c


# ------------------------------------------------------------------ hard rules


def test_rule1_tumour_group(tmp_path: Path) -> None:
    scn = base()
    scn["cases"] = [case("C1", tumour_group="LUNG"), case("C2")]
    plan = valid_plan(scn, tmp_path)
    assert where(plan) == {"C2": "S1"}
    assert "LUNG session" in reasons(plan)["C1"]


def test_rule2_echelon_at_least_required(tmp_path: Path) -> None:
    scn = base()
    scn["sessions"].append(session("S2", "2027-01-12", echelon="regional"))
    scn["cases"] = [case("C1", echelon="regional"), case("C2", echelon="supraregional")]
    plan = valid_plan(scn, tmp_path)
    assert where(plan) == {"C1": "S2"}
    assert "supraregional BREAST session" in reasons(plan)["C2"]


def test_rule3_geography(tmp_path: Path) -> None:
    scn = base()
    scn["experts"] += [
        expert("E3", "SURG", "H3", serves=["H3"]),
        expert("E4", "RADIOL", "H3", serves=["H3"]),
    ]
    scn["sessions"].append(session("S2", "2027-01-06", echelon="regional", hospital="H3"))
    scn["sessions"].append(session("S3", "2027-01-07", echelon="supraregional", hospital="H3"))
    scn["cases"] = [
        case("C1", hospital="H2"),  # no local session at H2, regional S2 is another network
        case("C2", hospital="H2", echelon="regional"),  # only the supra-regional session fits
    ]
    plan = valid_plan(scn, tmp_path)
    assert where(plan)["C1"] == "S3" and where(plan)["C2"] == "S3"
    scn["sessions"].pop()  # without the supra-regional session neither can be planned
    plan = valid_plan(scn, tmp_path)
    assert set(reasons(plan)) == {"C1", "C2"}
    assert "Hospital Two" in reasons(plan)["C1"]


def test_rule4_ready_date_and_horizon(tmp_path: Path) -> None:
    scn = base()
    scn["sessions"].append(session("S2", "2027-01-20"))  # outside the horizon
    scn["cases"] = [case("C1", ready="2027-01-06"), case("C2", ready="2027-01-18")]
    plan = valid_plan(scn, tmp_path)
    assert not plan["assignments"]
    assert "before the case is ready" in reasons(plan)["C1"]
    assert "after the end of the planning horizon" in reasons(plan)["C2"]


def test_rule5_capacity(tmp_path: Path) -> None:
    scn = base()
    scn["sessions"].append(session("S9", "2027-01-20"))  # after the horizon: named as a hint
    scn["cases"] = [case("C1", minutes=20), case("C2", minutes=20), case("C3", minutes=10)]
    plan = valid_plan(scn, tmp_path)
    assert len(plan["assignments"]) == 2 and len(plan["unplanned"]) == 1
    reason = next(iter(reasons(plan).values()))
    assert "with room for 20 min" in reason and "20 Jan 2027" in reason


def test_rule6_quorum_with_extra_discipline(tmp_path: Path) -> None:
    scn = base()
    scn["cases"] = [case("C1", extra_disciplines=["CLIN_GEN"]), case("C2")]
    plan = valid_plan(scn, tmp_path)
    assert where(plan) == {"C2": "S1"}
    assert "no Clinical geneticist available" in reasons(plan)["C1"]
    scn["experts"].append(expert("E9", "CLIN_GEN", "H1"))
    plan = valid_plan(scn, tmp_path)
    assert where(plan) == {"C1": "S1", "C2": "S1"}
    att = {a["session"]: set(a["experts"]) for a in plan["attendance"]}
    assert att == {"S1": {"E1", "E2", "E9"}}


def test_rule7_leave_weekly_limit_and_overlap(tmp_path: Path) -> None:
    scn = base()
    scn["experts"][0]["max_sessions_per_week"] = 1
    scn["experts"][1]["unavailable"] = [{"from": "2027-01-11", "to": "2027-01-15"}]
    scn["sessions"] = [
        session("S1", "2027-01-05", duration_min=10),
        session("S2", "2027-01-06", duration_min=10),  # same week: surgeon's limit
        session("S3", "2027-01-12", duration_min=10),  # radiologist on leave
        session("S4", "2027-01-12", tumour_group="LUNG", duration_min=10, start="16:05"),
    ]
    scn["experts"].append(expert("E5", "RADIOL", "H1"))
    scn["cases"] = [case(f"C{i}") for i in range(1, 5)] + [case("C9", tumour_group="LUNG")]
    plan = valid_plan(scn, tmp_path)
    # week 1: one session (surgeon's limit); week 2: S3 and S4 overlap, one surgeon for both
    used = set(where(plan).values())
    assert len(used & {"S1", "S2"}) == 1 and len(used & {"S3", "S4"}) == 1
    assert len(plan["assignments"]) == 2
    assert all(
        "no Surgical oncologist available" in r for cid, r in reasons(plan).items() if cid != "C9"
    )


def test_rule8_pinned_cases_stay(tmp_path: Path) -> None:
    scn = base()
    scn["sessions"].append(session("S2", "2027-01-14"))
    scn["cases"] = [case("C1", pinned_session="S2"), case("C2")]
    plan = valid_plan(scn, tmp_path)
    assert where(plan) == {"C1": "S2", "C2": "S1"}


def test_pinned_to_impossible_session_is_an_error() -> None:
    scn = base()
    scn["sessions"].append(session("S2", "2027-01-14", tumour_group="LUNG"))
    scn["cases"] = [case("C1", pinned_session="S2")]
    with pytest.raises(solver.ProblemError, match="C1 is pinned to session S2"):
        plan_of(scn)


# ---------------------------------------------------------------- explanations


def test_unplanned_reason_names_experts_on_leave(tmp_path: Path) -> None:
    scn = base()
    scn["experts"][1]["name"] = "Dr. R. Adiologist"
    scn["experts"][1]["unavailable"] = [{"from": "2027-01-05", "to": "2027-01-06"}]
    scn["cases"] = [case("C1")]
    plan = valid_plan(scn, tmp_path)
    reason = reasons(plan)["C1"]
    assert "no Radiologist available for the only eligible session with room" in reason
    assert "1 on leave (Dr. R. Adiologist 5 Jan–6 Jan)" in reason


def test_planned_cases_explain_cost_and_alternative(tmp_path: Path) -> None:
    scn = base()
    scn["sessions"].append(session("S2", "2027-01-14"))
    scn["cases"] = [case("C1", due="2027-01-05")]
    plan = valid_plan(scn, tmp_path)
    ex = plan["explanations"]["C1"]
    assert ex["session"] == "S1" and ex["cost"]["wait"] == 1 and ex["cost"]["late"] == 0
    assert ex["alternative"]["session"] == "S2"
    # S2 is 9 days later: 9 days late x 20 + 10 days wait + two experts to open it
    assert ex["alternative"]["cost"] == 9 * 20 + 10 + 2 * 5


def test_unplanned_reason_names_missing_session_kind(tmp_path: Path) -> None:
    scn = base()
    scn["cases"] = [case("C1", echelon="regional")]
    plan = valid_plan(scn, tmp_path)
    assert "no regional/supraregional BREAST session" in reasons(plan)["C1"]


# -------------------------------------------------- shared scenario behaviour


@pytest.fixture(scope="module")
def tiny() -> dict[str, Any]:
    return json.loads(TINY.read_text(encoding="utf-8"))


def test_tiny_valid_and_no_worse_than_greedy(tiny: dict[str, Any], tmp_path: Path) -> None:
    plan = valid_plan(tiny, tmp_path)
    greedy = valid_plan(tiny, tmp_path, solver.SolveOptions(greedy_only=True))
    assert plan["solver"]["objective"] <= greedy["solver"]["objective"]
    assert plan["solver"]["bound"] > 0.7 * plan["solver"]["objective"]


@pytest.mark.contract
def test_shared_tiny_valid_and_better_than_by_hand(tmp_path: Path) -> None:
    scn = json.loads((SCENARIOS / "tiny-s1.json").read_text(encoding="utf-8"))
    baseline = json.loads((SCENARIOS / "tiny-s1.baseline.json").read_text())["metrics"]
    plan = valid_plan(scn, tmp_path)
    greedy = valid_plan(scn, tmp_path, solver.SolveOptions(greedy_only=True))
    assert plan["solver"]["objective"] <= greedy["solver"]["objective"]
    assert plan["solver"]["objective"] < baseline["cost"]
    assert plan["solver"]["bound"] > 0.7 * plan["solver"]["objective"]


#: Deterministic mode does a fixed amount of work (``max_rounds``), but the time limit still
#: stops it: on a machine loaded by other work, 2 s could cut one run's rounds short and not
#: the other's (CI failed so on 2026-12-02 at a load of 5 on 2 cores). The limit here is far
#: above what the rounds take, so that only the problem and the seed decide.
DETERMINISTIC = solver.SolveOptions(
    time_limit_s=120.0, workers=1, seed=1, deterministic=True, max_rounds=2
)


def test_determinism(tiny: dict[str, Any]) -> None:
    a = plan_of(tiny, DETERMINISTIC)
    b = plan_of(tiny, DETERMINISTIC)
    assert a["assignments"] == b["assignments"] and a["attendance"] == b["attendance"]
    assert a["solver"]["objective"] == b["solver"]["objective"]


def test_progress_reports(tiny: dict[str, Any]) -> None:
    seen: list[solver.Progress] = []
    plan_of(tiny, on_progress=seen.append)
    assert seen[0].phase == "constructive" and seen[-1].phase == "done"
    assert all(p.bound is None or p.best_cost is None or p.bound <= p.best_cost for p in seen)
    assert seen[-1].best_cost <= seen[0].best_cost


def test_the_search_stops_when_its_plan_is_proven_and_says_why(tiny: dict[str, Any]) -> None:
    """With the plan's cost proven by the bound, nothing is left to find: the search ends at
    once instead of running to its limit (a minute here), and the run says why it ended."""
    scn = base()
    scn["sessions"] = [session("S1", "2027-01-05", duration_min=15)]
    scn["cases"] = [case("C1"), case("C2"), case("C3")]  # two of three fit
    prepared = scenario_to_problem(scn)
    result = solver.solve(prepared.problem, solver.SolveOptions(time_limit_s=60.0, workers=2))
    assert result.bound == result.objective
    assert result.search["stopped_by"] == "proven"
    assert any(line.startswith("search stopped by proven") for line in result.log)
    fixed = solver.solve(scenario_to_problem(tiny).problem, FAST)  # a fixed amount of work
    assert fixed.search["stopped_by"] in ("rounds", "fixpoint")


def test_cancel_returns_best_plan_within_a_second(tmp_path: Path) -> None:
    scn = json.loads(TIGHT.read_text(encoding="utf-8"))
    prepared = scenario_to_problem(scn)
    token = solver.CancelToken()
    seen: list[solver.Progress] = []
    cancelled_at: list[float] = []

    def cancel_soon() -> None:
        while not seen:
            time.sleep(0.01)
        time.sleep(0.5)
        cancelled_at.append(time.perf_counter())
        token.cancel()

    threading.Thread(target=cancel_soon, daemon=True).start()
    opts = solver.SolveOptions(time_limit_s=120.0, workers=2)
    result = solver.solve(prepared.problem, opts, on_progress=seen.append, cancel=token)
    returned = time.perf_counter()
    assert returned - cancelled_at[0] < 1.0
    out = check(scn, result_to_plan(prepared, result), tmp_path)
    assert out["valid"], out["violations"][:5]
    assert result.objective == out["metrics"]["cost"]
    assert result.objective <= seen[0].best_cost


def test_replan_after_leave_moves_few_cases(tiny: dict[str, Any], tmp_path: Path) -> None:
    published = valid_plan(tiny, tmp_path)
    scn = copy.deepcopy(tiny)
    scn["previous_plan"] = [
        {"case": a["case"], "session": a["session"]} for a in published["assignments"]
    ]
    # pin a few published cases; they must stay
    pinned = [a for a in published["assignments"]][:5]
    by_id = {c["id"]: c for c in scn["cases"]}
    for a in pinned:
        by_id[a["case"]]["pinned_session"] = a["session"]
    # 10% of the attending experts go on leave in week 1 (not those of pinned sessions)
    keep = {a["session"] for a in pinned}
    sessions = {s["id"]: s for s in scn["sessions"]}
    load: dict[str, int] = {}
    for a in published["attendance"]:
        if a["session"] not in keep and sessions[a["session"]]["date"] <= "2027-01-10":
            for e in a["experts"]:
                load[e] = load.get(e, 0) + 1
    n_attending = len({e for a in published["attendance"] for e in a["experts"]})
    busiest = sorted(load, key=lambda e: (-load[e], e))[: max(1, n_attending // 10)]
    experts = {e["id"]: e for e in scn["experts"]}
    for eid in busiest:
        experts[eid]["unavailable"] = [{"from": "2027-01-04", "to": "2027-01-10"}]
    replan = valid_plan(scn, tmp_path)
    moved = check(scn, replan, tmp_path)["metrics"].get("moved", 0)
    for a in pinned:
        assert where(replan)[a["case"]] == a["session"]
    scratch_scn = copy.deepcopy(scn)
    scratch_scn.pop("previous_plan")
    for c in scratch_scn["cases"]:
        c["pinned_session"] = None
    scratch = plan_of(scratch_scn)
    scratch["solver"]["objective"] = None  # judged against the re-plan's scenario below
    moved_scratch = check(scn, scratch, tmp_path)["metrics"].get("moved", 0)
    # on the tiny fixture the leave rarely forces a move at all; the stable re-plan must never move
    # more than planning from scratch, and only a few cases in any case
    assert moved <= moved_scratch
    assert moved <= len(published["assignments"]) // 20


@pytest.mark.slow
@pytest.mark.contract
def test_regional_valid_and_well_below_by_hand(tmp_path: Path) -> None:
    """A short run already clears the by-hand plan by far; the 10 s figures are in the bench."""
    scn = json.loads((SCENARIOS / "regional-s2.json").read_text(encoding="utf-8"))
    baseline = json.loads((SCENARIOS / "regional-s2.baseline.json").read_text())["metrics"]
    plan = valid_plan(scn, tmp_path, solver.SolveOptions(time_limit_s=4.0, workers=2))
    out = check(scn, plan, tmp_path)
    assert out["metrics"]["unplanned"] <= baseline["unplanned"]
    assert plan["solver"]["objective"] <= 0.9 * baseline["cost"]
    assert plan["solver"]["bound"] >= 0.4 * plan["solver"]["objective"]


def test_pinned_session_without_quorum_is_explained() -> None:
    scn = base()
    scn["experts"][1]["unavailable"] = [{"from": "2027-01-05", "to": "2027-01-05"}]
    scn["cases"] = [case("C1", pinned_session="S1")]
    plan = plan_of(scn)
    reason = reasons(plan)["C1"]
    assert reason.startswith("pinned to session S1, which cannot take it now: no Radiologist")


@pytest.mark.slow
@pytest.mark.contract
def test_regional_replan_after_leave_moves_fewer_than_from_scratch(tmp_path: Path) -> None:
    """The acceptance test: 10% of the attending experts on leave in week 1, then re-plan."""
    import random

    scn = json.loads((SCENARIOS / "regional-s2.json").read_text(encoding="utf-8"))
    opts = solver.SolveOptions(time_limit_s=4.0, workers=2)
    published = valid_plan(scn, tmp_path, opts)
    scn["previous_plan"] = [
        {"case": a["case"], "session": a["session"]} for a in published["assignments"]
    ]
    pinned = published["assignments"][:10]
    by_id = {c["id"]: c for c in scn["cases"]}
    for a in pinned:
        by_id[a["case"]]["pinned_session"] = a["session"]
    keep = {a["session"] for a in pinned}
    dates = {s["id"]: s["date"] for s in scn["sessions"]}
    # The pinned sessions keep their experts: one of them on leave for the week could leave a
    # pinned session without its quorum, and then no valid plan exists (the test failed in
    # CI whenever the published plan's first ten cases shared a session with such an expert).
    staffing_pins = {
        e for a in published["attendance"] if a["session"] in keep for e in a["experts"]
    }
    week1 = sorted(
        {
            e
            for a in published["attendance"]
            if dates[a["session"]] <= "2027-01-10" and a["session"] not in keep
            for e in a["experts"]
        }
        - staffing_pins
    )
    n_attending = len({e for a in published["attendance"] for e in a["experts"]})
    experts = {e["id"]: e for e in scn["experts"]}
    for eid in random.Random(1).sample(week1, n_attending // 10):
        experts[eid]["unavailable"] = [
            *(experts[eid].get("unavailable") or []),
            {"from": "2027-01-04", "to": "2027-01-10"},
        ]
    replan = valid_plan(scn, tmp_path, opts)
    for a in pinned:
        assert where(replan)[a["case"]] == a["session"]
    moved = check(scn, replan, tmp_path)["metrics"].get("moved", 0)
    scratch_scn = copy.deepcopy(scn)
    scratch_scn.pop("previous_plan")
    scratch = plan_of(scratch_scn, opts)
    scratch["solver"]["objective"] = None  # judged against the re-plan's scenario
    out = check(scn, scratch, tmp_path)
    assert out["valid"], out["violations"][:5]
    assert moved < out["metrics"].get("moved", 0)


def test_tight_week_plans_what_exact_staffing_can_staff(tmp_path: Path) -> None:
    """Scarce radiation oncologists serving several groups: the engine reaches the optimum.

    The reference is the exact model of the whole week (one variable per eligible expert and
    session, weekly limits, overlaps), proven optimal by CP-SAT here. Before exact staffing
    and the capacity cuts, the engine left 36 cases unplanned where the optimum leaves 28:
    the constructive staffing rejected proposals that could be staffed.
    """
    from solver import cpsat, formulation
    from solver.instance import build_instance
    from solver.state import PlanState

    scn = json.loads(TIGHT_WEEK.read_text(encoding="utf-8"))
    prepared = scenario_to_problem(scn)
    inst = build_instance(prepared.problem)
    exact = formulation.build(PlanState(inst), list(range(inst.n_sessions)), relax_experts=False)
    ref = cpsat.run(exact, time_limit=60.0, seed=0, deterministic=True)
    assert ref.status == "OPTIMAL"
    # cases that no session can take are outside the model; the plan pays for them too
    optimum = ref.new_cost + sum(
        inst.c_unplanned_cost[c] for c in range(inst.n_cases) if not inst.c_cand[c]
    )
    ref_unplanned = inst.n_cases - len(ref.chosen)

    opts = solver.SolveOptions(time_limit_s=120.0, deterministic=True, workers=1)
    result = solver.solve(prepared.problem, opts)
    out = check(scn, result_to_plan(prepared, result), tmp_path)
    assert out["valid"], out["violations"][:5]
    assert result.objective == out["metrics"]["cost"]
    assert result.objective >= optimum  # the reference is right: nothing beats the optimum
    assert len(result.unplanned) <= ref_unplanned
    assert result.objective <= 1.02 * optimum


#: the optimum of ``tight_week``, proven by the exact model of the whole week
#: (``test_tight_week_plans_what_exact_staffing_can_staff``)
TIGHT_WEEK_OPTIMUM = 33_780


def test_the_bound_never_exceeds_the_optimum() -> None:
    """A lower bound above the optimum proves nothing. On ``tight_week`` the search's
    whole-group bounds, from models that counted other groups' sessions as staffed for good
    (a restriction by the current plan, not a relaxation), summed to 44,970 against a plan
    of 38,505 after 3 s, and the engine reported that plan as optimal (gap 0%)."""
    scn = json.loads(TIGHT_WEEK.read_text(encoding="utf-8"))
    prepared = scenario_to_problem(scn)
    result = solver.solve(prepared.problem, solver.SolveOptions(time_limit_s=3.0, workers=2))
    assert result.bound is not None
    assert result.bound <= TIGHT_WEEK_OPTIMUM <= result.objective


def test_the_group_relaxations_prove_a_bound_below_the_optimum() -> None:
    """``bound.prove_group_bounds`` spends its time on the whole-group relaxations alone (the
    bench uses it to show which targets a plan can reach at all): each group's bound is at
    least its flow bound, and the sum is above the quick bound and stays below the proven
    optimum."""
    from solver.bound import GroupBounds, prove_group_bounds
    from solver.instance import build_instance

    prepared = scenario_to_problem(json.loads(TIGHT_WEEK.read_text(encoding="utf-8")))
    inst = build_instance(prepared.problem)
    proven = prove_group_bounds(inst, 20.0)
    quick = GroupBounds(inst)
    assert set(proven) == set(quick.lb)
    assert all(proven[g][0] >= quick.lb[g] for g in proven)
    total = sum(v for v, _ in proven.values())
    assert quick.total() < total <= TIGHT_WEEK_OPTIMUM


def test_gap_is_on_what_the_search_decides(tmp_path: Path) -> None:
    """A case no session can take costs the same in every plan: it is reported as the
    constant and left out of the gap, which would otherwise look smaller than it is."""
    scn = base()
    scn["sessions"] = [session("S1", "2027-01-05", duration_min=15)]
    # C1 has no session of its echelon; C2 and C3 compete for 15 minutes
    scn["cases"] = [case("C1", echelon="regional"), case("C2"), case("C3")]
    prepared = scenario_to_problem(scn)
    result = solver.solve(prepared.problem, FAST)
    plan = result_to_plan(prepared, result)
    assert check(scn, plan, tmp_path)["valid"]
    assert result.constant == 1000
    assert result.objective > result.constant
    decided = result.objective - result.constant
    assert result.search_gap == pytest.approx((result.objective - result.bound) / decided)
    sol = plan["solver"]
    assert sol["constant"] == 1000
    assert sol["search_gap"] == pytest.approx(
        (sol["objective"] - sol["bound"]) / (sol["objective"] - 1000), abs=1e-4
    )
    assert sol["search"]["history"][-1][1] == sol["objective"]


def test_the_search_keeps_the_plans_running_totals_and_rules(monkeypatch: Any) -> None:
    """The plan keeps its cost as running totals (summing every case after each step took 9%
    of the search thread nationally): after a search that placed, moved, re-seated and put
    back cases and experts, the totals still equal the sums, and every hard rule the plan
    state guards still holds."""
    from solver import engine

    states = []

    def keep(state: Any) -> int:
        states.append(state)
        return 0

    monkeypatch.setattr(engine, "keep_previous_staff", keep)
    prepared = scenario_to_problem(json.loads(TIGHT_WEEK.read_text(encoding="utf-8")))
    result = solver.solve(prepared.problem, FAST)
    (state,) = states
    assert result.search["sub_models"] > 0
    assert state.check() == []


@pytest.mark.parametrize("deterministic", [True, False])
def test_a_round_starts_where_the_last_models_left_the_largest_gap(
    monkeypatch: Any, deterministic: bool
) -> None:
    """Where the gap is, the time goes (issue 19): from the second round on, the whole-group
    pieces come in the order of how far their cost is above their last model's own bound, and
    are solved with quick restarts from the good plan they now have (not in deterministic
    mode, where the default search reached tight_week's optimum and quick restarts did not)."""
    from solver import cpsat, lns
    from solver.greedy import greedy
    from solver.instance import build_instance

    prepared = scenario_to_problem(json.loads(TIGHT_WEEK.read_text(encoding="utf-8")))
    inst = build_instance(prepared.problem)
    state = greedy(inst)
    groups = [p for p in lns.assignment_pieces(inst) if p.group]
    whole = {tuple(p.sessions): p.key for p in groups}
    stats = lns.SearchStats()
    solved: list[tuple[str, bool, dict[str, float]]] = []
    real = cpsat.run

    def run(sub: Any, **kw: Any) -> Any:
        key = whole.get(tuple(sorted(sub.sessions)))
        if key is not None:
            # what each group may still gain, as the plan stands when this model is solved
            known = {
                p.key: gain
                for p, gain in zip(
                    groups, lns.round_priority(state, groups, stats.piece_bound), strict=True
                )
                if p.key in stats.piece_bound
            }
            solved.append((key, kw.get("quick_restarts", False), known))
        return real(sub, **kw)

    monkeypatch.setattr(cpsat, "run", run)
    lns.improve(
        state,
        deadline=time.perf_counter() + 60,
        workers=1,
        seed=0,
        deterministic=deterministic,
        max_rounds=2,
        cancel=None,
        report=lambda _phase: None,
        stats=stats,
        static_first=False,
    )
    first = [k for k, _, _ in solved[: len(whole)]]
    assert sorted(first) == sorted(whole.values())  # round 1: every group once
    assert not any(quick for _, quick, _ in solved[: len(whole)])
    second = solved[len(whole) :]
    assert second, "some group was not proven optimal in round 1"
    assert all(quick is not deterministic for _, quick, _ in second)
    at_start = second[0][2]
    assert at_start, "no gap was recorded in round 1"
    # (a model stopped before its first solution records none: the rest keep their order)
    gaps = [at_start[k] for k, _, _ in second if k in at_start]
    assert gaps == sorted(gaps, reverse=True)
    assert max(at_start.values()) == gaps[0]


def test_the_search_takes_the_second_core_once_the_bounds_first_pass_is_done(
    monkeypatch: Any,
) -> None:
    """The bound's thread proves each whole group for a second, then spends what is left on a
    second pass with another seed; from then on the search runs two sub-models at once (the
    nice thread's second pass gets the idle CPU). The second pass is held here to see that."""
    import types

    from solver import bound, cpsat, formulation
    from solver.greedy import greedy
    from solver.instance import build_instance
    from solver.lns import assignment_pieces

    release = threading.Event()

    def run(sub: Any, *, seed: int, **kw: Any) -> Any:
        if seed == 1:  # the second pass
            release.wait(10)
        return types.SimpleNamespace(bound=None, status="FEASIBLE")

    monkeypatch.setattr(cpsat, "run", run)
    prepared = scenario_to_problem(json.loads(TIGHT_WEEK.read_text(encoding="utf-8")))
    inst = build_instance(prepared.problem)
    state = greedy(inst)
    models = [
        (p.group, formulation.build(state, p.sessions, relax_experts=True, static_experts=True), 0)
        for p in assignment_pieces(inst)
        if p.group is not None
    ]
    groups = bound.GroupBounds(inst)
    groups.start_lp(time.perf_counter() + 30, first=[], models=models)
    try:
        t0 = time.perf_counter()
        while not groups.first_pass_done() and time.perf_counter() - t0 < 10:
            time.sleep(0.01)
        assert groups.first_pass_done()
        assert groups.busy()  # the second pass runs on
    finally:
        release.set()
        groups.stop(wait_s=5)
    assert groups.first_pass_done() and not groups.busy()


def _two_networks_one_supra_seat() -> dict[str, Any]:
    """Network N1's regional case A holds the only supra-regional seat (escalated: its
    regional session is ten days later, past its due date), while network N2's case B, which
    only a supra-regional session may take, waits."""
    surgeon = {
        "discipline": "SURG",
        "tumour_groups": ["BREAST"],
        "max_echelon": "supraregional",
        "max_sessions_per_week": 5,
        "unavailable": [],
    }
    session = {"tumour_group": "BREAST", "start": "09:00", "mode": "video"}
    case = {
        "tumour_group": "BREAST",
        "extra_disciplines": [],
        "ready": "2027-01-04",
        "urgent": False,
        "question": "Treatment plan?",
        "pinned_session": None,
        "minutes": 20,
    }
    return {
        "format": "mdo-planner-scenario",
        "version": 1,
        "name": "two networks, one supra-regional seat",
        "horizon": {"start": "2027-01-04", "end": "2027-01-15"},
        "disciplines": [{"code": "SURG", "name": "Surgical oncologist"}],
        "tumour_groups": [{"code": "BREAST", "name": "Breast", "core_disciplines": ["SURG"]}],
        "networks": [{"id": "N1", "name": "Network 1"}, {"id": "N2", "name": "Network 2"}],
        "hospitals": [
            {"id": "H1", "name": "Centre 1", "network": "N1", "expert_centre": True},
            {"id": "H2", "name": "Hospital 2", "network": "N2", "expert_centre": False},
        ],
        "experts": [
            {**surgeon, "id": "E1", "name": "Dr. One", "hospital": "H1", "serves": ["H1"]},
            {**surgeon, "id": "E2", "name": "Dr. Two", "hospital": "H2", "serves": ["H2"]},
        ],
        "sessions": [
            {
                **session,
                "id": "SUP",
                "echelon": "supraregional",
                "hospital": "H1",
                "date": "2027-01-04",
                "duration_min": 20,
            },
            {
                **session,
                "id": "REG",
                "echelon": "regional",
                "hospital": "H1",
                "date": "2027-01-14",
                "duration_min": 60,
            },
        ],
        "cases": [
            {
                **case,
                "id": "A",
                "patient": "P-1",
                "hospital": "H1",
                "echelon": "regional",
                "due": "2027-01-05",
            },
            {
                **case,
                "id": "B",
                "patient": "P-2",
                "hospital": "H2",
                "echelon": "supraregional",
                "due": "2027-01-08",
            },
        ],
        "weights": dict(DEFAULT_WEIGHTS),
    }


@pytest.mark.parametrize("shared", [True, False])
def test_a_split_groups_supra_regional_seats_are_shared_out_across_networks(
    monkeypatch: Any, shared: bool
) -> None:
    """Issue 19, national: a large group is cut into one piece per network, and each moves
    only its own network's cases, so network 1's escalated case kept the supra-regional seat
    that network 2's case needed. The group's shared piece (every network's cases in its
    supra-regional sessions, with their cheaper sessions) hands the seat over; without it the
    search ends with B unplanned."""
    from solver import lns
    from solver.greedy import try_place
    from solver.instance import build_instance
    from solver.state import PlanState

    monkeypatch.setattr(lns, "WHOLE_GROUP_MAX_PAIRS", 0)  # cut every group by network
    if not shared:
        monkeypatch.setattr(lns, "shared_pieces", lambda inst, pieces=None: [])
    inst = build_instance(scenario_to_problem(_two_networks_one_supra_seat()).problem)
    a, b = inst.c_ids.index("A"), inst.c_ids.index("B")
    sup, reg = inst.s_index["SUP"], inst.s_index["REG"]
    state = PlanState(inst)
    assert try_place(state, a) and try_place(state, b) is False
    assert state.case_sess[a] == sup  # escalated (50) beats nine days late (180 + 10)
    lns.improve(
        state,
        deadline=time.perf_counter() + 30,
        workers=1,
        seed=0,
        deterministic=True,
        max_rounds=2,
        cancel=None,
        report=lambda _phase: None,
        stats=lns.SearchStats(),
    )
    assert state.check() == []
    if shared:
        assert (state.case_sess[a], state.case_sess[b]) == (reg, sup)
    else:
        assert state.case_sess[b] == -1


def test_a_round_goes_through_shared_pieces_where_groups_are_cut_else_cross_pieces(
    monkeypatch: Any,
) -> None:
    """Nationally (groups cut by network) the shared pieces replace the pieces across groups
    and weeks, which gained least per second there; a regional network keeps its cross
    pieces (without them tight_week stays cases short of its optimum)."""
    from solver import lns
    from solver.instance import build_instance

    regional = build_instance(
        scenario_to_problem(json.loads(TIGHT_WEEK.read_text(encoding="utf-8"))).problem
    )
    keys = [p.key for p in lns.search_pieces(regional)]
    assert any(k.startswith("x/") for k in keys)
    assert not any(k.endswith("/shared") for k in keys)
    monkeypatch.setattr(lns, "WHOLE_GROUP_MAX_PAIRS", 0)  # cut every group by network
    two = build_instance(scenario_to_problem(_two_networks_one_supra_seat()).problem)
    cut = [p.key for p in lns.search_pieces(two)]
    assert cut == ["BREAST/N1", "BREAST/shared"]


def test_a_network_whose_group_is_cut_keeps_its_cross_pieces(monkeypatch: Any) -> None:
    """A group cut on a single network has nothing to share (its network's piece already
    moves every case of the supra-regional sessions): that network keeps its pieces across
    groups and weeks (a review found that one cut group dropped them for every group)."""
    from solver import lns
    from solver.instance import build_instance

    data = _two_networks_one_supra_seat()
    data["hospitals"][1]["network"] = "N1"  # one network only
    data["networks"] = data["networks"][:1]
    monkeypatch.setattr(lns, "WHOLE_GROUP_MAX_PAIRS", 0)
    inst = build_instance(scenario_to_problem(data).problem)
    keys = [p.key for p in lns.search_pieces(inst)]
    assert not any(k.endswith("/shared") for k in keys)
    assert any(k.startswith("x/") for k in keys)
