"""The demo's figures and vocabulary: public incidence and population numbers, the fictional
network's tumour groups, disciplines and hospitals, invented names, and small random helpers.

The proportions (see :mod:`mdo_planner.demo`) live here, beside the lists they shape, so that
changing a figure never means reading the generator.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

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
