"""Care networks in the database (issue 15): Network setup's criterion check, ``networks
check``, referrals registered and routed, and planned by ``propose_plan`` like any case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.launcher import main
from mdo_planner.services import care_service as cs
from mdo_planner.services import plan_review
from mdo_planner.services.base import Database, open_database
from tests.db_backends import BACKENDS, backend_url

MONDAY = dt.date.today() + dt.timedelta(days=7 - dt.date.today().weekday())
#: a Thursday whose supra-regional cut-off (5 working days: the Thursday before, MONDAY + 3)
#: is after today whatever the weekday: at MONDAY + 3 a referral registered on a Friday to
#: Sunday was late for it, and the tests that plan one failed on those days
CONSULTATION_DAY = MONDAY + dt.timedelta(days=10)


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    return backend_url(request)


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = open_database(url)
    try:
        with database.session() as s:
            s.add(m.Network(code="N1", name="Oncologienetwerk 1"))
        cs.add_organisation(database, "H1", "Ziekenhuis 1", "hospital", "N1", user="t")
        cs.add_organisation(
            database,
            "GP1",
            "Huisartsen Zuid",
            "gp_practice",
            "N1",
            "5612 AB",
            "Eindhoven",
            user="t",
        )
        cs.add_organisation(
            database, "PARA", "Paramedisch Centrum", "paramedical_practice", "N1", user="t"
        )
        yield database
    finally:
        database.dispose()


def _network(db: Database, code: str, pros: list[tuple[str, str]], region: list[str]) -> int:
    for pcode, disc in pros:
        cs.add_professional(
            db, pcode, f"Name {pcode}", disc, "PARA", max_sessions_per_week=2, user="t"
        )
    return cs.save_care_network(
        db,
        cs.CareNetworkInput(
            code=code,
            name=f"Network {code}",
            network="N1",
            region=region,
            contact_name="J. Contact",
            organisations=["PARA", "GP1"],
            professionals=[p for p, _d in pros],
            agreements=[("H1", "aftercare")],
            core_disciplines=["PHYSIO", "PSYCH", "DIET"],
        ),
        user="t",
    )


def test_networks_check_reports_each_network_and_exits_1_when_one_falls_short(
    db: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _network(
        db,
        "OK",
        [("A1", "PHYSIO"), ("A2", "SOC_WORK"), ("A3", "DIET"), ("A4", "GP"), ("A5", "OCC_THER")],
        ["5600-5658"],
    )
    _network(
        db,
        "NODIET",
        [("B1", "PHYSIO"), ("B2", "PSYCH"), ("B3", "GP"), ("B4", "SEXOL"), ("B5", "OCC_THER")],
        ["5500-5599"],
    )
    _network(
        db,
        "FOUR",
        [("C1", "PHYSIO"), ("C2", "PHYSIO"), ("C3", "PSYCH"), ("C4", "DIET"), ("C5", "GP")],
        ["5400-5499"],
    )
    rows = {code: c.text() for code, _n, c in cs.check_networks(db)}
    assert rows == {
        "OK": "meets the criterion",
        "NODIET": "no dietitian",
        "FOUR": "4 disciplines, at least 5 needed",
    }
    capsys.readouterr()
    assert main(["networks", "check", "--db", url]) == 1
    out = capsys.readouterr().out
    assert "OK  Network OK: meets the criterion" in out
    assert "NODIET  Network NODIET: no dietitian" in out
    assert "FOUR  Network FOUR: 4 disciplines, at least 5 needed" in out


def test_networks_check_exits_0_when_all_meet(
    db: Database, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _network(
        db,
        "OK",
        [("A1", "PHYSIO"), ("A2", "PSYCH"), ("A3", "DIET"), ("A4", "GP"), ("A5", "OCC_THER")],
        ["5600-5658"],
    )
    assert main(["networks", "check", "--db", url]) == 0


def test_core_disciplines_without_the_nvpo_three_are_refused(db: Database) -> None:
    with pytest.raises(UserError, match="no dietitian"):
        cs.save_care_network(
            db,
            cs.CareNetworkInput(
                code="X",
                name="X",
                network="N1",
                region=["5611"],
                core_disciplines=["PHYSIO", "PSYCH"],
            ),
            user="t",
        )


def _referral(**kw: object) -> cs.ReferralInput:
    values: dict = dict(
        patient_ref="P-555001",
        complaints=["nutrition_bowel", "fatigue"],
        source="gp",
        referred_by="dr. H. Huisarts",
        organisation="GP1",
        postcode="5612 AB",
        ready=MONDAY,
        due=MONDAY + dt.timedelta(days=10),
    )
    values.update(kw)
    return cs.ReferralInput(**values)  # type: ignore[arg-type]


def _consultation(db: Database, cn_id: int, code: str, day: dt.date) -> None:
    with db.session() as s:
        cn = s.get_one(m.CareNetwork, cn_id)
        s.add(
            m.MeetingSession(
                code=code,
                tumour_group_id=cn.tumour_group_id,
                echelon="supraregional",
                hospital_id=s.scalar(sa.select(m.Hospital.id).where(m.Hospital.code == "PARA")),
                date=day,
                start_time=dt.time(12, 30),
                duration_min=45,
                mode="video",
            )
        )


def test_a_referral_is_routed_and_planned_with_dietitian_and_physio_attending(db: Database) -> None:
    cn = _network(
        db,
        "RIVIER",
        [("P1", "PHYSIO"), ("P2", "PSYCH"), ("P3", "DIET"), ("P4", "GP"), ("P5", "SEXOL")],
        ["5600-5658"],
    )
    _network(db, "KEMPEN", [("K1", "PHYSIO"), ("K2", "PSYCH"), ("K3", "DIET")], ["5500-5599"])
    _consultation(db, cn, "NC-1", CONSULTATION_DAY)
    row = cs.register_referral(db, _referral(), user="secretariaat")
    assert row.care_network == "RIVIER"
    assert "region holds 5612 AB" in row.routing and "first: Dietitian" in row.routing
    with db.session() as s:
        case = s.scalars(sa.select(m.Case).where(m.Case.code == row.case)).one()
        # decided, never held by the hospital triage's R0
        assert case.required_level == "supraregional" and case.status == "ready"
        assert [d.code for d in case.extra_disciplines] == ["DIET", "PHYSIO"]
        events = s.scalars(
            sa.select(m.AuditEvent).where(m.AuditEvent.action == "referral.register")
        ).all()
        assert [e.case_ids for e in events] == [[row.case]]
    run = plan_review.propose_plan(
        db, MONDAY, MONDAY + dt.timedelta(days=13), 5, user="secretariaat"
    )
    with db.session() as s:
        a = s.scalars(sa.select(m.Assignment).where(m.Assignment.plan_run_id == run)).one()
        assert a.session.code == "NC-1"
        staff = {
            x.expert.code
            for x in s.scalars(sa.select(m.Attendance).where(m.Attendance.plan_run_id == run))
        }
        assert {"P1", "P3"} <= staff


def test_with_the_dietitian_on_leave_the_referral_is_unplanned_naming_the_dietitian(
    db: Database,
) -> None:
    cn = _network(
        db,
        "RIVIER",
        [("P1", "PHYSIO"), ("P2", "PSYCH"), ("P3", "DIET"), ("P4", "GP"), ("P5", "SEXOL")],
        ["5600-5658"],
    )
    _consultation(db, cn, "NC-1", CONSULTATION_DAY)
    with db.session() as s:
        diet = s.scalars(sa.select(m.Expert).where(m.Expert.code == "P3")).one()
        s.add(m.LeavePeriod(expert_id=diet.id, start=MONDAY, end=MONDAY + dt.timedelta(days=20)))
    cs.register_referral(db, _referral(), user="secretariaat")
    run = plan_review.propose_plan(
        db, MONDAY, MONDAY + dt.timedelta(days=13), 5, user="secretariaat"
    )
    with db.session() as s:
        u = s.scalars(sa.select(m.UnplannedCase).where(m.UnplannedCase.plan_run_id == run)).one()
        assert "Dietitian" in u.reason and "Name P3" in u.reason


def test_a_patient_outside_every_region_is_refused(db: Database) -> None:
    _network(db, "RIVIER", [("P1", "PHYSIO"), ("P2", "PSYCH"), ("P3", "DIET")], ["5600-5658"])
    with pytest.raises(UserError, match="no care network's region holds"):
        cs.register_referral(db, _referral(postcode="9999 ZZ"), user="secretariaat")
    with db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Referral)) == 0


def test_listing_referrals_is_audited_with_the_patients(db: Database) -> None:
    _network(db, "RIVIER", [("P1", "PHYSIO"), ("P2", "PSYCH"), ("P3", "DIET")], ["5600-5658"])
    row = cs.register_referral(db, _referral(), user="secretariaat")
    listed = cs.list_referrals(db, user="secretariaat")
    assert [r.case for r in listed] == [row.case]
    with db.session() as s:
        event = s.scalars(
            sa.select(m.AuditEvent).where(m.AuditEvent.action == "referral.list")
        ).one()
        assert event.case_ids == [row.case]


def test_a_referral_from_an_mdo_outcome_takes_the_patient_and_links_the_outcome(
    db: Database,
) -> None:
    """The meeting record's ``referral`` ("to the oncology care network") becomes a referral:
    the patient of the discussed case, source ``mdo``, linked to the outcome."""
    _network(db, "RIVIER", [("P1", "PHYSIO"), ("P2", "PSYCH"), ("P3", "DIET")], ["5600-5658"])
    with db.session() as s:
        h1 = s.scalars(sa.select(m.Hospital).where(m.Hospital.code == "H1")).one()
        tg = m.TumourGroup(code="COLORECTAL", name="Colorectal")
        surg = m.Discipline(code="SURG", name="Surgeon")
        chair = m.Expert(code="E1", name="Dr. Chair", discipline=surg, hospital=h1)
        session = m.MeetingSession(
            code="S1",
            tumour_group=tg,
            echelon="local",
            hospital=h1,
            date=MONDAY,
            start_time=dt.time(16),
            duration_min=60,
        )
        case = m.Case(
            code="C1",
            patient_ref="P-777",
            patient_name="Dhr. X",
            hospital=h1,
            tumour_group=tg,
            ready_date=MONDAY,
            due_date=MONDAY,
            status="discussed",
        )
        meeting = m.Meeting(session=session, chair=chair, closed_by="chair")
        s.add_all([tg, surg, chair, session, case, meeting])
        s.flush()
        s.add(
            m.MeetingOutcome(
                meeting=meeting,
                case=case,
                position=0,
                outcome="discussed",
                recommendation="Aftercare",
                consensus=True,
                intent="curative",
                referral="oncology care network: diet and fatigue",
            )
        )
    row = cs.register_referral(
        db,
        _referral(
            patient_ref="",
            source="mdo",
            from_case="C1",
            organisation="H1",
            referred_by="MDO colorectal",
        ),
        user="secretariaat",
    )
    with db.session() as s:
        ref = s.scalars(sa.select(m.Referral)).one()
        outcome = s.get_one(m.MeetingOutcome, ref.meeting_outcome_id)
        assert ref.source == "mdo" and outcome.referral.startswith("oncology care network")
        case = s.get_one(m.Case, row.case_id)
        assert case.patient_ref == "P-777" and case.patient_name == "Dhr. X"
