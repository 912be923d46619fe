"""``mdo-planner triage``: scenario and case-list input, rule files, bad input -> exit 2."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from mdo_planner.launcher import main
from mdo_planner.triage import default_rule_set, dump_rule_set, rule_set_from_document
from tests.conftest import TINY

READY = {"pathology_available": True, "imaging_available": True}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    rc = main(["triage", *args])
    out, err = capsys.readouterr()
    return rc, (json.loads(out) if rc == 0 else out), err


def test_tiny_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, str(TINY))
    assert rc == 0
    scenario = json.loads((TINY).read_text())
    assert list(out) == [c["id"] for c in scenario["cases"]]
    for case in scenario["cases"]:
        got = out[case["id"]]
        assert set(got) == {"level", "rules", "extra_disciplines", "minutes"}
        assert got["rules"], case["id"]
        if "complexity" not in case:  # no complexity data: the case waits for it
            assert got["level"] == "hold"
            assert got["rules"][0]["id"] == "R0"
            assert "no complexity data recorded" in got["rules"][0]["reason"]


def test_scenario_with_complexity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = json.loads((TINY).read_text())
    first = scenario["cases"][0]
    first["complexity"] = {**READY, "recurrence": True, "hereditary_suspected": True}
    del first["echelon"]
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario))
    rc, out, _ = _run(capsys, str(path), "--lang", "nl")
    assert rc == 0
    assert out[first["id"]] == {
        "level": "regional",
        "rules": [
            {"id": "R3", "reason": "R3: recidief — regionaal MDO"},
            {
                "id": "D1",
                "reason": "D1: erfelijke aanleg vermoed — klinisch geneticus (CLIN_GEN) toegevoegd",
            },
        ],
        "extra_disciplines": ["CLIN_GEN"],
        "minutes": 8,
    }


def _cases() -> list[dict[str, Any]]:
    return [
        {
            "id": "A",
            "tumour_group": "UPPER_GI",
            "question": "Oesophagectomy?",
            "complexity": {**READY, "centralised_procedure": True},
        },
        {
            "id": "B",
            "tumour_group": "BREAST",
            "question": "",
            "complexity": {**READY, "standard_of_care": True},
        },
        {
            "id": "C",
            "tumour_group": "BREAST",
            "question": "Adjuvant?",
            "complexity": {**READY, "standard_of_care": True},
        },
        {"id": "D", "tumour_group": "LUNG", "question": "Plan?"},
    ]


def test_case_list_and_rules_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(_cases()))
    rc, out, _ = _run(capsys, str(path))
    assert rc == 0
    assert {k: v["level"] for k, v in out.items()} == {
        "A": "supraregional",
        "B": "hold",
        "C": "protocol",
        "D": "hold",
    }
    assert out["B"]["rules"] == [{"id": "R0", "reason": "R0: no question for the meeting — hold"}]
    assert out["C"]["minutes"] == 0

    doc = copy.deepcopy(default_rule_set().to_document())
    doc["id"] = "north"
    doc["tumour_groups"]["UPPER_GI"] = {"rules": {"R2": {"level": "regional"}}}
    rules = tmp_path / "north.toml"
    dump_rule_set(rule_set_from_document(doc), rules)
    rc, out, _ = _run(capsys, str(path), "--rules", str(rules))
    assert rc == 0
    assert out["A"]["level"] == "regional"
    assert out["A"]["minutes"] == 8


def test_site_configuration_rules_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = copy.deepcopy(default_rule_set().to_document())
    doc["minutes"]["supraregional"] = 15
    dump_rule_set(rule_set_from_document(doc), tmp_path / "site-rules.json")
    site = tmp_path / "mdo-planner.toml"
    site.write_text('[triage]\nrules_file = "site-rules.json"\n')
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site))
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(_cases()[:1]))
    rc, out, _ = _run(capsys, str(path))
    assert rc == 0 and out["A"]["minutes"] == 15


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[{"id": "A", "tumour_group": "LUNG", "complexity": {"age": "old"}}]',
            "$[0].complexity.age: expected a whole number",
        ),
        (
            '[{"id": "A", "tumour_group": "LUNG"}, {"id": "A", "tumour_group": "LUNG"}]',
            "$[1].id: duplicate case id 'A' (also at $[0])",
        ),
        ('[{"tumour_group": "LUNG"}]', "$[0].id: expected a non-empty text"),
        ('[{"id": "A"}]', "$[0].tumour_group: expected a tumour group code"),
        ('[{"id": "A", "tumour_group": "LUNG", "question": 3}]', "$[0].question: expected a text"),
        (
            '[{"id": "A", "tumour_group": "LUNG", "complexity": [true]}]',
            "$[0].complexity: expected an object",
        ),
        ("[1]", "$[0]: expected a case object"),
        ('{"cases": 1}', "$: expected a list of cases or a scenario object"),
        ('[{"id": "A",', "line 1, column 13: invalid JSON"),
    ],
)
def test_bad_input_names_the_json_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "cases.json"
    path.write_text(content)
    rc, out, err = _run(capsys, str(path))
    assert rc == 2
    assert out == ""
    assert err.startswith("mdo-planner triage: error: cases.json")
    assert message in err


def test_bad_complexity_in_a_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = json.loads((TINY).read_text())
    scenario["cases"][2]["complexity"] = {"frailty": "yes"}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario))
    rc, _, err = _run(capsys, str(path))
    assert rc == 2
    assert '$.cases[2].complexity.frailty: expected true or false, got "yes"' in err


def test_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc, _, err = _run(capsys, str(tmp_path / "none.json"))
    assert rc == 2 and "none.json: cannot read the JSON file of cases: no such file" in err
    path = tmp_path / "cases.json"
    path.write_text("[]")
    rc, _, err = _run(capsys, str(path), "--rules", str(tmp_path / "r.toml"))
    assert rc == 2 and "r.toml: cannot read the rule set" in err
