"""Benchmark: what opening a database costs a user.

* creating the schema in an empty SQLite file (first start), and re-opening an up-to-date one
  (every start: revision check only);
* the first start after an application update on a national-size database
  (``national-s3.json`` imported): the verified backup, then a migration that recreates the
  largest table (``cases``, SQLite batch mode), which is the slowest kind of migration.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from db import engine as dbengine
from mdo_planner.launcher import main
from mdo_planner.services.base import backup_dir, open_database
from tests.conftest import SCENARIOS

RECREATE_CASES = '''
"""Bench-only revision: recreate the cases table with one more column."""
import sqlalchemy as sa
from alembic import op

revision = "bench"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", recreate="always") as batch:
        batch.add_column(sa.Column("bench_note", sa.String(20), nullable=True))


def downgrade() -> None:
    pass
'''


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


@pytest.mark.bench
def test_bench_open(tmp_path: Path) -> None:
    fresh = [
        _timed(lambda i=i: open_database(f"sqlite:///{tmp_path / f'f{i}.sqlite'}").dispose())
        for i in range(10)
    ]
    again = [
        _timed(lambda: open_database(f"sqlite:///{tmp_path / 'f0.sqlite'}").dispose())
        for _ in range(10)
    ]
    print(
        f"\ncreate schema in an empty SQLite file: median {statistics.median(fresh) * 1000:.0f} ms"
        f" (min {min(fresh) * 1000:.0f}, max {max(fresh) * 1000:.0f})"
        f"\nre-open an up-to-date file: median {statistics.median(again) * 1000:.0f} ms"
        f" (min {min(again) * 1000:.0f}, max {max(again) * 1000:.0f})"
    )


@pytest.mark.bench
def test_bench_upgrade_national(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "national.sqlite"
    url = f"sqlite:///{path}"
    assert main(["import", str(SCENARIOS / "national-s3.json"), "--db", url]) == 0
    db = open_database(url)
    with db.engine.connect() as conn:
        cases = conn.execute(sa.text("SELECT count(*) FROM cases")).scalar_one()
    size_mb = path.stat().st_size / 1e6

    backups = []
    for i in range(3):
        backups.append(
            _timed(lambda i=i: dbengine.backup_sqlite(db.engine, tmp_path / "b", label=str(i)))
        )
    db.dispose()

    scripts = tmp_path / "migrations"
    shutil.copytree(dbengine.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "bench.py").write_text(
        RECREATE_CASES.format(down=dbengine.head_revision()), encoding="utf-8"
    )
    monkeypatch.setattr(dbengine, "MIGRATIONS_DIR", scripts)
    t0 = time.perf_counter()
    upgraded = open_database(url)
    total = time.perf_counter() - t0
    try:
        assert upgraded.revision == "bench" and upgraded.backup is not None
        assert upgraded.backup.parent == backup_dir()
        with upgraded.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM cases")).scalar_one() == cases
    finally:
        upgraded.dispose()
    print(
        f"\nnational-s3 database: {cases} cases, {size_mb:.1f} MB"
        f"\nverified backup (backup API + integrity_check): median "
        f"{statistics.median(backups):.2f} s (min {min(backups):.2f}, max {max(backups):.2f})"
        f"\nfirst open after an update (backup + recreate cases + foreign_key_check): {total:.2f} s"
    )
