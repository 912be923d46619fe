"""The audit trail is tamper-evident and its identity is vouched for (issue 17, NEN 7513).

Tampering is done the way an attacker with full control would: as the SQLite file's owner
(dropping the append-only triggers) or as the PostgreSQL superuser (disabling them), then
``mdo-planner audit verify`` must name the event and exit 1.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from db import audit_chain
from db.models import AuditEvent
from mdo_planner.__main__ import main
from mdo_planner.services.base import Database, audit, open_database
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    database = open_database(backend_url(request))
    try:
        yield database
    finally:
        database.dispose()


def _five_events(db: Database) -> list[int]:
    ids = []
    for n in range(5):
        with db.session() as s:
            ids.append(
                audit(
                    s,
                    "case.view",
                    "case",
                    f"C{n}",
                    {"n": n},
                    case_ids=[f"C{n}"],
                    role="secretary",
                    user="alice",
                )
            )
    return ids


class _Tamper:
    """Statements run with the append-only guard switched off, as the owner/superuser."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def run(self, sql: str, **params: object) -> None:
        with self.db.engine.begin() as conn:
            if self.db.is_sqlite:
                conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
                conn.exec_driver_sql("DROP TRIGGER audit_events_no_delete")
                conn.execute(sa.text(sql), params)
                for event in ("UPDATE", "DELETE"):
                    conn.exec_driver_sql(
                        f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON "
                        "audit_events BEGIN SELECT RAISE(ABORT, 'append-only'); END"
                    )
            else:
                conn.exec_driver_sql("SET session_replication_role = replica")
                conn.execute(sa.text(sql), params)
                conn.exec_driver_sql("SET session_replication_role = DEFAULT")


def _verify(db: Database, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", db.url])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_an_intact_trail_verifies(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _five_events(db)
    code, text = _verify(db, capsys)
    assert code == 0, text
    assert "intact" in text and "6 events" in text  # database.create + 5


def test_a_deleted_event_is_named(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _five_events(db)
    _Tamper(db).run("DELETE FROM audit_events WHERE id = :i", i=ids[2])
    code, text = _verify(db, capsys)
    assert code == 1
    assert f"deleted between event {ids[1]} and event {ids[3]}" in text


def test_an_edited_event_is_named(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _five_events(db)
    _Tamper(db).run("UPDATE audit_events SET entity_id = 'C99' WHERE id = :i", i=ids[1])
    code, text = _verify(db, capsys)
    assert code == 1
    assert f"audit event {ids[1]} was changed" in text


def test_an_inserted_event_is_named(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """The forger even computes a correct-looking hash chained onto the event before: the
    event after it still points at its real predecessor, which gives the insertion away."""
    ids = _five_events(db)
    with db.engine.connect() as conn:
        before = (
            conn.execute(sa.select(AuditEvent.__table__).where(AuditEvent.id == ids[1]))
            .mappings()
            .one()
        )
    forged = {k: before[k] for k in audit_chain.HASHED}
    forged.update(entity_id="C42", case_ids=["C42"])
    forged["prev_hash"] = before["hash"]
    forged["hash"] = audit_chain.event_hash(before["hash"], forged)
    # Make room right after ids[1] by moving the later events up, then slip the forgery in.
    forged_id = ids[1] + 1
    tamper = _Tamper(db)
    tamper.run("UPDATE audit_events SET id = id + 100 WHERE id > :i", i=ids[1])
    with db.engine.begin() as conn:
        if not db.is_sqlite:
            # The server's identity trigger refuses a back-dated row from the superuser too,
            # unless the superuser switches the triggers off as well.
            conn.exec_driver_sql("SET session_replication_role = replica")
        conn.execute(sa.insert(AuditEvent.__table__).values(id=forged_id, **forged))
    code, text = _verify(db, capsys)
    assert code == 1
    assert f"audit event {forged_id} was inserted" in text


def test_inserted_without_a_hash_is_named(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _five_events(db)
    with db.engine.begin() as conn:
        conn.execute(
            sa.text(
                'INSERT INTO audit_events (at, "user", action, entity, outcome, flagged) '
                "VALUES (CURRENT_TIMESTAMP, "
                + ("'mallory'" if db.is_sqlite else "session_user")
                + ", 'case.view', 'case', 'success', false)"
            )
        )
        last = conn.execute(sa.text("SELECT max(id) FROM audit_events")).scalar_one()
    code, text = _verify(db, capsys)
    assert code == 1 and f"audit event {last} has no hash" in text


@pytest.mark.pg
def test_the_server_vouches_for_user_and_time(pg_url: str) -> None:
    """An INSERT with another user or another time is refused, the superuser's too."""
    db = open_database(pg_url)
    try:
        for column, value in (('"user"', "'dr_colleague'"), ("at", "now() - interval '3 days'")):
            with pytest.raises(DBAPIError, match="audit_events: the"), db.engine.begin() as conn:
                conn.execute(
                    sa.text(
                        f"INSERT INTO audit_events ({column}, action, entity) "
                        f"VALUES ({value}, 'case.update', 'case')"
                    )
                )
        with db.engine.begin() as conn:  # left out: filled in by the server
            conn.execute(sa.text("INSERT INTO audit_events (action, entity) VALUES ('x', 'y')"))
            user, at_now = conn.execute(
                sa.text("SELECT \"user\", at = now() FROM audit_events WHERE action = 'x'")
            ).one()
        assert user == "postgres"
        assert at_now is True  # the transaction's own server clock
    finally:
        db.dispose()


def test_schema_creation_is_the_first_chained_event(db: Database) -> None:
    with db.engine.connect() as conn:
        first = conn.execute(sa.select(AuditEvent).order_by(AuditEvent.id).limit(1)).one()
    assert first.action == "database.create"
    assert first.prev_hash == audit_chain.GENESIS and first.hash


def test_audit_export_writes_the_filtered_events(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _five_events(db)
    with db.session() as s:
        audit(s, "case.update", "case", "C3", case_ids=["C3"], user="bob")
    out = tmp_path / "trail.csv"
    assert main(["audit", "export", "--db", db.url, "--patient", "C3", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["action"] for r in rows] == ["case.view", "case.update"]
    assert {r["case_ids"] for r in rows} == {"C3"}
    assert {"id", "at", "user", "role", "outcome", "workstation", "purpose", "hash"} <= set(rows[0])
    today = dt.date.today().isoformat()
    assert (
        main(
            [
                "audit",
                "export",
                "--db",
                db.url,
                "--from",
                "2000-01-01",
                "--to",
                "2000-12-31",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    with out.open(encoding="utf-8", newline="") as f:
        assert list(csv.DictReader(f)) == []
    assert (
        main(
            [
                "audit",
                "export",
                "--db",
                db.url,
                "--from",
                today,
                "--to",
                "2000-01-01",
                "--out",
                str(out),
            ]
        )
        == 2
    )
    assert "lies after" in capsys.readouterr().err


def _age_first_events(db: Database, n: int, years: int = 6) -> None:
    """As the superuser: make the first ``n`` events ``years`` old and re-chain (test set-up
    only: the server never lets anyone back-date an event)."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
        else:
            conn.exec_driver_sql("SET session_replication_role = replica")
        ids = (
            conn.execute(sa.text("SELECT id FROM audit_events ORDER BY id LIMIT :n"), {"n": n})
            .scalars()
            .all()
        )
        old = dt.datetime.now(dt.UTC) - dt.timedelta(days=365 * years + 2)
        for i in ids:
            conn.execute(sa.update(AuditEvent.__table__).where(AuditEvent.id == i).values(at=old))
        audit_chain.rechain(conn)
        if db.is_sqlite:
            conn.exec_driver_sql(
                "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
                "BEGIN SELECT RAISE(ABORT, 'append-only'); END"
            )


def test_retention_purge_leaves_a_signed_checkpoint(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _five_events(db)
    _age_first_events(db, 3)
    key = tmp_path / "retention.key"
    key.write_bytes(b"a secret only the privacy officer has")
    recent = (dt.date.today() - dt.timedelta(days=365)).isoformat()
    assert main(["audit", "purge", "--db", db.url, "--before", recent, "--key", str(key)]) == 2
    assert "kept 5 years" in capsys.readouterr().err
    cutoff = (dt.date.today() - dt.timedelta(days=365 * 5 + 10)).isoformat()
    assert main(["audit", "purge", "--db", db.url, "--before", cutoff, "--key", str(key)]) == 0
    assert "purged 3 audit events" in capsys.readouterr().out
    with db.engine.connect() as conn:
        left = conn.execute(sa.text("SELECT id FROM audit_events ORDER BY id")).scalars().all()
    assert left[0] == ids[2] and left[-1] > ids[-1]  # the checkpoint is the newest event
    assert main(["audit", "verify", "--db", db.url, "--key", str(key)]) == 0, capsys.readouterr()
    capsys.readouterr()
    other = tmp_path / "other.key"
    other.write_bytes(b"somebody else's key, not the officer's")
    assert main(["audit", "verify", "--db", db.url, "--key", str(other)]) == 1
    assert "not signed with this key" in capsys.readouterr().out
    # Deleting the next event too is not covered by the checkpoint.
    _Tamper(db).run("DELETE FROM audit_events WHERE id = :i", i=ids[2])
    code, text = _verify(db, capsys)
    assert code == 1 and f"deleted before event {ids[3]}" in text
