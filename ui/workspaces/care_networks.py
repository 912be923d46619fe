"""Oncology care networks in Network setup (issue 15): the networks with a live NVPO check,
their organisations and professionals, and the referrals with the dialog that registers one.

The criterion is checked as the secretary ticks professionals, before anything is saved, so a
network in formation sees at once what it still lacks ("no dietitian"). The referral dialog
shows where the referral will go and why while it is typed, from the networks loaded when the
dialog opened (no database work in the GUI thread); registering goes through the writer.

The referrals tab lives in ``care_referrals`` and the shared words in ``care_words``; both are
re-exported here, where the rest of the interface imports them from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mdo_planner import care
from mdo_planner.services import care_service as cs
from ui.workspaces._support import (
    Column,
    MessageBar,
    RowTableModel,
    alive,
    invoke,
    make_table,
)
from ui.workspaces.care_referrals import ReferralDialog, ReferralsPanel
from ui.workspaces.care_words import (
    _checkable,
    _checked,
    _load_setup,
    complaint_word,
    criterion_text,
    echelon_or_consultation,
    kind_word,
    referral_word,
    routing_text,
    source_word,
)

# --------------------------------------------------------------------------- care networks


class CareNetworksPanel(QWidget):
    """The care networks of the database, a form per network with the live NVPO check."""

    loaded = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("careNetworksPanel")
        self._data: dict[str, Any] = {}
        self._current: cs.CareNetworkRow | None = None
        self._select_code: str | None = None
        # the tasks stay referenced while they run (as the other panels do)
        self._tasks: list[Any] = []
        self.message = MessageBar(self)
        self.model = RowTableModel(
            [
                Column(self.tr("Code"), lambda r: r.code),
                Column(self.tr("Care network"), lambda r: r.name),
                Column(self.tr("Region"), lambda r: ", ".join(r.region)),
                Column(self.tr("Professionals"), lambda r: len(r.professionals), align_right=True),
                Column(self.tr("NVPO criterion"), lambda r: criterion_text(r.criterion)),
            ],
            self,
        )
        self.view = make_table(self.model, "careNetworkTable")
        self.view.setAccessibleName(self.tr("Care networks"))
        self.view.selectionModel().currentRowChanged.connect(self._selected)

        form_box = QGroupBox(self.tr("Care network"))
        grid = QGridLayout(form_box)
        left = QFormLayout()
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.network = QComboBox()
        self.region = QLineEdit()
        self.region.setPlaceholderText(
            self.tr("postcode areas or municipalities: 5611, 5600-5658, Eindhoven")
        )
        self.contact_name = QLineEdit()
        self.contact_email = QLineEdit()
        self.contact_phone = QLineEdit()
        w: QWidget  # the loops below walk fields of different kinds
        for label, w in (
            (self.tr("Code"), self.code),
            (self.tr("Name"), self.name),
            (self.tr("Oncology network"), self.network),
            (self.tr("Region"), self.region),
            (self.tr("Contact person"), self.contact_name),
            (self.tr("E-mail"), self.contact_email),
            (self.tr("Telephone"), self.contact_phone),
        ):
            left.addRow(label, w)
            w.setAccessibleName(label)
        self.criterion = QLabel()
        self.criterion.setObjectName("criterionLabel")
        self.criterion.setWordWrap(True)
        left.addRow(self.tr("NVPO check"), self.criterion)
        grid.addLayout(left, 0, 0)

        self.professionals = QListWidget()
        self.professionals.setObjectName("professionalList")
        self.professionals.setAccessibleName(self.tr("Professionals"))
        self.professionals.itemChanged.connect(self._update_criterion)
        self.organisations = QListWidget()
        self.organisations.setAccessibleName(self.tr("Member organisations"))
        self.core = QListWidget()
        self.core.setAccessibleName(self.tr("Core disciplines of the consultations"))
        self.agreements = QListWidget()
        self.agreements.setAccessibleName(self.tr("Agreements with hospitals"))
        self.rules = QTableWidget(len(care.COMPLAINTS), 2)
        self.rules.setObjectName("rulesTable")
        self.rules.setHorizontalHeaderLabels([self.tr("Complaint"), self.tr("Disciplines needed")])
        self.rules.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rules.verticalHeader().hide()
        for row, complaint in enumerate(care.COMPLAINTS):
            item = QTableWidgetItem(complaint_word(complaint))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.UserRole, complaint)
            self.rules.setItem(row, 0, item)
            self.rules.setItem(row, 1, QTableWidgetItem(""))
        for col, (title, w) in enumerate(
            (
                (self.tr("Professionals"), self.professionals),
                (self.tr("Member organisations"), self.organisations),
            )
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(w)
            grid.addLayout(box, 0, 1 + col)
        for col, (title, w) in enumerate(
            (
                (self.tr("Core disciplines of the consultations"), self.core),
                (self.tr("Agreements with hospitals"), self.agreements),
                (self.tr("Rules: complaints to disciplines"), self.rules),
            )
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(w)
            grid.addLayout(box, 1, col)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New care network"))
        self.new_button.clicked.connect(self._new)
        self.save_button = QPushButton(self.tr("&Save care network"))
        self.save_button.setObjectName("saveCareNetwork")
        self.save_button.clicked.connect(self._save)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        grid.addLayout(buttons, 2, 0, 1, 3)

        add_box = QGroupBox(self.tr("Add an organisation or a professional"))
        add = QFormLayout(add_box)
        self.o_code, self.o_name = QLineEdit(), QLineEdit()
        self.o_kind = QComboBox()
        for kind in care.ORGANISATION_KINDS:
            self.o_kind.addItem(kind_word(kind), kind)
        self.o_postcode, self.o_town = QLineEdit(), QLineEdit()
        self.add_org_button = QPushButton(self.tr("Add &organisation"))
        self.add_org_button.clicked.connect(self._add_organisation)
        org_row = QHBoxLayout()
        for w, tip in (
            (self.o_code, self.tr("Code")),
            (self.o_name, self.tr("Name")),
            (self.o_kind, self.tr("Kind")),
            (self.o_postcode, self.tr("Postcode")),
            (self.o_town, self.tr("Municipality")),
        ):
            w.setAccessibleName(tip)
            if isinstance(w, QLineEdit):
                w.setPlaceholderText(tip)
            org_row.addWidget(w)
        org_row.addWidget(self.add_org_button)
        add.addRow(self.tr("Organisation"), org_row)
        self.p_code, self.p_name = QLineEdit(), QLineEdit()
        self.p_discipline, self.p_org = QComboBox(), QComboBox()
        self.p_limit = QSpinBox()
        self.p_limit.setRange(0, 20)
        self.p_limit.setSpecialValueText(self.tr("no limit"))
        self.p_org.setMinimumContentsLength(22)
        self.p_discipline.setMinimumContentsLength(14)
        for w in (self.o_code, self.p_code):
            w.setMaximumWidth(110)
        self.add_pro_button = QPushButton(self.tr("Add &professional"))
        self.add_pro_button.clicked.connect(self._add_professional)
        pro_row = QHBoxLayout()
        for w, tip in (
            (self.p_code, self.tr("Code")),
            (self.p_name, self.tr("Name")),
            (self.p_discipline, self.tr("Discipline")),
            (self.p_org, self.tr("Organisation")),
            (self.p_limit, self.tr("Consultations per week")),
        ):
            w.setAccessibleName(tip)
            if isinstance(w, QLineEdit):
                w.setPlaceholderText(tip)
            pro_row.addWidget(w)
        pro_row.addWidget(self.add_pro_button)
        add.addRow(self.tr("Professional"), pro_row)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(form_box)
        inner_layout.addWidget(add_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------------ loading
    @Slot()
    def refresh(self) -> None:
        if not self.ctx.has_db:
            return
        self._tasks.append(
            self.ctx.run_task(
                invoke,
                _load_setup,
                (self.ctx.db,),
                {},
                on_success=self._loaded,
                on_failure=self._failed,
            )
        )

    @alive
    def _loaded(self, data: dict[str, Any]) -> None:
        self._data = data
        current = self._select_code or (self._current.code if self._current else None)
        self._select_code = None
        self.model.set_rows(data["networks"])
        self.network.clear()
        for n in data["oncology_networks"]:
            self.network.addItem(f"{n.code} — {n.name}", n.code)
        self.p_discipline.clear()
        roles = {c: r for c, _n, r in care.CARE_DISCIPLINES}
        for code, name in data["disciplines"]:
            if code in roles:
                self.p_discipline.addItem(f"{name} ({code})", code)
        self.p_org.clear()
        for o in data["organisations"]:
            self.p_org.addItem(f"{o.name} — {kind_word(o.kind)}", o.code)
        rows = data["networks"]
        index = next((i for i, r in enumerate(rows) if r.code == current), 0 if rows else None)
        if index is not None:
            self.view.selectRow(index)
            self._show(rows[index])
        else:
            self._show(None)
        self.loaded.emit()

    @alive
    def _failed(self, failure: Any) -> None:
        self.message.show_message(str(failure), "error")

    @Slot()
    def _selected(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            self._show(self.model.row_at(current.row()))

    def _show(self, row: cs.CareNetworkRow | None) -> None:
        self._current = row
        self.code.setText(row.code if row else "")
        self.code.setReadOnly(row is not None)
        self.name.setText(row.name if row else "")
        if row:
            self.network.setCurrentIndex(max(0, self.network.findData(row.network)))
        self.region.setText(", ".join(row.region) if row else "")
        self.contact_name.setText(row.contact_name if row else "")
        self.contact_email.setText((row.contact_email or "") if row else "")
        self.contact_phone.setText((row.contact_phone or "") if row else "")
        pros = sorted(
            self._data.get("professionals", []), key=lambda p: (p.discipline_name, p.name)
        )
        members = {p.code for p in row.professionals} if row else set()
        listed = {p.code for p in pros}
        extra = [p for p in (row.professionals if row else ()) if p.code not in listed]
        _checkable(
            self.professionals,
            [(f"{p.discipline_name}: {p.name}", p.code) for p in [*pros, *extra]],
            members,
        )
        for i, p in enumerate([*pros, *extra]):  # the organisation on hover
            self.professionals.item(i).setToolTip(p.organisation_name)
        self._professional_facts = {p.code: p for p in [*pros, *extra]}
        orgs = self._data.get("organisations", [])
        _checkable(
            self.organisations,
            [(f"{o.name} — {kind_word(o.kind)}", o.code) for o in orgs if o.kind != "hospital"],
            set(row.organisations) if row else set(),
        )
        _checkable(
            self.agreements,
            [(o.name, o.code) for o in orgs if o.kind in ("hospital", "rehabilitation_centre")],
            {h for h, _note in row.agreements} if row else set(),
        )
        self._notes = dict(row.agreements) if row else {}
        names = dict(self._data.get("disciplines", []))
        _checkable(
            self.core,
            [(f"{names.get(c, n)} ({c})", c) for c, n, _r in care.CARE_DISCIPLINES],
            set(row.core_disciplines) if row else {"PHYSIO", "PSYCH", "DIET"},
        )
        rules = row.rules if row else care.DEFAULT_RULES
        for r, complaint in enumerate(care.COMPLAINTS):
            self._rule_cell(r, 1).setText(", ".join(rules.get(complaint, [])))
        self._update_criterion()

    @Slot()
    def _update_criterion(self, *_args: Any) -> None:
        facts = getattr(self, "_professional_facts", {})
        chosen = [facts[c] for c in _checked(self.professionals) if c in facts]
        criterion = cs.criterion_of(chosen)
        color = "#1b7f3b" if criterion.meets else "#b3261e"
        mark = "✔" if criterion.meets else "✘"
        self.criterion.setText(
            f'<span style="color:{color}"><b>{mark} {criterion_text(criterion)}</b></span>'
        )
        self.criterion.setToolTip(", ".join(criterion.disciplines))

    def criterion_verdict(self) -> str:
        """The live verdict as plain text (for tests and the accessible description)."""
        facts = getattr(self, "_professional_facts", {})
        chosen = [facts[c] for c in _checked(self.professionals) if c in facts]
        return criterion_text(cs.criterion_of(chosen))

    # ------------------------------------------------------------------ actions
    @Slot()
    def _new(self) -> None:
        self.view.clearSelection()
        self._show(None)

    def _rule_cell(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the routing rules table (every cell is filled when the table is built)."""
        item = self.rules.item(row, column)
        if item is None:
            item = QTableWidgetItem("")
            self.rules.setItem(row, column, item)
        return item

    def _input(self) -> cs.CareNetworkInput:
        rules = {}
        for r in range(self.rules.rowCount()):
            complaint = self._rule_cell(r, 0).data(Qt.ItemDataRole.UserRole)
            codes = [
                c.strip().upper() for c in self._rule_cell(r, 1).text().split(",") if c.strip()
            ]
            rules[complaint] = codes
        return cs.CareNetworkInput(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            network=self.network.currentData() or "",
            region=[x.strip() for x in self.region.text().split(",") if x.strip()],
            contact_name=self.contact_name.text(),
            contact_email=self.contact_email.text(),
            contact_phone=self.contact_phone.text(),
            organisations=_checked(self.organisations),
            professionals=_checked(self.professionals),
            agreements=[(h, self._notes.get(h, "")) for h in _checked(self.agreements)],
            core_disciplines=_checked(self.core),
            rules=rules,
        )

    @Slot()
    def _save(self) -> None:
        row = self._current
        self.save_button.setEnabled(False)
        self._tasks.append(
            self.ctx.run_task(
                invoke,
                cs.save_care_network,
                (self.ctx.db, self._input(), row.id if row else None),
                {"user": self.ctx.user, "expected_version": row.version if row else None},
                writes=True,
                on_success=self._saved,
                on_failure=self._save_failed,
                description=self.tr("Saving the care network…"),
            )
        )

    @alive
    def _saved(self, _id: int) -> None:
        self.save_button.setEnabled(True)
        self._select_code = self.code.text().strip()
        self.message.show_message(
            self.tr("Care network {name} saved.").format(name=self.name.text().strip())
        )
        self.ctx.notify("network")
        self.refresh()

    @alive
    def _save_failed(self, failure: Any) -> None:
        self.save_button.setEnabled(True)
        self.message.show_message(str(failure), "error")

    @Slot()
    def _add_organisation(self) -> None:
        network = self.network.currentData() or next(
            (n.code for n in self._data.get("oncology_networks", [])), ""
        )
        self._tasks.append(
            self.ctx.run_task(
                invoke,
                cs.add_organisation,
                (
                    self.ctx.db,
                    self.o_code.text(),
                    self.o_name.text(),
                    self.o_kind.currentData(),
                    network,
                    self.o_postcode.text() or None,
                    self.o_town.text() or None,
                ),
                {"user": self.ctx.user},
                writes=True,
                on_success=self._added,
                on_failure=self._save_failed,
                description=self.tr("Adding the organisation…"),
            )
        )

    @Slot()
    def _add_professional(self) -> None:
        limit = self.p_limit.value() or None
        self._tasks.append(
            self.ctx.run_task(
                invoke,
                cs.add_professional,
                (
                    self.ctx.db,
                    self.p_code.text().strip(),
                    self.p_name.text().strip(),
                    self.p_discipline.currentData() or "",
                    self.p_org.currentData() or "",
                    limit,
                ),
                {"user": self.ctx.user},
                writes=True,
                on_success=self._added,
                on_failure=self._save_failed,
                description=self.tr("Adding the professional…"),
            )
        )

    @alive
    def _added(self, _id: int) -> None:
        for w in (self.o_code, self.o_name, self.o_postcode, self.o_town, self.p_code, self.p_name):
            w.clear()
        self.message.show_message(self.tr("Added."))
        self.ctx.notify("network")
        self.refresh()


__all__ = [
    "CareNetworksPanel",
    "ReferralDialog",
    "ReferralsPanel",
    "complaint_word",
    "criterion_text",
    "echelon_or_consultation",
    "kind_word",
    "referral_word",
    "routing_text",
    "source_word",
]
