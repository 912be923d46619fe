"""Cases and the triage rule sets their levels were proposed with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import (
    CASE_STATUSES,
    TRIAGE_LEVELS,
    Base,
    JSONType,
    UTCDateTime,
    Versioned,
    _enum,
    utcnow,
)
from db.models.network import Discipline, Hospital, MeetingSession, TumourGroup

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
