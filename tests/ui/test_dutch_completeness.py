"""Dutch throughout (issue 18): with the Dutch catalogue and locale, every string the
workspaces show on the demo network — widget texts, tooltips, combo items, table headers and
the cells of the first screens — and the text of the agenda PDF contain no word of the
product's English vocabulary.

The vocabulary is the product's own words (levels, modes, statuses, solver phases, review
kinds, reasons): data a user typed (names, hospital names, disciplines of the network) is
the user's, not the product's, and is not checked.
"""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QSettings, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from mdo_planner.demo import fill_demo, next_monday
from mdo_planner.services import plan_review as pr
from tests.agenda_factory import pdf_pages_text
from tests.ui.conftest import make_database
from tests.ui.test_translations import _compile

#: English words of the product that must not show in a Dutch interface (whole words)
VOCABULARY = (
    "local",
    "regional",
    "supraregional",
    "supra-regional",
    "hybrid",
    "in_person",
    "in person",
    "done",
    "CANCELLED",
    "FEASIBLE",
    "OPTIMAL",
    "unplanned",
    "newly planned",
    "unchanged",
    "moved",
    "quorum met",
    "cancelled",
    "constructive",
    "improving",
    "Proposal",
    "session",
    "Session",
    "sessions",
    "after the due date",
    "day(s) late",
    "Registered late",
    "min free",
    "not allowed",
    "triage not yet confirmed",
    "ready date",
    "planning horizon",
    "with room for",
    "eligible",
    "weekly limit",
    "on leave",
    "Show all",
    "Move to session",
    "Why here",
    "Next best place",
    "Planned",
    "Close to the best possible plan",
    "cost",
    "lower bound",
)
#: a word in quotes names a field of the contract ('moved' weight): not running text
PATTERN = re.compile(r"(?<![\w'-])(" + "|".join(re.escape(w) for w in VOCABULARY) + r")(?![\w'-])")
#: workspaces of the walk, with what their first screen shows
WORKSPACES = ("planning", "sessions", "experts", "network", "cases", "dashboard")


def _in_worker(fn, *args, **kwargs):
    """The Sessions workspace runs its exports in a worker thread (the GUI thread never
    touches the database); so does this test."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text or "")


def _model_texts(view: QAbstractItemView, rows: int = 40) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out = []
    columns = max(1, model.columnCount(QModelIndex()) if not hasattr(view, "count") else 1)
    for c in range(columns):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))

    def walk(parent: QModelIndex, depth: int) -> None:
        for r in range(min(model.rowCount(parent), rows)):
            for c in range(columns):
                index = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        out.append(value)
            if depth < 2:
                walk(model.index(r, 0, parent), depth + 1)

    walk(QModelIndex(), 0)
    return out


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible text under ``root``."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        name = w.objectName() or type(w).__name__
        texts = [w.toolTip(), w.accessibleName()]
        if isinstance(w, QLabel):
            texts.append(_plain(w.text()))
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(min(w.count(), 40))]
        elif isinstance(w, QTextBrowser):
            texts.append(w.toPlainText())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QAbstractItemView):
            texts += _model_texts(w)
        out += [(name, t) for t in texts if t]
    return out


def english_words(texts: list[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        for m in PATTERN.finditer(text.replace("&", "")):
            found.append(f"{where}: {m.group(1)!r} in {text[:120]!r}")
    return sorted(set(found))


@pytest.fixture
def dutch(qapp, tmp_path: Path):
    qm = _compile(tmp_path)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    yield
    app.removeTranslator(translator)
    QLocale.setDefault(old)


@pytest.fixture
def planned_demo(tmp_path: Path):
    db = make_database(tmp_path / "demo.sqlite")
    start = next_monday()
    fill_demo(db, start=start)
    end = start + dt.timedelta(days=11)
    pr.publish_run(db, pr.propose_plan(db, start, end, 3, user="secretary"), user="secretary")
    pr.propose_plan(db, start, end, 2, user="secretary")  # an open proposal to review
    yield db
    db.dispose()


def test_the_vocabulary_check_finds_english() -> None:
    assert english_words([("x", "3 regional sessions, quorum met")])
    assert not english_words([("x", "3 regionale sessies, quorum gehaald")])


def test_dutch_interface_has_no_english_product_words(
    qtbot, dutch, planned_demo, tmp_path: Path, settle
) -> None:
    from ui.context import AppContext
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("export/open_folder", False)
    ctx = AppContext(planned_demo, user="secretary", settings=settings)
    window = MainWindow(ctx, first_start_check=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    with planned_demo.session() as s:
        from sqlalchemy import select

        from db import models as m

        # what people typed is theirs: a case's question is not the product's English
        typed = set(s.scalars(select(m.Case.question))) - {None, ""}
    found: list[str] = []
    for name in WORKSPACES:
        window.show_workspace(name)
        w = window.workspace(name)
        if name == "planning":
            settle(ctx)  # the review is read in a worker
            rows = list(w.current_review.rows)
            unplanned = [r for r in rows if r.kind == "unplanned"]
            w.select_case((unplanned or rows)[0].case_id)
            settle(ctx)
            found += english_words(widget_texts(w))
            w.show_all_targets.setChecked(True)
        found += english_words(
            [(where, text) for where, text in widget_texts(w) if text not in typed]
        )
    ctx.cancel_all()
    assert not found, f"{len(found)} English texts:\n" + "\n".join(found[:80])


def test_dutch_agenda_pdf_has_no_english_product_words(dutch, planned_demo, tmp_path) -> None:
    from sqlalchemy import func, select

    from db import models as m
    from ui.workspaces.sessions import export_expert_pdf, export_session_pdf

    with planned_demo.session() as s:
        # the busiest published session and one of its attendees (deterministic)
        sid = s.scalar(
            select(m.Assignment.session_id)
            .where(m.Assignment.published.is_(True))
            .group_by(m.Assignment.session_id)
            .order_by(func.count().desc(), m.Assignment.session_id)
            .limit(1)
        )
        eid = s.scalar(
            select(m.Attendance.expert_id)
            .where(m.Attendance.session_id == sid, m.Attendance.published.is_(True))
            .order_by(m.Attendance.expert_id)
            .limit(1)
        )
        day = s.get(m.MeetingSession, sid).date
        # what clinicians typed (questions, override reasons) is theirs, not the product's
        typed = {
            " ".join(x.split())
            for x in [
                *s.scalars(select(m.Case.question)),
                *s.scalars(select(m.Case.override_reason)),
            ]
            if x
        }
    texts = []
    for path in (
        _in_worker(
            export_session_pdf, planned_demo, sid, tmp_path / "s.pdf", "secretary", language="nl"
        ),
        _in_worker(
            export_expert_pdf,
            planned_demo,
            eid,
            day,
            day + dt.timedelta(days=6),
            tmp_path / "mine.pdf",
            "secretary",
            language="nl",
        ),
    ):
        for page in pdf_pages_text(path.read_bytes()):
            flat = " ".join(page.split())
            for x in sorted(typed, key=len, reverse=True):
                flat = flat.replace(x, " ")
            texts.append((path.name, flat))
    found = english_words(texts)
    assert not found, "\n".join(found[:40])
