"""The demo's oncology care networks (issue 15).

Two networks around the demo region: *Oncologienetwerk Zuiderveld-Oost*, which meets the NVPO
criterion, and *Netwerk De Kempen*, still in formation (four disciplines, no dietitian yet).
The referral story is the seed document's example: a 55-year-old man operated for colon
cancer four months ago still has persistent diarrhoea, severe fatigue and sexual problems; his
GP refers him to the nearby network, whose contact person arranges a dietitian first, then
the others. The network's weekly consultations are planned by the engine like any MDO and the
result is published, so the consultation's agenda shows him with the professionals attending.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner import care

#: code, name, kind, postcode, municipality
ORGANISATIONS: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("HA-LINDE", "Huisartsenpraktijk De Linde", "gp_practice", "5612 AB", "Dalenburg"),
    (
        "PARA-ZVO",
        "Paramedisch Centrum Zuiderveld-Oost",
        "paramedical_practice",
        "5615 CD",
        "Dalenburg",
    ),
    ("PSY-ANKER", "Psychologenpraktijk Het Anker", "psychosocial_practice", "5621 EF", "Dalenburg"),
    ("TZ-ZVO", "Thuiszorg Zuiderveld-Oost", "home_care", "5631 GH", "Dalenburg"),
    ("REVA-ZV", "Revalidatiecentrum Zuiderveld", "rehabilitation_centre", "5641 JK", "Dalenburg"),
    ("FYS-KEMPEN", "Fysiotherapie De Kempen", "paramedical_practice", "5531 LM", "Kempenaar"),
    ("HA-KEMPEN", "Huisartsen De Kempen", "gp_practice", "5532 NP", "Kempenaar"),
    (
        "MW-KEMPEN",
        "Maatschappelijk Werk De Kempen",
        "psychosocial_practice",
        "5533 RS",
        "Kempenaar",
    ),
)
#: code, name, discipline, organisation, weekly limit, network
PROFESSIONALS: tuple[tuple[str, str, str, str, int | None, str], ...] = (
    ("ZVO-GP1", "dr. M. van Dijk (huisarts)", "GP", "HA-LINDE", 1, "ZVO"),
    ("ZVO-DIET", "L. Bakker (diëtist)", "DIET", "PARA-ZVO", 2, "ZVO"),
    ("ZVO-FYS", "T. Visser (oncologiefysiotherapeut)", "ONC_PHYSIO", "PARA-ZVO", 2, "ZVO"),
    ("ZVO-FYS2", "R. de Boer (fysiotherapeut)", "PHYSIO", "PARA-ZVO", 2, "ZVO"),
    ("ZVO-ERGO", "S. Mulder (ergotherapeut)", "OCC_THER", "REVA-ZV", 1, "ZVO"),
    ("ZVO-PSY", "drs. A. Smit (psycholoog)", "PSYCH", "PSY-ANKER", 2, "ZVO"),
    ("ZVO-SEXO", "drs. E. Hendriks (seksuoloog)", "SEXOL", "PSY-ANKER", 1, "ZVO"),
    ("ZVO-WIJK", "J. Peters (wijkverpleegkundige)", "HOME_NURSE", "TZ-ZVO", 1, "ZVO"),
    ("KEM-FYS", "B. Kok (fysiotherapeut)", "PHYSIO", "FYS-KEMPEN", 2, "KEMPEN"),
    ("KEM-GP", "dr. H. Maas (huisarts)", "GP", "HA-KEMPEN", 1, "KEMPEN"),
    ("KEM-MW", "I. Prins (maatschappelijk werker)", "SOC_WORK", "MW-KEMPEN", 2, "KEMPEN"),
    ("KEM-ERGO", "F. Bos (ergotherapeut)", "OCC_THER", "FYS-KEMPEN", 1, "KEMPEN"),
)
NETWORKS: tuple[dict[str, Any], ...] = (
    {
        "code": "ZVO",
        "name": "Oncologienetwerk Zuiderveld-Oost",
        "region": ["5600-5658", "Dalenburg"],
        "contact": ("N. Jacobs (contactpersoon)", "contact@onz-oost.example", "040-1234567"),
        "organisations": ["HA-LINDE", "PARA-ZVO", "PSY-ANKER", "TZ-ZVO", "REVA-ZV"],
        "core": ["ONC_PHYSIO", "PSYCH", "DIET"],
        "agreements": [
            ("ZV-SEG", "nazorg na colorectale chirurgie; terugverwijzing bij alarmsignalen"),
            ("ZV-UMC", "oncologische revalidatie"),
        ],
    },
    {
        "code": "KEMPEN",
        "name": "Netwerk De Kempen (in oprichting)",
        "region": ["5500-5599", "Kempenaar"],
        "contact": ("I. Prins", None, None),
        "organisations": ["FYS-KEMPEN", "HA-KEMPEN", "MW-KEMPEN"],
        "core": ["PHYSIO", "SOC_WORK", "DIET"],
        "agreements": [],
    },
)
#: The network's rules: fatigue goes to the oncology physiotherapist in this network.
ZVO_RULES = {
    **care.DEFAULT_RULES,
    "fatigue": ["ONC_PHYSIO"],
    "physical_functioning": ["ONC_PHYSIO"],
}


def seed(session: Session, start: dt.date, end: dt.date, user: str) -> dict[str, int]:
    """Write the demo's care networks, consultations and referrals, and plan them."""
    from mdo_planner.services.care_service import ensure_care_disciplines

    disc = ensure_care_disciplines(session)
    network = session.scalars(select(m.Network).where(m.Network.code == "ZV")).one()
    orgs = {
        code: m.Hospital(
            code=code, name=name, kind=kind, network_id=network.id, postcode=pc, municipality=town
        )
        for code, name, kind, pc, town in ORGANISATIONS
    }
    session.add_all(orgs.values())
    session.flush()
    hospitals = {h.code: h for h in session.scalars(select(m.Hospital))}
    nets: dict[str, m.CareNetwork] = {}
    for spec in NETWORKS:
        tg = m.TumourGroup(code=care.tumour_group_code(spec["code"]), name=spec["name"])
        tg.core_disciplines = [session.get_one(m.Discipline, disc[c]) for c in spec["core"]]
        name, email, phone = spec["contact"]
        cn = m.CareNetwork(
            code=spec["code"],
            name=spec["name"],
            network_id=network.id,
            tumour_group=tg,
            region=spec["region"],
            contact_name=name,
            contact_email=email,
            contact_phone=phone,
            rules=ZVO_RULES if spec["code"] == "ZVO" else None,
        )
        cn.organisations = [orgs[c] for c in spec["organisations"]]
        cn.agreements = [
            m.CareNetworkAgreement(hospital_id=hospitals[h].id, note=note)
            for h, note in spec["agreements"]
        ]
        session.add(cn)
        nets[spec["code"]] = cn
    session.flush()
    for code, name, dcode, org, limit, net in PROFESSIONALS:
        e = m.Expert(
            code=code,
            name=name,
            discipline_id=disc[dcode],
            hospital_id=orgs[org].id,
            max_echelon=care.CONSULTATION_ECHELON,
            max_sessions_per_week=limit,
        )
        e.serves = [orgs[org]]
        e.tumour_groups = [nets[net].tumour_group]
        session.add(e)
        nets[net].professionals.append(e)
    session.flush()

    # -- weekly consultations of the network that meets the criterion (Thursdays, video)
    zvo = nets["ZVO"]
    series = m.MeetingSeries(
        name="Netwerkoverleg Zuiderveld-Oost",
        tumour_group_id=zvo.tumour_group_id,
        echelon=care.CONSULTATION_ECHELON,
        hospital_id=orgs["PARA-ZVO"].id,
        weekday=4,
        start_time=dt.time(12, 30),
        duration_min=60,
        frequency_weeks=1,
        mode="video",
        video_link="https://video.example/onz-oost",
        chair="N. Jacobs",
        valid_from=start,
    )
    session.add(series)
    session.flush()
    day = start + dt.timedelta(days=3)
    n_sessions = 0
    while day <= end:
        session.add(
            m.MeetingSession(
                code=f"NO{series.id}-{day:%Y%m%d}",
                series_id=series.id,
                tumour_group_id=zvo.tumour_group_id,
                echelon=care.CONSULTATION_ECHELON,
                hospital_id=orgs["PARA-ZVO"].id,
                date=day,
                start_time=series.start_time,
                duration_min=series.duration_min,
                mode="video",
                video_link=series.video_link,
                chair=series.chair,
            )
        )
        n_sessions += 1
        day += dt.timedelta(days=7)
    session.flush()

    # -- referrals: the seed's colon-cancer story first
    facts = _facts(session, nets.values())
    names = {d.code: d.name for d in session.scalars(select(m.Discipline))}
    stories = (
        (
            "P-900155",
            "Dhr. J. van Leeuwen",
            ["nutrition_bowel", "fatigue", "sexual_problems"],
            "gp",
            "dr. M. van Dijk (huisarts)",
            "HA-LINDE",
            "5612 AB",
            0,
            "Colon cancer, operated four months ago: persistent diarrhoea, severe fatigue and "
            "sexual problems. Dietitian first, then the others.",
        ),
        (
            "P-900211",
            "Mw. A. de Graaf",
            ["anxiety_mood", "work_daily_life"],
            "mdo",
            "MDO mammacarcinoom, Sint Elisabeth Gasthuis",
            "ZV-SEG",
            "5623 XY",
            2,
            "After adjuvant chemotherapy: fear of recurrence, back to work part-time?",
        ),
        (
            "P-900342",
            "Dhr. K. Öztürk",
            ["physical_functioning", "care_at_home"],
            "contact_person",
            "N. Jacobs (contactpersoon)",
            "TZ-ZVO",
            "5634 KL",
            4,
            "Palliative lung cancer: falls at home, needs help with washing and dressing.",
        ),
    )
    for ref_no, (patient, pname, complaints, source, by, org, pc, delay, question) in enumerate(
        stories, start=1
    ):
        routing = care.route(complaints, pc, None, facts, names)
        cn = nets[routing.network or "ZVO"]
        ready = start + dt.timedelta(days=delay)
        case = m.Case(
            code=f"NR-{ref_no:03d}",
            patient_ref=patient,
            patient_name=pname,
            hospital_id=hospitals[org].id,
            tumour_group_id=cn.tumour_group_id,
            question=question,
            required_level=care.CONSULTATION_ECHELON,
            status="ready",
            confirmed_by=user,
            confirmed_at=m.utcnow(),
            minutes=care.REFERRAL_MINUTES,
            ready_date=ready,
            due_date=ready + dt.timedelta(days=10),
            created_by=user,
            presenting_physician=by,
        )
        case.extra_disciplines = [session.get_one(m.Discipline, disc[d]) for d in routing.needed]
        session.add(case)
        session.flush()
        session.add(
            m.Referral(
                case_id=case.id,
                care_network_id=cn.id,
                source=source,
                complaints=complaints,
                referred_by=by,
                patient_postcode=pc,
                routing=routing.reason,
                created_by=user,
            )
        )
    session.flush()
    planned = _plan_and_publish(session, start, end, {cn.tumour_group.code for cn in nets.values()})
    return {
        "care networks": len(nets),
        "professionals": len(PROFESSIONALS),
        "consultations": n_sessions,
        "referrals": len(stories),
        "referrals planned": planned,
    }


def _facts(session: Session, nets: Any) -> list[care.NetworkFacts]:
    out = []
    for cn in nets:
        by: dict[str, list[str]] = {}
        for e in cn.professionals:
            by.setdefault(e.discipline.code, []).append(e.name)
        crit = care.check_criterion(
            (e.discipline.code, e.discipline.care_role) for e in cn.professionals
        )
        out.append(care.NetworkFacts(cn.code, cn.name, tuple(cn.region), by, cn.rules, crit.meets))
    return out


def _plan_and_publish(session: Session, start: dt.date, end: dt.date, groups: set[str]) -> int:
    """Plan the consultations with the engine (only the care-network part: the hospital
    cases of the demo wait for the user's own first plan) and publish the result."""
    import solver
    from mdo_planner.contract_io.exporter import read_scenario
    from mdo_planner.planning.adapter import scenario_to_problem

    sc = read_scenario(session, start, end, decided_only=True)
    sc["sessions"] = [s for s in sc["sessions"] if s["tumour_group"] in groups]
    sc["cases"] = [c for c in sc["cases"] if c["tumour_group"] in groups]
    sc["experts"] = [e for e in sc["experts"] if set(e["tumour_groups"]) & groups]
    sc["previous_plan"] = []
    prepared = scenario_to_problem(sc)
    result = solver.solve(
        prepared.problem, solver.SolveOptions(time_limit_s=5, workers=1, deterministic=True)
    )
    cases = {
        c.code: c
        for c in session.scalars(select(m.Case).where(m.Case.code.in_(list(result.assignments))))
    }
    sessions = {
        s.code: s.id
        for s in session.scalars(
            select(m.MeetingSession).where(
                m.MeetingSession.code.in_([a.session for a in result.assignments.values()])
            )
        )
    }
    experts = {
        e.code: e.id
        for e in session.scalars(
            select(m.Expert).where(
                m.Expert.code.in_([x for xs in result.attendance.values() for x in xs])
            )
        )
    }
    for code, a in result.assignments.items():
        h, mnt = divmod(a.start_min, 60)
        session.add(
            m.Assignment(
                case_id=cases[code].id,
                session_id=sessions[a.session],
                published=True,
                start_time=dt.time(h, mnt),
            )
        )
        cases[code].status = "planned"
    for sid, eids in result.attendance.items():
        if sid in sessions:
            for eid in eids:
                session.add(
                    m.Attendance(session_id=sessions[sid], expert_id=experts[eid], published=True)
                )
    session.flush()
    return len(result.assignments)


__all__ = ["seed"]
