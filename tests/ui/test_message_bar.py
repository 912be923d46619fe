"""Messages that outlive their truth (issue 18): an information fades by itself, a warning or
an error stays until the next action replaces or clears it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.workspaces._support import MessageBar


def test_information_fades_and_errors_stay(qtbot, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    bar = MessageBar(parent)
    monkeypatch.setattr(MessageBar, "INFO_SECONDS", 0.05)
    bar.show_message("Saved agenda.pdf")
    assert bar.text == "Saved agenda.pdf"
    qtbot.waitUntil(lambda: bar.text == "", timeout=2000)
    bar.show_message("Move refused: Rule 5", "error")
    qtbot.wait(200)
    assert bar.text == "Move refused: Rule 5" and bar.kind == "error"
    bar.show_message("Saved again")  # an info after an error fades too
    qtbot.waitUntil(lambda: bar.text == "", timeout=2000)
