"""Plain-data builders for agenda tests (no database), shared by the agenda/PDF/ICS tests."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from io import BytesIO

from mdo_planner.agenda import (
    AgendaCase,
    AgendaSession,
    Attendee,
    PatientData,
    elfproef,
)

#: Names that the standard-14 fonts cannot print.
HARD_NAMES = ("Zoë Ĳsselstein", "Đorđević", "Müller-Łukasiewicz")
HARD_QUESTION = "α-fetoproteïne ≥ 5 µg/L"
#: Passes the elfproef: 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66 = 6·11.
BSN = "111222333"


def session(**kw: object) -> AgendaSession:
    base = AgendaSession(
        session_id="S1",
        tumour_group="BREAST",
        echelon="local",
        host_hospital="H1",
        date=date(2027, 1, 5),
        start=time(16, 0),
        duration_min=60,
        mode="hybrid",
        tumour_group_name="Breast cancer",
        host_hospital_name="General Hospital A",
        video_link="https://meet.example.org/mdo-breast",
        chair="Dr. A. Jansen",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def case(case_id: str, **kw: object) -> AgendaCase:
    patient = kw.pop("patient", None) or PatientData(
        reference=f"P-{case_id}",
        name="Zoë Ĳsselstein",
        birth_date=date(1950, 3, 2),
        hospital_number="7654321",
        bsn=BSN,
    )
    base = AgendaCase(
        case_id=case_id,
        patient=patient,
        referring_hospital="H1",
        tumour_group="BREAST",
        triage_level="local",
        minutes=5,
        question=f"Question of {case_id}?",
        presenting_physician="Dr. Đorđević",
        triage_reason="R5: none of the above — local MDO",
        pathology_available=True,
        imaging_available=True,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def attendees() -> list[Attendee]:
    return [
        Attendee("E1", "Dr. A. Jansen", "SURG", "Surgical oncologist", "H1"),
        Attendee("E2", "Dr. Müller-Łukasiewicz", "RADIOL", "Radiologist", "H1"),
        Attendee("E3", "Dr. C. de Vries", "PATH", "Pathologist", "H1"),
        Attendee("E4", "Dr. D. Bakker", "CLIN_GEN", "Clinical geneticist", "H2"),
        Attendee("E5", "Dr. E. Visser", "SURG", "Surgical oncologist", "H2"),
    ]


def pdf_pages_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def bsn_like_numbers(text: str) -> list[str]:
    """Every 9-digit number in ``text`` that passes the elfproef (what must never print)."""
    found = []
    for match in re.finditer(r"(?<!\d)\d{9}(?!\d)", text):
        if elfproef(match.group(0)):
            found.append(match.group(0))
    compact = re.sub(r"(?<=\d)[ .\-](?=\d)", "", text)
    for match in re.finditer(r"(?<!\d)\d{9}(?!\d)", compact):
        if elfproef(match.group(0)):
            found.append(match.group(0))
    return found
