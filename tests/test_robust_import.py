"""The 52 mutated scenario files through ``mdo-planner import`` on SQLite and PostgreSQL.

Each file ends in exit 0 or exit 2 naming the file and the JSON path (never a traceback), both
backends give the same verdict, and after a refusal every row of the database is as before.
The database already holds a network, so "unchanged" is checked against real rows.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from db import models as m
from mdo_planner.infra import config
from mdo_planner.launcher import main
from tests.mutated_scenarios import MUTATIONS, Mutation
from tests.small_scenario import renamed, small_scenario

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.pg),
]


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (a logical dump), to prove a refusal changed nothing."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            return {
                t.name: sorted(map(tuple, conn.execute(sa.select(t))), key=repr)
                for t in m.Base.metadata.sorted_tables
                if t.name in present
            }
    finally:
        engine.dispose()


def _write_json(path: Path, data: Any) -> Path:
    import json

    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database holding the network under other ids, made once and copied per test."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite"
    src = _write_json(folder / "old.json", renamed(small_scenario(), "OLD-"))
    assert main(["import", str(src), "--db", config.sqlite_url(path)]) == 0
    return path


def _database(backend: str, request: pytest.FixtureRequest, tmp_path: Path, template: Path) -> str:
    if backend == "sqlite":
        target = tmp_path / "db.sqlite"
        shutil.copy(template, target)
        return config.sqlite_url(target)
    url = str(request.getfixturevalue("pg_url"))
    src = _write_json(tmp_path / "old.json", renamed(small_scenario(), "OLD-"))
    assert main(["import", str(src), "--db", url]) == 0
    return url


def run_import(path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["import", str(path), "--db", url])
    return rc, capsys.readouterr().err


def check_verdict(mu: Mutation, rc: int, err: str, name: str) -> None:
    assert "Traceback" not in err
    assert rc == mu.exit, f"{mu.id}: exit {rc}, expected {mu.exit}: {err[:500]}"
    if rc == 2:
        assert name in err, err[:500]
        assert mu.where in err, f"{mu.id}: {mu.where!r} not in {err[:800]!r}"
        assert len(err) < 20_000  # a message for a person, not a parameter dump


@pytest.mark.parametrize("mu", MUTATIONS, ids=[mu.id for mu in MUTATIONS])
@pytest.mark.parametrize("backend", BACKENDS)
def test_mutated_scenario(
    mu: Mutation,
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = _database(backend, request, tmp_path, sqlite_template)
    path = tmp_path / f"{mu.id}.json"
    path.write_bytes(mu.make())
    before = snapshot(url)
    rc, err = run_import(path, url, capsys)
    check_verdict(mu, rc, err, path.name)
    if rc == 2:
        assert snapshot(url) == before
    else:
        assert len(snapshot(url)["cases"]) == len(before["cases"]) + 3


def test_the_same_verdict_on_both_backends(
    pg_url: str,
    tmp_path: Path,
    sqlite_template: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every file in one test, on both backends: the exit status and message agree."""
    for mu in MUTATIONS:
        path = tmp_path / f"{mu.id}.json"
        path.write_bytes(mu.make())
        lite = tmp_path / f"{mu.id}.sqlite"
        shutil.copy(sqlite_template, lite)
        rc_lite, err_lite = run_import(path, config.sqlite_url(lite), capsys)
        rc_pg, err_pg = run_import(path, pg_url, capsys)
        assert rc_lite == rc_pg, f"{mu.id}: SQLite {rc_lite}, PostgreSQL {rc_pg}"
        first = err_lite.splitlines()[:1], err_pg.splitlines()[:1]
        assert first[0] == first[1], f"{mu.id}: {first}"
        if rc_pg == 0:  # accepted: start the next file from an empty server database
            eng = sa.create_engine(pg_url)
            with eng.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
            eng.dispose()
