"""Judge a plan: the project's own check everywhere, and the independent contract checker too
whenever ``../shared`` is present (CI always), which must then agree on validity and cost.

Why both: a fresh clone must still check every plan it makes (``solver.plan_check``); the
contract's ``check_plan.py`` stays the referee wherever it exists, so a bug shared by the solver
and the project's own checker cannot go unnoticed in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from solver.plan_check import check_plan
from tests.conftest import CHECK_PLAN, HAVE_SHARED


def independent(scenario: Path, plan: Path) -> dict[str, Any]:
    """``check_plan.py SCENARIO PLAN --json`` (contract tests only)."""
    res = subprocess.run(
        [sys.executable, str(CHECK_PLAN), str(scenario), str(plan), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode in (0, 1), res.stderr
    return json.loads(res.stdout)


def judge(scn: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    """``{"valid", "violations", "metrics"}`` of ``plan``, as the contract's checker reports it."""
    verdict = check_plan(scn, plan)
    out = {"valid": verdict.valid, "violations": verdict.violations, "metrics": verdict.metrics}
    if HAVE_SHARED:
        with tempfile.TemporaryDirectory() as tmp:
            sp, pp = Path(tmp) / "scn.json", Path(tmp) / "plan.json"
            sp.write_text(json.dumps(scn), encoding="utf-8")
            pp.write_text(json.dumps(plan), encoding="utf-8")
            ref = independent(sp, pp)
        assert ref["valid"] == out["valid"], (ref["violations"][:5], out["violations"][:5])
        assert ref["metrics"] == out["metrics"], (ref["metrics"], out["metrics"])
    return out


def judge_files(scenario: Path, plan: Path) -> dict[str, Any]:
    return judge(
        json.loads(scenario.read_text(encoding="utf-8")),
        json.loads(plan.read_text(encoding="utf-8")),
    )
