"""The data layer: SQLAlchemy 2 typed ORM, engine and session set-up, Alembic migrations.

Never imports ``mdo_planner``, ``solver`` or ``ui``: it knows tables, not use cases.
"""
