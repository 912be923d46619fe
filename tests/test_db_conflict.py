"""Two people editing the same case: the second save gets a clear conflict, never a silent
overwrite (optimistic locking with the ``version`` column)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db import engine as dbengine
from db.models import Case, Hospital, Network, TumourGroup
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.services.base import Database, check_version, current_user, open_database
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    database = open_database(backend_url(request))
    with database.session() as s:
        hosp = Hospital(code="H1", name="Hospital 1", network=Network(code="N1", name="North"))
        s.add(
            Case(
                code="C1",
                patient_ref="P-1",
                hospital=hosp,
                tumour_group=TumourGroup(code="LUNG", name="Lung"),
                ready_date=dt.date(2027, 1, 4),
                due_date=dt.date(2027, 1, 14),
            )
        )
    try:
        yield database
    finally:
        database.dispose()


def _case(db: Database) -> Case:
    with db.session() as s:
        return s.scalars(sa.select(Case).where(Case.code == "C1")).one()


def _question(db: Database) -> str:
    return _case(db).question


def test_concurrent_transactions_second_save_conflicts(db: Database) -> None:
    """Both secretaries have the case open in a transaction; the first one saves."""
    with pytest.raises(ConflictError, match="reload and try again"), db.session() as second:
        theirs = second.scalars(sa.select(Case).where(Case.code == "C1")).one()
        with db.session() as first:
            mine = first.scalars(sa.select(Case).where(Case.code == "C1")).one()
            mine.question = "first secretary's question"
        theirs.question = "second secretary's question"
        second.flush()
    assert _question(db) == "first secretary's question"
    assert _case(db).version == 2


def test_stale_form_save_conflicts(db: Database) -> None:
    """The usual desktop flow: load into a form, someone else saves, then save the form."""
    loaded = _case(db)  # detached copy shown in secretary B's form
    with db.session() as s:  # secretary A saves first
        case = s.get(Case, loaded.id)
        assert case is not None
        case.question = "A's version"
    loaded.question = "B's version"
    with (
        pytest.raises(ConflictError, match="This case was changed by someone else"),
        db.session() as s,
    ):
        s.merge(loaded)
    assert _question(db) == "A's version"


def test_check_version_refuses_an_outdated_edit(db: Database) -> None:
    shown = _case(db)
    with db.session() as s:
        case = s.get(Case, shown.id)
        assert case is not None
        case.urgent = True
    with pytest.raises(ConflictError, match="This case"), db.session() as s:
        case = s.get(Case, shown.id)
        assert case is not None
        check_version(case, expected_version=shown.version)
        case.question = "never saved"
    assert _question(db) == ""


def test_saves_in_turn_do_not_conflict(db: Database) -> None:
    for text in ("one", "two", "three"):
        current = _case(db)
        with db.session() as s:
            case = s.get(Case, current.id)
            assert case is not None
            check_version(case, expected_version=current.version)
            case.question = text
    case = _case(db)
    assert (case.question, case.version) == ("three", 4)


def test_current_user_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MDO_PLANNER_USER", "secretaris.jansen")
    assert current_user() == "secretaris.jansen"
    monkeypatch.delenv("MDO_PLANNER_USER")
    assert current_user()


def test_write_sessions_wait_instead_of_conflicting_on_other_rows(db: Database) -> None:
    """Two units of work changing different rows at the same time both succeed."""
    started = threading.Event()
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            with db.session(write=True) as s:
                s.scalars(sa.select(Network)).one().name = "renamed meanwhile"
                started.set()
                # hold the write lock a moment while the main thread tries to write
                s.execute(sa.select(sa.func.count()).select_from(Network))
                threading.Event().wait(0.3)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            started.set()

    thread = threading.Thread(target=other_writer)
    thread.start()
    started.wait(5)
    with db.session(write=True) as s:
        s.scalars(sa.select(Case).where(Case.code == "C1")).one().question = "mine"
    thread.join(10)
    assert errors == []
    assert _question(db) == "mine"
    with db.session() as s:
        assert s.scalars(sa.select(Network)).one().name == "renamed meanwhile"


def test_readers_are_not_blocked_by_a_writer(db: Database) -> None:
    with db.session(write=True) as writer:
        writer.scalars(sa.select(Case)).one().question = "uncommitted"
        writer.flush()
        with db.session() as reader:
            assert reader.scalars(sa.select(Case.question)).one() == ""


def test_sqlite_reader_upgrading_while_another_writes_gets_a_clear_message(
    db: Database,
) -> None:
    """Without ``write=True`` a unit of work that read first cannot take the write lock from
    an ongoing writer: it fails with a message, and nothing of it is saved."""
    if not db.is_sqlite:
        pytest.skip("PostgreSQL locks rows, not the database")
    with db.session(write=True) as theirs:
        theirs.scalars(sa.select(Case).where(Case.code == "C1")).one().urgent = True
        theirs.flush()
        with pytest.raises(UserError, match="busy"), db.session() as mine:
            mine.scalars(sa.select(Case).where(Case.code == "C1")).one().question = "mine"
            mine.flush()
    case = _case(db)
    assert case.urgent and case.question == ""


@pytest.mark.pg
def test_postgresql_lock_wait_ends_with_a_message(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row held by a colleague's unfinished save: wait a bounded time, then say so."""
    monkeypatch.setattr(dbengine, "PG_LOCK_TIMEOUT_MS", 300)
    database = open_database(pg_url)
    try:
        with database.session() as s:
            s.add(Network(code="N1", name="North"))
        with database.session() as holder:
            holder.scalars(sa.select(Network)).one().name = "held"
            holder.flush()  # row locked until this block ends
            with pytest.raises(UserError, match="busy"), database.session() as waiter:
                waiter.scalars(sa.select(Network)).one().name = "waiting"
                waiter.flush()
        with database.session() as s:
            assert s.scalars(sa.select(Network.name)).one() == "held"
    finally:
        database.dispose()
