"""Rule sets as documents: an edited rule set changes routing without code, export/import
round-trips, and every mistake in a document is reported with its path."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mdo_planner.errors import UserError
from mdo_planner.triage import (
    default_rule_set,
    dump_rule_set,
    dumps_rule_set,
    load_rule_set,
    loads_rule_set,
    rule_set_from_document,
    triage,
)

READY: dict[str, Any] = {"pathology_available": True, "imaging_available": True}
Q = "Resection?"


def _doc() -> dict[str, Any]:
    return copy.deepcopy(default_rule_set().to_document())


def _edited() -> dict[str, Any]:
    doc = _doc()
    doc["id"] = "north-network"
    doc["version"] = 3
    doc["tumour_groups"]["UPPER_GI"] = {"rules": {"R2": {"level": "regional"}}}
    doc["tumour_groups"]["NEURO"] = {"expert_centre_only": True}
    doc["tumour_groups"]["SARCOMA"] = {"expert_centre_only": False}
    return doc


def test_tumour_group_sends_centralised_procedures_to_regional() -> None:
    rs = rule_set_from_document(_edited(), "north.toml")
    case = {**READY, "centralised_procedure": True}
    gi = triage(case, tumour_group="UPPER_GI", question=Q, rules=rs)
    assert gi.level == "regional"
    assert gi.reasons() == ["R2: centralised procedure under consideration — regional MDO"]
    assert gi.reasons("nl") == ["R2: gecentraliseerde ingreep overwogen — regionaal MDO"]
    assert gi.minutes == 8
    assert (gi.rule_set_id, gi.rule_set_version) == ("north-network", 3)
    # other tumour groups keep the default
    assert triage(case, tumour_group="LUNG", question=Q, rules=rs).level == "supraregional"
    # a rare tumour of that group still goes supra-regional (R1 is untouched)
    rare = triage({**case, "rare_tumour": True}, tumour_group="UPPER_GI", question=Q, rules=rs)
    assert rare.level == "supraregional" and rare.rule_ids == ["R1", "R2"]


def test_expert_centre_only_is_set_per_tumour_group() -> None:
    rs = rule_set_from_document(_edited(), "north.toml")
    assert triage(READY, tumour_group="NEURO", question=Q, rules=rs).level == "supraregional"
    assert triage(READY, tumour_group="SARCOMA", question=Q, rules=rs).level == "local"
    assert triage(READY, tumour_group="SARCOMA", question=Q).level == "supraregional"


def test_rule_switched_off_and_minutes_per_tumour_group() -> None:
    doc = _doc()
    doc["minutes"]["local"] = 5
    doc["tumour_groups"]["SKIN"] = {"rules": {"R6": {"enabled": False}}, "minutes": {"local": 3}}
    rs = rule_set_from_document(doc)
    soc = {**READY, "standard_of_care": True}
    assert triage(soc, tumour_group="SKIN", question=Q, rules=rs).to_json()["minutes"] == 3
    assert triage(soc, tumour_group="SKIN", question=Q, rules=rs).level == "local"
    assert triage(READY, tumour_group="LUNG", question=Q, rules=rs).minutes == 5
    assert triage(soc, tumour_group="LUNG", question=Q, rules=rs).level == "protocol"


def test_new_rule_written_by_an_administrator() -> None:
    doc = _doc()
    doc["rules"].insert(
        1,
        {
            "id": "N1",
            "effect": "at_least",
            "level": "regional",
            "when": [
                {
                    "key": "poor_who_stage_iv",
                    "if": {"who_performance": {"ge": 3}, "stage": ["IV"]},
                    "en": "stage IV with WHO 3 or worse",
                    "nl": "stadium IV met WHO 3 of slechter",
                }
            ],
        },
    )
    rs = rule_set_from_document(doc)
    hit = triage(
        {**READY, "stage": "IV", "who_performance": 3}, tumour_group="LUNG", question=Q, rules=rs
    )
    assert hit.level == "regional"
    assert hit.reasons() == ["N1: stage IV with WHO 3 or worse — regional MDO"]
    for miss in (
        {"stage": "IV", "who_performance": 2},
        {"stage": "III", "who_performance": 4},
        {"stage": "IV"},
    ):
        assert triage({**READY, **miss}, tumour_group="LUNG", question=Q, rules=rs).level == "local"


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_export_import_round_trip(tmp_path: Path, fmt: str) -> None:
    rs = rule_set_from_document(_edited())
    path = tmp_path / f"rules.{fmt}"
    dump_rule_set(rs, path)
    back = load_rule_set(path)
    assert back == rs
    assert back.to_document() == rs.to_document()
    assert loads_rule_set(dumps_rule_set(rs, fmt=fmt), fmt=fmt) == rs
    parsed = tomllib.loads(path.read_text()) if fmt == "toml" else json.loads(path.read_text())
    assert parsed["tumour_groups"]["UPPER_GI"]["rules"]["R2"]["level"] == "regional"


def test_shipped_default_matches_the_contract_minutes_and_ids() -> None:
    rs = default_rule_set()
    assert (rs.id, rs.version) == ("default", 1)
    assert [r.id for r in rs.rules] == ["R0", "R1", "R2", "R3", "R4", "R6", "R5", "D1", "D2"]
    assert rs.minutes == {"hold": 0, "protocol": 0, "local": 4, "regional": 8, "supraregional": 12}
    assert rs.tumour_groups["SARCOMA"].expert_centre_only
    assert rs.rule("R2").level == "supraregional"
    with pytest.raises(KeyError):
        rs.rule("R9")


# --------------------------------------------------------------------------- bad documents


def _mutate(path: list[Any], value: Any) -> dict[str, Any]:
    doc = _doc()
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["format"], "something", 'format: must be "mdo-planner-triage-rules"'),
        (["format_version"], 2, "format_version: must be 1"),
        (["version"], 0, "version: must be a whole number, 1 or more"),
        (["id"], "", "id: must be a non-empty text"),
        (["colour"], "red", "colour: unknown key"),
        (["minutes", "local"], -1, "minutes.local: must be a whole number of minutes"),
        (["minutes", "national"], 5, "minutes.national: unknown level"),
        (["rules", 1, "level"], "national", "rules[1].level: a at_least rule needs a level"),
        (["rules", 1, "effect"], "maybe", "rules[1].effect: must be one of hold, at_least"),
        (["rules", 0, "level"], "local", "rules[0].level: a hold rule takes no level"),
        (["rules", 2, "id"], "R1", "rules[2].id: duplicate rule id 'R1'"),
        (["rules", 2, "id"], "2R", "rules[2].id: must be a short identifier"),
        (
            ["rules", 3, "when", 0, "if", "recurrance"],
            True,
            "rules[3].when[0].if.recurrance: unknown field",
        ),
        (
            ["rules", 3, "when", 0, "if", "recurrence"],
            "yes",
            "rules[3].when[0].if.recurrence: must be true or false",
        ),
        (
            ["rules", 3, "when", 1, "if", "phase"],
            "relapse",
            "rules[3].when[1].if.phase: must be one of pre_treatment",
        ),
        (
            ["rules", 8, "when", 1, "if", "age"],
            {"ge": 200},
            "rules[8].when[1].if.age.ge: must be a whole number from 0 to 130",
        ),
        (
            ["rules", 8, "when", 1, "if", "age"],
            {"about": 75},
            "rules[8].when[1].if.age.about: unknown comparison",
        ),
        (
            ["rules", 3, "when", 7, "if", "previous_echelon"],
            {"outside": ["local"]},
            "rules[3].when[7].if.previous_echelon: a table here must have exactly one key",
        ),
        (["rules", 3, "when", 0, "en"], "", "rules[3].when[0].en: must be a non-empty text"),
        (["rules", 3, "when", 0, "nl"], _DELETE, "rules[3].when[0].nl: missing"),
        (
            ["rules", 3, "when", 1, "key"],
            "recurrence",
            "rules[3].when[1].key: duplicate trigger key 'recurrence'",
        ),
        (["rules", 3, "when"], [], "rules[3].when: must be a non-empty list of triggers"),
        (["rules", 7, "discipline"], "", "rules[7].discipline: an add_discipline rule needs"),
        (["rules", 3, "outcome_en"], "x", "rules[3].outcome_en: only an add_discipline rule"),
        (
            ["rules", 6, "when", 0, "if"],
            {"multimodal": False},
            "rules: the last fallback rule must have a trigger with an empty `if`",
        ),
        (
            ["tumour_groups", "LUNG"],
            {"rules": {"R9": {"level": "regional"}}},
            "tumour_groups.LUNG.rules.R9: no rule with this id",
        ),
        (
            ["tumour_groups", "LUNG"],
            {"rules": {"R2": {"level": "protocol"}}},
            "tumour_groups.LUNG.rules.R2.level: must be one of local, regional, supraregional",
        ),
        (
            ["tumour_groups", "LUNG"],
            {"rules": {"R0": {"level": "local"}}},
            "tumour_groups.LUNG.rules.R0.level: rule R0 (hold) has no level to change",
        ),
        (
            ["tumour_groups", "LUNG"],
            {"rules": {"R5": {"enabled": False}}},
            "tumour_groups.LUNG.rules.R5.enabled: rule R5 is the catch-all fallback",
        ),
        (
            ["tumour_groups", "LUNG"],
            {"expert_centre_only": "yes"},
            "tumour_groups.LUNG.expert_centre_only: must be true or false",
        ),
        (["tumour_groups", "LUNG"], {"colour": 1}, "tumour_groups.LUNG.colour: unknown key"),
    ],
)
def test_document_errors_name_the_path(path: list[Any], value: Any, message: str) -> None:
    with pytest.raises(UserError) as info:
        rule_set_from_document(_mutate(path, value), "north.toml")
    text = str(info.value)
    assert text.startswith("north.toml: invalid triage rule set:")
    assert message in text


def test_all_document_errors_reported_together() -> None:
    doc = _doc()
    doc["version"] = "two"
    doc["rules"][1]["when"][0]["if"] = {"rare": True}
    with pytest.raises(UserError) as info:
        rule_set_from_document(doc, "x.json")
    assert "version: must be" in str(info.value)
    assert "rules[1].when[0].if.rare: unknown field" in str(info.value)


def test_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text("id = \n", encoding="utf-8")
    with pytest.raises(UserError, match=r"rules\.toml: not valid TOML"):
        load_rule_set(bad)
    bad_json = tmp_path / "rules.json"
    bad_json.write_text("{\n  'id': 1}", encoding="utf-8")
    with pytest.raises(UserError, match=r"rules\.json: line 2, column \d+: invalid JSON"):
        load_rule_set(bad_json)
    with pytest.raises(UserError, match=r"must end in \.toml or \.json"):
        load_rule_set(tmp_path / "rules.yaml")
    with pytest.raises(UserError, match="cannot read the rule set"):
        load_rule_set(tmp_path / "missing.toml")
    with pytest.raises(UserError, match="the document must be a table"):
        loads_rule_set("[1, 2]", fmt="json")


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "rules.toml"
    with pytest.raises(UserError, match="cannot write the rule set"):
        dump_rule_set(default_rule_set(), target)
    assert not target.exists()
