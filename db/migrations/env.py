"""Alembic environment: always runs on a connection handed over by :mod:`db.engine`.

The application never runs Alembic from the command line against a URL in ``alembic.ini``:
``db.engine.upgrade`` opens the transaction (with the write lock and a backup made first) and
passes its connection in ``config.attributes["connection"]``. Developers create a new revision
with ``python -m db.revision "message"`` (see ``docs/database.md``), which does the same.
"""

from __future__ import annotations

from alembic import context

from db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "run migrations through db.engine.upgrade(), not the alembic command line"
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode recreates the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=True,
        # The caller holds one transaction around all steps: a failed step undoes them all.
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
