"""The Audit workspace (admins): who did what with which patient, the chain check, CSV export.

Why in the desktop app and not only on the command line: the privacy officer of a hospital
answers a patient's "who looked at my file?" (AVG art. 15) without a terminal. Reading the
trail needs the ``admin`` role (a refusal is shown inline and audited); every read is itself
an event. All database work runs through the background task layer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import audit_service
from ui.workspaces._support import (
    Column,
    MessageBar,
    RowTableModel,
    from_qdate,
    invoke,
    make_table,
    to_qdate,
)


def _when(row: dict[str, Any]) -> str:
    at = row["at"]
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else ""


def _patients(row: dict[str, Any]) -> str:
    codes = list(row["case_ids"] or ())
    if len(codes) <= 6:
        return " ".join(codes)
    return (
        " ".join(codes[:5])
        + " "
        + QCoreApplication.translate("AuditWorkspace", "… and {count} more").format(
            count=str(len(codes) - 5)
        )
    )


def _columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("AuditWorkspace", "Time"), _when, sort=lambda r: r["id"]),
        Column(QCoreApplication.translate("AuditWorkspace", "User"), lambda r: r["user"]),
        Column(QCoreApplication.translate("AuditWorkspace", "Role"), lambda r: r["role"] or ""),
        Column(QCoreApplication.translate("AuditWorkspace", "Action"), lambda r: r["action"]),
        Column(
            QCoreApplication.translate("AuditWorkspace", "Outcome"),
            lambda r: (
                r["outcome"]
                + (
                    ", " + QCoreApplication.translate("AuditWorkspace", "flagged")
                    if r["flagged"]
                    else ""
                )
            ),
        ),
        Column(
            QCoreApplication.translate("AuditWorkspace", "Patients (cases)"),
            _patients,
            tooltip=lambda r: " ".join(r["case_ids"] or ()) or None,
        ),
        Column(
            QCoreApplication.translate("AuditWorkspace", "Workstation"),
            lambda r: r["workstation"] or "",
        ),
        Column(
            QCoreApplication.translate("AuditWorkspace", "Purpose"),
            lambda r: r["purpose"] or r["on_behalf_of"] or "",
        ),
    ]


class AuditWorkspace(QWidget):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditWorkspace")
        self.title = self.tr("Audit")

        filters = QHBoxLayout()
        self.patient = QLineEdit()
        self.patient.setPlaceholderText(self.tr("Case or patient reference"))
        self.patient.setAccessibleName(self.tr("Patient"))
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("Login"))
        self.user.setAccessibleName(self.tr("User"))
        today = dt.date.today()
        self.date_from = QDateEdit(to_qdate(today - dt.timedelta(days=30)))
        self.date_from.setCalendarPopup(True)
        self.date_from.setAccessibleName(self.tr("From"))
        self.date_to = QDateEdit(to_qdate(today))
        self.date_to.setCalendarPopup(True)
        self.date_to.setAccessibleName(self.tr("To"))
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("auditShow")
        self.verify_button = QPushButton(self.tr("Verify chain"))
        self.verify_button.setObjectName("auditVerify")
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("auditExport")
        for label, w in (
            (self.tr("Patient"), self.patient),
            (self.tr("User"), self.user),
            (self.tr("From"), self.date_from),
            (self.tr("To"), self.date_to),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(w)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        filters.addWidget(self.export_button)

        self.message = MessageBar(self)
        self.model = RowTableModel(_columns(), self)
        self.table = make_table(self.model, "auditTable")
        self.table.setSortingEnabled(True)
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.show_button.clicked.connect(self.reload)
        self.patient.returnPressed.connect(self.reload)
        self.user.returnPressed.connect(self.reload)
        self.verify_button.clicked.connect(self._verify)
        self.export_button.clicked.connect(self._export)

    def _filter(self) -> audit_service.AuditFilter:
        return audit_service.AuditFilter(
            self.patient.text().strip() or None,
            self.user.text().strip() or None,
            from_qdate(self.date_from.date()),
            from_qdate(self.date_to.date()),
        )

    @Slot()
    def reload(self) -> None:
        if not self.ctx.has_db:
            return
        self.show_button.setEnabled(False)
        self.ctx.run_task(
            invoke,
            audit_service.browse,
            (self.ctx.db, self._filter()),
            {"user": self.ctx.user},
            on_success=self._loaded,
            on_failure=self._failed,
            description=self.tr("Reading the audit trail…"),
            writes=True,
        )

    def _loaded(self, result: audit_service.Browsed) -> None:
        self.show_button.setEnabled(True)
        self.model.set_rows(result.events)
        text = self.tr("{count} events").format(count=str(len(result.events)))
        if result.truncated:
            text += " " + self.tr("(the first {limit}; narrow the filter)").format(
                limit=str(audit_service.BROWSE_LIMIT)
            )
        self.count_label.setText(text)
        self.message.clear()

    def _failed(self, failure: Any) -> None:
        self.show_button.setEnabled(True)
        self.message.show_message(str(failure), "error")

    @Slot()
    def _verify(self) -> None:
        if not self.ctx.has_db:
            return
        self.ctx.run_task(
            invoke,
            audit_service.verify,
            (self.ctx.db,),
            {},
            on_success=self._verified,
            on_failure=self._failed,
            description=self.tr("Verifying the audit trail…"),
        )

    def _verified(self, result: Any) -> None:
        if result.finding is None:
            self.message.show_message(
                self.tr("The audit trail is intact ({count} events).").format(
                    count=str(result.events)
                ),
                "info",
            )
        else:
            self.message.show_message(
                self.tr("The audit trail is BROKEN: {finding}").format(
                    finding=result.finding.message
                ),
                "error",
            )

    @Slot()
    def _export(self) -> None:
        if not self.ctx.has_db:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export audit events"), "audit.csv", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        self.ctx.run_task(
            invoke,
            audit_service.export_csv,
            (self.ctx.db, self._filter(), path),
            {"user": self.ctx.user},
            on_success=self._exported,
            on_failure=self._failed,
            description=self.tr("Exporting audit events…"),
            writes=True,
        )

    def _exported(self, count: int) -> None:
        self.message.show_message(
            self.tr("{count} events exported.").format(count=str(count)), "info"
        )


__all__ = ["AuditWorkspace"]
