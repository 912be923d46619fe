"""What the workspace services need of a database, and their audit helper.

The services take anything with a ``session()`` context manager (the application's
``mdo_planner.services.base.Database`` in production, a bare engine wrapper in tests), so that
each service function is one transaction: it commits as a whole or leaves nothing half-written.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy.orm import Session


class DatabaseLike(Protocol):
    def session(self) -> AbstractContextManager[Session]: ...


def audit_event(
    session: Session,
    user: str,
    action: str,
    entity: str,
    entity_id: str | None,
    details: dict[str, Any] | None = None,
    **nen7513: Any,
) -> None:
    """Append to the audit trail inside the caller's transaction (NEN 7513: who did what).

    The one writer is :func:`mdo_planner.services.base.audit` (hash chain, server identity);
    this name stays for the workspace services that call it."""
    from mdo_planner.services.base import audit

    audit(session, user or "unknown", action, entity, entity_id, details, **nen7513)
