"""Writing a validated scenario into the database, all of it or nothing.

A secretariat imports a network's whole planning situation at once (a national scenario holds
~11,500 cases, ~2,900 sessions and ~6,000 experts). Two things matter:

* **Nothing half-written.** The scenario is validated as a whole first
  (:func:`mdo_planner.contract_io.scenario.validate_scenario`), then checked against what the database
  already holds, and only then written, in one transaction. Any error rolls everything back.
* **Speed and memory.** Rows are written with SQLAlchemy's bulk ``insert()`` executemany path
  (RETURNING with parameter order for the generated keys) instead of one ORM object per row,
  which keeps the national scenario well inside the 15 s / 500 MB budget on a 2-core machine.

What goes where: reference data (disciplines, tumour groups, networks, hospitals) whose code
already exists in the database is *reused* (a second scenario of the same network need not
repeat them, and a hospital may not silently change network); experts, sessions and cases are
operational data and must be new: an id that exists already is reported with its JSON path.
``previous_plan`` becomes the published assignments; the scenario's cost ``weights`` are kept on
the networks it creates. A case's stated ``echelon`` counts as decided (confirmed by the person
importing); a case without one is triaged from its complexity data with the network's active
rule set and waits on the worklist for a clinician, as a hand-registered case would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.contract_io.scenario import DEFAULT_WEIGHTS, ScenarioError, validate_scenario
from mdo_planner.services.base import audit

#: Rows per executemany batch: large enough for speed, small enough to bound memory.
_BATCH = 2000


@dataclass
class ImportSummary:
    """What an import did, for the command's report and the audit trail."""

    source: str
    created: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    #: Reused rows whose details in the file differ from the database (the database's are
    #: kept: changing a network's set-up is done on the Network screen, not by a file).
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "created": dict(self.created),
            "reused": dict(self.reused),
            "warnings": list(self.warnings),
        }

    def text(self) -> str:
        """One line per entity kind, as the command line prints it."""
        lines = [f"imported {self.source}:"]
        for kind, n in self.created.items():
            reused = self.reused.get(kind, 0)
            extra = f" (and {reused} already present, reused)" if reused else ""
            lines.append(f"  {kind.replace('_', ' '):<22} {n:>7}{extra}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def insert_returning_ids(
    session: Session, model: type[m.Base], rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Bulk-insert ``rows`` and return their new primary keys in the same order."""
    if len(rows) > 100 and session.get_bind().dialect.name == "postgresql":
        return _insert_with_sequence_ids(session, model, rows)
    ids: list[int] = []
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        if not chunk:
            continue
        stmt = insert(model).returning(model.id, sort_by_parameter_order=True)  # type: ignore[attr-defined]
        ids.extend(session.scalars(stmt, list(chunk)).all())
    return ids


def _insert_with_sequence_ids(
    session: Session, model: type[m.Base], rows: Sequence[dict[str, Any]]
) -> list[int]:
    """PostgreSQL: take the keys from the table's sequence first, then insert without RETURNING.

    psycopg converts each huge multi-row ``INSERT ... VALUES ... RETURNING`` statement on the
    client, which made the national import take 14 s; plain executemany with known keys runs in
    psycopg's pipeline mode instead, several times faster. The sequence stays the single source
    of keys, so concurrent inserts by other users cannot collide with ours.
    """
    table = model.__table__
    if not isinstance(table, Table):  # every model here maps a table; a programming error
        raise TypeError(f"{model.__name__} is not mapped to a table")
    seq = session.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
    if seq is None:  # not a serial/identity key: fall back to RETURNING
        return [
            pk
            for start in range(0, len(rows), _BATCH)
            for pk in session.scalars(
                insert(model).returning(model.id, sort_by_parameter_order=True),  # type: ignore[attr-defined]
                list(rows[start : start + _BATCH]),
            )
        ]
    ids = sorted(
        session.scalars(
            text("SELECT nextval(CAST(:s AS regclass)) FROM generate_series(1, :n)"),
            {"s": seq, "n": len(rows)},
        )
    )
    for start in range(0, len(rows), _BATCH):
        # The ORM's bulk insert (not Core's) groups rows by their set of keys: cases that
        # arrive with and without an echelon carry different columns.
        session.execute(
            insert(model),
            [
                {**row, "id": pk}
                for row, pk in zip(
                    rows[start : start + _BATCH], ids[start : start + _BATCH], strict=True
                )
            ],
        )
    return ids


def insert_rows(session: Session, table: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Bulk-insert rows whose keys we do not need back (link tables, leave, assignments)."""
    batch: list[dict[str, Any]] = []
    n = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            session.execute(insert(table), batch)
            n += len(batch)
            batch = []
    if batch:
        session.execute(insert(table), batch)
        n += len(batch)
    return n


def insert_experts(
    session: Session,
    experts: list[dict[str, Any]],
    code_key: str,
    disc: dict[str, int],
    hosp: dict[str, int],
    tg: dict[str, int],
) -> list[int]:
    """Bulk-insert experts with the hospitals they serve and their tumour groups; their ids
    in order. Shared by the scenario import and the demo (``code_key`` names the field that
    holds an expert's code: ``id`` in a scenario, ``code`` in the demo's builder)."""
    exp_ids = insert_returning_ids(
        session,
        m.Expert,
        [
            {
                "code": e[code_key],
                "name": e["name"],
                "discipline_id": disc[e["discipline"]],
                "hospital_id": hosp[e["hospital"]],
                "max_echelon": e["max_echelon"],
                "max_sessions_per_week": e["max_sessions_per_week"],
            }
            for e in experts
        ],
    )
    insert_rows(
        session,
        m.expert_serves,
        (
            {"expert_id": pk, "hospital_id": hosp[h]}
            for e, pk in zip(experts, exp_ids, strict=True)
            for h in e["serves"]
        ),
    )
    insert_rows(
        session,
        m.expert_tumour_groups,
        (
            {"expert_id": pk, "tumour_group_id": tg[t]}
            for e, pk in zip(experts, exp_ids, strict=True)
            for t in e["tumour_groups"]
        ),
    )
    return exp_ids


def _existing(session: Session, column: Any, codes: Iterable[str]) -> dict[str, Any]:
    """``{code: row}`` of rows of ``column``'s table whose code is among ``codes``."""
    wanted = list(set(codes))
    found: dict[str, Any] = {}
    entity = column.class_
    for start in range(0, len(wanted), 500):
        for row in session.scalars(select(entity).where(column.in_(wanted[start : start + 500]))):
            found[row.code] = row
    return found


class _Triage:
    """Recommendations for cases that arrive without an echelon (the contract: "the project's
    triage decides it"), with the rule set that the triage service would use for the case's
    network, so that the worklist shows them exactly as if they had been registered by hand."""

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self.session = session
        self.now = now
        self.count = 0
        self._rule_sets: dict[tuple[int, str], Any] = {}

    def recommend(self, case: dict[str, Any], network_id: int) -> dict[str, Any]:
        from mdo_planner.services.triage_service import active_rule_set
        from mdo_planner.triage import triage

        key = (network_id, case["tumour_group"])
        stored = self._rule_sets.get(key)
        if stored is None:
            stored = self._rule_sets[key] = active_rule_set(
                self.session, network_id, case["tumour_group"]
            )
        result = triage(
            case.get("complexity"),
            tumour_group=case["tumour_group"],
            question=case["question"],
            rules=stored.rule_set,
        )
        self.count += 1
        return {
            "triage_level": result.level,
            "triage_rules": [f.to_record() for f in result.fired],
            "triage_rule_set_id": stored.row_id,
            "triage_rule_set_version": result.rule_set_version,
            "triage_at": self.now,
            "status": "hold" if result.level == "hold" else "new",
        }


def check_against_database(session: Session, sc: dict[str, Any], source: str) -> None:
    """Refuse ids that the database already holds where reuse would be wrong.

    Runs before any write, so that a clash leaves the database exactly as it was.
    """
    errors: list[tuple[str, str]] = []
    more = 0

    def err(path: str, msg: str) -> None:
        nonlocal more
        if len(errors) < 50:
            errors.append((path, msg))
        else:
            more += 1

    nets = _existing(session, m.Network.code, (n["id"] for n in sc["networks"]))
    hosp = _existing(session, m.Hospital.code, (h["id"] for h in sc["hospitals"]))
    net_code_by_id = {n.id: n.code for n in session.scalars(select(m.Network))} if hosp else {}
    for i, h in enumerate(sc["hospitals"]):
        row = hosp.get(h["id"])
        if row is not None and net_code_by_id.get(row.network_id) != h["network"]:
            err(
                f"$.hospitals[{i}].network",
                f"hospital {h['id']!r} is already in the database in network "
                f"{net_code_by_id.get(row.network_id)!r}, not {h['network']!r}",
            )
    del nets
    for kind, column, key in (
        ("experts", m.Expert.code, "expert"),
        ("sessions", m.MeetingSession.code, "session"),
        ("cases", m.Case.code, "case"),
    ):
        clash = _existing(session, column, (o["id"] for o in sc[kind]))
        if clash:
            for i, o in enumerate(sc[kind]):
                if o["id"] in clash:
                    err(f"$.{kind}[{i}].id", f"{key} {o['id']!r} already exists in the database")
    if errors:
        raise ScenarioError(source, errors, more)


class _RollBack(Exception):
    """Raised inside the transaction of a dry run so that the database rolls it back."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


def import_scenario(
    db: Any, data: dict[str, Any], user: str, *, source: str = "scenario", dry_run: bool = False
) -> ImportSummary:
    """Validate ``data`` (a parsed scenario) and write it in one transaction.

    ``db`` is anything with a ``session()`` context manager that commits on success and rolls
    back on error (:class:`mdo_planner.services.base.Database`). Raises ``UserError`` on any
    problem, in which case nothing was written. ``dry_run`` does all the work, database
    constraints included, and then rolls back: a secretary can check a file from another
    system against the database before importing it for real.
    """
    sc = validate_scenario(data, source=source)
    try:
        with db.session() as session:
            summary = write_scenario(session, sc, user, source=source)
            if dry_run:
                raise _RollBack(summary)
    except _RollBack as done:
        return done.summary
    return summary


def write_scenario(
    session: Session, sc: dict[str, Any], user: str, *, source: str
) -> ImportSummary:
    """Write an already validated scenario inside the caller's transaction."""
    check_against_database(session, sc, source)
    summary = ImportSummary(source=source)
    created, reused = summary.created, summary.reused

    # -- disciplines
    disc = {
        code: row.id
        for code, row in _existing(
            session, m.Discipline.code, (d["code"] for d in sc["disciplines"])
        ).items()
    }
    new = [d for d in sc["disciplines"] if d["code"] not in disc]
    for d, pk in zip(
        new,
        insert_returning_ids(
            session,
            m.Discipline,
            [{"code": d["code"], "name": d["name"], "care_role": d.get("care_role")} for d in new],
        ),
        strict=True,
    ):
        disc[d["code"]] = pk
    created["disciplines"], reused["disciplines"] = len(new), len(sc["disciplines"]) - len(new)

    # -- tumour groups with their core disciplines
    existing_tg = _existing(session, m.TumourGroup.code, (t["code"] for t in sc["tumour_groups"]))
    tg = {code: row.id for code, row in existing_tg.items()}
    for i, t in enumerate(sc["tumour_groups"]):
        row = existing_tg.get(t["code"])
        if row is not None:
            have = sorted(d.code for d in row.core_disciplines)
            if have != sorted(t["core_disciplines"]):
                summary.warnings.append(
                    f"$.tumour_groups[{i}]: tumour group {t['code']!r} already exists with core "
                    f"disciplines {', '.join(have) or '(none)'}; kept those, not "
                    f"{', '.join(sorted(t['core_disciplines'])) or '(none)'}"
                )
    new = [t for t in sc["tumour_groups"] if t["code"] not in tg]
    ids = insert_returning_ids(
        session,
        m.TumourGroup,
        [
            {"code": t["code"], "name": t["name"], "expert_centre_only": t["expert_centre_only"]}
            for t in new
        ],
    )
    for t, pk in zip(new, ids, strict=True):
        tg[t["code"]] = pk
    insert_rows(
        session,
        m.tumour_group_disciplines,
        (
            {"tumour_group_id": tg[t["code"]], "discipline_id": disc[c]}
            for t in new
            for c in t["core_disciplines"]
        ),
    )
    created["tumour_groups"], reused["tumour_groups"] = (
        len(new),
        len(sc["tumour_groups"]) - len(new),
    )

    # -- networks (with the scenario's weights when they are not the defaults)
    weights = sc["weights"] if sc["weights"] != DEFAULT_WEIGHTS else None
    net = {
        code: row.id
        for code, row in _existing(
            session, m.Network.code, (n["id"] for n in sc["networks"])
        ).items()
    }
    new = [n for n in sc["networks"] if n["id"] not in net]
    ids = insert_returning_ids(
        session, m.Network, [{"code": n["id"], "name": n["name"], "weights": weights} for n in new]
    )
    for n, pk in zip(new, ids, strict=True):
        net[n["id"]] = pk
    created["networks"], reused["networks"] = len(new), len(sc["networks"]) - len(new)

    # -- hospitals
    existing_h = _existing(session, m.Hospital.code, (h["id"] for h in sc["hospitals"]))
    hosp = {code: row.id for code, row in existing_h.items()}
    for i, h in enumerate(sc["hospitals"]):
        row = existing_h.get(h["id"])
        if row is not None and bool(row.expert_centre) != h["expert_centre"]:
            summary.warnings.append(
                f"$.hospitals[{i}].expert_centre: hospital {h['id']!r} is "
                f"{'' if row.expert_centre else 'not '}an expert centre in the database; kept that"
            )
    new = [h for h in sc["hospitals"] if h["id"] not in hosp]
    ids = insert_returning_ids(
        session,
        m.Hospital,
        [
            {
                "code": h["id"],
                "name": h["name"],
                "network_id": net[h["network"]],
                "expert_centre": h["expert_centre"],
                "kind": h.get("kind", "hospital"),
                "postcode": h.get("postcode"),
                "municipality": h.get("municipality"),
            }
            for h in new
        ],
    )
    for h, pk in zip(new, ids, strict=True):
        hosp[h["id"]] = pk
    created["hospitals"], reused["hospitals"] = len(new), len(sc["hospitals"]) - len(new)

    # -- experts, what they serve, their tumour groups and leave
    experts = sc["experts"]
    expert_pk: dict[str, int] = {}
    exp_ids = insert_experts(session, experts, "id", disc, hosp, tg)
    created["experts"] = len(experts)
    expert_pk.update(zip((e["id"] for e in experts), exp_ids, strict=True))
    created["leave periods"] = insert_rows(
        session,
        m.LeavePeriod,
        (
            {"expert_id": pk, "start": _date(u["from"]), "end": _date(u["to"])}
            for e, pk in zip(experts, exp_ids, strict=True)
            for u in e["unavailable"]
        ),
    )

    # -- sessions
    sessions = sc["sessions"]
    ses_ids = insert_returning_ids(
        session,
        m.MeetingSession,
        [
            {
                "code": s["id"],
                "tumour_group_id": tg[s["tumour_group"]],
                "echelon": s["echelon"],
                "hospital_id": hosp[s["hospital"]],
                "date": _date(s["date"]),
                "start_time": _time(s["start"]),
                "duration_min": s["duration_min"],
                "mode": s["mode"],
            }
            for s in sessions
        ],
    )
    ses = dict(zip((s["id"] for s in sessions), ses_ids, strict=True))
    created["sessions"] = len(sessions)

    # -- cases
    previous = {p["case"]: p["session"] for p in sc["previous_plan"]}
    now = m.utcnow()
    cases = sc["cases"]
    net_of_hospital = {h["id"]: net[h["network"]] for h in sc["hospitals"]}
    triaged = _Triage(session, now)
    rows: list[dict[str, Any]] = []
    for c in cases:
        values: dict[str, Any] = {
            "code": c["id"],
            "patient_ref": c["patient"],
            "hospital_id": hosp[c["hospital"]],
            "tumour_group_id": tg[c["tumour_group"]],
            "question": c["question"],
            "complexity": c.get("complexity"),
            "required_level": c["echelon"],
            "minutes": c["minutes"],
            "ready_date": _date(c["ready"]),
            "due_date": _date(c["due"]),
            "urgent": c["urgent"],
            "pinned_session_id": ses[c["pinned_session"]] if c["pinned_session"] else None,
            "created_at": now,
            "updated_at": now,
            "created_by": user,
        }
        if c["echelon"]:
            # The sending system stated the required echelon: it counts as decided, by the
            # person who imported it (the audit event names the file).
            values.update(
                status="planned" if c["id"] in previous else "ready",
                confirmed_by=user,
                confirmed_at=now,
            )
        else:
            values.update(triaged.recommend(c, net_of_hospital[c["hospital"]]))
        rows.append(values)
    case_ids = insert_returning_ids(session, m.Case, rows)
    del rows
    created["cases"] = len(cases)
    if triaged.count:
        created["cases triaged"] = triaged.count
    case_pk = dict(zip((c["id"] for c in cases), case_ids, strict=True))
    insert_rows(
        session,
        m.case_extra_disciplines,
        (
            {"case_id": case_pk[c["id"]], "discipline_id": disc[d]}
            for c in cases
            for d in c["extra_disciplines"]
        ),
    )

    # -- the previously published plan
    created["published assignments"] = insert_rows(
        session,
        m.Assignment,
        (
            {"case_id": case_pk[c], "session_id": ses[s], "published": True, "pinned": False}
            for c, s in previous.items()
        ),
    )

    # -- care networks, their members and rules, and the referrals' own details (issue 15)
    if sc.get("care_networks"):
        from mdo_planner.care.store import write_care_networks

        created.update(
            write_care_networks(
                session,
                sc,
                user,
                disciplines=disc,
                tumour_groups=tg,
                networks=net,
                hospitals=hosp,
                experts=expert_pk,
                cases=case_pk,
            )
        )

    audit(
        session,
        "import",
        "scenario",
        source[:64],
        summary.as_dict(),
        case_ids=case_pk,
        user=user or "unknown",
    )
    session.flush()
    return summary


__all__ = [
    "ImportSummary",
    "check_against_database",
    "import_scenario",
    "insert_returning_ids",
    "insert_rows",
    "write_scenario",
]
