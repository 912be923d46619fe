"""Referrals to the oncology care networks (issue 15): the list, and the dialog that registers
one while showing where it will go and why.

The routing is computed from the networks loaded when the dialog opened (no database work in
the GUI thread); registering goes through the writer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
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
    from_qdate,
    invoke,
    make_table,
)
from ui.workspaces.care_words import (
    _checkable,
    _load_setup,
    complaint_word,
    kind_word,
    routing_text,
    source_word,
)

# --------------------------------------------------------------------------- referrals


class ReferralDialog(QDialog):
    """Register a referral: the patient, the complaints, who referred; shows the routing."""

    registered = Signal(object)

    def __init__(self, ctx: Any, setup: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("referralDialog")
        self.setWindowTitle(self.tr("Register a referral"))
        self._networks: list[cs.CareNetworkRow] = setup["networks"]
        self._names = dict(setup["disciplines"])
        self._order: list[str] = []
        # the tasks stay referenced while they run (as the other panels do)
        self._tasks: list[Any] = []
        self.message = MessageBar(self)
        form = QFormLayout()
        self.patient = QLineEdit()
        self.patient_name = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText("1234 AB")
        self.municipality = QLineEdit()
        self.complaints = QListWidget()
        self.complaints.setObjectName("complaintList")
        _checkable(self.complaints, [(complaint_word(c), c) for c in care.COMPLAINTS], set())
        self.complaints.setMaximumHeight(190)
        self.source = QComboBox()
        for s in care.REFERRAL_SOURCES:
            self.source.addItem(source_word(s), s)
        self.source.setCurrentIndex(self.source.findData("gp"))
        self.referred_by = QLineEdit()
        self.organisation = QComboBox()
        for o in setup["organisations"]:
            self.organisation.addItem(f"{o.name} — {kind_word(o.kind)}", o.code)
        self.from_case = QLineEdit()
        self.from_case.setPlaceholderText(self.tr("case code, when an MDO recommended it"))
        self.question = QLineEdit()
        self.network = QComboBox()
        self.network.addItem(self.tr("Route by region and disciplines"), None)
        for n in self._networks:
            self.network.addItem(n.name, n.code)
        self.ready = QDateEdit(QDate.currentDate())
        self.ready.setCalendarPopup(True)
        self.due = QDateEdit(QDate.currentDate().addDays(14))
        self.due.setCalendarPopup(True)
        for label, w in (
            (self.tr("Patient (reference)"), self.patient),
            (self.tr("Patient name"), self.patient_name),
            (self.tr("Postcode"), self.postcode),
            (self.tr("Municipality"), self.municipality),
            (self.tr("Complaints"), self.complaints),
            (self.tr("Referred by"), self.source),
            (self.tr("Referring professional"), self.referred_by),
            (self.tr("Referring organisation"), self.organisation),
            (self.tr("From MDO case"), self.from_case),
            (self.tr("Question"), self.question),
            (self.tr("Care network"), self.network),
            (self.tr("Ready from"), self.ready),
            (self.tr("Discuss by"), self.due),
        ):
            form.addRow(label, w)
            w.setAccessibleName(label)
        self.routing = QLabel()
        self.routing.setObjectName("routingLabel")
        self.routing.setWordWrap(True)
        form.addRow(self.tr("Routing"), self.routing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.register_button = buttons.addButton(
            self.tr("&Register referral"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.register_button.setObjectName("registerReferral")
        buttons.accepted.connect(self._register)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.complaints.itemChanged.connect(self._complaint_changed)
        for w in (self.postcode, self.municipality):
            w.textChanged.connect(self._update_routing)
        self.network.currentIndexChanged.connect(self._update_routing)
        self._update_routing()

    @Slot(QListWidgetItem)
    def _complaint_changed(self, item: QListWidgetItem) -> None:
        """The complaints in the order they were ticked: the first named, the first seen."""
        code = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked and code not in self._order:
            self._order.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self._order:
            self._order.remove(code)
        self._update_routing()

    def chosen_complaints(self) -> list[str]:
        return list(self._order)

    def _facts(self) -> list[care.NetworkFacts]:
        out = []
        for n in self._networks:
            by: dict[str, list[str]] = {}
            for p in n.professionals:
                by.setdefault(p.discipline, []).append(p.name)
            out.append(care.NetworkFacts(n.code, n.name, n.region, by, n.rules, n.criterion.meets))
        return out

    def routing_result(self) -> care.Routing:
        chosen = self.network.currentData()
        facts = self._facts()
        if chosen:
            net = next(f for f in facts if f.code == chosen)
            return care.Routing(chosen, care.needed_disciplines(self._order, net.rules), "")
        return care.route(
            self._order,
            self.postcode.text() or None,
            self.municipality.text() or None,
            facts,
            self._names,
        )

    @Slot()
    def _update_routing(self, *_args: Any) -> None:
        if not self._order:
            self.routing.setText(self.tr("Tick the complaints to see where the referral goes."))
            return
        routing = self.routing_result()
        where = " ".join(x for x in (self.postcode.text(), self.municipality.text()) if x) or "—"
        self.routing.setText(
            routing_text(routing, {n.code: n.name for n in self._networks}, self._names, where)
        )

    @Slot()
    def _register(self) -> None:
        data = cs.ReferralInput(
            patient_ref=self.patient.text().strip(),
            complaints=self.chosen_complaints(),
            source=self.source.currentData(),
            referred_by=self.referred_by.text().strip(),
            organisation=self.organisation.currentData() or "",
            postcode=self.postcode.text().strip() or None,
            municipality=self.municipality.text().strip() or None,
            patient_name=self.patient_name.text().strip() or None,
            question=self.question.text().strip(),
            ready=from_qdate(self.ready.date()),
            due=from_qdate(self.due.date()),
            care_network=self.network.currentData(),
            from_case=self.from_case.text().strip() or None,
        )
        self.register_button.setEnabled(False)
        self._tasks.append(
            self.ctx.run_task(
                invoke,
                cs.register_referral,
                (self.ctx.db, data),
                {"user": self.ctx.user},
                writes=True,
                on_success=self._done,
                on_failure=self._refused,
                description=self.tr("Registering the referral…"),
            )
        )

    @alive
    def _done(self, row: cs.ReferralRow) -> None:
        self.register_button.setEnabled(True)
        self.registered.emit(row)
        self.accept()

    @alive
    def _refused(self, failure: Any) -> None:
        self.register_button.setEnabled(True)
        self.message.show_message(str(failure), "error")


class ReferralsPanel(QWidget):
    """The referrals to the care networks, with the dialog that registers one."""

    loaded = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("referralsPanel")
        self.dialog: ReferralDialog | None = None
        # the tasks stay referenced while they run (as the other panels do)
        self._tasks: list[Any] = []
        self.message = MessageBar(self)
        self.model = RowTableModel(
            [
                Column(self.tr("Case"), lambda r: r.case),
                Column(self.tr("Patient"), lambda r: r.patient),
                Column(self.tr("Care network"), lambda r: r.care_network),
                Column(
                    self.tr("Complaints"),
                    lambda r: ", ".join(complaint_word(c) for c in r.complaints),
                    tooltip=lambda r: r.routing,
                ),
                Column(
                    self.tr("Referred by"), lambda r: f"{source_word(r.source)}: {r.referred_by}"
                ),
                Column(self.tr("Consultation"), lambda r: r.session or self.tr("not yet planned")),
            ],
            self,
        )
        self.view = make_table(self.model, "referralTable")
        self.view.setAccessibleName(self.tr("Referrals"))
        self.new_button = QPushButton(self.tr("&Register referral…"))
        self.new_button.setObjectName("newReferral")
        self.new_button.clicked.connect(self.open_dialog)
        top = QHBoxLayout()
        top.addWidget(
            QLabel(
                self.tr(
                    "Referrals are planned into the care network's "
                    "consultations by the Planning workspace."
                )
            ),
            1,
        )
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._setup: dict[str, Any] | None = None

    @Slot()
    def refresh(self) -> None:
        if not self.ctx.has_db:
            return
        self._tasks.append(
            self.ctx.run_task(
                invoke,
                self._read,
                (self.ctx.db, self.ctx.user),
                {},
                writes=True,
                on_success=self._loaded,
                on_failure=self._failed,
            )
        )

    @staticmethod
    def _read(db: Any, user: str) -> tuple[list[cs.ReferralRow], dict[str, Any]]:
        return cs.list_referrals(db, user=user), _load_setup(db)

    @alive
    def _loaded(self, result: tuple[list[cs.ReferralRow], dict[str, Any]]) -> None:
        rows, self._setup = result
        self.model.set_rows(rows)
        self.loaded.emit()

    @alive
    def _failed(self, failure: Any) -> None:
        self.message.show_message(str(failure), "error")

    @Slot()
    def open_dialog(self) -> None:
        if self._setup is None:
            self.message.show_message(self.tr("The care networks are still being read."), "warning")
            return
        self.dialog = ReferralDialog(self.ctx, self._setup, self)
        self.dialog.registered.connect(self._registered)
        self.dialog.open()

    @Slot(object)
    def _registered(self, row: cs.ReferralRow) -> None:
        self.message.show_message(
            self.tr("Referral {case} registered for {network}.").format(
                case=row.case, network=row.care_network
            )
        )
        self.ctx.notify("cases")
        self.refresh()
