"""The meeting day: who attended, what was decided for each case, and the chair's draft."""

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
    ECHELONS,
    INTENTS,
    MEETING_OUTCOMES,
    Base,
    JSONType,
    UTCDateTime,
    Versioned,
    _enum,
    utcnow,
)
from db.models.cases import Case
from db.models.network import Expert, MeetingSession

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
