"""Benchmark: what the integrity check on open and the routine backup cost on a national
database (``national-s3.json`` imported into SQLite).

Opening an SQLite file runs ``PRAGMA quick_check`` through a read-only connection before
anything else (target: under 0.5 s on the national database, so it can run on every open);
``info`` and ``migrate`` run the full ``integrity_check``; the daily routine copy uses the
backup API, fsync and a full integrity check of the copy.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from db import engine as dbengine
from mdo_planner.infra import backups, config
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from tests.conftest import SCENARIOS


def _median(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


@pytest.mark.bench
def test_bench_integrity_on_open(tmp_path: Path) -> None:
    path = tmp_path / "national.sqlite"
    url = config.sqlite_url(path)
    assert main(["import", str(SCENARIOS / "national-s3.json"), "--db", url]) == 0
    size_mb = path.stat().st_size / 1e6
    quick = _median(lambda: dbengine.integrity_problem(path))
    full = _median(lambda: dbengine.integrity_problem(path, full=True), runs=3)
    opened = _median(lambda: open_database(url, backup=False).dispose())
    unchecked = _median(lambda: open_database(url, integrity="none", backup=False).dispose())
    db = open_database(url, backup=False)
    try:
        t0 = time.perf_counter()
        copy = backups.backup_if_due(db)
        backup_s = time.perf_counter() - t0
    finally:
        db.dispose()
    assert copy is not None
    print(
        f"\nnational database {size_mb:.1f} MB: quick_check {quick:.3f} s, "
        f"integrity_check {full:.3f} s, open with quick_check {opened:.3f} s, "
        f"open without {unchecked:.3f} s, routine backup (copy + fsync + full check) "
        f"{backup_s:.3f} s"
    )
    assert quick < 0.5
