"""Planning a team can trust: plan-run lock and basis, agenda freeze, cut-off, late admission.

* ``plan_runs.version``: optimistic lock, so that publish and discard of one proposal are
  mutually exclusive (existing runs start at version 1).
* ``plan_runs.basis``: the state a proposal was computed from (the published plan it read).
* ``meeting_series.cutoff_working_days``: registration cut-off / agenda freeze per series
  (null: 2 working days for local, 5 for regional and supra-regional).
* ``sessions.agenda_sent``: the agenda as last sent (for change notices and the freeze).
* ``cases.late_admitted_by``: the chair who agreed to a late registration.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("plan_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
        batch_op.add_column(sa.Column("basis", _JSON, nullable=True))
    with op.batch_alter_table("meeting_series", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cutoff_working_days", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            "cutoff_range", "cutoff_working_days IS NULL OR cutoff_working_days BETWEEN 0 AND 30"
        )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agenda_sent", _JSON, nullable=True))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_admitted_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("late_admitted_by")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("agenda_sent")
    with op.batch_alter_table("meeting_series", schema=None) as batch_op:
        batch_op.drop_constraint("ck_meeting_series_cutoff_range", type_="check")
        batch_op.drop_column("cutoff_working_days")
    with op.batch_alter_table("plan_runs", schema=None) as batch_op:
        batch_op.drop_column("basis")
        batch_op.drop_column("version")
