"""The case editor: intake form, complexity form and a live triage panel.

Design choices that matter to the people using it:

* The triage recommendation updates while the secretary types (the pure
  :func:`mdo_planner.triage.triage` is cheap), so she sees at once which missing item keeps a
  case on hold and which flag sends it to the regional MDO.
* A failed save never loses work: the form keeps every value and says why, beside the field
  for a mistake in the form, in a banner for a conflict with a colleague's save.
* Every edit is undoable (QUndoStack); typing in one field merges into one undo step.
* Confirm and override act on the *stored* case, so they are only enabled when the form has
  no unsaved changes; an override needs a reason, checked here and again by the service.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QSignalBlocker,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QRegularExpressionValidator,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.errors import ConflictError, UserError
from mdo_planner.services import cases_service as cs
from mdo_planner.triage import PHASES, STAGES, TriageResult, triage
from solver import contract
from ui.context import AppContext
from ui.tasks import TaskFailure
from ui.workspaces._support import date_text, date_time_text
from ui.workspaces.cases import level_label, status_label
from ui.workspaces.timeline_panel import TimelinePanel

log = logging.getLogger(__name__)

#: An empty birth date's calendar opens this many years back (typical oncology patient).
EMPTY_BIRTH_PAGE_YEARS = 65

#: A ``QDateEdit`` cannot be empty; its minimum date shown as "—" stands for "not given".
NO_DATE = QDate(1900, 1, 1)

LEVEL_CHOICES = contract.TRIAGE_LEVELS


def _to_qdate(d: dt.date | None) -> QDate:
    return NO_DATE if d is None else QDate(d.year, d.month, d.day)


def _from_qdate(q: QDate) -> dt.date | None:
    if not q.isValid() or q == NO_DATE:
        return None
    return dt.date(q.year(), q.month(), q.day())


def ui_language() -> str:
    """``"nl"`` when the interface is Dutch, for the triage sentences stored in two languages."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


# --------------------------------------------------------------------------- undo


class FieldEdit(QUndoCommand):
    """One change of one form field; consecutive changes of the same field merge."""

    def __init__(self, editor: CaseEditorWorkspace, name: str, old: Any, new: Any) -> None:
        super().__init__(
            QCoreApplication.translate("CaseEditorWorkspace", "Edit {0}").format(
                editor.field_title(name)
            )
        )
        self._editor = editor
        self.name = name
        self.old = old
        self.new = new
        self._first = True

    def id(self) -> int:
        return 1000 + self._editor.field_index(self.name)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or other.name != self.name:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # the widget already shows the new value
            self._first = False
            return
        self._editor.apply_field(self.name, self.new)

    def undo(self) -> None:
        self._editor.apply_field(self.name, self.old)


# --------------------------------------------------------------------------- widgets


class OptionalDateEdit(QDateEdit):
    """A date field that may be empty (its minimum date, shown as "—").

    Qt's date edit uses Tab to step through day, month and year; on the empty special value
    it never leaves the field, which would trap keyboard users. Here Tab leaves an empty field.
    """

    def is_empty(self) -> bool:
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.is_empty():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def follow_calendar(self) -> None:
        """Open the calendar of an empty birth date decades back, not in January 1900."""
        calendar = self.calendarWidget()
        if calendar is not None:
            # the calendar sits in a popup window; its Show is the moment it opens
            (
                calendar.window() if calendar.window() is not self.window() else calendar
            ).installEventFilter(self)
            self._popup = calendar.window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is getattr(self, "_popup", None)
            and event.type() == QEvent.Type.Show
            and self.is_empty()
        ):
            calendar = self.calendarWidget()
            calendar.setCurrentPage(QDate.currentDate().year() - EMPTY_BIRTH_PAGE_YEARS, 1)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_empty() and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(event)


class ErrorLabel(QLabel):
    """An inline message beside a field: icon-less text in the palette's error colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #c0392b;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText("⚠ " + text if text else "")
        self.setVisible(bool(text))


class Banner(QFrame):
    """A message across the top of the form (save failed, conflict, saved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        colours = {
            "error": ("#fdecea", "#8a1c12"),
            "info": ("#e8f4fd", "#0b4a6f"),
            "ok": ("#e9f7ef", "#14532d"),
        }
        bg, fg = colours.get(kind, colours["info"])
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border-radius: 4px; }}"
            f"QFrame#banner QLabel {{ color: {fg}; }}"
        )
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()


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


# --------------------------------------------------------------------------- workspace


#: Complexity yes/no fields, grouped as on a registration form.
COMPLEXITY_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Readiness", ("pathology_available", "imaging_available")),
    (
        "Referral",
        (
            "rare_tumour",
            "rare_molecular_alteration",
            "second_opinion",
            "no_consensus_previous",
            "centralised_procedure",
            "trial_candidate",
        ),
    ),
    (
        "Disease and treatment",
        (
            "recurrence",
            "metastatic",
            "curative_options",
            "multimodal",
            "discordant_findings",
            "guideline_deviation",
            "standard_of_care",
        ),
    ),
    (
        "Patient",
        (
            "frailty",
            "cognitive_impairment",
            "significant_comorbidity",
            "previous_treatment_failure",
            "psychosocial_issues",
            "conflicting_preference",
            "hereditary_suspected",
        ),
    ),
)


#: Form fields that make up the contract's complexity object.
COMPLEXITY_FIELDS: tuple[str, ...] = (
    "phase",
    "stage",
    "previous_echelon",
    "age",
    "who_performance",
    *(name for _, names in COMPLEXITY_GROUPS for name in names),
)


class CaseEditorWorkspace(QWidget):
    """Register or edit one case; live triage; confirm or override the level."""

    saved = Signal(int)
    saveFailed = Signal(str)
    triageUpdated = Signal(object)
    levelDecided = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("case_editor")
        self.title = self.tr("Case")
        self.case_id: int | None = None
        self.detail: cs.CaseDetail | None = None
        self.result: TriageResult | None = None
        self._applying = False
        self._values: dict[str, Any] = {}
        self._ref: cs.ReferenceData | None = None
        self._rule_cache: dict[tuple[int | None, str], Any] = {}
        self._loaded_values: dict[str, Any] = {}
        self._loaded_has_complexity = True
        self.undo_stack = QUndoStack(self)
        ctx.undo_group.addStack(self.undo_stack)
        self._build()
        self._fields = self._field_table()
        self._connect_fields()
        self.undo_stack.cleanChanged.connect(self._update_buttons)
        ctx.caseRequested.connect(self.open_case)
        ctx.caseRequestedFrom.connect(self.open_from)
        ctx.databaseChanged.connect(self._on_database_changed)
        ctx.dataChanged.connect(self._on_data_changed)
        if ctx.has_db:
            self._load_reference()
        self.new_case()

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        # shown when the case was opened from the planning review: confirm its level here,
        # then go straight back to the review
        self.back_button = QPushButton(self.tr("← Back to the review"), self)
        self.back_button.setObjectName("backToReview")
        self.back_button.setToolTip(
            self.tr("Return to the proposal in Planning; plan again there to place the case")
        )
        self.back_button.hide()
        self.back_button.clicked.connect(self._go_back)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        hf = self.heading.font()
        hf.setPointSizeF(hf.pointSizeF() * 1.4)
        hf.setBold(True)
        self.heading.setFont(hf)
        self.subheading = QLabel(self)
        self.banner = Banner(self)
        self.banner.action_button.setText(self.tr("Reload"))
        self.banner.action_button.clicked.connect(self.reload_from_database)

        # -- intake form
        self.patient_ref = QLineEdit(self)
        self.patient_ref.setMaxLength(cs.max_length("patient_ref") or 64)
        # the name and the hospital's own number: what a caller gives, what the worklist
        # search finds, shown here so the secretary can confirm it is the right patient
        self.patient_name = QLineEdit(self)
        self.patient_name.setMaxLength(cs.max_length("patient_name") or 200)
        self.patient_number = QLineEdit(self)
        self.patient_number.setMaxLength(cs.max_length("patient_number") or 64)
        self.bsn = QLineEdit(self)
        self.bsn.setEchoMode(QLineEdit.EchoMode.Password)
        self.bsn.setValidator(QRegularExpressionValidator(r"\d{0,9}", self.bsn))
        self.bsn.setPlaceholderText(self.tr("optional, 9 digits"))
        self.bsn_show = QToolButton(self)
        self.bsn_show.setObjectName("showBsn")
        self.bsn_show.setText(self.tr("Show"))
        self.bsn_show.setCheckable(True)
        self.bsn_show.setAccessibleName(self.tr("Show BSN"))
        self.bsn_show.toggled.connect(self._toggle_bsn)
        self.birth_date = self._date_edit(allow_empty=True)
        self.hospital = QComboBox(self)
        self.physician = QLineEdit(self)
        self.physician.setMaxLength(cs.max_length("presenting_physician") or 200)
        self.tumour_group = QComboBox(self)
        for box in (self.hospital, self.tumour_group):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMinimumContentsLength(28)
        self.question = QPlainTextEdit(self)
        self.question.setTabChangesFocus(True)
        self.question.setFixedHeight(72)
        self.question.setPlaceholderText(self.tr("The question for the meeting"))
        self.ready_date = self._date_edit()
        self.due_date = self._date_edit()
        self.urgent = QCheckBox(self.tr("Urgent"), self)

        names = {
            "patient_ref": (self.patient_ref, self.tr("Patient reference")),
            "patient_name": (self.patient_name, self.tr("Patient name")),
            "patient_number": (self.patient_number, self.tr("Hospital patient number")),
            "bsn": (self.bsn, self.tr("BSN")),
            "birth_date": (self.birth_date, self.tr("Birth date")),
            "hospital_id": (self.hospital, self.tr("Referring hospital")),
            "presenting_physician": (self.physician, self.tr("Presenting physician")),
            "tumour_group_id": (self.tumour_group, self.tr("Tumour group")),
            "question": (self.question, self.tr("Question")),
            "ready_date": (self.ready_date, self.tr("Ready on")),
            "due_date": (self.due_date, self.tr("Due by")),
            "urgent": (self.urgent, self.tr("Urgent")),
        }
        self.errors: dict[str, ErrorLabel] = {}
        intake = QGroupBox(self.tr("Registration"), self)
        form = QFormLayout(intake)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(4)
        for name, (widget, label) in names.items():
            widget.setObjectName(name)
            widget.setAccessibleName(label)
            error = ErrorLabel(intake)
            self.errors[name] = error
            row = QWidget(intake)
            box = QVBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            if name == "bsn":
                line = QHBoxLayout()
                line.addWidget(self.bsn, 1)
                line.addWidget(self.bsn_show)
                box.addLayout(line)
            else:
                box.addWidget(widget)
            box.addWidget(error)
            if name == "bsn":
                # checked while typing: its message line is reserved, so that the form never
                # shifts under the mouse when the elfproef message comes and goes
                error.setWordWrap(False)
                error.setMinimumHeight(error.fontMetrics().height())
                policy = error.sizePolicy()
                policy.setRetainSizeWhenHidden(True)
                error.setSizePolicy(policy)
            form.addRow("" if name == "urgent" else label + ":", row)

        # -- complexity form
        self.phase = QComboBox(self)
        self.phase.addItem(self.tr("—"), None)
        phase_names = {
            "pre_treatment": self.tr("Pre-treatment"),
            "post_operative": self.tr("Post-operative"),
            "recurrence": self.tr("Recurrence"),
            "palliative": self.tr("Palliative"),
            "follow_up": self.tr("Follow-up"),
        }
        for p in PHASES:
            self.phase.addItem(phase_names.get(p, p), p)
        self.stage = QComboBox(self)
        self.stage.addItem(self.tr("—"), None)
        for s in STAGES:
            self.stage.addItem(s, s)
        self.previous_echelon = QComboBox(self)
        self.previous_echelon.addItem(self.tr("none"), None)
        for e in contract.ECHELONS:
            self.previous_echelon.addItem(level_label(e), e)
        self.age = QSpinBox(self)
        self.age.setRange(-1, 130)
        self.age.setSpecialValueText(self.tr("—"))
        self.who = QSpinBox(self)
        self.who.setRange(-1, 4)
        self.who.setSpecialValueText(self.tr("—"))
        self.flags: dict[str, QCheckBox] = {}
        flag_labels = self._flag_labels()
        complexity = QGroupBox(self.tr("Complexity"), self)
        cl = QVBoxLayout(complexity)
        top = QGridLayout()
        for i, (label, w, name) in enumerate(
            (
                (self.tr("Phase"), self.phase, "phase"),
                (self.tr("Stage"), self.stage, "stage"),
                (self.tr("Previous MDO"), self.previous_echelon, "previous_echelon"),
                (self.tr("Age"), self.age, "age"),
                (self.tr("WHO performance"), self.who, "who_performance"),
            )
        ):
            w.setObjectName(name)
            w.setAccessibleName(label)
            lab = QLabel(label + ":", complexity)
            lab.setBuddy(w)
            top.addWidget(lab, i // 3, (i % 3) * 2)
            top.addWidget(w, i // 3, (i % 3) * 2 + 1)
        cl.addLayout(top)
        groups = QGridLayout()
        group_titles = {
            "Readiness": self.tr("Readiness"),
            "Referral": self.tr("Referral"),
            "Disease and treatment": self.tr("Disease and treatment"),
            "Patient": self.tr("Patient"),
        }
        for gi, (title, names_) in enumerate(COMPLEXITY_GROUPS):
            g = QGroupBox(group_titles[title], complexity)
            g.setFlat(True)
            gl = QVBoxLayout(g)
            gl.setSpacing(2)
            for name in names_:
                cb = QCheckBox(flag_labels.get(name, name), g)
                cb.setObjectName(name)
                cb.setAccessibleName(flag_labels.get(name, name))
                self.flags[name] = cb
                gl.addWidget(cb)
            gl.addStretch(1)
            groups.addWidget(g, 0 if gi < 2 else 1, gi % 2)
        cl.addLayout(groups)
        self.errors["complexity"] = ErrorLabel(complexity)
        cl.addWidget(self.errors["complexity"])

        # -- triage and buttons
        self.panel = TriagePanel(self)
        self.panel.setMinimumWidth(340)
        self.panel.setMaximumWidth(460)
        self.panel.confirm_button.clicked.connect(self.confirm_level)
        self.panel.override.button.clicked.connect(self.override_level)
        self.panel.keep_button.clicked.connect(self.keep_level)

        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton)
        )
        self.save_button.setToolTip(self.tr("Save the case (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.setObjectName("revertButton")
        self.revert_button.clicked.connect(self.reload_from_database)
        self.new_button = QPushButton(self.tr("New case"), self)
        self.new_button.setObjectName("newCaseButton")
        self.new_button.clicked.connect(self._new_clicked)

        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(intake)
        ll.addWidget(complexity)
        ll.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(left)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        head.addLayout(titles, 1)
        head.addWidget(self.back_button)
        head.addWidget(self.new_button)
        head.addWidget(self.revert_button)
        head.addWidget(self.save_button)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(scroll, 3)
        side = QVBoxLayout()
        side.addWidget(self.panel, 1)
        self.timeline = TimelinePanel(self.ctx, self)
        side.addWidget(self.timeline)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

        # tab order: the intake form top to bottom, then complexity, then the buttons
        chain: list[QWidget] = [
            self.patient_ref,
            self.patient_name,
            self.patient_number,
            self.bsn,
            self.bsn_show,
            self.birth_date,
            self.hospital,
            self.physician,
            self.tumour_group,
            self.question,
            self.ready_date,
            self.due_date,
            self.urgent,
            self.phase,
            self.stage,
            self.previous_echelon,
            self.age,
            self.who,
        ]
        chain += [self.flags[n] for _, names_ in COMPLEXITY_GROUPS for n in names_]
        chain += [
            self.save_button,
            self.panel.confirm_button,
            self.panel.override.level,
            self.panel.override.reason,
            self.panel.override.button,
        ]
        for a, b in itertools.pairwise(chain):
            self.setTabOrder(a, b)

        self.save_action = QAction(self.tr("Save case"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        self.confirm_action = QAction(self.tr("Confirm level"), self)
        self.confirm_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.confirm_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.confirm_action.triggered.connect(self._confirm_shortcut)
        self.addAction(self.confirm_action)
        self.panel.confirm_button.setToolTip(self.tr("Accept the recommended level (Ctrl+Return)"))

    def _date_edit(self, *, allow_empty: bool = False) -> QDateEdit:
        w = OptionalDateEdit(self) if allow_empty else QDateEdit(self)
        w.setCalendarPopup(True)
        w.setDisplayFormat("d MMM yyyy")
        if allow_empty:
            w.setMinimumDate(NO_DATE)
            w.setSpecialValueText(self.tr("—"))
            assert isinstance(w, OptionalDateEdit)
            w.follow_calendar()
        w.setMaximumDate(QDate(2100, 12, 31))
        return w

    def _flag_labels(self) -> dict[str, str]:
        return {
            "pathology_available": self.tr("Pathology report available"),
            "imaging_available": self.tr("Imaging available"),
            "rare_tumour": self.tr("Rare tumour"),
            "rare_molecular_alteration": self.tr("Rare molecular alteration"),
            "second_opinion": self.tr("Second opinion"),
            "no_consensus_previous": self.tr("No consensus at a previous MDO"),
            "centralised_procedure": self.tr("Centralised procedure considered"),
            "trial_candidate": self.tr("Trial candidate"),
            "recurrence": self.tr("Recurrence"),
            "metastatic": self.tr("Metastatic"),
            "curative_options": self.tr("Curative options"),
            "multimodal": self.tr("Multimodal treatment"),
            "discordant_findings": self.tr("Discordant imaging and pathology"),
            "guideline_deviation": self.tr("Deviation from the guideline"),
            "standard_of_care": self.tr("Fits a standard-of-care pathway"),
            "frailty": self.tr("Frailty"),
            "cognitive_impairment": self.tr("Cognitive impairment"),
            "significant_comorbidity": self.tr("Significant comorbidity"),
            "previous_treatment_failure": self.tr("Previous treatment failed"),
            "psychosocial_issues": self.tr("Psychosocial issues"),
            "conflicting_preference": self.tr("Conflicting patient preference"),
            "hereditary_suspected": self.tr("Hereditary cancer suspected"),
        }

    # ------------------------------------------------------------------ field plumbing
    def _field_table(self) -> dict[str, tuple[Callable[[], Any], Callable[[Any], None], Any]]:
        """name -> (getter, setter, change signal) for every undoable field."""
        t: dict[str, tuple[Callable[[], Any], Callable[[Any], None], Any]] = {
            "patient_ref": (
                self.patient_ref.text,
                self.patient_ref.setText,
                self.patient_ref.textEdited,
            ),
            "patient_name": (
                self.patient_name.text,
                self.patient_name.setText,
                self.patient_name.textEdited,
            ),
            "patient_number": (
                self.patient_number.text,
                self.patient_number.setText,
                self.patient_number.textEdited,
            ),
            "bsn": (self.bsn.text, self.bsn.setText, self.bsn.textEdited),
            "birth_date": (
                self.birth_date.date,
                self.birth_date.setDate,
                self.birth_date.dateChanged,
            ),
            "hospital_id": (
                self.hospital.currentData,
                lambda v: self._set_combo(self.hospital, v),
                self.hospital.currentIndexChanged,
            ),
            "presenting_physician": (
                self.physician.text,
                self.physician.setText,
                self.physician.textEdited,
            ),
            "tumour_group_id": (
                self.tumour_group.currentData,
                lambda v: self._set_combo(self.tumour_group, v),
                self.tumour_group.currentIndexChanged,
            ),
            "question": (self.question.toPlainText, self._set_question, self.question.textChanged),
            "ready_date": (
                self.ready_date.date,
                self.ready_date.setDate,
                self.ready_date.dateChanged,
            ),
            "due_date": (self.due_date.date, self.due_date.setDate, self.due_date.dateChanged),
            "urgent": (self.urgent.isChecked, self.urgent.setChecked, self.urgent.toggled),
            "phase": (
                self.phase.currentData,
                lambda v: self._set_combo(self.phase, v),
                self.phase.currentIndexChanged,
            ),
            "stage": (
                self.stage.currentData,
                lambda v: self._set_combo(self.stage, v),
                self.stage.currentIndexChanged,
            ),
            "previous_echelon": (
                self.previous_echelon.currentData,
                lambda v: self._set_combo(self.previous_echelon, v),
                self.previous_echelon.currentIndexChanged,
            ),
            "age": (self.age.value, self.age.setValue, self.age.valueChanged),
            "who_performance": (self.who.value, self.who.setValue, self.who.valueChanged),
        }
        for name, cb in self.flags.items():
            t[name] = (cb.isChecked, cb.setChecked, cb.toggled)
        return t

    def _connect_fields(self) -> None:
        for _getter, _setter, signal in self._fields.values():
            signal.connect(self._field_changed)
        self._widget_names = {
            self.patient_ref: "patient_ref",
            self.bsn: "bsn",
            self.birth_date: "birth_date",
            self.patient_name: "patient_name",
            self.patient_number: "patient_number",
            self.hospital: "hospital_id",
            self.physician: "presenting_physician",
            self.tumour_group: "tumour_group_id",
            self.question: "question",
            self.ready_date: "ready_date",
            self.due_date: "due_date",
            self.urgent: "urgent",
            self.phase: "phase",
            self.stage: "stage",
            self.previous_echelon: "previous_echelon",
            self.age: "age",
            self.who: "who_performance",
        }
        self._widget_names.update({cb: name for name, cb in self.flags.items()})

    def field_index(self, name: str) -> int:
        return list(self._fields).index(name)

    def field_title(self, name: str) -> str:
        w = self._widget_for(name)
        return w.accessibleName() if w is not None else name

    def _widget_for(self, name: str) -> QWidget | None:
        for w, n in self._widget_names.items():
            if n == name:
                return w
        return None

    def _set_combo(self, box: QComboBox, value: Any) -> None:
        i = box.findData(value)
        box.setCurrentIndex(i if i >= 0 else 0)

    def _set_question(self, text: str) -> None:
        if self.question.toPlainText() != text:
            self.question.setPlainText(text)

    @Slot()
    def _field_changed(self, *_args: Any) -> None:
        if self._applying:
            return
        name = self._widget_names.get(self.sender())  # type: ignore[call-overload]
        if name is None:
            return
        new = self._fields[name][0]()
        old = self._values.get(name)
        if new == old:
            return
        self._values[name] = new
        self.undo_stack.push(FieldEdit(self, name, old, new))
        if name in self.errors:
            self.errors[name].show_message("")
        if name == "bsn":
            self._check_bsn_live()
        self.update_triage()

    def apply_field(self, name: str, value: Any) -> None:
        """Set a field without recording an undo step (used by undo/redo and loading)."""
        self._applying = True
        try:
            self._fields[name][1](value)
            self._values[name] = self._fields[name][0]()
        finally:
            self._applying = False
        self.update_triage()

    def _snapshot(self) -> None:
        self._values = {name: getter() for name, (getter, _s, _sig) in self._fields.items()}

    # ------------------------------------------------------------------ form <-> data
    def complexity_recorded(self) -> bool:
        """Whether the case has complexity data: stored with it, or entered in this form.

        A case registered with a stated echelon (an import from another system) has none;
        saving a typo fix in its question must not invent an all-"no" complexity, which the
        triage would read as "no pathology, no imaging: hold".
        """
        if self._loaded_has_complexity:
            return True
        return any(self._values.get(n) != self._loaded_values.get(n) for n in COMPLEXITY_FIELDS)

    def form_input(self) -> cs.CaseInput:
        """The form as a service input (nothing is read from the database)."""
        complexity: dict[str, Any] | None = {
            "phase": self.phase.currentData(),
            "stage": self.stage.currentData(),
            "previous_echelon": self.previous_echelon.currentData(),
            "age": self.age.value() if self.age.value() >= 0 else None,
            "who_performance": self.who.value() if self.who.value() >= 0 else None,
        }
        complexity.update({name: cb.isChecked() for name, cb in self.flags.items()})
        if not self.complexity_recorded():
            complexity = None
        return cs.CaseInput(
            patient_ref=self.patient_ref.text(),
            bsn=self.bsn.text(),
            birth_date=_from_qdate(self.birth_date.date()),
            hospital_id=self.hospital.currentData(),
            presenting_physician=self.physician.text(),
            tumour_group_id=self.tumour_group.currentData(),
            question=self.question.toPlainText(),
            ready_date=_from_qdate(self.ready_date.date()),
            due_date=_from_qdate(self.due_date.date()),
            urgent=self.urgent.isChecked(),
            complexity=complexity,
            patient_name=self.patient_name.text(),
            patient_number=self.patient_number.text(),
        )

    def _fill(self, data: cs.CaseInput) -> None:
        self._applying = True
        try:
            self.patient_ref.setText(data.patient_ref)
            self.patient_name.setText(data.patient_name)
            self.patient_number.setText(data.patient_number)
            self.bsn.setText(data.bsn)
            self.birth_date.setDate(_to_qdate(data.birth_date))
            self._set_combo(self.hospital, data.hospital_id)
            self.physician.setText(data.presenting_physician)
            self._set_combo(self.tumour_group, data.tumour_group_id)
            self._set_question(data.question)
            self.ready_date.setDate(_to_qdate(data.ready_date))
            self.due_date.setDate(_to_qdate(data.due_date))
            self.urgent.setChecked(data.urgent)
            c = data.complexity or {}
            self._set_combo(self.phase, c.get("phase"))
            self._set_combo(self.stage, c.get("stage"))
            self._set_combo(self.previous_echelon, c.get("previous_echelon"))
            self.age.setValue(c["age"] if c.get("age") is not None else -1)
            self.who.setValue(c["who_performance"] if c.get("who_performance") is not None else -1)
            for name, cb in self.flags.items():
                cb.setChecked(bool(c.get(name)))
        finally:
            self._applying = False
        self._snapshot()
        self._loaded_values = dict(self._values)
        self._loaded_has_complexity = data.complexity is not None
        for e in self.errors.values():
            e.show_message("")
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.bsn_show.setChecked(False)
        self.update_triage()
        self._update_buttons()

    # ------------------------------------------------------------------ loading
    def _load_reference(self) -> None:
        self._ref = cs.reference_data(self.ctx.db)
        self._rule_cache.clear()
        for box, items, placeholder in (
            (self.hospital, self._ref.hospitals, self.tr("Choose the referring hospital…")),
            (self.tumour_group, self._ref.tumour_groups, self.tr("Choose the tumour group…")),
        ):
            with QSignalBlocker(box):
                box.clear()
                box.addItem(placeholder, None)
                for c in items:
                    box.addItem(f"{c.code} — {c.name}", c.id)

    @Slot()
    def _on_database_changed(self) -> None:
        self._load_reference()
        self.new_case()

    def has_unsaved_changes(self) -> bool:
        return not self.undo_stack.isClean()

    @Slot(int, str)
    def open_from(self, case_id: int, workspace: str) -> None:
        """Open a case and offer the way back to ``workspace`` (the planning review)."""
        self.open_case(case_id)
        self._return_to = workspace if self.case_id == case_id else ""
        self.back_button.setVisible(bool(self._return_to))

    @Slot()
    def _go_back(self) -> None:
        target = getattr(self, "_return_to", "")
        self._return_to = ""
        self.back_button.hide()
        if target:
            self.ctx.workspaceRequested.emit(target)

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        """Show a stored case (``0`` starts a new registration)."""
        self._return_to = ""
        self.back_button.hide()
        if case_id == self.case_id and case_id:
            return
        if self.has_unsaved_changes():
            answer = self._ask_unsaved()
            if answer == QMessageBox.StandardButton.Save:
                # save first (in the background), then open the case asked for
                self._open_after_save = case_id
                self.saved.connect(self._saved_then_open)
                self.saveFailed.connect(self._save_then_open_failed)
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.panel.override.error.show_message("")
        if case_id == 0:
            self.new_case()
            self.patient_ref.setFocus()
            return
        try:
            detail = cs.get_case(self.ctx.db, case_id, user=self.ctx.user)
        except UserError as exc:
            self.banner.show_message(str(exc))
            return
        self._show_detail(detail)

    def _ask_unsaved(self) -> QMessageBox.StandardButton:
        buttons = QMessageBox.StandardButton
        return QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The case you are editing has unsaved changes. Save them first?"),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )

    def _confirm_discard(self) -> bool:
        return self._ask_unsaved() == QMessageBox.StandardButton.Discard

    def _end_save_then_open(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self.saved.disconnect(self._saved_then_open)
        with contextlib.suppress(RuntimeError, TypeError):
            self.saveFailed.disconnect(self._save_then_open_failed)

    @Slot(int)
    def _saved_then_open(self, _case_id: int) -> None:
        self._end_save_then_open()
        self.open_case(self._open_after_save)

    @Slot(str)
    def _save_then_open_failed(self, _text: str) -> None:
        self._end_save_then_open()  # the form stays, with the reason it was not saved

    def _show_detail(self, detail: cs.CaseDetail) -> None:
        self.detail = detail
        self.case_id = detail.id
        self.timeline.show_case(detail.id)
        self.banner.hide()
        self._fill(detail.data)
        self._show_headings()

    def new_case(self) -> None:
        self.detail = None
        self.case_id = None
        self.timeline.show_case(None)
        self.banner.hide()
        today = dt.date.today()
        # a new registration is triaged from its form: its complexity is what the form says
        self._fill(
            cs.CaseInput(ready_date=today, due_date=today + dt.timedelta(days=14), complexity={})
        )
        self._show_headings()

    @Slot()
    def _new_clicked(self) -> None:
        self.open_case(0)

    @Slot()
    def reload_from_database(self) -> None:
        """Discard local changes and show the stored case (after a conflict, or Revert)."""
        if self.case_id is None:
            self.new_case()
            return
        self._show_detail(cs.get_case(self.ctx.db, self.case_id))

    def _show_headings(self) -> None:
        d = self.detail
        if d is None:
            self.heading.setText(self.tr("New case"))
            self.subheading.setText(self.tr("Register a case for an MDO discussion."))
            return
        self.heading.setText(self.tr("Case {0}").format(d.code))
        parts = [status_label(d.status)]
        if d.session_date:
            parts.append(self.tr("planned on {0}").format(date_text(d.session_date)))
        if d.created_by:
            parts.append(self.tr("registered by {0}").format(d.created_by))
        self.subheading.setText(" · ".join(parts))

    # ------------------------------------------------------------------ triage
    @Slot()
    def update_triage(self) -> None:
        """Recompute the live recommendation from the form (pure, no database)."""
        group_code = ""
        if self._ref is not None:
            gid = self.tumour_group.currentData()
            group_code = next((g.code for g in self._ref.tumour_groups if g.id == gid), "")
        data = self.form_input()
        if data.complexity is None and self.detail is not None:
            self.result = None
            self.panel.show_stated(
                self.detail.override_level or self.detail.required_level or self.detail.triage_level
            )
            self._show_triage_state()
            self.triageUpdated.emit(None)
            return
        try:
            self.result = triage(
                data.complexity,
                tumour_group=group_code,
                question=data.question,
                rules=self._rules(data.hospital_id, group_code),
            )
        except UserError as exc:
            self.result = None
            self.panel.show_result(None, str(exc))
        else:
            self.panel.show_result(self.result)
        self._show_triage_state()
        self.triageUpdated.emit(self.result)

    def _rules(self, hospital_id: int | None, group_code: str) -> Any:
        """The network's active rule set (cached: the preview runs on every keystroke)."""
        if not self.ctx.has_db or not group_code:
            return None
        key = (hospital_id, group_code)
        if key not in self._rule_cache:
            self._rule_cache[key] = cs.rule_set_for(self.ctx.db, hospital_id, group_code)
        return self._rule_cache[key]

    def _action_label(self, action: str) -> str:
        return {
            "case.create": self.tr("registered"),
            "case.update": self.tr("edited"),
            "triage.run": self.tr("triage recomputed"),
            "triage.confirm": self.tr("level confirmed"),
            "triage.override": self.tr("level overridden"),
            "triage.review_kept": self.tr("decided level kept after review"),
            # every event the trail keeps about a case reads as words, never as its code
            "case.view": self.tr("opened"),
            "move": self.tr("moved to another session by hand"),
            "unplace": self.tr("taken out of the proposal"),
            "pin": self.tr("pinned to its session"),
            "unpin": self.tr("unpinned"),
            "admit_late": self.tr("admitted late with the chair's agreement"),
            "withdraw": self.tr("withdrawn"),
        }.get(action, action)

    def _show_history(self) -> None:
        d = self.detail
        visible = d is not None and bool(d.history)
        self.panel.history_title.setVisible(visible)
        self.panel.history.setVisible(visible)
        if not visible:
            return
        assert d is not None
        self.panel.history.setText(
            "\n".join(
                f"{date_time_text(e.at)} · {e.user} · {self._action_label(e.action)}"
                for e in d.history
            )
        )

    def _show_triage_state(self) -> None:
        d = self.detail
        lines: list[str] = []
        self._show_history()
        if d is not None:
            if d.override_level:
                lines.append(
                    self.tr("Overridden to {0} by {1}: “{2}”").format(
                        level_label(d.override_level), d.override_by or "?", d.override_reason or ""
                    )
                )
            elif d.confirmed_by:
                when = date_time_text(d.confirmed_at)
                lines.append(
                    self.tr("Level {0} confirmed by {1} {2}")
                    .format(level_label(d.required_level), d.confirmed_by, when)
                    .strip()
                )
            else:
                lines.append(self.tr("Not confirmed yet."))
            if d.needs_review:
                lines.append(
                    self.tr(
                        "⚠ The recommendation changed after the level was decided: please review."
                    )
                )
        self.panel.state.setText("\n".join(lines))
        decided = d.required_level if d is not None else None
        suggestion = decided or (self.result.level if self.result else None)
        if suggestion and not self.panel.override.reason.toPlainText():
            box = self.panel.override.level
            box.setCurrentIndex(max(0, box.findData(suggestion)))
        self._update_buttons()

    @Slot()
    def _update_buttons(self, *_args: Any) -> None:
        dirty = self.has_unsaved_changes()
        stored = self.case_id is not None
        self.revert_button.setEnabled(dirty and stored)
        can_decide = stored and not dirty and self.result is not None
        self.panel.confirm_button.setEnabled(can_decide)
        self.panel.override.button.setEnabled(stored and not dirty)
        review = bool(self.detail is not None and self.detail.needs_review)
        self.panel.keep_button.setVisible(review)
        self.panel.keep_button.setEnabled(review and not dirty)
        if not stored:
            self.panel.hint.setText(self.tr("Save the case to confirm or override its level."))
        elif dirty:
            self.panel.hint.setText(
                self.tr("Save your changes first: the level is confirmed for the saved case.")
            )
        else:
            self.panel.hint.setText("")
        self.panel.hint.setVisible(bool(self.panel.hint.text()))

    # ------------------------------------------------------------------ BSN
    @Slot(bool)
    def _toggle_bsn(self, show: bool) -> None:
        self.bsn.setEchoMode(QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password)
        self.bsn_show.setText(self.tr("Hide") if show else self.tr("Show"))

    def _check_bsn_live(self) -> None:
        text = self.bsn.text()
        if len(text) == 9 and not cs.is_valid_bsn(text):
            self.errors["bsn"].show_message(self.tr("Not a valid BSN: the elfproef fails."))
        else:
            self.errors["bsn"].show_message("")

    # ------------------------------------------------------------------ saving
    def _validation_message(self, name: str, message: str) -> str:
        known = {
            "required": self.tr("Required."),
            "before the ready date": self.tr("Must not be before the ready date."),
            "lies in the future": self.tr("Lies in the future."),
            "at most 64 characters": self.tr("At most 64 characters."),
        }
        if name == "bsn":
            return self.tr("Not a valid BSN: 9 digits that pass the elfproef.")
        return known.get(message, message)

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.show_message(
                self._validation_message(name, errors[name]) if name in errors else ""
            )
        first = next((self._widget_for(n) for n in errors if self._widget_for(n)), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def save(self) -> None:
        """Validate, then save in the writer thread; the form keeps its values on failure."""
        data = self.form_input()
        errors = cs.validate_case_input(data)
        if errors:
            self.show_errors(errors)
            self.banner.show_message(self.tr("Not saved: please correct the marked fields."))
            self.saveFailed.emit(self.banner.label.text())
            return
        self.show_errors({})
        self.save_button.setEnabled(False)
        user = self.ctx.user
        if self.case_id is None:
            self.ctx.run_task(
                _create,
                self.ctx.db,
                data,
                user,
                writes=True,
                on_success=self._saved,
                on_failure=self._save_failed,
                description=self.tr("Saving the case…"),
            )
        else:
            assert self.detail is not None
            self.ctx.run_task(
                _save,
                self.ctx.db,
                self.case_id,
                data,
                self.detail.version,
                user,
                writes=True,
                on_success=self._saved,
                on_failure=self._save_failed,
                description=self.tr("Saving the case…"),
            )

    def _saved(self, case_id: int) -> None:
        self.save_button.setEnabled(True)
        self.undo_stack.setClean()
        self.detail = cs.get_case(self.ctx.db, case_id)
        self.case_id = case_id
        self._snapshot()
        self._show_headings()
        self._show_triage_state()
        self.banner.show_message(self.tr("Saved."), "ok")
        self.ctx.statusMessage.emit(self.tr("Case {0} saved.").format(self.detail.code))
        self.ctx.notify("cases")
        self.saved.emit(case_id)

    def _save_failed(self, failure: TaskFailure) -> None:
        self.save_button.setEnabled(True)
        exc = failure.exception
        if isinstance(exc, cs.CaseValidationError):
            self.show_errors(exc.errors)
            text = self.tr("Not saved: please correct the marked fields.")
        elif isinstance(exc, ConflictError):
            text = self.tr(
                "Not saved: {0}. Your changes are still in the form; copy what you "
                "need, then reload."
            ).format(str(exc).rstrip("."))
        elif isinstance(exc, UserError):
            text = self.tr("Not saved: {0}").format(exc)
        else:
            log.error("saving case %s failed:\n%s", self.case_id, failure.traceback)
            text = self.tr(
                "Not saved because of an unexpected error ({0}). Your changes are "
                "still in the form; details are in the log."
            ).format(exc)
        self.banner.show_message(text)
        self.banner.action_button.setVisible(isinstance(exc, ConflictError))
        self.saveFailed.emit(text)

    # ------------------------------------------------------------------ confirm / override
    @Slot()
    def confirm_level(self) -> None:
        if self.case_id is None or self.detail is None or self.has_unsaved_changes():
            return
        self._decide(_confirm, self.case_id, self.detail.version)

    @Slot()
    def _confirm_shortcut(self) -> None:
        if self.panel.confirm_button.isEnabled():
            self.confirm_level()

    @Slot()
    def override_level(self) -> None:
        if self.case_id is None or self.detail is None or self.has_unsaved_changes():
            return
        reason = self.panel.override.reason.toPlainText().strip()
        if not reason:
            self.panel.override.error.show_message(
                self.tr("A reason is required to override the recommended level.")
            )
            self.panel.override.reason.setFocus()
            return
        self.panel.override.error.show_message("")
        level = self.panel.override.level.currentData()
        self._decide(_override, self.case_id, self.detail.version, level, reason)

    @Slot()
    def keep_level(self) -> None:
        if self.case_id is None or self.detail is None or self.has_unsaved_changes():
            return
        self._decide(_keep, self.case_id, self.detail.version)

    def _decide(self, fn: Callable[..., Any], *args: Any) -> None:
        self.panel.confirm_button.setEnabled(False)
        self.panel.override.button.setEnabled(False)
        self.ctx.run_task(
            fn,
            self.ctx.db,
            *args,
            self.ctx.user,
            writes=True,
            on_success=self._decided,
            on_failure=self._decide_failed,
        )

    def _decided(self, outcome: tuple[int, list[str]]) -> None:
        case_id, warnings = outcome
        self.detail = cs.get_case(self.ctx.db, case_id)
        self.panel.override.reason.clear()
        self.panel.override.error.show_message("")  # no stale "A reason is required…"
        self._snapshot()
        self._show_headings()
        self._show_triage_state()
        if warnings:
            self.banner.show_message(
                self.tr("Level recorded. Note: {0}").format("; ".join(warnings)), "info"
            )
        else:
            self.banner.show_message(self.tr("Level recorded."), "ok")
        self.ctx.notify("cases")
        self.levelDecided.emit(case_id)

    def _decide_failed(self, failure: TaskFailure) -> None:
        self._update_buttons()
        exc = failure.exception
        if isinstance(exc, UserError):
            self.banner.show_message(self.tr("Not recorded: {0}").format(exc))
        else:
            log.error("recording the level failed:\n%s", failure.traceback)
            self.banner.show_message(
                self.tr(
                    "Not recorded because of an unexpected error ({0}); details are in the log."
                ).format(exc)
            )
        self.banner.action_button.setVisible(isinstance(exc, ConflictError))

    @Slot(str)
    def _on_data_changed(self, entity: str) -> None:
        """Another workspace changed data: show it, unless the user is typing here."""
        if entity == "network":
            self._load_reference_keeping_form()
        elif (
            entity in ("cases", "plan")
            and self.case_id is not None
            and not self.has_unsaved_changes()
            and self.sender() is not self
        ):
            try:
                detail = cs.get_case(self.ctx.db, self.case_id)
            except UserError:
                return
            if (
                self.detail is None
                or detail.version != self.detail.version
                or detail.session_date != self.detail.session_date
            ):
                self._show_detail(detail)

    def _load_reference_keeping_form(self) -> None:
        hospital, group = self.hospital.currentData(), self.tumour_group.currentData()
        self._load_reference()
        self._applying = True
        try:
            self._set_combo(self.hospital, hospital)
            self._set_combo(self.tumour_group, group)
        finally:
            self._applying = False

    @Slot()
    def refresh(self) -> None:
        self._load_reference()
        if self.case_id is not None and not self.has_unsaved_changes():
            self.reload_from_database()


# Worker-thread functions: plain functions of (args..., state), no Qt.


def _create(db: Any, data: cs.CaseInput, user: str, state: Any) -> int:
    return cs.create_case(db, data, user)


def _save(db: Any, case_id: int, data: cs.CaseInput, version: int, user: str, state: Any) -> int:
    cs.save_case(db, case_id, data, version, user)
    return case_id


def _confirm(db: Any, case_id: int, version: int, user: str, state: Any) -> tuple[int, list[str]]:
    return case_id, cs.confirm_level(db, case_id, user, expected_version=version)


def _override(
    db: Any, case_id: int, version: int, level: str, reason: str, user: str, state: Any
) -> tuple[int, list[str]]:
    return case_id, cs.override_level(db, case_id, level, reason, user, expected_version=version)


def _keep(db: Any, case_id: int, version: int, user: str, state: Any) -> tuple[int, list[str]]:
    cs.keep_level(db, case_id, user, expected_version=version)
    return case_id, []
