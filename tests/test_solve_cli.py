"""``mdo-planner solve``: a valid plan whose objective is the checker's cost; bad input -> 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mdo_planner.launcher import main
from tests.conftest import SCENARIOS, TINY
from tests.judge import independent, judge_files


@pytest.mark.parametrize("extra", [["--greedy"], ["--time-limit", "3", "--seed", "7"]])
def test_solve_tiny_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    out = tmp_path / "plan.json"
    scn = TINY
    assert main(["solve", str(scn), "--out", str(out), *extra]) == 0
    summary = capsys.readouterr().out
    assert "cost" in summary and "bound" in summary and "gap" in summary
    checked = judge_files(scn, out)
    assert checked["valid"], checked["violations"]
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["format"] == "mdo-planner-plan"
    assert plan["solver"]["objective"] == checked["metrics"]["cost"]
    assert plan["solver"]["bound"] <= plan["solver"]["objective"]


@pytest.mark.contract
def test_solve_shared_tiny_beats_planning_by_hand(tmp_path: Path) -> None:
    scn, out = SCENARIOS / "tiny-s1.json", tmp_path / "plan.json"
    assert main(["solve", str(scn), "--out", str(out), "--time-limit", "3", "--seed", "7"]) == 0
    checked = independent(scn, out)
    assert checked["valid"], checked["violations"]
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["solver"]["objective"] == checked["metrics"]["cost"]
    baseline = json.loads((SCENARIOS / "tiny-s1.baseline.json").read_text())["metrics"]["cost"]
    assert plan["solver"]["objective"] < baseline


def test_cases_without_echelon_are_triaged(tmp_path: Path) -> None:
    scn = json.loads((TINY).read_text(encoding="utf-8"))
    for c in scn["cases"][:3]:
        c.pop("echelon")
        c.pop("minutes", None)
        c["complexity"] = {
            "phase": "pre_treatment",
            "stage": "II",
            "pathology_available": True,
            "imaging_available": True,
            "multimodal": True,
        }
    c = scn["cases"][3]
    c.pop("echelon")
    c["complexity"] = {
        "phase": "pre_treatment",
        "pathology_available": False,
        "imaging_available": True,
    }
    src, out = tmp_path / "scn.json", tmp_path / "plan.json"
    src.write_text(json.dumps(scn), encoding="utf-8")
    assert main(["solve", str(src), "--out", str(out), "--greedy"]) == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    unplanned = {u["case"]: u["reason"] for u in plan["unplanned"]}
    assert "hold" in unplanned[c["id"]]
    placed = {a["case"] for a in plan["assignments"]} | set(unplanned)
    assert {x["id"] for x in scn["cases"]} == placed


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, [], "no such file"),
        ("{not json", [], "scn.json"),
        ('{"format": "mdo-planner-scenario", "version": 1}', [], "scn.json"),
        ("TINY", ["--time-limit", "0"], "--time-limit"),
        ("TINY", ["--workers", "0"], "--workers"),
        # beyond what the engine takes: a thread's traceback, or TypeError and exit 1
        ("TINY", ["--time-limit", "1e23"], "--time-limit"),
        ("TINY", ["--time-limit", "inf"], "--time-limit"),
        ("TINY", ["--time-limit", "nan"], "--time-limit"),
        ("TINY", ["--workers", "99999999999999999999999"], "--workers"),
        ("TINY", ["--seed", "99999999999999999999999"], "--seed"),
        ("TINY", ["--seed", str(2**31)], "--seed"),
    ],
)
def test_bad_input_exit_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    args: list[str],
    message: str,
) -> None:
    src, out = tmp_path / "scn.json", tmp_path / "plan.json"
    if content == "TINY":
        src.write_text((TINY).read_text(encoding="utf-8"), encoding="utf-8")
    elif content is not None:
        src.write_text(content, encoding="utf-8")
    assert main(["solve", str(src), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and len(err) < 500
    assert not out.exists()


def test_pinned_to_impossible_session_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scn = json.loads((TINY).read_text(encoding="utf-8"))
    c = scn["cases"][0]
    other = next(s for s in scn["sessions"] if s["tumour_group"] != c["tumour_group"])
    c["pinned_session"] = other["id"]
    src, out = tmp_path / "scn.json", tmp_path / "plan.json"
    src.write_text(json.dumps(scn), encoding="utf-8")
    assert main(["solve", str(src), "--out", str(out)]) == 2
    assert f"case {c['id']} is pinned" in capsys.readouterr().err
    assert not out.exists()


def test_deterministic_across_processes(tmp_path: Path) -> None:
    """Same plan from two processes with different string hashing (set order differs)."""
    import os

    plans = []
    for seed in ("1", "2"):
        out = tmp_path / f"plan{seed}.json"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        res = subprocess.run(
            [
                sys.executable,
                "-m",
                "mdo_planner",
                "solve",
                str(TINY),
                "--out",
                str(out),
                "--deterministic",
                "--time-limit",
                "30",
            ],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        assert res.returncode == 0, res.stderr
        plan = json.loads(out.read_text(encoding="utf-8"))
        plans.append((plan["assignments"], plan["attendance"], plan["solver"]["objective"]))
    assert plans[0] == plans[1]
