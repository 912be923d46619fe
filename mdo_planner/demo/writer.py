"""Writing the built demo in one transaction with the importer's bulk inserts, triaging its
cases with the default rule set and recording one audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.contract_io.importer import insert_experts, insert_returning_ids, insert_rows
from mdo_planner.demo.builder import _Builder
from mdo_planner.demo.figures import (
    DISCIPLINES,
    HOSPITALS,
    NATIONAL,
    NETWORK,
    OVERRIDE_REASONS,
    TUMOUR_GROUPS,
)
from mdo_planner.services.base import audit


def _write(session: Session, b: _Builder, user: str) -> dict[str, int]:
    from mdo_planner.services.network_service import dutch_holidays, series_dates
    from mdo_planner.triage import default_rule_set, triage

    rng = b.rng
    counts: dict[str, int] = {}
    disc = dict(
        zip(
            (d for d, _ in DISCIPLINES),
            insert_returning_ids(
                session, m.Discipline, [{"code": c, "name": n} for c, n in DISCIPLINES]
            ),
            strict=True,
        )
    )
    tg = dict(
        zip(
            (t[0] for t in TUMOUR_GROUPS),
            insert_returning_ids(
                session,
                m.TumourGroup,
                [
                    {"code": c, "name": n, "expert_centre_only": c == "SARCOMA"}
                    for c, n, *_ in TUMOUR_GROUPS
                ],
            ),
            strict=True,
        )
    )
    insert_rows(
        session,
        m.tumour_group_disciplines,
        (
            {"tumour_group_id": tg[c], "discipline_id": disc[d]}
            for c, _n, _i, core, _s, _g in TUMOUR_GROUPS
            for d in core
        ),
    )
    net = dict(
        zip(
            ("ZV", "NKC"),
            insert_returning_ids(
                session,
                m.Network,
                [
                    {"code": NETWORK[0], "name": NETWORK[1]},
                    {"code": NATIONAL[0], "name": NATIONAL[1]},
                ],
            ),
            strict=True,
        )
    )
    hosp = dict(
        zip(
            (h.code for h in HOSPITALS),
            insert_returning_ids(
                session,
                m.Hospital,
                [
                    {
                        "code": h.code,
                        "name": h.name,
                        "network_id": net[h.network],
                        "expert_centre": h.kind in ("umc", "national"),
                    }
                    for h in HOSPITALS
                ],
            ),
            strict=True,
        )
    )
    counts["hospitals"] = len(hosp)

    # -- experts
    experts = b.experts()
    exp_ids = insert_experts(session, experts, "code", disc, hosp, tg)
    counts["experts"] = len(experts)
    counts["leave periods"] = insert_rows(
        session,
        m.LeavePeriod,
        (
            {"expert_id": pk, "start": s, "end": e_, "reason": r}
            for e, pk in zip(experts, exp_ids, strict=True)
            for s, e_, r in e["leave"]
        ),
    )

    # -- meeting series and their sessions (Dutch public holidays skipped)
    series = b.series()
    series_ids = insert_returning_ids(
        session,
        m.MeetingSeries,
        [
            {
                "name": s["name"][:200],
                "tumour_group_id": tg[s["tg"]],
                "echelon": s["echelon"],
                "hospital_id": hosp[s["hospital"]],
                "weekday": s["weekday"],
                "start_time": s["start_time"],
                "duration_min": s["duration_min"],
                "frequency_weeks": s["frequency_weeks"],
                "mode": s["mode"],
                "video_link": s["video_link"],
                "valid_from": b.start,
                "skip_holidays": True,
            }
            for s in series
        ],
    )
    holidays = dutch_holidays(b.start, b.end)
    session_rows = []
    for s, sid in zip(series, series_ids, strict=True):
        for item in series_dates(
            s["weekday"], s["frequency_weeks"], b.start, None, b.start, b.end, holidays
        ):
            if item.holiday:
                continue
            session_rows.append(
                {
                    "code": f"MS{sid}-{item.date:%Y%m%d}",
                    "series_id": sid,
                    "tumour_group_id": tg[s["tg"]],
                    "echelon": s["echelon"],
                    "hospital_id": hosp[s["hospital"]],
                    "date": item.date,
                    "start_time": s["start_time"],
                    "duration_min": s["duration_min"],
                    "mode": s["mode"],
                    "video_link": s["video_link"],
                }
            )
    counts["meeting series"] = len(series)
    counts["sessions"] = len(session_rows)
    insert_rows(session, m.MeetingSession, session_rows)

    # -- the rule set the triage results refer to
    rs = default_rule_set()
    rule_set_pk = session.scalar(
        select(m.TriageRuleSet.id).where(
            m.TriageRuleSet.name == rs.id, m.TriageRuleSet.rule_version == rs.version
        )
    )
    if rule_set_pk is None:
        rule_set_pk = insert_returning_ids(
            session,
            m.TriageRuleSet,
            [
                {
                    "name": rs.id,
                    "rule_version": rs.version,
                    "document": rs.to_document(),
                    "created_by": user,
                    "active": True,
                }
            ],
        )[0]

    # -- a month of cases, triaged; most confirmed, some still waiting for a clinician
    cases = b.cases(experts)
    case_rows: list[dict[str, Any]] = []
    extra_rows: list[tuple[str, str]] = []
    levels: dict[str, int] = {}
    now = m.utcnow()
    for c in cases:
        result = triage(c["complexity"], tumour_group=c["tg"], question=c["question"], rules=rs)
        registered_at = dt.datetime.combine(c["registered"], dt.time(9, 0), tzinfo=dt.UTC)
        row: dict[str, Any] = {
            "code": c["code"],
            "patient_ref": c["patient"]["ref"],
            "patient_name": c["patient"]["name"],
            "patient_number": c["patient"]["number"],
            "bsn": c["patient"]["bsn"],
            "birth_date": c["patient"]["birth"],
            "hospital_id": hosp[c["patient"]["hospital"]],
            "presenting_physician": c["physician"],
            "tumour_group_id": tg[c["tg"]],
            "question": c["question"],
            "complexity": c["complexity"],
            "triage_level": result.level,
            "triage_rules": [f.to_record() for f in result.fired],
            "triage_rule_set_id": rule_set_pk,
            "triage_rule_set_version": result.rule_set_version,
            "triage_at": registered_at,
            "minutes": None,
            "ready_date": c["ready"],
            "due_date": c["due"],
            "urgent": c["urgent"],
            "created_at": registered_at,
            "updated_at": now,
            "created_by": "secretariaat",
            "status": "new",
            "required_level": None,
        }
        draw = rng.random()
        if result.level == "hold":
            row["status"] = "hold"
        elif draw < 0.88:  # confirmed by the presenting physician (most, within a day)
            row.update(
                status="ready",
                required_level=result.level,
                confirmed_by=c["physician"][:100],
                confirmed_at=registered_at,
            )
        elif draw < 0.93 and result.level in ("local", "regional"):  # overridden, with reason
            higher = "regional" if result.level == "local" else "supraregional"
            row.update(
                status="ready",
                override_level=higher,
                required_level=higher,
                override_reason=rng.choice(OVERRIDE_REASONS),
                override_by=c["physician"][:100],
                override_at=registered_at,
            )
        elif draw > 0.995:
            row["status"] = "withdrawn"
        levels[row["required_level"] or result.level] = (
            levels.get(row["required_level"] or result.level, 0) + 1
        )
        case_rows.append(row)
        if row["required_level"]:
            # As the triage service does on a decision: the level's suggested minutes, and
            # the recommended extra disciplines become part of the case.
            row["minutes"] = rs.minutes[row["required_level"]]
            extra_rows.extend((c["code"], d) for d in result.extra_disciplines if d in disc)
    case_ids = dict(
        zip(
            (r["code"] for r in case_rows),
            insert_returning_ids(session, m.Case, case_rows),
            strict=True,
        )
    )
    insert_rows(
        session,
        m.case_extra_disciplines,
        ({"case_id": case_ids[c], "discipline_id": disc[d]} for c, d in dict.fromkeys(extra_rows)),
    )
    counts["cases"] = len(case_rows)
    for level, k in sorted(levels.items()):
        counts[f"cases {level}"] = k

    # -- oncology care networks beyond the hospital walls (issue 15)
    from mdo_planner.care.demo import seed as seed_care_networks

    counts.update(seed_care_networks(session, b.start, b.end, user))

    audit(
        session,
        "demo",
        "database",
        None,
        {"seed": b.seed, "start": b.start.isoformat(), **counts},
        user=user,
    )
    session.flush()
    return counts
