"""The case editor's triage panel: the recommended level, the rules that fired, the extra
disciplines, confirm / keep / override (with its mandatory reason) and the case's history.

It only shows what the editor gives it; the recommendation itself comes from the pure
:func:`mdo_planner.triage.triage`, so that it can update while the secretary types.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.triage import TriageResult
from solver import contract
from ui.workspaces.case_editor.widgets import ErrorLabel
from ui.workspaces.cases import level_label

LEVEL_CHOICES = contract.TRIAGE_LEVELS


def ui_language() -> str:
    """``"nl"`` when the interface is Dutch, for the triage sentences stored in two languages."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


class OverrideBox(QGroupBox):
    """Choose another level with a mandatory reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Override the level"))
        self.level = QComboBox(self)
        self.level.setObjectName("overrideLevel")
        self.level.setAccessibleName(self.tr("Override level"))
        for level in LEVEL_CHOICES:
            self.level.addItem(level_label(level), level)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("overrideReason")
        self.reason.setAccessibleName(self.tr("Reason for the override"))
        self.reason.setPlaceholderText(
            self.tr(
                "Reason (required), e.g. “patient prefers the expert centre after consultation”"
            )
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(64)
        self.error = ErrorLabel(self)
        self.button = QPushButton(self.tr("Override"), self)
        self.button.setObjectName("overrideButton")
        form = QFormLayout(self)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.error)
        form.addRow("", self.button)
        # "A reason is required…" is only true while the box is empty
        self.reason.textChanged.connect(self._reason_typed)

    @Slot()
    def _reason_typed(self) -> None:
        if self.reason.toPlainText().strip():
            self.error.show_message("")


class TriagePanel(QFrame):
    """Recommended level, the rules that fired, extra disciplines, confirm / override."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triagePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(self.tr("Triage"), self)
        f = title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        title.setFont(f)
        self.level = QLabel(self)
        self.level.setObjectName("recommendedLevel")
        lf = self.level.font()
        lf.setPointSizeF(lf.pointSizeF() * 1.5)
        lf.setBold(True)
        self.level.setFont(lf)
        self.level.setAccessibleName(self.tr("Recommended level"))
        self.minutes = QLabel(self)
        self.rules = QListWidget(self)
        self.rules.setObjectName("firedRules")
        self.rules.setAccessibleName(self.tr("Rules that fired"))
        self.rules.setWordWrap(True)
        self.rules.setAlternatingRowColors(True)
        self.extra = QLabel(self)
        self.extra.setObjectName("extraDisciplines")
        self.extra.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setObjectName("triageState")
        self.state.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Confirm level"), self)
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        )
        self.keep_button = QPushButton(self.tr("Keep the decided level"), self)
        self.keep_button.setObjectName("keepButton")
        self.keep_button.setToolTip(
            self.tr(
                "The recommendation changed; keep the level that was confirmed or chosen before"
            )
        )
        self.keep_button.hide()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("triageHint")
        self.override = OverrideBox(self)
        self.history_title = QLabel(self.tr("History"), self)
        hf = self.history_title.font()
        hf.setBold(True)
        self.history_title.setFont(hf)
        self.history = QLabel(self)
        self.history.setObjectName("caseHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel(
            self.tr(
                "The triage proposes which meeting discusses the case, "
                "never a treatment. A clinician confirms or overrides it."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.level)
        layout.addWidget(self.minutes)
        layout.addWidget(QLabel(self.tr("Rules that fired:"), self))
        layout.addWidget(self.rules)
        layout.addWidget(self.extra)
        layout.addWidget(self.state)
        layout.addWidget(self.confirm_button)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.override)
        layout.addSpacing(6)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        layout.addStretch(1)
        layout.addWidget(self.note)

    def show_stated(self, level: str | None) -> None:
        """A case registered with its level stated and no complexity data."""
        self.rules.clear()
        self.level.setText(level_label(level))
        self.minutes.setText(self.tr("Level stated at registration; no complexity data recorded."))
        self.rules.addItem(self.tr("Tick the complexity items to get a recommendation."))
        self.rules.setFixedHeight(2 * 20 + 8)
        self.extra.setText("")

    def show_result(self, result: TriageResult | None, error: str = "") -> None:
        self.rules.clear()
        if result is None:
            self.level.setText(self.tr("—"))
            self.minutes.setText(error)
            self.extra.setText("")
            return
        self.level.setText(level_label(result.level))
        if result.planned:
            self.minutes.setText(
                self.tr("Suggested discussion time: %n minute(s)", "", result.minutes)
            )
        else:
            self.minutes.setText(self.tr("Not planned into discussion time"))
        lang = ui_language()
        for fired in result.fired:
            item = QListWidgetItem(fired.reason(lang))
            item.setToolTip(fired.reason(lang))
            self.rules.addItem(item)
        # as tall as its rules (no empty box), scrolling beyond eight of them
        row = max(18, self.rules.sizeHintForRow(0)) if self.rules.count() else 18
        self.rules.setFixedHeight(min(8, max(2, self.rules.count())) * (row + 2) + 8)
        if result.extra_disciplines:
            self.extra.setText(
                self.tr("Extra disciplines: {0}").format(", ".join(result.extra_disciplines))
            )
        else:
            self.extra.setText(self.tr("No extra disciplines"))
