"""Per-hospital access, roles and server-vouched identity on the real PostgreSQL server
(issue 17's acceptance list).

Two secretaries of two hospitals and a clinician are created with ``mdo-planner users add``;
then everything is tried as secretary A, directly with SQL (psql when installed) and through
the application's services.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from db.models import (
    Assignment,
    Attendance,
    AuditEvent,
    Case,
    Discipline,
    Hospital,
    MeetingSession,
    Network,
    PlanRun,
    TumourGroup,
)
from mdo_planner.__main__ import main
from mdo_planner.errors import UserError
from mdo_planner.services import cases_service
from mdo_planner.services.base import open_database

pytestmark = pytest.mark.pg


@pytest.fixture
def world(
    pg_url: str, pg_login: Any, capsys: pytest.CaptureFixture[str]
) -> Iterator[dict[str, Any]]:
    """Hospital A hosts a regional session with one of B's cases on its agenda."""
    owner = open_database(pg_url)
    with owner.session() as s:
        net = Network(code="N1", name="North")
        ha = Hospital(code="HA", name="Hospital A", network=net)
        hb = Hospital(code="HB", name="Hospital B", network=net)
        disc = Discipline(code="SURG", name="Surgeon")
        tg = TumourGroup(code="BREAST", name="Breast", core_disciplines=[disc])
        day = dt.date(2027, 1, 5)
        sa_ = MeetingSession(
            code="SA",
            tumour_group=tg,
            echelon="regional",
            hospital=ha,
            date=day,
            start_time=dt.time(16),
            duration_min=60,
        )
        sb = MeetingSession(
            code="SB",
            tumour_group=tg,
            echelon="local",
            hospital=hb,
            date=day,
            start_time=dt.time(16),
            duration_min=60,
        )
        cases = {}
        for code, hosp in (("A1", ha), ("A2", ha), ("B1", hb), ("B2", hb)):
            cases[code] = Case(
                code=code,
                patient_ref=f"P-{code}",
                patient_name=f"Name {code}",
                bsn=None,
                hospital=hosp,
                tumour_group=tg,
                ready_date=day,
                due_date=day + dt.timedelta(days=9),
                complexity={"stage": "I"},
            )
        s.add_all([net, ha, hb, disc, tg, sa_, sb, *cases.values()])
        s.flush()
        s.add(Assignment(case=cases["B1"], session=sa_, published=True))
        s.add(Assignment(case=cases["B2"], session=sb, published=True))
    logins = {}
    for short, role, hosp in (
        ("sec_a", "secretary", "HA"),
        ("sec_b", "secretary", "HB"),
        ("clin_a", "clinician", "HA"),
    ):
        login, url = pg_login(short)
        assert (
            main(
                [
                    "users",
                    "add",
                    login,
                    "--name",
                    f"Person {short}",
                    "--role",
                    role,
                    "--hospital",
                    hosp,
                    "--db",
                    pg_url,
                ]
            )
            == 0
        ), capsys.readouterr().err
        logins[short] = (login, url)
    capsys.readouterr()
    yield {"owner": owner, "logins": logins, "url": pg_url}
    owner.dispose()


def _as(world: dict[str, Any], short: str) -> sa.Engine:
    return sa.create_engine(world["logins"][short][1])


def test_users_list_and_disable(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "list", "--db", world["url"]]) == 0
    out = capsys.readouterr().out
    sec_a = world["logins"]["sec_a"][0]
    assert f"{sec_a}\tPerson sec_a\tsecretary\tHA" in out
    # A secretary is no admin: refused, and the refusal is in the trail.
    assert main(["users", "list", "--db", world["logins"]["sec_a"][1]]) == 2
    assert "may not do users.manage" in capsys.readouterr().err
    assert main(["users", "disable", world["logins"]["sec_b"][0], "--db", world["url"]]) == 0
    with pytest.raises(sa.exc.OperationalError, match="not permitted to log in"):
        _as(world, "sec_b").connect()
    with world["owner"].engine.connect() as conn:
        denied = conn.execute(
            sa.select(AuditEvent.user, AuditEvent.outcome).where(
                AuditEvent.action == "users.manage"
            )
        ).all()
    assert denied == [(sec_a, "denied")]


def test_secretary_a_sees_own_cases_and_those_on_sessions_a_hosts(world: dict[str, Any]) -> None:
    eng = _as(world, "sec_a")
    try:
        with eng.connect() as conn:
            codes = conn.execute(sa.text("SELECT code FROM cases ORDER BY code")).scalars().all()
            assert codes == ["A1", "A2", "B1"]
            assert conn.execute(sa.text("SELECT count(*) FROM cases")).scalar_one() == 3
            # The assignment of B's other case to B's own session is invisible too.
            assert conn.execute(sa.text("SELECT count(*) FROM assignments")).scalar_one() == 1
        with eng.begin() as conn:
            updated = conn.execute(
                sa.text("UPDATE cases SET question = 'changed' WHERE code = 'B2'")
            ).rowcount
            deleted = conn.execute(sa.text("DELETE FROM cases WHERE code = 'B2'")).rowcount
        assert (updated, deleted) == (0, 0)
        for column, value in (
            ('"user"', f"'{world['logins']['sec_b'][0]}'"),
            ("at", "now() - interval '1 day'"),
        ):
            with pytest.raises(DBAPIError, match="audit_events: the"), eng.begin() as conn:
                conn.execute(
                    sa.text(
                        f"INSERT INTO audit_events ({column}, action, entity) "
                        f"VALUES ({value}, 'case.update', 'case')"
                    )
                )
        with pytest.raises(DBAPIError, match="permission denied"), eng.begin() as conn:
            conn.execute(sa.text("UPDATE audit_events SET action = 'x'"))
        with pytest.raises(DBAPIError, match="permission denied"), eng.begin() as conn:
            conn.execute(sa.text("SELECT details FROM audit_events"))
    finally:
        eng.dispose()
    with world["owner"].engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM cases")).scalar_one() == 4


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql is not installed")
def test_the_same_with_psql(world: dict[str, Any]) -> None:
    url = sa.engine.make_url(world["logins"]["sec_a"][1])
    cmd = [
        "psql",
        "-X",
        "-A",
        "-t",
        "-h",
        url.host or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "",
        "-d",
        url.database or "",
    ]
    out = subprocess.run(
        [*cmd, "-c", "select count(*) from cases"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "3"
    out = subprocess.run(
        [*cmd, "-c", "update cases set question = 'x' where code = 'B2'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "UPDATE 0"
    out = subprocess.run(
        [*cmd, "-c", "delete from cases where code = 'B2'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "DELETE 0"
    res = subprocess.run(
        [
            *cmd,
            "-c",
            "insert into audit_events (at, action, entity) values "
            "(now() - interval '1 day', 'x', 'y')",
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode != 0 and "the time of an event is the server's clock" in res.stderr


def test_secretary_a_through_the_services(world: dict[str, Any]) -> None:
    db = open_database(world["logins"]["sec_a"][1])
    try:
        assert cases_service.count_cases(db) == 3
        ids = cases_service.list_case_ids(db)
        codes = {r.code for r in cases_service.case_rows(db, ids)}
        assert codes == {"A1", "A2", "B1"}
    finally:
        db.dispose()


def _case_id(world: dict[str, Any], code: str) -> int:
    with world["owner"].engine.connect() as conn:
        return int(
            conn.execute(sa.text("SELECT id FROM cases WHERE code = :c"), {"c": code}).scalar_one()
        )


def test_only_a_clinician_confirms_a_triage_level(world: dict[str, Any]) -> None:
    case_id = _case_id(world, "A1")
    sec = open_database(world["logins"]["sec_a"][1])
    clin = open_database(world["logins"]["clin_a"][1])
    try:
        with clin.session() as s:
            from mdo_planner.services import triage_service

            triage_service.triage_case(s, case_id, user="clin")
        with pytest.raises(
            UserError,
            match=r"may not do triage\.decide: that needs the role "
            "clinician",
        ):
            cases_service.confirm_level(sec, case_id, user="sec")
        cases_service.confirm_level(clin, case_id, user="clin")
        # A secretary records a decision "on behalf of Dr X": allowed, both names recorded.
        cases_service.override_level(
            sec, case_id, "regional", "MDO decided", on_behalf_of="Dr X", user="sec"
        )
    finally:
        sec.dispose()
        clin.dispose()
    sec_a, clin_a = world["logins"]["sec_a"][0], world["logins"]["clin_a"][0]
    with world["owner"].engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                AuditEvent.user,
                AuditEvent.action,
                AuditEvent.outcome,
                AuditEvent.role,
                AuditEvent.on_behalf_of,
                AuditEvent.case_ids,
            )
            .where(AuditEvent.action.in_(["triage.decide", "triage.confirm", "triage.override"]))
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (sec_a, "triage.decide", "denied", "secretary", "sec", ["A1"]),
        (clin_a, "triage.confirm", "success", "clinician", "clin", ["A1"]),
        (sec_a, "triage.override", "success", "secretary", "Dr X", ["A1"]),
    ]


def test_only_an_admin_imports_a_rule_set(
    world: dict[str, Any], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from mdo_planner.triage import default_rule_set

    path = tmp_path / "rules.json"
    rs = default_rule_set()
    doc = rs.to_document()
    doc["id"], doc["version"] = "protocol-for-everything", 1
    import json

    path.write_text(json.dumps(doc), encoding="utf-8")
    for short in ("sec_a", "clin_a"):
        code = main(["triage-rules", "import", str(path), "--db", world["logins"][short][1]])
        assert code == 2
        assert "may not do rule_set.import: that needs the role admin" in capsys.readouterr().err
    with world["owner"].engine.connect() as conn:
        assert (
            conn.execute(
                sa.text(
                    "SELECT count(*) FROM triage_rule_sets WHERE name = 'protocol-for-everything'"
                )
            ).scalar_one()
            == 0
        )
        outcomes = (
            conn.execute(
                sa.select(AuditEvent.outcome).where(AuditEvent.action == "rule_set.import")
            )
            .scalars()
            .all()
        )
    assert outcomes == ["denied", "denied"]


def test_break_the_glass(world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """A's clinician cannot see B's other case until breaking the glass with a reason;
    a secretary cannot break the glass; the access is flagged in the trail."""
    clin_url, sec_url = world["logins"]["clin_a"][1], world["logins"]["sec_a"][1]
    eng = sa.create_engine(clin_url)
    try:
        with eng.connect() as conn:
            assert (
                conn.execute(sa.text("SELECT count(*) FROM cases WHERE code = 'B2'")).scalar_one()
                == 0
            )
        assert main(["cases", "break-glass", "B2", "--reason", "", "--db", clin_url]) == 2
        assert "needs a reason" in capsys.readouterr().err
        assert main(["cases", "break-glass", "B2", "--reason", "x", "--db", sec_url]) == 2
        assert "may not do break_glass" in capsys.readouterr().err
        assert (
            main(["cases", "break-glass", "B2", "--reason", "referred at night", "--db", clin_url])
            == 0
        )
        with eng.connect() as conn:
            assert (
                conn.execute(sa.text("SELECT count(*) FROM cases WHERE code = 'B2'")).scalar_one()
                == 1
            )
        with pytest.raises(DBAPIError, match=r"append-only|permission denied"), eng.begin() as conn:
            conn.execute(sa.text("UPDATE break_glass SET until = now() + interval '1 year'"))
    finally:
        eng.dispose()
    # Secretary A still does not see it.
    sec = sa.create_engine(sec_url)
    try:
        with sec.connect() as conn:
            assert (
                conn.execute(sa.text("SELECT count(*) FROM cases WHERE code = 'B2'")).scalar_one()
                == 0
            )
    finally:
        sec.dispose()
    with world["owner"].engine.connect() as conn:
        rows = conn.execute(
            sa.select(AuditEvent.user, AuditEvent.outcome, AuditEvent.flagged, AuditEvent.purpose)
            .where(AuditEvent.action.in_(["case.break_glass", "break_glass"]))
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (world["logins"]["sec_a"][0], "denied", False, None),
        (world["logins"]["clin_a"][0], "success", True, "referred at night"),
    ]


def test_a_hospital_secretary_plans_only_the_sessions_her_hospital_hosts(
    pg_url: str, pg_login: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A network planner's plan is published; hospital A's secretary then re-plans: every
    session another hospital hosts keeps exactly its published cases and attendees."""
    from mdo_planner.contract_io.importer import import_scenario
    from mdo_planner.contract_io.scenario import load_scenario
    from mdo_planner.services import plan_review as pr
    from tests.conftest import TINY

    owner = open_database(pg_url)
    try:
        import_scenario(owner, load_scenario(TINY), "tester", source="tiny.json")
        with owner.session() as s:
            s.execute(sa.update(Case).values(status="ready"))
            host = s.execute(
                sa.select(Hospital.code, Hospital.id)
                .join(MeetingSession, MeetingSession.hospital_id == Hospital.id)
                .order_by(Hospital.id)
                .limit(1)
            ).one()
        h0, h1 = dt.date(2027, 1, 4), dt.date(2027, 1, 15)
        first = pr.propose_plan(owner, h0, h1, 2, None, user="planner")
        pr.publish_run(owner, first, today=dt.date(2027, 1, 1), user="planner")
        login, url = pg_login("sec_host")
        assert (
            main(
                [
                    "users",
                    "add",
                    login,
                    "--name",
                    "Secretary",
                    "--role",
                    "secretary",
                    "--hospital",
                    host.code,
                    "--db",
                    pg_url,
                ]
            )
            == 0
        ), capsys.readouterr().err
        sec = open_database(url)
        try:
            second = pr.propose_plan(sec, h0, h1, 2, None, user="sec")
        finally:
            sec.dispose()
        with owner.session() as s:

            def placed(run: int) -> set[tuple[int, int]]:
                return set(
                    s.execute(
                        sa.select(Assignment.case_id, Assignment.session_id)
                        .join(MeetingSession)
                        .where(Assignment.plan_run_id == run, MeetingSession.hospital_id != host.id)
                    ).all()
                )

            def staffed(run: int, ids: set[int]) -> set[tuple[int, int]]:
                return set(
                    s.execute(
                        sa.select(Attendance.session_id, Attendance.expert_id).where(
                            Attendance.plan_run_id == run, Attendance.session_id.in_(ids)
                        )
                    ).all()
                )

            before, after = placed(first), placed(second)
            assert after <= before and before  # nothing new on others' sessions
            kept = {sid for _, sid in after}
            assert staffed(second, kept) == staffed(first, kept)
            summary = s.get(PlanRun, second).summary
            assert summary["held_for_other_hospitals"]
    finally:
        owner.dispose()


def test_the_status_bar_names_the_login_the_trail_records(world: dict[str, Any]) -> None:
    from mdo_planner.services import app_service

    sec = open_database(world["logins"]["sec_a"][1])
    try:
        assert (
            app_service.who(sec, user="osuser") == f"{world['logins']['sec_a'][0]} (secretary, HA)"
        )
    finally:
        sec.dispose()
    assert "schema owner: not for daily work" in app_service.who(world["owner"], user="osuser")


def test_referrals_follow_their_case_like_every_patient_table(world: dict[str, Any]) -> None:
    """Issue 15: a referral to a care network is patient data; secretary A sees the
    referrals of the cases she sees, no others, and may register one (the grant)."""
    from db.models import CareNetwork, Referral

    with world["owner"].session() as s:
        tg = TumourGroup(code="CN-X", name="Care network X")
        cn = CareNetwork(
            code="X",
            name="Care network X",
            tumour_group=tg,
            region=["5611"],
            network=s.scalars(sa.select(Network)).one(),
        )
        s.add_all([tg, cn])
        s.flush()
        for code in ("A1", "B2"):
            case = s.scalars(sa.select(Case).where(Case.code == code)).one()
            s.add(
                Referral(
                    case_id=case.id,
                    care_network_id=cn.id,
                    source="gp",
                    complaints=["fatigue"],
                    referred_by="GP",
                    routing="",
                )
            )
    eng = _as(world, "sec_a")
    try:
        with eng.connect() as conn:
            seen = conn.execute(
                sa.text("SELECT c.code FROM referrals r JOIN cases c ON c.id = r.case_id")
            ).scalars()
            assert list(seen) == ["A1"]
            assert conn.execute(sa.text("SELECT count(*) FROM referrals")).scalar_one() == 1
        with eng.begin() as conn:
            assert (
                conn.execute(
                    sa.text(
                        "UPDATE referrals SET referred_by = 'x' WHERE case_id = "
                        "(SELECT id FROM cases WHERE code = 'A2')"
                    )
                ).rowcount
                == 0
            )
            conn.execute(
                sa.text(
                    "INSERT INTO referrals (case_id, care_network_id, source, complaints, "
                    "referred_by, routing, created_at, version) SELECT c.id, n.id, 'gp', "
                    "'[\"pain\"]', 'GP', '', now(), 1 FROM cases c, care_networks n "
                    "WHERE c.code = 'A2'"
                )
            )
        # a referral of hospital B's case cannot be written by A's secretary
        with pytest.raises(DBAPIError, match="row-level security"), eng.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO referrals (case_id, care_network_id, source, complaints, "
                    "referred_by, routing, created_at, version) SELECT "
                    f"{_case_id(world, 'B2')}, n.id, 'gp', '[]', 'GP', '', now(), 1 "
                    "FROM care_networks n"
                )
            )
    finally:
        eng.dispose()
