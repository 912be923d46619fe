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
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
    func,
    inspect,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import flag_modified

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


# --------------------------------------------------------------------------- network


class Network(Versioned, Base):
    __tablename__ = "networks"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Cost weights of this network (contract ``weights``); null means the contract defaults.
    weights: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    hospitals: Mapped[list[Hospital]] = relationship(back_populates="network")
    __table_args__ = (CheckConstraint("length(code) > 0", name="code_not_empty"),)


class Hospital(Versioned, Base):
    __tablename__ = "hospitals"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="RESTRICT"), index=True
    )
    expert_centre: Mapped[bool] = mapped_column(Boolean, default=False)
    #: ``hospital`` or a first-line organisation (GP practice, paramedical practice, ...):
    #: professionals outside the hospital belong to one of those (issue 15).
    kind: Mapped[str] = mapped_column(
        Enum(
            *ORGANISATION_KINDS,
            name="organisation_kind",
            native_enum=False,
            create_constraint=True,
            length=32,
        ),
        default="hospital",
        server_default="hospital",
    )
    postcode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    municipality: Mapped[str | None] = mapped_column(String(100), nullable=True)
    network: Mapped[Network] = relationship(back_populates="hospitals")
    __table_args__ = (CheckConstraint("length(code) > 0", name="code_not_empty"),)


class Discipline(Versioned, Base):
    __tablename__ = "disciplines"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Which discipline of the NVPO criterion this one counts as (a social worker counts as
    #: ``psychosocial``, an oncology physiotherapist as ``physiotherapy``); null for none.
    care_role: Mapped[str | None] = mapped_column(_enum(CARE_ROLES, "care_role"), nullable=True)
    __table_args__ = (CheckConstraint("length(code) > 0", name="code_not_empty"),)


tumour_group_disciplines = Table(
    "tumour_group_disciplines",
    Base.metadata,
    Column("tumour_group_id", ForeignKey("tumour_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("discipline_id", ForeignKey("disciplines.id", ondelete="RESTRICT"), primary_key=True),
)


class TumourGroup(Versioned, Base):
    __tablename__ = "tumour_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Rare tumour groups (sarcoma by default) are discussed at an expert centre only.
    expert_centre_only: Mapped[bool] = mapped_column(Boolean, default=False)
    core_disciplines: Mapped[list[Discipline]] = relationship(
        secondary=tumour_group_disciplines, order_by=Discipline.code
    )
    __table_args__ = (CheckConstraint("length(code) > 0", name="code_not_empty"),)


# --------------------------------------------------------------------------- experts

expert_serves = Table(
    "expert_serves",
    Base.metadata,
    Column("expert_id", ForeignKey("experts.id", ondelete="CASCADE"), primary_key=True),
    Column("hospital_id", ForeignKey("hospitals.id", ondelete="RESTRICT"), primary_key=True),
)

expert_tumour_groups = Table(
    "expert_tumour_groups",
    Base.metadata,
    Column("expert_id", ForeignKey("experts.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "tumour_group_id", ForeignKey("tumour_groups.id", ondelete="RESTRICT"), primary_key=True
    ),
)


class Expert(Versioned, Base):
    __tablename__ = "experts"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    discipline_id: Mapped[int] = mapped_column(
        ForeignKey("disciplines.id", ondelete="RESTRICT"), index=True
    )
    hospital_id: Mapped[int] = mapped_column(
        ForeignKey("hospitals.id", ondelete="RESTRICT"), index=True
    )
    max_echelon: Mapped[str] = mapped_column(_enum(ECHELONS, "echelon"), default="local")
    #: Null means no weekly limit.
    max_sessions_per_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    discipline: Mapped[Discipline] = relationship()
    hospital: Mapped[Hospital] = relationship()
    serves: Mapped[list[Hospital]] = relationship(secondary=expert_serves, order_by=Hospital.code)
    tumour_groups: Mapped[list[TumourGroup]] = relationship(
        secondary=expert_tumour_groups, order_by=TumourGroup.code
    )
    leave: Mapped[list[LeavePeriod]] = relationship(
        back_populates="expert", cascade="all, delete-orphan", order_by="LeavePeriod.start"
    )
    __table_args__ = (
        CheckConstraint("length(code) > 0", name="code_not_empty"),
        CheckConstraint(
            "max_sessions_per_week IS NULL OR max_sessions_per_week >= 0", name="weekly_limit"
        ),
    )


class LeavePeriod(Versioned, Base):
    """An inclusive range of dates on which an expert attends nothing."""

    __tablename__ = "leave_periods"
    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="CASCADE"), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    expert: Mapped[Expert] = relationship(back_populates="leave")
    __table_args__ = (CheckConstraint('"end" >= start', name="end_after_start"),)


# --------------------------------------------------------------------------- meetings


class MeetingSeries(Versioned, Base):
    """A recurring MDO (e.g. "Breast, local, H1, Tuesdays 16:00") that generates sessions."""

    __tablename__ = "meeting_series"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tumour_group_id: Mapped[int] = mapped_column(
        ForeignKey("tumour_groups.id", ondelete="RESTRICT"), index=True
    )
    echelon: Mapped[str] = mapped_column(_enum(ECHELONS, "echelon"))
    hospital_id: Mapped[int] = mapped_column(
        ForeignKey("hospitals.id", ondelete="RESTRICT"), index=True
    )
    #: ISO weekday, Monday = 1 .. Sunday = 7.
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[dt.time] = mapped_column(Time)
    duration_min: Mapped[int] = mapped_column(Integer)
    #: Every N weeks (1 = weekly, 2 = fortnightly).
    frequency_weeks: Mapped[int] = mapped_column(Integer, default=1)
    mode: Mapped[str] = mapped_column(_enum(SESSION_MODES, "session_mode"), default="hybrid")
    video_link: Mapped[str | None] = mapped_column(String(500), nullable=True)
    chair: Mapped[str | None] = mapped_column(String(200), nullable=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    skip_holidays: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Registration cut-off and agenda freeze, in working days before a meeting; null means
    #: the default of the echelon (2 local, 5 regional and supra-regional).
    cutoff_working_days: Mapped[int | None] = mapped_column(Integer, nullable=True)

    tumour_group: Mapped[TumourGroup] = relationship()
    hospital: Mapped[Hospital] = relationship()
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday"),
        CheckConstraint(
            "cutoff_working_days IS NULL OR cutoff_working_days BETWEEN 0 AND 30",
            name="cutoff_range",
        ),
        CheckConstraint("duration_min > 0", name="duration_positive"),
        CheckConstraint("frequency_weeks >= 1", name="frequency"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_range"),
    )


class MeetingSession(Versioned, Base):
    """One dated MDO meeting; generated by a series or created on its own, editable per date."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="SET NULL"), nullable=True, index=True
    )
    tumour_group_id: Mapped[int] = mapped_column(
        ForeignKey("tumour_groups.id", ondelete="RESTRICT"), index=True
    )
    echelon: Mapped[str] = mapped_column(_enum(ECHELONS, "echelon"))
    hospital_id: Mapped[int] = mapped_column(
        ForeignKey("hospitals.id", ondelete="RESTRICT"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time] = mapped_column(Time)
    duration_min: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(_enum(SESSION_MODES, "session_mode"), default="hybrid")
    video_link: Mapped[str | None] = mapped_column(String(500), nullable=True)
    chair: Mapped[str | None] = mapped_column(String(200), nullable=True)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    #: The agenda as it was last sent to the attendees (``sequence``, ``sent_at``, ``sent_by``,
    #: date/start/duration, case codes with their start times, attendee codes): null until
    #: it is sent. Once sent the session is frozen for re-planning, and a later change is
    #: announced as an update with a higher calendar ``SEQUENCE``.
    agenda_sent: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)

    series: Mapped[MeetingSeries | None] = relationship()
    tumour_group: Mapped[TumourGroup] = relationship()
    hospital: Mapped[Hospital] = relationship()
    __table_args__ = (
        CheckConstraint("duration_min > 0", name="duration_positive"),
        CheckConstraint("length(code) > 0", name="code_not_empty"),
        UniqueConstraint("series_id", "date", name="uq_sessions_series_date"),
    )


# --------------------------------------------------------------------------- cases

case_extra_disciplines = Table(
    "case_extra_disciplines",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("discipline_id", ForeignKey("disciplines.id", ondelete="RESTRICT"), primary_key=True),
)


class TriageRuleSet(Versioned, Base):
    """A versioned triage rule-set document (see ``mdo_planner.triage``); rows are never
    edited in place once used: a change is saved as a new version."""

    __tablename__ = "triage_rule_sets"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    rule_version: Mapped[int] = mapped_column(Integer)
    network_id: Mapped[int | None] = mapped_column(
        ForeignKey("networks.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    document: Mapped[dict[str, Any]] = mapped_column(JSONType)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("name", "rule_version", name="uq_triage_rule_sets_name_version"),
        CheckConstraint("rule_version >= 1", name="rule_version_positive"),
    )


class Case(Versioned, Base):
    """A registration for an MDO discussion of one patient (a patient can have several)."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    patient_ref: Mapped[str] = mapped_column(String(64), index=True)
    patient_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: The hospital's own patient number (printed only in the ``full`` privacy mode).
    patient_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: Burgerservicenummer: optional, checked with the elfproef, never printed on an agenda.
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    hospital_id: Mapped[int] = mapped_column(
        ForeignKey("hospitals.id", ondelete="RESTRICT"), index=True
    )
    presenting_physician: Mapped[str | None] = mapped_column(String(200), nullable=True)
    tumour_group_id: Mapped[int] = mapped_column(
        ForeignKey("tumour_groups.id", ondelete="RESTRICT"), index=True
    )
    question: Mapped[str] = mapped_column(Text, default="")
    #: Contract "complexity" object; null when the echelon was stated directly.
    complexity: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)

    # -- triage: the recommendation, and what a clinician confirmed or overrode
    triage_level: Mapped[str | None] = mapped_column(
        _enum(TRIAGE_LEVELS, "triage_level"), nullable=True
    )
    #: Fired rules: [{"id": "R3", "reason_en": ..., "reason_nl": ...}, ...]
    triage_rules: Mapped[list[Any] | None] = mapped_column(JSONType, nullable=True)
    triage_rule_set_id: Mapped[int | None] = mapped_column(
        ForeignKey("triage_rule_sets.id", ondelete="RESTRICT"), nullable=True
    )
    triage_rule_set_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    triage_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    confirmed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    override_level: Mapped[str | None] = mapped_column(
        _enum(TRIAGE_LEVELS, "override_level"), nullable=True
    )
    override_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    override_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    override_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    #: The recommendation changed after a confirmation/override: a clinician must look again.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The level planning uses: the confirmed recommendation or the override (contract
    #: ``echelon`` for local/regional/supraregional; hold/protocol are not planned).
    required_level: Mapped[str | None] = mapped_column(
        _enum(TRIAGE_LEVELS, "required_level"), nullable=True, index=True
    )

    #: Discussion time in minutes; null means the contract default of the echelon.
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ready_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date, index=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(
        _enum(CASE_STATUSES, "case_status"), default="new", index=True
    )
    pinned_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True
    )
    #: A registration after a session's cut-off goes onto its agenda only when the secretary
    #: admits it explicitly, naming the chair who agreed (kept with the case).
    late_admitted_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: The earlier case whose MDO recommended this re-discussion (the patient's timeline).
    follow_up_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), nullable=True, index=True
    )
    #: Why the secretary should look at this case again (deferred or not discussed at an
    #: MDO, withdrawn); cleared once the case is discussed.
    attention: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    hospital: Mapped[Hospital] = relationship()
    tumour_group: Mapped[TumourGroup] = relationship()
    extra_disciplines: Mapped[list[Discipline]] = relationship(
        secondary=case_extra_disciplines, order_by=Discipline.code
    )
    pinned_session: Mapped[MeetingSession | None] = relationship()
    __table_args__ = (
        CheckConstraint("length(code) > 0", name="code_not_empty"),
        CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_not_negative"),
        CheckConstraint("bsn IS NULL OR length(bsn) = 9", name="bsn_length"),
        CheckConstraint(
            "override_level IS NULL OR (override_reason IS NOT NULL AND "
            "length(trim(override_reason)) > 0 AND override_by IS NOT NULL)",
            name="override_has_reason",
        ),
    )


# --------------------------------------------------------------------------- planning


class PlanRun(Base):
    """One run of the planner: its horizon, figures and whether it was published.

    ``version`` is the optimistic lock of publish and discard: two people (or scripts) acting
    on the same proposal at the same moment cannot both succeed, on SQLite or PostgreSQL.
    ``basis`` records the state the proposal was computed from (the published plan it
    compared against), so that publishing can tell what changed since.
    """

    __tablename__ = "plan_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(
        Integer, nullable=False, default=1, server_default=text("1")
    )
    basis: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    horizon_start: Mapped[dt.date] = mapped_column(Date)
    horizon_end: Mapped[dt.date] = mapped_column(Date)
    solver_status: Mapped[str] = mapped_column(String(32))
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    wall_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    time_limit_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    #: Counts and metrics (planned, unplanned, late, ...), for the dashboard and review.
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    published_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    discarded: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (CheckConstraint("horizon_end >= horizon_start", name="horizon_range"),)
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class Assignment(Versioned, Base):
    """A case placed in a session, proposed by a plan run or published.

    The published plan is the set of rows with ``published`` true: at most one per case,
    enforced by a partial unique index.
    """

    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    plan_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_runs.id", ondelete="SET NULL"), nullable=True, index=True
    )
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    start_time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    #: Order on the agenda (0-based); ``manual_order`` marks a secretary's choice that
    #: re-planning of other cases must keep.
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    manual_order: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[Case] = relationship()
    session: Mapped[MeetingSession] = relationship()
    plan_run: Mapped[PlanRun | None] = relationship()
    __table_args__ = (
        UniqueConstraint("plan_run_id", "case_id", name="uq_assignments_run_case"),
        Index(
            "uq_assignments_published_case",
            "case_id",
            unique=True,
            sqlite_where=text("published"),
            postgresql_where=text("published"),
        ),
        CheckConstraint("position IS NULL OR position >= 0", name="position_not_negative"),
    )


class UnplannedCase(Base):
    """A case a plan run could not place, with the reason a secretary can act on."""

    __tablename__ = "unplanned_cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_run_id: Mapped[int] = mapped_column(
        ForeignKey("plan_runs.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    case: Mapped[Case] = relationship()
    __table_args__ = (
        UniqueConstraint("plan_run_id", "case_id", name="uq_unplanned_cases_run_case"),
    )


class Attendance(Base):
    """An expert attending a session, proposed by a plan run or published."""

    __tablename__ = "attendance"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="CASCADE"), index=True)
    plan_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_runs.id", ondelete="SET NULL"), nullable=True, index=True
    )
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    session: Mapped[MeetingSession] = relationship()
    expert: Mapped[Expert] = relationship()
    __table_args__ = (
        UniqueConstraint(
            "plan_run_id", "session_id", "expert_id", name="uq_attendance_run_session_expert"
        ),
        Index(
            "uq_attendance_published",
            "session_id",
            "expert_id",
            unique=True,
            sqlite_where=text("published"),
            postgresql_where=text("published"),
        ),
    )


# --------------------------------------------------------------------------- meeting day

meeting_attendees = Table(
    "meeting_attendees",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("expert_id", ForeignKey("experts.id", ondelete="RESTRICT"), primary_key=True),
)


class Meeting(Versioned, Base):
    """What happened in one session, as closed by its chair (contract "meeting record").

    A row exists only for a closed meeting: closing is one transaction that stores the
    outcomes, the actual attendance and their effects on the cases. The row is then read-only
    except through an amendment, which needs a reason and is audited.
    """

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="RESTRICT"), unique=True
    )
    chair_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="RESTRICT"), index=True)
    closed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_by: Mapped[str] = mapped_column(String(100))
    amendments: Mapped[int] = mapped_column(Integer, default=0)
    amended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    amendment_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    session: Mapped[MeetingSession] = relationship()
    chair: Mapped[Expert] = relationship()
    attendees: Mapped[list[Expert]] = relationship(
        secondary=meeting_attendees, order_by=Expert.code
    )
    outcomes: Mapped[list[MeetingOutcome]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingOutcome.position"
    )
    __table_args__ = (CheckConstraint("amendments >= 0", name="amendments_not_negative"),)


class MeetingOutcome(Base):
    """The outcome of one case of a closed meeting (zib Patiëntbespreking: conclusion/advice)."""

    __tablename__ = "meeting_outcomes"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(_enum(MEETING_OUTCOMES, "meeting_outcome"))
    recommendation: Mapped[str | None] = mapped_column(Text, nullable=True)
    consensus: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    intent: Mapped[str | None] = mapped_column(_enum(INTENTS, "intent"), nullable=True)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    follow_up_echelon: Mapped[str | None] = mapped_column(
        _enum(ECHELONS, "follow_up_echelon"), nullable=True
    )
    follow_up_question: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: The new case made for the re-discussion.
    follow_up_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), nullable=True
    )
    referral: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: deferred: DEFER_REASONS; not discussed: NOT_DISCUSSED_REASONS.
    reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: Minutes the discussion actually took (the Meeting view's clock), if recorded.
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)

    meeting: Mapped[Meeting] = relationship(back_populates="outcomes")
    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    follow_up_case: Mapped[Case | None] = relationship(foreign_keys=[follow_up_case_id])
    __table_args__ = (
        UniqueConstraint("meeting_id", "case_id", name="uq_meeting_outcomes_meeting_case"),
        CheckConstraint(
            "outcome <> 'discussed' OR (recommendation IS NOT NULL AND "
            "length(trim(recommendation)) > 0 AND consensus IS NOT NULL AND intent IS NOT NULL)",
            name="discussed_complete",
        ),
        CheckConstraint(
            "outcome NOT IN ('deferred', 'not_discussed') OR reason IS NOT NULL",
            name="returned_has_reason",
        ),
        CheckConstraint("minutes IS NULL OR minutes >= 0", name="minutes_not_negative"),
    )


class MeetingDraft(Base):
    """The Meeting view's work in progress for one session, saved as it is typed.

    Written by the background writer a moment after every keystroke or click, so that a
    crash or a power cut in the meeting room loses at most the last second; removed when the
    meeting is closed.
    """

    __tablename__ = "meeting_drafts"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))


# --------------------------------------------------------------------------- care networks

care_network_organisations = Table(
    "care_network_organisations",
    Base.metadata,
    Column("care_network_id", ForeignKey("care_networks.id", ondelete="CASCADE"), primary_key=True),
    Column("hospital_id", ForeignKey("hospitals.id", ondelete="RESTRICT"), primary_key=True),
)

care_network_professionals = Table(
    "care_network_professionals",
    Base.metadata,
    Column("care_network_id", ForeignKey("care_networks.id", ondelete="CASCADE"), primary_key=True),
    Column("expert_id", ForeignKey("experts.id", ondelete="RESTRICT"), primary_key=True),
)


class CareNetworkAgreement(Base):
    """An agreement of a care network with a hospital (or rehabilitation centre)."""

    __tablename__ = "care_network_agreements"
    care_network_id: Mapped[int] = mapped_column(
        ForeignKey("care_networks.id", ondelete="CASCADE"), primary_key=True
    )
    hospital_id: Mapped[int] = mapped_column(
        ForeignKey("hospitals.id", ondelete="RESTRICT"), primary_key=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    hospital: Mapped[Hospital] = relationship()


class CareNetwork(Versioned, Base):
    """A multidisciplinary oncology care network (oncologiezorgnetwerk), issue 15.

    Its consultations are planned by the same engine as the hospital MDOs: the network owns a
    tumour group of its own (``tumour_group``), whose core disciplines are the ones the network
    chose for its consultations; its consultations are sessions of that group and its
    referrals cases of it (docs/care-networks.md).
    """

    __tablename__ = "care_networks"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    network_id: Mapped[int] = mapped_column(
        ForeignKey("networks.id", ondelete="RESTRICT"), index=True
    )
    tumour_group_id: Mapped[int] = mapped_column(
        ForeignKey("tumour_groups.id", ondelete="RESTRICT"), unique=True
    )
    #: Postcode areas ("5611", "5600-5658") and municipality names.
    region: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    contact_phone: Mapped[str | None] = mapped_column(String(50), nullable=True)
    #: complaint -> discipline codes needed (``mdo_planner.care.DEFAULT_RULES`` when null).
    rules: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)

    network: Mapped[Network] = relationship()
    tumour_group: Mapped[TumourGroup] = relationship()
    organisations: Mapped[list[Hospital]] = relationship(
        secondary=care_network_organisations, order_by=Hospital.code
    )
    professionals: Mapped[list[Expert]] = relationship(
        secondary=care_network_professionals, order_by=Expert.code
    )
    agreements: Mapped[list[CareNetworkAgreement]] = relationship(
        cascade="all, delete-orphan", order_by=CareNetworkAgreement.hospital_id
    )
    __table_args__ = (CheckConstraint("length(code) > 0", name="code_not_empty"),)


class Referral(Versioned, Base):
    """A patient referred to a care network: the complaints, who referred, how it was routed.

    The referral is planned as a case of its care network's tumour group (``case``), so it has
    the patient data, dates and status of a case; this row adds what only a referral has.
    Patient data: row-level security follows the case (migration 0007).
    """

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    care_network_id: Mapped[int] = mapped_column(
        ForeignKey("care_networks.id", ondelete="RESTRICT"), index=True
    )
    source: Mapped[str] = mapped_column(_enum(REFERRAL_SOURCES, "referral_source"))
    complaints: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    referred_by: Mapped[str] = mapped_column(String(200), default="")
    patient_postcode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    patient_municipality: Mapped[str | None] = mapped_column(String(100), nullable=True)
    #: Why this network (region, disciplines), as shown to the person registering it.
    routing: Mapped[str] = mapped_column(Text, default="")
    #: The MDO outcome that recommended it (the meeting record's ``referral``), if any.
    meeting_outcome_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_outcomes.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)

    case: Mapped[Case] = relationship()
    care_network: Mapped[CareNetwork] = relationship()


# --------------------------------------------------------------------------- audit


class AuditEvent(Base):
    """Append-only record of who did what with which patient's data (NEN 7513).

    Rows are only ever inserted (database triggers refuse updates and deletes, and on
    PostgreSQL the application's roles hold INSERT and SELECT only). Each row carries a SHA-256
    ``hash`` over its content and the previous row's hash (``prev_hash``), so a change, deletion
    or insertion made around the triggers (by the file's owner or the database superuser) is
    found by ``mdo-planner audit verify`` (see ``db.audit_chain``). On PostgreSQL ``user`` and
    ``at`` are set by the server (``session_user``, the transaction's clock): a trigger refuses
    any other value, so nobody can write an event in a colleague's name or back-date one.
    """

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    #: The application role the person acted in (``secretary``, ``clinician``, ...).
    role: Mapped[str | None] = mapped_column(String(32), nullable=True)
    #: ``success``, ``denied`` (refused by a role check or the server) or ``failed``.
    outcome: Mapped[str] = mapped_column(
        _enum(AUDIT_OUTCOMES, "audit_outcome"), default="success", server_default="success"
    )
    #: The patients concerned, as case codes (viewing, exporting, searching name them all).
    case_ids: Mapped[list[Any] | None] = mapped_column(JSONType, nullable=True)
    #: The person's hospital (code) and the workstation (host name) the action came from.
    hospital: Mapped[str | None] = mapped_column(String(64), nullable=True)
    workstation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: Why, where the person gave a reason (break the glass, "on behalf of Dr X").
    purpose: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: A name the application recorded besides the login ("on behalf of", "system").
    on_behalf_of: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: Break-the-glass and other events an auditor must look at.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    prev_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


#: Application roles (PostgreSQL group roles of the same name, prefixed per database).
APP_ROLES = ("secretary", "planner", "clinician", "chair", "specialist", "admin")


class AppUser(Base):
    """One person's account: the database login mapped to a role and a hospital or network.

    On PostgreSQL the row-level security policies read this table through ``session_user`` to
    decide which hospital's patients a login may see; a disabled account keeps its row (and so
    its audit history stays attributable) but loses its group role.
    """

    __tablename__ = "app_users"
    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(_enum(APP_ROLES, "app_role"))
    hospital_id: Mapped[int | None] = mapped_column(
        ForeignKey("hospitals.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    network_id: Mapped[int | None] = mapped_column(
        ForeignKey("networks.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    hospital: Mapped[Hospital | None] = relationship()
    network: Mapped[Network | None] = relationship()


class BreakGlass(Base):
    """A clinician's explicit, reasoned access to a case outside their hospital (NEN 7513).

    Row-level security lets the login see the case until ``until``; the row is never changed
    (append-only like the audit trail) and the matching audit event is flagged.
    """

    __tablename__ = "break_glass"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(63), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    until: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Setting(Base):
    """Key/value settings shared by all users of the database (e.g. default privacy mode)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.now()
    )


@event.listens_for(OrmSession, "before_flush")
def _bump_version_on_relation_change(session: OrmSession, _context: Any, _instances: Any) -> None:
    """A versioned row whose only change is in a many-to-many relation (an expert's
    ``serves`` or ``tumour_groups``, a case's extra disciplines) gets a new version too.

    SQLAlchemy writes no UPDATE of the row itself for such a change, so its ``version`` would
    stay put and a colleague's stale form would save over it without a conflict. Marking the
    version column modified makes the ORM issue the usual ``UPDATE ... WHERE version = old``
    with the next version: the lost update becomes a conflict on SQLite and PostgreSQL alike.
    """
    for obj in list(session.dirty):
        if not isinstance(obj, Versioned | PlanRun):
            continue
        if session.is_modified(obj, include_collections=False):
            continue  # a column changed: the ORM bumps the version already
        if session.is_modified(obj, include_collections=True):
            # Re-assign one plain column to itself: the row is then written, and the ORM's
            # version counter does the rest (the version column itself cannot be flagged).
            mapper = inspect(obj).mapper
            column = next(
                p
                for p in mapper.column_attrs
                if not any(c.primary_key for c in p.columns) and p.key != "version"
            )
            flag_modified(obj, column.key)


__all__ = [
    "APP_ROLES",
    "AUDIT_OUTCOMES",
    "CARE_ROLES",
    "CASE_STATUSES",
    "DEFER_REASONS",
    "ECHELONS",
    "INTENTS",
    "MEETING_OUTCOMES",
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
    "UnplannedCase",
    "utcnow",
]
