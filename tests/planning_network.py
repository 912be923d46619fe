"""A small planning network built in the test (no shared files): one regional network with
two hospitals, one tumour group, three core disciplines with three experts each, two weeks of
local and regional sessions, and a handful of confirmed cases.

Small enough that the solver finds the optimum in well under a second, large enough that
every hard rule (capacity, quorum, leave, weekly limits, geography) can be made to bite.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from mdo_planner.services.base import Database, open_database
from tests.scenario_rows import load_rows

D = dt.date
WEEK1 = D(2027, 1, 4)
WEEK2 = D(2027, 1, 11)
H0, H1 = WEEK1, D(2027, 1, 15)
DISCIPLINES = ("SURG", "RADIOL", "PATH")

REGIONAL_COMPLEXITY = {
    "phase": "recurrence",
    "stage": "III",
    "pathology_available": True,
    "imaging_available": True,
    "recurrence": True,
}


def scenario(cases_per_hospital: int = 4, regional_cases: int = 2) -> dict[str, Any]:
    experts = []
    for d in DISCIPLINES:
        for i in range(1, 4):
            experts.append(
                {
                    "id": f"{d}{i}",
                    "name": f"Dr. {d.title()} {i}",
                    "discipline": d,
                    "hospital": "H1",
                    "serves": ["H1", "H2"],
                    "tumour_groups": ["BREAST"],
                    "max_echelon": "regional",
                    "max_sessions_per_week": 3,
                }
            )
    sessions = []
    for w, monday in enumerate((WEEK1, WEEK2), start=1):
        sessions += [
            {
                "id": f"L1W{w}",
                "tumour_group": "BREAST",
                "echelon": "local",
                "hospital": "H1",
                "date": (monday + dt.timedelta(days=1)).isoformat(),
                "start": "16:00",
                "duration_min": 60,
            },
            {
                "id": f"L2W{w}",
                "tumour_group": "BREAST",
                "echelon": "local",
                "hospital": "H2",
                "date": (monday + dt.timedelta(days=2)).isoformat(),
                "start": "16:00",
                "duration_min": 60,
            },
            {
                "id": f"RW{w}",
                "tumour_group": "BREAST",
                "echelon": "regional",
                "hospital": "H1",
                "date": (monday + dt.timedelta(days=3)).isoformat(),
                "start": "17:00",
                "duration_min": 60,
            },
        ]
    cases = []
    n = 0
    for h in ("H1", "H2"):
        for _ in range(cases_per_hospital):
            n += 1
            cases.append(
                {
                    "id": f"C{n:02d}",
                    "patient": f"P{n:04d}",
                    "hospital": h,
                    "tumour_group": "BREAST",
                    "echelon": "local",
                    "minutes": 10,
                    "ready": "2027-01-04",
                    "due": "2027-01-08",
                    "question": "Primary surgery?",
                }
            )
    for _ in range(regional_cases):
        n += 1
        cases.append(
            {
                "id": f"C{n:02d}",
                "patient": f"P{n:04d}",
                "hospital": "H2",
                "tumour_group": "BREAST",
                "echelon": "regional",
                "minutes": 15,
                "ready": "2027-01-04",
                "due": "2027-01-08",
                "question": "Neoadjuvant therapy?",
            }
        )
    return {
        "disciplines": [{"code": d, "name": d.title()} for d in DISCIPLINES],
        "tumour_groups": [
            {"code": "BREAST", "name": "Breast", "core_disciplines": list(DISCIPLINES)}
        ],
        "networks": [{"id": "N1", "name": "North"}],
        "hospitals": [
            {"id": "H1", "name": "Hospital One", "network": "N1"},
            {"id": "H2", "name": "Hospital Two", "network": "N1"},
        ],
        "experts": experts,
        "sessions": sessions,
        "cases": cases,
    }


def network_database(
    path: Path | None = None, url: str | None = None, data: dict[str, Any] | None = None
) -> Database:
    """A migrated database (the real ``Database``, as the commands use) with the network."""
    db = open_database(url or f"sqlite:///{path}")
    with db.session() as s:
        load_rows(s, data or scenario())
    return db
