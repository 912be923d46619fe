"""Care networks in the database: written by the scenario import, read back by the export.

The rows the planning engine needs (the network's tumour group, its consultations as sessions,
its referrals as cases, its professionals as experts) are written by the importer like any
other; this module writes and reads what only a care network has (docs/care-networks.md).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.contract_io.scenario import ScenarioError


def write_care_networks(
    session: Session,
    sc: dict[str, Any],
    user: str,
    *,
    disciplines: dict[str, int],
    tumour_groups: dict[str, int],
    networks: dict[str, int],
    hospitals: dict[str, int],
    experts: dict[str, int],
    cases: dict[str, int],
) -> dict[str, int]:
    """Write ``sc["care_networks"]`` and the referral details of its cases; returns counts.

    Runs inside the importer's transaction: an error here leaves nothing written."""
    del disciplines
    items = sc.get("care_networks") or []
    taken = set(
        session.scalars(
            select(m.CareNetwork.code).where(m.CareNetwork.code.in_([cn["id"] for cn in items]))
        )
    )
    errors = [
        (f"$.care_networks[{i}].id", f"care network {cn['id']!r} already exists in the database")
        for i, cn in enumerate(items)
        if cn["id"] in taken
    ]
    if errors:
        raise ScenarioError("scenario", errors)
    pk: dict[str, int] = {}
    for cn in items:
        row = m.CareNetwork(
            code=cn["id"],
            name=cn["name"],
            network_id=networks[cn["network"]],
            tumour_group_id=tumour_groups[cn["tumour_group"]],
            region=list(cn["region"]),
            contact_name=cn["contact"].get("name", ""),
            contact_email=cn["contact"].get("email"),
            contact_phone=cn["contact"].get("phone"),
            rules=cn["rules"],
        )
        session.add(row)
        session.flush()
        pk[cn["id"]] = row.id
        if cn["organisations"]:
            session.execute(
                insert(m.care_network_organisations),
                [
                    {"care_network_id": row.id, "hospital_id": hospitals[h]}
                    for h in cn["organisations"]
                ],
            )
        if cn["professionals"]:
            session.execute(
                insert(m.care_network_professionals),
                [{"care_network_id": row.id, "expert_id": experts[e]} for e in cn["professionals"]],
            )
        for a in cn["agreements"]:
            session.add(
                m.CareNetworkAgreement(
                    care_network_id=row.id, hospital_id=hospitals[a["hospital"]], note=a["note"]
                )
            )
    referrals = [c for c in sc["cases"] if c.get("referral")]
    for c in referrals:
        r = c["referral"]
        session.add(
            m.Referral(
                case_id=cases[c["id"]],
                care_network_id=pk[r["care_network"]],
                source=r["source"],
                complaints=list(r["complaints"]),
                referred_by=r["referred_by"],
                patient_postcode=r.get("postcode"),
                patient_municipality=r.get("municipality"),
                routing=r["routing"],
                created_by=user,
            )
        )
    session.flush()
    return {"care networks": len(items), "referrals": len(referrals)}


def read_care_networks(session: Session) -> dict[str, Any]:
    """What the export adds to a scenario: ``care_networks`` and, by code, the extra fields
    of organisations, disciplines, consultations (sessions) and referrals (cases)."""
    rows = session.scalars(select(m.CareNetwork).order_by(m.CareNetwork.id)).all()
    networks = []
    group_of: dict[int, str] = {}
    for cn in rows:
        group_of[cn.tumour_group_id] = cn.code
        networks.append(
            {
                "id": cn.code,
                "name": cn.name,
                "network": cn.network.code,
                "tumour_group": cn.tumour_group.code,
                "region": list(cn.region or []),
                "contact": {
                    k: v
                    for k, v in (
                        ("name", cn.contact_name),
                        ("email", cn.contact_email),
                        ("phone", cn.contact_phone),
                    )
                    if v
                },
                "organisations": [h.code for h in cn.organisations],
                "professionals": [e.code for e in cn.professionals if e.active],
                "agreements": [
                    {"hospital": a.hospital.code, "note": a.note} for a in cn.agreements
                ],
                "core_disciplines": sorted(d.code for d in cn.tumour_group.core_disciplines),
                "rules": cn.rules,
            }
        )
    referrals: dict[str, dict[str, Any]] = {}
    for ref, code in session.execute(
        select(m.Referral, m.Case.code).join(m.Case, m.Case.id == m.Referral.case_id)
    ):
        item: dict[str, Any] = {
            "care_network": ref.care_network.code,
            "complaints": list(ref.complaints or []),
            "source": ref.source,
            "referred_by": ref.referred_by,
            "routing": ref.routing,
        }
        if ref.patient_postcode is not None:
            item["postcode"] = ref.patient_postcode
        if ref.patient_municipality is not None:
            item["municipality"] = ref.patient_municipality
        referrals[code] = item
    consultations = {
        code: group_of[tg]
        for code, tg in session.execute(
            select(m.MeetingSession.code, m.MeetingSession.tumour_group_id).where(
                m.MeetingSession.tumour_group_id.in_(list(group_of))
            )
        )
    }
    organisations: dict[str, dict[str, Any]] = defaultdict(dict)
    for code, kind, postcode, town in session.execute(
        select(m.Hospital.code, m.Hospital.kind, m.Hospital.postcode, m.Hospital.municipality)
    ):
        if kind != "hospital":
            organisations[code]["kind"] = kind
        if postcode is not None:
            organisations[code]["postcode"] = postcode
        if town is not None:
            organisations[code]["municipality"] = town
    roles = dict(
        session.execute(
            select(m.Discipline.code, m.Discipline.care_role).where(
                m.Discipline.care_role.is_not(None)
            )
        ).all()
    )
    return {
        "care_networks": networks,
        "referrals": referrals,
        "consultations": consultations,
        "organisations": dict(organisations),
        "care_roles": roles,
    }


def add_to_scenario(session: Session, scenario: dict[str, Any]) -> dict[str, Any]:
    """Add the care-network fields to an exported scenario (in place; returns it)."""
    extra = read_care_networks(session)
    for d in scenario["disciplines"]:
        if d["code"] in extra["care_roles"]:
            d["care_role"] = extra["care_roles"][d["code"]]
    for h in scenario["hospitals"]:
        h.update(extra["organisations"].get(h["id"], {}))
    for s in scenario["sessions"]:
        if s["id"] in extra["consultations"]:
            s["care_network"] = extra["consultations"][s["id"]]
    for c in scenario["cases"]:
        if c["id"] in extra["referrals"]:
            c["referral"] = extra["referrals"][c["id"]]
    if extra["care_networks"]:
        scenario["care_networks"] = extra["care_networks"]
    return scenario


__all__ = ["add_to_scenario", "read_care_networks", "write_care_networks"]
