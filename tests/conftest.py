"""Shared fixtures: an isolated data folder for every test, the shared contract folder,
and a throw-away PostgreSQL database per test run when ``MDO_TEST_PG_URL`` is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCENARIOS = SHARED / "scenarios"
CHECK_PLAN = SHARED / "tools" / "check_plan.py"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real data folder, database or site configuration."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("MDO_PLANNER_DATA_DIR", str(data))
    monkeypatch.delenv("MDO_PLANNER_DB", raising=False)
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(data / "no-site-config.toml"))
    return data


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared folder is missing: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A PostgreSQL database of its own for this test run, dropped afterwards.

    The server is shared between runs (and with other projects), so every run creates a
    uniquely named database instead of using ``test`` itself.
    """
    base = os.environ.get("MDO_TEST_PG_URL")
    if not base:
        pytest.skip("MDO_TEST_PG_URL is not set")
    import sqlalchemy as sa

    name = f"mdo_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty schema-less database per test: drop all tables of the run database."""
    import sqlalchemy as sa

    eng = sa.create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    eng.dispose()
    yield pg_server_url
