"""Personal accounts: ``users add|list|disable`` and the PostgreSQL roles behind them.

Why PostgreSQL group roles: the server, not the application, must stop a secretary's login
from confirming a triage level or importing a rule set with ``psql``. Each application role is
a group role named ``<database>_<role>`` (so that several networks, or test runs, can share one
server without sharing roles); a person's login role is a member of exactly one group. The
grants below are the whole permission matrix of docs/security.md; row-level security (migration
0006) then narrows the rows each login sees to its hospital.

Only an ``admin`` account (or the schema owner, for the first admin) may manage accounts; on
PostgreSQL creating a login needs the CREATEROLE privilege as well. Passwords are never handled
here: hospital IT sets them with ``\\password LOGIN`` in psql, which sends only a SCRAM verifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.services import access
from mdo_planner.services._db import DatabaseLike
from mdo_planner.services.base import audit

_LOGIN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")

#: Tables everybody may read (row-level security narrows the patient tables).
_READ_ALL = "ALL TABLES IN SCHEMA public"
#: What each role may change, beyond reading everything and appending audit events.
WRITES: dict[str, dict[str, str]] = {
    "secretary": {
        t: "INSERT, UPDATE, DELETE"
        for t in (
            "cases",
            "case_extra_disciplines",
            "assignments",
            "attendance",
            "plan_runs",
            "unplanned_cases",
            "sessions",
            "leave_periods",
            "meeting_drafts",
            "referrals",  # issue 15: registered like a case
        )
    }
    | {"triage_rule_sets": "INSERT"},  # the shipped rule set is stored on first use
    "planner": {
        t: "INSERT, UPDATE, DELETE"
        for t in (
            "cases",
            "case_extra_disciplines",
            "assignments",
            "attendance",
            "plan_runs",
            "unplanned_cases",
            "sessions",
            "leave_periods",
            "referrals",
        )
    }
    | {"triage_rule_sets": "INSERT"},
    "clinician": {
        "cases": "UPDATE",
        "case_extra_disciplines": "INSERT, DELETE",
        "break_glass": "INSERT",
        "triage_rule_sets": "INSERT",
    },
    # the chair closes a meeting: outcomes, actual attendance, and the follow-up cases it
    # creates; secretaries type the live draft
    "chair": {
        "cases": "INSERT, UPDATE",
        "case_extra_disciplines": "INSERT",
        "sessions": "UPDATE",
        "assignments": "UPDATE, DELETE",
        "meetings": "INSERT, UPDATE",
        "meeting_attendees": "INSERT, DELETE",
        "meeting_outcomes": "INSERT, UPDATE, DELETE",
        "meeting_drafts": "INSERT, UPDATE, DELETE",
    },
    "specialist": {},
    "admin": {
        t: "INSERT, UPDATE, DELETE"
        for t in (
            "networks",
            "hospitals",
            "disciplines",
            "tumour_groups",
            "tumour_group_disciplines",
            "experts",
            "expert_serves",
            "expert_tumour_groups",
            "leave_periods",
            "meeting_series",
            "sessions",
            "triage_rule_sets",
            "settings",
            "app_users",
            # issue 15: care networks are network set-up
            "care_networks",
            "care_network_organisations",
            "care_network_professionals",
            "care_network_agreements",
            "referrals",
        )
    },
}
#: Columns of the audit trail every role may read: enough to chain a new event and to show
#: a case's history; the whole trail (who looked at which patient) is for admins.
_AUDIT_COLUMNS = 'id, at, "user", action, entity, entity_id, hash'


@dataclass(frozen=True)
class UserRow:
    login: str
    name: str
    role: str
    hospital: str | None
    network: str | None
    active: bool


def group_role(conn: Connection, role: str) -> str:
    db = conn.execute(sa.text("SELECT current_database()")).scalar_one()
    return f"{db}_{role}"[:63]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _existing(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            sa.text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )


def apply_grants(conn: Connection) -> list[str]:
    """Create the group roles if missing and (re)apply the permission matrix; idempotent.

    Run after every ``migrate`` (new tables need their grants) and by ``users add``."""
    tables = _existing(conn)
    names = []
    for role in m.APP_ROLES:
        name = group_role(conn, role)
        names.append(name)
        exists = conn.execute(
            sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
        ).first()
        if not exists:
            conn.exec_driver_sql(f"CREATE ROLE {_q(name)} NOLOGIN")
        g = _q(name)
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {g}")
        conn.exec_driver_sql(f"REVOKE ALL ON {_READ_ALL} FROM {g}")
        conn.exec_driver_sql(f"GRANT SELECT ON {_READ_ALL} TO {g}")
        conn.exec_driver_sql(f"REVOKE SELECT ON audit_events FROM {g}")
        conn.exec_driver_sql(f"GRANT SELECT ({_AUDIT_COLUMNS}) ON audit_events TO {g}")
        if role == "admin":
            conn.exec_driver_sql(f"GRANT SELECT ON audit_events TO {g}")
        conn.exec_driver_sql(f"GRANT INSERT ON audit_events TO {g}")
        conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {g}")
        for table, privileges in WRITES[role].items():
            if table in tables:
                conn.exec_driver_sql(f"GRANT {privileges} ON {table} TO {g}")
        if role == "admin":
            conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION mdo_audit_purge(integer) TO {g}")
        if role in access.ROLE_RULES["break_glass"]:
            conn.exec_driver_sql(
                f"GRANT EXECUTE ON FUNCTION mdo_case_id_for_break_glass(text) TO {g}"
            )
    return names


def _check_login(login: str) -> str:
    login = (login or "").strip()
    if not _LOGIN.match(login):
        raise UserError(
            f"{login!r} is not a valid login: use lower-case letters, digits, "
            "'_', '.' or '-', starting with a letter, at most 63 characters"
        )
    return login


def _by_code(s: Session, model: type, code: str | None, noun: str) -> int | None:
    if code is None:
        return None
    row = s.scalar(sa.select(model).where(model.code == code))  # type: ignore[attr-defined]
    if row is None:
        raise UserError(f"there is no {noun} with code {code!r}")
    return int(row.id)


def add_user(
    db: DatabaseLike,
    login: str,
    *,
    name: str,
    role: str,
    hospital: str | None,
    network: str | None,
    user: str,
) -> UserRow:
    """Create (or re-activate) a person's account, and on PostgreSQL their login role."""
    login = _check_login(login)
    if role not in m.APP_ROLES:
        raise UserError(f"unknown role {role!r}: choose one of {', '.join(m.APP_ROLES)}")
    if not (name or "").strip():
        raise UserError("--name is required: the person's full name")
    if hospital is None and network is None:
        raise UserError("give --hospital CODE (and --network CODE for a network-wide account)")
    with db.session() as s:
        person = access.require(s, "users.manage", entity="user", entity_id=login, user=user)
        hospital_id = _by_code(s, m.Hospital, hospital, "hospital")
        network_id = _by_code(s, m.Network, network, "network")
        if hospital_id is not None and network_id is not None:
            h = s.get(m.Hospital, hospital_id)
            if h is not None and h.network_id != network_id:
                raise UserError(f"hospital {hospital} does not belong to network {network}")
        row = s.get(m.AppUser, login)
        if row is None:
            row = m.AppUser(login=login, created_by=person.login)
            s.add(row)
        row.name, row.role, row.active = name.strip(), role, True
        row.hospital_id, row.network_id = hospital_id, network_id
        conn = s.connection()
        if conn.dialect.name == "postgresql":
            apply_grants(conn)
            if (
                conn.execute(
                    sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}
                ).first()
                is None
            ):
                conn.exec_driver_sql(f"CREATE ROLE {_q(login)} LOGIN")
            else:
                conn.exec_driver_sql(f"ALTER ROLE {_q(login)} LOGIN")
            for other in m.APP_ROLES:
                conn.exec_driver_sql(f"REVOKE {_q(group_role(conn, other))} FROM {_q(login)}")
            conn.exec_driver_sql(f"GRANT {_q(group_role(conn, role))} TO {_q(login)}")
        s.flush()
        audit(
            s,
            "user.add",
            "user",
            login,
            {
                "name": row.name,
                "role": role,
                "hospital": hospital,
                "network": network,
            },
            role=person.role,
            hospital=person.hospital,
            user=user,
        )
        return UserRow(login, row.name, role, hospital, network, True)


def list_users(db: DatabaseLike, *, user: str) -> list[UserRow]:
    with db.session() as s:
        access.require(s, "users.manage", entity="user", user=user)
        rows = s.scalars(sa.select(m.AppUser).order_by(m.AppUser.login)).all()
        return [
            UserRow(
                r.login,
                r.name,
                r.role,
                r.hospital.code if r.hospital else None,
                r.network.code if r.network else None,
                r.active,
            )
            for r in rows
        ]


def disable_user(db: DatabaseLike, login: str, *, user: str) -> None:
    """The person can no longer log in; their row (and so their audit history) stays."""
    with db.session() as s:
        person = access.require(s, "users.manage", entity="user", entity_id=login, user=user)
        row = s.get(m.AppUser, login)
        if row is None:
            raise UserError(f"there is no account {login!r} (see mdo-planner users list)")
        row.active = False
        conn = s.connection()
        if conn.dialect.name == "postgresql":
            for role in m.APP_ROLES:
                conn.exec_driver_sql(f"REVOKE {_q(group_role(conn, role))} FROM {_q(login)}")
            conn.exec_driver_sql(f"ALTER ROLE {_q(login)} NOLOGIN")
        s.flush()
        audit(
            s,
            "user.disable",
            "user",
            login,
            {"role": row.role},
            role=person.role,
            hospital=person.hospital,
            user=user,
        )
