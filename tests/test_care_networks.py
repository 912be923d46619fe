"""Oncology care networks (issue 15): the NVPO criterion, routing of referrals, and network
consultations planned by the engine with the same guarantees as hospital MDOs."""

from __future__ import annotations

import copy

import pytest

import solver
from mdo_planner import care
from mdo_planner.contract_io.scenario import ScenarioError, validate_scenario
from mdo_planner.planning.adapter import result_to_plan, scenario_to_problem
from solver.plan_check import check_plan
from tests.care_scenario import care_scenario
from tests.judge import judge

ROLES = {code: role for code, _name, role in care.CARE_DISCIPLINES}


def crit(*codes: str) -> care.Criterion:
    return care.check_criterion((c, ROLES[c]) for c in codes)


# --------------------------------------------------------------------------- NVPO criterion


def test_the_three_named_disciplines_plus_two_others_meet_the_criterion() -> None:
    result = crit("PHYSIO", "PSYCH", "DIET", "GP", "OCC_THER")
    assert result.meets and result.text() == "meets the criterion"


def test_no_dietitian_is_named() -> None:
    result = crit("PHYSIO", "PSYCH", "GP", "OCC_THER", "SEXOL")
    assert not result.meets and result.text() == "no dietitian"


def test_five_professionals_of_four_disciplines_are_four_disciplines() -> None:
    # two physiotherapists of the same discipline count once
    pros = [
        ("PHYSIO", ROLES["PHYSIO"]),
        ("PHYSIO", ROLES["PHYSIO"]),
        ("PSYCH", ROLES["PSYCH"]),
        ("DIET", ROLES["DIET"]),
        ("GP", None),
    ]
    result = care.check_criterion(pros)
    assert result.text() == "4 disciplines, at least 5 needed"


def test_a_social_worker_counts_as_psychosocial() -> None:
    assert crit("PHYSIO", "SOC_WORK", "DIET", "GP", "OCC_THER").meets
    assert (
        crit("PHYSIO", "DIET", "GP", "OCC_THER", "SEXOL").text() == "no psychosocial care provider"
    )


def test_an_oncology_physiotherapist_counts_as_physiotherapist() -> None:
    assert crit("ONC_PHYSIO", "SOC_WORK", "DIET", "GP", "OCC_THER").meets


def test_everything_missing_is_named_at_once() -> None:
    assert crit("GP", "OCC_THER").text() == (
        "no physiotherapist; no psychosocial care provider; no dietitian; "
        "2 disciplines, at least 5 needed"
    )


# --------------------------------------------------------------------------- routing


def test_region_holds_postcode_areas_ranges_and_municipalities() -> None:
    assert care.region_holds(["5600-5658"], "5612 AB", None)
    assert not care.region_holds(["5600-5658"], "5700 AA", None)
    assert care.region_holds(["56"], "5612AB", None)
    assert care.region_holds(["Eindhoven"], None, "eindhoven")
    assert not care.region_holds(["Eindhoven"], "not a postcode", None)


def test_the_referral_goes_to_the_network_whose_region_holds_the_patient() -> None:
    sc = validate_scenario(care_scenario())
    ref = next(c for c in sc["cases"] if c["id"] == "REF-1")
    assert ref["referral"]["care_network"] == "RIVIER"
    assert ref["tumour_group"] == "CN-RIVIER" and ref["echelon"] == "supraregional"
    # nutrition and bowel first: the dietitian first, then the physiotherapist
    assert ref["extra_disciplines"] == ["DIET", "PHYSIO"]
    assert "region holds 5612 AB" in ref["referral"]["routing"]
    assert "first: Dietitian" in ref["referral"]["routing"]


def test_a_patient_outside_every_region_is_refused_with_the_reason() -> None:
    data = care_scenario()
    data["cases"][-1]["referral"]["postcode"] = "9999 ZZ"
    with pytest.raises(ScenarioError) as err:
        validate_scenario(data, "care.json")
    assert (
        "$.cases[3].referral: not routed to a care network: no care network's region "
        "holds the patient's address 9999 ZZ" in str(err.value)
    )


def test_a_network_without_the_needed_discipline_is_passed_over_with_the_reason() -> None:
    facts = [
        care.NetworkFacts(
            "KEMPEN",
            "De Kempen",
            ("5500-5599",),
            {"PHYSIO": ["K. Fysio"], "SOC_WORK": ["K. Maatschappelijk"]},
        )
    ]
    routing = care.route(["nutrition_bowel"], "5501", None, facts, {"DIET": "Dietitian"})
    assert routing.network is None
    assert routing.reason.endswith("De Kempen has no Dietitian")


def test_consultation_core_disciplines_must_include_the_nvpo_three() -> None:
    data = care_scenario()
    data["care_networks"][0]["core_disciplines"] = ["PHYSIO", "PSYCH"]
    with pytest.raises(ScenarioError) as err:
        validate_scenario(data, "care.json")
    assert "$.care_networks[0].core_disciplines" in str(err.value)
    assert "no dietitian" in str(err.value)


# --------------------------------------------------------------------------- planning


def _solve(data: dict) -> tuple[dict, dict]:
    sc = validate_scenario(data)
    prepared = scenario_to_problem(sc)
    result = solver.solve(prepared.problem, solver.SolveOptions(time_limit_s=5, deterministic=True))
    return sc, result_to_plan(prepared, result)


def test_the_referral_is_planned_into_a_consultation_where_dietitian_and_physio_attend() -> None:
    sc, plan = _solve(care_scenario())
    placed = {a["case"]: a["session"] for a in plan["assignments"]}
    assert placed["REF-1"] in ("NC-1", "NC-2")
    staff = {a["session"]: set(a["experts"]) for a in plan["attendance"]}
    assert {"P-DIET", "P-PHYS"} <= staff[placed["REF-1"]]
    # hospital MDOs and care-network consultations in one plan, valid by the engine's rules
    # (and by the contract's independent checker where ../shared is present: it ignores the
    # care fields and sees sessions and cases)
    verdict = judge(sc, plan)
    assert verdict["valid"], verdict["violations"]
    assert placed["C1"] == "S1"


def test_with_the_dietitian_on_leave_the_referral_is_unplanned_naming_the_dietitian() -> None:
    sc, plan = _solve(care_scenario(dietitian_on_leave=True))
    unplanned = {u["case"]: u["reason"] for u in plan["unplanned"]}
    assert "REF-1" in unplanned
    assert "Dietitian" in unplanned["REF-1"] and "M. Diëtist" in unplanned["REF-1"]
    assert check_plan(sc, plan).valid


def test_hospital_mdos_never_take_referrals_nor_consultations_cases() -> None:
    sc, plan = _solve(care_scenario())
    kind = {s["id"]: s.get("care_network") for s in sc["sessions"]}
    for a in plan["assignments"]:
        assert (kind[a["session"]] is not None) == a["case"].startswith("REF-")


def test_the_normalised_scenario_is_a_fixed_point() -> None:
    # what the reader fills in is kept, so that reading it again changes nothing
    sc = validate_scenario(care_scenario())
    assert validate_scenario(copy.deepcopy(sc)) == sc


def test_junk_anywhere_in_the_care_fields_is_a_scenario_error_never_a_crash() -> None:
    """Bad input is reported with its JSON path: no TypeError from an unhashable id, a number
    where a list belongs, etc. (a deterministic sample of mutations)."""
    import random

    junk = [None, 5, 1.5, "", "x", [], {}, [1, 2], {"a": 1}, True, [["x"]], "RIVIER"]
    base = care_scenario()

    def paths(o, p=()):  # type: ignore[no-untyped-def]
        yield p
        items = o.items() if isinstance(o, dict) else enumerate(o) if isinstance(o, list) else ()
        for k, v in items:
            yield from paths(v, (*p, k))

    targets = [
        p
        for p in paths(base)
        if p
        and p[0] in ("care_networks", "cases", "sessions", "hospitals", "disciplines", "experts")
    ]
    rng = random.Random(15)
    for _ in range(400):
        data = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            path, obj = rng.choice(targets), data
            try:
                for key in path[:-1]:
                    obj = obj[key]
                obj[path[-1]] = copy.deepcopy(rng.choice(junk))
            except (KeyError, IndexError, TypeError):
                pass
        try:
            validate_scenario(data, "care.json")
        except ScenarioError as exc:
            assert str(exc).startswith("care.json: ") and "$" in str(exc)
