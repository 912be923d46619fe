"""``mdo-planner triage-rules check|export|import``: rule sets as files, versions in the db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from mdo_planner.triage import default_rule_set, dump_rule_set, load_rule_set, loads_rule_set
from tests.scenario_rows import load_rows, tiny_scenario


def test_export_default_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "default.toml"
    assert main(["triage-rules", "export", "--default", str(path)]) == 0
    assert load_rule_set(path) == default_rule_set()
    assert main(["triage-rules", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "valid rule set 'default' version 1: 9 rules (R0, R1, R2, R3, R4, R6, R5, D1, D2)" in out
    assert "tumour group settings: SARCOMA" in out


def test_check_reports_the_path_of_a_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        (Path(__file__).parent.parent / "mdo_planner" / "triage" / "default_rules.toml")
        .read_text(encoding="utf-8")
        .replace("{ multimodal = true }", "{ multimodel = true }")
    )
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["triage-rules", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "invalid triage rule set" in err
    assert "rules[3].when[3].if.multimodel: unknown field" in err


def test_import_then_export_per_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'rules.sqlite'}"
    db = open_database(url)
    with db.session() as s:
        load_rows(s, tiny_scenario())
        c1 = s.scalar(select(m.Case).where(m.Case.code == "C1"))  # stated: regional
        c1.triage_level = None
        c1.complexity = {
            "pathology_available": True,
            "imaging_available": True,
            "rare_tumour": True,
        }
    db.dispose()
    doc = default_rule_set().to_document()
    doc["id"], doc["version"] = "north", 2
    doc["tumour_groups"]["UPPER_GI"] = {"rules": {"R2": {"level": "regional"}}}
    src = tmp_path / "north.json"
    src.write_text(json.dumps(doc), encoding="utf-8")

    assert (
        main(["triage-rules", "import", str(src), "--network", "N1", "--db", url, "--retriage"])
        == 0
    )
    out = capsys.readouterr().out
    assert "stored rule set 'north' version 2" in out and "active for network N1" in out
    # only C1 carries complexity data; its recommendation differs from its stated echelon
    assert "re-triaged 1 open cases: 0 changed recommendations, 1 waiting" in out

    back = tmp_path / "back.toml"
    assert main(["triage-rules", "export", str(back), "--network", "N1", "--db", url]) == 0
    assert load_rule_set(back) == loads_rule_set(src.read_text(), fmt="json")
    other = tmp_path / "other.toml"
    assert main(["triage-rules", "export", str(other), "--network", "NX", "--db", url]) == 0
    assert load_rule_set(other).id == "default"

    # the same version again is refused, an unknown network too
    assert main(["triage-rules", "import", str(src), "--network", "N1", "--db", url]) == 2
    assert "not newer than the stored version 2" in capsys.readouterr().err
    assert main(["triage-rules", "import", str(src), "--network", "ZZ", "--db", url]) == 2
    assert "no network with code 'ZZ'" in capsys.readouterr().err

    db = open_database(url)
    with db.session() as s:
        events = s.scalars(
            select(m.AuditEvent.action).where(m.AuditEvent.action.like("triage%"))
        ).all()
    db.dispose()
    assert "triage_rule_set.save" in events and "triage.run" in events


def test_export_to_a_bad_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage-rules", "export", "--default", str(tmp_path / "x.yaml")]) == 2
    assert "must end in .toml or .json" in capsys.readouterr().err
    dump_rule_set(default_rule_set(), tmp_path / "ok.json")
    assert (tmp_path / "ok.json").exists()
