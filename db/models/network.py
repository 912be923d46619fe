"""The network's structure: organisations, disciplines, tumour groups, experts (with their
leave) and the meeting series and sessions the planner fills."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Table,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    CARE_ROLES,
    ECHELONS,
    ORGANISATION_KINDS,
    SESSION_MODES,
    Base,
    JSONType,
    Versioned,
    _enum,
)

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
