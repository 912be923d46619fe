"""A schema is never committed without its ``database.create`` event (issue 17).

Before revision 0006 the event was written in a second transaction after the migration, and
``kill -9`` between the two left a schema with no record of who created it. Now both are one
transaction: a process killed at any moment leaves either nothing or both.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from mdo_planner.infra import config

RUNS = 16


def _state(path: Path) -> tuple[bool, int]:
    """(has the schema, number of database.create events)."""
    if not path.exists():
        return False, 0
    with closing(sqlite3.connect(path)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if (
            "alembic_version" not in tables
            or not conn.execute("SELECT version_num FROM alembic_version").fetchone()
        ):
            return False, 0
        n = conn.execute(
            "SELECT count(*) FROM audit_events WHERE action = 'database.create'"
        ).fetchone()[0]
        return True, n


@pytest.mark.slow
def test_kill_9_during_migrate_never_leaves_a_schema_without_its_event(tmp_path: Path) -> None:
    rng = random.Random(17)
    env = dict(os.environ)
    # Measure one undisturbed run so the kills land all over the migration.
    probe = tmp_path / "probe.sqlite"
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mdo_planner", "migrate", "--db", config.sqlite_url(probe)],
        env=env,
        check=True,
        capture_output=True,
    )
    full = time.monotonic() - start
    assert _state(probe) == (True, 1)
    with_schema = 0
    for run in range(RUNS):
        path = tmp_path / f"run{run}.sqlite"
        proc = subprocess.Popen(
            [sys.executable, "-m", "mdo_planner", "migrate", "--db", config.sqlite_url(path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if run < RUNS - 2:
            time.sleep(rng.uniform(0.3, 1.0) * full)
            proc.send_signal(signal.SIGKILL)
        # the last two runs finish: a busy machine must not leave only killed runs
        proc.wait(timeout=120)
        has_schema, events = _state(path)
        assert events == (1 if has_schema else 0), (
            f"run {run}: schema {has_schema}, {events} events"
        )
        with_schema += has_schema
    # The loop must have exercised both outcomes to mean anything.
    assert 2 <= with_schema < RUNS, with_schema
