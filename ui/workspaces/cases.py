"""The Cases workspace: the secretary's worklist of every case, with filters and risk.

A network can hold >10,000 open cases, so the table model stores case ids only and fetches
rows in blocks the moment the view paints them (Anki's browser does the same). Filtering and
ordering run in SQL through :mod:`mdo_planner.services.cases_service`: the proxy model keeps
a set of accepted ids and answers ``filterAcceptsRow`` with a set lookup, which filters
11,500 rows well within a keystroke; sorting is forwarded to the source model, which asks
the service for the ids in the new order instead of comparing rows in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import cases_service as cs
from solver import contract
from ui.context import AppContext
from ui.workspaces._support import DATE_FORMAT, alive, date_text  # noqa: F401 (date style)
from ui.workspaces.base import Workspace
from ui.workspaces.case_table import (
    BLOCK_SIZE,
    CASE_STATUSES,
    CaseFilterProxy,
    CaseTableModel,
    level_label,
    risk_icon,
    risk_label,
    status_label,
)

__all__ = [
    "BLOCK_SIZE",
    "CASE_STATUSES",
    "CaseFilterProxy",
    "CaseTableModel",
    "CasesWorkspace",
    "level_label",
    "risk_icon",
    "risk_label",
    "status_label",
]


@dataclasses.dataclass(frozen=True)
class _Worklist:
    """What one refresh reads in a worker: the filters' choices, every id in order, the
    first block of rows, the search index and the risk headline."""

    ref: cs.ReferenceData
    ids: list[int]
    rows: list[cs.CaseRow]
    index: cs.SearchIndex
    counts: dict[str, int]
    today: dt.date
    #: the ids the structured filters asked with accept (None: every case)
    filtered: frozenset[int] | None = None


def _read_worklist(
    db: Any, order_by: str, descending: bool, structured: cs.CaseFilters, user: str
) -> _Worklist:
    """One worker read for the whole worklist, the current structured filter included (one
    round trip instead of three when the workspace opens)."""
    today = dt.date.today()
    ids = cs.list_case_ids(db, order_by=order_by, descending=descending)
    filtered = None
    if structured != cs.CaseFilters(statuses=()):
        filtered = frozenset(cs.list_case_ids(db, structured, user=user))
    return _Worklist(
        ref=cs.reference_data(db),
        ids=ids,
        rows=cs.case_rows(db, ids[:BLOCK_SIZE], today=today),
        index=cs.search_index(db),
        counts=cs.risk_counts(db, today=today),
        today=today,
        filtered=filtered,
    )


class CasesWorkspace(Workspace):
    """Worklist of all cases: search, filters, deadline risk; double-click opens a case."""

    #: Emitted with the number of cases shown after each filter change.
    filtered = Signal(int)
    #: Quiet time after the last keystroke before a typed search is audited.
    SEARCH_AUDIT_MS = 1500

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        # the worklist coalesces the changes it follows itself (``_on_data_changed``)
        super().__init__(ctx, title="", name="cases", parent=parent)
        self.title = self.tr("Cases")
        self._loaded = False
        #: The case selected before a refresh, selected again once the filter is applied.
        self._reselect: int | None = None
        self._ref: cs.ReferenceData | None = None
        self._index: cs.SearchIndex | None = None
        self._structured: frozenset[int] | None = None
        self._structured_key: cs.CaseFilters | None = None
        #: The structured filter asked of the database and not answered yet.
        self._asked_key: cs.CaseFilters | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Search name, patient number, case, physician…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setMinimumWidth(220)

        self.status_box = QComboBox(self)
        self.status_box.setObjectName("statusFilter")
        self.status_box.setAccessibleName(self.tr("Status filter"))
        self.status_box.addItem(self.tr("Open cases"), "open")
        self.status_box.addItem(self.tr("All cases"), "all")
        for status in CASE_STATUSES:
            self.status_box.addItem(status_label(status), status)

        self.group_box = QComboBox(self)
        self.group_box.setObjectName("groupFilter")
        self.group_box.setAccessibleName(self.tr("Tumour group filter"))
        self.hospital_box = QComboBox(self)
        self.hospital_box.setObjectName("hospitalFilter")
        self.hospital_box.setAccessibleName(self.tr("Hospital filter"))
        self.level_box = QComboBox(self)
        self.level_box.setObjectName("levelFilter")
        self.level_box.setAccessibleName(self.tr("Triage level filter"))
        self.level_box.addItem(self.tr("All levels"), None)
        for level in contract.TRIAGE_LEVELS:
            self.level_box.addItem(level_label(level), level)

        self.due_box = QSpinBox(self)
        self.due_box.setObjectName("dueWithin")
        self.due_box.setAccessibleName(self.tr("Due within days"))
        self.due_box.setRange(0, 365)
        self.due_box.setSpecialValueText(self.tr("any due date"))
        self.due_box.setPrefix(self.tr("due ≤ "))
        self.due_box.setSuffix(self.tr(" days"))
        self.review_box = QCheckBox(self.tr("Needs review"), self)
        self.review_box.setObjectName("needsReview")

        self.new_button = QPushButton(self.tr("New case"), self)
        self.new_button.setObjectName("newCase")
        self.new_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.new_button.setToolTip(self.tr("Register a new case (Ctrl+N)"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")
        self.risk_summary = QWidget(self)
        self.risk_summary.setObjectName("riskSummary")
        summary = QHBoxLayout(self.risk_summary)
        summary.setContentsMargins(0, 0, 0, 0)
        summary.setSpacing(4)
        self._risk_labels: list[tuple[QLabel, QLabel]] = []
        for _ in range(3):
            icon_label, text_label = QLabel(self.risk_summary), QLabel(self.risk_summary)
            summary.addWidget(icon_label)
            summary.addWidget(text_label)
            summary.addSpacing(14)
            self._risk_labels.append((icon_label, text_label))

        self.model = CaseTableModel(ctx, self.style(), self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setObjectName("caseTable")
        self.view.setAccessibleName(self.tr("Case worklist"))
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSortIndicator(8, Qt.SortOrder.AscendingOrder)
        widths = [104, 88, 84, 70, 100, 132, 80, 92, 92, 92, 128]
        # a new case code ("C261201-001 ⚑", bold when urgent) fits its column in any font
        bold = QFont(self.view.font())
        bold.setBold(True)
        widths[1] = max(widths[1], QFontMetrics(bold).horizontalAdvance("C000000-000 ⚑") + 24)
        # the product's own words fit their columns in the interface language ("Te laat
        # gepland" with its icon, "Aanhouden (voorstel)"), never cut to "Te laat ge…"
        metrics = QFontMetrics(self.view.font())
        words = {
            0: [risk_label(r) for r in cs.RISKS],
            5: [
                QCoreApplication.translate("CaseTableModel", "{0} (proposed)").format(
                    level_label(lv)
                )
                for lv in ("hold", *contract.ECHELONS)
            ],
            6: [status_label(st) for st in CASE_STATUSES],
        }
        icon = self.view.iconSize().width() if self.view.iconSize().isValid() else 16
        for col, texts in words.items():
            need = max(metrics.horizontalAdvance(t) for t in texts) + 16 + (icon + 8) * (col == 0)
            widths[col] = max(widths[col], need)
        for col, width in enumerate(widths):
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        for box in (self.status_box, self.group_box, self.hospital_box, self.level_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            # 11 characters: the filter row fits a 1400-pixel screen in Dutch too
            box.setMinimumContentsLength(11)
            box.setMaximumWidth(240)
        self.empty_label = QLabel(self.view.viewport())
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); font-size: 13pt;")
        self.empty_label.hide()
        self.view.viewport().installEventFilter(self)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_box)
        filters.addWidget(self.group_box)
        filters.addWidget(self.hospital_box)
        filters.addWidget(self.level_box)
        filters.addWidget(self.due_box)
        filters.addWidget(self.review_box)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Cases"), self)
        heading.setObjectName("heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(24)
        top.addWidget(self.risk_summary)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

        self.setTabOrder(self.search, self.status_box)
        self.setTabOrder(self.status_box, self.group_box)
        self.setTabOrder(self.group_box, self.hospital_box)
        self.setTabOrder(self.hospital_box, self.level_box)
        self.setTabOrder(self.level_box, self.due_box)
        self.setTabOrder(self.due_box, self.review_box)
        self.setTabOrder(self.review_box, self.view)

        # Ctrl+F belongs to the main window's Edit → Find case (which calls focus_search):
        # a second Find shortcut here would make Qt call both ambiguous and fire neither.
        self.open_action = QAction(self.tr("Open case"), self)
        self.open_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.open_current)
        self.view.addAction(self.open_action)

        self.search.textChanged.connect(self.apply_filters)
        for box in (self.status_box, self.group_box, self.hospital_box, self.level_box):
            box.currentIndexChanged.connect(self.apply_filters)
        self.due_box.valueChanged.connect(self.apply_filters)
        self.review_box.toggled.connect(self.apply_filters)
        self.view.doubleClicked.connect(self._open_index)
        self.view.verticalScrollBar().valueChanged.connect(self._prefetch_visible)
        self.copy_action = QAction(self.tr("Copy case and patient reference"), self)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_current)
        self.view.addAction(self.copy_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.new_button.clicked.connect(self.new_case)
        ctx.dataChanged.connect(self._on_data_changed)
        # a typed search is audited once the typing stops (which patients it showed), not
        # on every keystroke
        self._search_audit = QTimer(self)
        self._search_audit.setSingleShot(True)
        self._search_audit.setInterval(self.SEARCH_AUDIT_MS)
        self._search_audit.timeout.connect(self._audit_search)
        self.search.textChanged.connect(self._search_audit.start)
        self._audited: tuple[str, frozenset[int]] | None = None
        self._pending_refresh = QTimer(self)
        self._pending_refresh.setSingleShot(True)
        self._pending_refresh.setInterval(0)
        self._pending_refresh.timeout.connect(self.refresh)
        if ctx.has_db:
            self.refresh()

    # ------------------------------------------------------------------ loading
    @Slot()
    def _database_changed(self) -> None:
        if not self.ctx.has_db:
            self.refresh()
        super()._database_changed()

    def reload(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Reload filters' choices, the ids and the current filter from the database (read
        in a worker; shown by :meth:`_worklist_read`)."""
        if not self.ctx.has_db:
            self.model.clear()
            return
        selected = self.current_case_id()
        order = self.model.order
        structured = dataclasses.replace(self.current_filters(), text="")
        self.query(
            _read_worklist,
            *order,
            structured,
            self.ctx.user,
            then=lambda worklist: self._worklist_read(worklist, selected, order, structured),
            key="worklist",
        )

    def _worklist_read(
        self,
        worklist: _Worklist,
        selected: int | None,
        order: tuple[str, bool],
        structured: cs.CaseFilters,
    ) -> None:
        self._ref = worklist.ref
        self._fill_choice(
            self.group_box,
            self.tr("All tumour groups"),
            [(f"{g.code} — {g.name}", g.id) for g in self._ref.tumour_groups],
        )
        self._fill_choice(
            self.hospital_box,
            self.tr("All hospitals"),
            [(f"{h.code} — {h.name}", h.id) for h in self._ref.hospitals],
        )
        self.model.set_ids(worklist.ids, worklist.rows, worklist.today)
        if self.model.order != order:
            self.model.resort()  # the user sorted while the read was on its way
        self._index = worklist.index
        self._show_risk_summary(worklist.counts)
        self._structured_key = None
        self._asked_key = None
        if structured == dataclasses.replace(self.current_filters(), text=""):
            # the read brought the current structured filter's answer along
            self._structured_key = structured
            self._structured = worklist.filtered
        self._reselect = selected
        self._loaded = True
        self.apply_filters()

    def _fill_choice(self, box: QComboBox, any_text: str, items: list[tuple[str, int]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(any_text, None)
        for text, value in items:
            box.addItem(text, value)
        i = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(i, 0))
        box.blockSignals(False)

    def _show_risk_summary(self, counts: dict[str, int]) -> None:
        """Headline of what needs action, each risk with its icon and word (not colour only)."""
        size = self.fontMetrics().height()
        items = (
            (cs.RISK_OVERDUE, self.tr("%n overdue", "", counts[cs.RISK_OVERDUE])),
            (cs.RISK_AT_RISK, self.tr("%n at risk", "", counts[cs.RISK_AT_RISK])),
            (cs.RISK_LATE, self.tr("%n planned late", "", counts[cs.RISK_LATE])),
        )
        for (risk, text), (icon_label, text_label) in zip(items, self._risk_labels, strict=True):
            visible = counts[risk] > 0
            icon_label.setPixmap(risk_icon(risk, self.style()).pixmap(size, size))
            text_label.setText(text)
            icon_label.setVisible(visible)
            text_label.setVisible(visible)
        shown = [text for risk, text in items if counts[risk]]
        self.risk_summary.setAccessibleName(", ".join(shown) or self.tr("No deadline at risk"))
        self.risk_summary.setToolTip(self.tr("Open cases by deadline risk"))

    @Slot(str)
    def _on_data_changed(self, entity: str) -> None:
        if entity in ("cases", "plan", "network") and self.ctx.has_db:
            self._pending_refresh.start()

    # ------------------------------------------------------------------ filtering
    def current_filters(self) -> cs.CaseFilters:
        status = self.status_box.currentData()
        statuses = cs.OPEN_STATUSES if status == "open" else () if status == "all" else (status,)
        return cs.CaseFilters(
            text=self.search.text(),
            statuses=statuses,
            tumour_group_id=self.group_box.currentData(),
            hospital_id=self.hospital_box.currentData(),
            level=self.level_box.currentData(),
            due_within_days=self.due_box.value() or None,
            needs_review=self.review_box.isChecked(),
        )

    @Slot()
    def apply_filters(self) -> None:
        """Structured filters go to SQL (on change only, in a worker); the search text is
        matched in memory against the search index on every keystroke."""
        if not self.ctx.has_db or not self._loaded:
            return
        structured = dataclasses.replace(self.current_filters(), text="")
        if structured == self._structured_key:
            self._show_filtered()
        elif structured == cs.CaseFilters(statuses=()):
            self._structured_read(structured, None)
        elif structured != self._asked_key:
            self._asked_key = structured
            self.query(
                cs.list_case_ids,
                structured,
                user=self.ctx.user,
                then=lambda ids: self._structured_read(structured, frozenset(ids)),
                key="filter",
            )

    def _structured_read(self, key: cs.CaseFilters, ids: frozenset[int] | None) -> None:
        if key != dataclasses.replace(self.current_filters(), text=""):
            return  # the filters changed meanwhile: their own answer follows (or was shown)
        self._structured_key = key
        self._asked_key = None
        self._structured = ids
        self._show_filtered()

    def _show_filtered(self) -> None:
        f = self.current_filters()
        accepted = self._structured
        if f.text.strip() and self._index is not None:
            matches = cs.match_text(self._index, f.text)
            accepted = matches if accepted is None else accepted & matches
        self.proxy.set_accepted(accepted)
        self._prefetch_visible()
        shown = self.proxy.rowCount()
        total = self.model.rowCount()
        self.count_label.setText(
            self.tr("%n case(s) shown", "", shown)
            + (self.tr(" of {0}").format(total) if shown != total else "")
        )
        self._show_empty_hint(shown, total)
        if self._reselect is not None:
            self.select_case(self._reselect)
            self._reselect = None
        self.filtered.emit(shown)

    def _show_empty_hint(self, shown: int, total: int) -> None:
        if shown:
            self.empty_label.hide()
            return
        if total == 0:
            self.empty_label.setText(
                self.tr(
                    "No cases yet.\nRegister one with New case (Ctrl+N), or import a scenario "
                    "with File → Import scenario."
                )
            )
        else:
            self.empty_label.setText(self.tr("No case matches the search and the filters."))
        self.empty_label.setGeometry(self.view.viewport().rect())
        self.empty_label.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.view.viewport().rect())
        return super().eventFilter(watched, event)

    @Slot()
    def _prefetch_visible(self, *_args: Any) -> None:
        """After filtering, the visible rows are scattered over the source: fetch exactly
        those (plus a screenful ahead) in one query instead of one block per source region."""
        first = max(0, self.view.rowAt(0))
        per_page = max(
            40,
            self.view.viewport().height() // max(1, self.view.verticalHeader().defaultSectionSize())
            + 1,
        )
        last = min(self.proxy.rowCount(), first + 2 * per_page)
        ids = [self.proxy.index(r, 0).data(CaseTableModel.IdRole) for r in range(first, last)]
        self.model.prefetch([i for i in ids if i is not None])

    # ------------------------------------------------------------------ actions
    @Slot()
    @Slot()
    def _audit_search(self) -> None:
        text = self.search.text().strip()
        if not text or not self.ctx.has_db or self._index is None:
            return
        found = cs.match_text(self._index, text)
        if self._structured is not None:
            found = found & self._structured
        key = (text, frozenset(found))
        if key == self._audited:
            return
        self._audited = key
        self.mutate(cs.audit_typed_search, text, sorted(found), user=self.ctx.user)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_case_id(self) -> int | None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return None
        value = idx.data(CaseTableModel.IdRole)
        return int(value) if value is not None else None

    def select_case(self, case_id: int) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        idx = self.proxy.mapFromSource(self.model.index(row, 1))
        if not idx.isValid():
            return False
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        return True

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        value = index.data(CaseTableModel.IdRole)
        if value is not None:
            self.ctx.caseRequested.emit(int(value))

    @Slot()
    def open_current(self) -> None:
        case_id = self.current_case_id()
        if case_id is not None:
            self.ctx.caseRequested.emit(case_id)

    @Slot()
    def copy_current(self) -> None:
        """Case code and patient reference (never the BSN) for a mail or a phone note."""
        idx = self.view.currentIndex()
        if not idx.isValid():
            return
        code = self.proxy.index(idx.row(), 1).data().rstrip(" ⚑")
        patient = self.proxy.index(idx.row(), 2).data()
        QGuiApplication.clipboard().setText(f"{code}\t{patient}")

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        idx = self.view.indexAt(pos)
        if not idx.isValid():
            return
        self.view.setCurrentIndex(idx)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.new_button.text(), self.new_case)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    @Slot()
    def new_case(self) -> None:
        self.ctx.caseRequested.emit(0)
