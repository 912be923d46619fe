"""The case editor's form: the registration (intake) fields and the complexity items, each
undoable (typing in one field merges into one undo step), and the form as a service input.

Nothing here reads the database: the choices of its combo boxes come from the workspace
(:meth:`CaseForm.set_reference`), and the live triage is the workspace's, told by
:attr:`CaseForm.changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import cases_service as cs
from mdo_planner.triage import PHASES, STAGES
from solver import contract
from ui.workspaces._support import DATE_FORMAT
from ui.workspaces.case_editor.widgets import (
    NO_DATE,
    ErrorLabel,
    OptionalDateEdit,
    from_qdate,
    to_qdate,
)
from ui.workspaces.cases import level_label

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


class FieldEdit(QUndoCommand):
    """One change of one form field; consecutive changes of the same field merge."""

    def __init__(self, form: CaseForm, name: str, old: Any, new: Any) -> None:
        super().__init__(
            QCoreApplication.translate("CaseEditorWorkspace", "Edit {0}").format(
                form.field_title(name)
            )
        )
        self._editor = form
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


class CaseForm(QWidget):
    """The intake and complexity fields; edits go onto the editor's undo stack."""

    #: A field changed (typed, undone, redone): the live triage recomputes.
    changed = Signal()

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._applying = False
        self._values: dict[str, Any] = {}
        self._loaded_values: dict[str, Any] = {}
        self._loaded_has_complexity = True
        intake = self._build_intake()
        complexity = self._build_complexity()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intake)
        layout.addWidget(complexity)
        layout.addStretch(1)
        self._fields = self._field_table()
        self._connect_fields()

    def _build_intake(self) -> QGroupBox:
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
            column = QVBoxLayout(row)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            if name == "bsn":
                line = QHBoxLayout()
                line.addWidget(self.bsn, 1)
                line.addWidget(self.bsn_show)
                column.addLayout(line)
            else:
                column.addWidget(widget)
            column.addWidget(error)
            if name == "bsn":
                # checked while typing: its message line is reserved, so that the form never
                # shifts under the mouse when the elfproef message comes and goes
                error.setWordWrap(False)
                error.setMinimumHeight(error.fontMetrics().height())
                policy = error.sizePolicy()
                policy.setRetainSizeWhenHidden(True)
                error.setSizePolicy(policy)
            form.addRow("" if name == "urgent" else label + ":", row)

        return intake

    def _build_complexity(self) -> QGroupBox:
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
        return complexity

    def _date_edit(self, *, allow_empty: bool = False) -> QDateEdit:
        w = OptionalDateEdit(self) if allow_empty else QDateEdit(self)
        w.setCalendarPopup(True)
        w.setDisplayFormat(DATE_FORMAT)
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
        self.changed.emit()

    def apply_field(self, name: str, value: Any) -> None:
        """Set a field without recording an undo step (used by undo/redo and loading)."""
        self._applying = True
        try:
            self._fields[name][1](value)
            self._values[name] = self._fields[name][0]()
        finally:
            self._applying = False
        self.changed.emit()

    def snapshot(self) -> None:
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
            **{name: cb.isChecked() for name, cb in self.flags.items()},
        }
        if not self.complexity_recorded():
            complexity = None
        return cs.CaseInput(
            patient_ref=self.patient_ref.text(),
            bsn=self.bsn.text(),
            birth_date=from_qdate(self.birth_date.date()),
            hospital_id=self.hospital.currentData(),
            presenting_physician=self.physician.text(),
            tumour_group_id=self.tumour_group.currentData(),
            question=self.question.toPlainText(),
            ready_date=from_qdate(self.ready_date.date()),
            due_date=from_qdate(self.due_date.date()),
            urgent=self.urgent.isChecked(),
            complexity=complexity,
            patient_name=self.patient_name.text(),
            patient_number=self.patient_number.text(),
        )

    def fill(self, data: cs.CaseInput) -> None:
        """Show ``data`` as the unchanged state of the form (no undo step, no error shown)."""
        self._applying = True
        try:
            self.patient_ref.setText(data.patient_ref)
            self.patient_name.setText(data.patient_name)
            self.patient_number.setText(data.patient_number)
            self.bsn.setText(data.bsn)
            self.birth_date.setDate(to_qdate(data.birth_date))
            self._set_combo(self.hospital, data.hospital_id)
            self.physician.setText(data.presenting_physician)
            self._set_combo(self.tumour_group, data.tumour_group_id)
            self._set_question(data.question)
            self.ready_date.setDate(to_qdate(data.ready_date))
            self.due_date.setDate(to_qdate(data.due_date))
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
        self.snapshot()
        self._loaded_values = dict(self._values)
        self._loaded_has_complexity = data.complexity is not None
        for e in self.errors.values():
            e.show_message("")
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.bsn_show.setChecked(False)

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

    # ------------------------------------------------------------------ choices
    def set_reference(self, ref: cs.ReferenceData, *, keep: bool = False) -> None:
        """Fill the hospital and tumour-group choices; with ``keep``, what is chosen stays."""
        hospital, group = self.hospital.currentData(), self.tumour_group.currentData()
        for box, items, placeholder in (
            (self.hospital, ref.hospitals, self.tr("Choose the referring hospital…")),
            (self.tumour_group, ref.tumour_groups, self.tr("Choose the tumour group…")),
        ):
            with QSignalBlocker(box):
                box.clear()
                box.addItem(placeholder, None)
                for c in items:
                    box.addItem(f"{c.code} — {c.name}", c.id)
        if not keep:
            return
        self._applying = True
        try:
            self._set_combo(self.hospital, hospital)
            self._set_combo(self.tumour_group, group)
        finally:
            self._applying = False
