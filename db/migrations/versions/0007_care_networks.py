"""Oncology care networks (issue 15): organisations outside the hospital, care networks with
their members, agreements and rules, and referrals.

* ``hospitals`` becomes the table of *organisations*: a ``kind`` (existing rows are
  hospitals, by the server default), a postcode and a municipality. Professionals of a GP
  practice or a dietetics practice are experts of such an organisation, so
  ``experts.hospital_id`` keeps its meaning ("where this person works") and stays required.
* ``disciplines.care_role`` says which discipline of the NVPO criterion a discipline counts as.
* ``care_networks`` with their member organisations and professionals and their agreements
  with hospitals; each owns a tumour group of its own (its consultations are sessions of it).
* ``referrals`` (patient data): row-level security follows the referral's case, exactly as
  revision 0006 does for the tables hanging off a case.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
_KINDS = (
    "hospital",
    "gp_practice",
    "paramedical_practice",
    "psychosocial_practice",
    "home_care",
    "rehabilitation_centre",
)


def _enum(values: tuple[str, ...], name: str, length: int = 20) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=length)


def _add_checked_column(
    table: str, name: str, sql_type: str, values: tuple[str, ...], *, default: str | None
) -> None:
    """A column limited to ``values`` (the models' non-native enum) by a named CHECK.

    SQLite gets a plain ``ALTER TABLE ... ADD COLUMN`` with a column constraint, not a copy of
    the table (batch mode): cheaper, and a fresh database's schema needs no more room than
    before (a database on a nearly full disk still fails at the data, with the usual message).
    """
    check = f"{name} IN ({', '.join(repr(v) for v in values)})"
    ck = f"ck_{table}_{name if name != 'kind' else 'organisation_kind'}"
    not_null = f" DEFAULT '{default}' NOT NULL" if default is not None else ""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}{not_null} "
            f"CONSTRAINT {ck} CHECK ({check})"
        )
    else:
        op.add_column(
            table,
            sa.Column(
                name,
                sa.String(length=int(sql_type[8:-1])),
                nullable=default is None,
                server_default=default,
            ),
        )
        op.create_check_constraint(op.f(ck), table, check)


def upgrade() -> None:
    _add_checked_column("hospitals", "kind", "VARCHAR(32)", _KINDS, default="hospital")
    op.add_column("hospitals", sa.Column("postcode", sa.String(length=16), nullable=True))
    op.add_column("hospitals", sa.Column("municipality", sa.String(length=100), nullable=True))
    _add_checked_column(
        "disciplines",
        "care_role",
        "VARCHAR(20)",
        ("physiotherapy", "psychosocial", "dietetics"),
        default=None,
    )

    op.create_table(
        "care_networks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("tumour_group_id", sa.Integer(), nullable=False),
        sa.Column("region", _JSON, nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=200), nullable=True),
        sa.Column("contact_phone", sa.String(length=50), nullable=True),
        sa.Column("rules", _JSON, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(code) > 0", name=op.f("ck_care_networks_code_not_empty")),
        sa.ForeignKeyConstraint(
            ["network_id"],
            ["networks.id"],
            name=op.f("fk_care_networks_network_id_networks"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["tumour_group_id"],
            ["tumour_groups.id"],
            name=op.f("fk_care_networks_tumour_group_id_tumour_groups"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_networks")),
        sa.UniqueConstraint("code", name=op.f("uq_care_networks_code")),
        sa.UniqueConstraint("tumour_group_id", name=op.f("uq_care_networks_tumour_group_id")),
    )
    with op.batch_alter_table("care_networks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_care_networks_network_id"), ["network_id"], unique=False
        )
    op.create_table(
        "care_network_organisations",
        sa.Column("care_network_id", sa.Integer(), nullable=False),
        sa.Column("hospital_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["care_network_id"],
            ["care_networks.id"],
            name=op.f("fk_care_network_organisations_care_network_id_care_networks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hospital_id"],
            ["hospitals.id"],
            name=op.f("fk_care_network_organisations_hospital_id_hospitals"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "care_network_id", "hospital_id", name=op.f("pk_care_network_organisations")
        ),
    )
    op.create_table(
        "care_network_professionals",
        sa.Column("care_network_id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["care_network_id"],
            ["care_networks.id"],
            name=op.f("fk_care_network_professionals_care_network_id_care_networks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["expert_id"],
            ["experts.id"],
            name=op.f("fk_care_network_professionals_expert_id_experts"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "care_network_id", "expert_id", name=op.f("pk_care_network_professionals")
        ),
    )
    op.create_table(
        "care_network_agreements",
        sa.Column("care_network_id", sa.Integer(), nullable=False),
        sa.Column("hospital_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["care_network_id"],
            ["care_networks.id"],
            name=op.f("fk_care_network_agreements_care_network_id_care_networks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hospital_id"],
            ["hospitals.id"],
            name=op.f("fk_care_network_agreements_hospital_id_hospitals"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "care_network_id", "hospital_id", name=op.f("pk_care_network_agreements")
        ),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("care_network_id", sa.Integer(), nullable=False),
        sa.Column(
            "source", _enum(("mdo", "gp", "contact_person"), "referral_source"), nullable=False
        ),
        sa.Column("complaints", _JSON, nullable=False),
        sa.Column("referred_by", sa.String(length=200), nullable=False),
        sa.Column("patient_postcode", sa.String(length=16), nullable=True),
        sa.Column("patient_municipality", sa.String(length=100), nullable=True),
        sa.Column("routing", sa.Text(), nullable=False),
        sa.Column("meeting_outcome_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_referrals_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["care_network_id"],
            ["care_networks.id"],
            name=op.f("fk_referrals_care_network_id_care_networks"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_outcome_id"],
            ["meeting_outcomes.id"],
            name=op.f("fk_referrals_meeting_outcome_id_meeting_outcomes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
        sa.UniqueConstraint("case_id", name=op.f("uq_referrals_case_id")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referrals_care_network_id"), ["care_network_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        # Patient data: the same per-hospital row security as the tables hanging off a case
        # (revision 0006, docs/security.md); the referral follows its case.
        using = (
            "CASE WHEN mdo_unrestricted() THEN true ELSE EXISTS "
            "(SELECT 1 FROM cases c WHERE c.id = case_id) END"
        )
        op.execute("ALTER TABLE referrals ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE referrals FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY referrals_by_hospital ON referrals USING ({using}) WITH CHECK ({using})"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS referrals_by_hospital ON referrals")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_care_network_id"))
    op.drop_table("referrals")
    op.drop_table("care_network_agreements")
    op.drop_table("care_network_professionals")
    op.drop_table("care_network_organisations")
    with op.batch_alter_table("care_networks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_networks_network_id"))
    op.drop_table("care_networks")
    with op.batch_alter_table("disciplines", schema=None) as batch_op:
        batch_op.drop_column("care_role")
    with op.batch_alter_table("hospitals", schema=None) as batch_op:
        batch_op.drop_column("municipality")
        batch_op.drop_column("postcode")
        batch_op.drop_column("kind")
