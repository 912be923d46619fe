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


def test_one_bar_for_done_messages_and_an_action(qtbot, monkeypatch) -> None:
    """The case editor's banner is the same bar (issue 16's one dialect): "ok" fades like an
    information, and the action button shows only when the caller asks, for that message."""
    parent = QWidget()
    qtbot.addWidget(parent)
    bar = MessageBar(parent)
    parent.show()
    monkeypatch.setattr(MessageBar, "INFO_SECONDS", 0.05)
    bar.show_message("Saved.", "ok")
    assert bar.kind == "ok" and not bar.action_button.isVisible()
    qtbot.waitUntil(lambda: bar.text == "", timeout=2000)
    bar.show_message("A colleague saved this case first.", "error")
    bar.action_button.setVisible(True)
    assert bar.action_button.isVisible()
    bar.show_message("Not saved: please correct the marked fields.", "error")
    assert not bar.action_button.isVisible()  # a new message brings no old action
    bar.action_button.setVisible(True)
    bar.clear()
    assert bar.isHidden() and bar.action_button.isHidden()
