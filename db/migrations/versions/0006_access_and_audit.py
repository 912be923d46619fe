"""Access and audit: NEN 7513 fields and a hash chain on audit events, the accounts table.

* ``audit_events`` gains role, outcome, the patients concerned (case codes), hospital,
  workstation, purpose, on-behalf-of, a flag (break the glass) and the SHA-256 chain
  (``prev_hash``, ``hash``); events written before this revision are chained here, once.
* ``app_users`` maps a login to a role and a hospital or network (issue 17).
* PostgreSQL: a trigger fills ``user`` with ``session_user`` and ``at`` with the server's
  ``now()`` and refuses any other value, so nobody can write an event in a colleague's name or
  back-date one; ``UPDATE``/``DELETE``/``TRUNCATE`` stay refused (revision 0001's triggers).

Revision ID: 0006
Revises: 0002 (chained after 0002 of issue 12; the integrator places it after 0003 and 0005)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIT_APPEND_ONLY = "audit_events is append-only: its rows cannot be changed or deleted"
_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


class _ColumnOptions(TypedDict, total=False):
    nullable: bool
    server_default: str | sa.ColumnElement[bool]


_NEW_COLUMNS: tuple[tuple[str, sa.types.TypeEngine[Any], _ColumnOptions], ...] = (
    ("role", sa.String(length=32), {}),
    (
        "outcome",
        sa.Enum(
            "success",
            "denied",
            "failed",
            name="audit_outcome",
            native_enum=False,
            create_constraint=True,
            length=20,
        ),
        {"nullable": False, "server_default": "success"},
    ),
    ("case_ids", _JSON, {}),
    ("hospital", sa.String(length=64), {}),
    ("workstation", sa.String(length=200), {}),
    ("purpose", sa.Text(), {}),
    ("on_behalf_of", sa.String(length=200), {}),
    ("flagged", sa.Boolean(), {"nullable": False, "server_default": sa.false()}),
    ("prev_hash", sa.String(length=64), {}),
    ("hash", sa.String(length=64), {}),
)


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    _drop_append_only_guard(dialect)
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        for name, type_, kw in _NEW_COLUMNS:
            batch_op.add_column(
                sa.Column(
                    name,
                    type_,
                    nullable=kw.get("nullable", True),
                    server_default=kw.get("server_default"),
                )
            )

    op.create_table(
        "app_users",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "secretary",
                "planner",
                "clinician",
                "chair",
                "specialist",
                "admin",
                name="app_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("hospital_id", sa.Integer(), nullable=True),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["hospital_id"],
            ["hospitals.id"],
            name=op.f("fk_app_users_hospital_id_hospitals"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["network_id"],
            ["networks.id"],
            name=op.f("fk_app_users_network_id_networks"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_app_users")),
    )
    with op.batch_alter_table("app_users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_app_users_hospital_id"), ["hospital_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_app_users_network_id"), ["network_id"], unique=False)

    op.create_table(
        "break_glass",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_break_glass_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_break_glass")),
    )
    with op.batch_alter_table("break_glass", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_break_glass_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_break_glass_login"), ["login"], unique=False)

    from db.audit_chain import rechain

    rechain(bind)
    _create_append_only_guard(dialect)
    if dialect == "postgresql":
        _create_server_identity()
        _create_row_security()
        _create_purge()


def downgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "postgresql":
        for table in RLS_TABLES:
            op.execute(f"DROP POLICY IF EXISTS {table}_by_hospital ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS mdo_case_visible(integer, integer)")
        op.execute("DROP FUNCTION IF EXISTS mdo_case_id_for_break_glass(text)")
        op.execute("DROP FUNCTION IF EXISTS mdo_audit_purge(integer)")
        op.execute("DROP TRIGGER IF EXISTS break_glass_no_change ON break_glass")
        op.execute(  # revision 0001's version again: no way past it
            "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{AUDIT_APPEND_ONLY}' "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        op.execute("DROP FUNCTION IF EXISTS mdo_unrestricted()")
        op.execute("DROP TRIGGER IF EXISTS audit_events_server_identity ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_server_identity()")
    _drop_append_only_guard(dialect)
    op.drop_table("break_glass")
    with op.batch_alter_table("app_users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_users_network_id"))
        batch_op.drop_index(batch_op.f("ix_app_users_hospital_id"))
    op.drop_table("app_users")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_events_audit_outcome"), type_="check")
        for name, _type, _kw in reversed(_NEW_COLUMNS):
            batch_op.drop_column(name)
    _create_append_only_guard(dialect)


def _drop_append_only_guard(dialect: str) -> None:
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")


def _create_append_only_guard(dialect: str) -> None:
    """Revision 0001's triggers again (batch mode on SQLite may have recreated the table)."""
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events "
                f"BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
        )


def _create_server_identity() -> None:
    """``user`` is ``session_user`` and ``at`` is ``now()``: filled in when absent, and any
    other value refused, whoever inserts (the superuser included)."""
    op.execute(
        """
        CREATE FUNCTION audit_events_server_identity() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW."user" IS NULL THEN
                NEW."user" := session_user;
            ELSIF NEW."user" IS DISTINCT FROM session_user::text THEN
                RAISE EXCEPTION 'audit_events: the user of an event is the database login %, not %',
                    session_user, NEW."user" USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF NEW.at IS NULL THEN
                NEW.at := now();
            ELSIF NEW.at IS DISTINCT FROM now() THEN
                RAISE EXCEPTION 'audit_events: the time of an event is the server''s clock (%), not %',
                    now(), NEW.at USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_events_server_identity BEFORE INSERT ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_server_identity()"
    )


#: Tables holding patient data, each with row-level security keyed on the login's hospital.
RLS_TABLES = (
    "cases",
    "case_extra_disciplines",
    "assignments",
    "unplanned_cases",
    "break_glass",
    "meeting_outcomes",
)


def _create_row_security() -> None:
    """Per-hospital access, enforced by the server (issue 17; docs/security.md).

    A login mapped in ``app_users`` sees the cases of its own hospital, the cases on agendas
    of sessions its hospital hosts, the cases of its network when it is a network-level
    account, and cases it opened with "break the glass" (for 24 hours); the tables hanging
    off a case follow the case. The schema owner (migrations, ``users add``) and superusers
    see everything; a login without an active account sees nothing.

    ``mdo_case_visible`` runs as the owner (SECURITY DEFINER) so that its look-ups of
    assignments and sessions are not themselves filtered: that is what the ``CASE WHEN
    mdo_unrestricted()`` guard in every policy is for (CASE evaluates lazily, so the owner's
    queries never recurse into the function).
    """
    owner = op.get_bind().execute(sa.text("SELECT current_user")).scalar_one()
    quoted = owner.replace("'", "''")
    op.execute(
        f"""
        CREATE FUNCTION mdo_unrestricted() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT current_user = '{quoted}'
        $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION mdo_case_visible(p_case integer, p_hospital integer)
        RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT EXISTS (
                SELECT 1 FROM app_users u
                WHERE u.login = session_user AND u.active AND (
                    (u.network_id IS NULL AND u.hospital_id = p_hospital)
                    OR (u.network_id IS NOT NULL AND u.network_id =
                        (SELECT h.network_id FROM hospitals h WHERE h.id = p_hospital))
                    OR (p_case IS NOT NULL AND u.hospital_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM assignments a JOIN sessions s ON s.id = a.session_id
                        WHERE a.case_id = p_case AND s.hospital_id = u.hospital_id))
                    OR (p_case IS NOT NULL AND EXISTS (
                        SELECT 1 FROM break_glass b
                        WHERE b.case_id = p_case AND b.login = session_user AND b.until > now()))
                )
            )
        $$
        """
    )
    follow_case = (
        "CASE WHEN mdo_unrestricted() THEN true ELSE EXISTS "
        "(SELECT 1 FROM cases c WHERE c.id = case_id) END"
    )
    policies = {
        "cases": "CASE WHEN mdo_unrestricted() THEN true ELSE mdo_case_visible(id, hospital_id) END",
        "case_extra_disciplines": follow_case,
        "assignments": follow_case,
        "unplanned_cases": follow_case,
        "meeting_outcomes": follow_case,  # recommendations are patient data
        "break_glass": "CASE WHEN mdo_unrestricted() THEN true ELSE login = session_user END",
    }
    # Break the glass: a clinician names a case by its code (not patient data) and gets its
    # id to record the access; the row is append-only like the audit trail.
    op.execute(
        """
        CREATE FUNCTION mdo_case_id_for_break_glass(p_code text) RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT id FROM cases WHERE code = p_code
        $$
        """
    )
    op.execute("REVOKE EXECUTE ON FUNCTION mdo_case_id_for_break_glass(text) FROM PUBLIC")
    op.execute(
        "CREATE TRIGGER break_glass_no_change BEFORE UPDATE OR DELETE ON break_glass "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
    )
    for table, using in policies.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY {table}_by_hospital ON {table} USING ({using}) WITH CHECK ({using})"
        )


def _create_purge() -> None:
    """Retention (NEN 7513: five years): deleting old events is possible only through
    ``mdo_audit_purge``, which runs as the owner, refuses events younger than five years and
    lets the append-only trigger through for exactly that statement; the application writes
    the signed checkpoint in the same transaction. ``EXECUTE`` is granted to admins only."""
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND current_setting('mdo.audit_purge', true) = 'on'
               AND mdo_unrestricted() AND OLD.at < now() - interval '5 years' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '{AUDIT_APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION mdo_audit_purge(p_last_id integer) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE n integer;
        BEGIN
            PERFORM set_config('mdo.audit_purge', 'on', true);
            DELETE FROM audit_events WHERE id <= p_last_id;
            GET DIAGNOSTICS n = ROW_COUNT;
            PERFORM set_config('mdo.audit_purge', 'off', true);
            RETURN n;
        END $$
        """
    )
    op.execute("REVOKE EXECUTE ON FUNCTION mdo_audit_purge(integer) FROM PUBLIC")
