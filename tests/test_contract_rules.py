"""The solver's fast indexes agree with the contract's rule functions, and the cost is one.

``solver.instance`` decides rules 1-4 and rule 7's eligibility through indexes on (tumour group,
hospital / network) instead of asking ``solver.rules`` pair by pair, because nationally the pairs
number millions. These properties prove, on random small problems, that the candidate pools and
the expert pools hold exactly what the rule functions allow, and that the move check behind drag
and drop agrees with them too. The last test shows that ``solver.cost.plan_cost``, fed with the
plain values of a solved plan, is the cost the plan check computes and the objective the solver
reports.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import solver
from mdo_planner.planning.adapter import result_to_plan, scenario_to_problem
from mdo_planner.services.plan_rules import CaseFacts, SessionFacts, move_breaches
from solver import contract, rules
from solver.cost import Placed, Unplanned, Weights, placed_cost, plan_cost, unplanned_cost
from solver.instance import build_instance
from solver.model import Case, Expert, Problem, Session
from solver.plan_check import check_plan
from tests.conftest import TINY

H0 = dt.date(2027, 1, 4)
H1 = dt.date(2027, 1, 15)
HOSPITALS = {"H1": "N1", "H2": "N1", "H3": "N2", "H4": "N2"}
GROUPS = ("BREAST", "LUNG")
DISCIPLINES = ("SURG", "PATH")

days = st.integers(min_value=-3, max_value=14).map(lambda n: H0 + dt.timedelta(days=n))
hospitals = st.sampled_from(sorted(HOSPITALS))
echelons = st.sampled_from(contract.ECHELONS)
groups = st.sampled_from(GROUPS)


@st.composite
def sessions(draw: Any, i: int) -> Session:
    return Session(
        id=f"S{i}",
        tumour_group=draw(groups),
        echelon=draw(echelons),
        hospital=draw(hospitals),
        date=draw(days),
        start_min=draw(st.sampled_from((480, 510, 960))),
        duration_min=draw(st.integers(min_value=10, max_value=60)),
    )


@st.composite
def experts(draw: Any, i: int) -> Expert:
    leave = []
    if draw(st.booleans()):
        a = draw(days)
        leave.append((a, a + dt.timedelta(days=draw(st.integers(0, 4)))))
    return Expert(
        id=f"E{i}",
        discipline=draw(st.sampled_from(DISCIPLINES)),
        hospital=draw(hospitals),
        tumour_groups=tuple(draw(st.sets(groups, min_size=1))),
        serves=tuple(sorted(draw(st.sets(hospitals)))),
        max_echelon=draw(echelons),
        unavailable=tuple(leave),
    )


@st.composite
def cases(draw: Any, i: int) -> Case:
    ready = draw(days)
    echelon = draw(echelons)
    return Case(
        id=f"C{i}",
        hospital=draw(hospitals),
        tumour_group=draw(groups),
        echelon=echelon,
        minutes=contract.DEFAULT_MINUTES[echelon],
        ready=ready,
        due=ready + dt.timedelta(days=draw(st.integers(0, 10))),
        urgent=draw(st.booleans()),
        previous_session=draw(st.one_of(st.none(), st.sampled_from(("S0", "S1", "S99")))),
    )


@st.composite
def problems(draw: Any) -> Problem:
    n_s, n_e, n_c = draw(st.integers(1, 8)), draw(st.integers(0, 8)), draw(st.integers(0, 8))
    return Problem(
        horizon_start=H0,
        horizon_end=H1,
        hospital_network=dict(HOSPITALS),
        core_disciplines={g: DISCIPLINES for g in GROUPS},
        sessions=tuple(draw(sessions(i)) for i in range(n_s)),
        experts=tuple(draw(experts(i)) for i in range(n_e)),
        cases=tuple(draw(cases(i)) for i in range(n_c)),
        weights=Weights(late_day=draw(st.integers(0, 30)), urgent_factor=draw(st.integers(1, 6))),
    )


def _takes(p: Problem, c: Case, s: Session) -> bool:
    """Rules 1-4 for one pair, asked of ``solver.rules`` alone."""
    net = p.hospital_network
    return (
        rules.rule_1_tumour_group(c.tumour_group, s.tumour_group)
        and rules.rule_2_echelon(c.echelon, s.echelon)
        and rules.rule_3_geography(
            s.echelon, s.hospital, net.get(s.hospital, ""), c.hospital, net.get(c.hospital, "")
        )
        and rules.rule_4_ready(c.ready, s.date)
        and rules.rule_4_horizon(s.date, p.horizon_start, p.horizon_end)
    )


def _eligible(p: Problem, e: Expert, s: Session) -> bool:
    """Rule 7's eligibility (tumour group, geography), asked of ``solver.rules`` alone."""
    net = p.hospital_network
    return rules.rule_7_tumour_group(e.tumour_groups, s.tumour_group) and rules.rule_7_geography(
        s.echelon,
        s.hospital,
        net.get(s.hospital, ""),
        e.serves or (e.hospital,),
        e.max_echelon,
        net.get(e.hospital, ""),
    )


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(problems())
def test_candidate_pools_hold_exactly_what_rules_1_to_4_allow(p: Problem) -> None:
    inst = build_instance(p)
    w = p.weights
    for ci, c in enumerate(p.cases):
        pool = {inst.s_ids[s]: cost for s, cost in inst.c_cand[ci]}
        assert set(pool) == {s.id for s in p.sessions if _takes(p, c, s)}, c
        for s in p.sessions:
            if s.id in pool:
                placed = Placed(
                    days_after_due=(s.date - c.due).days,
                    days_after_ready=(s.date - c.ready).days,
                    levels_up=contract.LEVEL[s.echelon] - contract.LEVEL[c.echelon],
                    urgent=c.urgent,
                    moved=c.previous_session is not None and c.previous_session != s.id,
                )
                assert pool[s.id] == placed_cost(w, placed)
        had = c.previous_session is not None
        assert inst.c_unplanned_cost[ci] == unplanned_cost(w, Unplanned(c.urgent, had))


@FAST
@given(problems())
def test_expert_pools_hold_exactly_what_rule_7_allows(p: Problem) -> None:
    inst = build_instance(p)
    for s in p.sessions:
        i = inst.s_index.get(s.id)
        if i is None:
            assert not rules.rule_4_horizon(s.date, p.horizon_start, p.horizon_end)
            continue
        elig = {inst.e_ids[e] for lst in inst.s_elig[i].values() for e in lst}
        away = {inst.e_ids[e] for lst in inst.s_away[i].values() for e in lst}
        ok = {e.id for e in p.experts if _eligible(p, e, s)}
        free = {e.id for e in p.experts if rules.rule_7_available(s.date, e.unavailable)}
        assert elig == ok & free
        assert away == ok - free
        for d, lst in inst.s_elig[i].items():
            assert all(inst.e_disc[e] == d for e in lst)


@FAST
@given(problems())
def test_the_move_check_agrees_with_the_candidate_pools(p: Problem) -> None:
    inst = build_instance(p)
    net = p.hospital_network
    for ci, c in enumerate(p.cases):
        pool = {inst.s_ids[s] for s, _ in inst.c_cand[ci]}
        facts = CaseFacts(
            c.id, c.tumour_group, c.echelon, c.hospital, net[c.hospital], c.ready, c.minutes
        )
        for s in p.sessions:
            target = SessionFacts(
                s.id, s.tumour_group, s.echelon, s.hospital, net[s.hospital], s.date, 60
            )
            broken = move_breaches(
                facts,
                target,
                used_minutes=0,
                horizon=(p.horizon_start, p.horizon_end),
                core=(),
                staffed=set(),
            )
            assert (not broken) == (s.id in pool), (c, s, broken)
            assert all(b.rule_text == rules.RULES[b.rule] for b in broken)


def test_every_rule_has_its_sentence() -> None:
    assert sorted(rules.RULES) == list(range(1, 9))
    numbered = {int(n.split("_")[1]) for n in dir(rules) if n.startswith("rule_")}
    assert numbered == set(rules.RULES)


def test_the_cost_function_is_the_checkers_cost_of_a_solved_plan() -> None:
    scn = json.loads(TINY.read_text(encoding="utf-8"))
    prepared = scenario_to_problem(scn)
    opts = solver.SolveOptions(
        time_limit_s=2.0, workers=1, seed=1, deterministic=True, max_rounds=2
    )
    plan = result_to_plan(prepared, solver.solve(prepared.problem, opts))
    cases = {c["id"]: c for c in scn["cases"]}
    sessions = {s["id"]: s for s in scn["sessions"]}
    previous = {p["case"]: p["session"] for p in scn.get("previous_plan") or []}
    w = Weights(**{**contract.DEFAULT_WEIGHTS, **(scn.get("weights") or {})})
    placed = []
    for a in plan["assignments"]:
        c, s = cases[a["case"]], sessions[a["session"]]
        day = dt.date.fromisoformat(s["date"])
        placed.append(
            Placed(
                days_after_due=(day - dt.date.fromisoformat(c["due"])).days,
                days_after_ready=(day - dt.date.fromisoformat(c["ready"])).days,
                levels_up=contract.LEVEL[s["echelon"]] - contract.LEVEL[c["echelon"]],
                urgent=bool(c.get("urgent")),
                moved=c["id"] in previous and previous[c["id"]] != s["id"],
            )
        )
    unplanned = [
        Unplanned(bool(cases[u["case"]].get("urgent")), u["case"] in previous)
        for u in plan["unplanned"]
    ]
    attendances = sum(len(row["experts"]) for row in plan["attendance"])
    cost = plan_cost(w, placed, unplanned, attendances)
    verdict = check_plan(scn, plan)
    assert verdict.valid, verdict.violations
    assert placed, "the tiny scenario places cases"
    assert cost == verdict.metrics["cost"] == plan["solver"]["objective"]


def test_the_move_checks_sql_eligibility_is_rule_7(tmp_path) -> None:
    """``plan_rules.eligible_experts`` writes rule 7's eligibility as one SQL query (thousands of
    experts nationally): on the tiny network it finds exactly the experts the rule functions
    allow, session by session."""
    from sqlalchemy import select

    from db import models as m
    from mdo_planner.services.plan_rules import eligible_experts
    from tests.scenario_rows import filled_database, tiny_scenario

    db = filled_database(tmp_path / "r.sqlite", tiny_scenario())
    with db.session() as s:
        experts = s.scalars(select(m.Expert)).all()
        checked = 0
        for x in s.scalars(select(m.MeetingSession)).all():
            found = {eid for eid, _code, _limit in eligible_experts(s, x)}
            allowed = {
                e.id
                for e in experts
                if e.active
                and rules.rule_7_tumour_group(
                    [g.code for g in e.tumour_groups], x.tumour_group.code
                )
                and rules.rule_7_geography(
                    x.echelon,
                    x.hospital.code,
                    x.hospital.network.code,
                    [h.code for h in e.serves],
                    e.max_echelon,
                    e.hospital.network.code,
                )
                and rules.rule_7_available(x.date, [(p.start, p.end) for p in e.leave])
            }
            assert found == allowed, x.code
            checked += bool(found)
        assert checked, "some session of the tiny network has eligible experts"
