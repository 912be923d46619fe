"""Migrations: from empty and from released schemas, models equal to the migrated schema, a
verified backup before upgrading, all-or-nothing upgrades, and refusal of newer databases."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db import engine as dbengine
from db.models import (
    Assignment,
    AuditEvent,
    Base,
    Case,
    Discipline,
    Expert,
    Hospital,
    LeavePeriod,
    MeetingSession,
    Network,
)
from mdo_planner.errors import UserError
from mdo_planner.infra import config
from mdo_planner.services.base import Database, backup_dir, open_database
from tests.db_backends import BACKENDS, backend_url

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema_v*.sqlite"))


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    return backend_url(request)


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = open_database(url)
    try:
        yield database
    finally:
        database.dispose()


def _schema_differences(engine: sa.Engine) -> list[object]:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(ctx, Base.metadata))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- from empty


def test_migrating_an_empty_database_gives_the_models(db: Database) -> None:
    assert db.revision == dbengine.head_revision()
    assert dbengine.current_revision(db.engine) == dbengine.head_revision()
    assert _schema_differences(db.engine) == []


def test_migrated_check_constraints_match_the_models(db: Database) -> None:
    """Alembic's comparison skips CHECK constraints; these carry rules (echelons, statuses,
    override reasons) that must exist in every migrated database."""
    inspector = sa.inspect(db.engine)
    wanted: dict[str, set[str]] = {}
    found: dict[str, set[str]] = {}
    for table in Base.metadata.sorted_tables:
        wanted[table.name] = {
            str(c.name) for c in table.constraints if isinstance(c, sa.CheckConstraint)
        }
        found[table.name] = {str(c["name"]) for c in inspector.get_check_constraints(table.name)}
    assert found == wanted
    assert "ck_cases_override_has_reason" in found["cases"]
    assert sum(len(v) for v in wanted.values()) > 20


def test_reopening_is_a_no_op(url: str) -> None:
    first = open_database(url)
    first.dispose()
    second = open_database(url)
    try:
        assert second.revision == dbengine.head_revision()
        assert second.backup is None
        # No migration backup; the routine daily copy (mdo_planner.infra.backups) is another thing.
        assert not [p for p in backup_dir().iterdir() if "-daily-" not in p.name]
    finally:
        second.dispose()


def test_the_first_schema_creates_the_audit_triggers(db: Database) -> None:
    if db.engine.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    else:
        sql = (
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass "
            "AND NOT tgisinternal ORDER BY tgname"
        )
    with db.engine.connect() as conn:
        names = [r[0] for r in conn.execute(sa.text(sql))]
    guards = [n for n in names if n.startswith("audit_events_no_")]
    assert len(guards) == 2
    # PostgreSQL also fills in and enforces the login and the server's clock (revision 0006).
    assert set(names) - set(guards) == (set() if db.is_sqlite else {"audit_events_server_identity"})


# --------------------------------------------------------------------------- released schemas


def test_there_is_a_fixture_of_the_first_released_schema() -> None:
    assert FIXTURES / "schema_v1.sqlite" in RELEASED


@pytest.mark.parametrize("fixture", RELEASED, ids=[p.stem for p in RELEASED])
def test_upgrading_a_released_schema_keeps_the_data(fixture: Path) -> None:
    copy = config.data_dir() / fixture.name
    shutil.copyfile(fixture, copy)
    with closing(sqlite3.connect(copy)) as conn:
        old_revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    db = open_database(config.sqlite_url(copy))
    try:
        assert db.revision == dbengine.head_revision()
        assert _schema_differences(db.engine) == []
        if old_revision != dbengine.head_revision():
            assert db.backup is not None and db.backup.exists()
        with db.session() as s:
            case = s.scalars(sa.select(Case).where(Case.code == "C1")).one()
            assert case.patient_ref == "P-000123"
            assert [d.code for d in case.extra_disciplines] == ["CLIN_GEN"]
            assert case.required_level == "regional" and case.urgent
            expert = s.scalars(sa.select(Expert).where(Expert.code == "E1")).one()
            assert [h.code for h in expert.serves] == ["H1"]
            # Revision 0007 (care networks): every hospital of an older release is an
            # organisation of kind "hospital", its experts still work there, and no discipline
            # counts for the NVPO criterion until someone says so.
            assert expert.hospital.code == "H1" and expert.hospital.kind == "hospital"
            assert {h.kind for h in s.scalars(sa.select(Hospital))} == {"hospital"}
            assert {d.care_role for d in s.scalars(sa.select(Discipline))} == {None}
            assert [(lp.start.isoformat(), lp.end.isoformat()) for lp in expert.leave] == [
                ("2027-01-11", "2027-01-15")
            ]
            published = s.scalars(sa.select(Assignment).where(Assignment.published)).one()
            assert published.session.code == "S1"
            assert published.start_time is not None and published.start_time.hour == 16
            cancelled = s.scalars(sa.select(MeetingSession).where(MeetingSession.cancelled)).one()
            assert cancelled.cancel_reason == "feestdag"
            assert s.scalars(sa.select(Network)).one().weights == {"unplanned": 1000}
            assert s.scalars(
                sa.select(AuditEvent.action).where(AuditEvent.action == "plan.publish")
            ).all() == ["plan.publish"]
            # A row of the old release can be edited with the version check in force.
            case.question = "edited after the upgrade"
        with db.session() as s:
            assert s.scalars(sa.select(Case.version).where(Case.code == "C1")).one() == 4
    finally:
        db.dispose()


# --------------------------------------------------------------------------- refusals


def _stamp_future(url: str, revision: str = "9999_from_the_future") -> None:
    engine = dbengine.create_engine_for(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        engine.dispose()


def test_a_newer_sqlite_database_is_refused_and_left_byte_identical() -> None:
    path = config.data_dir() / "newer.sqlite"
    url = config.sqlite_url(path)
    open_database(url).dispose()
    _stamp_future(url)
    before = _digest(path)
    with pytest.raises(UserError, match=r"9999_from_the_future.*newer version.*left untouched"):
        open_database(url)
    with pytest.raises(UserError, match="newer version"):
        open_database(url, migrate=False)
    assert _digest(path) == before
    assert not any(backup_dir().glob("*")) if backup_dir().exists() else True


def test_a_newer_rollback_journal_file_is_not_even_switched_to_wal() -> None:
    """Opening through the engine would rewrite the header to WAL mode: the refusal must
    happen before that."""
    path = config.data_dir() / "legacy-newer.sqlite"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
        conn.execute("CREATE TABLE cases (id INTEGER PRIMARY KEY, wholly_new_column TEXT)")
    before = _digest(path)
    with pytest.raises(UserError, match="newer version"):
        open_database(config.sqlite_url(path))
    assert _digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()


@pytest.mark.pg
def test_a_newer_postgresql_database_is_refused_and_left_untouched(pg_url: str) -> None:
    open_database(pg_url).dispose()
    engine = dbengine.create_engine_for(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO networks (code, name, version) VALUES ('N1', 'x', 1)"))
    engine.dispose()
    _stamp_future(pg_url)
    with pytest.raises(UserError, match="newer version"):
        open_database(pg_url)
    engine = dbengine.create_engine_for(pg_url)
    try:
        assert dbengine.current_revision(engine) == "9999_from_the_future"
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM networks")).scalar_one() == 1
    finally:
        engine.dispose()


def test_a_foreign_database_is_refused(url: str) -> None:
    engine = dbengine.create_engine_for(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE patients (id INTEGER PRIMARY KEY)"))
    finally:
        engine.dispose()
    with pytest.raises(UserError, match="not created by this application"):
        open_database(url)
    engine = dbengine.create_engine_for(url)
    try:
        assert dbengine.user_tables(engine) == ["patients"]
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- upgrades with a
# second, test-only revision (the real history has one revision until the next release)

SECOND_REVISION = '''
"""Test-only revision: {doc}."""
import sqlalchemy as sa
from alembic import op

revision = "9002"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''

ADDS_A_TABLE = """
    op.create_table("extra", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO extra (id) VALUES (1)")
    op.execute("UPDATE networks SET name = 'renamed by 9002'")
"""

FAILS_HALFWAY = (
    ADDS_A_TABLE
    + """
    raise RuntimeError("simulated failure in the middle of a migration")
"""
)

# SQLite cannot add a NOT NULL column in place: batch mode copies the table, drops the old one
# and renames the copy. Children of experts (leave periods, served hospitals) must survive.
RECREATES_A_PARENT_TABLE = """
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("experts", recreate="always" if sqlite else "auto") as batch:
        batch.add_column(sa.Column("room", sa.String(20), nullable=False, server_default="-"))
"""

BREAKS_A_REFERENCE = """
    op.execute(
        "INSERT INTO hospitals (code, name, network_id, expert_centre, version) "
        "VALUES ('HX', 'orphan', 999999, false, 1)"
    )
"""


@pytest.fixture
def next_release(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Install a copy of the migrations plus a test-only revision 9002 after the real head."""

    def install(body: str) -> None:
        scripts = tmp_path / "migrations"
        shutil.copytree(
            dbengine.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__")
        )
        text = SECOND_REVISION.format(
            doc=body.strip().splitlines()[0], down=dbengine.head_revision(), body=body.rstrip()
        )
        (scripts / "versions" / "9002_test.py").write_text(text, encoding="utf-8")
        monkeypatch.setattr(dbengine, "MIGRATIONS_DIR", scripts)

    return install


def _open_at_first_revision(url: str) -> str:
    db = open_database(url)
    with db.session() as s:
        s.add(Network(code="N1", name="North"))
    first = db.revision
    db.dispose()
    assert first is not None
    return first


def test_a_verified_backup_is_made_before_upgrading(url: str, next_release) -> None:
    first = _open_at_first_revision(url)
    next_release(ADDS_A_TABLE)
    db = open_database(url)
    try:
        assert db.revision == "9002"
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT name FROM networks")).scalar_one() == (
                "renamed by 9002"
            )
            upgrade_events = conn.execute(
                sa.text("SELECT entity_id FROM audit_events WHERE action = 'database.upgrade'")
            ).all()
            assert upgrade_events == [("9002",)]
        if db.engine.dialect.name != "sqlite":
            # PostgreSQL is backed up by the server's own tooling (see docs/database.md).
            assert db.backup is None
            return
        assert db.backup is not None and db.backup.parent == backup_dir()
        assert db.backup.name.startswith(f"test-before-9002-from-{first}-")
        with closing(sqlite3.connect(db.backup)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
            assert conn.execute("SELECT name FROM networks").fetchall() == [("North",)]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            assert "extra" not in tables
    finally:
        db.dispose()


def test_a_failed_migration_leaves_the_database_as_it_was(url: str, next_release) -> None:
    first = _open_at_first_revision(url)
    path = dbengine.sqlite_path(url)
    next_release(FAILS_HALFWAY)
    with pytest.raises(UserError, match=r"rolled back.*unchanged.*simulated failure"):
        open_database(url)
    engine = dbengine.create_engine_for(url)
    try:
        assert dbengine.current_revision(engine) == first
        assert "extra" not in dbengine.user_tables(engine)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT name FROM networks")).scalar_one() == "North"
    finally:
        engine.dispose()
    if path is not None:
        backups = list(backup_dir().glob("*.sqlite"))
        assert len(backups) == 1  # the backup is kept, the original is intact as well


def test_backup_refuses_to_trust_a_copy_with_another_revision(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = config.data_dir() / "b.sqlite"
    db = open_database(config.sqlite_url(path))
    real_current = dbengine.current_revision
    monkeypatch.setattr(
        dbengine, "current_revision", lambda engine: "not-" + str(real_current(engine))
    )
    try:
        with pytest.raises(dbengine.BackupError, match="expected not-"):
            dbengine.backup_sqlite(db.engine, backup_dir(), label="check")
    finally:
        db.dispose()
    assert list(backup_dir().glob("*.sqlite")) == []


def test_recreating_a_parent_table_keeps_its_children(url: str, next_release) -> None:
    db = open_database(url)
    with db.session() as s:
        hosp = Hospital(code="H1", name="H1", network=Network(code="N1", name="North"))
        s.add(
            Expert(
                code="E1",
                name="Dr. A",
                hospital=hosp,
                serves=[hosp],
                discipline=Discipline(code="SURG", name="Surgeon"),
                leave=[LeavePeriod(start=dt.date(2027, 1, 11), end=dt.date(2027, 1, 15))],
            )
        )
    db.dispose()
    next_release(RECREATES_A_PARENT_TABLE)
    db = open_database(url)
    try:
        assert db.revision == "9002"
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM leave_periods")).scalar_one() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM expert_serves")).scalar_one() == 1
            assert conn.execute(sa.text("SELECT room FROM experts")).scalar_one() == "-"
            if db.engine.dialect.name == "sqlite":
                # foreign keys are back on for the connections the app uses afterwards
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        db.dispose()


def test_a_migration_that_breaks_references_is_rolled_back(url: str, next_release) -> None:
    first = _open_at_first_revision(url)
    next_release(BREAKS_A_REFERENCE)
    with pytest.raises(UserError, match="rolled back"):
        open_database(url)
    engine = dbengine.create_engine_for(url)
    try:
        assert dbengine.current_revision(engine) == first
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM hospitals")).scalar_one() == 0
    finally:
        engine.dispose()


def test_awkward_folder_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, next_release
) -> None:
    """Spaces, '#' and accents are common in Windows profile folders; the read-only peek and
    the backup open files through SQLite URIs, where these need escaping."""
    folder = tmp_path / "Gegevens van José #2"
    monkeypatch.setenv("MDO_PLANNER_DATA_DIR", str(folder))
    _open_at_first_revision(config.default_db_url())
    next_release(ADDS_A_TABLE)
    db = open_database()
    try:
        assert db.sqlite_file is not None and db.sqlite_file.parent == folder
        assert db.backup is not None and db.backup.parent == folder / "backups"
    finally:
        db.dispose()
    _stamp_future(config.default_db_url())
    with pytest.raises(UserError, match="newer version"):
        open_database()


def test_two_workstations_opening_an_empty_database_at_once(url: str) -> None:
    """Both succeed; the schema is created once (the second waits for the first's lock)."""
    import threading

    results: list[str | None] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def workstation() -> None:
        try:
            barrier.wait(5)
            db = open_database(url)
            results.append(db.revision)
            db.dispose()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=workstation) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert results == [dbengine.head_revision()] * 2
    engine = dbengine.create_engine_for(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    finally:
        engine.dispose()
