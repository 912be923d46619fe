"""Triage levels and their names in the languages the secretariat uses.

``hold`` and ``protocol`` sit *below* ``local`` on purpose: a case that is not ready, or that
only needs to be noted, must never take discussion time, and ordering them lowest lets every
rule be written as "at least this level" without special cases.
"""

from __future__ import annotations

from solver import contract

#: Triage levels, lowest first (planning contract, "Case complexity and triage").
LEVELS: tuple[str, ...] = contract.TRIAGE_LEVELS
#: The levels that are planned into MDO sessions (contract echelons, lowest first).
ECHELONS: tuple[str, ...] = contract.ECHELONS

_RANK = {level: i for i, level in enumerate(LEVELS)}

#: How a level is named in a sentence for the secretary.
LEVEL_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "hold": "hold",
        "protocol": "listed for noting (protocol)",
        "local": "local MDO",
        "regional": "regional MDO",
        "supraregional": "supra-regional MDO",
    },
    "nl": {
        "hold": "aanhouden",
        "protocol": "ter kennisname (protocol)",
        "local": "lokaal MDO",
        "regional": "regionaal MDO",
        "supraregional": "bovenregionaal MDO",
    },
}

#: Languages every triage sentence is available in.
LANGUAGES: tuple[str, ...] = ("en", "nl")


def level_rank(level: str) -> int:
    """Position of ``level`` in :data:`LEVELS` (0 = ``hold``); comparing ranks compares levels.

    Raises ``ValueError`` for an unknown level, because a silently mis-ranked level would
    route a case to the wrong meeting.
    """
    try:
        return _RANK[level]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown triage level {level!r}; expected one of {', '.join(LEVELS)}"
        ) from None


def level_label(level: str, lang: str = "en") -> str:
    """The level as it appears in a secretary's sentence (``"regional MDO"``)."""
    labels = LEVEL_LABELS.get(lang, LEVEL_LABELS["en"])
    return labels[level]
