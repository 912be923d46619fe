"""``mdo-planner info`` (database, schema revision and counts, changing nothing) and
``mdo-planner migrate`` (create or upgrade the schema on purpose)."""

from __future__ import annotations

import datetime as dt

import pytest

from db import engine as dbengine
from db.models import Case, Hospital, Network, TumourGroup
from mdo_planner.infra import config
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    return backend_url(request)


def test_info_prints_revision_and_counts(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(url)
    with db.session() as s:
        net = Network(code="N1", name="North")
        hosp = Hospital(code="H1", name="H1", network=net)
        tg = TumourGroup(code="LUNG", name="Lung")
        s.add_all(
            [
                Case(
                    code=f"C{i}",
                    patient_ref=f"P{i}",
                    hospital=hosp,
                    tumour_group=tg,
                    ready_date=dt.date(2027, 1, 4),
                    due_date=dt.date(2027, 1, 14),
                )
                for i in range(3)
            ]
        )
    db.dispose()
    assert main(["info", "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"schema:    {dbengine.head_revision()} (up to date)" in out
    counts = {
        parts[0]: parts[1]
        for parts in (line.split() for line in out.splitlines() if line.startswith("  "))
    }
    assert counts["cases"] == "3"
    assert counts["hospitals"] == "1"
    assert counts["assignments"] == "0"
    assert "password" not in out


def test_info_on_the_default_database(capsys: pytest.CaptureFixture[str]) -> None:
    open_database().dispose()
    assert main(["info"]) == 0
    assert str(config.data_dir() / "mdo-planner.sqlite") in capsys.readouterr().out


def test_info_does_not_create_a_database(capsys: pytest.CaptureFixture[str]) -> None:
    target = config.data_dir() / "absent.sqlite"
    assert main(["info", "--db", config.sqlite_url(target)]) == 2
    assert "there is no database at" in capsys.readouterr().err
    assert not target.exists()


def test_the_database_named_before_the_command_is_the_one_used(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``mdo-planner --db URL info`` (the option before the command, as the desktop app
    takes it) worked on the default database: the command's own ``--db`` default replaced
    the one given first, so ``--db SERVER migrate`` would have migrated the local file."""
    target = config.data_dir() / "named.sqlite"
    open_database(config.sqlite_url(target)).dispose()
    assert main(["--db", config.sqlite_url(target), "info"]) == 0
    out = capsys.readouterr().out
    assert str(target) in out
    assert str(config.data_dir() / "mdo-planner.sqlite") not in out
    # after the command it is the command's own option, as before
    assert main(["info", "--db", config.sqlite_url(target)]) == 0
    assert str(target) in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["worklist"],
        ["export", "{tmp}/out.json"],
        ["report", "--from", "2027-01-04", "--to", "2027-01-08", "--out", "{tmp}/r.pdf"],
        ["ics", "--session", "S1", "--out", "{tmp}/s.ics"],
        ["agenda", "--session", "S1", "--pdf", "{tmp}/a.pdf"],
    ],
    ids=lambda a: a[0],
)
def test_a_reading_command_on_a_missing_file_says_so_and_creates_nothing(
    args: list[str], tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a mistyped --db, ``worklist`` printed "0 case(s)" and left an empty database
    behind (so did export, report, ics and agenda); they now refuse, like ``info``."""
    target = tmp_path / "typo.sqlite"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main([*argv, "--db", config.sqlite_url(target)]) == 2
    assert f"there is no database at {target}" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.pg
def test_info_on_an_empty_server_database(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert "schema:    (none) (empty" in out and "(no tables yet)" in out
    engine = dbengine.create_engine_for(pg_url)
    try:
        assert dbengine.user_tables(engine) == []
    finally:
        engine.dispose()


def test_info_refuses_a_newer_database(capsys: pytest.CaptureFixture[str]) -> None:
    url = config.sqlite_url(config.data_dir() / "newer.sqlite")
    open_database(url).dispose()
    engine = dbengine.create_engine_for(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    assert main(["info", "--db", url]) == 2
    assert "newer version" in capsys.readouterr().err


def test_migrate_creates_then_reports_up_to_date(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--db", url]) == 0
    assert f"schema (empty) -> {dbengine.head_revision()}" in capsys.readouterr().out
    assert main(["migrate", "--db", url]) == 0
    assert "is up to date, nothing to do" in capsys.readouterr().out


def test_migrate_refuses_a_newer_database(capsys: pytest.CaptureFixture[str]) -> None:
    url = config.sqlite_url(config.data_dir() / "newer.sqlite")
    open_database(url).dispose()
    engine = dbengine.create_engine_for(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    assert main(["migrate", "--db", url]) == 2
    assert "newer version" in capsys.readouterr().err
