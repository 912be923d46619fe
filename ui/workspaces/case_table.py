"""The worklist's table: the case model that fetches rows in blocks, the filter proxy, and
and the icons of deadline risk; the words of statuses, levels and risk are in
:mod:`ui.workspaces.words` with every other data word.

Split out of :mod:`ui.workspaces.cases` (which re-exports these names). A network can hold
>10,000 open cases, so the model stores case ids only and fetches rows in blocks the moment
the view paints them (Anki's browser does the same) — in a worker, the row painting when it
arrives, so the GUI thread never waits on the database. The proxy keeps a set of accepted ids
and answers ``filterAcceptsRow`` with a set lookup; sorting is forwarded to the model, which
asks the service for the ids in the new order instead of comparing rows in Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
)
from PySide6.QtWidgets import (
    QStyle,
)

from mdo_planner.services import cases_service as cs
from ui.context import AppContext
from ui.workspaces._support import DATE_FORMAT, alive, date_text  # noqa: F401 (date style)

# the words of statuses, levels and risk live with the other data words (re-exported here)
from ui.workspaces.words import (  # noqa: F401
    CASE_STATUSES,
    level_label,
    risk_label,
    status_label,
)

Index = QModelIndex | QPersistentModelIndex

#: Rows fetched per database round trip when the view scrolls.
BLOCK_SIZE = 200


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

    COLUMNS: tuple[tuple[str, Any], ...] = (
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
        # rows asked for and not delivered yet; a generation drops what an older load asked
        self._pending: set[int] = set()
        self._generation = 0
        self._sort_serial = 0
        #: ids arrived from a worklist read: before that a sort only records the order (the
        #: read that follows asks for the ids in it)
        self._has_ids = False

    # -- loading
    @property
    def order(self) -> tuple[str, bool]:
        """The service ordering (column key, descending) the ids are in."""
        return self._order

    def set_ids(self, ids: list[int], rows: list[cs.CaseRow], today: dt.date) -> None:
        """Show ``ids`` (read in a worker, in the current order) with the ``rows`` already
        fetched; the cached rows of the previous load are dropped."""
        self.beginResetModel()
        self._generation += 1
        self._pending.clear()
        self._ids = ids
        self._rows = {r.id: r for r in rows}
        self.today = today
        self._has_ids = True
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._generation += 1
        self._pending.clear()
        self._ids = []
        self._rows.clear()
        self._has_ids = False
        self.endResetModel()

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def case_row(self, row: int) -> cs.CaseRow | None:
        """The row if fetched; otherwise its block is fetched in a worker (the row paints
        when it arrives) and ``None`` is returned meanwhile."""
        case_id = self._ids[row]
        cached = self._rows.get(case_id)
        if cached is None and case_id not in self._pending:
            # a row on its way (a keystroke's prefetch) paints when it arrives: fetching
            # its block too would read 200 rows per block the scattered matches touch
            self._fetch_block(row)
        return cached

    def prefetch(self, ids: list[int]) -> None:
        """Fetch the rows of ``ids`` not cached yet, in one query (the rows about to show)."""
        self._fetch([i for i in ids if i not in self._rows])

    def _fetch_block(self, row: int) -> None:
        start = (row // BLOCK_SIZE) * BLOCK_SIZE
        self._fetch([i for i in self._ids[start : start + BLOCK_SIZE] if i not in self._rows])

    def _fetch(self, ids: list[int]) -> None:
        missing = [i for i in ids if i not in self._pending]
        if not missing:
            return
        self._pending.update(missing)
        generation = self._generation
        self._ctx.query(
            cs.case_rows,
            missing,
            today=self.today,
            on_success=lambda rows: self._fetched(generation, rows),
        )

    @alive
    def _fetched(self, generation: int, rows: list[cs.CaseRow]) -> None:
        if generation != self._generation:
            return
        position = {case_id: row for row, case_id in enumerate(self._ids)}
        changed = []
        for r in rows:
            self._rows[r.id] = r
            self._pending.discard(r.id)
            if r.id in position:
                changed.append(position[r.id])
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), 0), self.index(max(changed), len(self.COLUMNS) - 1)
            )

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
        wanted = (self.COLUMNS[column][0], order == Qt.SortOrder.DescendingOrder)
        if wanted == self._order and self._has_ids:
            # the ids are in this order or a read of it is on its way: Qt asks twice for
            # one header click (the sort indicator, then the view)
            return
        self._order = wanted
        # while the view is set up (no ids yet) the worklist read asks for this order (and
        # asks again when the order changed while it was on its way)
        if self._has_ids:
            self.resort()

    def resort(self) -> None:
        """Ask a worker for the ids in the current order (and the first block's rows)."""
        key, desc = self._order
        self._sort_serial += 1
        serial = self._sort_serial
        generation = self._generation
        self._ctx.query(
            _sorted_read,
            key,
            desc,
            frozenset(self._rows),
            self.today,
            on_success=lambda found: self._sorted(serial, generation, *found),
        )

    @alive
    def _sorted(self, serial: int, generation: int, ids: list[int], rows: list[cs.CaseRow]) -> None:
        """The ids in the new order arrived (with the rows of its first block that were not
        cached): move the rows (and persistent indexes) there."""
        if serial != self._sort_serial:
            return
        if generation == self._generation:
            self._rows.update((r.id, r) for r in rows)
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


def _sorted_read(
    db: Any, key: str, descending: bool, cached: frozenset[int], today: dt.date
) -> tuple[list[int], list[cs.CaseRow]]:
    """A sort's worker read: the ids in the new order and the uncached rows of its first
    block, so that the view repaints the top of the list without a second round trip."""
    ids = cs.list_case_ids(db, order_by=key, descending=descending)
    top = [i for i in ids[:BLOCK_SIZE] if i not in cached]
    return ids, cs.case_rows(db, top, today=today) if top else []


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
        source = self._source
        return source._ids if source is not None else []

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        src = self.sourceModel()
        if src is not None:
            src.sort(column, order)
