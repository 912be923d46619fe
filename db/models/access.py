"""Access and accountability: the append-only audit trail (NEN 7513), accounts, break-the-glass
access, and the settings shared by all users of a database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, Text, false, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import AUDIT_OUTCOMES, Base, JSONType, UTCDateTime, _enum, utcnow
from db.models.network import Hospital, Network

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
