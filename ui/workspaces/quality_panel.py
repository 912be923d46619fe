"""The Dashboard's quality section: the figures of the meetings held in the period shown.

What networks report to SONCOS and their boards, from recorded outcomes (not from plans):
cases discussed, % by the due date, days from ready to discussion, deferral rate, core
disciplines actually present, and the specialist time booked and used per discussed case by
echelon, with the sessions that are candidates to merge or cancel. The same report can be
exported as PDF or XLSX (``mdo-planner report`` writes it too). Loading and exporting run
through the task layer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.outputs.quality_export import write_report
from mdo_planner.services import quality_service as qs
from ui.workspaces._support import (
    Column,
    MessageBar,
    RowTableModel,
    alive,
    invoke,
    make_table,
)
from ui.workspaces.words import level_word


def _num(value: float | None, suffix: str = "") -> str:
    return "–" if value is None else f"{value:.0f}{suffix}"


def _export(db: Any, date_from: dt.date, date_to: dt.date, path: str) -> Path:
    return write_report(qs.quality_report(db, date_from, date_to), path)


class QualityPanel(QWidget):
    """Quality figures and specialist time of the closed meetings in a period."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("qualityPanel")
        self.report: qs.QualityReport | None = None
        self.period: tuple[dt.date, dt.date] | None = None
        self._tasks: list[Any] = []
        heading = QLabel(self.tr("Quality of the meetings held"))
        f = heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        heading.setFont(f)
        self.summary = QLabel()
        self.summary.setObjectName("qualitySummary")
        self.summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export quality report…"))
        self.export_button.clicked.connect(self.export)
        self.message = MessageBar(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.time_model = RowTableModel(
            [
                Column(self.tr("Echelon"), lambda r: level_word(r.echelon)),
                Column(self.tr("Meetings"), lambda r: r.sessions, align_right=True),
                Column(self.tr("Cases discussed"), lambda r: r.cases, align_right=True),
                Column(
                    self.tr("Specialist-min booked per case"),
                    lambda r: _num(r.booked_per_case),
                    align_right=True,
                ),
                Column(self.tr("used per case"), lambda r: _num(r.used_per_case), align_right=True),
            ],
            self,
        )
        self.time_view = make_table(self.time_model, "specialistTimeTable")
        self.time_view.setAccessibleName(self.tr("Specialist time per discussed case"))
        self.candidate_model = RowTableModel(
            [
                Column(self.tr("Merge or cancel?"), lambda r: r.session.label),
                Column(self.tr("Cases"), lambda r: r.session.cases, align_right=True),
                Column(self.tr("Why"), lambda r: r.why),
            ],
            self,
        )
        self.candidate_view = make_table(self.candidate_model, "candidateTable")
        self.candidate_view.setAccessibleName(self.tr("Sessions to merge or cancel"))
        grid = QGridLayout()
        grid.addWidget(self.time_view, 0, 0)
        grid.addWidget(self.candidate_view, 0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addLayout(grid, 1)

    def load(self, date_from: dt.date, date_to: dt.date) -> None:
        """Compute the figures of ``[date_from, date_to]`` in the background."""
        self.period = (date_from, date_to)
        task = self.ctx.run_task(
            invoke,
            qs.quality_report,
            (self.ctx.db, date_from, date_to),
            {},
            on_success=self._loaded,
            on_failure=self._failed,
        )
        self._tasks.append(task)

    @alive
    def _loaded(self, report: qs.QualityReport) -> None:
        if self.period != (report.date_from, report.date_to):
            return
        self.report = report
        t = report.total
        if not report.meetings:
            self.summary.setText(
                self.tr(
                    "No meeting of this period has been closed yet: the "
                    "figures come from recorded outcomes (Meeting "
                    "view), not from plans."
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "{meetings} meeting(s) closed · {discussed} case(s) discussed · {on_time} by the due date · "
                    "ready → discussion median {median} d, 90th percentile {p90} d · deferred {deferred}, "
                    "not discussed {not_discussed} · core disciplines present in {core_present}"
                ).format(
                    meetings=str(report.meetings),
                    discussed=str(t.discussed),
                    on_time=_num(t.percent_on_time, " %"),
                    median=_num(t.median_days),
                    p90=_num(t.p90_days),
                    deferred=_num(t.rate(t.deferred), " %"),
                    not_discussed=_num(t.rate(t.not_discussed), " %"),
                    core_present=_num(report.percent_core_present, " %"),
                )
            )
        self.time_model.set_rows(list(report.specialist))
        self.candidate_model.set_rows(list(report.candidates))

    @alive
    def _failed(self, failure: Any) -> None:
        self.message.show_message(str(failure), "error")

    @Slot()
    def export(self) -> None:
        if self.period is None:
            return
        start, end = self.period
        name = f"quality_{start.isoformat()}_{end.isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export quality report"),
            name,
            self.tr("PDF (*.pdf);;Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        task = self.ctx.run_task(
            invoke,
            _export,
            (self.ctx.db, start, end, path),
            {},
            on_success=self._exported,
            on_failure=self._failed,
            description=self.tr("Exporting the quality report…"),
        )
        self._tasks.append(task)

    @alive
    def _exported(self, path: Any) -> None:
        self.message.show_message(self.tr("Saved {path}").format(path=str(path)))
