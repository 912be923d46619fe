"""The contract's hard rules 1–8 (``../shared/contract/README.md``), each written once.

Why here: the rules were restated wherever a plan is judged — the plan check, the
explanations, the move check behind drag and drop — and each copy had its own idea of, say,
which network a regional session serves. Every copy now calls the function of its rule, and
the test ``tests/test_contract_rules.py`` proves that the solver's fast indexes
(``solver.instance``: candidate pools, expert eligibility) agree with these functions.

The functions take plain values (strings, dates, numbers), not the solver's or the database's
records, so every layer can call them with what it has. Each returns whether its rule holds
(rule 6: the disciplines it lacks); the caller words the finding, because a secretary moving
a case and a referee judging a file need different sentences. :data:`RULES` holds the
contract's own sentence of each rule. Like ``solver.contract`` this module imports nothing of
ours but the vocabulary, so every layer may use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from solver.contract import LEVEL

#: The contract's hard rules, as a secretary reads them.
RULES: dict[int, str] = {
    1: "The session's tumour group is the case's tumour group.",
    2: "The session's echelon is at least the case's required echelon.",
    3: (
        "Geography: a local session is at the case's own hospital; a regional session is at "
        "a hospital of the same network as the case's hospital; a supra-regional session "
        "takes cases from anywhere."
    ),
    4: "The case is ready on the session's date, and the session lies in the planning horizon.",
    5: "The minutes of the cases in a session add up to at most its duration.",
    6: (
        "Quorum: a session with cases has an attending expert of every core discipline of its "
        "tumour group and of every extra discipline of its cases."
    ),
    7: (
        "Every attending expert is eligible (tumour group, the hospitals they serve, the "
        "highest echelon they attend), available that date, within their weekly limit, and "
        "in no two overlapping sessions."
    ),
    8: "A pinned case is in its pinned session.",
}


def rule_1_tumour_group(case_group: str, session_group: str) -> bool:
    """1. The session's tumour group is the case's tumour group."""
    return case_group == session_group


def rule_2_echelon(case_echelon: str, session_echelon: str) -> bool:
    """2. The session's echelon is at least the case's required echelon (an unknown echelon
    never qualifies)."""
    return LEVEL.get(session_echelon, -1) >= LEVEL.get(case_echelon, len(LEVEL))


def rule_3_geography(
    session_echelon: str,
    session_hospital: str,
    session_network: str | None,
    case_hospital: str,
    case_network: str | None,
) -> bool:
    """3. A local session is at the case's own hospital, a regional one in the case's
    network; a supra-regional session takes cases from anywhere."""
    if session_echelon == "local":
        return session_hospital == case_hospital
    if session_echelon == "regional":
        return session_network == case_network
    return True


def rule_4_ready(ready: dt.date, session_date: dt.date) -> bool:
    """4. The case is ready on the session's date (``ready <= session.date``)."""
    return ready <= session_date


def rule_4_horizon(session_date: dt.date, start: dt.date, end: dt.date) -> bool:
    """4. The session lies in the planning horizon ``[start, end]``."""
    return start <= session_date <= end


def rule_5_capacity(minutes: int, duration_min: int) -> bool:
    """5. The minutes of the cases in a session add up to at most ``duration_min``."""
    return minutes <= duration_min


def rule_6_quorum(core: Iterable[str], extra: Iterable[str], attending: Iterable[str]) -> list[str]:
    """6. The disciplines (core of the tumour group, extra of the cases) that no attending
    expert brings, sorted; empty when the quorum holds."""
    return sorted((set(core) | set(extra)) - set(attending))


def rule_7_tumour_group(expert_groups: Iterable[str], session_group: str) -> bool:
    """7. The expert attends sessions of their own tumour groups only."""
    return session_group in set(expert_groups)


def rule_7_geography(
    session_echelon: str,
    session_hospital: str,
    session_network: str | None,
    serves: Iterable[str],
    max_echelon: str,
    expert_network: str | None,
) -> bool:
    """7. Local sessions of the hospitals the expert serves; regional sessions of the network
    of the expert's own hospital when ``max_echelon`` allows regional; supra-regional
    sessions anywhere when it allows supra-regional."""
    level = LEVEL.get(max_echelon, 0)
    if session_echelon == "local":
        return session_hospital in set(serves)
    if session_echelon == "regional":
        return level >= LEVEL["regional"] and expert_network == session_network
    return level >= LEVEL["supraregional"]


def rule_7_available(day: dt.date, unavailable: Iterable[tuple[dt.date, dt.date]]) -> bool:
    """7. The expert is on no leave (inclusive ranges) on ``day``."""
    return not any(a <= day <= b for a, b in unavailable)


def rule_7_weekly_limit(sessions_in_week: int, max_per_week: int | None) -> bool:
    """7. The expert attends at most ``max_per_week`` sessions in an ISO week (None:
    unlimited)."""
    return max_per_week is None or sessions_in_week <= max_per_week


def rule_7_no_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """7. Two sessions of one day, as ``[start, end)`` minutes, do not overlap (an expert may
    attend both)."""
    return not (a[0] < b[1] and b[0] < a[1])


def rule_8_pinned(pinned_session: str | None, session: str | None) -> bool:
    """8. A pinned case is in its pinned session (``session`` None: unplanned)."""
    return not pinned_session or session == pinned_session
