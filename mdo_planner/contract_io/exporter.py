"""Writing the database back as a contract scenario (``mdo-planner export``).

The export is what another system, a test suite or the planner itself reads, so it must be a
scenario that :func:`mdo_planner.contract_io.scenario.validate_scenario` accepts and that imports back into
an empty database unchanged (import -> export -> import round-trips).

Choices that matter to users:

* ``date_from``/``date_to`` limit the *sessions* to those dates and the *cases* to those that
  could be discussed in that window: ready on or before its end. Overdue cases stay in: they
  still need a meeting.
  A case pinned to a session outside the window cannot be discussed inside it and is left out.
  Without limits everything is exported; the horizon is then the span of the session dates.
* Reference data (disciplines, tumour groups, networks, hospitals) and active experts are always
  exported whole, because any window's cases and sessions may refer to them.
* Withdrawn and already discussed cases are history, not planning input: they are not exported.
* Cases whose level is ``hold`` or ``protocol`` (or not yet triaged) carry no ``echelon``; their
  ``complexity`` travels with them so that the triage of the reader decides, as the contract says.
* ``previous_plan`` is the published plan (between exported cases and sessions).
* The file is written atomically: a reader never sees half an export.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.contract_io.scenario import DEFAULT_WEIGHTS, ECHELONS, FORMAT, VERSION
from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_text
from mdo_planner.services.base import audit

#: Case statuses that are history rather than planning input.
_NOT_EXPORTED_STATUSES = ("withdrawn", "discussed")


def export_scenario(
    db: Any,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    *,
    name: str | None = None,
    user: str | None = None,
    decided_only: bool = False,
) -> dict[str, Any]:
    """Read the database (one consistent transaction) into a contract scenario dict.

    When ``user`` is given the export is recorded in the audit trail (it discloses patient
    references, which NEN 7513 asks to log).
    """
    if date_from and date_to and date_from > date_to:
        raise UserError(f"--from {date_from} lies after --to {date_to}")
    with db.session() as session:
        data = read_scenario(session, date_from, date_to, name=name, decided_only=decided_only)
        if user is not None:
            audit(
                session,
                "export",
                "scenario",
                None,
                {
                    "from": date_from.isoformat() if date_from else None,
                    "to": date_to.isoformat() if date_to else None,
                    "sessions": len(data["sessions"]),
                    "cases": len(data["cases"]),
                },
                case_ids=[c["id"] for c in data["cases"]],
                user=user,
            )
    return data


def read_scenario(
    session: Session,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    *,
    name: str | None = None,
    decided_only: bool = False,
) -> dict[str, Any]:
    """Build the scenario dict inside the caller's transaction (see the module docstring).

    ``decided_only`` keeps only cases whose required echelon is decided, so that every case
    states its ``echelon`` and an independent checker can verify a plan of it completely.
    """
    # -- reference data
    disc_rows = session.execute(
        select(m.Discipline.id, m.Discipline.code, m.Discipline.name).order_by(m.Discipline.id)
    ).all()
    disc = {r.id: r.code for r in disc_rows}
    core: dict[int, list[str]] = defaultdict(list)
    for tg_id, d_id in session.execute(
        select(
            m.tumour_group_disciplines.c.tumour_group_id, m.tumour_group_disciplines.c.discipline_id
        )
    ):
        core[tg_id].append(disc[d_id])
    tg_rows = session.execute(
        select(
            m.TumourGroup.id,
            m.TumourGroup.code,
            m.TumourGroup.name,
            m.TumourGroup.expert_centre_only,
        ).order_by(m.TumourGroup.id)
    ).all()
    tg = {r.id: r.code for r in tg_rows}
    net_rows = session.execute(
        select(m.Network.id, m.Network.code, m.Network.name, m.Network.weights).order_by(
            m.Network.id
        )
    ).all()
    net = {r.id: r.code for r in net_rows}
    hosp_rows = session.execute(
        select(
            m.Hospital.id,
            m.Hospital.code,
            m.Hospital.name,
            m.Hospital.network_id,
            m.Hospital.expert_centre,
        ).order_by(m.Hospital.id)
    ).all()
    hosp = {r.id: r.code for r in hosp_rows}

    # -- experts
    serves: dict[int, list[str]] = defaultdict(list)
    for e_id, h_id in session.execute(
        select(m.expert_serves.c.expert_id, m.expert_serves.c.hospital_id).order_by(
            m.expert_serves.c.expert_id
        )
    ):
        serves[e_id].append(hosp[h_id])
    groups: dict[int, list[str]] = defaultdict(list)
    for e_id, t_id in session.execute(
        select(m.expert_tumour_groups.c.expert_id, m.expert_tumour_groups.c.tumour_group_id)
    ):
        groups[e_id].append(tg[t_id])
    leave: dict[int, list[dict[str, str]]] = defaultdict(list)
    for e_id, start, end in session.execute(
        select(m.LeavePeriod.expert_id, m.LeavePeriod.start, m.LeavePeriod.end).order_by(
            m.LeavePeriod.expert_id, m.LeavePeriod.start
        )
    ):
        leave[e_id].append({"from": start.isoformat(), "to": end.isoformat()})
    experts = []
    for r in session.execute(
        select(
            m.Expert.id,
            m.Expert.code,
            m.Expert.name,
            m.Expert.discipline_id,
            m.Expert.hospital_id,
            m.Expert.max_echelon,
            m.Expert.max_sessions_per_week,
        )
        .where(m.Expert.active.is_(True))
        .order_by(m.Expert.id)
    ):
        experts.append(
            {
                "id": r.code,
                "name": r.name,
                "discipline": disc[r.discipline_id],
                "hospital": hosp[r.hospital_id],
                "serves": sorted(serves[r.id], key=_natural),
                "tumour_groups": sorted(groups[r.id], key=_natural),
                "max_echelon": r.max_echelon,
                "max_sessions_per_week": r.max_sessions_per_week,
                "unavailable": leave[r.id],
            }
        )

    # -- sessions in the window (cancelled ones cannot take cases)
    conds: list[ColumnElement[bool]] = [m.MeetingSession.cancelled.is_(False)]
    if date_from:
        conds.append(m.MeetingSession.date >= date_from)
    if date_to:
        conds.append(m.MeetingSession.date <= date_to)
    ses_rows = session.execute(
        select(
            m.MeetingSession.id,
            m.MeetingSession.code,
            m.MeetingSession.tumour_group_id,
            m.MeetingSession.echelon,
            m.MeetingSession.hospital_id,
            m.MeetingSession.date,
            m.MeetingSession.start_time,
            m.MeetingSession.duration_min,
            m.MeetingSession.mode,
        )
        .where(*conds)
        .order_by(m.MeetingSession.date, m.MeetingSession.start_time, m.MeetingSession.id)
    ).all()
    ses = {r.id: r.code for r in ses_rows}
    sessions = [
        {
            "id": r.code,
            "tumour_group": tg[r.tumour_group_id],
            "echelon": r.echelon,
            "hospital": hosp[r.hospital_id],
            "date": r.date.isoformat(),
            "start": r.start_time.strftime("%H:%M"),
            "duration_min": r.duration_min,
            "mode": r.mode,
        }
        for r in ses_rows
    ]

    # -- cases that could be discussed in the window
    cq = select(
        m.Case.id,
        m.Case.code,
        m.Case.patient_ref,
        m.Case.hospital_id,
        m.Case.tumour_group_id,
        m.Case.required_level,
        m.Case.minutes,
        m.Case.ready_date,
        m.Case.due_date,
        m.Case.urgent,
        m.Case.question,
        m.Case.pinned_session_id,
        m.Case.complexity,
    ).where(m.Case.status.not_in(_NOT_EXPORTED_STATUSES))
    if date_to:
        cq = cq.where(m.Case.ready_date <= date_to)
    if decided_only:
        cq = cq.where(m.Case.required_level.in_(ECHELONS))
    case_rows = session.execute(cq.order_by(m.Case.id)).all()
    extra: dict[int, list[str]] = defaultdict(list)
    for c_id, d_id in session.execute(
        select(m.case_extra_disciplines.c.case_id, m.case_extra_disciplines.c.discipline_id)
    ):
        extra[c_id].append(disc[d_id])
    cases = []
    case_code: dict[int, str] = {}
    cancelled = set(
        session.scalars(select(m.MeetingSession.id).where(m.MeetingSession.cancelled.is_(True)))
    )
    for c in case_rows:
        pin = None if c.pinned_session_id in cancelled else c.pinned_session_id
        if pin is not None and pin not in ses:
            continue  # pinned to a session outside the window: planned in that window
        case_code[c.id] = c.code
        case: dict[str, Any] = {
            "id": c.code,
            "patient": c.patient_ref,
            "hospital": hosp[c.hospital_id],
            "tumour_group": tg[c.tumour_group_id],
            "echelon": c.required_level if c.required_level in ECHELONS else None,
            "extra_disciplines": sorted(extra[c.id], key=_natural),
            "minutes": c.minutes,
            "ready": c.ready_date.isoformat(),
            "due": c.due_date.isoformat(),
            "urgent": c.urgent,
            "question": c.question or "",
            "pinned_session": ses[pin] if pin else None,
        }
        if case["echelon"] is None:
            del case["echelon"]
        if case["minutes"] is None:
            del case["minutes"]
        if c.complexity is not None:
            case["complexity"] = c.complexity
        cases.append(case)

    previous_plan = [
        {"case": case_code[c_id], "session": ses[s_id]}
        for c_id, s_id in session.execute(
            select(m.Assignment.case_id, m.Assignment.session_id)
            .where(m.Assignment.published.is_(True))
            .order_by(m.Assignment.case_id)
        )
        if c_id in case_code and s_id in ses
    ]

    weights = next((dict(r.weights) for r in net_rows if r.weights), None)
    if date_from and date_to:
        horizon = {"start": date_from.isoformat(), "end": date_to.isoformat()}
    else:
        dates = [r.date for r in ses_rows] or [dt.date.today()]
        horizon = {
            "start": (date_from or min(dates)).isoformat(),
            "end": (date_to or max(dates)).isoformat(),
        }
        if horizon["start"] > horizon["end"]:
            horizon["end"] = horizon["start"]
    scenario = {
        "format": FORMAT,
        "version": VERSION,
        "name": name or f"export {dt.date.today().isoformat()}",
        "horizon": horizon,
        "disciplines": [{"code": r.code, "name": r.name} for r in disc_rows],
        "tumour_groups": [
            {
                "code": r.code,
                "name": r.name,
                "core_disciplines": sorted(core[r.id], key=_natural),
                "expert_centre_only": bool(r.expert_centre_only),
            }
            for r in tg_rows
        ],
        "networks": [{"id": r.code, "name": r.name} for r in net_rows],
        "hospitals": [
            {
                "id": r.code,
                "name": r.name,
                "network": net[r.network_id],
                "expert_centre": bool(r.expert_centre),
            }
            for r in hosp_rows
        ],
        "experts": experts,
        "sessions": sessions,
        "cases": cases,
        "previous_plan": previous_plan,
        "weights": {**DEFAULT_WEIGHTS, **(weights or {})},
    }
    # Care networks (issue 15): extra fields beside the contract's, ignored by older readers.
    from mdo_planner.care.store import add_to_scenario

    return add_to_scenario(session, scenario)


def _natural(code: str) -> tuple[Any, ...]:
    """Sort ids as people do (H2 before H10)."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


def write_scenario_file(path: str | Path, data: dict[str, Any]) -> Path:
    """Write a scenario as indented UTF-8 JSON, atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return atomic_write_text(path, text)


__all__ = ["export_scenario", "read_scenario", "write_scenario_file"]
