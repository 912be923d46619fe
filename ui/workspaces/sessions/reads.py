"""The Sessions workspace's worker reads: what a newly opened database shows first, and one
week (see :mod:`ui.tasks`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mdo_planner.services import sessions_service as ss

#: One week read: the sessions the chosen expert attends (``None``: everyone) and the cards.
WeekRead = tuple[set[int] | None, list[ss.SessionCard]]


def read_week(db: Any, monday: dt.date, expert_id: int | None) -> WeekRead:
    """The week's sessions and, with an expert chosen, the ids of the sessions they attend."""
    sunday = monday + dt.timedelta(days=6)
    mine = ss.expert_session_ids(db, expert_id, monday, sunday) if expert_id is not None else None
    return mine, ss.week_sessions(db, monday)


def read_start(db: Any) -> tuple[dt.date, list[tuple[int, str]], WeekRead]:
    """What a newly opened database shows first: its default week, the experts and that
    week's sessions, in one worker call (two round trips one after the other before: the
    week could only be asked for once the default week had arrived)."""
    monday = ss.default_week(db)
    return monday, ss.expert_choices(db), read_week(db, monday, None)
