"""Optimistic locking for changes SQLAlchemy does not see as a change of the row itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import flag_modified

from db.models.base import Versioned
from db.models.planning import PlanRun


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
