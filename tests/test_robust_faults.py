"""Faults of the machine, not of the input: a full disk during ``export``, ``solve --out`` and
``import``, a busy or lost database, and a bug. Expected faults exit 2 with a sentence; a bug
exits 1 with one sentence naming the log file, the traceback only in the log."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mdo_planner.contract_io import importer
from mdo_planner.infra import config
from mdo_planner.launcher import main
from tests.small_scenario import renamed, small_scenario


def _full(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small_scenario()), encoding="utf-8")
    return path


@pytest.fixture
def loaded(tmp_path: Path, scenario: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = config.sqlite_url(tmp_path / "planning.sqlite")
    assert main(["import", str(scenario), "--db", url]) == 0
    capsys.readouterr()
    return url


def _check_clean_refusal(rc: int, err: str, folder: Path) -> None:
    assert rc == 2, err
    assert "is full" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2
    assert not list(folder.glob(".*.tmp")), "a temporary file was left behind"


def test_export_on_a_full_disk(
    loaded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "export.json").write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _full)
    rc = main(["export", str(out / "export.json"), "--db", loaded])
    _check_clean_refusal(rc, capsys.readouterr().err, out)
    assert (out / "export.json").read_text(encoding="utf-8") == "old"


def test_solve_out_on_a_full_disk(
    scenario: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "plans"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", _full)
    rc = main(["solve", str(scenario), "--out", str(out / "plan.json"), "--greedy"])
    _check_clean_refusal(rc, capsys.readouterr().err, out)
    assert not (out / "plan.json").exists()


def test_import_on_a_full_disk(
    loaded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full_database(*_args: Any, **_kwargs: Any) -> None:
        raise sa.exc.OperationalError(
            "INSERT", {}, sqlite3.OperationalError("database or disk is full")
        )

    other = tmp_path / "other.json"
    other.write_text(json.dumps(renamed(small_scenario(), "X-")), encoding="utf-8")
    monkeypatch.setattr(importer, "insert_rows", full_database)
    rc = main(["import", str(other), "--db", loaded])
    _check_clean_refusal(rc, capsys.readouterr().err, tmp_path)


def test_a_busy_database_is_exit_2(
    loaded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def busy(*_args: Any, **_kwargs: Any) -> None:
        raise sa.exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))

    other = tmp_path / "other.json"
    other.write_text(json.dumps(renamed(small_scenario(), "X-")), encoding="utf-8")
    monkeypatch.setattr(importer, "insert_rows", busy)
    rc = main(["import", str(other), "--db", loaded])
    err = capsys.readouterr().err
    assert rc == 2 and "busy" in err and "Traceback" not in err


def test_a_lost_server_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    # Nothing listens on port 9 of this machine: the connection is refused at once.
    rc = main(["info", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/mdo"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2


def test_a_bug_is_exit_1_naming_the_log_and_the_details_stay_in_the_log(
    loaded: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mdo_planner.infra.logging_setup import teardown_logging

    patient = {"ref": "P-100001", "name": "Jansen"}

    def bug(*_args: Any, **_kwargs: Any) -> None:
        raise KeyError(f"{patient['ref']} {patient['name']}")  # a message with patient data

    other = tmp_path / "other.json"
    other.write_text(json.dumps(renamed(small_scenario(), "X-")), encoding="utf-8")
    monkeypatch.setattr(importer, "insert_rows", bug)
    try:
        rc = main(["import", str(other), "--db", loaded])
        err = capsys.readouterr().err
        log = config.log_dir() / "mdo-planner.log"
        assert rc == 1
        assert str(log) in err and "KeyError" in err
        assert "Traceback" not in err and "Jansen" not in err
        assert len(err.strip().splitlines()) == 1
        text = log.read_text(encoding="utf-8")
        assert "Traceback" in text and "KeyError" in text and "in bug" in text
        assert "Jansen" not in text and "P-100001" not in text
    finally:
        teardown_logging()


@pytest.mark.slow
def test_a_real_full_disk(tmp_path: Path, scenario: Path) -> None:
    """A 1 MB tmpfs: import, export and solve --out on a disk that really fills up."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        env = {**os.environ, "MDO_PLANNER_DATA_DIR": str(tmp_path / "data")}
        big = small_scenario()
        big["cases"] += [
            dict(big["cases"][0], id=f"B{i}", question="Q" * 2000) for i in range(1500)
        ]
        big_file = tmp_path / "big.json"
        big_file.write_text(json.dumps(big), encoding="utf-8")
        # leaves room for creating the schema (about 460 kB of WAL since revision 0007), so
        # that the import fills the disk while writing the data, not the schema
        (mount / "filler").write_bytes(b"\0" * 500_000)

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "mdo_planner", *args],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )

        db = f"sqlite:///{mount / 'db.sqlite'}"
        done_import = run("import", str(big_file), "--db", db)
        assert done_import.returncode == 2, done_import.stderr
        assert "full" in done_import.stderr and "Traceback" not in done_import.stderr
        local = f"sqlite:///{tmp_path / 'local.sqlite'}"
        assert run("import", str(big_file), "--db", local).returncode == 0
        done_export = run("export", str(mount / "out.json"), "--db", local)
        assert done_export.returncode == 2, done_export.stderr
        assert "disk is full" in done_export.stderr and "Traceback" not in done_export.stderr
        assert not (mount / "out.json").exists()
        done_solve = run("solve", str(big_file), "--out", str(mount / "plan.json"), "--greedy")
        assert done_solve.returncode == 2, done_solve.stderr
        assert "Traceback" not in done_solve.stderr
        assert not [p for p in mount.iterdir() if p.name.endswith(".tmp")]
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.pg
def test_a_postgresql_lock_timeout_is_busy_not_a_lost_connection(
    pg_url: str,
    tmp_path: Path,
    scenario: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A colleague holds the table: the import waits for the lock timeout, then says busy."""
    from db import engine as dbengine

    assert main(["import", str(scenario), "--db", pg_url]) == 0
    monkeypatch.setattr(dbengine, "PG_LOCK_TIMEOUT_MS", 300)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(renamed(small_scenario(), "X-")), encoding="utf-8")
    holder = sa.create_engine(pg_url)
    with holder.connect() as conn, conn.begin():
        conn.execute(sa.text("LOCK TABLE cases IN ACCESS EXCLUSIVE MODE"))
        capsys.readouterr()
        rc = main(["import", str(other), "--db", pg_url])
    holder.dispose()
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "busy" in err and "Traceback" not in err
