"""The contract's vocabulary is defined once, in ``solver/contract.py``, and used everywhere.

Before, the echelon list was typed out seven times across the four packages, the triage
levels five times and the default minutes four: a contract change touched eight files and
only the external checker noticed a miss. This test greps the packages for the literal lists
and fails on a second definition (migrations are frozen history and keep their own copies).
"""

from __future__ import annotations

import re
from pathlib import Path

from db import models as m
from mdo_planner.contract_io import scenario
from mdo_planner.triage import levels
from solver import contract, cost, plan_check
from solver import model as sm

ROOT = Path(__file__).resolve().parent.parent
Q = r"[\"']"
LITERALS = {
    "echelons": rf"{Q}local{Q},\s*{Q}regional{Q},\s*{Q}supraregional{Q}",
    "triage levels": rf"{Q}hold{Q},\s*{Q}protocol{Q},\s*{Q}local{Q}",
    "session modes": rf"{Q}in_person{Q},\s*{Q}hybrid{Q},\s*{Q}video{Q}",
    "default minutes": rf"{Q}local{Q}:\s*4,\s*{Q}regional{Q}:\s*8",
    "default weights": rf"{Q}unplanned{Q}:\s*1000,\s*{Q}late_day{Q}:\s*20",
    # one weight's default on its own ("late_day: int = 20", "'moved': 30", moved=30)
    "a default weight": (
        rf"\b{Q}?(unplanned{Q}?\s*(:\s*int\s*)?[=:]\s*1000|late_day{Q}?\s*(:\s*int\s*)?[=:]\s*20"
        rf"|escalation{Q}?\s*(:\s*int\s*)?[=:]\s*50|moved{Q}?\s*(:\s*int\s*)?[=:]\s*30)\b"
    ),
}


def _sources() -> list[Path]:
    out = []
    for package in ("solver", "db", "mdo_planner", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or path == ROOT / "solver" / "contract.py":
                continue
            out.append(path)
    return out


def test_each_list_of_the_contract_is_written_once() -> None:
    seen: dict[str, list[str]] = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for what, pattern in LITERALS.items():
            for hit in re.finditer(pattern, text):
                line = text.count("\n", 0, hit.start()) + 1
                seen.setdefault(what, []).append(f"{path.relative_to(ROOT)}:{line}")
    assert not seen, f"defined again outside solver/contract.py: {seen}"


def test_the_contract_module_finds_its_pattern() -> None:
    """The grep above would pass on a typo in its patterns: they must match the original."""
    text = (ROOT / "solver" / "contract.py").read_text(encoding="utf-8")
    for what, pattern in LITERALS.items():
        if what == "triage levels":  # written as NOT_DISCUSSED_LEVELS + ECHELONS there
            continue
        assert re.search(pattern, text), what


def test_every_layer_uses_the_same_words() -> None:
    assert m.ECHELONS == scenario.ECHELONS == levels.ECHELONS == sm.ECHELONS == contract.ECHELONS
    assert m.TRIAGE_LEVELS == levels.LEVELS == contract.TRIAGE_LEVELS
    assert contract.TRIAGE_LEVELS == ("hold", "protocol", "local", "regional", "supraregional")
    assert m.SESSION_MODES == scenario.SESSION_MODES == contract.SESSION_MODES
    assert scenario.DEFAULT_MINUTES == plan_check.DEFAULT_MINUTES == contract.DEFAULT_MINUTES
    assert scenario.DEFAULT_WEIGHTS == plan_check.DEFAULT_WEIGHTS == contract.DEFAULT_WEIGHTS
    assert sm.Weights().__dict__ == contract.DEFAULT_WEIGHTS
    assert sm.Weights is cost.Weights and plan_check.weights({}) == cost.Weights()
    assert sm.LEVEL == plan_check.LEVEL == {"local": 0, "regional": 1, "supraregional": 2}
