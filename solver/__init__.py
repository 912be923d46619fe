"""Pure optimisation: plain dataclasses in, a plan out (OR-Tools CP-SAT).

Imports nothing of this project, no database and no Qt, so that it can be tested and
benchmarked on its own and reused by any front end. The stable API is ``solve`` with the
dataclasses below; everything else is internal.
"""

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
