"""Each block of the CP-SAT model (``solver/formulation.py``) tested on its own.

Every test builds a problem small enough to read, where exactly one hard rule decides the
optimum, and solves the sub-model of all sessions to optimality. Breaking the rule's block in
the builder makes its test fail (the optimum then places what the rule forbids).
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import cpsat, formulation
from solver.cost import Weights
from solver.instance import build_instance
from solver.model import Case, Expert, Problem, Session
from solver.state import PlanState

MON = date(2027, 1, 4)
TUE = date(2027, 1, 5)
W = Weights()


def _session(sid: str, day: date = MON, start: int = 600, minutes: int = 60) -> Session:
    return Session(sid, "lung", "local", "H1", day, start, minutes)


def _case(cid: str, minutes: int = 30, **kw: object) -> Case:
    return Case(cid, "H1", "lung", "local", minutes, MON, date(2027, 1, 20), **kw)  # type: ignore[arg-type]


def _expert(eid: str, disc: str, per_week: int | None = None) -> Expert:
    return Expert(eid, disc, "H1", ("lung",), max_per_week=per_week)


def _problem(
    sessions: list[Session], cases: list[Case], experts: list[Expert], core: tuple[str, ...]
) -> Problem:
    return Problem(
        horizon_start=MON,
        horizon_end=date(2027, 1, 31),
        hospital_network={"H1": "N1"},
        core_disciplines={"lung": core},
        sessions=tuple(sessions),
        experts=tuple(experts),
        cases=tuple(cases),
    )


def _optimum(
    problem: Problem, *, relax: bool
) -> tuple[formulation.Sub, cpsat.SubResult, list[tuple[str, str]]]:
    inst = build_instance(problem)
    sub = formulation.build(PlanState(inst), list(range(inst.n_sessions)), relax_experts=relax)
    res = cpsat.run(sub, time_limit=10.0, seed=0, deterministic=True)
    assert res.status == "OPTIMAL"
    # an empty plan costs every case's unplanned cost: a cheaper optimum places cases
    placed = [(inst.c_ids[c], inst.s_ids[s]) for c, s in res.chosen]
    return sub, res, sorted(placed)


def test_variables_carry_readable_names() -> None:
    """A model dump reads as the plan: x[case,session], open, need and y[expert,session]."""
    p = _problem(
        [_session("S1")],
        [_case("C1", extra_disciplines=("path",))],
        [_expert("E1", "pulm"), _expert("E2", "path")],
        core=("pulm",),
    )
    sub = formulation.build(PlanState(build_instance(p)), [0], relax_experts=False)
    names = {v.name for v in sub.model.proto.variables}
    assert {"x[C1,S1]", "open[S1]", "need[S1,path]", "y[E1,S1]", "y[E2,S1]"} <= names


def test_rule_5_minutes_fit_the_session() -> None:
    """Two 40-minute cases, one 60-minute session: only one fits."""
    p = _problem(
        [_session("S1")],
        [_case("C1", 40), _case("C2", 40)],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    _, res, placed = _optimum(p, relax=False)
    assert len(placed) == 1
    assert res.new_cost == W.unplanned + W.attendance


def test_rule_6_an_extra_discipline_needs_its_expert() -> None:
    """A case needing pathology, and no pathologist: it cannot be placed."""
    p = _problem(
        [_session("S1")],
        [_case("C1", extra_disciplines=("path",)), _case("C2")],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    for relax in (False, True):
        _, _, placed = _optimum(p, relax=relax)
        assert placed == [("C2", "S1")], relax


def test_rule_6_core_discipline_paid_per_open_session() -> None:
    """Two core disciplines: an open session pays two attendances (exact and pooled alike)."""
    p = _problem(
        [_session("S1")],
        [_case("C1")],
        [_expert("E1", "pulm"), _expert("E2", "onc")],
        core=("pulm", "onc"),
    )
    for relax in (False, True):
        _, res, placed = _optimum(p, relax=relax)
        assert placed == [("C1", "S1")]
        assert res.new_cost == 2 * W.attendance, relax


def test_rule_7_weekly_limit() -> None:
    """The only pulmonologist may attend one session a week: the second session stays shut."""
    p = _problem(
        [_session("S1", MON), _session("S2", TUE)],
        [_case("C1", 60), _case("C2", 60)],
        [_expert("E1", "pulm", per_week=1)],
        core=("pulm",),
    )
    _, _, placed = _optimum(p, relax=False)
    assert len(placed) == 1


def test_rule_7_weekly_limit_as_a_capacity_cut_in_the_pooled_model() -> None:
    """The pooled model has no expert variables; its Hall-type cut keeps the same limit."""
    p = _problem(
        [_session("S1", MON), _session("S2", TUE)],
        [_case("C1", 60), _case("C2", 60)],
        [_expert("E1", "pulm", per_week=1)],
        core=("pulm",),
    )
    _, _, placed = _optimum(p, relax=True)
    assert len(placed) == 1


def test_rule_7_no_overlapping_sessions() -> None:
    """Two sessions at the same time and one pulmonologist: only one can take place."""
    p = _problem(
        [_session("S1", start=600), _session("S2", start=630)],
        [_case("C1", 60), _case("C2", 60)],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    for relax in (False, True):
        _, _, placed = _optimum(p, relax=relax)
        assert len(placed) == 1, relax


def test_rule_7_same_time_cut_for_a_smaller_pool_inside_the_moment() -> None:
    """Four sessions at 10:00: three at H1 that only E1 and E2 may attend, one at H2 that
    E3 and E4 may attend as well. The four experts could sit in four sessions at once, but
    only two of the three H1 sessions can have a pulmonologist: the pooled model must see the
    smaller pool inside the moment too (it opened all three and the exact staffing had to
    reject the proposal; on regional-s4-tight every proposal for one colorectal week)."""
    h1 = [Session(f"S{i}", "lung", "local", "H1", MON, 600, 60) for i in (1, 2, 3)]
    s4 = Session("S4", "lung", "local", "H2", MON, 600, 60)
    cases = [_case(f"C{i}", 60) for i in (1, 2, 3)]
    cases.append(Case("C4", "H2", "lung", "local", 60, MON, date(2027, 1, 20)))
    both = ("H1", "H2")
    experts = [
        Expert("E1", "pulm", "H1", ("lung",), serves=both),
        Expert("E2", "pulm", "H1", ("lung",), serves=both),
        Expert("E3", "pulm", "H2", ("lung",), serves=("H2",)),
        Expert("E4", "pulm", "H2", ("lung",), serves=("H2",)),
    ]
    p = Problem(
        horizon_start=MON,
        horizon_end=date(2027, 1, 31),
        hospital_network={"H1": "N1", "H2": "N1"},
        core_disciplines={"lung": ("pulm",)},
        sessions=(*h1, s4),
        experts=tuple(experts),
        cases=tuple(cases),
    )
    for relax in (False, True):
        _, _, placed = _optimum(p, relax=relax)
        assert len(placed) == 3, relax
        assert ("C4", "S4") in placed, relax


def test_rule_8_a_pinned_case_sits_in_its_session() -> None:
    """Pinned, the case keeps its session although an urgent case would cost more left out."""
    p = _problem(
        [_session("S1")],
        [_case("C1", 60, pinned_session="S1"), _case("C2", 60, urgent=True)],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    _, _, placed = _optimum(p, relax=False)
    assert placed == [("C1", "S1")]


def test_objective_is_the_contract_cost() -> None:
    """Placing a case saves its unplanned cost and pays its waiting days and attendance."""
    p = _problem(
        [_session("S2", TUE)],
        [_case("C1")],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    _, res, placed = _optimum(p, relax=False)
    assert placed == [("C1", "S2")]
    # ready Monday, discussed Tuesday: one waiting day, one attendance
    assert res.new_cost == W.wait_day + W.attendance


def _lp_value(model: object) -> float:
    """The LP relaxation of a CP-SAT model of booleans, linear rows, implications and
    at-most/exactly-one constraints (all the formulation uses), solved with GLOP."""
    from ortools.linear_solver import pywraplp

    p = model.proto  # type: ignore[attr-defined]
    lp = pywraplp.Solver.CreateSolver("GLOP")
    inf = lp.infinity()
    xs = [
        lp.NumVar(float(v.domain[0]), float(v.domain[len(v.domain) - 1]), "") for v in p.variables
    ]
    for ct in p.constraints:
        assert all(lit >= 0 for lit in ct.enforcement_literal)
        if ct.has_linear():
            lo, hi = ct.linear.domain[0], ct.linear.domain[len(ct.linear.domain) - 1]
            row = lp.Constraint(-inf if lo < -(2**62) else lo, inf if hi > 2**62 else hi)
            for v, k in zip(ct.linear.vars, ct.linear.coeffs, strict=True):
                row.SetCoefficient(xs[v], float(k))
        elif ct.has_bool_and():  # enforcement => each literal
            (a,) = ct.enforcement_literal
            for lit in ct.bool_and.literals:
                row = lp.Constraint(-inf, 0.0)
                row.SetCoefficient(xs[a], 1.0)
                row.SetCoefficient(xs[lit], -1.0)
        else:
            one = ct.exactly_one if ct.has_exactly_one() else ct.at_most_one
            assert ct.has_exactly_one() or ct.has_at_most_one(), str(ct)
            row = lp.Constraint(1.0 if ct.has_exactly_one() else -inf, 1.0)
            for lit in one.literals:
                row.SetCoefficient(xs[lit], 1.0)
    obj = lp.Objective()
    for v, k in zip(p.objective.vars, p.objective.coeffs, strict=True):
        obj.SetCoefficient(xs[v], obj.GetCoefficient(xs[v]) + float(k))
    obj.SetMinimization()
    assert lp.Solve() == pywraplp.Solver.OPTIMAL
    return float(obj.Value()) + float(p.objective.offset)


@pytest.mark.parametrize("fixture", ["tiny", "tight_week"])
def test_lp_bound_is_the_relaxation_of_the_pooled_model(fixture: str, monkeypatch: Any) -> None:
    """``bound.lp_bound`` writes the group LP for GLOP itself (measured: building it from this
    model instead costs 26% more time on national-s3, see docs/benchmarks.md). This proves the
    two describe the same relaxation: per tumour group, the LP of the pooled model with every
    expert's full limit equals ``lp_bound`` without the capacity cuts, and the cuts only
    strengthen it."""
    from mdo_planner.planning.adapter import scenario_to_problem
    from solver.bound import lp_bound
    from tests.conftest import TIGHT_WEEK, TINY

    path = {"tiny": TINY, "tight_week": TIGHT_WEEK}[fixture]
    inst = build_instance(scenario_to_problem(json.loads(path.read_text("utf-8"))).problem)
    groups: dict[str, list[int]] = {}
    for c, case in enumerate(inst.problem.cases):
        groups.setdefault(case.tumour_group, []).append(c)
    for g, cs in sorted(groups.items()):
        sess = [s for s in range(inst.n_sessions) if inst.s_tg[s] == g]
        expected = lp_bound(inst, experts=False, cases=cs)
        assert expected is not None

        def lp_of_model(cs: list[int] = cs, sess: list[int] = sess) -> int:
            sub = formulation.build(
                PlanState(inst), sess, relax_experts=True, static_experts=True, cases=cs
            )
            v = _lp_value(sub.model)
            return max(0, math.ceil(v - 1e-6 * abs(v) - 1e-3))

        with_cuts = lp_of_model()
        monkeypatch.setattr(formulation, "SCARCE_POOL", 0)
        assert lp_of_model() == expected, g
        monkeypatch.undo()
        assert with_cuts >= expected, g


@st.composite
def _crowded_day(draw: st.DrawFn) -> Problem:
    """One Monday and Tuesday at two hospitals: overlapping sessions, pulmonologists with
    small, partly shared pools and weekly limits, cases that need an oncologist as well."""
    sessions = []
    for i in range(draw(st.integers(2, 6))):
        day = draw(st.sampled_from((MON, TUE)))
        start = draw(st.sampled_from((480, 510, 540, 600)))
        hosp = draw(st.sampled_from(("H1", "H2")))
        sessions.append(Session(f"S{i}", "lung", "local", hosp, day, start, 60))
    cases = []
    for i in range(draw(st.integers(2, 8))):
        hosp = draw(st.sampled_from(("H1", "H2")))
        extra = ("onc",) if draw(st.booleans()) else ()
        minutes = draw(st.sampled_from((20, 30, 45)))
        cases.append(
            Case(f"C{i}", hosp, "lung", "local", minutes, MON, date(2027, 1, 20), extra)  # type: ignore[arg-type]
        )
    experts = []
    for i in range(draw(st.integers(1, 4))):
        disc = draw(st.sampled_from(("pulm", "pulm", "onc")))
        serves = draw(st.sampled_from((("H1",), ("H2",), ("H1", "H2"))))
        per_week = draw(st.sampled_from((None, 1, 2)))
        experts.append(Expert(f"E{i}", disc, serves[0], ("lung",), serves, max_per_week=per_week))
    return Problem(
        horizon_start=MON,
        horizon_end=date(2027, 1, 31),
        hospital_network={"H1": "N1", "H2": "N1"},
        core_disciplines={"lung": ("pulm",)},
        sessions=tuple(sessions),
        experts=tuple(experts),
        cases=tuple(cases),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_crowded_day())
def test_the_pooled_models_cuts_never_cut_off_a_staffable_plan(problem: Problem) -> None:
    """The pooled model is a relaxation: its optimum (weekly-limit and same-moment cuts
    included) is never above the exact model's, or the bound it proves would be a lie."""
    inst = build_instance(problem)
    everything = list(range(inst.n_sessions))
    optimum = {}
    for relax in (False, True):
        sub = formulation.build(
            PlanState(inst), everything, relax_experts=relax, static_experts=relax
        )
        res = cpsat.run(sub, time_limit=10.0, seed=0, deterministic=True)
        assert res.status == "OPTIMAL"
        optimum[relax] = res.new_cost
    assert optimum[True] <= optimum[False]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_crowded_day())
def test_a_learnt_discipline_is_staffed_exactly_in_the_pooled_model(problem: Problem) -> None:
    """Once a proposal failed for a discipline and week, the pooled model seats that
    discipline's experts itself: with every discipline learnt, its optimum is the exact one
    (the cuts alone may still leave it below: a proposal that passes them can be
    unstaffable)."""
    inst = build_instance(problem)
    everything = list(range(inst.n_sessions))
    learnt = {(e.discipline, w): 99 for e in problem.experts for w in set(inst.s_week)}
    exact = formulation.build(PlanState(inst), everything, relax_experts=False)
    pooled = formulation.build(
        PlanState(inst), everything, relax_experts=True, static_experts=True, limits=learnt
    )
    cost = []
    for sub in (exact, pooled):
        res = cpsat.run(sub, time_limit=10.0, seed=0, deterministic=True)
        assert res.status == "OPTIMAL"
        cost.append(res.new_cost)
    assert cost[1] == cost[0]


def test_a_seat_that_passed_on_is_never_left_empty() -> None:
    """The pooled model moved E1's seat in S2 (outside the piece) to E2, and E1 to S1. When
    E2 can no longer attend S2 by the time the proposal is applied (another piece seated him
    at the same hour), S2 must not be left without its pulmonologist: E1 cannot go back
    (weekly limit 1), nobody else can take it, so the proposal is refused and the plan is
    exactly as it was."""
    p = _problem(
        [_session("S1", MON), _session("S2", TUE), _session("S3", TUE)],
        [_case("C1", 60), _case("C2", 60, pinned_session="S2")],
        [_expert("E1", "pulm", per_week=1), _expert("E2", "pulm", per_week=2)],
        core=("pulm",),
    )
    inst = build_instance(p)
    state = PlanState(inst)
    state.place(1, 1)
    state.add_expert(0, 1)
    learnt = {("pulm", inst.s_week[0]): 1}
    sub = formulation.build(state, [0], relax_experts=True, limits=learnt)
    assert sub.reseat == [(1, "pulm")]
    res = cpsat.SubResult(True, sub.old_cost, sub.old_cost - 1, "FEASIBLE", len(sub.x))
    res.chosen = [(0, 0)]
    res.chosen_y = [(0, 0), (1, 1)]
    state.add_expert(1, 2)  # E2 now sits in S3, at the same hour as S2
    before = (list(state.case_sess), [{d: list(v) for d, v in st.items()} for st in state.staff])
    assert not cpsat.apply(state, sub, res)
    assert state.check() == []
    assert (
        list(state.case_sess),
        [{d: list(v) for d, v in st.items()} for st in state.staff],
    ) == before


def test_overlap_cliques_hold_only_sessions_that_meet() -> None:
    """9:30-10:00 and 10:00-10:30 do not overlap (the contract's intervals are half-open),
    though both overlap 9:30-10:30: the cliques are the sessions running at one moment, never
    a session with every later one that starts before it ends (which forbade an expert the
    two half-hour sessions and, in the exact seats of a learnt discipline, made the bound
    exceed the optimum)."""
    from solver.instance import overlap_cliques

    p = _problem(
        [
            _session("A", start=570, minutes=60),
            _session("B1", start=570, minutes=30),
            _session("B2", start=600, minutes=30),
            _session("C", start=700, minutes=30),
        ],
        [_case("C1", 30)],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    inst = build_instance(p)
    cliques = [sorted(inst.s_ids[s] for s in q) for q in overlap_cliques(inst, range(4))]
    assert sorted(cliques) == [["A", "B1"], ["A", "B2"]]


def test_rule_7_an_expert_attends_back_to_back_sessions() -> None:
    """One pulmonologist, 9:30-10:00 and 10:00-10:30 with a pinned case each, and 9:30-10:30
    with a case that could go there: he attends the two half hours (exact model, and pooled
    with the discipline staffed exactly), and the hour's case waits."""
    p = _problem(
        [
            _session("S3", start=570, minutes=60),
            _session("S1", start=570, minutes=30),
            _session("S2", start=600, minutes=30),
        ],
        [
            _case("C1", 30, pinned_session="S1"),
            _case("C2", 30, pinned_session="S2"),
            _case("C3", 60),
        ],
        [_expert("E1", "pulm")],
        core=("pulm",),
    )
    inst = build_instance(p)
    learnt = {("pulm", inst.s_week[0]): 9}
    for relax in (False, True):
        sub = formulation.build(
            PlanState(inst), [0, 1, 2], relax_experts=relax, static_experts=relax, limits=learnt
        )
        res = cpsat.run(sub, time_limit=10.0, seed=0, deterministic=True)
        assert res.status == "OPTIMAL", relax
        assert sorted(res.chosen) == [(0, 1), (1, 2)], relax


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from((MON, TUE)),
            st.integers(480, 720).map(lambda m: m - m % 15),
            st.sampled_from((15, 30, 45, 60, 90)),
        ),
        min_size=1,
        max_size=9,
    )
)
def test_overlap_cliques_are_exactly_the_overlaps(slots: list[tuple[date, int, int]]) -> None:
    """Every clique holds sessions that overlap pairwise, and every overlapping pair shares
    a clique: "at most one per clique" is then exactly "never two overlapping sessions"."""
    from solver.instance import overlap_cliques

    sessions = [_session(f"S{i}", d, start, minutes) for i, (d, start, minutes) in enumerate(slots)]
    inst = build_instance(_problem(sessions, [_case("C1")], [_expert("E1", "pulm")], ("pulm",)))

    def overlap(a: int, b: int) -> bool:
        return (
            inst.s_day[a] == inst.s_day[b]
            and inst.s_start[a] < inst.s_end[b]
            and inst.s_start[b] < inst.s_end[a]
        )

    cliques = [set(q) for q in overlap_cliques(inst, range(inst.n_sessions))]
    for q in cliques:
        assert all(overlap(a, b) for a in q for b in q if a != b)
    for a in range(inst.n_sessions):
        for b in range(a + 1, inst.n_sessions):
            if overlap(a, b):
                assert any({a, b} <= q for q in cliques), (a, b)
