"""``mdo-planner plan``: the database path to the planning engine, stored and published."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mdo_planner.launcher import main
from tests.conftest import TINY
from tests.judge import judge


def test_plan_publish_and_export_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'plan.sqlite'}"
    assert main(["import", str(TINY), "--db", url]) == 0
    assert (
        main(
            [
                "plan",
                "--db",
                url,
                "--from",
                "2027-01-04",
                "--to",
                "2027-01-15",
                "--time-limit",
                "3",
                "--publish",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "plan run 1" in out and "published: " in out
    assert re.search(
        r"specialist-minutes per planned case: local \d+ booked / \d+ discussing", out
    ), out
    # the published plan, exported as the scenario's previous_plan, is a valid plan
    exported = tmp_path / "after.json"
    assert (
        main(
            [
                "export",
                str(exported),
                "--db",
                url,
                "--from",
                "2027-01-04",
                "--to",
                "2027-01-15",
                "--decided-only",
            ]
        )
        == 0
    )
    scn = json.loads(exported.read_text(encoding="utf-8"))
    published = scn.get("previous_plan") or []
    assert len(published) > 100
    plan = {
        "format": "mdo-planner-plan",
        "version": 1,
        "assignments": [{"case": p["case"], "session": p["session"]} for p in published],
        "attendance": [],
        "unplanned": [],
    }
    placed = {p["case"] for p in published}
    plan["unplanned"] = [
        {"case": c["id"], "reason": "x"} for c in scn["cases"] if c["id"] not in placed
    ]
    violations = judge(scn, plan)["violations"]
    # attendance is not part of the exported scenario, so only case rules are judged here
    assert not [v for v in violations if "discipline" not in v], violations


def test_plan_bad_horizon_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'plan.sqlite'}"
    assert main(["plan", "--db", url, "--from", "2027-01-15", "--to", "2027-01-04"]) == 2
    assert "--to" in capsys.readouterr().err


def test_plan_nothing_to_plan_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'plan.sqlite'}"
    assert main(["plan", "--db", url, "--from", "2027-01-04", "--to", "2027-01-15"]) == 2
    assert "nothing to plan" in capsys.readouterr().err
