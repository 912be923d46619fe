"""The typed ORM model of a network's MDO planning data (SQLAlchemy 2).

Design choices that matter to users:

* Every user-editable table has a ``version`` column used as SQLAlchemy's ``version_id_col``:
  when two secretaries edit the same case, the second save raises ``StaleDataError`` instead of
  silently overwriting the first (the services turn that into a clear conflict message).
* Rules the database can enforce are declared here (foreign keys, unique and check
  constraints), so that no client, script or future bug can store an impossible plan.
* Contract identifiers (``code``) are kept beside surrogate integer keys, so that scenario
  import/export round-trips exactly while rows can still be renamed.
* Constraint names follow a fixed naming convention, so Alembic migrations are reproducible on
  SQLite and PostgreSQL alike.

The model is a package, one module per part of the data (``base``, ``network``, ``cases``,
``planning``, ``meeting``, ``care``, ``access``, ``locking``); importing ``db.models`` imports
them all, so ``Base.metadata`` (what Alembic compares migrations against) holds every table and
every name below stays importable as ``db.models.X``.
"""

from db.models import locking  # noqa: F401  (registers its listener)
from db.models.access import APP_ROLES, AppUser, AuditEvent, BreakGlass, Setting
from db.models.base import (
    AUDIT_OUTCOMES,
    CARE_ROLES,
    CASE_STATUSES,
    DEFER_REASONS,
    ECHELONS,
    INTENTS,
    MEETING_OUTCOMES,
    NAMING_CONVENTION,
    NOT_DISCUSSED_REASONS,
    ORGANISATION_KINDS,
    REFERRAL_SOURCES,
    SESSION_MODES,
    TRIAGE_LEVELS,
    Base,
    JSONType,
    UTCDateTime,
    Versioned,
    utcnow,
)
from db.models.care import (
    CareNetwork,
    CareNetworkAgreement,
    Referral,
    care_network_organisations,
    care_network_professionals,
)
from db.models.cases import Case, TriageRuleSet, case_extra_disciplines
from db.models.meeting import Meeting, MeetingDraft, MeetingOutcome, meeting_attendees
from db.models.network import (
    Discipline,
    Expert,
    Hospital,
    LeavePeriod,
    MeetingSeries,
    MeetingSession,
    Network,
    TumourGroup,
    expert_serves,
    expert_tumour_groups,
    tumour_group_disciplines,
)
from db.models.planning import Assignment, Attendance, PlanRun, UnplannedCase

__all__ = [
    "APP_ROLES",
    "AUDIT_OUTCOMES",
    "CARE_ROLES",
    "CASE_STATUSES",
    "DEFER_REASONS",
    "ECHELONS",
    "INTENTS",
    "MEETING_OUTCOMES",
    "NAMING_CONVENTION",
    "NOT_DISCUSSED_REASONS",
    "ORGANISATION_KINDS",
    "REFERRAL_SOURCES",
    "SESSION_MODES",
    "TRIAGE_LEVELS",
    "AppUser",
    "Assignment",
    "Attendance",
    "AuditEvent",
    "Base",
    "BreakGlass",
    "CareNetwork",
    "CareNetworkAgreement",
    "Case",
    "Discipline",
    "Expert",
    "Hospital",
    "JSONType",
    "LeavePeriod",
    "Meeting",
    "MeetingDraft",
    "MeetingOutcome",
    "MeetingSeries",
    "MeetingSession",
    "Network",
    "PlanRun",
    "Referral",
    "Setting",
    "TriageRuleSet",
    "TumourGroup",
    "UTCDateTime",
    "UnplannedCase",
    "Versioned",
    "care_network_organisations",
    "care_network_professionals",
    "case_extra_disciplines",
    "expert_serves",
    "expert_tumour_groups",
    "meeting_attendees",
    "tumour_group_disciplines",
    "utcnow",
]
