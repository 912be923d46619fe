"""Registration cut-off and agenda freeze, in working days before a meeting.

Specialists prepare imaging and pathology days ahead, and an agenda goes out at least a day
before the meeting. A meeting series therefore has a cut-off: registrations after it are
*late* for that meeting (they go on its agenda only when the secretary admits them, naming
the chair who agreed), and a plan published inside that window counts as the agenda sent,
after which the session's cases and attendees stay put (the freeze).

Defaults follow practice: 2 working days for a local MDO, 5 for regional and supra-regional
ones (their cases come from other hospitals and need the images transferred). Working days
are Monday to Friday; public holidays are not counted out here (a series that skips a
holiday simply has no session that day).
"""

from __future__ import annotations

import datetime as dt

DEFAULT_CUTOFF = {"local": 2, "regional": 5, "supraregional": 5}


def cutoff_days(echelon: str, series_days: int | None = None) -> int:
    """The series' own cut-off, or the default of the echelon."""
    return series_days if series_days is not None else DEFAULT_CUTOFF.get(echelon, 5)


def working_days_before(day: dt.date, n: int) -> dt.date:
    """The date ``n`` working days (Mon-Fri) before ``day``."""
    out = day
    while n > 0:
        out -= dt.timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out


def cutoff_date(session_date: dt.date, echelon: str, series_days: int | None = None) -> dt.date:
    """The last day on which a registration is on time for a meeting on ``session_date``."""
    return working_days_before(session_date, cutoff_days(echelon, series_days))


def in_freeze_window(
    today: dt.date, session_date: dt.date, echelon: str, series_days: int | None = None
) -> bool:
    """Whether a meeting's agenda counts as sent when its plan is published ``today``."""
    return cutoff_date(session_date, echelon, series_days) < today <= session_date


__all__ = [
    "DEFAULT_CUTOFF",
    "cutoff_date",
    "cutoff_days",
    "in_freeze_window",
    "working_days_before",
]
