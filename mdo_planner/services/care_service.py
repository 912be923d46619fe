"""Oncology care networks (issue 15): set-up, the NVPO check, referrals.

The Network setup screen, ``mdo-planner networks check``, the referral dialog and the demo go
through these functions. A care network's consultations are planned by the same engine as the
hospital MDOs (docs/care-networks.md): saving a network keeps its own tumour group in step
(name, core disciplines, the members' eligibility), and registering a referral creates the case
the planner places -- decided, so the hospital triage (R0: no pathology or imaging) never holds
it -- beside the referral's own details. Referrals are patient data: row-level security on
PostgreSQL (migration 0007) and an audit event naming the case on every registration and view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner import care
from mdo_planner.errors import UserError

from ._db import DatabaseLike
from .base import audit, check_version


@dataclass(frozen=True)
class Professional:
    code: str
    name: str
    discipline: str
    discipline_name: str
    care_role: str | None
    organisation: str
    organisation_name: str
    organisation_kind: str


@dataclass(frozen=True)
class CareNetworkRow:
    id: int
    version: int
    code: str
    name: str
    network: str
    region: tuple[str, ...]
    contact_name: str
    contact_email: str | None
    contact_phone: str | None
    organisations: tuple[str, ...]
    professionals: tuple[Professional, ...]
    agreements: tuple[tuple[str, str], ...]
    core_disciplines: tuple[str, ...]
    rules: dict[str, list[str]]
    criterion: care.Criterion


@dataclass
class CareNetworkInput:
    """What the Network setup form holds (codes, not database ids)."""

    code: str
    name: str
    network: str
    region: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_email: str | None = None
    contact_phone: str | None = None
    organisations: list[str] = field(default_factory=list)
    professionals: list[str] = field(default_factory=list)
    agreements: list[tuple[str, str]] = field(default_factory=list)
    core_disciplines: list[str] = field(default_factory=list)
    rules: dict[str, list[str]] | None = None


@dataclass(frozen=True)
class OrganisationRow:
    code: str
    name: str
    kind: str
    postcode: str | None
    municipality: str | None


def _professional(e: m.Expert) -> Professional:
    return Professional(
        e.code,
        e.name,
        e.discipline.code,
        e.discipline.name,
        e.discipline.care_role,
        e.hospital.code,
        e.hospital.name,
        e.hospital.kind,
    )


def criterion_of(professionals: list[Professional] | tuple[Professional, ...]) -> care.Criterion:
    """The NVPO check over a network's professionals (the live check of the form)."""
    return care.check_criterion((p.discipline, p.care_role) for p in professionals)


def _row(cn: m.CareNetwork) -> CareNetworkRow:
    pros = tuple(_professional(e) for e in cn.professionals if e.active)
    return CareNetworkRow(
        id=cn.id,
        version=cn.version,
        code=cn.code,
        name=cn.name,
        network=cn.network.code,
        region=tuple(cn.region or ()),
        contact_name=cn.contact_name,
        contact_email=cn.contact_email,
        contact_phone=cn.contact_phone,
        organisations=tuple(h.code for h in cn.organisations),
        professionals=pros,
        agreements=tuple((a.hospital.code, a.note) for a in cn.agreements),
        core_disciplines=tuple(d.code for d in cn.tumour_group.core_disciplines),
        rules=dict(cn.rules) if cn.rules is not None else dict(care.DEFAULT_RULES),
        criterion=criterion_of(pros),
    )


def _load(s: Session) -> list[m.CareNetwork]:
    return list(
        s.scalars(
            select(m.CareNetwork)
            .options(
                selectinload(m.CareNetwork.professionals).selectinload(m.Expert.discipline),
                selectinload(m.CareNetwork.professionals).selectinload(m.Expert.hospital),
                selectinload(m.CareNetwork.organisations),
                selectinload(m.CareNetwork.agreements),
            )
            .order_by(m.CareNetwork.name)
        )
    )


def list_care_networks(db: DatabaseLike) -> list[CareNetworkRow]:
    with db.session() as s:
        return [_row(cn) for cn in _load(s)]


def list_organisations(db: DatabaseLike) -> list[OrganisationRow]:
    with db.session() as s:
        return [
            OrganisationRow(h.code, h.name, h.kind, h.postcode, h.municipality)
            for h in s.scalars(
                select(m.Hospital).order_by(m.Hospital.kind == "hospital", m.Hospital.name)
            )
        ]


def list_professionals(db: DatabaseLike) -> list[Professional]:
    """Everyone who can join a care network: the active experts whose discipline is one of
    first-line care or counts for the NVPO criterion, and everyone outside a hospital."""
    care_codes = {code for code, _n, _r in care.CARE_DISCIPLINES}
    with db.session() as s:
        rows = s.scalars(
            select(m.Expert)
            .join(m.Discipline)
            .join(m.Hospital)
            .options(selectinload(m.Expert.discipline), selectinload(m.Expert.hospital))
            .where(m.Expert.active.is_(True))
            .order_by(m.Expert.name)
        ).all()
        return [
            _professional(e)
            for e in rows
            if e.hospital.kind != "hospital"
            or e.discipline.care_role
            or e.discipline.code in care_codes
        ]


def check_networks(db: DatabaseLike) -> list[tuple[str, str, care.Criterion]]:
    """``(code, name, criterion)`` of every care network (``mdo-planner networks check``)."""
    return [(r.code, r.name, r.criterion) for r in list_care_networks(db)]


def _by_code(s: Session, model: Any, code: str, what: str) -> Any:
    row = s.scalar(select(model).where(model.code == code))
    if row is None:
        raise UserError(f"there is no {what} {code!r}")
    return row


def add_organisation(
    db: DatabaseLike,
    code: str,
    name: str,
    kind: str,
    network: str,
    postcode: str | None = None,
    municipality: str | None = None,
    *,
    user: str,
) -> int:
    """A GP practice, paramedical practice, ... (or a hospital): professionals work there."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise UserError("an organisation needs a code and a name")
    if kind not in care.ORGANISATION_KINDS:
        raise UserError(f"{kind!r} is not one of {', '.join(care.ORGANISATION_KINDS)}")
    if postcode and care.postcode_area(postcode) is None:
        raise UserError(f"postcode {postcode!r} is not a Dutch postcode (1234 AB)")
    with db.session() as s:
        if s.scalar(select(m.Hospital.id).where(m.Hospital.code == code)) is not None:
            raise UserError(f"organisation code {code!r} is already in use")
        net = _by_code(s, m.Network, network, "network")
        row = m.Hospital(
            code=code,
            name=name,
            kind=kind,
            network_id=net.id,
            postcode=postcode or None,
            municipality=municipality or None,
        )
        s.add(row)
        s.flush()
        audit(s, "organisation.create", "hospital", code, {"kind": kind}, user=user)
        return row.id


def ensure_care_disciplines(s: Session) -> dict[str, int]:
    """The extended discipline list of first-line care, added where missing (codes kept)."""
    have = {d.code: d for d in s.scalars(select(m.Discipline))}
    for code, name, role in care.CARE_DISCIPLINES:
        if code not in have:
            have[code] = m.Discipline(code=code, name=name, care_role=role)
            s.add(have[code])
    s.flush()
    return {code: d.id for code, d in have.items()}


def add_professional(
    db: DatabaseLike,
    code: str,
    name: str,
    discipline: str,
    organisation: str,
    max_sessions_per_week: int | None = None,
    *,
    user: str,
) -> int:
    """A professional of an organisation (an expert in the planning engine's words)."""
    with db.session() as s:
        ensure_care_disciplines(s)
        if s.scalar(select(m.Expert.id).where(m.Expert.code == code)) is not None:
            raise UserError(f"professional code {code!r} is already in use")
        disc = _by_code(s, m.Discipline, discipline, "discipline")
        org = _by_code(s, m.Hospital, organisation, "organisation")
        row = m.Expert(
            code=code,
            name=name,
            discipline_id=disc.id,
            hospital_id=org.id,
            max_echelon=care.CONSULTATION_ECHELON,
            max_sessions_per_week=max_sessions_per_week,
        )
        row.serves = [org]
        s.add(row)
        s.flush()
        audit(s, "expert.create", "expert", code, {"organisation": organisation}, user=user)
        return row.id


def _check_input(data: CareNetworkInput) -> None:
    if not data.code.strip() or not data.name.strip():
        raise UserError("a care network needs a code and a name")
    if not data.region:
        raise UserError(
            "a care network needs a region: postcode areas (5611, 5600-5658) or municipalities"
        )
    for entry in data.region:
        if (problem := care.region_problem(entry)) is not None:
            raise UserError(f"region: {problem}")
    for complaint in data.rules or {}:
        if complaint not in care.COMPLAINTS:
            raise UserError(f"rules: {complaint!r} is not a complaint")


def save_care_network(
    db: DatabaseLike,
    data: CareNetworkInput,
    care_network_id: int | None = None,
    *,
    user: str,
    expected_version: int | None = None,
) -> int:
    """Create or update a care network; its tumour group (consultations) follows it."""
    _check_input(data)
    with db.session() as s:
        ensure_care_disciplines(s)
        core = [_by_code(s, m.Discipline, c, "discipline") for c in data.core_disciplines]
        missing = [
            care.ROLE_NAMES[r] for r in care.CARE_ROLES if not any(d.care_role == r for d in core)
        ]
        if missing:
            raise UserError(
                "the consultations' core disciplines must include at least a "
                "physiotherapist, a psychosocial care provider and a dietitian: "
                f"no {', no '.join(missing)}"
            )
        net = _by_code(s, m.Network, data.network, "network")
        if care_network_id is None:
            if s.scalar(select(m.CareNetwork.id).where(m.CareNetwork.code == data.code)):
                raise UserError(f"care network code {data.code!r} is already in use")
            tg_code = care.tumour_group_code(data.code)
            tg = s.scalar(select(m.TumourGroup).where(m.TumourGroup.code == tg_code))
            if tg is None:
                tg = m.TumourGroup(code=tg_code, name=data.name)
                s.add(tg)
            cn = m.CareNetwork(code=data.code, tumour_group=tg, network_id=net.id)
            s.add(cn)
        else:
            existing = s.get(m.CareNetwork, care_network_id)
            if existing is None:
                raise UserError("this care network no longer exists")
            cn = existing
            check_version(cn, f"care network {cn.code}", expected_version=expected_version)
            cn.network_id = net.id
        cn.name = data.name.strip()
        cn.tumour_group.name = cn.name
        cn.tumour_group.core_disciplines = core
        cn.region = [r.strip() for r in data.region]
        cn.contact_name = data.contact_name.strip()
        cn.contact_email = data.contact_email or None
        cn.contact_phone = data.contact_phone or None
        cn.rules = data.rules
        cn.organisations = [_by_code(s, m.Hospital, c, "organisation") for c in data.organisations]
        pros = [_by_code(s, m.Expert, c, "professional") for c in data.professionals]
        for e in pros:  # members attend the network's consultations
            if cn.tumour_group not in e.tumour_groups:
                e.tumour_groups.append(cn.tumour_group)
            if e.max_echelon != care.CONSULTATION_ECHELON:
                e.max_echelon = care.CONSULTATION_ECHELON
        for e in cn.professionals:
            if e not in pros and cn.tumour_group in e.tumour_groups:
                e.tumour_groups.remove(cn.tumour_group)
        cn.professionals = pros
        cn.agreements = [
            m.CareNetworkAgreement(hospital_id=_by_code(s, m.Hospital, h, "hospital").id, note=note)
            for h, note in data.agreements
        ]
        s.flush()
        audit(
            s, "care_network.save", "care_network", cn.code, {"professionals": len(pros)}, user=user
        )
        return cn.id


# --------------------------------------------------------------------------- referrals


@dataclass
class ReferralInput:
    patient_ref: str
    complaints: list[str]
    source: str
    referred_by: str
    #: the referring organisation (GP practice, hospital): the case's organisation
    organisation: str
    postcode: str | None = None
    municipality: str | None = None
    patient_name: str | None = None
    question: str = ""
    ready: dt.date | None = None
    due: dt.date | None = None
    care_network: str | None = None
    #: an MDO case whose outcome recommended the referral (source ``mdo``)
    from_case: str | None = None


@dataclass(frozen=True)
class ReferralRow:
    case_id: int
    case: str
    patient: str
    care_network: str
    complaints: tuple[str, ...]
    source: str
    referred_by: str
    status: str
    routing: str
    session: str | None


def _facts(s: Session) -> tuple[list[care.NetworkFacts], dict[str, str]]:
    names = dict(s.execute(select(m.Discipline.code, m.Discipline.name)).all())
    facts = []
    for cn in _load(s):
        row = _row(cn)
        by_disc: dict[str, list[str]] = {}
        for p in row.professionals:
            by_disc.setdefault(p.discipline, []).append(p.name)
        facts.append(
            care.NetworkFacts(cn.code, cn.name, row.region, by_disc, cn.rules, row.criterion.meets)
        )
    return facts, names


def route_referral(
    db: DatabaseLike, complaints: list[str], postcode: str | None, municipality: str | None
) -> care.Routing:
    """Where a referral would go, and why (the dialog shows it while it is typed)."""
    with db.session() as s:
        facts, names = _facts(s)
    return care.route(complaints, postcode, municipality, facts, names)


def register_referral(db: DatabaseLike, data: ReferralInput, *, user: str) -> ReferralRow:
    """Register a referral: routed by region and disciplines unless a network is named, and
    placed in the planning pool as a decided case of the network's consultations."""
    if not data.complaints:
        raise UserError("name at least one complaint")
    bad = [c for c in data.complaints if c not in care.COMPLAINTS]
    if bad:
        raise UserError(f"{bad[0]!r} is not a complaint")
    if data.source not in care.REFERRAL_SOURCES:
        raise UserError(f"{data.source!r} is not one of {', '.join(care.REFERRAL_SOURCES)}")
    if data.postcode and care.postcode_area(data.postcode) is None:
        raise UserError(f"postcode {data.postcode!r} is not a Dutch postcode (1234 AB)")
    from mdo_planner.services.cases_service import _new_code

    today = dt.date.today()
    with db.session() as s:
        facts, names = _facts(s)
        outcome = None
        patient_ref, patient_name = data.patient_ref.strip(), data.patient_name
        if data.from_case:
            origin = _by_code(s, m.Case, data.from_case, "case")
            patient_ref, patient_name = origin.patient_ref, origin.patient_name
            outcome = s.scalar(
                select(m.MeetingOutcome)
                .where(
                    m.MeetingOutcome.case_id == origin.id, m.MeetingOutcome.outcome == "discussed"
                )
                .order_by(m.MeetingOutcome.id.desc())
            )
        if not patient_ref:
            raise UserError("a referral needs the patient (reference)")
        if data.care_network:
            net = next((f for f in facts if f.code == data.care_network), None)
            if net is None:
                raise UserError(f"there is no care network {data.care_network!r}")
            needed = care.needed_disciplines(data.complaints, net.rules)
            routing = care.Routing(net.code, needed, f"{net.name}: chosen by {user}")
            network_code = net.code
        else:
            routing = care.route(data.complaints, data.postcode, data.municipality, facts, names)
            if routing.network is None:
                raise UserError(f"no care network can take this referral: {routing.reason}")
            network_code = routing.network
        cn = _by_code(s, m.CareNetwork, network_code, "care network")
        org = _by_code(s, m.Hospital, data.organisation, "organisation")
        extra = [_by_code(s, m.Discipline, d, "discipline") for d in routing.needed]
        ready = data.ready or today
        case = m.Case(
            code=_new_code(s, today),
            patient_ref=patient_ref,
            patient_name=patient_name,
            hospital_id=org.id,
            tumour_group_id=cn.tumour_group_id,
            question=data.question
            or "referral: " + ", ".join(care.COMPLAINT_NAMES[c] for c in data.complaints),
            required_level=care.CONSULTATION_ECHELON,
            status="ready",
            confirmed_by=user,
            confirmed_at=m.utcnow(),
            minutes=care.REFERRAL_MINUTES,
            ready_date=ready,
            due_date=data.due or ready + dt.timedelta(days=14),
            created_by=user,
            presenting_physician=data.referred_by or None,
        )
        case.extra_disciplines = extra
        s.add(case)
        s.flush()
        ref = m.Referral(
            case_id=case.id,
            care_network_id=cn.id,
            source=data.source,
            complaints=list(data.complaints),
            referred_by=data.referred_by,
            patient_postcode=data.postcode or None,
            patient_municipality=data.municipality or None,
            routing=routing.reason,
            created_by=user,
            meeting_outcome_id=outcome.id if outcome else None,
        )
        s.add(ref)
        s.flush()
        audit(
            s,
            "referral.register",
            "case",
            case.code,
            {"care_network": cn.code, "source": data.source},
            case_ids=[case.code],
            user=user,
        )
        return ReferralRow(
            case.id,
            case.code,
            patient_ref,
            cn.code,
            tuple(data.complaints),
            data.source,
            data.referred_by,
            case.status,
            routing.reason,
            None,
        )


def list_referrals(db: DatabaseLike, *, user: str) -> list[ReferralRow]:
    """The referrals the login may see (row-level security), audited as a view."""
    with db.session() as s:
        rows = s.execute(
            select(m.Referral, m.Case, m.CareNetwork.code)
            .join(m.Case, m.Case.id == m.Referral.case_id)
            .join(m.CareNetwork, m.CareNetwork.id == m.Referral.care_network_id)
            .order_by(m.Case.ready_date, m.Case.code)
        ).all()
        placed = dict(
            s.execute(
                select(m.Assignment.case_id, m.MeetingSession.code)
                .join(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
                .where(m.Assignment.published.is_(True))
            ).all()
        )
        out = [
            ReferralRow(
                c.id,
                c.code,
                c.patient_ref,
                code,
                tuple(r.complaints or ()),
                r.source,
                r.referred_by,
                c.status,
                r.routing,
                placed.get(c.id),
            )
            for r, c, code in rows
        ]
        if out:
            audit(
                s,
                "referral.list",
                "case",
                None,
                {"count": len(out)},
                case_ids=[r.case for r in out],
                user=user,
            )
        return out


__all__ = [
    "CareNetworkInput",
    "CareNetworkRow",
    "OrganisationRow",
    "Professional",
    "ReferralInput",
    "ReferralRow",
    "add_organisation",
    "add_professional",
    "check_networks",
    "criterion_of",
    "ensure_care_disciplines",
    "list_care_networks",
    "list_organisations",
    "list_professionals",
    "list_referrals",
    "register_referral",
    "route_referral",
    "save_care_network",
]
