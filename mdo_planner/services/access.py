"""Who is working, in which role, and whether that role may do an action (issue 17).

Why here and not in the screens: the command line, the desktop app and any script go through
the services, so a role check in the service cannot be bypassed by choosing another front
end. The database enforces the same rules again (grants and row-level security on
PostgreSQL, see ``mdo_planner.services.users_service`` and migration 0006).

PostgreSQL: the person is the database login (``session_user``), mapped by ``app_users`` to a
role and a hospital or network. The schema owner and superusers (migrations, creating
accounts) have no row and may do everything; any other login without an active account may do
nothing. SQLite (one workstation): the person is the operating-system login; with no account
row they may do everything, because whoever has the file can change it anyway (see
docs/security.md: a shared workstation file is single-user).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.errors import UserError

#: Which roles may do what (the documented matrix of docs/security.md).
ROLE_RULES: dict[str, frozenset[str]] = {
    "triage.decide": frozenset({"clinician"}),  # confirm, override, keep
    "rule_set.import": frozenset({"admin"}),
    "users.manage": frozenset({"admin"}),
    "audit.read": frozenset({"admin"}),
    "plan.publish": frozenset({"secretary", "planner"}),
    "plan.run": frozenset({"secretary", "planner"}),
    "meeting.close": frozenset({"chair"}),
    "case.decide": frozenset({"clinician"}),
    "break_glass": frozenset({"clinician"}),
}


class AccessDenied(UserError):
    """The person's role does not allow the action.

    ``Database.session`` records the refusal as an audit event with outcome ``denied`` after
    the refused transaction rolled back, so a refusal is never lost with it."""

    def __init__(self, message: str, event: dict[str, Any]) -> None:
        super().__init__(message)
        self.event = event


@dataclass(frozen=True)
class Person:
    login: str
    role: str | None
    name: str | None = None
    hospital: str | None = None
    hospital_id: int | None = None
    network: str | None = None
    network_id: int | None = None
    #: Schema owner / superuser on PostgreSQL, or a single-user SQLite workstation.
    unrestricted: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)


def whoami(session: Session, *, user: str) -> Person:
    """The person this session works for (see the module docstring)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        login, superuser, owner = conn.execute(
            sa.text(
                "SELECT session_user, (SELECT rolsuper FROM pg_roles WHERE rolname = session_user), "
                "(SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename = 'audit_events')"
            )
        ).one()
        row = session.get(m.AppUser, login)
        if row is None:
            return Person(login, None, unrestricted=bool(superuser) or login == owner)
    else:
        login = user
        row = session.get(m.AppUser, login)
        if row is None:
            return Person(login, None, unrestricted=True)
    if not row.active:
        return Person(login, None, name=row.name)
    return Person(
        login,
        row.role,
        name=row.name,
        hospital=row.hospital.code if row.hospital else None,
        hospital_id=row.hospital_id,
        network=row.network.code if row.network else None,
        network_id=row.network_id,
        roles=frozenset({row.role}),
    )


def require(
    session: Session,
    action: str,
    *,
    user: str,
    entity: str,
    entity_id: object | None = None,
    case_ids: Iterable[object] | None = None,
    on_behalf_of: str | None = None,
    allowed: Collection[str] | None = None,
) -> Person:
    """Refuse (``AccessDenied``, audited as denied) unless the person's role allows ``action``.

    ``on_behalf_of``: a secretary recording a clinician's decision ("on behalf of Dr X") may
    do a ``triage.decide``; the event records both names.
    """
    person = whoami(session, user=user)
    roles = frozenset(allowed) if allowed is not None else ROLE_RULES[action]
    if person.unrestricted or person.role in roles:
        return person
    if on_behalf_of and action == "triage.decide" and person.role == "secretary":
        return person
    who = person.login if person.role else f"{person.login} (no active MDO Planner account)"
    need = " or ".join(sorted(roles))
    hint = (
        ' (a secretary may record a clinician\'s decision with --on-behalf-of "Dr X")'
        if action == "triage.decide" and person.role == "secretary"
        else ""
    )
    raise AccessDenied(
        f"{who} may not do {action}: that needs the role {need}, "
        f"and {person.login} has {person.role or 'no role'}{hint}",
        {
            "user": user,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "case_ids": None if case_ids is None else list(case_ids),
            "role": person.role,
            "hospital": person.hospital,
            "details": {"needs": sorted(roles)},
            "on_behalf_of": on_behalf_of,
        },
    )
