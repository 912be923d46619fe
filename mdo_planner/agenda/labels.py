"""The fixed words of agendas and calendar entries, in English and Dutch.

Dutch hospitals print their agendas in Dutch; regional and expert-centre MDOs may have
attendees from abroad and print in English. The language is chosen per export (``--lang``)
or per site (``[agenda] language``). Only our own words are translated: what people typed
(questions, names) prints as typed, and triage reasons come from the rule set in the language
it provides.
"""

from __future__ import annotations

from datetime import date
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "nl")

_EN: dict[str, str] = {
    "confidential": "Confidential — medical data",
    "col_number": "#",
    "col_time": "Time",
    "col_patient": "Patient",
    "col_referred": "Referred by",
    "col_triage": "Triage",
    "col_ready": "Readiness",
    "page": "Page {number} of {total}",
    "printed": "Printed at {when} · MDO Planner · {confidential}",
    "question": "Question",
    "no_question": "(no question given)",
    "triage": "Triage",
    "overridden": "overridden to {level} by {by}: {reason}",
    "patient": "Patient",
    "referring_hospital": "Referring hospital",
    "presenting_physician": "Presenting physician",
    "extra_disciplines": "Extra disciplines",
    "needs_you": "Needs you",
    "needs_you_text": "this case asks for a {discipline} in particular",
    "urgent": "URGENT",
    "for_noting": "for noting",
    "date": "Date",
    "tumour_group": "Tumour group",
    "echelon": "Echelon",
    "host_hospital": "Host hospital",
    "mode": "Mode",
    "video_link": "Video link",
    "chair": "Chair",
    "agenda": "Agenda",
    "agenda_text": "{items} case(s) for discussion ({used} of {duration} min), "
    "{noting} listed for noting",
    "privacy": "Privacy",
    "privacy_text": "{mode} (no BSN is ever printed)",
    "attendees": "Attending experts",
    "no_attendees": "No attendance recorded yet.",
    "attention": "Attention: {text}",
    "for_discussion": "For discussion",
    "no_items": "No cases are listed for discussion.",
    "noting": "Listed for noting (standard of care)",
    "noting_intro": "These cases follow an agreed standard-of-care pathway: they are listed for "
    "the record and not discussed, unless a member asks.",
    "contents": "Contents",
    "batch_title": "MDO agendas {date_from} to {date_to}",
    "my_mdos": "My MDOs",
    "my_title": "My MDOs — {name} — {date_from} to {date_to}",
    "my_intro": "{count} session(s). Items marked “{needs_you}” ask for your discipline in "
    "particular.",
    "no_sessions": "No sessions in this range.",
    "pathology": "pathology",
    "imaging": "imaging",
    "missing": "missing",
    "not_recorded": "not recorded",
    "born": "born {date}",
    "patient_number": "patient no. {number}",
    "warn_hold": "case {case} is on hold (not ready) and is not listed",
    "warn_overrun": "the cases take {used} min but the session lasts {duration} min: it "
    "overruns by {over} min",
    "warn_cancelled": "this session is cancelled",
    "warn_missing": "item {number}: {what} not yet available",
    "warn_leave": "{name} ({discipline}) is on leave that day and does not attend: plan the "
    "day again",
    "warn_leave_uncovered": "{name} ({discipline}) is on leave that day and does not attend, "
    "and nobody else of that discipline does: the quorum is not met; plan the day again",
    "and": " and ",
    "ics_cases": "Cases for discussion: {items} ({used} of {duration} min); listed for "
    "noting: {noting}",
    "ics_note": "The agenda (confidential) is distributed separately by the MDO secretariat.",
    "local": "local",
    "regional": "regional",
    "supraregional": "supraregional",
    "consultation": "network consultation",
    "referral": "referral",
    "full": "full",
    "pseudonymised": "pseudonymised",
    "minimal": "minimal",
    "in_person": "in person",
    "hybrid": "hybrid (in person and video)",
    "video": "video",
}

_NL: dict[str, str] = {
    "confidential": "Vertrouwelijk — medische gegevens",
    "col_number": "#",
    "col_time": "Tijd",
    "col_patient": "Patiënt",
    "col_referred": "Verwezen door",
    "col_triage": "Triage",
    "col_ready": "Gereed",
    "page": "Pagina {number} van {total}",
    "printed": "Afgedrukt op {when} · MDO Planner · {confidential}",
    "question": "Vraagstelling",
    "no_question": "(geen vraagstelling opgegeven)",
    "triage": "Triage",
    "overridden": "gewijzigd naar {level} door {by}: {reason}",
    "patient": "Patiënt",
    "referring_hospital": "Verwijzend ziekenhuis",
    "presenting_physician": "Presenterend arts",
    "extra_disciplines": "Extra disciplines",
    "needs_you": "Voor u",
    "needs_you_text": "deze casus vraagt in het bijzonder om een {discipline}",
    "urgent": "SPOED",
    "for_noting": "ter kennisname",
    "date": "Datum",
    "tumour_group": "Tumorwerkgroep",
    "echelon": "Echelon",
    "host_hospital": "Gastziekenhuis",
    "mode": "Vorm",
    "video_link": "Videolink",
    "chair": "Voorzitter",
    "agenda": "Agenda",
    "agenda_text": "{items} casus(sen) ter bespreking ({used} van {duration} min), "
    "{noting} ter kennisname",
    "privacy": "Privacy",
    "privacy_text": "{mode} (het BSN wordt nooit afgedrukt)",
    "attendees": "Aanwezige specialisten",
    "no_attendees": "Nog geen aanwezigheid vastgelegd.",
    "attention": "Let op: {text}",
    "for_discussion": "Ter bespreking",
    "no_items": "Er staan geen casussen ter bespreking.",
    "noting": "Ter kennisname (standaardzorg)",
    "noting_intro": "Deze casussen volgen een afgesproken standaardzorgpad: ze worden ter "
    "kennisname vermeld en niet besproken, tenzij een deelnemer daarom vraagt.",
    "contents": "Inhoud",
    "batch_title": "MDO-agenda's {date_from} t/m {date_to}",
    "my_mdos": "Mijn MDO's",
    "my_title": "Mijn MDO's — {name} — {date_from} t/m {date_to}",
    "my_intro": "{count} MDO('s). Casussen gemarkeerd met “{needs_you}” vragen in het "
    "bijzonder om uw discipline.",
    "no_sessions": "Geen MDO's in deze periode.",
    "pathology": "pathologie",
    "imaging": "beeldvorming",
    "missing": "ontbreekt",
    "not_recorded": "niet vastgelegd",
    "born": "geb. {date}",
    "patient_number": "patiëntnr. {number}",
    "warn_hold": "casus {case} staat on hold (niet gereed) en is niet opgenomen",
    "warn_overrun": "de casussen duren {used} min maar het MDO duurt {duration} min: het loopt "
    "{over} min uit",
    "warn_cancelled": "dit MDO is geannuleerd",
    "warn_missing": "punt {number}: {what} nog niet beschikbaar",
    "warn_leave": "{name} ({discipline}) heeft die dag verlof en neemt niet deel: plan de dag "
    "opnieuw",
    "warn_leave_uncovered": "{name} ({discipline}) heeft die dag verlof en neemt niet deel, en "
    "niemand anders van die discipline: het quorum is niet gehaald; plan de dag opnieuw",
    "and": " en ",
    "ics_cases": "Casussen ter bespreking: {items} ({used} van {duration} min); ter "
    "kennisname: {noting}",
    "ics_note": "De (vertrouwelijke) agenda wordt apart verstuurd door het MDO-secretariaat.",
    "local": "lokaal",
    "regional": "regionaal",
    "supraregional": "bovenregionaal",
    "consultation": "netwerkoverleg",
    "referral": "verwijzing",
    "full": "volledig",
    "pseudonymised": "gepseudonimiseerd",
    "minimal": "minimaal",
    "in_person": "fysiek",
    "hybrid": "hybride (fysiek en video)",
    "video": "video",
}

_TEXT = {"en": _EN, "nl": _NL}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
}


def check_language(language: str) -> str:
    """Validate a language code given by a person (command line, site configuration)."""
    if language not in LANGUAGES:
        from mdo_planner.errors import UserError

        raise UserError(
            f"unknown agenda language {language!r}: choose one of {', '.join(LANGUAGES)}"
        )
    return language


def tr(language: str, key: str, **values: Any) -> str:
    """Our fixed text ``key`` in ``language`` (English when a word is missing)."""
    text = _TEXT.get(language, _EN).get(key) or _EN[key]
    return text.format(**values) if values else text


def word(language: str, code: str) -> str:
    """An echelon, meeting mode or privacy mode in ``language``; unknown codes print as
    they are."""
    return _TEXT.get(language, _EN).get(code, code) if code in _EN else code


#: A care network's consultation is a session of the tumour group ``CN-<code>`` (see
#: ``mdo_planner.care.tumour_group_code``); it is planned at the supra-regional echelon only so
#: that any case may go there, but it is no supra-regional MDO and its cases are referrals.
CONSULTATION_PREFIX = "CN-"


def session_kind(language: str, tumour_group: str, echelon: str) -> str:
    """A session's echelon as printed, or "network consultation" for a care network's."""
    if tumour_group.startswith(CONSULTATION_PREFIX):
        return tr(language, "consultation")
    return word(language, echelon)


def file_kind(tumour_group: str, echelon: str) -> str:
    """The level part of an agenda's file name: the echelon, or ``consultation`` for a care
    network's (file names are the same in every language)."""
    return "consultation" if tumour_group.startswith(CONSULTATION_PREFIX) else echelon


def item_level(language: str, tumour_group: str, level: str) -> str:
    """An item's triage level as printed, or "referral" on a care network's consultation."""
    if tumour_group.startswith(CONSULTATION_PREFIX):
        return tr(language, "referral")
    return word(language, level)


def long_date(value: date, language: str = "en") -> str:
    """ "Tuesday 5 January 2027" / "dinsdag 5 januari 2027": no locale settings involved."""
    lang = language if language in _WEEKDAYS else "en"
    return (
        f"{_WEEKDAYS[lang][value.weekday()]} {value.day} "
        f"{_MONTHS[lang][value.month - 1]} {value.year}"
    )


def readiness(pathology: bool | None, imaging: bool | None, language: str = "en") -> str:
    """ "pathology ✓, imaging missing": what the chair needs to know before the case comes up."""
    parts = []
    for key, value in (("pathology", pathology), ("imaging", imaging)):
        label = tr(language, key)
        if value is None:
            parts.append(f"{label} {tr(language, 'not_recorded')}")
        else:
            parts.append(f"{label} {'✓' if value else tr(language, 'missing')}")
    return ", ".join(parts)
