"""A realistic, seeded demo network: what a new user, a trainer or a screenshot needs.

The demo is one fictional regional oncology network ("Oncologienetwerk Zuiderveld", 8 hospitals,
one of them a university medical centre acting as the network's expert centre) plus a national
comprehensive cancer centre that takes supra-regional referrals from anywhere. All names are
invented; any resemblance to real people or hospitals is coincidental.

Its proportions come from public figures, so that what the planner and the screens show has the
right order of magnitude:

* About 130,000 new cancer diagnoses a year in the Netherlands (IKNL, Netherlands Cancer
  Registry (NKR), nkr-cijfers.nl, diagnosis years 2022-2023, excluding basal cell carcinoma).
* About 90% of patients are discussed in a multidisciplinary team meeting (IKNL, "MDO 2.0" /
  "Echelonnering van MDO's"; NKR quality indicators).
* 1.6 to 3 MDO discussions per patient over the care path (pre-treatment, post-operative,
  recurrence): Walraven et al., BMC Health Serv Res 2022; 42% of patients are discussed more
  than once (CRUK "Meeting patients' needs", 2017). The demo uses 2.0.
* Tumour-group shares: rounded NKR incidence per year (breast ~15,900; prostate ~14,500;
  lung ~14,000; colorectal ~12,800; haematological ~11,500; urological bladder/kidney
  ~10,000; melanoma ~8,000; gynaecological ~5,000; pancreas/liver/bile ducts ~4,500;
  oesophagus/stomach ~3,900; head and neck ~3,200; central nervous system ~1,500;
  sarcoma ~1,200). Only these MDO tumour groups are generated.
* The network serves about 1.1 million of the Netherlands' 17.9 million inhabitants (CBS, 2024),
  i.e. ~6% of the national case load, which gives ~1,200 MDO registrations a month.
* Meeting patterns follow the workflow study in ``docs`` (10-20 MDOs a week per hospital,
  1-2 hours each, 2-4 minutes per standard case; regional and expert MDOs weekly).

Generation is deterministic for a seed and a start date, takes well under five seconds, and
writes everything in one transaction with the importer's bulk inserts.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.importer import insert_experts, insert_returning_ids, insert_rows
from mdo_planner.services.base import audit

log = logging.getLogger(__name__)

DEFAULT_SEED = 2027
#: Weeks of sessions generated from the start Monday.
WEEKS = 6
#: Inhabitants of the Netherlands (CBS 2024) and of the demo network's region.
NL_POPULATION = 17_900_000
NETWORK_POPULATION = 1_100_000
DIAGNOSES_PER_YEAR = 130_000
SHARE_DISCUSSED = 0.90
DISCUSSIONS_PER_PATIENT = 2.0

#: (code, name, yearly NKR incidence (rounded), core disciplines, organ specialist,
#: local MDOs at general hospitals?)
TUMOUR_GROUPS: tuple[tuple[str, str, int, tuple[str, ...], str, bool], ...] = (
    (
        "BREAST",
        "Breast",
        15_900,
        ("SURG", "RADIOL", "PATH", "MED_ONC", "RAD_ONC", "NURSE"),
        "SURG",
        True,
    ),
    (
        "PROSTATE",
        "Prostate",
        14_500,
        ("URO", "RADIOL", "PATH", "RAD_ONC", "NUC", "NURSE"),
        "URO",
        True,
    ),
    ("LUNG", "Lung", 14_000, ("PULM", "SURG", "RADIOL", "PATH", "RAD_ONC", "NUC"), "PULM", True),
    (
        "COLORECTAL",
        "Colorectal",
        12_800,
        ("SURG", "GASTRO", "RADIOL", "PATH", "MED_ONC", "RAD_ONC"),
        "GASTRO",
        True,
    ),
    ("HAEMATO", "Haematological", 11_500, ("HAEM", "PATH", "RADIOL", "RAD_ONC"), "HAEM", True),
    (
        "URO",
        "Bladder and kidney",
        10_000,
        ("URO", "RADIOL", "PATH", "MED_ONC", "RAD_ONC"),
        "URO",
        True,
    ),
    (
        "SKIN",
        "Melanoma and skin",
        8_000,
        ("DERM", "SURG", "PATH", "MED_ONC", "RADIOL"),
        "DERM",
        True,
    ),
    ("GYN", "Gynaecological", 5_000, ("GYN", "RADIOL", "PATH", "MED_ONC", "RAD_ONC"), "GYN", False),
    (
        "HPB",
        "Pancreas, liver and bile ducts",
        4_500,
        ("SURG", "GASTRO", "RADIOL", "PATH", "MED_ONC"),
        "GASTRO",
        False,
    ),
    (
        "UPPER_GI",
        "Oesophagus and stomach",
        3_900,
        ("SURG", "GASTRO", "RADIOL", "PATH", "MED_ONC", "RAD_ONC"),
        "GASTRO",
        False,
    ),
    (
        "HEAD_NECK",
        "Head and neck",
        3_200,
        ("ENT", "RADIOL", "PATH", "RAD_ONC", "MED_ONC"),
        "ENT",
        False,
    ),
    (
        "NEURO",
        "Neuro-oncology",
        1_500,
        ("NEURO", "RADIOL", "PATH", "RAD_ONC", "MED_ONC"),
        "NEURO",
        False,
    ),
    ("SARCOMA", "Sarcoma", 1_200, ("SURG", "RADIOL", "PATH", "MED_ONC", "RAD_ONC"), "SURG", False),
)

DISCIPLINES: tuple[tuple[str, str], ...] = (
    ("SURG", "Surgical oncologist"),
    ("GASTRO", "Gastroenterologist"),
    ("PULM", "Pulmonologist"),
    ("URO", "Urologist"),
    ("GYN", "Gynaecological oncologist"),
    ("ENT", "Head and neck surgeon"),
    ("DERM", "Dermatologist"),
    ("HAEM", "Haematologist"),
    ("NEURO", "Neurologist/neurosurgeon"),
    ("RADIOL", "Radiologist"),
    ("PATH", "Pathologist"),
    ("NUC", "Nuclear medicine physician"),
    ("MED_ONC", "Medical oncologist"),
    ("RAD_ONC", "Radiation oncologist"),
    ("NURSE", "Nurse specialist / case manager"),
    ("CLIN_GEN", "Clinical geneticist"),
    ("GERIATR", "Geriatrician"),
)

NETWORK = ("ZV", "Oncologienetwerk Zuiderveld")
NATIONAL = ("NKC", "Nationaal Kankercentrum (landelijk)")


@dataclass(frozen=True)
class _Hospital:
    code: str
    name: str
    network: str
    kind: str  # "umc", "teaching", "general", "national"
    radiotherapy: bool


HOSPITALS: tuple[_Hospital, ...] = (
    _Hospital("ZV-UMC", "Universitair Medisch Centrum Zuiderveld", "ZV", "umc", True),
    _Hospital("ZV-SEG", "Sint Elisabeth Gasthuis Dalenburg", "ZV", "teaching", True),
    _Hospital("ZV-RIJ", "Rijnoever Ziekenhuis", "ZV", "teaching", False),
    _Hospital("ZV-AMS", "Ziekenhuis Amstelmeer", "ZV", "general", False),
    _Hospital("ZV-HEV", "Ziekenhuis Heerenveld", "ZV", "general", False),
    _Hospital("ZV-WLD", "Waldhoven Ziekenhuis", "ZV", "general", False),
    _Hospital("ZV-IJS", "IJsselzoom Ziekenhuis", "ZV", "general", False),
    _Hospital("ZV-BRK", "Ziekenhuis De Brêke", "ZV", "general", False),
    _Hospital("NKC", "Nationaal Kankercentrum – Antoni Zuiderhuis", "NKC", "national", True),
)

SURNAMES = (
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van Dijk",
    "Schouten",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Kuijpers",
    "Willems",
    "Maas",
    "Verbeek",
    "Çelik",
    "Yılmaz",
    "El Idrissi",
    "Öztürk",
    "Boumédiène",
    "Coëlho",
    "Hoëvenaars",
    "Ruïz",
    "Beëlen",
    "Nguyễn",
    "Şahin",
    "Ter Brügge",
    "van 't Hof",
    "Doğan",
    "Wijnhövener",
    "Kraaijeveld",
    "Bijl",
    "IJzerman",
    "Postma",
)
FIRST_NAMES = (
    "Anouk",
    "Daniëlle",
    "Noëlle",
    "Chloë",
    "Zoë",
    "Jeroen",
    "Sjoerd",
    "Maarten",
    "Joëlle",
    "Rafaël",
    "Michaël",
    "Loïs",
    "Ruud",
    "Thijs",
    "Eline",
    "Fleur",
    "Sanne",
    "Bram",
    "Inge",
    "Geert",
    "Henriëtte",
    "Ilse",
    "Gerrit",
    "Wilhelmina",
    "Johannes",
    "Cornelis",
    "Aaltje",
    "Hüseyin",
    "Fatma",
    "Mohamed",
    "Siham",
    "Renée",
    "José",
    "Hélène",
    "Björn",
    "Jürgen",
)

PHASES = (
    ("pre_treatment", 0.52),
    ("post_operative", 0.24),
    ("recurrence", 0.08),
    ("palliative", 0.07),
    ("follow_up", 0.09),
)
QUESTIONS = {
    "pre_treatment": (
        "Primary treatment plan after completed staging?",
        "Neoadjuvant systemic therapy or primary surgery?",
        "Resectable? Surgery versus (chemo)radiation.",
        "Staging complete; curative options?",
    ),
    "post_operative": (
        "Adjuvant treatment after resection; pathology review.",
        "Irradical resection: re-excision or radiotherapy?",
        "Post-operative pathology: indication for adjuvant therapy?",
    ),
    "recurrence": (
        "Local recurrence: salvage options?",
        "Oligometastatic recurrence: local treatment or systemic?",
    ),
    "palliative": (
        "Palliative systemic therapy: next line?",
        "Symptom control: palliative radiotherapy?",
    ),
    "follow_up": (
        "Follow-up imaging shows new lesion: further diagnostics?",
        "End of follow-up: policy?",
    ),
}
OVERRIDE_REASONS = (
    "Patient asks for a second opinion at the expert centre.",
    "Complex comorbidity; discussion with the regional team preferred.",
    "Trial eligibility to be assessed by the network.",
)
LEAVE_REASONS = ("holiday", "conference", "course", "leave")


def network_share() -> float:
    """The demo network's share of the national case load (population share)."""
    return NETWORK_POPULATION / NL_POPULATION


def monthly_registrations() -> int:
    """MDO registrations a month in the demo network (see the module docstring)."""
    patients = DIAGNOSES_PER_YEAR * network_share() / 12
    return round(patients * SHARE_DISCUSSED * DISCUSSIONS_PER_PATIENT)


def next_monday(today: dt.date | None = None) -> dt.date:
    """The Monday after ``today``: the demo's sessions begin there, so it always looks current."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def _bsn(rng: random.Random) -> str:
    """A random 9-digit number that passes the BSN eleven test (fictional, never issued)."""
    while True:
        digits = [rng.randint(1 if i == 0 else 0, 9) for i in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9:
            # The check is sum(d_i * w_i) - last == 0 (mod 11), with last digit weight -1.
            return "".join(map(str, digits)) + str(last)


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(SURNAMES)


def _doctor(rng: random.Random) -> str:
    first, last = _name(rng)
    return f"Dr. {first[0]}. {last}"


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


class _Builder:
    """Builds the demo rows in memory; ``_write`` then bulk-inserts them in one go."""

    def __init__(self, seed: int, start: dt.date) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = start
        self.end = start + dt.timedelta(weeks=WEEKS) - dt.timedelta(days=1)

    # ------------------------------------------------------------------ meetings
    def series(self) -> list[dict[str, Any]]:
        """Weekly local, regional and supra-regional MDOs, as a network really runs them."""
        rng = self.rng
        out: list[dict[str, Any]] = []
        slots = [
            dt.time(7, 45),
            dt.time(8, 0),
            dt.time(12, 30),
            dt.time(13, 0),
            dt.time(16, 0),
            dt.time(16, 30),
            dt.time(17, 0),
        ]
        for h in HOSPITALS:
            if h.kind == "national":
                continue
            used: set[tuple[int, dt.time]] = set()
            for code, name, incidence, _core, _spec, general in TUMOUR_GROUPS:
                if code == "SARCOMA":
                    continue  # expert centre only
                if not general and h.kind == "general":
                    continue  # small tumour groups: local MDOs only at the larger hospitals
                fortnightly = incidence < 4_000 and h.kind != "umc"
                while True:
                    slot = (rng.randint(1, 5), rng.choice(slots))
                    if slot not in used:
                        used.add(slot)
                        break
                out.append(
                    dict(
                        name=f"{name} – local – {h.name}",
                        tg=code,
                        echelon="local",
                        hospital=h.code,
                        weekday=slot[0],
                        start_time=slot[1],
                        duration_min=60 if incidence > 10_000 else 45,
                        frequency_weeks=2 if fortnightly else 1,
                        mode=rng.choice(("in_person", "hybrid", "hybrid")),
                    )
                )
        # Regional MDOs of the network, hosted by the UMC or the large teaching hospital.
        for i, (code, name, incidence, *_rest) in enumerate(TUMOUR_GROUPS):
            if code == "SARCOMA":
                continue
            host = "ZV-UMC" if i % 2 == 0 else "ZV-SEG"
            out.append(
                dict(
                    name=f"{name} – regional – {NETWORK[1]}",
                    tg=code,
                    echelon="regional",
                    hospital=host,
                    weekday=1 + i % 5,
                    start_time=dt.time(17, 0) if i % 3 else dt.time(8, 0),
                    duration_min=90 if incidence > 8_000 else 60,
                    frequency_weeks=1,
                    mode="video",
                )
            )
        # Supra-regional (expert-centre) MDOs: the UMC for most groups, the national centre
        # for the rare ones.
        for i, (code, name, incidence, *_rest) in enumerate(TUMOUR_GROUPS):
            hosts = ["ZV-UMC"]
            if incidence < 5_000:
                hosts.append("NKC")
            for host in hosts:
                out.append(
                    dict(
                        name=f"{name} – supra-regional – {host}",
                        tg=code,
                        echelon="supraregional",
                        hospital=host,
                        weekday=1 + (i + 2) % 5,
                        start_time=dt.time(12, 30) if host == "NKC" else dt.time(16, 0),
                        duration_min=60,
                        frequency_weeks=1,
                        mode="video",
                    )
                )
        for s in out:
            s["video_link"] = (
                f"https://meet.zuiderveld.example/mdo/{s['tg'].lower()}-{s['echelon']}"
                if s["mode"] != "in_person"
                else None
            )
        return out

    # ------------------------------------------------------------------ experts
    def experts(self) -> list[dict[str, Any]]:
        """Enough experts per hospital and tumour group for quorum despite leave."""
        rng = self.rng
        experts: list[dict[str, Any]] = []
        zv = [h.code for h in HOSPITALS if h.network == "ZV"]
        rt_centres = {
            "ZV-UMC": ["ZV-UMC", "ZV-RIJ", "ZV-AMS", "ZV-BRK"],
            "ZV-SEG": ["ZV-SEG", "ZV-HEV", "ZV-WLD", "ZV-IJS"],
            "NKC": ["NKC"],
        }

        def add(
            disc: str,
            hosp: _Hospital,
            groups: list[str],
            serves: list[str] | None = None,
            max_echelon: str | None = None,
        ) -> None:
            if max_echelon is None:
                max_echelon = {
                    "umc": "supraregional",
                    "national": "supraregional",
                    "teaching": "regional",
                }.get(hosp.kind) or ("regional" if rng.random() < 0.35 else "local")
            experts.append(
                dict(
                    discipline=disc,
                    hospital=hosp.code,
                    serves=serves or [hosp.code],
                    tumour_groups=sorted(set(groups)),
                    max_echelon=max_echelon,
                    max_sessions_per_week=rng.choice((3, 4, 5, 6, 8))
                    if disc in ("RADIOL", "PATH")
                    else rng.choice((2, 3, 4, 5)),
                )
            )

        for h in HOSPITALS:
            groups_here = [
                tg
                for tg, _n, _i, _c, _s, general in TUMOUR_GROUPS
                if h.kind in ("umc", "national")
                or (tg != "SARCOMA" and (general or h.kind == "teaching"))
            ]
            if h.kind == "national":
                groups_here = [tg for tg, _n, inc, *_ in TUMOUR_GROUPS if inc < 5_000]
            per = 3 if h.kind in ("umc", "national") else 2
            # Organ specialists and nurse specialists belong to one tumour group.
            for tg, _n, _i, core, spec, _g in TUMOUR_GROUPS:
                if tg not in groups_here:
                    continue
                for disc in dict.fromkeys(
                    (
                        spec,
                        *[
                            d
                            for d in core
                            if d
                            in (
                                "SURG",
                                "GASTRO",
                                "PULM",
                                "URO",
                                "GYN",
                                "ENT",
                                "DERM",
                                "HAEM",
                                "NEURO",
                                "NURSE",
                            )
                        ],
                    )
                ):
                    for _ in range(per):
                        add(disc, h, [tg])
            # Radiologists, pathologists, medical oncologists and nuclear medicine physicians
            # cover several groups of their own hospital.
            for disc, size in (("RADIOL", 3), ("PATH", 3), ("MED_ONC", 3), ("NUC", 6)):
                needing = [
                    tg
                    for tg, _n, _i, core, _s, _g in TUMOUR_GROUPS
                    if tg in groups_here and disc in core
                ]
                for start in range(0, len(needing), size):
                    for _ in range(per):
                        add(disc, h, needing[start : start + size])
            # Radiation oncologists work from a radiotherapy centre for several hospitals.
            if h.radiotherapy:
                needing = [
                    tg
                    for tg, _n, _i, core, _s, _g in TUMOUR_GROUPS
                    if "RAD_ONC" in core and (h.kind != "national" or tg in groups_here)
                ]
                for start in range(0, len(needing), 2):
                    for _ in range(per):
                        add(
                            "RAD_ONC",
                            h,
                            needing[start : start + 2],
                            serves=rt_centres[h.code],
                            max_echelon="supraregional" if h.kind != "teaching" else "regional",
                        )
            # Geriatricians at every hospital, clinical geneticists at the expert centres.
            all_groups = [tg for tg, *_ in TUMOUR_GROUPS]
            # Two geriatricians per hospital: frail patients (R4, GERIATR) are common enough
            # that one with leave would leave them unplanned.
            for _ in range(2):
                add(
                    "GERIATR",
                    h,
                    all_groups,
                    max_echelon="regional" if h.kind != "general" else "local",
                )
            if h.kind in ("umc", "national"):
                for _ in range(2):
                    add(
                        "CLIN_GEN",
                        h,
                        all_groups,
                        serves=zv if h.kind == "umc" else [h.code],
                        max_echelon="supraregional",
                    )
        for i, e in enumerate(experts, start=1):
            e["code"] = f"E{i:04d}"
            e["name"] = _doctor(rng)
            e["email"] = None
            e["leave"] = self._leave()
        return experts

    def _leave(self) -> list[tuple[dt.date, dt.date, str]]:
        rng = self.rng
        out: list[tuple[dt.date, dt.date, str]] = []
        if rng.random() < 0.35:  # a holiday week or two
            first = self.start + dt.timedelta(days=rng.randint(-3, 7 * WEEKS - 5))
            out.append((first, first + dt.timedelta(days=rng.choice((4, 6, 11))), "holiday"))
        if rng.random() < 0.15:  # a conference or course
            first = self.start + dt.timedelta(days=rng.randint(0, 7 * WEEKS - 3))
            out.append(
                (
                    first,
                    first + dt.timedelta(days=rng.randint(0, 2)),
                    rng.choice(LEAVE_REASONS[1:3]),
                )
            )
        out.sort()
        merged: list[tuple[dt.date, dt.date, str]] = []
        for s, e, r in out:  # periods must not overlap, for a tidy leave list
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]), merged[-1][2])
            else:
                merged.append((s, e, r))
        return merged

    # ------------------------------------------------------------------ cases
    def complexity(self, phase: str, tg: str, age: int) -> dict[str, Any]:
        rng = self.rng

        def p(x: float) -> bool:
            return rng.random() < x

        rare = tg in ("SARCOMA", "NEURO") or p(0.02)
        return {
            "phase": phase,
            "stage": rng.choice(("0", "I", "II", "II", "III", "III", "IV"))
            if phase != "follow_up"
            else None,
            "pathology_available": not p(0.03),
            "imaging_available": not p(0.02),
            "rare_tumour": rare and p(0.6),
            "rare_molecular_alteration": p(0.015),
            "second_opinion": p(0.02),
            "no_consensus_previous": p(0.01),
            "previous_echelon": "local"
            if phase in ("recurrence", "post_operative") and p(0.3)
            else None,
            "centralised_procedure": tg in ("HPB", "UPPER_GI")
            and phase == "pre_treatment"
            and p(0.5),
            "recurrence": phase == "recurrence",
            "metastatic": p(0.08),
            "curative_options": p(0.3),
            "multimodal": phase == "pre_treatment" and p(0.12),
            "discordant_findings": p(0.03),
            "guideline_deviation": p(0.02),
            "trial_candidate": p(0.03),
            "frailty": age >= 75 and p(0.25),
            "cognitive_impairment": age >= 80 and p(0.08),
            "significant_comorbidity": p(0.06),
            "previous_treatment_failure": phase == "palliative" and p(0.3),
            "psychosocial_issues": p(0.03),
            "conflicting_preference": p(0.02),
            "hereditary_suspected": tg in ("BREAST", "COLORECTAL", "GYN") and age < 50 and p(0.4),
            "age": age,
            "who_performance": rng.choice((0, 0, 1, 1, 1, 2, 2, 3)),
            "standard_of_care": phase in ("follow_up", "post_operative") and p(0.35),
        }

    def cases(self, experts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A month of registrations, spread over the tumour groups by NKR incidence."""
        rng = self.rng
        zv_hospitals = [h for h in HOSPITALS if h.network == "ZV"]
        # Larger hospitals see more patients.
        h_weights = [{"umc": 2.0, "teaching": 1.6, "general": 1.0}[h.kind] for h in zv_hospitals]
        tg_codes = [t[0] for t in TUMOUR_GROUPS]
        tg_weights = [t[2] for t in TUMOUR_GROUPS]
        spec_of = {t[0]: t[4] for t in TUMOUR_GROUPS}
        presenters: dict[tuple[str, str], list[str]] = {}
        for e in experts:
            for tg in e["tumour_groups"]:
                if e["discipline"] == spec_of[tg]:
                    presenters.setdefault((e["hospital"], tg), []).append(e["name"])
        n = monthly_registrations()
        cases: list[dict[str, Any]] = []
        patients: list[dict[str, Any]] = []
        first_day = self.start - dt.timedelta(days=7)  # last week's registrations are ready now
        for i in range(1, n + 1):
            # ~10% of this month's registrations are a patient's second discussion.
            if patients and rng.random() < 0.10:
                patient = rng.choice(patients)
                phase = "post_operative"
            else:
                hospital = rng.choices(zv_hospitals, weights=h_weights)[0]
                tg = rng.choices(tg_codes, weights=tg_weights)[0]
                age = max(18, min(97, round(rng.gauss(68, 12))))
                first, last = _name(rng)
                birth = dt.date(self.start.year - age, 1, 1) + dt.timedelta(
                    days=rng.randint(0, 364)
                )
                patient = {
                    "ref": f"P-{rng.randint(100000, 999999)}",
                    "name": f"{first} {last}",
                    "number": f"{hospital.code.split('-')[-1]}{rng.randint(1000000, 9999999)}",
                    "bsn": _bsn(rng) if rng.random() < 0.8 else None,
                    "birth": birth,
                    "age": age,
                    "hospital": hospital.code,
                    "tg": tg,
                }
                patients.append(patient)
                phase = _weighted(rng, PHASES)
            tg = patient["tg"]
            registered = first_day + dt.timedelta(days=rng.randint(0, 27))
            ready = registered + dt.timedelta(days=rng.choice((0, 1, 2, 3, 5, 7)))
            # Registrations come in before the meeting series' cut-off (up to 5 working days
            # before a regional MDO), as the preparation of imaging and pathology needs; one
            # in 25 arrives late, so the demo shows what the review does with it. (Same random
            # draws as before: the demo network stays the same.)
            registered = ready if i % 25 == 0 else ready - dt.timedelta(days=8)
            urgent = rng.random() < 0.07
            due = ready + dt.timedelta(days=rng.randint(2, 5) if urgent else rng.randint(7, 21))
            no_question = rng.random() < 0.02
            question = "" if no_question else rng.choice(QUESTIONS[phase])
            physician = rng.choice(presenters.get((patient["hospital"], tg)) or [_doctor(rng)])
            cases.append(
                {
                    "code": f"C{i:05d}",
                    "patient": patient,
                    "phase": phase,
                    "tg": tg,
                    "registered": registered,
                    "ready": ready,
                    "due": due,
                    "urgent": urgent,
                    "question": question,
                    "physician": physician,
                    "complexity": self.complexity(phase, tg, patient["age"]),
                }
            )
        return cases


def _is_empty(session: Session) -> bool:
    for model in (m.Network, m.Hospital, m.Expert, m.Case, m.MeetingSession):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    return True


def fill_demo(
    db: Any, seed: int = DEFAULT_SEED, *, start: dt.date | None = None, user: str = "demo"
) -> dict[str, int]:
    """Fill an *empty* database with the demo network; returns the counts written.

    ``start`` is the Monday the sessions begin (default: next Monday), so that the demo
    always looks current; with the same seed and start the content is identical.
    """
    start = start or next_monday()
    if start.weekday() != 0:
        raise UserError(f"the demo starts on a Monday, and {start} is not one")
    with db.session() as session:
        if not _is_empty(session):
            raise UserError("this database already holds a network; the demo needs an empty one")
        counts = _write(session, _Builder(seed, start), user)
    return counts


def _write(session: Session, b: _Builder, user: str) -> dict[str, int]:
    from mdo_planner.services.network_service import dutch_holidays, series_dates
    from mdo_planner.triage import default_rule_set, triage

    rng = b.rng
    counts: dict[str, int] = {}
    disc = dict(
        zip(
            (d for d, _ in DISCIPLINES),
            insert_returning_ids(
                session, m.Discipline, [{"code": c, "name": n} for c, n in DISCIPLINES]
            ),
            strict=True,
        )
    )
    tg = dict(
        zip(
            (t[0] for t in TUMOUR_GROUPS),
            insert_returning_ids(
                session,
                m.TumourGroup,
                [
                    {"code": c, "name": n, "expert_centre_only": c == "SARCOMA"}
                    for c, n, *_ in TUMOUR_GROUPS
                ],
            ),
            strict=True,
        )
    )
    insert_rows(
        session,
        m.tumour_group_disciplines,
        (
            {"tumour_group_id": tg[c], "discipline_id": disc[d]}
            for c, _n, _i, core, _s, _g in TUMOUR_GROUPS
            for d in core
        ),
    )
    net = dict(
        zip(
            ("ZV", "NKC"),
            insert_returning_ids(
                session,
                m.Network,
                [
                    {"code": NETWORK[0], "name": NETWORK[1]},
                    {"code": NATIONAL[0], "name": NATIONAL[1]},
                ],
            ),
            strict=True,
        )
    )
    hosp = dict(
        zip(
            (h.code for h in HOSPITALS),
            insert_returning_ids(
                session,
                m.Hospital,
                [
                    {
                        "code": h.code,
                        "name": h.name,
                        "network_id": net[h.network],
                        "expert_centre": h.kind in ("umc", "national"),
                    }
                    for h in HOSPITALS
                ],
            ),
            strict=True,
        )
    )
    counts["hospitals"] = len(hosp)

    # -- experts
    experts = b.experts()
    exp_ids = insert_experts(session, experts, "code", disc, hosp, tg)
    counts["experts"] = len(experts)
    counts["leave periods"] = insert_rows(
        session,
        m.LeavePeriod,
        (
            {"expert_id": pk, "start": s, "end": e_, "reason": r}
            for e, pk in zip(experts, exp_ids, strict=True)
            for s, e_, r in e["leave"]
        ),
    )

    # -- meeting series and their sessions (Dutch public holidays skipped)
    series = b.series()
    series_ids = insert_returning_ids(
        session,
        m.MeetingSeries,
        [
            {
                "name": s["name"][:200],
                "tumour_group_id": tg[s["tg"]],
                "echelon": s["echelon"],
                "hospital_id": hosp[s["hospital"]],
                "weekday": s["weekday"],
                "start_time": s["start_time"],
                "duration_min": s["duration_min"],
                "frequency_weeks": s["frequency_weeks"],
                "mode": s["mode"],
                "video_link": s["video_link"],
                "valid_from": b.start,
                "skip_holidays": True,
            }
            for s in series
        ],
    )
    holidays = dutch_holidays(b.start, b.end)
    session_rows = []
    for s, sid in zip(series, series_ids, strict=True):
        for item in series_dates(
            s["weekday"], s["frequency_weeks"], b.start, None, b.start, b.end, holidays
        ):
            if item.holiday:
                continue
            session_rows.append(
                {
                    "code": f"MS{sid}-{item.date:%Y%m%d}",
                    "series_id": sid,
                    "tumour_group_id": tg[s["tg"]],
                    "echelon": s["echelon"],
                    "hospital_id": hosp[s["hospital"]],
                    "date": item.date,
                    "start_time": s["start_time"],
                    "duration_min": s["duration_min"],
                    "mode": s["mode"],
                    "video_link": s["video_link"],
                }
            )
    counts["meeting series"] = len(series)
    counts["sessions"] = len(session_rows)
    insert_rows(session, m.MeetingSession, session_rows)

    # -- the rule set the triage results refer to
    rs = default_rule_set()
    rule_set_pk = session.scalar(
        select(m.TriageRuleSet.id).where(
            m.TriageRuleSet.name == rs.id, m.TriageRuleSet.rule_version == rs.version
        )
    )
    if rule_set_pk is None:
        rule_set_pk = insert_returning_ids(
            session,
            m.TriageRuleSet,
            [
                {
                    "name": rs.id,
                    "rule_version": rs.version,
                    "document": rs.to_document(),
                    "created_by": user,
                    "active": True,
                }
            ],
        )[0]

    # -- a month of cases, triaged; most confirmed, some still waiting for a clinician
    cases = b.cases(experts)
    case_rows: list[dict[str, Any]] = []
    extra_rows: list[tuple[str, str]] = []
    levels: dict[str, int] = {}
    now = m.utcnow()
    for c in cases:
        result = triage(c["complexity"], tumour_group=c["tg"], question=c["question"], rules=rs)
        registered_at = dt.datetime.combine(c["registered"], dt.time(9, 0), tzinfo=dt.UTC)
        row: dict[str, Any] = {
            "code": c["code"],
            "patient_ref": c["patient"]["ref"],
            "patient_name": c["patient"]["name"],
            "patient_number": c["patient"]["number"],
            "bsn": c["patient"]["bsn"],
            "birth_date": c["patient"]["birth"],
            "hospital_id": hosp[c["patient"]["hospital"]],
            "presenting_physician": c["physician"],
            "tumour_group_id": tg[c["tg"]],
            "question": c["question"],
            "complexity": c["complexity"],
            "triage_level": result.level,
            "triage_rules": [f.to_record() for f in result.fired],
            "triage_rule_set_id": rule_set_pk,
            "triage_rule_set_version": result.rule_set_version,
            "triage_at": registered_at,
            "minutes": None,
            "ready_date": c["ready"],
            "due_date": c["due"],
            "urgent": c["urgent"],
            "created_at": registered_at,
            "updated_at": now,
            "created_by": "secretariaat",
            "status": "new",
            "required_level": None,
        }
        draw = rng.random()
        if result.level == "hold":
            row["status"] = "hold"
        elif draw < 0.88:  # confirmed by the presenting physician (most, within a day)
            row.update(
                status="ready",
                required_level=result.level,
                confirmed_by=c["physician"][:100],
                confirmed_at=registered_at,
            )
        elif draw < 0.93 and result.level in ("local", "regional"):  # overridden, with reason
            higher = "regional" if result.level == "local" else "supraregional"
            row.update(
                status="ready",
                override_level=higher,
                required_level=higher,
                override_reason=rng.choice(OVERRIDE_REASONS),
                override_by=c["physician"][:100],
                override_at=registered_at,
            )
        elif draw > 0.995:
            row["status"] = "withdrawn"
        levels[row["required_level"] or result.level] = (
            levels.get(row["required_level"] or result.level, 0) + 1
        )
        case_rows.append(row)
        if row["required_level"]:
            # As the triage service does on a decision: the level's suggested minutes, and
            # the recommended extra disciplines become part of the case.
            row["minutes"] = rs.minutes[row["required_level"]]
            extra_rows.extend((c["code"], d) for d in result.extra_disciplines if d in disc)
    case_ids = dict(
        zip(
            (r["code"] for r in case_rows),
            insert_returning_ids(session, m.Case, case_rows),
            strict=True,
        )
    )
    insert_rows(
        session,
        m.case_extra_disciplines,
        ({"case_id": case_ids[c], "discipline_id": disc[d]} for c, d in dict.fromkeys(extra_rows)),
    )
    counts["cases"] = len(case_rows)
    for level, k in sorted(levels.items()):
        counts[f"cases {level}"] = k

    # -- oncology care networks beyond the hospital walls (issue 15)
    from mdo_planner.care.demo import seed as seed_care_networks

    counts.update(seed_care_networks(session, b.start, b.end, user))

    audit(
        session,
        user,
        "demo",
        "database",
        None,
        {"seed": b.seed, "start": b.start.isoformat(), **counts},
    )
    session.flush()
    return counts


def ensure_demo_database() -> Any:
    """Open the demo database beside the real one, creating and filling it on first use.

    Idempotent: an already filled demo database is opened as it is (the user's changes to the
    demo survive a restart). Two processes starting at once cannot both fill it: the loser's
    transaction fails on the unique codes and it simply opens what the winner wrote.
    """
    from mdo_planner.services.base import open_database

    db = open_database(demo=True)
    try:
        with db.session() as session:
            empty = _is_empty(session)
        if empty:
            try:
                counts = fill_demo(db)
                log.info("demo database filled: %s", counts)
            except IntegrityError:
                log.info("demo database was filled by another process meanwhile")
            except UserError as exc:  # filled by another process between check and write
                log.info("demo database not filled: %s", exc)
    except BaseException:
        db.dispose()
        raise
    return db


__all__ = [
    "DEFAULT_SEED",
    "HOSPITALS",
    "TUMOUR_GROUPS",
    "ensure_demo_database",
    "fill_demo",
    "monthly_registrations",
    "network_share",
    "next_monday",
]
