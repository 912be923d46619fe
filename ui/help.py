"""Help → Short guide and Help → Keyboard shortcuts.

The guide is a secretary's week in eight steps, in the interface language, so that a new
user needs no training session. The shortcut list is read from the window's own actions
(what the menus really bind) plus the keys that live inside a workspace, so it cannot drift
from the application.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def guide_html() -> str:
    steps = (
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Register</b> a case (Ctrl+N): the triage on the right proposes the level "
            "while you type. A clinician confirms it (Ctrl+Return) or overrides it with a "
            "reason.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Find</b> a case (Ctrl+F) by case code, patient name, hospital patient "
            "number, physician or question; a full BSN typed in the box finds its patient "
            "too.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Watch the deadlines</b>: the worklist's first column says Overdue, At risk or "
            "Planned late with an icon and a word; the headline counts them.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Plan</b> (Planning, F5): the progress panel says how many cases are planned, "
            "unplanned and late, and how close the plan is to the best possible one.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Review</b> the proposal as a work list: filter on unplanned, late, moved or "
            "changed sessions; the details pane says why a case is where it is and where it "
            "could go. Double-click opens the case; ← Back to the review returns.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Move</b> a case (Ctrl+M): only sessions that take it are offered, with their "
            "free minutes and a late mark. A move by hand is pinned.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Publish</b>: a summary says how many cases change and how many experts get "
            "an update before anything is published.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Send the agendas</b> (Sessions & agendas): Export PDF (Ctrl+P) asks where to "
            "save and in which privacy mode; My agenda prints one expert's week, one session "
            "per page. Leave that breaks a published session shows as a leave conflict, with "
            "Re-plan this day.",
        ),
        QCoreApplication.translate(
            "HelpTexts",
            "<b>Care networks</b> (Network setup → Care networks): the check says whether a "
            "network meets the NVPO criterion or what is missing. Referrals (Network setup → "
            "Referrals) are routed to the network whose region holds the patient and planned "
            "into its consultations like any MDO case.",
        ),
    )
    items = "".join(f"<li style='margin-bottom:6px'>{s}</li>" for s in steps)
    title = QCoreApplication.translate("HelpTexts", "A week with MDO Planner")
    more = QCoreApplication.translate(
        "HelpTexts",
        "The full manual is docs/desktop.md; Help → Keyboard shortcuts lists every key.",
    )
    return f"<h2>{title}</h2><ol>{items}</ol><p>{more}</p>"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("Short guide"))
        self.browser = QTextBrowser(self)
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 520)


def workspace_keys() -> list[tuple[str, str]]:
    """Keys bound inside a workspace (not in a menu), as the workspaces bind them."""
    return [
        (
            "Enter",
            QCoreApplication.translate(
                "HelpTexts", "Cases: open the selected case (or double-click)"
            ),
        ),
        (
            "Ctrl+C",
            QCoreApplication.translate("HelpTexts", "Cases: copy case code and patient reference"),
        ),
        ("Ctrl+S", QCoreApplication.translate("HelpTexts", "Case, Experts: save")),
        (
            "Ctrl+Return",
            QCoreApplication.translate("HelpTexts", "Case: confirm the recommended level"),
        ),
        ("F5", QCoreApplication.translate("HelpTexts", "Planning: plan")),
        ("Esc", QCoreApplication.translate("HelpTexts", "Planning: cancel the plan run")),
        (
            "Ctrl+M",
            QCoreApplication.translate(
                "HelpTexts", "Planning: move the selected case to another session"
            ),
        ),
        (
            "Ctrl+P",
            QCoreApplication.translate("HelpTexts", "Sessions & agendas: export the agenda as PDF"),
        ),
        (
            "Alt+Left, Alt+Right",
            QCoreApplication.translate("HelpTexts", "Sessions & agendas: previous, next week"),
        ),
        (
            "Ctrl+Up, Ctrl+Down",
            QCoreApplication.translate(
                "HelpTexts", "Sessions & agendas: move a case up or down the agenda"
            ),
        ),
    ]


def _typeable(key: str) -> bool:
    """A key a secretary can type on an office keyboard: the platform's extra bindings for
    dedicated keys ("Undo", "F14") are left out of the list."""
    if "+" in key.rstrip("+") or key in ("Esc", "Return", "Enter", "Del"):
        return True
    return key.startswith("F") and key[1:].isdigit() and int(key[1:]) <= 12


def menu_keys(actions: list[QAction]) -> list[tuple[str, str]]:
    out = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if _typeable(k)]
        if keys and action.text():
            out.append(
                (
                    ", ".join(keys),
                    action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"),
                )
            )
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = menu_keys(actions) + workspace_keys()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # one line per key, rows of one height (a wrapped row made the list uneven)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(680, 620)

    def rows(self) -> list[tuple[str, str]]:
        return [(self._cell(r, 0), self._cell(r, 1)) for r in range(self.table.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
