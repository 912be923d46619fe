"""Plain data for agendas: what goes in (session, attendees, cases) and what comes out.

These are deliberately free of SQLAlchemy: the PDF and calendar exports, the tests and the
benchmark build agendas from plain values, and the database service only has to fill them in.
An ``AgendaItem`` holds text that is already fit to print (privacy applied, BSN removed), so
that no exporter can leak what the builder decided to hide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from mdo_planner.agenda import labels
from solver import contract

PrivacyMode = Literal["full", "pseudonymised", "minimal"]
Section = Literal["discussion", "noting"]

#: Triage levels that the agenda can show, lowest first (``hold`` cases are never listed).
TRIAGE_LEVELS: tuple[str, ...] = tuple(x for x in contract.TRIAGE_LEVELS if x != "hold")
ECHELONS: tuple[str, ...] = contract.ECHELONS

MODE_LABELS: dict[str, str] = {code: labels.word("en", code) for code in contract.SESSION_MODES}


@dataclass(frozen=True)
class AgendaSession:
    """One dated MDO meeting as the agenda header shows it."""

    session_id: str
    tumour_group: str
    echelon: str
    host_hospital: str
    date: date
    start: time
    duration_min: int
    mode: str = "in_person"
    tumour_group_name: str = ""
    host_hospital_name: str = ""
    video_link: str | None = None
    chair: str | None = None
    cancelled: bool = False

    @property
    def starts_at(self) -> datetime:
        """Naive local start (the network's local time, as the contract says)."""
        return datetime.combine(self.date, self.start)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)

    @property
    def end(self) -> time:
        return self.ends_at.time()

    @property
    def title(self) -> str:
        """A title without patient data: safe for page headers, PDF metadata and calendars."""
        return self.title_in("en")

    def title_in(self, language: str) -> str:
        group = self.tumour_group_name or self.tumour_group
        host = self.host_hospital_name or self.host_hospital
        kind = labels.session_kind(language, self.tumour_group, self.echelon)
        return f"MDO {group} — {kind} — {host} — {self.date.isoformat()}"


@dataclass(frozen=True)
class Attendee:
    """An expert attending a session."""

    expert_id: str
    name: str
    discipline: str
    discipline_name: str = ""
    hospital: str = ""


@dataclass(frozen=True)
class PatientData:
    """Identifying data of a patient; the privacy mode decides what of it is printed.

    ``bsn`` is accepted only so that the builder can make sure it is removed from every printed
    text (a BSN typed into a question by mistake included); it is never printed.
    """

    reference: str
    name: str | None = None
    birth_date: date | None = None
    hospital_number: str | None = None
    bsn: str | None = None


@dataclass(frozen=True)
class AgendaCase:
    """A case listed in a session, as the builder receives it (before ordering and privacy)."""

    case_id: str
    patient: PatientData
    referring_hospital: str
    tumour_group: str
    triage_level: str
    minutes: int
    question: str = ""
    presenting_physician: str = ""
    referring_hospital_name: str = ""
    triage_reason: str = ""
    extra_disciplines: tuple[str, ...] = ()
    urgent: bool = False
    pathology_available: bool | None = None
    imaging_available: bool | None = None
    #: How heavy the discussion is, for "complex cases early" (e.g. the number of complexity
    #: flags set); ties are broken by the echelon and the minutes.
    complexity: int = 0
    #: The secretary's position (1-based) when she ordered the agenda by hand, else ``None``.
    manual_position: int | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One printed line of an agenda, privacy already applied."""

    number: int
    section: Section
    case_id: str
    start: time | None
    end: time | None
    minutes: int
    patient: str
    referring_hospital: str
    presenting_physician: str
    tumour_group: str
    triage_level: str
    triage_reason: str
    extra_disciplines: tuple[str, ...]
    question: str
    urgent: bool
    pathology_available: bool | None
    imaging_available: bool | None
    manual: bool = False

    @property
    def slot(self) -> str:
        """``16:00–16:12``, or an empty string for items listed for noting."""
        if self.start is None or self.end is None:
            return ""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def readiness(self) -> str:
        """What the chair needs to know before the case comes up."""
        return self.readiness_in("en")

    def readiness_in(self, language: str) -> str:
        return labels.readiness(self.pathology_available, self.imaging_available, language)


@dataclass(frozen=True)
class Agenda:
    """The finished agenda of one session."""

    session: AgendaSession
    privacy: PrivacyMode
    attendees: tuple[tuple[str, tuple[Attendee, ...]], ...]
    items: tuple[AgendaItem, ...]
    noting: tuple[AgendaItem, ...] = ()
    warnings: tuple[str, ...] = ()
    generated_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    #: The language of our own words on the printed agenda (see :mod:`.labels`).
    language: str = "en"

    @property
    def discussion_minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def all_items(self) -> tuple[AgendaItem, ...]:
        return self.items + self.noting


@dataclass(frozen=True)
class ExpertAgenda:
    """ "My agenda": every session one expert attends in a date range, with their items."""

    expert: Attendee
    date_from: date
    date_to: date
    agendas: tuple[Agenda, ...]
    language: str = "en"

    @property
    def title(self) -> str:
        return labels.tr(
            self.language,
            "my_title",
            name=self.expert.name,
            date_from=self.date_from.isoformat(),
            date_to=self.date_to.isoformat(),
        )
