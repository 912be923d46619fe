"""The Planning workspace's worker reads: what it opens with and what one review shows, each
one worker call (see :mod:`ui.tasks`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mdo_planner.services import plan_review as pr
from mdo_planner.services import sessions_service as ss
from ui.workspaces import specialist_time

#: One review read: the review and its specialist-time figures.
ReviewRead = tuple[pr.Review, specialist_time.Figures]


def read_review(db: Any, run_id: int) -> ReviewRead:
    """The review and its specialist-time line in one worker call, one after the other. Two
    workers side by side were slower on the national network (1.3 s against 0.9 s): both are
    Python-bound and share the GIL, and the review's many short SQLite calls each wait for
    the other thread to hand it back."""
    review = pr.review(db, run_id)
    return review, specialist_time.read_figures(db, run_id, *review.horizon)


def read_opening(db: Any) -> tuple[dt.date, int | None, ReviewRead | None]:
    """What the workspace opens with: the default week, the newest proposal and its review,
    in one worker call (three round trips one after the other before)."""
    run_id = pr.latest_run(db)
    return ss.default_week(db), run_id, read_review(db, run_id) if run_id is not None else None
