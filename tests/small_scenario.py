"""A small, valid contract scenario built in code, for the robustness tests.

The fault and mutation tests need a document whose every part is known (so a mutation can hit a
particular column) and which does not depend on ``../shared``. It has every kind of object the
contract knows, a case with complexity data (triaged on import) and a previous plan.
"""

from __future__ import annotations

import copy
from typing import Any

_BASE: dict[str, Any] = {
    "format": "mdo-planner-scenario",
    "version": 1,
    "name": "small robustness network",
    "horizon": {"start": "2027-01-04", "end": "2027-01-15"},
    "disciplines": [
        {"code": "SURG", "name": "Surgical oncologist"},
        {"code": "RADIOL", "name": "Radiologist"},
        {"code": "PATH", "name": "Pathologist"},
    ],
    "tumour_groups": [
        {"code": "BREAST", "name": "Breast", "core_disciplines": ["SURG", "RADIOL", "PATH"]},
        {"code": "LUNG", "name": "Lung", "core_disciplines": ["RADIOL", "PATH"]},
    ],
    "networks": [{"id": "N1", "name": "Oncology network 1"}],
    "hospitals": [
        {"id": "H1", "name": "University Medical Centre 1", "network": "N1", "expert_centre": True},
        {"id": "H2", "name": "General Hospital 2", "network": "N1"},
    ],
    "experts": [
        {
            "id": "E1",
            "name": "Dr. A. Surgeon",
            "discipline": "SURG",
            "hospital": "H1",
            "serves": ["H1", "H2"],
            "tumour_groups": ["BREAST"],
            "max_echelon": "supraregional",
            "max_sessions_per_week": 4,
            "unavailable": [{"from": "2027-01-07", "to": "2027-01-08"}],
        },
        {
            "id": "E2",
            "name": "Dr. B. Radiologist",
            "discipline": "RADIOL",
            "hospital": "H1",
            "tumour_groups": ["BREAST", "LUNG"],
            "max_echelon": "regional",
        },
        {
            "id": "E3",
            "name": "Dr. C. Pathologist",
            "discipline": "PATH",
            "hospital": "H2",
            "serves": ["H1", "H2"],
            "tumour_groups": ["BREAST", "LUNG"],
            "max_sessions_per_week": None,
        },
    ],
    "sessions": [
        {
            "id": "S1",
            "tumour_group": "BREAST",
            "echelon": "local",
            "hospital": "H1",
            "date": "2027-01-06",
            "start": "08:00",
            "duration_min": 30,
            "mode": "hybrid",
        },
        {
            "id": "S2",
            "tumour_group": "LUNG",
            "echelon": "regional",
            "hospital": "H1",
            "date": "2027-01-12",
            "start": "16:30",
            "duration_min": 45,
        },
    ],
    "cases": [
        {
            "id": "C1",
            "patient": "P-100001",
            "hospital": "H1",
            "tumour_group": "BREAST",
            "echelon": "local",
            "ready": "2027-01-04",
            "due": "2027-01-12",
            "urgent": False,
            "question": "Adjuvant treatment after surgery?",
            "minutes": 4,
        },
        {
            "id": "C2",
            "patient": "P-100002",
            "hospital": "H2",
            "tumour_group": "LUNG",
            "echelon": "regional",
            "extra_disciplines": ["SURG"],
            "ready": "2027-01-05",
            "due": "2027-01-14",
            "urgent": True,
            "question": "Operable?",
            "pinned_session": "S2",
        },
        {
            "id": "C3",
            "patient": "P-100003",
            "hospital": "H1",
            "tumour_group": "BREAST",
            "ready": "2027-01-04",
            "due": "2027-01-15",
            "complexity": {
                "phase": "pre_treatment",
                "stage": "II",
                "metastatic": False,
                "age": 61,
                "who_performance": 1,
            },
        },
    ],
    "previous_plan": [{"case": "C1", "session": "S1"}],
    "weights": {
        "unplanned": 1000,
        "late_day": 20,
        "escalation": 50,
        "wait_day": 1,
        "attendance": 5,
        "moved": 30,
        "urgent_factor": 5,
    },
}


def small_scenario() -> dict[str, Any]:
    """A fresh deep copy: callers mutate it."""
    return copy.deepcopy(_BASE)


def renamed(data: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The same scenario with new expert, session and case ids (reference data unchanged),
    so it can be imported into a database that already holds the original."""
    out = copy.deepcopy(data)
    ses = {s["id"]: prefix + s["id"] for s in out["sessions"]}
    cas = {c["id"]: prefix + c["id"] for c in out["cases"]}
    for e in out["experts"]:
        e["id"] = prefix + e["id"]
    for s in out["sessions"]:
        s["id"] = ses[s["id"]]
    for c in out["cases"]:
        c["id"] = cas[c["id"]]
        if c.get("pinned_session"):
            c["pinned_session"] = ses[c["pinned_session"]]
    for p in out["previous_plan"]:
        p["case"], p["session"] = cas[p["case"]], ses[p["session"]]
    return out
