"""The planning pool: which cases a plan run may place into discussion time.

This is the one rule, in one place, that every path uses: the ``plan`` command and the
Planning workspace (both through ``plan_review.propose_plan``), and the re-check when a
proposal is published (``plan_review.publish_run``). A case is planned into discussion iff

* its required level (confirmed or overridden by a clinician) is ``local``, ``regional`` or
  ``supraregional``, and
* its status says it still waits for a discussion: ``ready``, ``planned``, ``deferred`` or
  ``not_discussed``.

Never planned: no confirmed level (``new`` / undecided), level ``hold``, status ``hold``,
``discussed`` or ``withdrawn``. Level ``protocol`` cases are listed for noting on their
hospital's next local agenda, not discussed. Nothing here re-derives a level: a clinician's
``hold`` or ``protocol`` stands, whatever the complexity data would say (patient safety: a case
withheld until a biopsy is repeated must not be discussed without it).
"""

from __future__ import annotations

from typing import Any

from db import models as m
from solver import contract

#: Required levels that are planned into a session's discussion time.
PLANNED_LEVELS: tuple[str, ...] = contract.ECHELONS
#: Case statuses that still wait for a discussion.
POOL_STATUSES: tuple[str, ...] = ("ready", "planned", "deferred", "not_discussed")


def in_pool(required_level: str | None, status: str | None) -> bool:
    """Whether a case with this decided level and status is planned into discussion."""
    return required_level in PLANNED_LEVELS and status in POOL_STATUSES


def pool_clause() -> Any:
    """The same rule as a SQL condition on ``cases`` (for queries over many cases)."""
    return m.Case.required_level.in_(PLANNED_LEVELS) & m.Case.status.in_(POOL_STATUSES)


def not_planned_reason(
    required_level: str | None, status: str | None, triage_level: str | None = None
) -> str:
    """Why a case outside the pool is not planned, as a sentence a secretary can act on."""
    if status == "withdrawn":
        return "withdrawn: it is no longer to be discussed"
    if status == "discussed":
        return "already discussed: its recommendation is recorded"
    if required_level == "hold" or status == "hold":
        return (
            "on hold by a clinician's decision or because the registration is incomplete "
            "(see the triage panel); it is planned once the data is complete and a "
            "clinician confirms a level"
        )
    if required_level == "protocol":
        return (
            "standard-of-care protocol: listed for noting on its hospital's next local "
            "agenda, not planned into discussion time"
        )
    if required_level is None:
        recommended = f" (recommended: {triage_level})" if triage_level else ""
        return (
            f"triage not yet confirmed by a clinician{recommended}: confirm or override "
            "the level in the case editor, then plan again"
        )
    return f"status {status}: not waiting for a discussion"


def change_since(required_level: str | None, status: str | None) -> str:
    """What happened to a case of a proposal that has left the pool since ("was put on
    hold"), for the sentence that refuses a stale publication."""
    if status in ("withdrawn", "discussed"):
        return f"was {status}"
    if required_level == "hold" or status == "hold":
        return "was put on hold"
    if required_level == "protocol":
        return "was changed to protocol (listed for noting only)"
    if required_level is None:
        return "lost its confirmed triage level"
    return f"has status {status}"


__all__ = [
    "PLANNED_LEVELS",
    "POOL_STATUSES",
    "change_since",
    "in_pool",
    "not_planned_reason",
    "pool_clause",
]
