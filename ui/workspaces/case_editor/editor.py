"""The case editor: intake form, complexity form and a live triage panel.

Design choices that matter to the people using it:

* The triage recommendation updates while the secretary types (the pure
  :func:`mdo_planner.triage.triage` is cheap), so she sees at once which missing item keeps a
  case on hold and which flag sends it to the regional MDO.
* A failed save never loses work: the form keeps every value and says why, beside the field
  for a mistake in the form, in the workspace's message bar for a conflict with a
  colleague's save (with its Reload button).
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

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.errors import ConflictError, UserError
from mdo_planner.services import cases_service as cs
from mdo_planner.triage import TriageResult, triage
from ui.context import AppContext
from ui.tasks import TaskFailure
from ui.workspaces._support import date_text, date_time_text
from ui.workspaces.base import Workspace
from ui.workspaces.case_editor import jobs
from ui.workspaces.case_editor.form import COMPLEXITY_GROUPS, CaseForm
from ui.workspaces.case_editor.triage_panel import TriagePanel
from ui.workspaces.cases import level_label, status_label
from ui.workspaces.timeline_panel import TimelinePanel

log = logging.getLogger(__name__)


class CaseEditorWorkspace(Workspace):
    """Register or edit one case; live triage; confirm or override the level.

    Every read and write goes through the task layer (:meth:`query`, :meth:`mutate`); what
    the form shows changes when the answer arrives, never while the user waits on the GUI
    thread."""

    saved = Signal(int)
    saveFailed = Signal(str)
    triageUpdated = Signal(object)
    levelDecided = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            title=QCoreApplication.translate("CaseEditorWorkspace", "Case"),
            name="case_editor",
            undoable=True,
            parent=parent,
        )
        assert self.undo_stack is not None
        self._undo = self.undo_stack
        self.case_id: int | None = None
        self.detail: cs.CaseDetail | None = None
        self.result: TriageResult | None = None
        self._ref: cs.ReferenceData | None = None
        # a case that arrived before the hospital and tumour-group choices: shown with them
        self._pending_detail: cs.CaseDetail | None = None
        self._rule_cache: dict[tuple[int | None, str], Any] = {}
        self._rules_asked: set[tuple[int | None, str]] = set()
        self._rules_generation = 0
        self._opening: int | None = None
        self._return_after_open = ""
        self._return_to = ""
        self._build()
        self.form.changed.connect(self.update_triage)
        self._undo.cleanChanged.connect(self._update_buttons)
        ctx.caseRequested.connect(self.open_case)
        ctx.caseRequestedFrom.connect(self.open_from)
        # not ``watches``: the editor follows a change at once, and only while it is clean
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
        self.message.action_button.setText(self.tr("Reload"))
        self.message.action_button.clicked.connect(self.reload_from_database)

        # -- the intake and complexity form
        self.form = form = CaseForm(self._undo, self)
        # its fields, reachable from the editor as before (the window and the tests use them)
        self.patient_ref, self.patient_name = form.patient_ref, form.patient_name
        self.patient_number, self.bsn, self.bsn_show = form.patient_number, form.bsn, form.bsn_show
        self.birth_date, self.hospital, self.physician = (
            form.birth_date,
            form.hospital,
            form.physician,
        )
        self.tumour_group, self.question = form.tumour_group, form.question
        self.ready_date, self.due_date, self.urgent = form.ready_date, form.due_date, form.urgent
        self.phase, self.stage = form.phase, form.stage
        self.previous_echelon, self.age, self.who = form.previous_echelon, form.age, form.who
        self.flags, self.errors = form.flags, form.errors

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

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)
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
        # a conflict with a colleague's save, a refusal, "Saved." (hidden until then)
        layout.addWidget(self.message)
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

    # ------------------------------------------------------------------ loading
    def _load_reference(self, *, keep: bool = False) -> None:
        """Read the hospital and tumour-group choices (and forget the cached rule sets)."""
        self.query(
            cs.reference_data, key="reference", then=lambda ref: self._reference_loaded(ref, keep)
        )

    def _reference_loaded(self, ref: cs.ReferenceData, keep: bool) -> None:
        self._ref = ref
        self._rule_cache.clear()
        self._rules_asked.clear()
        self._rules_generation += 1
        self.form.set_reference(ref, keep=keep)
        pending, self._pending_detail = self._pending_detail, None
        if pending is not None:
            self._show_detail(pending)

    def database_switched(self) -> None:
        self._ref = None
        self._load_reference()
        self.new_case()

    def reload(self) -> None:
        """Read the choices again and show the stored case, unless the form has changes."""
        self._load_reference()
        if self.case_id is not None and not self.has_unsaved_changes():
            self.reload_from_database()

    def has_unsaved_changes(self) -> bool:
        return not self._undo.isClean()

    @Slot(int, str)
    def open_from(self, case_id: int, workspace: str) -> None:
        """Open a case and offer the way back to ``workspace`` (the planning review)."""
        self.open_case(case_id)
        if self.case_id == case_id:
            self._return_to = workspace
        elif self._opening == case_id:
            self._return_after_open = workspace  # offered once the case is shown
        self.back_button.setVisible(bool(self._return_to))

    @Slot()
    def _go_back(self) -> None:
        target = self._return_to
        self._return_to = ""
        self.back_button.hide()
        if target:
            self.ctx.workspaceRequested.emit(target)

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        """Show a stored case (``0`` starts a new registration); it is read (and its view
        recorded) in the writer thread and shown when it arrives."""
        self._return_to = ""
        self._return_after_open = ""
        self._opening = None
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
        self._opening = case_id
        self.mutate(
            jobs.open_case,
            case_id,
            self.ctx.user,
            then=self._opened,
            failed=lambda failure: self._open_failed(case_id, failure),
        )

    def _opened(self, detail: cs.CaseDetail) -> None:
        if detail.id != self._opening:
            return  # another case was asked for meanwhile
        self._opening = None
        self._show_detail(detail)
        self._return_to, self._return_after_open = self._return_after_open, ""
        self.back_button.setVisible(bool(self._return_to))

    def _open_failed(self, case_id: int, failure: TaskFailure) -> None:
        if case_id != self._opening:
            return
        self._opening = None
        if isinstance(failure.exception, UserError):
            self.message.show_message(str(failure.exception), "error")
        else:
            self.show_failure(failure)

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
        if self._ref is None and self.ctx.has_db:
            # the choices are still on their way: show the case with them
            self._pending_detail = detail
            return
        self.detail = detail
        self.case_id = detail.id
        self.timeline.show_case(detail.id)
        self.message.clear()
        self._fill(detail.data)
        self._show_headings()

    def _fill(self, data: cs.CaseInput) -> None:
        self.form.fill(data)
        self.update_triage()
        self._update_buttons()

    def new_case(self) -> None:
        self._pending_detail = None
        self.detail = None
        self.case_id = None
        self.timeline.show_case(None)
        self.message.clear()
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
        self.query(cs.get_case, self.case_id, key="detail", then=self._reloaded)

    def _reloaded(self, detail: cs.CaseDetail) -> None:
        if detail.id == self.case_id:  # not another case opened meanwhile
            self._show_detail(detail)

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
        data = self.form.form_input()
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
        if key in self._rule_cache:
            return self._rule_cache[key]
        if key not in self._rules_asked:
            # read on the writer thread (the first use of the shipped rules stores them);
            # until it arrives the preview uses the shipped rules
            self._rules_asked.add(key)
            generation = self._rules_generation
            self.mutate(
                jobs.rule_set,
                hospital_id,
                group_code,
                then=lambda answer: self._rules_loaded(generation, answer),
            )
        return None

    def _rules_loaded(self, generation: int, answer: tuple[tuple[int | None, str], Any]) -> None:
        if generation != self._rules_generation:
            return  # asked before the network changed
        key, rules = answer
        self._rule_cache[key] = rules
        self._rules_asked.discard(key)
        self.update_triage()

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

    def save(self) -> None:
        """Validate, then save in the writer thread; the form keeps its values on failure."""
        data = self.form.form_input()
        errors = cs.validate_case_input(data)
        if errors:
            self.form.show_errors(errors)
            self.message.show_message(
                self.tr("Not saved: please correct the marked fields."), "error"
            )
            self.saveFailed.emit(self.message.label.text())
            return
        self.form.show_errors({})
        self.save_button.setEnabled(False)
        user = self.ctx.user
        if self.case_id is None:
            self.mutate(
                jobs.create,
                data,
                user,
                then=self._saved,
                failed=self._save_failed,
                description=self.tr("Saving the case…"),
            )
        else:
            assert self.detail is not None
            self.mutate(
                jobs.save,
                self.case_id,
                data,
                self.detail.version,
                user,
                then=self._saved,
                failed=self._save_failed,
                description=self.tr("Saving the case…"),
            )

    def _saved(self, detail: cs.CaseDetail) -> None:
        """The case as stored after the save (read in the same worker)."""
        case_id = detail.id
        self.save_button.setEnabled(True)
        self._undo.setClean()
        self.detail = detail
        self.case_id = case_id
        self.form.snapshot()
        self._show_headings()
        self._show_triage_state()
        self.message.show_message(self.tr("Saved."), "ok")
        self.ctx.statusMessage.emit(self.tr("Case {0} saved.").format(self.detail.code))
        self.ctx.notify("cases")
        self.saved.emit(case_id)

    def _save_failed(self, failure: TaskFailure) -> None:
        self.save_button.setEnabled(True)
        exc = failure.exception
        if isinstance(exc, cs.CaseValidationError):
            self.form.show_errors(exc.errors)
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
        self.message.show_message(text, "error")
        self.message.action_button.setVisible(isinstance(exc, ConflictError))
        self.saveFailed.emit(text)

    # ------------------------------------------------------------------ confirm / override
    @Slot()
    def confirm_level(self) -> None:
        if self.case_id is None or self.detail is None or self.has_unsaved_changes():
            return
        self._decide(jobs.confirm, self.case_id, self.detail.version)

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
        self._decide(jobs.override, self.case_id, self.detail.version, level, reason)

    @Slot()
    def keep_level(self) -> None:
        if self.case_id is None or self.detail is None or self.has_unsaved_changes():
            return
        self._decide(jobs.keep, self.case_id, self.detail.version)

    def _decide(self, fn: Callable[..., Any], *args: Any) -> None:
        self.panel.confirm_button.setEnabled(False)
        self.panel.override.button.setEnabled(False)
        self.mutate(fn, *args, self.ctx.user, then=self._decided, failed=self._decide_failed)

    def _decided(self, outcome: tuple[cs.CaseDetail, list[str]]) -> None:
        """The case as stored after the decision, with the service's warnings."""
        self.detail, warnings = outcome
        case_id = self.detail.id
        self.panel.override.reason.clear()
        self.panel.override.error.show_message("")  # no stale "A reason is required…"
        self.form.snapshot()
        self._show_headings()
        self._show_triage_state()
        if warnings:
            self.message.show_message(
                self.tr("Level recorded. Note: {0}").format("; ".join(warnings)), "warning"
            )
        else:
            self.message.show_message(self.tr("Level recorded."), "ok")
        self.ctx.notify("cases")
        self.levelDecided.emit(case_id)

    def _decide_failed(self, failure: TaskFailure) -> None:
        self._update_buttons()
        exc = failure.exception
        if isinstance(exc, UserError):
            self.message.show_message(self.tr("Not recorded: {0}").format(exc), "error")
        else:
            log.error("recording the level failed:\n%s", failure.traceback)
            self.message.show_message(
                self.tr(
                    "Not recorded because of an unexpected error ({0}); details are in the log."
                ).format(exc),
                "error",
            )
        self.message.action_button.setVisible(isinstance(exc, ConflictError))

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
            self.query(jobs.current_case, self.case_id, key="follow", then=self._follow)

    def _follow(self, detail: cs.CaseDetail | None) -> None:
        """Show the stored case when it changed, unless the user started typing meanwhile."""
        if detail is None or detail.id != self.case_id or self.has_unsaved_changes():
            return
        if (
            self.detail is None
            or detail.version != self.detail.version
            or detail.session_date != self.detail.session_date
        ):
            self._show_detail(detail)

    def _load_reference_keeping_form(self) -> None:
        self._load_reference(keep=True)

    @Slot()
    def refresh(self) -> None:
        self.reload()
