"""Agendas of MDO sessions: plain data in, an ordered, timed, privacy-filtered agenda out.

No database and no Qt here: :mod:`mdo_planner.services.agenda_service` fills these dataclasses
from the database, and :mod:`mdo_planner.pdf` and :mod:`mdo_planner.outputs.ics` export them.
"""

from mdo_planner.agenda.builder import build_agenda, expert_agenda, group_attendees
from mdo_planner.agenda.model import (
    Agenda,
    AgendaCase,
    AgendaItem,
    AgendaSession,
    Attendee,
    ExpertAgenda,
    PatientData,
    PrivacyMode,
)
from mdo_planner.agenda.ordering import OrderingPolicy, order_cases
from mdo_planner.agenda.privacy import (
    PRIVACY_MODES,
    default_privacy,
    elfproef,
    patient_label,
    redact_bsn,
)

__all__ = [
    "PRIVACY_MODES",
    "Agenda",
    "AgendaCase",
    "AgendaItem",
    "AgendaSession",
    "Attendee",
    "ExpertAgenda",
    "OrderingPolicy",
    "PatientData",
    "PrivacyMode",
    "build_agenda",
    "default_privacy",
    "elfproef",
    "expert_agenda",
    "group_attendees",
    "order_cases",
    "patient_label",
    "redact_bsn",
]
