"""Privacy modes for printed agendas, and the guarantee that no BSN is ever printed.

An agenda is confidential medical data that travels: it is mailed to secretariats, printed,
left on tables, shown on screen in a video meeting with other hospitals. So the builder decides
here, once, which identifying data each line carries:

* ``full``: name, birth date, hospital patient number (own-hospital meetings);
* ``pseudonymised``: patient reference, initials and birth year (default for regional and
  supra-regional meetings, whose attendees come from other hospitals);
* ``minimal``: the patient reference only.

The BSN (Dutch citizen service number) is printed in no mode. Because people paste numbers
into free text ("BSN 123456782, see letter"), every printed text is also scrubbed of any
number that passes the BSN check (the "elfproef"), and of the case's own BSN in any spelling.
"""

from __future__ import annotations

import re
from datetime import date

from mdo_planner.agenda.labels import tr
from mdo_planner.agenda.model import PatientData, PrivacyMode

PRIVACY_MODES: tuple[PrivacyMode, ...] = ("full", "pseudonymised", "minimal")
BSN_PLACEHOLDER = "[BSN removed]"

#: Nine digits, optionally grouped with single spaces, dots or hyphens ("1234.56.782"),
#: not part of a longer digit run.
_NINE_DIGITS = re.compile(r"(?<!\d)\d(?:[ .\-\u00a0]?\d){8}(?![ .\-\u00a0]?\d)")
_NON_DIGITS = re.compile(r"\D")

#: Dutch (and a few other) name particles that do not give an initial: "J. van der Berg" → "J.B."
_PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ten",
        "ter",
        "te",
        "op",
        "in",
        "von",
        "zu",
        "du",
        "da",
        "dal",
        "del",
        "della",
        "di",
        "le",
        "la",
        "les",
        "dos",
        "das",
        "y",
    ]
)


def elfproef(digits: str) -> bool:
    """True when nine digits pass the BSN check: Σ (9..2)·dᵢ − d₉ is a multiple of 11.

    All zeros passes the arithmetic but is no BSN; we still treat it as one, because hiding
    a harmless number costs nothing and a missed BSN is a data breach.
    """
    if len(digits) != 9 or not digits.isdigit():
        return False
    values = [int(ch) for ch in digits]
    total = sum(w * v for w, v in zip(range(9, 1, -1), values[:8], strict=True)) - values[8]
    return total % 11 == 0


def redact_bsn(text: str, known_bsn: str | None = None) -> str:
    """Replace every BSN-like number, and the case's own BSN, by a placeholder."""
    if not text:
        return text
    if known_bsn:
        known = _NON_DIGITS.sub("", known_bsn)
        if known:
            pattern = r"(?<!\d)" + r"[ .\-\u00a0]?".join(re.escape(ch) for ch in known) + r"(?!\d)"
            text = re.sub(pattern, BSN_PLACEHOLDER, text)

    def _replace(match: re.Match[str]) -> str:
        digits = "".join(str(int(ch)) for ch in _NON_DIGITS.sub("", match.group(0)))
        return BSN_PLACEHOLDER if elfproef(digits) else match.group(0)

    return _NINE_DIGITS.sub(_replace, text)


def initials(name: str | None) -> str:
    """``"Zoë Ĳsselstein"`` → ``"Z.Ĳ."``; particles such as *van der* give no initial."""
    if not name:
        return ""
    out = []
    for token in re.split(r"[\s\-]+", name.strip()):
        word = token.strip(".,;:()'\"")
        if not word or token.lower() in _PARTICLES or word.lower() in _PARTICLES:
            continue
        first = word[0]
        if not first.isalpha():
            continue
        out.append(first.upper() + ".")
    return "".join(out)


def default_privacy(echelon: str, site_default: str | None = None) -> PrivacyMode:
    """Pseudonymised when other hospitals attend; else the configured choice, else ``full``.

    A configured default can make regional and supra-regional agendas stricter (``minimal``)
    but never looser: those attendees come from other hospitals.
    """
    if echelon in ("regional", "supraregional"):
        return "minimal" if site_default == "minimal" else "pseudonymised"
    if site_default in PRIVACY_MODES:
        return site_default
    return "full"


def check_privacy(mode: str) -> PrivacyMode:
    """Validate a privacy mode given by a person (command line, settings)."""
    if mode not in PRIVACY_MODES:
        from mdo_planner.errors import UserError

        raise UserError(f"unknown privacy mode {mode!r}: choose one of {', '.join(PRIVACY_MODES)}")
    return mode


def _dutch_date(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def patient_label(patient: PatientData, mode: PrivacyMode, language: str = "en") -> str:
    """The patient as printed on the agenda in this privacy mode (never the BSN)."""
    ref = patient.reference
    if mode == "minimal":
        parts = [ref]
    elif mode == "pseudonymised":
        parts = [ref, initials(patient.name)]
        if patient.birth_date is not None:
            parts.append(str(patient.birth_date.year))
    elif mode == "full":
        parts = [patient.name or "", ref]
        if patient.birth_date is not None:
            parts.append(tr(language, "born", date=_dutch_date(patient.birth_date)))
        if patient.hospital_number:
            parts.append(tr(language, "patient_number", number=patient.hospital_number))
    else:  # pragma: no cover - check_privacy guards every entry point
        raise ValueError(f"unknown privacy mode {mode!r}")
    label = " · ".join(p for p in parts if p)
    return redact_bsn(label, patient.bsn)
