"""The contract's cost formula (``../shared/contract/README.md``, "Cost"), written once.

Why here: the cost of a placed case was computed in three places — the solver's candidate
pools (``solver.instance``), the explanation of a planned case (``solver.explain``) and the
plan check (``solver.plan_check``) — and a plan's reported objective must equal the cost that
any checker computes. All three now call these functions; the search's objective terms use
the costs the pools hold, so they cannot drift either.

Plain values in (day differences, level differences, flags), integers out. Like
``solver.contract`` this module imports nothing of ours but the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from solver.contract import DEFAULT_WEIGHTS


@dataclass(frozen=True)
class Weights:
    """The contract's cost weights; every network may change its own."""

    unplanned: int = DEFAULT_WEIGHTS["unplanned"]
    late_day: int = DEFAULT_WEIGHTS["late_day"]
    escalation: int = DEFAULT_WEIGHTS["escalation"]
    wait_day: int = DEFAULT_WEIGHTS["wait_day"]
    attendance: int = DEFAULT_WEIGHTS["attendance"]
    moved: int = DEFAULT_WEIGHTS["moved"]
    urgent_factor: int = DEFAULT_WEIGHTS["urgent_factor"]


class PlacedTerms(NamedTuple):
    """The cost of one placed case, term by term."""

    late: int
    escalation: int
    wait: int
    moved: int

    @property
    def total(self) -> int:
        return self.late + self.escalation + self.wait + self.moved


class Placed(NamedTuple):
    """A placed case in plain values: days after its due and ready dates (negative: before),
    echelon levels above its required one, urgency, and whether it left its previous session."""

    days_after_due: int
    days_after_ready: int
    levels_up: int
    urgent: bool
    moved: bool


class Unplanned(NamedTuple):
    """An unplanned case: its urgency and whether it had a previous session."""

    urgent: bool
    had_previous: bool


def factor(w: Weights, urgent: bool) -> int:
    """``urgent_factor`` for an urgent case, 1 otherwise."""
    return w.urgent_factor if urgent else 1


def placed_terms(w: Weights, case: Placed) -> PlacedTerms:
    """Lateness × ``late_day`` × f, escalation levels × ``escalation``, waiting days ×
    ``wait_day`` and ``moved`` when it left its previous session."""
    return PlacedTerms(
        late=max(0, case.days_after_due) * w.late_day * factor(w, case.urgent),
        escalation=max(0, case.levels_up) * w.escalation,
        wait=max(0, case.days_after_ready) * w.wait_day,
        moved=w.moved if case.moved else 0,
    )


def placed_cost(w: Weights, case: Placed) -> int:
    """The cost of a placed case (the sum of :func:`placed_terms`)."""
    return placed_terms(w, case).total


def unplanned_cost(w: Weights, case: Unplanned) -> int:
    """``unplanned`` × f, plus ``moved`` when the case had a previous session."""
    return w.unplanned * factor(w, case.urgent) + (w.moved if case.had_previous else 0)


def attendance_cost(w: Weights, attendances: int) -> int:
    """``attendance`` per attending expert per session."""
    return attendances * w.attendance


def plan_cost(
    w: Weights, placed: Iterable[Placed], unplanned: Iterable[Unplanned], attendances: int
) -> int:
    """The contract cost of a plan: its placed and unplanned cases and its attendances."""
    return (
        sum(placed_cost(w, c) for c in placed)
        + sum(unplanned_cost(w, c) for c in unplanned)
        + attendance_cost(w, attendances)
    )
