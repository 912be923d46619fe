"""Test support for the planning, sessions, experts, network and dashboard services and
workspaces: a database filled from a contract scenario with the ORM.

The scenario importer (``mdo_planner.contract_io.importer``) is the production path; this loader exists so
that the services of these workspaces can be tested against the real schema on their own, with
exactly the rows their tests need (a published plan, leave, a cancelled session), whatever the
importer decides about statuses and triage.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from db import models as m
from tests.conftest import TINY

DEFAULT_MINUTES = {"local": 4, "regional": 8, "supraregional": 12}


class LocalDatabase:
    """The slice of ``mdo_planner.services.base.Database`` the services use: ``session()``."""

    def __init__(self, path: Path) -> None:
        self.url = f"sqlite:///{path}"
        self.engine = create_engine(self.url)
        event.listen(self.engine, "connect", _fk_on)
        m.Base.metadata.create_all(self.engine)
        self.display_name = path.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _fk_on(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def load_rows(session: Session, data: dict[str, Any], *, status: str = "ready") -> None:
    """Insert every object of a contract scenario; cases get ``status`` and their echelon."""
    disciplines = {}
    for d in data["disciplines"]:
        disciplines[d["code"]] = m.Discipline(code=d["code"], name=d["name"])
    session.add_all(disciplines.values())
    groups = {}
    for g in data["tumour_groups"]:
        groups[g["code"]] = m.TumourGroup(
            code=g["code"],
            name=g["name"],
            expert_centre_only=g["code"] == "SARCOMA",
            core_disciplines=[disciplines[c] for c in g["core_disciplines"]],
        )
    session.add_all(groups.values())
    networks = {n["id"]: m.Network(code=n["id"], name=n["name"]) for n in data["networks"]}
    session.add_all(networks.values())
    hospitals = {}
    for h in data["hospitals"]:
        hospitals[h["id"]] = m.Hospital(
            code=h["id"],
            name=h["name"],
            network=networks[h["network"]],
            expert_centre=bool(h.get("expert_centre")),
        )
    session.add_all(hospitals.values())
    session.flush()
    for e in data["experts"]:
        expert = m.Expert(
            code=e["id"],
            name=e["name"],
            discipline=disciplines[e["discipline"]],
            hospital=hospitals[e["hospital"]],
            serves=[hospitals[h] for h in e.get("serves", [e["hospital"]])],
            tumour_groups=[groups[g] for g in e["tumour_groups"]],
            max_echelon=e.get("max_echelon", "local"),
            max_sessions_per_week=e.get("max_sessions_per_week"),
            leave=[
                m.LeavePeriod(start=_d(u["from"]), end=_d(u["to"]))
                for u in e.get("unavailable", [])
            ],
        )
        session.add(expert)
    sessions = {}
    for s in data["sessions"]:
        sessions[s["id"]] = m.MeetingSession(
            code=s["id"],
            tumour_group=groups[s["tumour_group"]],
            echelon=s["echelon"],
            hospital=hospitals[s["hospital"]],
            date=_d(s["date"]),
            start_time=_t(s["start"]),
            duration_min=s["duration_min"],
            mode=s.get("mode", "hybrid"),
        )
    session.add_all(sessions.values())
    session.flush()
    for c in data["cases"]:
        echelon = c.get("echelon", "local")
        case = m.Case(
            code=c["id"],
            patient_ref=c["patient"],
            hospital=hospitals[c["hospital"]],
            tumour_group=groups[c["tumour_group"]],
            question=c.get("question", ""),
            triage_level=echelon,
            required_level=echelon,
            minutes=c.get("minutes", DEFAULT_MINUTES[echelon]),
            ready_date=_d(c["ready"]),
            due_date=_d(c["due"]),
            urgent=bool(c.get("urgent")),
            status=status,
            extra_disciplines=[disciplines[x] for x in c.get("extra_disciplines", [])],
            pinned_session=sessions[c["pinned_session"]] if c.get("pinned_session") else None,
        )
        session.add(case)
    session.flush()


def tiny_scenario(_unused: Path | None = None) -> dict[str, Any]:
    """The project's own tiny scenario (``tests/fixtures/scenarios/tiny.json``)."""

    return json.loads(TINY.read_text(encoding="utf-8"))


def filled_database(path: Path, data: dict[str, Any]) -> LocalDatabase:
    db = LocalDatabase(path)
    with db.session() as session:
        load_rows(session, data)
    return db


class UrlDatabase(LocalDatabase):
    """The same slice for any SQLAlchemy URL (PostgreSQL in the ``pg`` tests)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        m.Base.metadata.create_all(self.engine)
        self.display_name = url.rsplit("/", 1)[-1]
