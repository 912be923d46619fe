"""Pure optimisation: plain dataclasses in, a plan out (OR-Tools CP-SAT).

Imports nothing of this project, no database and no Qt, so that it can be tested and
benchmarked on its own and reused by any front end. The stable API is ``solve`` with the
dataclasses below; everything else is internal.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from solver.engine import solve
    from solver.instance import ProblemError
    from solver.model import (
        ECHELONS,
        LEVEL,
        Alternative,
        Assignment,
        CancelToken,
        Case,
        CaseExplanation,
        CostTerms,
        Expert,
        Problem,
        Progress,
        Result,
        Session,
        SolveOptions,
        Weights,
    )

#: Where each public name lives. Loaded on first use (PEP 562), so that ``solver.contract``
#: — the vocabulary the database's enums use — costs no OR-Tools import (about 0.3 s).
_HOME = {"solve": "solver.engine", "ProblemError": "solver.instance"}


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module(_HOME.get(name, "solver.model")), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'solver' has no attribute {name!r}")


__all__ = [
    "ECHELONS",
    "LEVEL",
    "Alternative",
    "Assignment",
    "CancelToken",
    "Case",
    "CaseExplanation",
    "CostTerms",
    "Expert",
    "Problem",
    "ProblemError",
    "Progress",
    "Result",
    "Session",
    "SolveOptions",
    "Weights",
    "solve",
]
