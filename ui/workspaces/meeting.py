"""Meeting: the agenda of one session, used live in the meeting room.

Made for the secretary or chair at the laptop beside the screen: the agenda in order with its
times and questions; per case one click for discussed / deferred / not discussed (or noted);
the recommendation typed straight in; consensus, intent, a re-discussion or a referral; the
attendance ticked off from the planned attendees (plus anyone who came unplanned); a clock
that says whether the meeting runs ahead of or behind its slots; and **Close meeting**, the
chair's sign-off, which stores everything and its effects on the cases in one transaction.

Nothing typed is lost: every change is written as a draft by the background writer a moment
later (``meeting_service.save_draft``), and reopening the session restores it, after a crash
too. A closed meeting is read-only; a correction is an amendment with a reason, audited.
All database work runs through the task layer (``AppContext.run_task``). The widgets are built
in ``meeting_layout``; this module gives them their behaviour.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from mdo_planner.contract_io.meeting_record import DEFER_REASONS, ECHELONS, NOT_DISCUSSED_REASONS
from mdo_planner.services import meeting_service as svc
from ui.workspaces._support import (
    alive,
    defer_if_hidden,
    display_text,
    from_qdate,
    interface_language,
    invoke,
    take_stale,
    to_qdate,
)
from ui.workspaces.care_words import echelon_or_consultation
from ui.workspaces.meeting_clock import clock_text
from ui.workspaces.meeting_layout import AUTOSAVE_MS, OUTCOMES, MeetingLayout, label


def _record(db: Any, doc: dict[str, Any], user: str) -> svc.RecordResult:
    """Worker side of Close meeting / Save amendment."""
    return svc.record_meeting(db, doc, user=user, source="meeting")


def _end(line: svc.AgendaLine, day: dt.date) -> dt.time | None:
    if line.start is None:
        return None
    return (dt.datetime.combine(day, line.start) + dt.timedelta(minutes=line.minutes)).time()


class MeetingWorkspace(MeetingLayout):
    """One session's meeting: live recording, closing, and the closed record."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("meetingWorkspace")
        self.title = self.tr("Meeting")
        self.state: svc.MeetingState | None = None
        self.entries: dict[str, dict[str, Any]] = {}
        self.attendance: list[str] = []
        self.added: list[tuple[str, str]] = []
        self.chair: str | None = None
        self.amending = False
        self.session_id: int | None = None
        self._loading = False
        self._experts: list[tuple[str, str]] = []
        self._tasks: list[Any] = []
        self.saves = 0
        self._build()
        self._wire()

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.clock.start()
        self._set_enabled(False)
        ctx.databaseChanged.connect(self._database_changed)
        ctx.dataChanged.connect(self._on_data_changed)
        self._database_changed()

    def _wire(self) -> None:
        """Connect the built widgets to what they do."""
        self.prev_day.clicked.connect(self.previous_day)
        self.next_day.clicked.connect(self.following_day)
        self.day_edit.dateChanged.connect(self._day_changed)
        self.session_box.currentIndexChanged.connect(self._session_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.outcome_group.idClicked.connect(self._outcome_clicked)
        self.recommendation.textChanged.connect(self._edited)
        self.consensus.toggled.connect(self._edited)
        self.intent.currentIndexChanged.connect(self._edited)
        self.follow_up.toggled.connect(self._edited)
        self.follow_date.dateChanged.connect(self._edited)
        self.follow_level.currentIndexChanged.connect(self._edited)
        self.follow_question.textChanged.connect(self._edited)
        self.referral.textChanged.connect(self._edited)
        self.reason.currentIndexChanged.connect(self._edited)
        self.note.textChanged.connect(self._edited)
        self.minutes.valueChanged.connect(self._edited)
        self.withdraw_button.clicked.connect(self.withdraw_current)
        self.people.itemChanged.connect(self._people_changed)
        self.add_button.clicked.connect(self.add_attendee)
        self.chair_box.currentIndexChanged.connect(self._chair_changed)
        self.close_button.clicked.connect(self.close_meeting)
        self.amend_button.clicked.connect(self.start_amendment)

    # ------------------------------------------------------------------ loading
    def showEvent(self, event: Any) -> None:
        if take_stale(self):
            self.refresh_sessions()
        super().showEvent(event)

    def _run(
        self,
        fn: Any,
        *args: Any,
        on_success: Any = None,
        writes: bool = False,
        description: str = "",
        **kwargs: Any,
    ) -> Any:
        task = self.ctx.run_task(
            invoke,
            fn,
            (self.ctx.db, *args),
            kwargs,
            on_success=on_success,
            on_failure=self._failed,
            writes=writes,
            description=description,
        )
        self._tasks.append(task)
        return task

    @Slot()
    def _database_changed(self) -> None:
        if not self.ctx.has_db:
            return
        self.state = None
        self.session_id = None
        self._run(svc.expert_choices, on_success=self._experts_loaded)
        self._run(svc.default_day, on_success=self._day_loaded)

    @alive
    def _experts_loaded(self, rows: list[tuple[str, str]]) -> None:
        self._experts = rows
        self.add_box.clear()
        for code, text in rows:
            self.add_box.addItem(text, code)
        self.add_box.setCurrentIndex(-1)

    @alive
    def _day_loaded(self, day: dt.date) -> None:
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(to_qdate(day))
        self.day_edit.blockSignals(False)
        self.refresh_sessions()

    @Slot(str)
    def _on_data_changed(self, entity: str) -> None:
        if entity in ("plan", "sessions", "agenda") and not defer_if_hidden(self):
            self.refresh_sessions()

    @property
    def day(self) -> dt.date:
        return from_qdate(self.day_edit.date())

    @Slot()
    def previous_day(self) -> None:
        self.day_edit.setDate(self.day_edit.date().addDays(-1))

    @Slot()
    def following_day(self) -> None:
        self.day_edit.setDate(self.day_edit.date().addDays(1))

    @Slot(QDate)
    def _day_changed(self, _date: QDate) -> None:
        self.refresh_sessions()

    @Slot()
    def refresh_sessions(self) -> None:
        if not self.ctx.has_db:
            return
        self._run(svc.sessions_on, self.day, self.day, on_success=self._sessions_loaded)

    @alive
    def _sessions_loaded(self, rows: list[svc.SessionChoice]) -> None:
        keep = self.session_id
        self.session_box.blockSignals(True)
        self.session_box.clear()
        for row in rows:
            kind = echelon_or_consultation(row.tumour_group, row.echelon)
            text = (
                f"{row.date:%Y-%m-%d} {row.start:%H:%M} · {row.tumour_group} {kind} · "
                f"{row.hospital} ({row.code})"
            )
            mark = self.tr(" — closed") if row.closed else ""
            self.session_box.addItem(text + mark, row.id)
        index = max(0, self.session_box.findData(keep)) if rows else -1
        self.session_box.setCurrentIndex(index)
        self.session_box.blockSignals(False)
        if not rows:
            self.state = None
            self.session_id = None
            self.model.set_rows([])
            self.title_label.setText(self.tr("No session with a published agenda on this day."))
            self.status_label.clear()
            self._set_enabled(False)
            return
        self.open_session(self.session_box.currentData())

    @Slot(int)
    def _session_chosen(self, index: int) -> None:
        if index >= 0:
            self.open_session(self.session_box.itemData(index))

    def open_session(self, session_id: int) -> None:
        """Load one session's meeting (agenda, attendees, draft or closed record)."""
        self._flush()
        self.session_id = session_id
        self._run(
            svc.meeting_state,
            session_id,
            on_success=self._state_loaded,
            language=interface_language(),
        )

    @alive
    def _state_loaded(self, state: svc.MeetingState) -> None:
        if state.session_id != self.session_id:
            return  # the user chose another session meanwhile
        self.state = state
        self.amending = False
        self.message.clear()
        self._from_document(state.record if state.closed else state.draft)
        self._show()

    def _from_document(self, doc: dict[str, Any] | None) -> None:
        """Fill the working copy from a closed record, a draft, or the planned attendance."""
        assert self.state is not None
        planned = [a.code for a in self.state.planned]
        self.entries = {}
        self.added = []
        if doc is None:
            self.attendance = list(planned)
            self.chair = None
        else:
            self.attendance = [c for c in doc.get("attendance", []) if isinstance(c, str)]
            self.chair = doc.get("chair")
            self.added = [
                tuple(x)
                for x in doc.get("added", [])
                if isinstance(x, list | tuple) and len(x) == 2
            ]
            cases = doc.get("cases")
            if isinstance(cases, list):  # a record: a list in agenda order
                cases = {c["case"]: c for c in cases if isinstance(c, dict) and "case" in c}
            if isinstance(cases, dict):
                self.entries = {k: dict(v) for k, v in cases.items() if isinstance(v, dict)}
        known = set(planned) | {c for c, _ in self.added}
        labels = dict(self._experts)
        for code in self.attendance:
            if code not in known:
                self.added.append((code, labels.get(code, code)))
                known.add(code)
        for line in self.state.lines:
            entry = self.entries.setdefault(line.code, {})
            if line.section == "noting":
                entry.setdefault("outcome", "noted")
            entry.setdefault("minutes", line.minutes)

    # ------------------------------------------------------------------ showing
    @property
    def editable(self) -> bool:
        return self.state is not None and (not self.state.closed or self.amending)

    def _show(self) -> None:
        s = self.state
        assert s is not None
        self._loading = True
        self.title_label.setText(
            f"{s.tumour_group_name} · {echelon_or_consultation(s.tumour_group, s.echelon)} · "
            f"{s.hospital_name} · {s.date:%Y-%m-%d} {s.start:%H:%M}"
            if s.tumour_group
            else s.title
        )
        if s.closed:
            when = display_text(s.closed_at.astimezone()) if s.closed_at else ""
            text = self.tr("Closed {when} by {who}: read-only.").format(
                when=when, who=s.closed_by or ""
            )
            if s.amendments:
                text += " " + self.tr("Amended {count} time(s).").format(count=str(s.amendments))
            if self.amending:
                text = self.tr("Amending the closed meeting: save asks for the reason.")
        else:
            text = self.tr(
                "Open: every change is saved as a draft at once; Close meeting makes it final."
            )
        self.status_label.setText(text)
        current = self.table.currentIndex().row()
        self._fill_table()
        self.people.blockSignals(True)
        self.people.clear()
        shown = [(a.code, f"{a.name} · {a.discipline}") for a in s.planned]
        shown += [(c, t) for c, t in self.added if c not in {a.code for a in s.planned}]
        if s.closed and not self.amending:
            shown = [(c, t) for c, t in shown if c in self.attendance] + [
                (c, dict(self._experts).get(c, c))
                for c in self.attendance
                if c not in {x for x, _ in shown}
            ]
        for code, text in shown:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if code in self.attendance else Qt.CheckState.Unchecked
            )
            self.people.addItem(item)
        self.people.blockSignals(False)
        self._fill_chairs()
        self._set_enabled(True)
        self._loading = False
        row = current if 0 <= current < self.model.rowCount() else 0
        if self.model.rowCount():
            self.table.selectRow(row)
        self._show_case()
        self._tick()

    def _fill_table(self) -> None:
        assert self.state is not None
        rows = []
        n = 0
        for line in self.state.lines:
            if line.section == "discussion":
                n += 1
            when = (
                f"{display_text(line.start)}–{display_text(_end(line, self.state.date))}"
                if line.start
                else self.tr("for noting")
            )
            entry = self.entries.get(line.code, {})
            outcome = label(entry.get("outcome")) or self.tr("—")
            if entry.get("outcome") == "discussed" and entry.get("follow_up"):
                outcome += " ↻"
            rows.append((n if line.section == "discussion" else "", when, line, outcome))
        self.model.set_rows(rows)

    def _fill_chairs(self) -> None:
        self.chair_box.blockSignals(True)
        self.chair_box.clear()
        labels = {
            self.people.item(i).data(Qt.ItemDataRole.UserRole): self.people.item(i).text()
            for i in range(self.people.count())
        }
        for code in self.attendance:
            self.chair_box.addItem(labels.get(code, code), code)
        self.chair_box.setCurrentIndex(self.chair_box.findData(self.chair))
        self.chair_box.blockSignals(False)

    def _set_enabled(self, on: bool) -> None:
        editable = on and self.editable
        for w in (
            self.consensus,
            self.intent,
            self.follow_up,
            self.follow_date,
            self.follow_level,
            self.follow_question,
            self.referral,
            self.reason,
            self.note,
            self.minutes,
            self.add_box,
            self.add_button,
            self.chair_box,
            self.people,
            *self.outcome_buttons.values(),
        ):
            w.setEnabled(editable)
        self.recommendation.setReadOnly(not editable)
        closed = bool(self.state and self.state.closed)
        self.close_button.setEnabled(editable)
        self.close_button.setText(
            self.tr("Save amendment…") if self.amending else self.tr("Close meeting…")
        )
        self.amend_button.setVisible(closed and not self.amending)
        self.amend_button.setEnabled(on)
        self.withdraw_button.setEnabled(on and not closed)

    def current_line(self) -> svc.AgendaLine | None:
        row = self.table.currentIndex().row()
        if self.state is None or not 0 <= row < self.model.rowCount():
            return None
        return self.model.row_at(row)[2]

    @Slot()
    def _row_changed(self, *_args: Any) -> None:
        if not self._loading:
            self._show_case()

    def _show_case(self) -> None:
        line = self.current_line()
        self._loading = True
        try:
            if line is None:
                self.case_label.setText(self.tr("No case selected."))
                return
            entry = self.entries.setdefault(line.code, {})
            when = (
                f"{display_text(line.start)}–{display_text(_end(line, self.state.date))}"
                if line.start and self.state
                else self.tr("for noting")
            )
            self.case_label.setText(
                f"<b>{line.code}</b> · {line.patient} · {line.hospital} · "
                f"{label(line.level)} · {when}<br/>{line.question}"
            )
            outcome = entry.get("outcome")
            self.outcome_group.setExclusive(False)
            for code, b in self.outcome_buttons.items():
                b.setChecked(code == outcome)
            self.outcome_group.setExclusive(True)
            noting = line.section == "noting"
            editable = self.editable
            self.outcome_buttons["noted"].setEnabled(editable and noting)
            self.recommendation.setPlainText(entry.get("recommendation") or "")
            self.consensus.setChecked(entry.get("consensus", True) is not False)
            self.intent.setCurrentIndex(
                max(0, self.intent.findData(entry.get("intent") or "unknown"))
            )
            fu = entry.get("follow_up") or None
            self.follow_up.setChecked(fu is not None)
            base = self.state.date if self.state else dt.date.today()
            on = dt.date.fromisoformat(fu["rediscuss_on"]) if fu else base + dt.timedelta(weeks=6)
            self.follow_date.setDate(to_qdate(on))
            self.follow_level.setCurrentIndex(
                max(
                    0,
                    self.follow_level.findData(
                        (fu or {}).get("echelon")
                        or (line.level if line.level in ECHELONS else "local")
                    ),
                )
            )
            self.follow_question.setText((fu or {}).get("question") or "")
            self.referral.setText(entry.get("referral") or "")
            self._fill_reasons(outcome, entry.get("reason"))
            self.note.setText(entry.get("note") or "")
            self.minutes.setValue(int(entry.get("minutes") or 0))
            self._show_fields(outcome)
        finally:
            self._loading = False

    def _fill_reasons(self, outcome: str | None, reason: str | None) -> None:
        self.reason.blockSignals(True)
        self.reason.clear()
        reasons = (
            DEFER_REASONS
            if outcome == "deferred"
            else NOT_DISCUSSED_REASONS
            if outcome == "not_discussed"
            else ()
        )
        for code in reasons:
            self.reason.addItem(label(code), code)
        self.reason.setCurrentIndex(max(0, self.reason.findData(reason)) if reasons else -1)
        self.reason.blockSignals(False)

    def _show_fields(self, outcome: str | None) -> None:
        discussed = outcome == "discussed"
        returned = outcome in ("deferred", "not_discussed")
        for w in (
            self.recommendation,
            self.consensus,
            self.intent,
            self.intent_label,
            self.follow_up,
            self.follow_date,
            self.follow_level,
            self.follow_question,
            self.referral,
        ):
            w.setVisible(discussed)
        self.reason.setVisible(returned)
        self.note.setVisible(returned)
        form_labels = {
            self.tr("Recommendation:"): discussed,
            self.tr("Follow-up:"): discussed,
            self.tr("Referral:"): discussed,
            self.tr("Reason:"): returned,
            self.tr("Note:"): returned,
        }
        for lab in self.findChildren(QLabel):
            if lab.text() in form_labels:
                lab.setVisible(form_labels[lab.text()])
        fu = discussed and self.follow_up.isChecked()
        self.follow_date.setEnabled(fu and self.editable)
        self.follow_level.setEnabled(fu and self.editable)
        self.follow_question.setEnabled(fu and self.editable)

    # ------------------------------------------------------------------ editing
    @Slot(int)
    def _outcome_clicked(self, index: int) -> None:
        line = self.current_line()
        if line is None or not self.editable:
            return
        outcome = OUTCOMES[index]
        entry = self.entries.setdefault(line.code, {})
        entry["outcome"] = outcome
        if outcome in ("deferred", "not_discussed"):
            reasons = DEFER_REASONS if outcome == "deferred" else NOT_DISCUSSED_REASONS
            if entry.get("reason") not in reasons:
                entry["reason"] = reasons[0] if outcome == "deferred" else "out_of_time"
        if outcome == "discussed":
            entry.setdefault("consensus", True)
            entry.setdefault("intent", "unknown")
        self._show_case()
        self._changed()
        if outcome == "discussed":
            self.recommendation.setFocus()

    @Slot()
    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        line = self.current_line()
        if line is None or not self.editable:
            return
        entry = self.entries.setdefault(line.code, {})
        outcome = entry.get("outcome")
        if outcome == "discussed":
            entry["recommendation"] = self.recommendation.toPlainText()
            entry["consensus"] = self.consensus.isChecked()
            entry["intent"] = self.intent.currentData()
            entry["referral"] = self.referral.text().strip() or None
            entry["follow_up"] = (
                {
                    "rediscuss_on": from_qdate(self.follow_date.date()).isoformat(),
                    "echelon": self.follow_level.currentData(),
                    "question": self.follow_question.text().strip() or None,
                }
                if self.follow_up.isChecked()
                else None
            )
        elif outcome in ("deferred", "not_discussed"):
            entry["reason"] = self.reason.currentData()
            entry["note"] = self.note.text().strip() or None
        entry["minutes"] = self.minutes.value()
        self._show_fields(outcome)
        self._changed()

    def _changed(self) -> None:
        row = self.table.currentIndex().row()
        self._loading = True
        self._fill_table()
        if row >= 0:
            self.table.selectRow(row)
        self._loading = False
        if self.state is not None and not self.state.closed:
            self.autosave.start()

    @Slot(QListWidgetItem)
    def _people_changed(self, _item: QListWidgetItem) -> None:
        if self._loading:
            return
        self.attendance = [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]
        self._fill_chairs()
        self._changed()

    @Slot(int)
    def _chair_changed(self, _index: int) -> None:
        if self._loading:
            return
        self.chair = self.chair_box.currentData()
        self._changed()

    @Slot()
    def add_attendee(self) -> None:
        code = self.add_box.currentData()
        if code is None:
            typed = self.add_box.currentText().strip()
            code = next((c for c, t in self._experts if typed and typed in (c, t)), None)
        if code is None:
            self.message.show_message(self.tr("Choose an expert of the network to add."), "warning")
            return
        if code not in self.attendance:
            self.attendance.append(code)
        if (
            code not in {c for c, _ in self.added}
            and self.state is not None
            and code not in {a.code for a in self.state.planned}
        ):
            self.added.append((code, dict(self._experts).get(code, code)))
        self.add_box.setCurrentIndex(-1)
        self._show()
        self._changed()

    # ------------------------------------------------------------------ saving
    def document(self) -> dict[str, Any]:
        """The work in progress (what the draft stores)."""
        return {
            "chair": self.chair,
            "attendance": list(self.attendance),
            "added": [list(x) for x in self.added],
            "cases": self.entries,
        }

    def record(self) -> dict[str, Any]:
        """The contract record of what is on screen (validated by the service)."""
        assert self.state is not None
        cases = []
        for line in self.state.lines:
            entry = dict(self.entries.get(line.code, {}))
            item: dict[str, Any] = {"case": line.code, "outcome": entry.get("outcome")}
            if entry.get("minutes") is not None:
                item["minutes"] = entry["minutes"]
            if item["outcome"] == "discussed":
                item.update(
                    recommendation=entry.get("recommendation") or "",
                    consensus=bool(entry.get("consensus", True)),
                    intent=entry.get("intent") or "unknown",
                    follow_up=entry.get("follow_up"),
                    referral=entry.get("referral"),
                )
            elif item["outcome"] in ("deferred", "not_discussed"):
                item.update(reason=entry.get("reason"), note=entry.get("note"))
            cases.append(item)
        return {
            "format": "mdo-planner-meeting",
            "version": 1,
            "session": self.state.code,
            "chair": self.chair,
            "attendance": list(self.attendance),
            "cases": cases,
        }

    def _flush(self) -> None:
        if self.autosave.isActive():
            self.autosave.stop()
            self.save_draft()

    @Slot()
    def save_draft(self) -> None:
        if self.state is None or self.state.closed:
            return
        self._run(
            svc.save_draft,
            self.state.session_id,
            self.document(),
            user=self.ctx.user,
            on_success=self._draft_saved,
            writes=True,
        )

    @alive
    def _draft_saved(self, _result: Any) -> None:
        self.saves += 1

    @Slot()
    def close_meeting(self) -> None:
        """Chair sign-off (or, when amending, save the amendment with its reason)."""
        if self.state is None or not self.editable:
            return
        self.autosave.stop()
        doc = self.record()
        if self.amending:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Amend the meeting"),
                self.tr("Why is the closed meeting corrected? (kept in the audit trail)"),
            )
            if not ok:
                return
            doc["amendment_reason"] = reason
        else:
            chair = self.chair_box.currentText() or self.tr("(no chair chosen)")
            answer = QMessageBox.question(
                self,
                self.tr("Close meeting"),
                self.tr(
                    "Close the meeting with {chair} as chair? The outcomes become final: "
                    "discussed cases leave the planning pool, deferred and not discussed "
                    "ones return to it, re-discussions become new cases. A correction "
                    "later needs an amendment with a reason."
                ).format(chair=chair),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(
            _record,
            doc,
            self.ctx.user,
            on_success=self._closed,
            writes=True,
            description=self.tr("Closing the meeting…"),
        )

    @alive
    def _closed(self, result: svc.RecordResult) -> None:
        text = self.tr("Amendment saved.") if result.amended else self.tr("Meeting closed.")
        if result.follow_ups:
            text += " " + self.tr("Re-discussion case(s): {cases}").format(
                cases=", ".join(result.follow_ups)
            )
        self.ctx.notify("cases")
        self.ctx.notify("agenda")
        self.refresh_sessions()
        self.message.show_message(text)
        self.ctx.statusMessage.emit(text)

    @Slot()
    def start_amendment(self) -> None:
        if self.state is None or not self.state.closed:
            return
        self.amending = True
        self._show()

    @Slot()
    def withdraw_current(self) -> None:
        line = self.current_line()
        if line is None or self.state is None or self.state.closed:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Withdraw case"),
            self.tr("Why is case {case} withdrawn (patient died, moved, no longer needed)?").format(
                case=line.code
            ),
        )
        if not ok:
            return
        self._flush()
        self._run(
            svc.withdraw_case,
            line.case_id,
            reason,
            user=self.ctx.user,
            on_success=self._withdrawn,
            writes=True,
        )

    @alive
    def _withdrawn(self, _result: Any) -> None:
        self.ctx.notify("cases")
        self.message.show_message(self.tr("Case withdrawn: it left every plan and agenda."))
        if self.session_id is not None:
            self.open_session(self.session_id)

    @alive
    def _failed(self, failure: Any) -> None:
        self.message.show_message(str(failure), "error")

    # ------------------------------------------------------------------ clock
    @Slot()
    def _tick(self) -> None:
        if self.state is None:
            self.clock_label.clear()
            return
        self.clock_label.setText(clock_text(self.state, self.current_line(), dt.datetime.now()))

    def closeEvent(self, event: Any) -> None:
        self._flush()
        super().closeEvent(event)
