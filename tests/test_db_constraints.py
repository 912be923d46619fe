"""The database itself refuses impossible data, on SQLite and PostgreSQL alike.

Each test goes around the ORM's Python-side checks where it can (plain SQL), because the point
is that no client, script or future bug can store these rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError

from db.models import (
    Assignment,
    AuditEvent,
    Case,
    Discipline,
    Hospital,
    MeetingSession,
    Network,
    PlanRun,
    TumourGroup,
)
from mdo_planner.services.base import Database, audit, open_database
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    database = open_database(backend_url(request))
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    """A minimal network: one hospital, one tumour group, one session, one case."""
    with db.session() as s:
        net = Network(code="N1", name="North")
        hosp = Hospital(code="H1", name="Hospital 1", network=net)
        disc = Discipline(code="SURG", name="Surgeon")
        tg = TumourGroup(code="BREAST", name="Breast", core_disciplines=[disc])
        ses = MeetingSession(
            code="S1",
            tumour_group=tg,
            echelon="local",
            hospital=hosp,
            date=dt.date(2027, 1, 5),
            start_time=dt.time(16, 0),
            duration_min=60,
        )
        case = Case(
            code="C1",
            patient_ref="P-1",
            hospital=hosp,
            tumour_group=tg,
            ready_date=dt.date(2027, 1, 4),
            due_date=dt.date(2027, 1, 14),
        )
        run = PlanRun(
            created_by="t",
            horizon_start=dt.date(2027, 1, 4),
            horizon_end=dt.date(2027, 1, 29),
            solver_status="OPTIMAL",
        )
        s.add_all([net, hosp, disc, tg, ses, case, run])
        s.flush()
        return {
            "network": net.id,
            "hospital": hosp.id,
            "tumour_group": tg.id,
            "session": ses.id,
            "case": case.id,
            "run": run.id,
            "discipline": disc.id,
        }


def _refused(db: Database, sql: str, params: dict[str, object] | None = None) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(sa.text(sql), params or {})


def test_foreign_keys_are_enforced(db: Database, ids: dict[str, int]) -> None:
    _refused(
        db,
        "INSERT INTO hospitals (code, name, network_id, expert_centre, version) "
        "VALUES ('H9', 'Nowhere', 999999, false, 1)",
    )


def test_restrict_keeps_referenced_rows(db: Database, ids: dict[str, int]) -> None:
    _refused(db, "DELETE FROM networks WHERE id = :i", {"i": ids["network"]})


def test_cascade_removes_dependent_rows(db: Database, ids: dict[str, int]) -> None:
    with db.session() as s:
        s.add(Assignment(case_id=ids["case"], session_id=ids["session"], plan_run_id=ids["run"]))
    with db.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM sessions WHERE id = :i"), {"i": ids["session"]})
        assert conn.execute(sa.text("SELECT count(*) FROM assignments")).scalar_one() == 0


@pytest.mark.parametrize(
    "sql",
    [
        # empty contract identifier
        "INSERT INTO networks (code, name, version) VALUES ('', 'x', 1)",
        # echelon outside the enumeration
        "UPDATE sessions SET echelon = 'national'",
        # non-positive session length
        "UPDATE sessions SET duration_min = 0",
        # negative minutes
        "UPDATE cases SET minutes = -1",
        # a BSN must have nine digits
        "UPDATE cases SET bsn = '12345'",
        # an override needs a reason and who made it
        "UPDATE cases SET override_level = 'regional'",
        # a case status outside the life cycle
        "UPDATE cases SET status = 'lost'",
    ],
)
def test_check_constraints(db: Database, ids: dict[str, int], sql: str) -> None:
    _refused(db, sql)


def test_override_with_reason_is_accepted(db: Database, ids: dict[str, int]) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE cases SET override_level = 'regional', override_reason = 'rare subtype', "
                "override_by = 'dr. X'"
            )
        )


def test_unique_codes(db: Database, ids: dict[str, int]) -> None:
    _refused(db, "INSERT INTO networks (code, name, version) VALUES ('N1', 'again', 1)")


def test_only_one_published_assignment_per_case(db: Database, ids: dict[str, int]) -> None:
    with db.session() as s:
        second_run = PlanRun(
            created_by="t",
            horizon_start=dt.date(2027, 1, 4),
            horizon_end=dt.date(2027, 1, 29),
            solver_status="FEASIBLE",
        )
        s.add(second_run)
        s.flush()
        # Any number of proposals (unpublished) may exist beside one published row.
        s.add_all(
            [
                Assignment(
                    case_id=ids["case"],
                    session_id=ids["session"],
                    plan_run_id=ids["run"],
                    published=True,
                ),
                Assignment(
                    case_id=ids["case"], session_id=ids["session"], plan_run_id=second_run.id
                ),
                Assignment(case_id=ids["case"], session_id=ids["session"], plan_run_id=None),
            ]
        )
    _refused(
        db,
        "INSERT INTO assignments (case_id, session_id, plan_run_id, pinned, published, "
        "manual_order, version) VALUES (:c, :s, NULL, false, true, false, 1)",
        {"c": ids["case"], "s": ids["session"]},
    )


def test_audit_events_are_append_only(db: Database) -> None:
    with db.session() as s:
        audit(s, "case.create", "case", 1, {"code": "C1"}, user="alice")
    with db.session() as s:
        event = s.scalars(sa.select(AuditEvent).where(AuditEvent.action == "case.create")).one()
        # PostgreSQL records the login the server vouches for; the name the application
        # passed is kept as "on behalf of". SQLite has no login: the name passed is the user.
        expected_user = "alice" if db.is_sqlite else "postgres"
        assert (event.user, event.action, event.entity_id) == (expected_user, "case.create", "1")
        assert event.on_behalf_of == (None if db.is_sqlite else "alice")
    for sql in ("UPDATE audit_events SET \"user\" = 'mallory'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(sa.text(sql))
    with db.engine.connect() as conn:
        users = conn.execute(
            sa.text("SELECT \"user\" FROM audit_events WHERE action = 'case.create'")
        )
        assert users.scalar_one() == expected_user
    if db.engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(sa.text("TRUNCATE audit_events"))
    # Appending still works.
    with db.session() as s:
        audit(s, "case.update", "case", 1, user="bob")
    with db.engine.connect() as conn:
        # the schema's creation (database.create) + the two events of this test
        assert conn.execute(sa.text("SELECT count(*) FROM audit_events")).scalar_one() == 3


def test_audit_rolls_back_with_the_change(db: Database, ids: dict[str, int]) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.session() as s:
        case = s.get(Case, ids["case"])
        assert case is not None
        case.question = "changed"
        audit(s, "case.update", "case", case.id, user="alice")
        raise Boom
    with db.session() as s:
        assert s.scalars(sa.select(AuditEvent.action)).all() == ["database.create"]
        case = s.get(Case, ids["case"])
        assert case is not None and case.question == ""
