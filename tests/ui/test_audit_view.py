"""The Audit workspace: admins read the trail with filters, verify the chain, export CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from db import models as m
from mdo_planner.services.base import audit
from ui.workspaces.audit import AuditWorkspace


def test_the_audit_view_filters_verifies_and_exports(
    qtbot, ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ctx.db.session() as s:
        code = s.scalar(select(m.Case.code).limit(1))
        audit(s, "case.view", "case", code, case_ids=[code], user="anna")
        audit(s, "case.view", "case", "OTHER", case_ids=["OTHER"], user="bob")
    w = AuditWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.patient.setText(code)
    w.show_button.click()
    qtbot.waitUntil(lambda: w.model.rowCount() >= 1, timeout=10000)
    users = {w.model.index(r, 1).data() for r in range(w.model.rowCount())}
    assert "anna" in users and "bob" not in users
    rows = [r for r in range(w.model.rowCount()) if w.model.index(r, 1).data() == "anna"]
    assert [w.model.index(r, 5).data() for r in rows] == [code]
    # the import named every case: shown shortened, all of them in the tooltip
    imported = [r for r in range(w.model.rowCount()) if w.model.index(r, 3).data() == "import"]
    assert "more" in w.model.index(imported[0], 5).data()
    w.verify_button.click()
    qtbot.waitUntil(lambda: "intact" in w.message.text, timeout=10000)
    out = tmp_path / "trail.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    w.export_button.click()
    qtbot.waitUntil(lambda: "exported" in w.message.text, timeout=10000)
    assert code in out.read_text(encoding="utf-8")
    with ctx.db.session() as s:
        actions = s.scalars(select(m.AuditEvent.action)).all()
    assert "audit.view" in actions and "audit.export" in actions


def test_a_non_admin_is_refused_inline(qtbot, ctx) -> None:
    with ctx.db.session() as s:
        hospital = s.scalar(select(m.Hospital).limit(1))
        s.add(
            m.AppUser(
                login=ctx.user,
                name="Secretary",
                role="secretary",
                hospital_id=hospital.id,
                created_by="it",
            )
        )
    w = AuditWorkspace(ctx)
    qtbot.addWidget(w)
    w.show_button.click()
    qtbot.waitUntil(lambda: "may not do audit.read" in w.message.text, timeout=10000)
    assert w.model.rowCount() == 0
    with ctx.db.session() as s:
        denied = s.scalars(
            select(m.AuditEvent.outcome).where(m.AuditEvent.action == "audit.read")
        ).all()
    assert denied == ["denied"]


def test_the_audit_columns_are_dutch_in_a_dutch_interface(qtbot, ctx, tmp_path: Path) -> None:
    """Seen under Xvfb: in Dutch the trail's headers read "Time, Role, Action, Outcome,
    Patients (cases), Workstation, Purpose": the column texts go through a helper that the
    catalogue's extraction did not see, so the catalogue had no entry for them."""
    from PySide6.QtCore import QCoreApplication, Qt, QTranslator

    from tests.ui.test_translations import _compile

    translator = QTranslator()
    assert translator.load(str(_compile(tmp_path)))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        w = AuditWorkspace(ctx)
        qtbot.addWidget(w)
        headers = [
            w.model.headerData(c, Qt.Orientation.Horizontal) for c in range(w.model.columnCount())
        ]
        english = {"Time", "Role", "Action", "Outcome", "Patients (cases)", "Workstation"}
        assert not english & set(headers), headers
        assert "Purpose" not in headers
        more = QCoreApplication.translate("AuditWorkspace", "… and {count} more")
        flagged = QCoreApplication.translate("AuditWorkspace", "flagged")
        assert "more" not in more and flagged != "flagged"
    finally:
        app.removeTranslator(translator)
