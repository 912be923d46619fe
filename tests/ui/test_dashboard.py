"""Dashboard workspace: tiles, charts and the over-limit table follow the published plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from sqlalchemy import select

from db import models as m
from ui.workspaces.dashboard import DashboardWorkspace


def test_dashboard_follows_the_published_plan(qtbot, qtmodeltester, ctx) -> None:
    w = DashboardWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    qtmodeltester.check(w.over_model)
    w.reference.setDate(QDate(2027, 1, 6))  # the tiny scenario's first week
    assert w.period_label.text() != ""
    waiting_before = sum(w.chart_values(w.waiting_chart))
    assert waiting_before == int(w.tile_waiting.value.text().replace(",", "").replace(".", ""))
    assert w.tile_over.value.text() == "0"
    assert w.over_model.rowCount() == 0

    with ctx.db.session() as s:
        expert = s.scalar(select(m.Expert).where(m.Expert.code == "E2"))  # limit 3 a week
        week = s.scalars(select(m.MeetingSession).where(
            m.MeetingSession.date.between(dt.date(2027, 1, 4), dt.date(2027, 1, 8)))).all()[:5]
        for x in week:
            s.add(m.Attendance(session=x, expert=expert, published=True))
        case = s.scalar(select(m.Case).where(m.Case.status == "ready").limit(1))
        case.status = "planned"
        s.add(m.Assignment(case=case, session=week[0], published=True))
    with qtbot.waitSignal(ctx.dataChanged):
        ctx.notify("plan")
    assert w.tile_over.value.text() == "1"
    assert w.over_model.rowCount() == 1
    assert w.over_model.index(0, 0).data() == "Dr. C. Expert2"
    assert w.over_model.index(0, 3).data() == "5"
    assert sum(w.chart_values(w.waiting_chart)) == waiting_before - 1
    assert any(v > 0 for v in w.chart_values(w.load_chart))
    assert len(w.deadline_chart.series()) == 1


def test_hidden_workspace_reloads_when_shown(qtbot, ctx) -> None:
    from PySide6.QtWidgets import QStackedWidget, QWidget

    holder = QStackedWidget()
    qtbot.addWidget(holder)
    other = QWidget()
    w = DashboardWorkspace(ctx)
    holder.addWidget(other)
    holder.addWidget(w)
    holder.setCurrentWidget(other)
    holder.show()
    qtbot.waitExposed(holder)
    w.reference.setDate(QDate(2027, 1, 6))
    assert w.tile_over.value.text() == "0"
    with ctx.db.session() as s:
        expert = s.scalar(select(m.Expert).where(m.Expert.code == "E2"))  # limit 3 a week
        for x in s.scalars(select(m.MeetingSession).where(
                m.MeetingSession.date.between(dt.date(2027, 1, 4), dt.date(2027, 1, 8)))).all()[:5]:
            s.add(m.Attendance(session=x, expert=expert, published=True))
    ctx.notify("plan")
    assert w.tile_over.value.text() == "0", "a hidden workspace waits until it is shown"
    holder.setCurrentWidget(w)
    assert w.tile_over.value.text() == "1"
