"""Network setup's care networks (issue 15): the live NVPO check as professionals are ticked,
saving a network, and the referral dialog that shows its routing and registers it."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator

from mdo_planner.services import care_service as cs
from tests.conftest import ROOT
from tests.ui.test_translations import _compile
from ui.workspaces.care_networks import CareNetworksPanel, ReferralsPanel


def _setup(db) -> None:  # type: ignore[no-untyped-def]
    cs.add_organisation(db, "GP1", "Huisartsen Zuid", "gp_practice", "N1", "5612 AB", user="t")
    cs.add_organisation(db, "PARA", "Paramedisch Centrum", "paramedical_practice", "N1", user="t")
    for code, disc in (
        ("A1", "PHYSIO"),
        ("A2", "SOC_WORK"),
        ("A3", "DIET"),
        ("A4", "GP"),
        ("A5", "OCC_THER"),
    ):
        cs.add_professional(db, code, f"Name {code}", disc, "PARA", user="t")


def _tick(panel: CareNetworksPanel, codes: set[str]) -> None:
    for i in range(panel.professionals.count()):
        item = panel.professionals.item(i)
        item.setCheckState(
            Qt.CheckState.Checked
            if item.data(Qt.ItemDataRole.UserRole) in codes
            else Qt.CheckState.Unchecked
        )


def test_the_criterion_is_checked_live_and_the_network_saved(qtbot, ctx) -> None:
    _setup(ctx.db)
    panel = CareNetworksPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    assert panel.model.rowCount() == 0
    _tick(panel, {"A1", "A2", "A4", "A5"})
    assert panel.criterion_verdict() == "no dietitian; 4 disciplines, at least 5 needed"
    _tick(panel, {"A1", "A2", "A3", "A4", "A5"})
    assert panel.criterion_verdict() == "Meets the NVPO criterion"  # social worker: psychosocial
    panel.code.setText("RIV")
    panel.name.setText("Rivierenland")
    panel.region.setText("5600-5658, Eindhoven")
    panel.core.item(0)  # the NVPO three are ticked by default for a new network
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.save_button.click()
    assert panel.message.kind == "info", panel.message.text
    rows = cs.list_care_networks(ctx.db)
    assert [(r.code, r.region, r.criterion.meets) for r in rows] == [
        ("RIV", ("5600-5658", "Eindhoven"), True)
    ]
    assert "meets" in panel.model.index(0, 4).data().lower()


def test_a_refused_network_keeps_the_form(qtbot, ctx) -> None:
    _setup(ctx.db)
    panel = CareNetworksPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    panel.code.setText("X")
    panel.name.setText("X")
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.message.kind == "error", timeout=10_000)
    assert "region" in panel.message.text and panel.name.text() == "X"


def test_the_referral_dialog_routes_and_registers(qtbot, ctx) -> None:
    _setup(ctx.db)
    cs.save_care_network(
        ctx.db,
        cs.CareNetworkInput(
            code="RIV",
            name="Rivierenland",
            network="N1",
            region=["5600-5658"],
            professionals=["A1", "A2", "A3", "A4", "A5"],
            core_disciplines=["PHYSIO", "SOC_WORK", "DIET"],
        ),
        user="t",
    )
    panel = ReferralsPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    panel.open_dialog()
    dialog = panel.dialog
    assert dialog is not None
    dialog.patient.setText("P-555001")
    dialog.postcode.setText("5612 AB")
    for code in ("nutrition_bowel", "fatigue"):
        for i in range(dialog.complaints.count()):
            item = dialog.complaints.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_complaints() == ["nutrition_bowel", "fatigue"]
    text = dialog.routing.text()
    assert "Rivierenland" in text and "First: Dietitian" in text
    dialog.organisation.setCurrentIndex(dialog.organisation.findData("GP1"))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        dialog.register_button.click()
    assert [r.patient for r in panel.model.rows] == ["P-555001"]
    assert "registered" in panel.message.text


def test_dutch_texts_of_the_care_network_screens(qtbot, ctx, tmp_path: Path) -> None:
    """Every text of the new screens is in the Dutch catalogue, translated."""
    source = "\n".join(
        (ROOT / "ui" / "workspaces" / name).read_text(encoding="utf-8")
        for name in ("care_networks.py", "care_referrals.py", "care_words.py")
    )
    ts = (ROOT / "ui" / "translations" / "mdo_planner_nl.ts").read_text(encoding="utf-8")
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    strings = {
        n.args[0].value
        for n in calls
        if n.args and isinstance(n.args[0], ast.Constant) and getattr(n.func, "attr", None) == "tr"
    } | {
        # the care words' module functions: QCoreApplication.translate("CareWords", "...")
        n.args[1].value
        for n in calls
        if getattr(n.func, "attr", None) == "translate"
        and len(n.args) >= 2
        and isinstance(n.args[1], ast.Constant)
    }
    assert len(strings) > 80

    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    # lupdate writes an apostrophe as &apos;, a hand edit as it is
    missing = [
        s
        for s in strings
        if f"<source>{esc(s)}</source>" not in ts
        and f"<source>{esc(s).replace(chr(39), '&apos;')}</source>" not in ts
    ]
    assert not missing, missing
    qm = _compile(tmp_path)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    try:
        _setup(ctx.db)
        panel = CareNetworksPanel(ctx)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            panel.refresh()
        _tick(panel, {"A1", "A2", "A4", "A5"})
        assert panel.criterion_verdict() == "geen diëtist; 4 disciplines, minstens 5 nodig"
        assert panel.save_button.text() == "Zorgnetwerk op&slaan"
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(old)
