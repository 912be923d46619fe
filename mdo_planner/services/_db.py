"""What the workspace services need of a database.

The services take anything with a ``session()`` context manager (the application's
``mdo_planner.services.base.Database`` in production, a bare engine wrapper in tests), so that
each service function is one transaction: it commits as a whole or leaves nothing half-written.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy.orm import Session


class DatabaseLike(Protocol):
    def session(self) -> AbstractContextManager[Session]: ...
