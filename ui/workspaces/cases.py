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
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
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
from ui.workspaces._support import DATE_FORMAT, date_text, invoke  # noqa: F401 (date style)

Index = QModelIndex | QPersistentModelIndex

#: Rows fetched per database round trip when the view scrolls.
BLOCK_SIZE = 200


#: Every case status in its life-cycle order, with its word (the worklist's own table, so
#: that this module needs no database model; a test holds it equal to the models' list).
_STATUS_WORDS: dict[str, str] = {
    "new": QT_TRANSLATE_NOOP("CaseLabels", "New"),
    "hold": QT_TRANSLATE_NOOP("CaseLabels", "On hold"),
    "ready": QT_TRANSLATE_NOOP("CaseLabels", "Ready"),
    "planned": QT_TRANSLATE_NOOP("CaseLabels", "Planned"),
    "discussed": QT_TRANSLATE_NOOP("CaseLabels", "Discussed"),
    "deferred": QT_TRANSLATE_NOOP("CaseLabels", "Deferred"),
    "not_discussed": QT_TRANSLATE_NOOP("CaseLabels", "Not discussed"),
    "withdrawn": QT_TRANSLATE_NOOP("CaseLabels", "Withdrawn"),
}
CASE_STATUSES: tuple[str, ...] = tuple(_STATUS_WORDS)


def status_label(status: str) -> str:
    word = _STATUS_WORDS.get(status)
    return QCoreApplication.translate("CaseLabels", word) if word is not None else status


def level_label(level: str | None) -> str:
    if not level:
        return QCoreApplication.translate("CaseLabels", "not triaged")
    return {
        "hold": QCoreApplication.translate("CaseLabels", "Hold"),
        "protocol": QCoreApplication.translate("CaseLabels", "Protocol (noting)"),
        "local": QCoreApplication.translate("CaseLabels", "Local"),
        "regional": QCoreApplication.translate("CaseLabels", "Regional"),
        "supraregional": QCoreApplication.translate("CaseLabels", "Supra-regional"),
    }.get(level, level)


def risk_label(risk: str) -> str:
    return {
        cs.RISK_OVERDUE: QCoreApplication.translate("CaseLabels", "Overdue"),
        cs.RISK_LATE: QCoreApplication.translate("CaseLabels", "Planned late"),
        cs.RISK_AT_RISK: QCoreApplication.translate("CaseLabels", "At risk"),
        cs.RISK_OK: QCoreApplication.translate("CaseLabels", "On track"),
        cs.RISK_CLOSED: QCoreApplication.translate("CaseLabels", "Closed"),
    }.get(risk, risk)


#: Risk colours are translucent so they read on light and dark palettes alike; the icon
#: and the text carry the same information for colour-blind users.
_RISK_COLOURS = {
    cs.RISK_OVERDUE: QColor(220, 50, 47, 70),
    cs.RISK_LATE: QColor(230, 120, 20, 70),
    cs.RISK_AT_RISK: QColor(240, 190, 30, 70),
}


def risk_icon(risk: str, style: QStyle) -> QIcon:
    sp = QStyle.StandardPixmap
    return {
        cs.RISK_OVERDUE: style.standardIcon(sp.SP_MessageBoxCritical),
        cs.RISK_LATE: style.standardIcon(sp.SP_MessageBoxWarning),
        cs.RISK_AT_RISK: style.standardIcon(sp.SP_MessageBoxWarning),
        cs.RISK_OK: style.standardIcon(sp.SP_DialogApplyButton),
    }.get(risk, QIcon())


def _qdate(d: dt.date | None) -> str:
    return date_text(d)


class CaseTableModel(QAbstractTableModel):
    """Case ids in service order; row data fetched lazily in blocks of :data:`BLOCK_SIZE`."""

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("risk", QT_TRANSLATE_NOOP("CaseTableModel", "Deadline")),
        ("code", QT_TRANSLATE_NOOP("CaseTableModel", "Case")),
        ("patient", QT_TRANSLATE_NOOP("CaseTableModel", "Patient")),
        ("hospital", QT_TRANSLATE_NOOP("CaseTableModel", "Hospital")),
        ("tumour_group", QT_TRANSLATE_NOOP("CaseTableModel", "Tumour group")),
        ("level", QT_TRANSLATE_NOOP("CaseTableModel", "Level")),
        ("status", QT_TRANSLATE_NOOP("CaseTableModel", "Status")),
        ("ready", QT_TRANSLATE_NOOP("CaseTableModel", "Ready")),
        ("due", QT_TRANSLATE_NOOP("CaseTableModel", "Due")),
        ("planned", QT_TRANSLATE_NOOP("CaseTableModel", "Planned")),
        ("physician", QT_TRANSLATE_NOOP("CaseTableModel", "Physician")),
        ("question", QT_TRANSLATE_NOOP("CaseTableModel", "Question")),
    )
    #: Role carrying the case id of a row.
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: AppContext, style: QStyle, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._style = style
        self._ids: list[int] = []
        self._rows: dict[int, cs.CaseRow] = {}
        self._order = ("due", False)
        self._icons: dict[str, QIcon] = {}
        self.today = dt.date.today()

    # -- loading
    def reload(self) -> None:
        """Re-read the ids (all cases, in the current order) and drop cached rows."""
        key, desc = self._order
        ids = cs.list_case_ids(self._ctx.db, order_by=key, descending=desc)
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self.today = dt.date.today()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._ids = []
        self._rows.clear()
        self.endResetModel()

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def case_row(self, row: int) -> cs.CaseRow | None:
        case_id = self._ids[row]
        cached = self._rows.get(case_id)
        if cached is None:
            self._fetch_block(row)
            cached = self._rows.get(case_id)
        return cached

    def prefetch(self, ids: list[int]) -> None:
        """Fetch the rows of ``ids`` not cached yet, in one query (the rows about to show)."""
        missing = [i for i in ids if i not in self._rows]
        if missing:
            for r in cs.case_rows(self._ctx.db, missing, today=self.today):
                self._rows[r.id] = r

    def _fetch_block(self, row: int) -> None:
        start = (row // BLOCK_SIZE) * BLOCK_SIZE
        ids = self._ids[start : start + BLOCK_SIZE]
        for r in cs.case_rows(self._ctx.db, ids, today=self.today):
            self._rows[r.id] = r

    # -- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate("CaseTableModel", self.COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == self.IdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        r = self.case_row(index.row())
        if r is None:
            return None
        key = self.COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(r, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "risk":
            icon = self._icons.get(r.risk)
            if icon is None:
                icon = self._icons[r.risk] = risk_icon(r.risk, self._style)
            return icon
        if role == Qt.ItemDataRole.FontRole:
            if r.urgent and key == "code":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.BackgroundRole and key == "risk":
            colour = _RISK_COLOURS.get(r.risk)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "question":
                return r.question
            if key == "risk":
                return self._risk_tooltip(r)
            if key == "code" and r.urgent:
                return QCoreApplication.translate(
                    "CaseTableModel", "⚑ Urgent: first on its session's agenda"
                )
            if key == "hospital":
                return r.hospital_name
            if key == "tumour_group":
                return r.tumour_group_name
        return None

    def _display(self, r: cs.CaseRow, key: str) -> str:
        if key == "risk":
            return risk_label(r.risk)
        if key == "code":
            return r.code + (" ⚑" if r.urgent else "")
        if key == "patient":
            return r.patient_ref
        if key == "hospital":
            return r.hospital_code
        if key == "tumour_group":
            return r.tumour_group_code
        if key == "level":
            text = level_label(r.level)
            if r.needs_review:
                return QCoreApplication.translate("CaseTableModel", "{0} — review").format(text)
            if r.level and not r.level_confirmed:
                return QCoreApplication.translate("CaseTableModel", "{0} (proposed)").format(text)
            return text
        if key == "status":
            return status_label(r.status)
        if key == "ready":
            return _qdate(r.ready_date)
        if key == "due":
            return _qdate(r.due_date)
        if key == "planned":
            return _qdate(r.session_date)
        if key == "physician":
            return r.physician
        if key == "question":
            return r.question.splitlines()[0] if r.question else ""
        return ""

    def _risk_tooltip(self, r: cs.CaseRow) -> str:
        if r.risk == cs.RISK_OVERDUE:
            days = (self.today - r.due_date).days
            return QCoreApplication.translate(
                "CaseTableModel", "Due {0}: {1} day(s) ago and not planned"
            ).format(_qdate(r.due_date), days)
        if r.risk == cs.RISK_LATE:
            return QCoreApplication.translate(
                "CaseTableModel", "Planned on {0}, after its due date {1}"
            ).format(_qdate(r.session_date), _qdate(r.due_date))
        if r.risk == cs.RISK_AT_RISK:
            return QCoreApplication.translate(
                "CaseTableModel", "Due {0} and not planned yet"
            ).format(_qdate(r.due_date))
        return risk_label(r.risk)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.COLUMNS)):
            return
        self._order = (self.COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        key, desc = self._order
        ids = cs.list_case_ids(self._ctx.db, order_by=key, descending=desc)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if i.row() < len(self._ids) else None for i in old]
        self._ids = ids
        position = {case_id: row for row, case_id in enumerate(ids)}
        new = []
        for idx, case_id in zip(old, old_ids, strict=True):
            row = position.get(case_id) if case_id is not None else None
            new.append(self.index(row, idx.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters by a set of accepted ids computed in SQL; sorting goes to the source model."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._accepted: frozenset[int] | None = None
        self._source: CaseTableModel | None = None
        self.setDynamicSortFilter(False)

    def set_accepted(self, ids: frozenset[int] | None) -> None:
        """``None`` accepts every case."""
        self.beginFilterChange()
        self._accepted = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        # Called once per case on every keystroke: keep it to one list index and one set
        # lookup (no Qt calls).
        accepted = self._accepted
        return accepted is None or self._source_ids[source_row] in accepted

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        self._source = model

    @property
    def _source_ids(self) -> list[int]:
        return self._source._ids

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        src = self.sourceModel()
        if src is not None:
            src.sort(column, order)


class CasesWorkspace(QWidget):
    """Worklist of all cases: search, filters, deadline risk; double-click opens a case."""

    #: Emitted with the number of cases shown after each filter change.
    filtered = Signal(int)
    #: Quiet time after the last keystroke before a typed search is audited.
    SEARCH_AUDIT_MS = 1500

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("cases")
        self.title = self.tr("Cases")
        self._loaded = False
        self._ref: cs.ReferenceData | None = None
        self._index: list[tuple[int, str]] | None = None
        self._structured: frozenset[int] | None = None
        self._structured_key: cs.CaseFilters | None = None

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
        ctx.databaseChanged.connect(self.refresh)
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
    def refresh(self) -> None:
        """Reload filters' choices, the ids and the current filter from the database."""
        if not self.ctx.has_db:
            self.model.clear()
            return
        selected = self.current_case_id()
        self._ref = cs.reference_data(self.ctx.db)
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
        self.model.reload()
        self._index = cs.search_index(self.ctx.db)
        self._show_risk_summary(cs.risk_counts(self.ctx.db, today=self.model.today))
        self._structured_key = None
        self.apply_filters()
        if selected is not None:
            self.select_case(selected)
        self._loaded = True

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
        """Structured filters go to SQL (on change only); the search text is matched in
        memory against the search index on every keystroke."""
        if not self.ctx.has_db:
            return
        f = self.current_filters()
        structured = dataclasses.replace(f, text="")
        if structured != self._structured_key:
            self._structured_key = structured
            if structured == cs.CaseFilters(statuses=()):
                self._structured = None
            else:
                self._structured = frozenset(
                    cs.list_case_ids(self.ctx.db, structured, user=self.ctx.user)
                )
        accepted = self._structured
        if f.text.strip():
            if self._index is None:
                self._index = cs.search_index(self.ctx.db)
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
        self.ctx.run_task(
            invoke,
            cs.audit_typed_search,
            (self.ctx.db, self.ctx.user, text, sorted(found)),
            {},
            writes=True,
        )

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
