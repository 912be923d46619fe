"""Storage faults: a damaged SQLite file, backups and restore, file modes, and the small ones
(``info`` on a zero-byte file, refused files without ``-wal``/``-shm``, the problem count)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from db import engine as dbengine
from mdo_planner.contract_io.scenario import ScenarioError, validate_scenario
from mdo_planner.infra import backups, config
from mdo_planner.infra.logging_setup import setup_logging, teardown_logging
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from mdo_planner.triage import default_rule_set, dumps_rule_set
from tests.small_scenario import renamed, small_scenario


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return [p.name for p in path.parent.glob(path.name + "-*")]


@pytest.fixture
def loaded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An SQLite database holding the small network, with a routine backup of it."""
    path = tmp_path / "planning.sqlite"
    scenario = tmp_path / "small.json"
    scenario.write_text(json.dumps(small_scenario()), encoding="utf-8")
    assert main(["import", str(scenario), "--db", config.sqlite_url(path)]) == 0
    open_database(config.sqlite_url(path)).dispose()  # the second open makes the daily copy
    capsys.readouterr()
    return path


def _damage(path: Path) -> None:
    """Overwrite the b-tree page headers of every data page (page 1 holds the file header and
    is left alone): what a failing disk or a half-copied file does."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for start in range(page_size, len(data), page_size):
        for offset in range(1, 5):  # first freeblock and number of cells
            data[start + offset] ^= 0x5A
    path.write_bytes(bytes(data))


def test_damaged_file_every_command_exits_2_naming_the_backup_and_restore_brings_it_back(
    loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = config.sqlite_url(loaded)
    newest = backups.newest_good_backup(loaded)
    assert newest is not None and newest.name.startswith("planning-daily-")
    _damage(loaded)
    assert dbengine.integrity_problem(loaded) is not None  # quick_check sees the damage
    damaged = _digest(loaded)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(renamed(small_scenario(), "X-")), encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text(dumps_rule_set(default_rule_set(), fmt="toml"), encoding="utf-8")
    commands = [
        ["info"],
        ["migrate"],
        ["import", str(other)],
        ["import", str(other), "--check"],
        ["export", str(tmp_path / "out.json")],
        ["plan", "--time-limit", "1"],
        ["agenda", "--session", "S1", "--pdf", str(tmp_path / "a.pdf")],
        ["ics", "--session", "S1", "--out", str(tmp_path / "s.ics")],
        ["demo"],
        ["triage-rules", "export", str(tmp_path / "r.toml")],
        ["triage-rules", "import", str(rules)],
    ]
    for command in commands:
        rc = main([*command, "--db", url])
        err = capsys.readouterr().err
        assert rc == 2, (command, err)
        assert "is damaged" in err and str(newest) in err, (command, err)
        assert f"mdo-planner restore {newest}" in err
        assert "Traceback" not in err
        assert _digest(loaded) == damaged, command  # nothing opened it for writing
        assert _siblings(loaded) == [], command

    assert main(["restore", str(newest), "--db", url]) == 0
    out = capsys.readouterr().out
    kept = next(tmp_path.glob("planning.sqlite.before-restore-*"))
    assert str(kept) in out
    assert _digest(kept) == damaged  # the damaged file is kept for the post-mortem
    assert main(["info", "--db", url]) == 0
    assert "integrity: ok" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "out.json"), "--db", url]) == 0
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert sorted(c["id"] for c in exported["cases"]) == ["C1", "C2", "C3"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad-backup.sqlite"
    bad.write_bytes(loaded.read_bytes())
    _damage(bad)
    before = _digest(loaded)
    assert main(["restore", str(bad), "--db", config.sqlite_url(loaded)]) == 2
    err = capsys.readouterr().err
    assert "integrity check" in err and "Nothing was changed" in err
    assert _digest(loaded) == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_restore_of_a_server_database_points_to_pg_restore(
    loaded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["restore", str(loaded), "--db", "postgresql+psycopg://u@db.example/mdo"]) == 2
    assert "pg_restore" in capsys.readouterr().err


def test_routine_backups_keep_n_generations(loaded: Path) -> None:
    import datetime as dt

    db = open_database(config.sqlite_url(loaded))
    try:
        later = dt.datetime.now(dt.UTC)
        made = []
        for day in range(1, backups.GENERATIONS + 4):
            copy = backups.backup_if_due(db, now=later + dt.timedelta(days=day))
            assert copy is not None
            stamp = (later + dt.timedelta(days=day, minutes=-1)).timestamp()
            os.utime(copy, (stamp, stamp))
            made.append(copy)
        assert backups.backup_if_due(db, now=later + dt.timedelta(days=1)) is None
    finally:
        db.dispose()
    kept = sorted(backups.backup_dir().glob("planning-daily-*.sqlite"))
    assert len(kept) == backups.GENERATIONS
    assert made[-1] in kept and made[0] not in kept
    for copy in kept:
        assert backups.is_good(copy, full=True)
        assert _mode(copy) == 0o600


def test_files_and_folders_are_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "fresh" / "data"
    monkeypatch.setenv("MDO_PLANNER_DATA_DIR", str(data))
    log = setup_logging("test")
    try:
        assert log is not None and _mode(log) == 0o600
        assert _mode(log.parent) == 0o700
        assert _mode(data) == 0o700
        db_path = tmp_path / "new-folder" / "planning.sqlite"
        db = open_database(config.sqlite_url(db_path))
        try:
            assert _mode(db_path) == 0o600
            assert _mode(db_path.parent) == 0o700
            with db.session(write=True):
                wal = db_path.with_name(db_path.name + "-wal")
                assert wal.exists() and _mode(wal) == 0o600
            copy = dbengine.backup_sqlite(db.engine, backups.backup_dir(), label="test")
            assert _mode(copy) == 0o600
            assert _mode(copy.parent) == 0o700
        finally:
            db.dispose()
    finally:
        teardown_logging()


def test_info_leaves_a_zero_byte_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    assert main(["info", "--db", config.sqlite_url(path)]) == 0
    assert "no tables yet" in capsys.readouterr().out
    assert path.stat().st_size == 0
    assert _siblings(path) == []


def test_a_refused_newer_file_gets_no_wal_or_shm_siblings(
    loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(loaded) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    conn.close()
    assert _siblings(loaded) == []
    before = _digest(loaded)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(renamed(small_scenario(), "X-")), encoding="utf-8")
    for command in (["info"], ["import", str(other)], ["migrate"]):
        assert main([*command, "--db", config.sqlite_url(loaded)]) == 2
        assert "newer version" in capsys.readouterr().err
        assert _siblings(loaded) == [], command
        assert _digest(loaded) == before


def test_the_problem_count_counts_every_problem() -> None:
    data = small_scenario()
    data["cases"] = [dict(data["cases"][0], id=f"C{i}", ready="not a date") for i in range(1187)]
    data["previous_plan"] = []
    with pytest.raises(ScenarioError) as caught:
        validate_scenario(data, source="bad.json")
    text = str(caught.value)
    assert text.splitlines()[0] == "bad.json: 1187 problems found:"
    assert "... and 1137 more problem(s)" in text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forty_random_flipped_bytes_never_end_in_a_traceback(
    seed: int, loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Damage the quick check may not see (record contents rather than page structure):
    every command still ends in exit 0 or a clean exit 2, never a bug's exit 1."""
    import random

    with sqlite3.connect(loaded) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(loaded.read_bytes())
    rng = random.Random(seed)
    for _ in range(40):
        pos = rng.randrange(page_size, len(data))
        data[pos] ^= 1 << rng.randrange(8)
    loaded.write_bytes(bytes(data))
    url = config.sqlite_url(loaded)
    for command in (
        ["info"],
        ["export", str(tmp_path / "out.json")],
        ["plan", "--time-limit", "1"],
        ["migrate"],
    ):
        rc = main([*command, "--db", url])
        err = capsys.readouterr().err
        assert rc in (0, 2), (command, err)
        assert "Traceback" not in err


def test_text_that_is_not_utf8_inside_a_record_is_reported_as_damage(
    loaded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Damage inside a record's text passes the quick check (the pages are sound): reading
    the row then fails, and that too is "damaged, restore the newest backup", exit 2, with
    the text itself kept out of the message and the log."""
    with sqlite3.connect(loaded) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = loaded.read_bytes()
    at = data.index(b"Adjuvant treatment after surgery?")
    loaded.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    assert dbengine.integrity_problem(loaded) is None  # the quick check cannot see it
    newest = backups.newest_good_backup(loaded)
    log = setup_logging("test")
    try:
        rc = main(["export", str(tmp_path / "out.json"), "--db", config.sqlite_url(loaded)])
        err = capsys.readouterr().err
        assert rc == 2, err
        assert "is damaged" in err and str(newest) in err and "Traceback" not in err
        assert log is not None
        assert "treatment after surgery" not in log.read_text(encoding="utf-8")
        assert "treatment after surgery" not in err
    finally:
        teardown_logging()


def test_backups_of_another_database_are_never_offered(tmp_path) -> None:
    """Review finding: ``mdo-planner-demo-daily-...`` matched the glob of ``mdo-planner``, and
    without a known file the newest backup of any database was offered for restoring."""
    from mdo_planner.infra import config, failures

    folder = config.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    for name in (
        "mdo-planner-demo-daily-20270101T000000000000Z.sqlite",
        "other-before-0002-from-0001-20270102T000000000000Z.sqlite",
    ):
        sqlite3.connect(folder / name).close()
    own = tmp_path / "mdo-planner.sqlite"
    assert backups._backups("mdo-planner") == []
    assert backups.newest_good_backup(own) is None
    assert [p.name for p in backups._backups("mdo-planner-demo")] == [
        "mdo-planner-demo-daily-20270101T000000000000Z.sqlite"
    ]
    unknown = failures.damaged_message()
    assert "--db URL" in unknown and "demo" not in unknown
    sqlite3.connect(folder / "mdo-planner-daily-20270103T000000000000Z.sqlite").close()
    known = failures.damaged_message(own)
    assert f"--db {config.sqlite_url(own)}" in known


def test_a_disk_io_error_is_not_called_damage() -> None:
    from mdo_planner.infra import failures

    msg = failures.expected_failure(sqlite3.OperationalError("disk I/O error"))
    assert msg is not None and "read/write error" in msg and "restore" not in msg
