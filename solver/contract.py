"""The planning contract's vocabulary, in one place (``../shared/contract/README.md``).

Why here: every layer needs these words — the database's enums (``db.models``), scenario
validation and triage (``mdo_planner``), the UI's choices, the solver and its plan check — and
before this module the echelon list alone was typed out seven times, so a contract change
touched eight files and only the external checker noticed a miss. ``solver`` imports nothing
of ours, so every package may import this module; it imports nothing at all.

The values are the contract's and the database's stored codes: changing one is a schema and
contract change, not a refactoring. The dictionaries are shared: copy one before changing it.
"""

from __future__ import annotations

#: Echelons of MDO sessions, lowest first: a case may be discussed at its echelon or higher.
ECHELONS: tuple[str, ...] = ("local", "regional", "supraregional")
#: An echelon's rank (``local`` 0): "at its echelon or higher" compares ranks.
LEVEL: dict[str, int] = {e: i for i, e in enumerate(ECHELONS)}
#: Levels a case is never planned into discussion time at: ``hold`` (withheld until data are
#: complete) and ``protocol`` (treated per protocol, listed for noting).
NOT_DISCUSSED_LEVELS: tuple[str, ...] = ("hold", "protocol")
#: Triage levels, lowest first ("Case complexity and triage").
TRIAGE_LEVELS: tuple[str, ...] = (*NOT_DISCUSSED_LEVELS, *ECHELONS)
#: How a session meets.
SESSION_MODES: tuple[str, ...] = ("in_person", "hybrid", "video")
#: Default discussion time of a case per required echelon, in minutes.
DEFAULT_MINUTES: dict[str, int] = {"local": 4, "regional": 8, "supraregional": 12}
#: Default cost weights of the contract's cost formula (a network may set its own).
DEFAULT_WEIGHTS: dict[str, int] = {
    "unplanned": 1000,
    "late_day": 20,
    "escalation": 50,
    "wait_day": 1,
    "attendance": 5,
    "moved": 30,
    "urgent_factor": 5,
}
