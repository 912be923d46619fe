"""A scenario with hospital MDOs and oncology care-network consultations (issue 15).

Built on the small robustness scenario (two hospitals, breast and lung MDOs), it adds two care
networks: "Rivierenland" in postcode areas 5600-5658, which meets the NVPO criterion, and
"De Kempen" (5500-5599), still in formation (no dietitian). The seed's colon-cancer patient is
a GP referral to Rivierenland with nutrition-and-bowel problems and fatigue.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.small_scenario import small_scenario

CARE_DISCIPLINES = [
    {"code": "GP", "name": "General practitioner"},
    {"code": "PHYSIO", "name": "Physiotherapist", "care_role": "physiotherapy"},
    {"code": "DIET", "name": "Dietitian", "care_role": "dietetics"},
    {"code": "PSYCH", "name": "Psychologist", "care_role": "psychosocial"},
    {"code": "SOC_WORK", "name": "Social worker", "care_role": "psychosocial"},
    {"code": "SEXOL", "name": "Sexologist"},
    {"code": "OCC_THER", "name": "Occupational therapist"},
]

ORGANISATIONS = [
    {
        "id": "GP-ZUID",
        "name": "Huisartsenpraktijk Zuid",
        "network": "N1",
        "kind": "gp_practice",
        "postcode": "5612 AB",
        "municipality": "Eindhoven",
    },
    {
        "id": "PARA-1",
        "name": "Paramedisch Centrum Rivier",
        "network": "N1",
        "kind": "paramedical_practice",
        "postcode": "5615",
    },
    {
        "id": "PSY-1",
        "name": "Psychologenpraktijk Stroom",
        "network": "N1",
        "kind": "psychosocial_practice",
    },
    {"id": "PARA-2", "name": "Fysio De Kempen", "network": "N1", "kind": "paramedical_practice"},
]


def _pro(pid: str, name: str, disc: str, org: str, **kw: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "discipline": disc, "hospital": org, **kw}


PROFESSIONALS = [
    _pro("P-GP", "dr. H. Huisarts", "GP", "GP-ZUID"),
    _pro("P-DIET", "M. Diëtist", "DIET", "PARA-1", max_sessions_per_week=1),
    _pro("P-PHYS", "F. Fysio", "PHYSIO", "PARA-1"),
    _pro("P-PSY", "P. Psycholoog", "PSYCH", "PSY-1"),
    _pro("P-SEX", "S. Seksuoloog", "SEXOL", "PSY-1"),
    _pro("P-OT", "E. Ergo", "OCC_THER", "PARA-1"),
    # De Kempen, in formation
    _pro("K-PHYS", "K. Fysio", "PHYSIO", "PARA-2"),
    _pro("K-SW", "K. Maatschappelijk werk", "SOC_WORK", "PARA-2"),
    _pro("K-GP", "K. Huisarts", "GP", "PARA-2"),
]

CARE_NETWORKS = [
    {
        "id": "RIVIER",
        "name": "Oncologienetwerk Rivierenland",
        "network": "N1",
        "region": ["5600-5658", "Eindhoven"],
        "contact": {"name": "J. de Contact", "email": "contact@rivier.example"},
        "organisations": ["GP-ZUID", "PARA-1", "PSY-1"],
        "professionals": ["P-GP", "P-DIET", "P-PHYS", "P-PSY", "P-SEX", "P-OT"],
        "agreements": [{"hospital": "H2", "note": "aftercare after colorectal surgery"}],
        "core_disciplines": ["PHYSIO", "PSYCH", "DIET"],
    },
    {
        "id": "KEMPEN",
        "name": "Netwerk De Kempen (in formation)",
        "network": "N1",
        "region": ["5500-5599"],
        "organisations": ["PARA-2"],
        "professionals": ["K-PHYS", "K-SW", "K-GP"],
        "core_disciplines": ["PHYSIO", "SOC_WORK", "DIET"],
    },
]

CONSULTATIONS = [
    {
        "id": "NC-1",
        "care_network": "RIVIER",
        "hospital": "PARA-1",
        "date": "2027-01-07",
        "start": "12:30",
        "duration_min": 45,
        "mode": "video",
    },
    {
        "id": "NC-2",
        "care_network": "RIVIER",
        "hospital": "PARA-1",
        "date": "2027-01-14",
        "start": "12:30",
        "duration_min": 45,
        "mode": "video",
    },
]

COLON_REFERRAL = {
    "id": "REF-1",
    "patient": "P-555001",
    "hospital": "GP-ZUID",
    "ready": "2027-01-05",
    "due": "2027-01-12",
    "question": "Colon cancer, operated four months ago: persistent diarrhoea and fatigue.",
    "referral": {
        "complaints": ["nutrition_bowel", "fatigue"],
        "source": "gp",
        "referred_by": "dr. H. Huisarts",
        "postcode": "5612 AB",
    },
}


def care_scenario(*, dietitian_on_leave: bool = False) -> dict[str, Any]:
    """The scenario as a person would write it: the referral names no network (routed)."""
    data = small_scenario()
    data["name"] = "hospital MDOs and care-network consultations"
    # the small scenario's pinned lung case has no surgeon for its session (a robustness
    # case); here every hospital case can be planned, so the plan is valid as a whole
    data["cases"][1]["pinned_session"] = None
    data["disciplines"] += copy.deepcopy(CARE_DISCIPLINES)
    data["hospitals"] += copy.deepcopy(ORGANISATIONS)
    data["experts"] += copy.deepcopy(PROFESSIONALS)
    data["care_networks"] = copy.deepcopy(CARE_NETWORKS)
    data["sessions"] += copy.deepcopy(CONSULTATIONS)
    data["cases"].append(copy.deepcopy(COLON_REFERRAL))
    if dietitian_on_leave:
        diet = next(e for e in data["experts"] if e["id"] == "P-DIET")
        diet["unavailable"] = [{"from": "2027-01-04", "to": "2027-01-15"}]
    return data
