"""What the main window needs to know about a database: is it empty, when was the last plan
run, and the file operations of the File menu as plain functions a worker thread can run.

Kept apart from the workspace services because the window asks these questions whatever
workspace is open (status bar, first-start offer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db import models as m
from mdo_planner.errors import UserError

from ._db import DatabaseLike


@dataclass(frozen=True)
class PlanRunInfo:
    """The latest plan run, for the status bar."""

    created_at: dt.datetime
    created_by: str
    published: bool
    solver_status: str


def url_has_password(url: str) -> bool:
    """Whether a database URL carries a password (which must not be stored in settings)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).password is not None
    except ArgumentError:
        return False


def is_empty(db: DatabaseLike) -> bool:
    """No network, hospital or case yet: a first start on a new database."""
    with db.session() as s:
        for model in (m.Network, m.Hospital, m.Case):
            if s.scalar(select(func.count()).select_from(model)):
                return False
    return True


def who(db: DatabaseLike, *, user: str) -> str:
    """Who the status bar names: the login the audit trail records, with role and hospital.

    On PostgreSQL that is the database login, not the operating-system user; connected as
    the schema owner or a superuser the text says this account is not for daily work (it
    bypasses the per-hospital access rules, see docs/security.md)."""
    from mdo_planner.services import access

    with db.session() as s:
        p = access.whoami(s, user=user)
        postgres = s.connection().dialect.name == "postgresql"
    if p.role:
        where = p.network or p.hospital
        return f"{p.login} ({p.role}{', ' + where if where else ''})"
    if postgres and p.unrestricted:
        return f"{p.login} (schema owner: not for daily work, use a personal account)"
    if postgres:
        return f"{p.login} (no active MDO Planner account)"
    return p.login


def last_plan_run(db: DatabaseLike) -> PlanRunInfo | None:
    with db.session() as s:
        run = s.scalar(
            select(m.PlanRun).order_by(m.PlanRun.created_at.desc(), m.PlanRun.id.desc()).limit(1)
        )
        if run is None:
            return None
        created = run.created_at
        if created.tzinfo is None:  # SQLite returns naive UTC timestamps
            created = created.replace(tzinfo=dt.UTC)
        return PlanRunInfo(created, run.created_by, run.published_at is not None, run.solver_status)


def import_scenario_file(db: Any, path: str | Path, state: Any = None, *, user: str) -> str:
    """Read, validate and import a scenario file in one transaction; returns the summary."""
    from mdo_planner.contract_io.importer import import_scenario
    from mdo_planner.contract_io.scenario import load_scenario

    p = Path(path)
    if state is not None:
        state.report(0)
    data = load_scenario(p)
    if state is not None:
        state.check()
        state.report(50)
    summary = import_scenario(db, data, user, source=p.name)
    if state is not None:
        state.report(100)
    return summary.text()


def export_scenario_file(db: Any, path: str | Path, state: Any = None, *, user: str) -> Path:
    """Export the whole database as a contract scenario file (written atomically)."""
    from mdo_planner.contract_io.exporter import export_scenario, write_scenario_file

    p = Path(path)
    if not p.parent.is_dir():
        raise UserError(f"{p}: the folder {p.parent} does not exist")
    if state is not None:
        state.report(0)
    data = export_scenario(db, user=user)
    if state is not None:
        state.check()
        state.report(70)
    written = write_scenario_file(p, data)
    if state is not None:
        state.report(100)
    return written
