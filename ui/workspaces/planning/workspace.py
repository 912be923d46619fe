"""The Planning workspace itself: its layout, the review of the proposal against the
published plan (work list, details, per-session load), the manual edits and publishing.

The run of the planner and its progress panel are in :mod:`.progress`, the details pane and
the move targets in :mod:`.details`, the tables' columns and models in :mod:`.columns` and
:mod:`.models`, the undoable move in :mod:`.commands`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import plan_review as pr
from ui.workspaces._support import (
    CONTENTS_PRECISION_ROWS,
    RowTableModel,
    defer_if_hidden,
    display_text,
    invoke,
    std_icon,
    to_qdate,
)
from ui.workspaces.base import Workspace
from ui.workspaces.planning.columns import changes_columns, loads_columns, review_icons
from ui.workspaces.planning.commands import MoveCommand
from ui.workspaces.planning.details import ReviewDetails
from ui.workspaces.planning.models import ChangesModel, SessionsLoadModel
from ui.workspaces.planning.progress import RunControl
from ui.workspaces.planning.reads import ReviewRead, read_opening, read_review
from ui.workspaces.specialist_time import SpecialistTimeLabel
from ui.workspaces.words import breach_text, trade_text

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.tasks import TaskFailure


def _admit_late(db: Any, user: str, case_id: int, session_code: str, chair: str) -> None:
    """Admit a late registration to the session (by its code) whose cut-off it missed."""
    session_id = pr.session_id_of(db, session_code)
    pr.plan_stability.admit_late(db, case_id, session_id, chair, user=user)


class PlanningWorkspace(RunControl, ReviewDetails, Workspace):
    """Horizon and time limit, live progress, and the review of the proposal."""

    #: the "Session, or why not" column of the review
    REASON_COLUMN = 7

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            title=QCoreApplication.translate("PlanningWorkspace", "Planning"),
            name="planningWorkspace",
            undoable=True,
            parent=parent,
        )
        self.task: Any = None
        #: counts the openings and plan runs: an opening's answer that arrives after a newer
        #: one (or after a run was started) leaves the proposal shown alone
        self._opened = 0
        self.run_id: int | None = None
        self.current_review: pr.Review | None = None
        self._t0_points: list[tuple[float, float]] = []

        controls = self._build_controls()

        progress = self._build_progress()

        # -- review
        review = QGroupBox(self.tr("Review of the proposal against the published plan"))
        rv = QVBoxLayout(review)
        self.summary = QLabel(self.tr("Run the planner to get a proposal."))
        self.summary.setWordWrap(True)
        rv.addWidget(self.summary)
        self.specialist_time = SpecialistTimeLabel(review)
        rv.addWidget(self.specialist_time)
        icons = review_icons(self)
        self.changes_model = ChangesModel(changes_columns(self, icons), self)
        self.changes_view = self._table(self.changes_model, "changesTable", self.tr("Changes"))
        self.changes_view.setDragEnabled(True)
        self.changes_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.changes_view.selectionModel().currentRowChanged.connect(self._case_selected)
        self.changes_view.horizontalHeader().setSectionResizeMode(
            self.REASON_COLUMN, QHeaderView.ResizeMode.Interactive
        )
        self.changes_view.horizontalHeader().resizeSection(self.REASON_COLUMN, 420)
        # a work list: click a header to sort; the first order is the service's
        # (change kind, then date)
        self.changes_view.setSortingEnabled(True)
        self.changes_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.changes_view.doubleClicked.connect(self._open_case_of)

        self.filter_box = QComboBox()
        self.filter_box.setObjectName("reviewFilter")
        self.filter_box.setAccessibleName(self.tr("Show"))
        for key, label in (
            ("all", self.tr("All cases")),
            ("unplanned", self.tr("Unplanned")),
            ("late", self.tr("After the due date")),
            ("moved", self.tr("Moved")),
            ("changed", self.tr("In a changed session")),
            ("registered_late", self.tr("Registered late")),
        ):
            self.filter_box.addItem(label, key)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.filter_count = QLabel("")
        self.details = QTextBrowser()
        self.details.setObjectName("reviewDetails")
        self.details.setAccessibleName(self.tr("Details of the selected case"))
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._details_link)
        self.details.setPlaceholderText(self.tr("Select a case to see why it is where it is."))
        self.open_case_button = QPushButton(self.tr("&Open case…"))
        self.open_case_button.setToolTip(
            self.tr(
                "Open the case to confirm its level or fix its data, then come back (double-click)"
            )
        )
        self.open_case_button.clicked.connect(self.open_selected_case)

        self.loads_model = SessionsLoadModel(loads_columns(self, icons), self)
        self.loads_view = self._table(
            self.loads_model, "sessionLoadTable", self.tr("Per-session load")
        )
        self.loads_view.setAcceptDrops(True)
        self.loads_view.setDropIndicatorShown(True)
        self.loads_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.filter_box)
        filters.addWidget(self.filter_count, 1)
        filters.addWidget(self.open_case_button)
        rv.addLayout(filters)
        side = QSplitter(Qt.Orientation.Horizontal)
        side.setObjectName("reviewSideSplitter")
        side.addWidget(self.changes_view)
        side.addWidget(self.details)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        side.setSizes([900, 320])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(side)
        split.addWidget(self.loads_view)
        split.setSizes([420, 180])
        rv.addWidget(split, 1)

        edit = QHBoxLayout()
        self.target_box = QComboBox()
        self.target_box.setObjectName("moveTargets")
        self.target_box.setAccessibleName(self.tr("Move to session"))
        self.show_all_targets = QCheckBox(self.tr("Show all, with why not"))
        self.show_all_targets.setObjectName("showAllTargets")
        self.show_all_targets.setToolTip(
            self.tr("Also list the sessions a move would be refused for, with the rule it breaks")
        )
        self.show_all_targets.toggled.connect(self._fill_targets)
        self._options: list[pr.MoveOption] = []
        self.target_box.setMinimumContentsLength(40)
        self.target_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.move_button = QPushButton(self.tr("&Move to session"))
        self.move_button.setToolTip(
            self.tr("Move the selected case (checked against the hard rules); Ctrl+Z undoes")
        )
        self.move_button.clicked.connect(self.move_selected)
        self.pin_button = QPushButton(self.tr("P&in to its session"))
        self.pin_button.clicked.connect(self.pin_selected)
        self.unpin_button = QPushButton(self.tr("Unpin"))
        self.unpin_button.clicked.connect(self.unpin_selected)
        edit.addWidget(self.target_box, 1)
        edit.addWidget(self.show_all_targets)
        edit.addWidget(self.move_button)
        edit.addSpacing(12)
        edit.addWidget(self.pin_button)
        edit.addWidget(self.unpin_button)
        self.admit_button = QPushButton(self.tr("Admit &late…"))
        self.admit_button.setToolTip(
            self.tr(
                "Put a late registration on the agenda whose "
                "cut-off it missed, with the chair's agreement"
            )
        )
        self.admit_button.clicked.connect(self.admit_selected)
        edit.addWidget(self.admit_button)
        rv.addLayout(edit)
        decide = QHBoxLayout()
        self.accept_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_DialogApplyButton),
            self.tr("&Accept and publish"),
        )
        self.accept_button.clicked.connect(self.accept_plan)
        self.discard_button = QPushButton(
            std_icon(self, QStyle.StandardPixmap.SP_DialogDiscardButton), self.tr("&Discard")
        )
        self.discard_button.clicked.connect(self.discard_plan)
        decide.addStretch(1)
        decide.addWidget(self.discard_button)
        decide.addWidget(self.accept_button)
        rv.addLayout(decide)

        # the progress panel and the review share the height: drag the handle to give the
        # review the room a long work list needs
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("planningSplitter")
        self.main_split.addWidget(progress)
        self.main_split.addWidget(review)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 1)
        # never shorter than its figures need (150 px clipped the status and details lines)
        self.main_split.setSizes([max(150, progress.minimumSizeHint().height()), 740])
        self.main_split.setCollapsible(0, False)
        self.main_split.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.main_split, 1)

        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.start_planning)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_planning)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M), self, self.move_selected)
        self._set_review_enabled(False)
        ctx.dataChanged.connect(self._on_data_changed)
        ctx.replanRequested.connect(self.replan_days)
        self._database_changed()

    # ------------------------------------------------------------------ helpers
    def days_late_text(self, days: int) -> str:
        """ "3 days late" with the plural of the interface language (a method, because
        lupdate reads plural forms only from ``self.tr``)."""
        return self.tr("%n day(s) late", "", days)

    def _table(self, model: RowTableModel, name: str, accessible: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(CONTENTS_PRECISION_ROWS)
        header.setStretchLastSection(True)
        return view

    def _set_review_enabled(self, on: bool) -> None:
        for w in (
            self.accept_button,
            self.discard_button,
            self.move_button,
            self.pin_button,
            self.unpin_button,
            self.admit_button,
            self.target_box,
            self.show_all_targets,
        ):
            w.setEnabled(on and not self.running)

    # ------------------------------------------------------------------ loading
    @Slot()
    @Slot(int)
    def _stability_chosen(self, index: int) -> None:
        factor = float(self.stability_box.itemData(index))
        text = self.tr("Stability set to {stability}: the next plan run uses it.").format(
            stability=self.stability_box.itemText(index)
        )
        self.mutate(
            pr.plan_stability.set_stability,
            self.ctx.user,
            factor,
            then=lambda _result: self.message.show_message(text),
        )

    def _show_stability(self, factor: float) -> None:
        i = self.stability_box.findData(factor)
        if i < 0:
            self.stability_box.addItem(f"{factor:g}×", factor)
            i = self.stability_box.count() - 1
        self.stability_box.setCurrentIndex(i)

    @Slot()
    def admit_selected(self) -> None:
        """A late registration goes onto the agenda whose cut-off it missed only by this
        explicit action, with the name of the chair who agreed."""
        row = self.selected_row()
        if row is None or not row.late or self.current_review is None:
            self.message.show_message(self.tr("Choose a case marked late."), "warning")
            return
        from PySide6.QtWidgets import QInputDialog

        chair, ok = QInputDialog.getText(
            self,
            self.tr("Admit a late registration"),
            self.tr(
                "{code} was registered after the cut-off of session {session}. Name of the "
                "chair who agreed to add it:"
            ).format(code=row.code, session=row.late),
        )
        if not ok:
            return
        self.mutate(
            _admit_late,
            self.ctx.user,
            row.case_id,
            row.late,
            chair,
            then=lambda _result: self._admitted(row, chair),
        )

    def _admitted(self, row: pr.ReviewRow, chair: str) -> None:
        self.message.show_message(
            self.tr(
                "{code} admitted to {session} with the agreement of {chair}; "
                "plan again to place it."
            ).format(code=row.code, session=row.late, chair=chair.strip())
        )
        self.ctx.notify("cases")

    def database_switched(self) -> None:
        """Open on the default week and the newest proposal, read in a worker. Dates the user
        set before the answer came stay; a run started meanwhile keeps its proposal."""
        self.edits.clear()
        self._opened += 1
        asked = (self._opened, self.date_from.date(), self.date_to.date())
        self.query(
            read_opening, then=lambda result: self._opening_read(asked, result), key="opening"
        )
        self.query(pr.plan_stability.get_stability, then=self._show_stability, key="stability")

    def _opening_read(
        self,
        asked: tuple[int, QDate, QDate],
        result: tuple[dt.date, int | None, ReviewRead | None],
    ) -> None:
        serial, date_from, date_to = asked
        monday, run_id, read = result
        if (self.date_from.date(), self.date_to.date()) == (date_from, date_to):
            self.date_from.setDate(to_qdate(monday))
            self.date_to.setDate(to_qdate(monday + dt.timedelta(weeks=2, days=-3)))
        if serial != self._opened:
            return
        self.run_id = run_id
        if read is None:
            self.reload_review()  # no proposal: says so
        else:
            self._show_read(read)

    def reload(self) -> None:
        self.reload_review()

    @Slot(str)
    def _on_data_changed(self, entity: str) -> None:
        if entity == "plan" or self.run_id is None:
            return
        # sessions or experts changed under an open proposal: the per-session figures move
        if entity in ("sessions", "experts") and not defer_if_hidden(self):
            self.reload_review()

    @Slot()
    def refresh(self) -> None:
        self.reload_review()

    def reload_review(self, then: Callable[[], None] | None = None) -> None:
        """Read the review of the shown proposal in a worker and show it; ``then`` runs
        after it is shown (a message about the edit that made the reload)."""
        if self.run_id is None:
            self.current_review = None
            self.changes_model.set_rows([])
            self.loads_model.set_rows([])
            self.filter_count.setText("")
            self.details.clear()
            self.summary.setText(self.tr("Run the planner to get a proposal."))
            self.specialist_time.clear_run()
            self._set_review_enabled(False)
            if then is not None:
                then()
            return

        def shown(read: ReviewRead) -> None:
            self._show_read(read)
            if then is not None:
                then()

        self.query(read_review, self.run_id, then=shown, failed=self._review_failed, key="review")

    def _show_read(self, read: ReviewRead) -> None:
        review, figures = read
        self._show_review(review)
        self.specialist_time.show_figures(figures)

    def _review_failed(self, failure: TaskFailure) -> None:
        self.show_failure(failure)
        self.run_id = None
        self.reload_review()

    def _show_review(self, review: pr.Review) -> None:
        keep = self.selected_case_id()
        self.current_review = review
        self._apply_filter()
        self.loads_model.set_rows(review.sessions)
        missing = sum(1 for x in review.sessions if x.missing)
        text = self.tr(
            "Proposal {run} ({status}): {new} newly planned, {moved} moved, {unchanged} "
            "unchanged, {unplanned} unplanned; {changed} session(s) changed, {missing} lack a "
            "discipline."
        ).format(
            run=review.run_id,
            status=self.status_text(review.status, review.stopped_by),
            new=review.count("new"),
            moved=review.count("moved"),
            unchanged=review.count("unchanged"),
            unplanned=review.count("unplanned"),
            missing=missing,
            changed=review.changed_sessions,
        )
        late = sum(1 for r in review.rows if r.late)
        if late:
            text += " " + self.tr("{count} late registration(s).").format(count=late)
        past_due = sum(1 for r in review.rows if r.days_late)
        if past_due:
            text += " " + self.tr("{count} case(s) planned after the due date.").format(
                count=past_due
            )
        if not review.sessions:
            text += " " + self.tr("No session of the horizon received a case.")
        if review.trade:
            text += " " + self.tr("What the moves buy: {trade}.").format(
                trade=trade_text(review.trade)
            )
        self.summary.setText(text)
        if not self.running:
            self._show_figures(review)
        editable = not review.published and not review.discarded
        self._set_review_enabled(editable)
        if keep is not None:
            self.select_case(keep)

    # ------------------------------------------------------------------ review edits
    def selected_row(self) -> pr.ReviewRow | None:
        index = self.changes_view.currentIndex()
        return self.changes_model.row_at(index.row()) if index.isValid() else None

    def selected_case_id(self) -> int | None:
        row = self.selected_row()
        return row.case_id if row else None

    def select_case(self, case_id: int) -> bool:
        for i, r in enumerate(self.changes_model.rows):
            if r.case_id == case_id:
                self.changes_view.setCurrentIndex(self.changes_model.index(i, 0))
                return True
        return False

    # ------------------------------------------------------------------ work list
    def _matches(self, r: pr.ReviewRow, key: str, changed: set[int]) -> bool:
        if key == "unplanned":
            return r.kind == "unplanned"
        if key == "late":
            return r.days_late > 0
        if key == "moved":
            return r.kind == "moved"
        if key == "changed":
            return r.session_id in changed or r.previous_session_id in changed
        if key == "registered_late":
            return bool(r.late)
        return True

    @Slot()
    def _apply_filter(self) -> None:
        """Show the rows of the chosen filter, in the order of the sorted header."""
        review = self.current_review
        rows = list(review.rows) if review is not None else []
        key = str(self.filter_box.currentData() or "all")
        changed = {x.session_id for x in review.sessions if x.changed} if review else set()
        shown = [r for r in rows if self._matches(r, key, changed)]
        keep = self.selected_case_id()
        self.changes_model.set_rows(shown)
        header = self.changes_view.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.changes_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.filter_count.setText(
            self.tr("{shown} of {total} cases").format(shown=len(shown), total=len(rows))
            if review
            else ""
        )
        if keep is None or not self.select_case(keep):
            self._show_details(None)
            self.target_box.clear()

    def set_filter(self, key: str) -> None:
        self.filter_box.setCurrentIndex(max(0, self.filter_box.findData(key)))

    @Slot(QModelIndex, QModelIndex)
    def _case_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # a refusal or warning is about the case it was said of: not about this one
        if self.message.kind in ("error", "warning"):
            self.message.clear()
        self.target_box.clear()
        self._options = []
        if not current.isValid() or self.run_id is None:
            self._show_details(None)
            return
        row = self.changes_model.row_at(current.row())
        self.query(
            pr.move_options,
            self.run_id,
            row.case_id,
            then=lambda options: self._options_read(row, list(options)),
            failed=lambda failure: self._options_failed(row, failure),
            key="options",
        )

    def _options_read(self, row: pr.ReviewRow, options: list[pr.MoveOption]) -> None:
        """The sessions the selected case may move to arrived: fill the targets and details
        (dropped when another case is selected by now)."""
        if self.selected_case_id() != row.case_id:
            return
        self._options = options
        self._fill_targets()
        self._show_details(row)

    def _options_failed(self, row: pr.ReviewRow, failure: TaskFailure) -> None:
        self.show_failure(failure)
        self._options_read(row, [])

    @Slot(QModelIndex)
    def _open_case_of(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.caseRequestedFrom.emit(
                self.changes_model.row_at(index.row()).case_id, "planning"
            )

    @Slot()
    def open_selected_case(self) -> None:
        row = self.selected_row()
        if row is None:
            self.message.show_message(self.tr("Choose a case first."), "warning")
            return
        self.ctx.caseRequestedFrom.emit(row.case_id, "planning")

    def show_breaches(self, breaches: list[Any]) -> None:
        text = self.tr("Move refused:") + "\n" + "\n".join(breach_text(str(b)) for b in breaches)
        self.message.show_message(text, "error")

    def move_case(self, case_id: int, session_id: int) -> bool:
        """Move a case of the proposal (drag and drop or the Move button) on the writer
        thread; True when the move was asked, the writer's answer shows in the message bar
        (refused with the rules it breaks, or done and undoable)."""
        if self.run_id is None:
            return False
        row = next((r for r in self.changes_model.rows if r.case_id == case_id), None)
        if row is None or row.session_id == session_id:
            return False
        run_id = self.run_id
        self.mutate(
            pr.move_case,
            run_id,
            case_id,
            session_id,
            then=lambda breaches: self._moved(run_id, row, session_id, breaches),
            user=self.ctx.user,
        )
        return True

    def _moved(self, run_id: int, row: pr.ReviewRow, session_id: int, breaches: Any) -> None:
        """The writer answered a move: refused with the rules it breaks, or done (one undo
        step, pinned there; a warning when it lands after the due date)."""
        case_id = row.case_id
        if breaches:
            self.show_breaches(breaches)
            return
        self.edits.push(
            MoveCommand(
                self,
                run_id,
                case_id,
                row.code,
                row.session_id,
                session_id,
                row.reason or self.tr("taken out by hand"),
                row.pinned,
            )
        )
        option = next((o for o in self._options if o.session_id == session_id), None)
        target = next(
            (
                x
                for x in (self.current_review.sessions if self.current_review else ())
                if x.session_id == session_id
            ),
            None,
        )
        day = option.date if option else (target.date if target else None)
        self.reload_review(then=lambda: self._say_moved(row, day))

    def _say_moved(self, row: pr.ReviewRow, day: dt.date | None) -> None:
        if day is not None and day > row.due:
            self.message.show_message(
                self.tr(
                    "{code} moved and pinned there, {days} day(s) after its due date of {due}. "
                    "Ctrl+Z undoes."
                ).format(code=row.code, days=(day - row.due).days, due=display_text(row.due)),
                "warning",
            )
        else:
            self.message.show_message(
                self.tr("{code} moved and pinned there (Unpin releases it); Ctrl+Z undoes.").format(
                    code=row.code
                )
            )

    @Slot()
    def move_selected(self) -> None:
        row = self.selected_row()
        target = self.target_box.currentData()
        if row is None or target is None:
            self.message.show_message(self.tr("Choose a case and a target session."), "warning")
            return
        self.move_case(row.case_id, int(target))

    def confirm_publish(self, summary: pr.PublishSummary) -> bool:
        """Say what publishing does before it is done (tests replace this method)."""
        box = self.publish_box(summary)
        box.exec()
        return box.clickedButton() is box.property("publish_button")

    def publish_box(self, summary: pr.PublishSummary) -> Any:
        """The publish summary dialog (not yet shown)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setObjectName("publishSummary")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Publish the plan"))
        box.setText(self.publish_text(summary))
        box.setInformativeText(
            self.tr(
                "Specialists prepare for the published plan; the "
                "changed agendas are sent from Sessions."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        publish = box.addButton(self.tr("&Publish"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(publish)
        box.setProperty("publish_button", publish)
        return box

    def publish_text(self, summary: pr.PublishSummary) -> str:
        text = self.tr(
            "{cases} case(s) change, {experts} expert(s) get an update ({sessions} session(s))."
        ).format(
            cases=summary.cases_change,
            experts=summary.experts_update,
            sessions=summary.sessions_change,
        )
        text += " " + self.tr(
            "{planned} planned, {unplanned} unplanned, {late} after the due date."
        ).format(planned=summary.planned, unplanned=summary.unplanned, late=summary.late)
        return text

    @Slot()
    def pin_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.session_id is None:
            self.message.show_message(
                self.tr("Only a planned case can be pinned to its session."), "warning"
            )
            return
        text = self.tr("{code} pinned: later plans keep it in this session.").format(code=row.code)
        self.mutate(
            pr.pin_case,
            row.case_id,
            row.session_id,
            then=lambda _result: self._pinned(text),
            user=self.ctx.user,
        )

    def _pinned(self, text: str) -> None:
        self.message.show_message(text)
        self.reload_review()
        self.ctx.notify("cases")

    @Slot()
    def unpin_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        text = self.tr("{code} unpinned.").format(code=row.code)
        self.mutate(
            pr.pin_case,
            row.case_id,
            None,
            then=lambda _result: self._pinned(text),
            user=self.ctx.user,
        )

    @Slot()
    def accept_plan(self) -> None:
        """Publish on the database-writer thread: a national plan is thousands of rows."""
        if self.run_id is None or self.running:
            return
        run_id = self.run_id
        self.query(
            pr.publish_summary,
            run_id,
            then=lambda summary: self._publish_confirmed(run_id, summary),
            key="publish",
        )

    def _publish_confirmed(self, run_id: int, summary: pr.PublishSummary) -> None:
        """The summary arrived: say what publishing does, then publish if agreed."""
        if run_id != self.run_id or self.running or not self.confirm_publish(summary):
            return
        self._set_review_enabled(False)
        self.plan_button.setEnabled(False)
        self.message.show_message(self.tr("Publishing…"))
        self.task = self.ctx.run_task(
            invoke,
            pr.publish_run,
            (self.ctx.db, run_id),
            {"user": self.ctx.user},
            on_success=self._published,
            on_failure=self._publish_failed,
            description=self.tr("Publishing the plan…"),
            writes=True,
        )

    def _published(self, planned: int) -> None:
        self._finish()
        self.edits.clear()
        self.message.show_message(
            self.tr("Plan published: {count} case(s) planned. Agendas can now be sent.").format(
                count=planned
            )
        )
        self.reload_review()
        self.ctx.notify("plan")
        self.ctx.notify("sessions")
        self.ctx.notify("cases")

    def _publish_failed(self, failure: Any) -> None:
        self._finish()
        self.message.show_message(str(failure), "error")
        self.reload_review()

    @Slot()
    def discard_plan(self) -> None:
        if self.run_id is None:
            return
        self.mutate(pr.discard_run, self.run_id, then=self._discarded, user=self.ctx.user)

    def _discarded(self, _result: Any) -> None:
        self.edits.clear()
        self.run_id = None
        self.reload_review()
        self.message.show_message(self.tr("Proposal discarded; the published plan is unchanged."))
        self.ctx.notify("plan")
