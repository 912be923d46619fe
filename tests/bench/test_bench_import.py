"""Benchmark: importing the national scenario (~11,500 cases, ~2,900 sessions, ~6,000 experts)
into a fresh SQLite database. Target: under 15 s and under 500 MB peak memory on 2 cores.

Each figure is measured in a fresh Python process running the real command line
(``mdo-planner import``), so the peak resident memory includes the interpreter, SQLAlchemy,
Alembic's migration of the new database and the parsed JSON, as a user would see it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS

_RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time
    from mdo_planner.launcher import main
    t0 = time.perf_counter()
    rc = main(sys.argv[1:])
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("BENCH " + json.dumps({"rc": rc, "wall_s": wall, "peak_mb": peak_mb}))
    """
)


def _run(args: list[str]) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args], capture_output=True, text=True, check=False
    )
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH ")), None)
    assert line is not None, proc.stderr
    result = json.loads(line[len("BENCH ") :])
    assert result["rc"] == 0, proc.stderr
    return result


@pytest.mark.bench
@pytest.mark.contract  # the public scenarios
def test_bench_import_national_into_sqlite(tmp_path: Path) -> None:
    src = SCENARIOS / "national-s3.json"
    runs = []
    for i in range(3):
        url = f"sqlite:///{tmp_path / f'national-{i}.sqlite'}"
        imp = _run(["import", str(src), "--db", url])
        exp = _run(["export", str(tmp_path / f"out-{i}.json"), "--db", url])
        runs.append((imp, exp))
        print(
            f"\nrun {i + 1}: import {imp['wall_s']:.2f} s, peak {imp['peak_mb']:.0f} MB; "
            f"export {exp['wall_s']:.2f} s, peak {exp['peak_mb']:.0f} MB"
        )
    best = min(r[0]["wall_s"] for r in runs)
    worst_peak = max(r[0]["peak_mb"] for r in runs)
    print(
        f"national-s3 import into SQLite: best {best:.2f} s, worst peak {worst_peak:.0f} MB "
        "(target < 15 s, < 500 MB)"
    )
    assert best < 15.0
    assert worst_peak < 500.0


@pytest.mark.bench
@pytest.mark.contract  # the public scenarios
def test_bench_validate_national() -> None:
    import time

    from mdo_planner.contract_io.scenario import validate_scenario

    raw = json.loads((SCENARIOS / "national-s3.json").read_text(encoding="utf-8"))
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        validate_scenario(raw, "national-s3.json")
        times.append(time.perf_counter() - t0)
    print(f"\nnational-s3 validation: best {min(times):.3f} s, median {sorted(times)[2]:.3f} s")


@pytest.mark.bench
@pytest.mark.contract  # the public scenarios
def test_bench_demo_generation(tmp_path: Path) -> None:
    """``mdo-planner demo`` into a fresh SQLite file (target: well under 5 s)."""
    for i in range(3):
        r = _run(
            ["demo", "--db", f"sqlite:///{tmp_path / f'demo-{i}.sqlite'}", "--start", "2027-01-04"]
        )
        print(f"\ndemo run {i + 1}: {r['wall_s']:.2f} s, peak {r['peak_mb']:.0f} MB")
