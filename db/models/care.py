"""Oncology care networks (issue 15): first-line organisations and professionals, their
agreements, and the patients referred to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import REFERRAL_SOURCES, Base, JSONType, UTCDateTime, Versioned, _enum, utcnow
from db.models.cases import Case
from db.models.network import Expert, Hospital, Network, TumourGroup

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
