"""The demo network: realistic proportions, deterministic for a seed, a valid scenario when
exported, created once beside the real database and never over existing data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from db import models as m
from mdo_planner import demo
from mdo_planner.contract_io.exporter import export_scenario
from mdo_planner.contract_io.scenario import validate_scenario
from mdo_planner.errors import UserError
from mdo_planner.infra import config
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database

START = dt.date(2027, 1, 4)  # a Monday


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = open_database(f"sqlite:///{path}")
    counts = demo.fill_demo(db, start=START)
    yield db, counts
    db.dispose()


def test_proportions_follow_the_cited_figures() -> None:
    # 130,000 diagnoses x 6% of the population / 12 months x 90% discussed x 2 discussions
    assert demo.monthly_registrations() == pytest.approx(130_000 * 1.1 / 17.9 / 12 * 0.9 * 2, abs=1)
    assert 1_000 <= demo.monthly_registrations() <= 1_400


def test_demo_content(demo_db) -> None:  # type: ignore[no-untyped-def]
    db, counts = demo_db
    with db.session() as s:
        hospitals = s.scalars(sa.select(m.Hospital)).all()
        assert len([h for h in hospitals if h.network.code == "ZV" and h.kind == "hospital"]) == 8
        assert sum(h.expert_centre for h in hospitals) == 2
        experts = s.scalar(sa.select(sa.func.count()).select_from(m.Expert))
        assert 300 <= experts <= 900  # "several hundred"
        assert s.scalar(sa.select(sa.func.count()).select_from(m.LeavePeriod)) > 50
        sessions = s.scalars(sa.select(m.MeetingSession)).all()
        assert {x.echelon for x in sessions} == {"local", "regional", "supraregional"}
        assert min(x.date for x in sessions) >= START
        assert max(x.date for x in sessions) < START + dt.timedelta(weeks=6)
        assert all(x.series_id is not None for x in sessions)
        groups = {tg.code: tg for tg in s.scalars(sa.select(m.TumourGroup))}
        assert {
            "BREAST",
            "COLORECTAL",
            "LUNG",
            "PROSTATE",
            "SKIN",
            "HAEMATO",
            "URO",
            "GYN",
            "HEAD_NECK",
            "UPPER_GI",
            "HPB",
            "NEURO",
            "SARCOMA",
        } <= set(groups)
        assert groups["SARCOMA"].expert_centre_only
        # Sarcoma is discussed at expert centres only.
        sarcoma = {
            (x.echelon, x.hospital.expert_centre)
            for x in sessions
            if x.tumour_group.code == "SARCOMA"
        }
        assert sarcoma == {("supraregional", True)}

        referral_cases = set(s.scalars(sa.select(m.Referral.case_id)))
        cases = [c for c in s.scalars(sa.select(m.Case)) if c.id not in referral_cases]
        assert len(cases) == demo.monthly_registrations() == counts["cases"]
        status = Counter(c.status for c in cases)
        assert status["ready"] > status["new"] > 0 and status["hold"] > 0
        levels = Counter(c.triage_level for c in cases)
        assert set(levels) == {"hold", "protocol", "local", "regional", "supraregional"}
        assert levels["local"] > levels["regional"] > levels["supraregional"]
        assert any(c.override_level for c in cases)
        assert all(c.triage_rules and c.triage_rule_set_id for c in cases)
        assert all(c.bsn is None or _elfproef(c.bsn) for c in cases)
        # Breast is the largest group, sarcoma one of the smallest (NKR shares).
        by_group = Counter(c.tumour_group.code for c in cases)
        assert by_group.most_common(1)[0][0] in {"BREAST", "PROSTATE", "LUNG"}
        assert by_group["SARCOMA"] < by_group["BREAST"] / 5
        names = " ".join(c.patient_name or "" for c in cases)
        assert any(ch in names for ch in "ëïöüçéı")  # Dutch-looking names, with diacritics


def test_demo_care_networks(demo_db) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: one care network meets the NVPO criterion, one in formation does not yet;
    the seed's colon-cancer referral is planned into a consultation with a dietitian."""
    from mdo_planner.services import care_service

    db, counts = demo_db
    verdicts = {code: c.text() for code, _n, c in care_service.check_networks(db)}
    assert verdicts == {
        "ZVO": "meets the criterion",
        "KEMPEN": "no dietitian; 4 disciplines, at least 5 needed",
    }
    assert counts["referrals planned"] == counts["referrals"] == 3
    with db.session() as s:
        ref = s.scalars(
            sa.select(m.Referral).join(m.Case).where(m.Case.patient_ref == "P-900155")
        ).one()
        assert ref.source == "gp" and ref.care_network.code == "ZVO"
        assert ref.complaints == ["nutrition_bowel", "fatigue", "sexual_problems"]
        assert "first: Dietitian" in ref.routing
        a = s.scalars(
            sa.select(m.Assignment).where(
                m.Assignment.case_id == ref.case_id, m.Assignment.published
            )
        ).one()
        staff = {
            x.expert.discipline.code
            for x in s.scalars(
                sa.select(m.Attendance).where(
                    m.Attendance.session_id == a.session_id, m.Attendance.published
                )
            )
        }
        assert {"DIET", "ONC_PHYSIO", "SEXOL", "PSYCH"} <= staff


def _elfproef(bsn: str) -> bool:
    digits = [int(d) for d in bsn]
    return (
        len(digits) == 9
        and (sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=False)) - digits[8]) % 11
        == 0
    )


def test_demo_exports_as_a_valid_scenario(demo_db) -> None:  # type: ignore[no-untyped-def]
    db, _ = demo_db
    sc = validate_scenario(export_scenario(db), "demo")
    assert len(sc["sessions"]) > 300
    held = [c for c in sc["cases"] if c["echelon"] is None]
    assert held and all("complexity" in c for c in held)
    decided = validate_scenario(export_scenario(db, decided_only=True), "demo")
    assert decided["cases"] and all(c["echelon"] for c in decided["cases"])
    assert len(decided["cases"]) == len(sc["cases"]) - len(held)


def test_same_seed_same_demo(tmp_path: Path) -> None:
    def content(name: str) -> list[tuple[str, ...]]:
        db = open_database(f"sqlite:///{tmp_path / name}")
        try:
            demo.fill_demo(db, seed=7, start=START)
            with db.session() as s:
                return [
                    tuple(map(str, r))
                    for r in s.execute(
                        sa.select(
                            m.Case.code, m.Case.patient_name, m.Case.triage_level, m.Case.ready_date
                        )
                    )
                ]
        finally:
            db.dispose()

    assert content("a.sqlite") == content("b.sqlite")


def test_refuses_a_database_with_data(demo_db) -> None:  # type: ignore[no-untyped-def]
    db, _ = demo_db
    with pytest.raises(UserError, match="already holds a network"):
        demo.fill_demo(db, start=START)


def test_refuses_a_start_that_is_not_a_monday(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    try:
        with pytest.raises(UserError, match="Monday"):
            demo.fill_demo(db, start=dt.date(2027, 1, 5))
    finally:
        db.dispose()


def test_ensure_demo_database_fills_once_beside_the_real_one() -> None:
    db = demo.ensure_demo_database()
    try:
        assert db.sqlite_file == config.data_dir() / "demo.sqlite"
        with db.session() as s:
            first = s.scalar(sa.select(sa.func.count()).select_from(m.Case))
            s.execute(sa.update(m.Case).where(m.Case.code == "C00001").values(question="edited"))
    finally:
        db.dispose()
    again = demo.ensure_demo_database()
    try:
        with again.session() as s:
            assert s.scalar(sa.select(sa.func.count()).select_from(m.Case)) == first
            assert s.scalar(sa.select(m.Case.question).where(m.Case.code == "C00001")) == "edited"
    finally:
        again.dispose()
    assert not (config.data_dir() / "mdo-planner.sqlite").exists()


def test_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["demo", "--db", url, "--seed", "3", "--start", "2027-03-01"]) == 0
    assert "demo network written to cli.sqlite" in capsys.readouterr().out
    assert main(["demo", "--db", url]) == 2
    assert "already holds a network" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["demo", "--db", url, "--start", "2027-03-02"])
    assert "the demo starts on a Monday" in capsys.readouterr().err


def test_demo_command_defaults_to_the_demo_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--start", "2027-03-01"]) == 0
    assert (config.data_dir() / "demo.sqlite").exists()
    assert not (config.data_dir() / "mdo-planner.sqlite").exists()


@pytest.mark.pg
def test_demo_on_postgresql(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        counts = demo.fill_demo(db, start=START)
        sc = validate_scenario(export_scenario(db), "demo-pg")
        assert len(sc["cases"]) == counts["cases"] + counts["referrals"] - _withdrawn(db)
    finally:
        db.dispose()


def _withdrawn(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return (
            s.scalar(
                sa.select(sa.func.count()).select_from(m.Case).where(m.Case.status == "withdrawn")
            )
            or 0
        )


@pytest.mark.parametrize("start", ["9999-12-27", "0001-01-01", "2200-01-06"])
def test_a_start_no_database_stores_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str
) -> None:
    """Six weeks after 9999-12-27 is no date at all (OverflowError, exit 1, and an empty
    database already made): the start is checked against the stored date range first."""
    target = tmp_path / "late.sqlite"
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--db", f"sqlite:///{target}", "--start", start])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--start" in err and "Traceback" not in err
    assert not target.exists()
