"""Run only by ``test_dialog_guard.py`` in a child pytest: a test that opens a modal dialog it
did not patch, from a slot inside the event loop — the case that used to hang the suite."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget


def test_warning_from_a_slot(qtbot) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    QTimer.singleShot(
        0, w, lambda: QMessageBox.warning(w, "Import failed", "Scenario file not found: probe.json")
    )
    qtbot.wait(1000)


def test_message_box_instance(qtbot) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Publish", "Session S12 was cancelled")
    box.exec()
