"""Planning results: plan runs, the assignments of cases to sessions, the cases left unplanned
and the experts' attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, JSONType, UTCDateTime, Versioned, utcnow
from db.models.cases import Case
from db.models.network import Expert, MeetingSession

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
    # the declarative base types this as an instance variable; SQLAlchemy reads it from the class
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}  # type: ignore[misc]


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
