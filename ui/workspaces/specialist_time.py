"""The Planning review's specialist-time line: what the proposal books against the published
plan, in specialist-minutes per planned case by echelon (attendees × session length ÷ cases,
and attendees × discussion minutes ÷ cases). A widget of its own so that the review's layout
can change without touching it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from mdo_planner.services import quality_service as qs
from ui.workspaces.words import level_word

#: What the label shows, as one worker read gives it: the run, then the proposal's and the
#: published plan's figures.
Figures = tuple[int, tuple[qs.EchelonTime, ...], tuple[qs.EchelonTime, ...]]


def read_figures(db: Any, run_id: int, date_from: dt.date, date_to: dt.date) -> Figures:
    """The label's worker read over the run's horizon; Planning makes it in the same worker
    call as the review (see :meth:`SpecialistTimeLabel.show_figures`)."""
    return (run_id, *qs.run_specialist_time(db, run_id, date_from, date_to))


class SpecialistTimeLabel(QLabel):
    """ "Specialist-minutes per planned case — proposal: …; published plan: …"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("specialistTime")
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Specialist time per planned case"))
        self.run_id: int | None = None

    def show_figures(self, figures: Figures) -> None:
        """Show figures read by the caller's worker (:func:`read_figures`)."""
        self.run_id, proposal, published = figures
        self.setText(
            self.tr("Specialist-minutes per planned case — proposal: %1; published plan: %2")
            .replace("%1", self._part(proposal))
            .replace("%2", self._part(published))
        )

    def clear_run(self) -> None:
        self.run_id = None
        self.clear()

    def _part(self, times: tuple[qs.EchelonTime, ...]) -> str:
        parts = [
            self.tr("%1 %2 booked / %3 discussing")
            .replace("%1", level_word(t.echelon))
            .replace("%2", f"{t.booked_per_case:.0f}")
            .replace("%3", f"{t.used_per_case or 0:.0f}")
            for t in times
            if t.booked_per_case is not None
        ]
        return ", ".join(parts) or self.tr("no case planned")
