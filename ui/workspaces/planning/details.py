"""The review's details of one case, in the secretary's words: why it sits where it does,
what it costs there, the next best place and the sessions that would take it if a rule gave
way; and the list of sessions a move may go to (the hard rules decide, the others with the
rule they break). A mixin of :class:`~ui.workspaces.planning.workspace.PlanningWorkspace`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QTextBrowser, QWidget

from mdo_planner.services import plan_review as pr
from ui.workspaces._support import display_text
from ui.workspaces.cases import level_label
from ui.workspaces.words import breach_text, reason_text, session_text

if TYPE_CHECKING:
    from ui.context import AppContext


def _labelled(label: str, value: str) -> str:
    """One line of the review's details pane: ``<p><b>label:</b> value</p>``, escaped."""
    return f"<p><b>{html.escape(label)}:</b> {html.escape(value)}</p>"


class ReviewDetails(QWidget):
    """The details pane and the move targets (mixed into the Planning workspace)."""

    # set up by the workspace
    ctx: AppContext
    _options: list[pr.MoveOption]
    details: QTextBrowser
    target_box: QComboBox
    show_all_targets: QCheckBox
    move_button: QPushButton
    accept_button: QPushButton

    # the workspace's methods this mixin calls (attributes, not stubs: see RunControl)
    selected_row: Callable[[], pr.ReviewRow | None]
    move_case: Callable[[int, int], bool]

    def option_text(self, o: pr.MoveOption) -> str:
        """ "Wed 6 Jan 2027 13:00 · BREAST regional · H2 — 22 min free · after the due date"."""
        text = (
            session_text(o.label)
            + " — "
            + self.tr("{free} of {capacity} min free").format(
                free=display_text(o.free_minutes), capacity=display_text(o.capacity)
            )
        )
        if o.late:
            text += " · " + self.tr("after the due date")
        if o.current:
            text += " · " + self.tr("now here")
        return text

    @Slot()
    def _fill_targets(self) -> None:
        """Only the sessions a move is allowed to (the hard rules decide); the others behind
        "Show all, with why not", disabled and with the rule they break."""
        from PySide6.QtGui import QStandardItem, QStandardItemModel

        row = self.selected_row()
        model = QStandardItemModel(self.target_box)
        outside = row is not None and not row.plannable
        if outside and row is not None:
            # not in the planning pool (no confirmed level, on hold, …): no session to offer;
            # the way forward is the case itself (double-click or Open case…)
            item = QStandardItem(
                self.tr("No move: {reason}").format(reason=reason_text(row.reason))
            )
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            model.appendRow(item)
        for o in [] if outside else self._options:
            if not o.allowed and not self.show_all_targets.isChecked():
                continue
            text = self.option_text(o)
            if not o.allowed:
                # the first broken rule in the list (the date stays readable), all of
                # them in the tooltip
                text += " — " + self.tr("not allowed: {rule}").format(
                    rule=breach_text(str(o.breaches[0]))
                )
            item = QStandardItem(("✓ " if o.allowed else "✗ ") + text)
            item.setData(o.session_id, Qt.ItemDataRole.UserRole)
            item.setToolTip("\n".join(breach_text(str(b)) for b in o.breaches) or text)
            if not o.allowed:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            model.appendRow(item)
        self.move_button.setEnabled(self.accept_button.isEnabled() and not outside)
        if model.rowCount() == 0:
            item = QStandardItem(self.tr("No session of the horizon can take this case"))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            model.appendRow(item)
        self.target_box.setModel(model)
        self.target_box.view().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.target_box.view().setMinimumWidth(max(self.target_box.width(), 900))
        current = row.session_id if row is not None else None
        first = next(
            (
                i
                for i in range(model.rowCount())
                if model.item(i).isEnabled()
                and model.item(i).data(Qt.ItemDataRole.UserRole) != current
            ),
            -1,
        )
        if first < 0:  # nowhere else to go: show where it is now rather than a blank box
            first = next(
                (
                    i
                    for i in range(model.rowCount())
                    if model.item(i).data(Qt.ItemDataRole.UserRole) == current
                ),
                0,
            )
        self.target_box.setCurrentIndex(first)

    def _show_details(self, row: pr.ReviewRow | None) -> None:
        """The full reason, why the case sits where it does and where else it could go."""
        if row is None:
            self.details.clear()
            return
        e = html.escape
        parts = [
            f"<h3>{e(row.code)}{' ⚑' if row.urgent else ''}</h3>",
            "<p>"
            + e(
                self.tr("Patient {patient} · {group} · level {level} · due {due}").format(
                    patient=row.patient_ref,
                    group=row.tumour_group,
                    level=level_label(row.level),
                    due=display_text(row.due),
                )
            )
            + "</p>",
        ]
        if row.session:
            parts.append(_labelled(self.tr("Proposed session"), session_text(row.session)))
        if row.days_late:
            parts.append(
                "<p><b>⚠ "
                + e(self.tr("%n day(s) after the due date", "", row.days_late))
                + "</b></p>"
            )
        if row.previous:
            parts.append(_labelled(self.tr("Published in"), session_text(row.previous)))
        if row.reason:
            parts.append(_labelled(self.tr("Why not planned"), reason_text(row.reason)))
        if row.cost_terms:
            names = {
                "late": self.tr("late"),
                "escalation": self.tr("higher level"),
                "wait": self.tr("waiting"),
                "moved": self.tr("moved"),
            }
            terms = ", ".join(f"{names[k]} {v}" for k, v in row.cost_terms if v)
            parts.append(
                "<p><b>"
                + e(self.tr("Why here"))
                + ":</b> "
                + e(
                    self.tr("cost {terms}").format(terms=terms)
                    if terms
                    else self.tr("no cost: on time, at its own level")
                )
                + "</p>"
            )
        if row.alternative:
            delta = row.alternative_delta or 0
            parts.append(
                "<p><b>"
                + e(self.tr("Next best place"))
                + ":</b> "
                + e(session_text(row.alternative))
                + " "
                + e(self.tr("({delta} more cost)").format(delta=f"{delta:+d}"))
                + f" <a href='move:{row.alternative_session_id}'>"
                + e(self.tr("Move there"))
                + "</a></p>"
            )
        if row.kind == "unplanned" and row.plannable:
            fits = [o for o in self._options if o.allowed]
            near = sorted(
                (o for o in self._options if not o.allowed), key=lambda o: (len(o.breaches), o.date)
            )[:3]
            if fits:
                parts.append(
                    "<p><b>"
                    + e(self.tr("It fits now in"))
                    + ":</b></p><ul>"
                    + "".join(
                        f"<li><a href='move:{o.session_id}'>{e(self.option_text(o))}</a></li>"
                        for o in fits[:5]
                    )
                    + "</ul>"
                )
            if near:
                parts.append(
                    "<p><b>"
                    + e(self.tr("Sessions that would take it if …"))
                    + "</b></p><ul>"
                    + "".join(
                        f"<li>{e(session_text(o.label))}: "
                        + e("; ".join(breach_text(str(b)) for b in o.breaches))
                        + "</li>"
                        for o in near
                    )
                    + "</ul>"
                )
        if row.level in ("", None) or row.kind == "unplanned":
            parts.append(
                f"<p><a href='case:{row.case_id}'>"
                + e(self.tr("Open the case to confirm its level or fix it"))
                + "</a></p>"
            )
        self.details.setHtml("".join(parts))

    @Slot("QUrl")
    def _details_link(self, url: Any) -> None:
        text = url.toString()
        kind, _, value = text.partition(":")
        row = self.selected_row()
        if kind == "move" and row is not None and value.isdigit():
            self.move_case(row.case_id, int(value))
        elif kind == "case" and value.isdigit():
            self.ctx.caseRequestedFrom.emit(int(value), "planning")
