"""Table-driven tests of the default rule set v1: every rule, every precedence case of the
contract's table, the extra disciplines and the suggested minutes."""

from __future__ import annotations

from typing import Any

import pytest

from mdo_planner.errors import UserError
from mdo_planner.triage import (
    LEVELS,
    Complexity,
    default_rule_set,
    level_rank,
    triage,
)

READY: dict[str, Any] = {"pathology_available": True, "imaging_available": True}
Q = "Primary treatment plan?"

# (name, complexity on top of READY, tumour group, question, level, rule ids in order, extra)
CASES: list[tuple[str, dict[str, Any] | None, str, str | None, str, list[str], list[str]]] = [
    # R0: readiness, naming what is missing; wins over everything
    ("R0 no pathology", {"pathology_available": False}, "BREAST", Q, "hold", ["R0"], []),
    ("R0 no imaging", {"imaging_available": False}, "BREAST", Q, "hold", ["R0"], []),
    ("R0 no question", {}, "BREAST", "", "hold", ["R0"], []),
    ("R0 blank question", {}, "BREAST", "  \n", "hold", ["R0"], []),
    ("R0 null question", {}, "BREAST", None, "hold", ["R0"], []),
    ("R0 nothing recorded", None, "BREAST", Q, "hold", ["R0"], []),
    (
        "R0 beats R1",
        {"pathology_available": False, "rare_tumour": True},
        "BREAST",
        Q,
        "hold",
        ["R0"],
        [],
    ),
    (
        "R0 beats expert-centre group",
        {"imaging_available": False},
        "SARCOMA",
        Q,
        "hold",
        ["R0"],
        [],
    ),
    (
        "R0 beats R3+R4",
        {"imaging_available": False, "recurrence": True, "frailty": True},
        "BREAST",
        Q,
        "hold",
        ["R0", "D2"],
        ["GERIATR"],
    ),
    (
        "R0 beats R6",
        {"pathology_available": False, "standard_of_care": True},
        "BREAST",
        Q,
        "hold",
        ["R0"],
        [],
    ),
    (
        "R0 keeps CLIN_GEN",
        {"pathology_available": False, "hereditary_suspected": True},
        "BREAST",
        Q,
        "hold",
        ["R0", "D1"],
        ["CLIN_GEN"],
    ),
    # R1: supra-regional
    ("R1 rare tumour", {"rare_tumour": True}, "BREAST", Q, "supraregional", ["R1"], []),
    (
        "R1 rare molecular",
        {"rare_molecular_alteration": True},
        "LUNG",
        Q,
        "supraregional",
        ["R1"],
        [],
    ),
    ("R1 second opinion", {"second_opinion": True}, "BREAST", Q, "supraregional", ["R1"], []),
    ("R1 expert centre only (sarcoma)", {}, "SARCOMA", Q, "supraregional", ["R1"], []),
    (
        "R1 no consensus at regional",
        {"no_consensus_previous": True, "previous_echelon": "regional"},
        "BREAST",
        Q,
        "supraregional",
        ["R1"],
        [],
    ),
    (
        "R1 no consensus at supra-regional",
        {"no_consensus_previous": True, "previous_echelon": "supraregional"},
        "BREAST",
        Q,
        "supraregional",
        ["R1"],
        [],
    ),
    # R2: centralised procedure
    ("R2 centralised", {"centralised_procedure": True}, "UPPER_GI", Q, "supraregional", ["R2"], []),
    # R3: regional
    ("R3 recurrence flag", {"recurrence": True}, "BREAST", Q, "regional", ["R3"], []),
    ("R3 recurrence phase", {"phase": "recurrence"}, "BREAST", Q, "regional", ["R3"], []),
    (
        "R3 metastatic curative",
        {"metastatic": True, "curative_options": True},
        "COLORECTAL",
        Q,
        "regional",
        ["R3"],
        [],
    ),
    ("R3 multimodal", {"multimodal": True}, "BREAST", Q, "regional", ["R3"], []),
    ("R3 discordant", {"discordant_findings": True}, "BREAST", Q, "regional", ["R3"], []),
    ("R3 guideline deviation", {"guideline_deviation": True}, "BREAST", Q, "regional", ["R3"], []),
    ("R3 trial candidate", {"trial_candidate": True}, "BREAST", Q, "regional", ["R3"], []),
    (
        "R3 no consensus at local",
        {"no_consensus_previous": True, "previous_echelon": "local"},
        "BREAST",
        Q,
        "regional",
        ["R3"],
        [],
    ),
    (
        "R3 no consensus, echelon unknown",
        {"no_consensus_previous": True},
        "BREAST",
        Q,
        "regional",
        ["R3"],
        [],
    ),
    # not R3: only one half of "metastatic with curative options"
    ("metastatic alone is local", {"metastatic": True}, "BREAST", Q, "local", ["R5"], []),
    ("curative alone is local", {"curative_options": True}, "BREAST", Q, "local", ["R5"], []),
    (
        "previous echelon alone is local",
        {"previous_echelon": "regional"},
        "BREAST",
        Q,
        "local",
        ["R5"],
        [],
    ),
    # highest wins among R1-R3
    (
        "R1 over R3",
        {"rare_tumour": True, "recurrence": True},
        "BREAST",
        Q,
        "supraregional",
        ["R1", "R3"],
        [],
    ),
    (
        "R2 over R3",
        {"centralised_procedure": True, "multimodal": True},
        "BREAST",
        Q,
        "supraregional",
        ["R2", "R3"],
        [],
    ),
    (
        "R1 and R2",
        {"second_opinion": True, "centralised_procedure": True},
        "BREAST",
        Q,
        "supraregional",
        ["R1", "R2"],
        [],
    ),
    # R4: one level up, never above regional, never lowering
    (
        "R4 frailty on R5",
        {"frailty": True},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4", "D2"],
        ["GERIATR"],
    ),
    ("R4 cognitive", {"cognitive_impairment": True}, "BREAST", Q, "regional", ["R5", "R4"], []),
    (
        "R4 comorbidity",
        {"significant_comorbidity": True, "age": 60},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4"],
        [],
    ),
    (
        "R4 treatment failure",
        {"previous_treatment_failure": True},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4"],
        [],
    ),
    ("R4 psychosocial", {"psychosocial_issues": True}, "BREAST", Q, "regional", ["R5", "R4"], []),
    ("R4 preference", {"conflicting_preference": True}, "BREAST", Q, "regional", ["R5", "R4"], []),
    (
        "R4 several factors: still one level",
        {"psychosocial_issues": True, "conflicting_preference": True},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4"],
        [],
    ),
    (
        "R4 on R6: protocol to local",
        {"standard_of_care": True, "psychosocial_issues": True},
        "BREAST",
        Q,
        "local",
        ["R6", "R4"],
        [],
    ),
    (
        "R4 on R3: capped at regional",
        {"recurrence": True, "psychosocial_issues": True},
        "BREAST",
        Q,
        "regional",
        ["R3", "R4"],
        [],
    ),
    (
        "R4 on R1: never lowers",
        {"rare_tumour": True, "psychosocial_issues": True},
        "BREAST",
        Q,
        "supraregional",
        ["R1", "R4"],
        [],
    ),
    (
        "R4 on R2: never lowers",
        {"centralised_procedure": True, "cognitive_impairment": True},
        "BREAST",
        Q,
        "supraregional",
        ["R2", "R4"],
        [],
    ),
    # R5 and R6
    ("R5 nothing special", {}, "BREAST", Q, "local", ["R5"], []),
    (
        "R5 whatever the stage/phase",
        {"phase": "follow_up", "stage": "IV", "who_performance": 3},
        "BREAST",
        Q,
        "local",
        ["R5"],
        [],
    ),
    ("R6 standard of care", {"standard_of_care": True}, "BREAST", Q, "protocol", ["R6"], []),
    (
        "R6 not with R3",
        {"standard_of_care": True, "trial_candidate": True},
        "BREAST",
        Q,
        "regional",
        ["R3"],
        [],
    ),
    (
        "R6 not with R1",
        {"standard_of_care": True, "second_opinion": True},
        "BREAST",
        Q,
        "supraregional",
        ["R1"],
        [],
    ),
    (
        "R6 not with R2",
        {"standard_of_care": True, "centralised_procedure": True},
        "BREAST",
        Q,
        "supraregional",
        ["R2"],
        [],
    ),
    (
        "R6 not for expert-centre group",
        {"standard_of_care": True},
        "SARCOMA",
        Q,
        "supraregional",
        ["R1"],
        [],
    ),
    # extra disciplines
    (
        "D1 hereditary",
        {"hereditary_suspected": True},
        "BREAST",
        Q,
        "local",
        ["R5", "D1"],
        ["CLIN_GEN"],
    ),
    (
        "D2 age 75 with comorbidity",
        {"age": 75, "significant_comorbidity": True},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4", "D2"],
        ["GERIATR"],
    ),
    (
        "D2 not at 74",
        {"age": 74, "significant_comorbidity": True},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4"],
        [],
    ),
    ("D2 not for age alone", {"age": 90}, "BREAST", Q, "local", ["R5"], []),
    (
        "D2 not without a recorded age",
        {"significant_comorbidity": True},
        "BREAST",
        Q,
        "regional",
        ["R5", "R4"],
        [],
    ),
    (
        "D1 and D2",
        {"hereditary_suspected": True, "frailty": True, "standard_of_care": True},
        "BREAST",
        Q,
        "local",
        ["R6", "R4", "D1", "D2"],
        ["CLIN_GEN", "GERIATR"],
    ),
]


@pytest.mark.parametrize(
    ("name", "extra", "group", "question", "level", "rule_ids", "disciplines"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_default_rules(
    name: str,
    extra: dict[str, Any] | None,
    group: str,
    question: str | None,
    level: str,
    rule_ids: list[str],
    disciplines: list[str],
) -> None:
    complexity = None if extra is None else {**READY, **extra}
    res = triage(complexity, tumour_group=group, question=question)
    assert res.level == level
    assert res.rule_ids == rule_ids
    assert res.extra_disciplines == disciplines
    assert (
        res.minutes
        == {"hold": 0, "protocol": 0, "local": 4, "regional": 8, "supraregional": 12}[level]
    )
    assert (res.rule_set_id, res.rule_set_version) == ("default", 1)
    for f in res.fired:
        assert f.reason_en.startswith(f"{f.id}: ")
        assert f.reason_nl.startswith(f"{f.id}: ")
        assert f.reason("nl") == f.reason_nl and f.reason("en") == f.reason_en


def test_every_rule_of_the_default_set_is_covered_by_the_table() -> None:
    covered = {rid for c in CASES for rid in c[5]}
    assert covered == {r.id for r in default_rule_set().rules}


@pytest.mark.parametrize(
    ("extra", "question", "missing"),
    [
        ({"pathology_available": False}, Q, ["no_pathology"]),
        ({"imaging_available": False}, Q, ["no_imaging"]),
        (
            {"pathology_available": False, "imaging_available": False},
            "",
            ["no_pathology", "no_imaging", "no_question"],
        ),
    ],
)
def test_hold_names_what_is_missing(
    extra: dict[str, Any], question: str, missing: list[str]
) -> None:
    res = triage({**READY, **extra}, tumour_group="LUNG", question=question)
    assert res.level == "hold" and not res.planned
    assert res.missing == missing


def test_sentences_a_secretary_can_read() -> None:
    res = triage({**READY, "recurrence": True}, tumour_group="BREAST", question=Q)
    assert res.reasons() == ["R3: recurrence — regional MDO"]
    assert res.reasons("nl") == ["R3: recidief — regionaal MDO"]
    res = triage({"imaging_available": True}, tumour_group="BREAST", question=Q)
    assert res.reasons() == ["R0: no pathology report yet — hold"]
    assert res.reasons("nl") == ["R0: nog geen pathologieverslag — aanhouden"]
    res = triage(
        {**READY, "recurrence": True, "phase": "recurrence", "trial_candidate": True},
        tumour_group="BREAST",
        question=Q,
    )
    assert res.fired[0].triggers == ("recurrence", "phase_recurrence", "trial_candidate")
    assert res.reasons() == ["R3: recurrence, trial candidate — regional MDO"]
    res = triage(None, tumour_group="BREAST", question=None)
    assert res.reasons() == ["R0: no complexity data recorded, no question for the meeting — hold"]


def test_step_up_sentence_says_whether_it_changed_the_level() -> None:
    up = triage({**READY, "frailty": True}, tumour_group="BREAST", question=Q)
    assert "R4: frailty — one level up: regional MDO" in up.reasons()
    same = triage({**READY, "frailty": True, "multimodal": True}, tumour_group="BREAST", question=Q)
    assert "R4: frailty — no change, already regional MDO" in same.reasons()


def test_to_json_shape() -> None:
    res = triage(
        {**READY, "hereditary_suspected": True, "multimodal": True},
        tumour_group="BREAST",
        question=Q,
    )
    assert res.to_json() == {
        "level": "regional",
        "rules": [
            {"id": "R3", "reason": "R3: multimodal treatment — regional MDO"},
            {
                "id": "D1",
                "reason": "D1: hereditary cancer suspected — clinical geneticist (CLIN_GEN) added",
            },
        ],
        "extra_disciplines": ["CLIN_GEN"],
        "minutes": 8,
    }
    assert res.to_json("nl")["rules"][0]["reason"] == "R3: multimodale behandeling — regionaal MDO"


def test_accepts_a_complexity_object() -> None:
    c = Complexity(pathology_available=True, imaging_available=True, multimodal=True)
    assert triage(c, tumour_group="BREAST", question=Q).level == "regional"
    assert c.with_(multimodal=False) == Complexity(pathology_available=True, imaging_available=True)


def test_levels_order() -> None:
    assert LEVELS == ("hold", "protocol", "local", "regional", "supraregional")
    assert [level_rank(x) for x in LEVELS] == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="unknown triage level 'national'"):
        level_rank("national")


# --------------------------------------------------------------------------- validation


def test_complexity_round_trip_and_defaults() -> None:
    c = Complexity.from_dict(
        {
            "phase": "pre_treatment",
            "stage": "III",
            "age": 67,
            "who_performance": 1,
            "multimodal": True,
            "unknown_extra": "x",
        }
    )
    assert c.multimodal and not c.frailty and c.stage == "III"
    assert Complexity.from_dict(c.to_dict()) == c
    assert Complexity.from_dict({}) == Complexity()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"frailty": "yes"}, '$.cases[3].complexity.frailty: expected true or false, got "yes"'),
        ({"frailty": 1}, "$.cases[3].complexity.frailty: expected true or false, got 1"),
        ({"phase": "adjuvant"}, "$.cases[3].complexity.phase: expected one of pre_treatment"),
        ({"stage": 3}, "$.cases[3].complexity.stage: expected one of 0, I, II, III, IV"),
        ({"stage": "V"}, "$.cases[3].complexity.stage"),
        ({"previous_echelon": "national"}, "$.cases[3].complexity.previous_echelon"),
        ({"age": -1}, "$.cases[3].complexity.age: expected a whole number from 0 to 130"),
        ({"age": 67.5}, "$.cases[3].complexity.age"),
        ({"age": True}, "$.cases[3].complexity.age"),
        (
            {"who_performance": 5},
            "$.cases[3].complexity.who_performance: expected a whole number from 0 to 4",
        ),
    ],
)
def test_complexity_errors_name_the_json_path(data: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError) as info:
        Complexity.from_dict(data, path="$.cases[3].complexity")
    assert message in str(info.value)


def test_complexity_reports_all_mistakes_at_once() -> None:
    with pytest.raises(UserError) as info:
        Complexity.from_dict({"frailty": "no", "age": "old"}, path="$[0].complexity")
    lines = str(info.value).splitlines()
    assert lines == [
        '$[0].complexity.frailty: expected true or false, got "no"',
        '$[0].complexity.age: expected a whole number from 0 to 130 or null, got "old"',
    ]


def test_complexity_must_be_an_object() -> None:
    with pytest.raises(UserError, match=r"\$\.complexity: expected an object .* got a list"):
        Complexity.from_dict([1, 2])
    with pytest.raises(UserError, match=r"\$\[2\]\.complexity: expected an object .* got a string"):
        Complexity.from_dict("x", path="$[2].complexity")


def test_triage_validates_a_mapping() -> None:
    with pytest.raises(UserError, match=r"\$\.complexity\.age"):
        triage({**READY, "age": "old"}, tumour_group="BREAST", question=Q)
