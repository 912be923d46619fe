"""The model's foundations: the declarative base, its naming convention, the shared column
types and the fixed vocabularies (most of them the planning contract's words).

Constraint names follow a fixed naming convention, so Alembic migrations are reproducible on
SQLite and PostgreSQL alike; ``UTCDateTime`` makes both return the same aware moments.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Enum, Integer, MetaData, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from solver import contract  # the contract's vocabulary, dependency-free

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Echelons of MDO sessions, lowest first (contract order).
ECHELONS = contract.ECHELONS
#: Triage levels, lowest first: ``hold`` and ``protocol`` are never planned into discussion time.
TRIAGE_LEVELS = contract.TRIAGE_LEVELS
SESSION_MODES = contract.SESSION_MODES
#: Life cycle of a case on the secretary's worklist.
CASE_STATUSES = (
    "new",  # registered, not yet triaged / confirmed
    "hold",  # waiting for missing information (pathology, imaging, question)
    "ready",  # confirmed level, waiting to be planned
    "planned",  # in a published plan
    "discussed",  # recommendation recorded
    "deferred",  # back to the pool with priority
    "not_discussed",  # time ran out: back to the pool
    "withdrawn",  # no longer to be discussed
)
#: What happened to a case on a session's agenda (contract "meeting record").
MEETING_OUTCOMES = ("discussed", "deferred", "not_discussed", "noted")
#: Treatment intent of an MDO recommendation (zib MultidisciplinaryTeamMeeting).
INTENTS = ("curative", "palliative", "diagnostic", "unknown")
#: Why a case was deferred, and why it was not discussed (contract, fixed lists).
DEFER_REASONS = (
    "pathology_missing",
    "imaging_missing",
    "patient_not_ready",
    "presenter_absent",
    "other",
)
NOT_DISCUSSED_REASONS = ("out_of_time", "session_cancelled", "other")
#: Kinds of organisation (issue 15): hospitals and the first-line providers of oncology
#: care networks. Every organisation is a row of ``hospitals`` (the planning engine's word for
#: "where an expert works"); ``kind`` tells them apart.
ORGANISATION_KINDS = (
    "hospital",
    "gp_practice",
    "paramedical_practice",
    "psychosocial_practice",
    "home_care",
    "rehabilitation_centre",
)
#: The disciplines the NVPO quality criterion names; a discipline may count as one of them.
CARE_ROLES = ("physiotherapy", "psychosocial", "dietetics")
#: Who referred a patient to an oncology care network.
REFERRAL_SOURCES = ("mdo", "gp", "contact_person")

JSONType = JSON().with_variant(JSONB(), "postgresql")

#: How an audited action ended.
AUDIT_OUTCOMES = ("success", "denied", "failed")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in time, always returned as an aware UTC datetime.

    PostgreSQL keeps the time zone, SQLite does not: without this type the same column
    compares and formats differently depending on the database a network uses. Naive values
    are taken to be UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    """Timestamps are stored in UTC; the UI converts to the user's time zone."""
    return dt.datetime.now(dt.UTC)


def _enum(values: tuple[str, ...], name: str) -> Enum:
    # A VARCHAR with a CHECK constraint behaves the same on SQLite and PostgreSQL and can be
    # migrated without ALTER TYPE.
    return Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSONType, list[Any]: JSONType}


class Versioned:
    """Mixin for optimistic locking of user-editable rows: a stale save raises
    ``sqlalchemy.orm.exc.StaleDataError`` instead of overwriting someone else's change."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
