"""The one place that turns a session's start and its cases into an order and start times.

A design review (issue 16) found the agenda's clock run down a session in several places: the
agenda builder (PDF, calendar and the week view's rows), publishing a plan and the secretary's
reorder (both store ``Assignment.start_time``, which the agenda-change notices compare), and
the lines of a closed meeting. Each copied the same loop; they now all call :func:`schedule`,
so a change to how time runs down an agenda is made once. (A plan run's proposed assignments
keep the start minutes the solver chose.)

The *order* stays each caller's choice, because the callers order differently today: the
builder applies the site's ordering policy (:func:`mdo_planner.agenda.order_cases`), publishing
keeps manual positions and otherwise puts urgent cases first (:func:`publish_order`) and then
stores the start times the agendas print (``services.agenda_loading.store_agenda_times``), and
a reorder takes the secretary's list as given. No database here: callers pass plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

T = TypeVar("T")

#: Sorts after every real position (cases without a stored position go last).
_UNPLACED = 1 << 30


@dataclass(frozen=True)
class Slot(Generic[T]):
    """One case's place on the agenda: 0-based ``position`` and its ``start``."""

    position: int
    item: T
    start: datetime


def schedule(
    start: datetime,
    items: Iterable[T],
    minutes: Callable[[T], int],
    order: Callable[[Sequence[T]], Sequence[T]] | None = None,
) -> list[Slot[T]]:
    """The agenda's order and each case's start: ``order`` (default: as given), then the
    cases back to back from ``start``, each taking ``minutes(item)``."""
    listed = list(items)
    ordered = order(listed) if order is not None else listed
    slots = []
    clock = start
    for position, item in enumerate(ordered):
        slots.append(Slot(position, item, clock))
        clock += timedelta(minutes=minutes(item))
    return slots


def publish_order(
    items: Sequence[T],
    *,
    manual: Callable[[T], bool],
    position: Callable[[T], int | None],
    urgent: Callable[[T], bool],
    code: Callable[[T], str],
) -> list[T]:
    """The order a published session is stored in: the secretary's hand-ordered cases first,
    in their positions; then the rest by position (the plan run's), urgent first, by code."""

    def key(item: T) -> tuple[bool, int, bool, str]:
        pos = position(item)
        return (
            not manual(item),
            pos if pos is not None else _UNPLACED,
            not urgent(item),
            code(item),
        )

    return sorted(items, key=key)
