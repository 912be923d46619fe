"""The quality report's figures, reproduced from a small database built here, with every
expected value computed by hand (the comments show the arithmetic)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.launcher import main
from mdo_planner.services import meeting_service as svc
from mdo_planner.services import quality_service as q
from mdo_planner.services.base import open_database
from tests import meeting_factory as mf

TODAY = dt.date.today()
D = TODAY - dt.timedelta(days=mf.HELD)  # the date of S1


def _add_session(
    s: Any,
    code: str,
    echelon: str,
    day: dt.date,
    minutes: int,
    cases: list[tuple[str, str, int, int, int, str | None]],
) -> None:
    """cases: (code, required level, case minutes, ready offset, due offset, override)."""
    tg = s.scalars(select(m.TumourGroup)).one()
    h1 = s.scalars(select(m.Hospital).where(m.Hospital.code == "H1")).one()
    x = m.MeetingSession(
        code=code,
        tumour_group=tg,
        echelon=echelon,
        hospital=h1,
        date=day,
        start_time=dt.time(8, 0),
        duration_min=minutes,
    )
    s.add(x)
    for pos, (cc, level, mins, ready, due, override) in enumerate(cases):
        c = m.Case(
            code=cc,
            patient_ref=f"P-{cc}",
            hospital=h1,
            tumour_group=tg,
            question="?",
            triage_level="local" if override else level,
            required_level=level,
            override_level=override,
            override_reason="complex" if override else None,
            override_by="Dr. A" if override else None,
            minutes=mins,
            ready_date=D + dt.timedelta(days=ready),
            due_date=D + dt.timedelta(days=due),
            status="planned",
        )
        s.add(m.Assignment(case=c, session=x, published=True, position=pos))


def _record(code: str, attendance: list[str], cases: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "mdo-planner-meeting",
        "version": 1,
        "session": code,
        "chair": attendance[0],
        "attendance": attendance,
        "cases": cases,
    }


def _discussed(code: str, minutes: int | None = None) -> dict[str, Any]:
    out = {
        "case": code,
        "outcome": "discussed",
        "recommendation": "Advice.",
        "consensus": True,
        "intent": "curative",
    }
    if minutes is not None:
        out["minutes"] = minutes
    return out


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = open_database(f"sqlite:///{tmp_path / 'q.sqlite'}")
    mf.build(database, TODAY)  # the same day as D, even when the run crosses midnight
    with database.session() as s:
        _add_session(
            s,
            "S4",
            "regional",
            D + dt.timedelta(days=1),
            90,
            [
                ("C5", "regional", 8, -10, -5, "regional"),  # overridden; late; 11 days
                ("C6", "local", 5, 0, 10, None),
            ],
        )  # escalated (local case, regional MDO); 1 day
        _add_session(
            s, "S5", "local", D + dt.timedelta(days=2), 60, [("C7", "local", 4, 0, 3, None)]
        )  # deferred: the session discussed nothing
        _add_session(
            s,
            "S6",
            "local",
            D + dt.timedelta(days=3),
            60,
            [
                ("C8", "local", 4, 1, 2, None),  # late (D+3 > D+2); 2 days
                ("C9", "local", 4, 1, 5, None),
            ],
        )  # on time; 2 days
        _add_session(
            s, "S7", "local", D + dt.timedelta(days=4), 120, [("C10", "local", 10, 2, 4, None)]
        )  # on time (on the due date); 2 days
    for doc in (
        mf.record(),  # S1: 4 attendees; C1 (12 min), C4 (6 min) discussed; C2, C3 returned
        _record("S4", ["E1", "E2"], [_discussed("C5"), _discussed("C6", 5)]),
        _record(
            "S5",
            ["E1", "E2", "E3", "E5"],
            [{"case": "C7", "outcome": "deferred", "reason": "patient_not_ready"}],
        ),
        _record("S6", ["E1", "E2", "E3", "E4"], [_discussed("C8", 4), _discussed("C9", 4)]),
        _record("S7", ["E1", "E2", "E3", "E4", "E5"], [_discussed("C10", 10)]),
    ):
        svc.record_meeting(database, doc, user="anna")
    yield database
    database.dispose()


def test_case_figures(db: Any) -> None:
    r = q.quality_report(db, D - dt.timedelta(days=1), D + dt.timedelta(days=7))
    t = r.total
    # discussed: C1, C4 (S1), C5, C6 (S4), C8, C9 (S6), C10 (S7)
    assert t.discussed == 7
    # on time: C1, C4, C6, C9, C10 (C5 and C8 late): 5 / 7
    assert t.on_time == 5 and t.percent_on_time == pytest.approx(100 * 5 / 7)
    # days ready -> discussion: 3, 3, 11, 1, 2, 2, 2 -> sorted 1 2 2 2 3 3 11
    assert sorted(t.days) == [1, 2, 2, 2, 3, 3, 11]
    assert t.median_days == 2
    assert t.p90_days == 11  # nearest rank: ceil(0.9 * 7) = 7th value
    # on the agenda for discussion: 4 + 2 + 1 + 2 + 1 = 10 (P1 noted is not counted)
    assert t.on_agenda == 10
    assert t.deferred == {"pathology_missing": 1, "patient_not_ready": 1}
    assert t.rate(t.deferred) == pytest.approx(20.0)
    assert t.reason_rates(t.deferred) == {"pathology_missing": 10.0, "patient_not_ready": 10.0}
    assert t.rate(t.not_discussed) == pytest.approx(10.0)
    assert (t.escalations, t.overrides) == (1, 1)  # C6; C5
    # core SURG, RADIOL, PATH present in S1, S5, S6, S7, not in S4 (E1 SURG, E2 RADIOL)
    assert (r.meetings, r.core_present, r.percent_core_present) == (5, 4, 80.0)


def test_grouped_figures(db: Any) -> None:
    r = q.quality_report(db, D - dt.timedelta(days=1), D + dt.timedelta(days=7))
    assert [(f.key, f.discussed) for f in r.by_tumour_group] == [("BREAST", 7)]
    hospitals = {f.key: f for f in r.by_hospital}
    # H1: C1, C5, C6, C8, C9, C10, on time C1, C6, C9, C10; H2: C4
    assert (hospitals["H1"].discussed, hospitals["H1"].on_time) == (6, 4)
    assert (hospitals["H2"].discussed, hospitals["H2"].on_time) == (1, 1)
    echelons = {f.key: f for f in r.by_echelon}
    # local: C1, C4, C8, C9, C10 (on time 4 of 5); regional: C5, C6 (1 of 2)
    assert echelons["local"].percent_on_time == 80.0
    assert echelons["regional"].percent_on_time == 50.0
    assert echelons["regional"].median_days == 6  # (11 + 1) / 2


def test_specialist_time_and_candidates(db: Any) -> None:
    r = q.quality_report(db, D - dt.timedelta(days=1), D + dt.timedelta(days=7))
    per = {t.code: t for t in r.sessions}
    assert per["S1"].booked_per_case == 120  # 4 attendees x 60 min / 2 discussed
    assert per["S1"].used_per_case == 36  # 4 x (12 + 6) / 2
    assert per["S4"].booked_per_case == 90  # 2 x 90 / 2
    assert per["S4"].used_per_case == 13  # 2 x (8 planned + 5) / 2
    assert per["S5"].booked_per_case is None  # nothing discussed
    assert per["S6"].booked_per_case == 120 and per["S6"].used_per_case == 16
    assert per["S7"].booked_per_case == 600 and per["S7"].used_per_case == 50
    ech = {t.echelon: t for t in r.specialist}
    # local: booked 240 + 240 + 240 + 600 = 1320 over 2 + 0 + 2 + 1 = 5 cases
    assert (ech["local"].booked, ech["local"].cases) == (1320, 5)
    assert ech["local"].booked_per_case == 264
    assert ech["local"].used_per_case == pytest.approx((72 + 32 + 50) / 5)  # 30.8
    assert ech["regional"].booked_per_case == 90 and ech["regional"].used_per_case == 13
    assert ech["all"].booked_per_case == pytest.approx(1500 / 7)
    assert ech["all"].used_per_case == pytest.approx(180 / 7)
    # local medians over sessions that discussed something: 120, 120, 600 -> 120;
    # S7 (600 > 2 x 120) and S5 (nothing discussed) are candidates; S4 (regional alone) not
    assert sorted(c.session.code for c in r.candidates) == ["S5", "S7"]


def test_report_command_writes_pdf_and_xlsx(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    from tests.agenda_factory import pdf_pages_text

    args = [
        "--db",
        db.url,
        "--from",
        (D - dt.timedelta(days=1)).isoformat(),
        "--to",
        (D + dt.timedelta(days=7)).isoformat(),
    ]
    xlsx = tmp_path / "quality.xlsx"
    assert main(["report", *args, "--out", str(xlsx)]) == 0
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Figures"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in sheet.iter_rows(min_row=2) if r[0].value}
    assert rows["all"][:2] == [7, pytest.approx(100 * 5 / 7)]
    time_rows = {
        r[0].value: [c.value for c in r[1:]]
        for r in book["Specialist time"].iter_rows(min_row=2)
        if r[0].value
    }
    assert time_rows["local"][-2:] == [264, pytest.approx(30.8)]
    assert {r[0].value for r in book["Merge or cancel"].iter_rows(min_row=2)} == {"S5", "S7"}
    pdf = tmp_path / "quality.pdf"
    assert main(["report", *args, "--out", str(pdf)]) == 0
    text = "\n".join(pdf_pages_text(pdf.read_bytes()))
    assert "Specialist time" in text and "264" in text and "S7" in text
    assert main(["report", *args, "--out", str(tmp_path / "q.txt")]) == 2
    assert ".pdf or .xlsx" in capsys.readouterr().err


def test_plan_specialist_time_of_the_published_plan(db: Any) -> None:
    # the published S1 plan: 3 planned attendees x 60 min over 4 planned cases (C1..C4)
    # (minutes: 10 each) -> booked 45, discussing 3 x 40 / 4 = 30
    times = q.plan_specialist_time(db, None, D, D)
    local = next(t for t in times if t.echelon == "local")
    assert local.booked_per_case == 45 and local.used_per_case == 30
    assert "local 45 booked / 30 discussing" in q.specialist_time_line(times)


def test_dashboard_deadlines_count_outcomes_not_plans(db: Any) -> None:
    """S1's C2 and C3 were planned on time but not discussed: they no longer count."""
    from mdo_planner.services import dashboard_service as ds

    b = ds.dashboard(db, D, weeks=4)
    week = next(
        w
        for w in b.deadlines
        if w.monday <= D + dt.timedelta(days=4) < w.monday + dt.timedelta(days=7)
    )
    with db.session() as s:
        due = {
            c.code
            for c in s.scalars(
                select(m.Case).where(
                    m.Case.due_date.between(week.monday, week.monday + dt.timedelta(days=6)),
                    m.Case.status != "withdrawn",
                )
            )
        }
    # on time in that week = discussed on or before the due date among the cases due then
    expected = {"C1", "C4", "C6", "C9", "C10", "C8", "C5", "C7", "C2", "C3", "P1", "C1-R1"} & due
    on_time = {"C1", "C4", "C6", "C9", "C10", "P1"} & due
    assert week.due == len(expected)
    assert week.on_time == len(on_time)
