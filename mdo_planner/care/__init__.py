"""Oncology care networks (oncologiezorgnetwerken), issue 15: the domain rules.

Three rules live here, free of database and Qt so that they are tested on their own and the
Network setup screen, ``mdo-planner networks check``, the scenario reader and the referral
dialog all apply the same ones:

* :func:`check_criterion` -- the NVPO quality criterion a network must meet to be listed in
  the Verwijsgids Kanker: *multidisciplinary*, at least five different disciplines, among them
  at least a physiotherapist, a psychosocial care provider and a dietitian. Which discipline
  counts as which is a property of the discipline (``care_role``), so a social worker counts as
  psychosocial and an oncology physiotherapist as a physiotherapist.
* :func:`needed_disciplines` -- a network's rules map a referral's complaints to the
  disciplines that should see the patient, in the order the complaints were named ("dietitian
  first" when nutrition and bowel problems are named first).
* :func:`route` -- the referral goes to a network whose region holds the patient's postcode or
  municipality and that has the needed disciplines; the reason says why, or why none fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: Kinds of organisation (database ``hospitals.kind``), as the UI lists them.
ORGANISATION_KINDS: tuple[str, ...] = (
    "hospital",
    "gp_practice",
    "paramedical_practice",
    "psychosocial_practice",
    "home_care",
    "rehabilitation_centre",
)
ORGANISATION_KIND_NAMES: dict[str, str] = {
    "hospital": "Hospital",
    "gp_practice": "GP practice",
    "paramedical_practice": "Paramedical practice",
    "psychosocial_practice": "Psychosocial practice",
    "home_care": "Home-care organisation",
    "rehabilitation_centre": "Rehabilitation centre",
}
#: The three disciplines the NVPO criterion names (``disciplines.care_role``).
CARE_ROLES: tuple[str, ...] = ("physiotherapy", "psychosocial", "dietetics")
#: How a missing role is named ("no dietitian").
ROLE_NAMES: dict[str, str] = {
    "physiotherapy": "physiotherapist",
    "psychosocial": "psychosocial care provider",
    "dietetics": "dietitian",
}
#: At least this many different disciplines.
MIN_DISCIPLINES = 5

#: The extended discipline list of first-line oncology care: code, name, NVPO role.
CARE_DISCIPLINES: tuple[tuple[str, str, str | None], ...] = (
    ("GP", "General practitioner", None),
    ("PHYSIO", "Physiotherapist", "physiotherapy"),
    ("ONC_PHYSIO", "Oncology physiotherapist", "physiotherapy"),
    ("DIET", "Dietitian", "dietetics"),
    ("PSYCH", "Psychologist", "psychosocial"),
    ("SOC_WORK", "Social worker", "psychosocial"),
    ("PSYSOC_TH", "Psychosocial therapist", "psychosocial"),
    ("SPIRIT", "Spiritual caregiver", "psychosocial"),
    ("OCC_THER", "Occupational therapist", None),
    ("SPEECH", "Speech therapist", None),
    ("SEXOL", "Sexologist", None),
    ("HOME_NURSE", "Home-care nurse", None),
    ("EXERCISE", "Exercise therapist", None),
)

#: Complaints a referral names (the seed document's list, extended).
COMPLAINTS: tuple[str, ...] = (
    "fatigue",
    "anxiety_mood",
    "nutrition_bowel",
    "pain",
    "physical_functioning",
    "sexual_problems",
    "work_daily_life",
    "speech_swallowing",
    "care_at_home",
)
COMPLAINT_NAMES: dict[str, str] = {
    "fatigue": "fatigue",
    "anxiety_mood": "anxiety and mood",
    "nutrition_bowel": "nutrition and bowel",
    "pain": "pain",
    "physical_functioning": "physical functioning",
    "sexual_problems": "sexual problems",
    "work_daily_life": "work and daily life",
    "speech_swallowing": "speech and swallowing",
    "care_at_home": "care at home",
}
#: The shipped rules (every network may edit its own): complaint -> disciplines needed.
DEFAULT_RULES: dict[str, list[str]] = {
    "fatigue": ["PHYSIO"],
    "anxiety_mood": ["PSYCH"],
    "nutrition_bowel": ["DIET"],
    "pain": ["PHYSIO"],
    "physical_functioning": ["PHYSIO"],
    "sexual_problems": ["SEXOL"],
    "work_daily_life": ["OCC_THER"],
    "speech_swallowing": ["SPEECH"],
    "care_at_home": ["HOME_NURSE"],
}
REFERRAL_SOURCES: tuple[str, ...] = ("mdo", "gp", "contact_person")
#: Discussion time of a referral in a network consultation when none is stated.
REFERRAL_MINUTES = 15
#: Consultations take referrals from anywhere in their region: in the planning engine's
#: vocabulary they are sessions at the echelon every case accepts.
CONSULTATION_ECHELON = "supraregional"


def tumour_group_code(care_network: str) -> str:
    """The code of the tumour group a care network's consultations are planned as."""
    return f"CN-{care_network}"


# --------------------------------------------------------------------------- criterion


@dataclass(frozen=True)
class Shortfall:
    """One way a network falls short: ``missing`` names a role, ``too_few`` the count."""

    kind: str  # "missing" | "too_few"
    role: str | None = None
    count: int = 0

    def text(self) -> str:
        if self.kind == "missing":
            return f"no {ROLE_NAMES[self.role or '']}"
        return f"{self.count} disciplines, at least {MIN_DISCIPLINES} needed"


@dataclass(frozen=True)
class Criterion:
    """The NVPO check of one network: the disciplines counted and what is missing."""

    disciplines: tuple[str, ...]
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def meets(self) -> bool:
        return not self.shortfalls

    def text(self) -> str:
        if self.meets:
            return "meets the criterion"
        return "; ".join(s.text() for s in self.shortfalls)


def check_criterion(professionals: Iterable[tuple[str, str | None]]) -> Criterion:
    """The NVPO criterion over ``(discipline code, care role)`` of a network's professionals."""
    roles: dict[str, str | None] = {}
    for code, role in professionals:
        if isinstance(code, str):
            roles[code] = role
    found = {r for r in roles.values() if isinstance(r, str)}
    shortfalls = [Shortfall("missing", role=r) for r in CARE_ROLES if r not in found]
    if len(roles) < MIN_DISCIPLINES:
        shortfalls.append(Shortfall("too_few", count=len(roles)))
    return Criterion(tuple(sorted(roles)), tuple(shortfalls))


# --------------------------------------------------------------------------- rules and region


def needed_disciplines(
    complaints: Sequence[str], rules: Mapping[str, Sequence[str]] | None
) -> list[str]:
    """Disciplines for ``complaints`` under ``rules`` (default rules when None), first named
    first, each once."""
    table = DEFAULT_RULES if rules is None else rules
    out: list[str] = []
    for complaint in complaints:
        codes = table.get(complaint, ()) if isinstance(complaint, str) else ()
        for code in codes if isinstance(codes, list | tuple) else ():
            if isinstance(code, str) and code not in out:
                out.append(code)
    return out


_RANGE = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")
_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")
_AREA_PREFIX = re.compile(r"^[0-9]{1,4}$")
#: a municipality name or a range; the longest Dutch municipality name has 27 characters
MAX_REGION_ENTRY = 100


def postcode_area(postcode: str | None) -> str | None:
    """The four digits of a Dutch postcode ("5612 AB" -> "5612"), None when it is not one."""
    match = _POSTCODE.match(postcode or "")
    return match.group(1) if match else None


def region_problem(entry: str) -> str | None:
    """Why a region entry cannot be used (None when it can): a postcode area, a range of
    areas or a municipality name."""
    text = entry.strip()
    if not text:
        return "an empty region entry"
    if len(text) > MAX_REGION_ENTRY:
        return f"is {len(text):,} characters long; at most {MAX_REGION_ENTRY} fit"
    if (r := _RANGE.match(text)) and int(r.group(1)) > int(r.group(2)):
        return f"postcode range {text!r} runs backwards"
    # An entry with a digit that is no area or range ("56000", "5600–5658" with an en dash)
    # would be taken for a municipality name and never hold anyone: said, not swallowed.
    if not r and any(ch.isdigit() for ch in text) and not _AREA_PREFIX.match(text):
        return (
            f"{text!r} is not a postcode area (1 to 4 digits, '5611'), a range of areas "
            "('5600-5658') or a municipality name"
        )
    return None


def region_holds(region: Iterable[str], postcode: str | None, municipality: str | None) -> bool:
    """Whether a network's region (postcode areas "5611", ranges "5600-5658", municipality
    names) contains the patient."""
    area = postcode_area(postcode)
    town = (municipality or "").strip().casefold()
    for entry in region:
        text = entry.strip()
        if r := _RANGE.match(text):
            if area and int(r.group(1)) <= int(area) <= int(r.group(2)):
                return True
        elif text.isdigit():
            if area and area.startswith(text):
                return True
        elif town and text.casefold() == town:
            return True
    return False


@dataclass(frozen=True)
class NetworkFacts:
    """What routing needs to know of one care network."""

    code: str
    name: str
    region: tuple[str, ...]
    #: discipline code -> the professionals' names of that discipline
    disciplines: Mapping[str, Sequence[str]]
    rules: Mapping[str, Sequence[str]] | None = None
    meets: bool = True


@dataclass
class Routing:
    """Where a referral goes, which disciplines it needs and why (a sentence to show)."""

    network: str | None
    needed: list[str] = field(default_factory=list)
    reason: str = ""
    #: networks whose region holds the patient but which lack disciplines: name -> codes
    missing: dict[str, list[str]] = field(default_factory=dict)


def route(
    complaints: Sequence[str],
    postcode: str | None,
    municipality: str | None,
    networks: Sequence[NetworkFacts],
    discipline_names: Mapping[str, str] | None = None,
) -> Routing:
    """The network for a referral (see the module docstring); networks that meet the NVPO
    criterion are preferred over networks in formation, then the order given."""
    names = discipline_names or {}
    where = " ".join(x for x in (postcode or "", municipality or "") if x).strip() or "(none)"
    local = [n for n in networks if region_holds(n.region, postcode, municipality)]
    if not local:
        return Routing(
            None,
            needed_disciplines(complaints, None),
            f"no care network's region holds the patient's address {where}",
        )
    gaps: list[str] = []
    lacking: dict[str, list[str]] = {}
    for net in sorted(local, key=lambda n: not n.meets):
        needed = needed_disciplines(complaints, net.rules)
        missing = [d for d in needed if not net.disciplines.get(d)]
        if missing:
            gaps.append(f"{net.name} has no {', '.join(names.get(d, d) for d in missing)}")
            lacking[net.name] = missing
            continue
        has = ", ".join(f"{names.get(d, d)} ({', '.join(net.disciplines[d])})" for d in needed)
        first = f"; first: {names.get(needed[0], needed[0])}" if needed else ""
        return Routing(
            net.code,
            needed,
            f"{net.name}: its region holds {where}; it has {has or 'its core team'}{first}",
        )
    return Routing(
        None,
        needed_disciplines(complaints, None),
        f"the region of {', '.join(n.name for n in local)} holds {where}, but " + "; ".join(gaps),
    )


__all__ = [
    "CARE_DISCIPLINES",
    "CARE_ROLES",
    "COMPLAINTS",
    "COMPLAINT_NAMES",
    "CONSULTATION_ECHELON",
    "DEFAULT_RULES",
    "MIN_DISCIPLINES",
    "ORGANISATION_KINDS",
    "ORGANISATION_KIND_NAMES",
    "REFERRAL_MINUTES",
    "REFERRAL_SOURCES",
    "ROLE_NAMES",
    "Criterion",
    "NetworkFacts",
    "Routing",
    "Shortfall",
    "check_criterion",
    "needed_disciplines",
    "postcode_area",
    "region_holds",
    "region_problem",
    "route",
    "tumour_group_code",
]
