"""Fixtures for the desktop tests: a migrated database filled from the tiny scenario, and an
``AppContext`` with settings in a temporary INI file (never the user's registry)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from db.engine import create_engine_for
from db.models import Base
from mdo_planner.importer import import_scenario
from mdo_planner.services.base import Database
from tests.conftest import SCENARIOS


@pytest.fixture(scope="session")
def tiny_scenario() -> dict:
    return json.loads((SCENARIOS / "tiny-s1.json").read_text(encoding="utf-8"))


def make_database(path: Path) -> Database:
    """A database with the ORM's schema created directly: faster than running the migrations
    for every test (the migrations have tests of their own)."""
    url = f"sqlite:///{path}"
    engine = create_engine_for(url)
    Base.metadata.create_all(engine)
    return Database(url, engine, revision=None)


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = make_database(tmp_path / "empty.sqlite")
    yield db
    db.dispose()


@pytest.fixture
def tiny_db(tmp_path: Path, tiny_scenario: dict) -> Iterator[Database]:
    db = make_database(tmp_path / "tiny.sqlite")
    import_scenario(db, tiny_scenario, "tester", source="tiny-s1.json")
    yield db
    db.dispose()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qtbot, tiny_db: Database, ui_settings: QSettings):
    from ui.context import AppContext

    c = AppContext(tiny_db, user="secretary", settings=ui_settings)
    yield c
    c.cancel_all()
    c.wait_for_tasks()
