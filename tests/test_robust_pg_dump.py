"""The PostgreSQL backup that docs/database.md prescribes: ``pg_dump -Fc`` of a filled
database, ``pg_restore`` into a new one, and the same rows (and a working app) come back."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from mdo_planner.launcher import main
from tests.small_scenario import small_scenario
from tests.test_robust_import import snapshot

pytestmark = pytest.mark.pg


def _libpq(url: str) -> str:
    return (
        sa.engine.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


@pytest.mark.skipif(
    not shutil.which("pg_dump") or not shutil.which("pg_restore"),
    reason="pg_dump/pg_restore are not installed",
)
def test_pg_dump_and_restore_round_trip(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "small.json"
    scenario.write_text(json.dumps(small_scenario()), encoding="utf-8")
    assert main(["import", str(scenario), "--db", pg_url]) == 0
    dump = tmp_path / "mdo.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", _libpq(pg_url)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    name = f"mdo_restore_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    restored = sa.engine.make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        subprocess.run(
            [
                "pg_restore",
                f"--dbname={_libpq(restored)}",
                "--no-owner",
                "--exit-on-error",
                str(dump),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        assert snapshot(restored) == snapshot(pg_url)
        capsys.readouterr()
        assert main(["info", "--db", restored]) == 0
        assert "up to date" in capsys.readouterr().out
        out = tmp_path / "again.json"
        assert main(["export", str(out), "--db", restored]) == 0
        cases = json.loads(out.read_text(encoding="utf-8"))["cases"]
        assert sorted(c["id"] for c in cases) == ["C1", "C2", "C3"]
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
