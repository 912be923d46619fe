"""A small network with one held session and its published agenda, for the meeting-day tests.

Built with the ORM on a real (migrated) database, SQLite or PostgreSQL, so that the tests
need nothing from outside the project and every fact they check is stated here:

* hospitals H1 (host) and H2 of network N1; tumour group BREAST with core SURG, RADIOL, PATH;
* experts E1 (SURG, H1), E2 (RADIOL, H1), E3 (PATH, H1), E4 (SURG, H2), E5 (MED_ONC, H1);
* session S1, local at H1, ``HELD`` days ago, 60 min from 16:00, with C1..C4 published in that
  order (C4 referred by H2), E1..E3 planned to attend, and the protocol case P1 listed for
  noting; session S2 a week ahead (future); session S3 held but cancelled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from db import models as m

HELD = 7
BSN = "111222333"  # passes the elfproef
HARD = "T < 4 & N ≥ 1 — Ĳsselmeer, Łódź, Wrocław"


def build(db: Any, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    held = today - dt.timedelta(days=HELD)
    with db.session() as s:
        net = m.Network(code="N1", name="North")
        h1 = m.Hospital(code="H1", name="General Hospital A", network=net)
        h2 = m.Hospital(code="H2", name="General Hospital B", network=net)
        disc = {
            c: m.Discipline(code=c, name=n)
            for c, n in (
                ("SURG", "Surgical oncologist"),
                ("RADIOL", "Radiologist"),
                ("PATH", "Pathologist"),
                ("MED_ONC", "Medical oncologist"),
            )
        }
        tg = m.TumourGroup(
            code="BREAST",
            name="Breast cancer",
            core_disciplines=[disc["SURG"], disc["RADIOL"], disc["PATH"]],
        )
        experts = {}
        for code, name, d, h in (
            ("E1", "Dr. A. Jansen", "SURG", h1),
            ("E2", "Dr. B. Müller", "RADIOL", h1),
            ("E3", "Dr. C. de Vries", "PATH", h1),
            ("E4", "Dr. D. Bakker", "SURG", h2),
            ("E5", "Dr. E. Visser", "MED_ONC", h1),
        ):
            experts[code] = m.Expert(
                code=code,
                name=name,
                discipline=disc[d],
                hospital=h,
                serves=[h1, h2],
                tumour_groups=[tg],
                max_echelon="regional",
            )
        s.add_all([net, h1, h2, tg, *disc.values(), *experts.values()])
        sessions = {}
        for code, date, cancelled in (
            ("S1", held, False),
            ("S2", today + dt.timedelta(days=7), False),
            ("S3", held - dt.timedelta(days=1), True),
        ):
            sessions[code] = m.MeetingSession(
                code=code,
                tumour_group=tg,
                echelon="local",
                hospital=h1,
                date=date,
                start_time=dt.time(16, 0),
                duration_min=60,
                mode="hybrid",
                chair="Dr. A. Jansen",
                cancelled=cancelled,
            )
        s.add_all(sessions.values())
        cases = {}
        for i, code in enumerate(("C1", "C2", "C3", "C4"), start=1):
            cases[code] = m.Case(
                code=code,
                patient_ref=f"P-{i:04d}",
                patient_name=f"Patiënt Ĳsbrand {i}",
                bsn=BSN if i == 1 else None,
                birth_date=dt.date(1950 + i, 1, 1),
                patient_number=f"70{i}",
                hospital=h2 if code == "C4" else h1,
                tumour_group=tg,
                question=f"Question {i}: surgery or neoadjuvant therapy?",
                triage_level="local",
                required_level="local",
                confirmed_by="Dr. A. Jansen",
                minutes=10,
                ready_date=held - dt.timedelta(days=3),
                due_date=held + dt.timedelta(days=4),
                urgent=code == "C2",
                status="planned",
            )
        cases["P1"] = m.Case(
            code="P1",
            patient_ref="P-0100",
            patient_name="Noting Patient",
            hospital=h1,
            tumour_group=tg,
            question="Standard adjuvant endocrine therapy.",
            triage_level="protocol",
            required_level="protocol",
            confirmed_by="Dr. A. Jansen",
            complexity={
                "phase": "pre_treatment",
                "standard_of_care": True,
                "pathology_available": True,
                "imaging_available": True,
            },
            ready_date=held - dt.timedelta(days=2),
            due_date=held + dt.timedelta(days=5),
            status="ready",
        )
        s.add_all(cases.values())
        s.flush()
        clock = dt.datetime.combine(held, dt.time(16, 0))
        for pos, code in enumerate(("C1", "C2", "C3", "C4")):
            s.add(
                m.Assignment(
                    case=cases[code],
                    session=sessions["S1"],
                    published=True,
                    position=pos,
                    start_time=clock.time(),
                )
            )
            clock += dt.timedelta(minutes=10)
        for code in ("E1", "E2", "E3"):
            s.add(m.Attendance(session=sessions["S1"], expert=experts[code], published=True))
    return {"held": held, "today": today}


def record(**changes: Any) -> dict[str, Any]:
    """A valid record of S1: C1 discussed with a follow-up, C2 deferred, C3 not discussed,
    C4 discussed, P1 noted; E4 attended unplanned."""
    today = dt.date.today()
    doc: dict[str, Any] = {
        "format": "mdo-planner-meeting",
        "version": 1,
        "session": "S1",
        "chair": "E1",
        "attendance": ["E1", "E2", "E3", "E4"],
        "cases": [
            {
                "case": "C1",
                "outcome": "discussed",
                "recommendation": HARD,
                "consensus": True,
                "intent": "curative",
                "minutes": 12,
                "follow_up": {
                    "rediscuss_on": (today + dt.timedelta(days=14)).isoformat(),
                    "echelon": "regional",
                    "question": "Restaging: surgery?",
                },
                "referral": None,
            },
            {
                "case": "C2",
                "outcome": "deferred",
                "reason": "pathology_missing",
                "note": "revision of the biopsy pending",
            },
            {"case": "C3", "outcome": "not_discussed", "reason": "out_of_time"},
            {
                "case": "C4",
                "outcome": "discussed",
                "recommendation": "Primary surgery.",
                "consensus": False,
                "intent": "curative",
                "referral": "expert centre",
                "minutes": 6,
            },
            {"case": "P1", "outcome": "noted"},
        ],
    }
    doc.update(changes)
    return doc


def dump(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: to prove that nothing changed."""
    out = {}
    with db.session() as s:
        for table in m.Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted(tuple(repr(v) for v in r) for r in rows)
    return out
