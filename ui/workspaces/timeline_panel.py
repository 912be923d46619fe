"""The case editor's MDO history: why the secretary should look at the case (deferred or not
discussed at an MDO, withdrawn) and the patient's earlier discussions with what they decided,
so that a re-discussion is prepared with the earlier recommendation in view. Loaded through
the task layer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mdo_planner.services import meeting_service as svc
from ui.workspaces._support import alive, display_text, invoke


class TimelinePanel(QWidget):
    """ "MDO history" under the triage panel."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("timelinePanel")
        self.case_id: int | None = None
        self._tasks: list[Any] = []
        self.heading = QLabel(self.tr("MDO history"))
        f = self.heading.font()
        f.setBold(True)
        self.heading.setFont(f)
        self.attention = QLabel()
        self.attention.setObjectName("attention")
        self.attention.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("timeline")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.attention)
        layout.addWidget(self.text)
        self.show_case(None)

    def show_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.attention.hide()
        self.text.setText(self.tr("No MDO discussion recorded yet."))
        if case_id is None or not self.ctx.has_db:
            return
        task = self.ctx.run_task(
            invoke, svc.case_history, (self.ctx.db, case_id), {}, on_success=self._loaded
        )
        self._tasks.append(task)

    @alive
    def _loaded(self, result: Any) -> None:
        case_id, attention, entries = result
        if case_id != self.case_id:
            return
        if attention:
            self.attention.setText("⚑ " + attention)
            self.attention.show()
        if entries:
            lines = []
            for e in entries:
                follow = (
                    " → " + self.tr("re-discussion {case}").format(case=e.follow_up_case)
                    if e.follow_up_case
                    else ""
                )
                lines.append(
                    f"{display_text(e.date)} · {e.case_code} · {e.outcome}: "
                    f"{e.recommendation}{follow}"
                )
            self.text.setText("\n".join(lines))
