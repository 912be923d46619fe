"""The engine keeps SQLite's promises on every connection, and DDL is transactional."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from db import engine as dbengine
from mdo_planner.errors import UserError
from mdo_planner.infra import config
from mdo_planner.services.base import Database, open_database
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    return backend_url(request)


def _pragmas(conn: sa.Connection) -> tuple[int, str, int, int]:
    return (
        conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
        conn.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
        conn.exec_driver_sql("PRAGMA synchronous").scalar_one(),
        conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one(),
    )


def test_sqlite_pragmas_on_every_connection(tmp_path: Path) -> None:
    engine = dbengine.create_engine_for(f"sqlite:///{tmp_path / 'p.sqlite'}")
    try:
        # Several connections open at once: each one is new to the pool and must be set up.
        conns = [engine.connect() for _ in range(3)]
        try:
            for conn in conns:
                # synchronous=FULL is 2
                assert _pragmas(conn) == (1, "wal", 2, dbengine.SQLITE_BUSY_TIMEOUT_MS)
        finally:
            for conn in conns:
                conn.close()
        engine.dispose()  # brand-new connections after the pool was emptied
        with engine.connect() as conn:
            assert _pragmas(conn) == (1, "wal", 2, dbengine.SQLITE_BUSY_TIMEOUT_MS)
    finally:
        engine.dispose()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "deeper" / "still" / "db.sqlite"
    engine = dbengine.create_engine_for(f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        assert target.exists()
    finally:
        engine.dispose()


def test_ddl_is_rolled_back_with_its_transaction(url: str) -> None:
    """The sqlite3 driver would auto-commit CREATE TABLE; our BEGIN recipe must prevent it."""
    engine = dbengine.create_engine_for(url)
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
            conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
            trans.rollback()
        assert "scratch" not in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_sqlite_reads_are_repeatable_inside_a_transaction(tmp_path: Path) -> None:
    """With the driver's legacy mode, a SELECT would not begin a transaction, so a second read
    could see another connection's commit. SQLAlchemy's BEGIN makes the snapshot stable."""
    engine = dbengine.create_engine_for(f"sqlite:///{tmp_path / 'r.sqlite'}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        with engine.connect() as reader, reader.begin():
            assert reader.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0
            with engine.begin() as writer:
                writer.exec_driver_sql("INSERT INTO t VALUES (1)")
            assert reader.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 1
    finally:
        engine.dispose()


def test_open_database_uses_the_data_folder_by_default() -> None:
    db = open_database()
    try:
        assert db.sqlite_file == config.data_dir() / "mdo-planner.sqlite"
        assert db.sqlite_file is not None and db.sqlite_file.exists()
        assert db.display_name == "mdo-planner.sqlite"
        assert db.revision == dbengine.head_revision()
    finally:
        db.dispose()


def test_open_demo_database_lives_beside_the_real_one() -> None:
    db = open_database(demo=True)
    try:
        assert db.sqlite_file == config.data_dir() / "demo.sqlite"
    finally:
        db.dispose()


def test_environment_selects_the_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.sqlite"
    monkeypatch.setenv("MDO_PLANNER_DB", f"sqlite:///{target}")
    db = open_database()
    try:
        assert db.sqlite_file == target
    finally:
        db.dispose()


def test_display_name_never_shows_a_password() -> None:
    engine = dbengine.create_engine_for("postgresql+psycopg://alice:s3cret@db.example.org/mdo")
    db = Database("postgresql+psycopg://alice:s3cret@db.example.org/mdo", engine, revision=None)
    assert db.display_name == "db.example.org/mdo"
    assert "s3cret" not in repr(db)
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("nonsense", "not a valid database URL"),
        ("mysql+nosuchdriver://x@y/z", "not a valid database URL"),
    ],
)
def test_bad_urls_are_user_errors(url: str, fragment: str) -> None:
    with pytest.raises(UserError, match=fragment):
        open_database(url)


def test_unreachable_server_is_a_user_error() -> None:
    # Port 1 on localhost: refused at once, no waiting for a timeout.
    with pytest.raises(UserError, match=r"cannot open the database 127\.0\.0\.1/mdo"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/mdo")


def test_unwritable_sqlite_location_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="cannot create the database"):
        open_database(f"sqlite:///{blocker / 'db.sqlite'}")


def test_sqlite_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not an SQLite database, just some text" * 20)
    before = bogus.read_bytes()
    with pytest.raises(UserError, match=r"bogus\.sqlite"):
        open_database(f"sqlite:///{bogus}")
    assert bogus.read_bytes() == before


def test_peek_does_not_change_a_rollback_journal_file(tmp_path: Path) -> None:
    path = tmp_path / "legacy.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = path.read_bytes()
    assert dbengine.peek_sqlite_revision(path) == (None, True)
    assert path.read_bytes() == before


def test_timestamps_come_back_as_aware_utc(url: str) -> None:
    """SQLite drops the time zone, PostgreSQL keeps it: both must read back the same moment."""
    import datetime as dt

    from db import models as m

    db = open_database(url)
    try:
        moment = dt.datetime(2027, 1, 5, 16, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        with db.session() as s:
            # (not an audit event: on PostgreSQL the server sets their time itself)
            s.add(
                m.PlanRun(
                    created_at=moment,
                    created_by="anna",
                    solver_status="test",
                    horizon_start=dt.date(2027, 1, 4),
                    horizon_end=dt.date(2027, 1, 8),
                )
            )
        with db.session() as s:
            at = s.scalars(sa.select(m.PlanRun.created_at)).one()
        assert at.tzinfo is not None and at.utcoffset() == dt.timedelta(0)
        assert at == moment
    finally:
        db.dispose()
