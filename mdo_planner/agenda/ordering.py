"""The order in which an MDO discusses its cases.

Meetings overrun and teams tire: decisions are reached less often late in a meeting (CRUK
2017). The default policy therefore puts

1. urgent cases first;
2. then the heaviest discussions (highest echelon, most complexity flags, most minutes) while
   the team is fresh;
3. while keeping the cases of one referring hospital (and within it, of one presenting
   physician) together, so that external participants can join for their own block: a block
   is placed by its heaviest case, and inside a block the heaviest case goes first;
4. and the secretary's manual order always wins: cases she placed by hand keep their position
   (and their order among themselves) when re-planning adds or removes other cases; the
   policy only fills the remaining places.

Every step can be switched off per site (``[agenda.ordering]`` in the site configuration).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mdo_planner.agenda.model import ECHELONS, AgendaCase
from mdo_planner.errors import UserError

GroupBy = Literal["hospital_physician", "hospital", "physician", "none"]
GROUP_BY_CHOICES: tuple[str, ...] = ("hospital_physician", "hospital", "physician", "none")


@dataclass(frozen=True)
class OrderingPolicy:
    """How the builder orders the cases that the secretary did not place by hand."""

    urgent_first: bool = True
    complex_first: bool = True
    group_by: GroupBy = "hospital_physician"

    @classmethod
    def from_config(
        cls, raw: Mapping[str, Any] | None, where: str = "agenda.ordering"
    ) -> OrderingPolicy:
        """Read ``{"urgent_first": bool, "complex_first": bool, "group_by": str}``."""
        if not raw:
            return cls()
        if not isinstance(raw, Mapping):
            raise UserError(f"{where}: expected a table of settings")
        unknown = set(raw) - {"urgent_first", "complex_first", "group_by"}
        if unknown:
            raise UserError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for key in ("urgent_first", "complex_first"):
            if key in raw:
                if not isinstance(raw[key], bool):
                    raise UserError(f"{where}.{key}: expected true or false, not {raw[key]!r}")
                values[key] = raw[key]
        if "group_by" in raw:
            if raw["group_by"] not in GROUP_BY_CHOICES:
                raise UserError(
                    f"{where}.group_by: expected one of {', '.join(GROUP_BY_CHOICES)}, "
                    f"not {raw['group_by']!r}"
                )
            values["group_by"] = raw["group_by"]
        return cls(**values)


def _weight(case: AgendaCase) -> tuple[int, int, int]:
    """Heavier discussions compare greater."""
    level = ECHELONS.index(case.triage_level) if case.triage_level in ECHELONS else -1
    return (level, case.complexity, case.minutes)


def _group_keys(case: AgendaCase, group_by: GroupBy) -> tuple[str, ...]:
    hospital = case.referring_hospital
    physician = case.presenting_physician.strip().casefold()
    if group_by == "hospital_physician":
        return (hospital, physician)
    if group_by == "hospital":
        return (hospital,)
    if group_by == "physician":
        return (physician,)
    return ()


def _order_block(
    cases: list[AgendaCase], keys: list[tuple[str, ...]], depth: int, complex_first: bool
) -> list[AgendaCase]:
    """Order cases so that equal keys at ``depth`` stay together, heaviest block first."""
    if not cases:
        return []

    def case_key(c: AgendaCase) -> tuple[Any, ...]:
        weight = _weight(c) if complex_first else (0, 0, 0)
        return (tuple(-w for w in weight), c.case_id)

    if depth >= len(keys[0]):
        return sorted(cases, key=case_key)
    blocks: dict[str, list[tuple[AgendaCase, tuple[str, ...]]]] = {}
    for case, key in zip(cases, keys, strict=True):
        blocks.setdefault(key[depth], []).append((case, key))

    def block_key(name: str) -> tuple[Any, ...]:
        members = [c for c, _ in blocks[name]]
        heaviest = max(_weight(c) for c in members) if complex_first else (0, 0, 0)
        return (tuple(-w for w in heaviest), name)

    ordered: list[AgendaCase] = []
    for name in sorted(blocks, key=block_key):
        members = blocks[name]
        ordered += _order_block(
            [c for c, _ in members], [k for _, k in members], depth + 1, complex_first
        )
    return ordered


def policy_order(cases: Sequence[AgendaCase], policy: OrderingPolicy) -> list[AgendaCase]:
    """The policy's order, ignoring manual positions."""
    chunks: list[list[AgendaCase]]
    if policy.urgent_first:
        chunks = [[c for c in cases if c.urgent], [c for c in cases if not c.urgent]]
    else:
        chunks = [list(cases)]
    ordered: list[AgendaCase] = []
    for chunk in chunks:
        keys = [_group_keys(c, policy.group_by) for c in chunk]
        ordered += _order_block(chunk, keys, 0, policy.complex_first)
    return ordered


def order_cases(
    cases: Sequence[AgendaCase], policy: OrderingPolicy | None = None
) -> list[AgendaCase]:
    """The final discussion order: manual positions first claimed, the policy fills the rest.

    Manual positions are 1-based places on the agenda. When cases were removed since the
    secretary ordered them, the positions are honoured as far as the list is long; the hand-
    placed cases never change order among themselves.
    """
    policy = policy or OrderingPolicy()
    manual = sorted(
        (c for c in cases if c.manual_position is not None),
        key=lambda c: (c.manual_position, c.case_id),
    )
    automatic = policy_order([c for c in cases if c.manual_position is None], policy)
    n = len(cases)
    slots: list[AgendaCase | None] = [None] * n
    previous = -1
    for i, case in enumerate(manual):
        wanted = max(int(case.manual_position or 1), 1) - 1
        remaining_after = len(manual) - i - 1
        slot = min(max(wanted, previous + 1), n - 1 - remaining_after)
        slots[slot] = case
        previous = slot
    fill = iter(automatic)
    return [s if s is not None else next(fill) for s in slots]
