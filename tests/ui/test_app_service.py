"""What the main window asks of a database: empty or not, last plan run, file operations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.infra.tasks import TaskCancelled, TaskState
from mdo_planner.services import app_service
from tests.conftest import TINY


def test_empty_and_last_plan_run(empty_db, tiny_db) -> None:
    assert app_service.is_empty(empty_db)
    assert not app_service.is_empty(tiny_db)
    assert app_service.last_plan_run(tiny_db) is None
    with tiny_db.session() as s:
        s.add(
            m.PlanRun(
                created_by="sec",
                horizon_start=dt.date(2027, 1, 4),
                horizon_end=dt.date(2027, 1, 15),
                solver_status="OPTIMAL",
            )
        )
        s.add(
            m.PlanRun(
                created_by="dr.b",
                horizon_start=dt.date(2027, 1, 4),
                horizon_end=dt.date(2027, 1, 15),
                solver_status="FEASIBLE",
                published_at=m.utcnow(),
                published_by="dr.b",
            )
        )
    run = app_service.last_plan_run(tiny_db)
    assert run is not None and run.created_by == "dr.b" and run.published
    assert run.created_at.tzinfo is not None


def test_import_and_export_files(empty_db, tmp_path: Path) -> None:
    seen: list[object] = []
    text = app_service.import_scenario_file(
        empty_db, TINY, TaskState(on_report=seen.append), user="sec"
    )
    assert "imported tiny.json" in text and seen == [0, 50, 100]
    out = app_service.export_scenario_file(empty_db, tmp_path / "out.json", user="sec")
    assert len(json.loads(out.read_text(encoding="utf-8"))["cases"]) == 110
    with pytest.raises(UserError, match="does not exist"):
        app_service.export_scenario_file(empty_db, tmp_path / "no" / "out.json", user="sec")


def test_cancelled_import_writes_nothing(empty_db) -> None:
    state = TaskState()
    state.cancel()
    with pytest.raises(TaskCancelled):
        app_service.import_scenario_file(empty_db, TINY, state, user="sec")
    assert app_service.is_empty(empty_db)
