"""The desktop side of issue 12: the review lists who joins and who leaves per session and
counts changed sessions; a late registration is admitted only with the chair's name; the
Sessions workspace shows what changed since an agenda was sent and sends the update.

Screenshots of the review with joins/leaves and of a change notice are written to
docs/screenshots with ``MDO_SCREENSHOTS=1`` (the grab itself runs in every test run)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from db import models as m
from mdo_planner.services import notices
from mdo_planner.services import plan_review as pr
from tests.conftest import ROOT
from tests.planning_network import H0, H1, network_database

SHOTS = ROOT / "docs" / "screenshots"
BEFORE = dt.date(2026, 12, 1)


@pytest.fixture
def replanned(tmp_path: Path):
    """A published plan, week 1's busiest agenda sent, then an attendee of it on leave and a
    new proposal."""
    db = network_database(tmp_path / "ui.sqlite")
    with db.session() as s:
        for e in s.scalars(select(m.Expert)):
            e.email = f"{e.code.lower()}@example.org"
    pr.publish_run(
        db, pr.propose_plan(db, H0, H1, 2, user="secretary"), today=BEFORE, user="secretary"
    )
    with db.session() as s:
        att = s.scalars(
            select(m.Attendance)
            .join(m.MeetingSession)
            .where(m.Attendance.published.is_(True))
            .order_by(m.MeetingSession.date, m.Attendance.id)
        ).first()
        sid, day, expert = att.session_id, att.session.date, att.expert
        s.add(m.LeavePeriod(expert_id=expert.id, start=day, end=day, reason="ill"))
        name = expert.name
    notices.send_agenda(db, sid, tmp_path / "sent.ics", user="secretary")
    run = pr.propose_plan(db, H0, H1, 2, user="secretary")
    yield db, run, sid, name
    db.dispose()


def _ctx(db, tmp_path: Path):
    from ui.context import AppContext

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("export/folder", str(tmp_path / "agendas"))
    settings.setValue("export/open_folder", False)
    return AppContext(db, user="secretary", settings=settings)


def test_review_lists_joins_and_leaves_and_counts_changed_sessions(
    qtbot, replanned, tmp_path, settle
) -> None:
    from ui.workspaces.planning import PlanningWorkspace

    db, run, sid, name = replanned
    ctx = _ctx(db, tmp_path)
    w = PlanningWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1500, 900)
    settle(ctx)
    assert w.run_id == run
    load = next(x for x in w.loads_model.rows if x.session_id == sid)
    assert load.leaves == (name,) and len(load.joins) == 1 and load.frozen
    col = [
        w.loads_model.headerData(i, Qt.Orientation.Horizontal)
        for i in range(w.loads_model.columnCount())
    ]
    assert "Joins" in col and "Leaves" in col
    assert "1 session(s) changed" in w.summary.text()
    w.show()
    qtbot.waitExposed(w)
    image = w.grab()
    assert not image.isNull()
    if os.environ.get("MDO_SCREENSHOTS") == "1":
        assert image.save(str(SHOTS / "planning-joins-leaves.png"))
    ctx.cancel_all()
    ctx.wait_for_tasks()


def test_sessions_workspace_shows_the_change_and_sends_the_update(
    qtbot, replanned, tmp_path, settle
) -> None:
    from ui.workspaces.sessions import SessionsWorkspace

    db, run, sid, name = replanned
    pr.publish_run(db, run, today=BEFORE, user="secretary")
    ctx = _ctx(db, tmp_path)
    w = SessionsWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1500, 950)
    settle(ctx)
    assert w.select_session(sid)
    settle(ctx)
    text = w.notice_label.text()
    # the agenda went out after the leave was entered, so it already left the expert out
    # (and did not invite them): the re-plan's change is who joins
    assert "Changed since" in text and "joins:" in text and name not in text
    sent = (tmp_path / "sent.ics").read_text(encoding="utf-8")
    with db.session() as s:
        email = s.scalar(select(m.Expert.email).where(m.Expert.name == name))
    assert email and email not in sent.lower()
    assert w.send_button.isEnabled() and "update" in w.send_button.text().lower()
    w.show()
    qtbot.waitExposed(w)
    image = w.grab()
    assert not image.isNull()
    if os.environ.get("MDO_SCREENSHOTS") == "1":
        assert image.save(str(SHOTS / "sessions-change-notice.png"))
    w.send_agenda()
    qtbot.waitUntil(lambda: w.last_export is not None, timeout=10000)
    assert "update-1" in w.last_export.name
    assert "SEQUENCE:1" in w.last_export.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: "Unchanged since" in w.notice_label.text(), timeout=5000)
    ctx.cancel_all()
    ctx.wait_for_tasks()


def test_a_late_registration_is_admitted_with_the_chairs_name(
    qtbot, tmp_path, monkeypatch, settle
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from ui.workspaces.planning import PlanningWorkspace

    db = network_database(tmp_path / "late.sqlite")
    with db.session() as s:
        s.scalar(select(m.Case).where(m.Case.code == "C01")).created_at = dt.datetime(
            2027, 1, 4, 9, tzinfo=dt.UTC
        )
    pr.propose_plan(db, H0, H1, 2, user="secretary")
    ctx = _ctx(db, tmp_path)
    w = PlanningWorkspace(ctx)
    qtbot.addWidget(w)
    settle(ctx)
    assert "1 late registration" in w.summary.text()
    row = next(r for r in w.changes_model.rows if r.code == "C01")
    assert w.select_case(row.case_id)
    settle(ctx)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Dr. Voorzitter", True))
    w.admit_selected()
    settle(ctx)
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C01"))
        assert case.late_admitted_by == "Dr. Voorzitter"
        assert case.pinned_session.code == row.late
    ctx.cancel_all()
    ctx.wait_for_tasks()
    db.dispose()
