"""Care networks in a contract scenario (docs/scenarios.md, "Care networks").

A scenario carries a care network in the contract's own vocabulary, so that the planning
engine, the project's plan check and any older reader treat a network consultation exactly
like an MDO: the network's consultations are ``sessions`` of a tumour group of its own (at the
echelon every case accepts), its referrals are ``cases`` of that group and its professionals
are ``experts`` of their organisations (``hospitals`` entries with a ``kind``). What only a
care network has travels in extra fields, which older readers ignore as the contract says:
``care_networks`` at the top, ``kind``/``postcode``/``municipality`` on an organisation,
``care_role`` on a discipline, ``care_network`` on a consultation and ``referral`` on a case.

A hand-written file may leave out what follows from the network: :func:`expand` fills in a
consultation's tumour group and echelon, a referral's tumour group, echelon, disciplines
(from the network's rules) and -- when no network is named -- routes it by region. It runs
before the contract checks, :func:`check` after them, on the same checker (JSON paths).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from db import models as m
from mdo_planner import care

_CONTACT_KEYS = ("name", "email", "phone")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _items(value: Any) -> list[Any]:
    """A list field as a list (anything else is reported by the contract checks)."""
    return value if isinstance(value, list) else []


def _index(items: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """``{id: item}`` over the string ids (other ids are reported by the contract checks)."""
    return {x[key]: x for x in items if isinstance(x.get(key), str)}


def _group_of(cn: dict[str, Any]) -> str:
    """Always ``CN-<id>``: the desktop recognises a consultation by its group's code."""
    return care.tumour_group_code(str(cn["id"]))


def network_facts(root: dict[str, Any]) -> list[care.NetworkFacts]:
    """The routing view of a (raw or normalised) scenario's care networks."""
    experts = _index(_dicts(root.get("experts")), "id")
    roles = {
        k: d.get("care_role") for k, d in _index(_dicts(root.get("disciplines")), "code").items()
    }
    facts = []
    for cn in _dicts(root.get("care_networks")):
        if not isinstance(cn.get("id"), str):
            continue
        by_disc: dict[str, list[str]] = defaultdict(list)
        members = _items(cn.get("professionals"))
        for pid in members:
            e = experts.get(pid) if isinstance(pid, str) else None
            if e is not None and isinstance(e.get("discipline"), str):
                by_disc[e["discipline"]].append(str(e.get("name") or pid))
        crit = care.check_criterion((d, roles.get(d)) for d in by_disc)
        region = _items(cn.get("region"))
        rules = cn.get("rules") if isinstance(cn.get("rules"), dict) else None
        facts.append(
            care.NetworkFacts(
                code=cn["id"],
                name=str(cn.get("name") or cn["id"]),
                region=tuple(str(r) for r in region if isinstance(r, str)),
                disciplines=dict(by_disc),
                rules=rules,
                meets=crit.meets,
            )
        )
    return facts


def expand(root: Any) -> Any:
    """Fill in what a care network implies (see the module docstring); never raises and never
    changes ``root`` itself: a malformed part is left for the checks to report."""
    if not isinstance(root, dict) or not isinstance(root.get("care_networks"), list):
        return root
    root = dict(root)
    cns = [cn for cn in _dicts(root["care_networks"]) if isinstance(cn.get("id"), str)]
    group = {cn["id"]: _group_of(cn) for cn in cns}
    rules = {cn["id"]: cn.get("rules") if isinstance(cn.get("rules"), dict) else None for cn in cns}
    if isinstance(root.get("tumour_groups"), list):
        groups = list(root["tumour_groups"])
        have = {t.get("code") for t in _dicts(groups)}
        for cn in cns:
            if group[cn["id"]] not in have:
                core = cn.get("core_disciplines")
                groups.append(
                    {
                        "code": group[cn["id"]],
                        "name": str(cn.get("name") or cn["id"]),
                        "core_disciplines": list(core) if isinstance(core, list) else [],
                    }
                )
        root["tumour_groups"] = groups
    member: dict[str, list[str]] = defaultdict(list)
    for cn in cns:
        for pid in _items(cn.get("professionals")):
            if isinstance(pid, str):
                member[pid].append(group[cn["id"]])
    if isinstance(root.get("experts"), list):
        out = []
        for e in root["experts"]:
            if isinstance(e, dict) and isinstance(e.get("id"), str) and e["id"] in member:
                e = dict(e)
                e.setdefault("tumour_groups", member[e["id"]])
                e.setdefault("max_echelon", care.CONSULTATION_ECHELON)
            out.append(e)
        root["experts"] = out
    if isinstance(root.get("sessions"), list):
        out = []
        for s in root["sessions"]:
            if (
                isinstance(s, dict)
                and isinstance(s.get("care_network"), str)
                and s["care_network"] in group
            ):
                s = dict(s)
                s.setdefault("tumour_group", group[s["care_network"]])
                s.setdefault("echelon", care.CONSULTATION_ECHELON)
            out.append(s)
        root["sessions"] = out
    if isinstance(root.get("cases"), list):
        facts: list[care.NetworkFacts] | None = None
        names = {
            k: str(d.get("name") or k)
            for k, d in _index(_dicts(root.get("disciplines")), "code").items()
        }
        out = []
        for c in root["cases"]:
            ref = c.get("referral") if isinstance(c, dict) else None
            if isinstance(ref, dict):
                c, ref = dict(c), dict(ref)
                complaints = (
                    [x for x in ref.get("complaints") or [] if isinstance(x, str)]
                    if isinstance(ref.get("complaints"), list)
                    else []
                )
                if ref.get("care_network") is None:
                    facts = network_facts(root) if facts is None else facts
                    routing = care.route(
                        complaints,
                        _text(ref.get("postcode")),
                        _text(ref.get("municipality")),
                        facts,
                        names,
                    )
                    ref["routing"] = routing.reason
                    if routing.network is not None:
                        ref["care_network"] = routing.network
                cn_id = ref.get("care_network")
                if isinstance(cn_id, str) and cn_id in group:
                    c.setdefault("tumour_group", group[cn_id])
                    c.setdefault("echelon", care.CONSULTATION_ECHELON)
                    c.setdefault(
                        "extra_disciplines", care.needed_disciplines(complaints, rules[cn_id])
                    )
                    c.setdefault("minutes", care.REFERRAL_MINUTES)
                c["referral"] = ref
            out.append(c)
        root["cases"] = out
    return root


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def report_first(chk: Any, root: Any) -> None:
    """Report the care networks' own ids and member lists before anything else.

    A wrong id or member list also breaks what :func:`expand` fills in for the network's
    professionals (their tumour groups), so without this the cause came last, after a dozen
    ``$.experts[3]: missing required field`` lines, or not at all once the list of problems was
    full. :func:`check` meets the same problems again; the checker keeps each one once.
    """
    if not isinstance(root, dict) or not isinstance(root.get("care_networks"), list):
        return
    items = root["care_networks"]
    chk.ids(items, "id", "$.care_networks", m.CareNetwork.code)
    for i, o in enumerate(items):
        if isinstance(o, dict) and o.get("professionals") is not None:
            chk.array(o, "professionals", f"$.care_networks[{i}]", required=False)


def check(chk: Any, root: dict[str, Any], out: dict[str, Any]) -> None:
    """Check the care-network fields of ``root`` (already expanded) and add them, normalised,
    to ``out`` (the normalised contract scenario). ``chk`` is the scenario checker."""
    disc_idx = _index(_dicts(root.get("disciplines")), "code")
    roles: dict[str, str | None] = {}
    for i, d in enumerate(_items(root.get("disciplines"))):
        if isinstance(d, dict) and "care_role" in d:
            role = chk.choice(
                d, "care_role", f"$.disciplines[{i}]", care.CARE_ROLES, required=False
            )
            roles[str(d.get("code"))] = role
    hosp_idx = _index(_dicts(root.get("hospitals")), "id")
    org_extra: dict[str, dict[str, Any]] = {}
    for i, h in enumerate(_items(root.get("hospitals"))):
        if not isinstance(h, dict):
            continue
        p = f"$.hospitals[{i}]"
        extra: dict[str, Any] = {}
        if "kind" in h:
            extra["kind"] = chk.choice(
                h, "kind", p, care.ORGANISATION_KINDS, required=False, default="hospital"
            )
        for key, column in (
            ("postcode", m.Hospital.postcode),
            ("municipality", m.Hospital.municipality),
        ):
            if h.get(key) is not None:
                extra[key] = chk.string(h, key, p, required=False, column=column)
        if extra:
            org_extra[str(h.get("id"))] = extra
    net_idx = _index(_dicts(root.get("networks")), "id")
    exp_idx = _index(_dicts(root.get("experts")), "id")
    tg_core = {
        k: t.get("core_disciplines")
        for k, t in _index(_dicts(root.get("tumour_groups")), "code").items()
    }

    items = chk.array(root, "care_networks", "$", required=False)
    cn_idx, cn_good = chk.ids(items, "id", "$.care_networks", m.CareNetwork.code)
    networks: list[dict[str, Any]] = []
    group: dict[str, str] = {}
    for i, o in cn_good:
        p = f"$.care_networks[{i}]"
        tg = _group_of(o)
        if o.get("tumour_group") not in (None, tg):
            chk.error(f"{p}.tumour_group", f"a care network's tumour group is {tg!r}")
        group[o["id"]] = tg
        core = sorted(c for c in _items(tg_core.get(tg)) if isinstance(c, str))
        missing = [
            care.ROLE_NAMES[r] for r in care.CARE_ROLES if not any(roles.get(c) == r for c in core)
        ]
        if missing:
            chk.error(
                f"{p}.core_disciplines",
                "the consultations' core disciplines must "
                f"include at least the NVPO three: no {', no '.join(missing)}",
            )
        region = []
        for j, entry in enumerate(chk.array(o, "region", p, required=True)):
            if not isinstance(entry, str):
                chk.error(
                    f"{p}.region[{j}]",
                    f"{entry!r} is not a postcode area or a municipality (string)",
                )
            elif (problem := care.region_problem(entry)) is not None:
                chk.error(f"{p}.region[{j}]", problem)
            else:
                region.append(entry.strip())
        contact: dict[str, str] = {}
        raw_contact = o.get("contact")
        if raw_contact is not None and (c := chk.obj(raw_contact, f"{p}.contact")) is not None:
            for key in _CONTACT_KEYS:
                # the columns' lengths are checked here: SQLite would store any length and
                # PostgreSQL refuse it mid-transaction, two verdicts for one file
                value = chk.string(
                    c,
                    key,
                    f"{p}.contact",
                    required=False,
                    nonempty=False,
                    column=getattr(m.CareNetwork, f"contact_{key}"),
                )
                if value:
                    contact[key] = value
        agreements = []
        for j, a in enumerate(chk.array(o, "agreements", p, required=False)):
            ap = f"{p}.agreements[{j}]"
            if (a := chk.obj(a, ap)) is None:
                continue
            hosp = chk.ref(a, "hospital", ap, hosp_idx, "hospital")
            note = chk.string(a, "note", ap, required=False, default="", nonempty=False) or ""
            if hosp:
                agreements.append({"hospital": hosp, "note": note})
        rules: dict[str, list[str]] | None = None
        if o.get("rules") is not None and (r := chk.obj(o["rules"], f"{p}.rules")) is not None:
            rules = {}
            for key in r:
                if key not in care.COMPLAINTS:
                    chk.error(
                        f"{p}.rules.{key}", f"{key!r} is not one of {', '.join(care.COMPLAINTS)}"
                    )
                    continue
                rules[key] = chk.refs(r, key, f"{p}.rules", disc_idx, "discipline", required=True)
        networks.append(
            {
                "id": o["id"],
                "name": chk.string(
                    o, "name", p, required=False, default=o["id"], column=m.CareNetwork.name
                )
                or o["id"],
                "network": chk.ref(o, "network", p, net_idx, "network"),
                "tumour_group": tg,
                "region": region,
                "contact": contact,
                "organisations": chk.refs(
                    o, "organisations", p, hosp_idx, "organisation", required=False
                ),
                "professionals": chk.refs(o, "professionals", p, exp_idx, "expert", required=False),
                "agreements": agreements,
                "core_disciplines": core,
                "rules": rules,
            }
        )

    consultations: dict[str, str] = {}
    for i, s in enumerate(_items(root.get("sessions"))):
        if isinstance(s, dict) and "care_network" in s:
            p = f"$.sessions[{i}]"
            cn = chk.ref(s, "care_network", p, cn_idx, "care network")
            if cn is not None and s.get("tumour_group") != group[cn]:
                chk.error(
                    f"{p}.tumour_group",
                    f"a consultation of care network {cn!r} is a "
                    f"session of its tumour group {group[cn]!r}",
                )
            if cn is not None:
                consultations[str(s.get("id"))] = cn
    referrals: dict[str, dict[str, Any]] = {}
    for i, c in enumerate(_items(root.get("cases"))):
        ref = c.get("referral") if isinstance(c, dict) else None
        if ref is None:
            continue
        p = f"$.cases[{i}].referral"
        if (ref := chk.obj(ref, p)) is None:
            continue
        if ref.get("care_network") is None:
            chk.error(p, f"not routed to a care network: {ref.get('routing') or 'none named'}")
            continue
        cn = chk.ref(ref, "care_network", p, cn_idx, "care network")
        if cn is not None and c.get("tumour_group") != group[cn]:
            chk.error(
                f"$.cases[{i}].tumour_group",
                f"a referral to care network {cn!r} is a case of its tumour group {group[cn]!r}",
            )
        complaints = []
        for j, x in enumerate(chk.array(ref, "complaints", p, required=True)):
            if x not in care.COMPLAINTS:
                chk.error(
                    f"{p}.complaints[{j}]", f"{x!r} is not one of {', '.join(care.COMPLAINTS)}"
                )
            elif x not in complaints:
                complaints.append(x)
        if not complaints and not any(path.startswith(f"{p}.complaints") for path, _ in chk.errors):
            chk.error(f"{p}.complaints", "name at least one complaint")
        item = {
            "care_network": cn,
            "complaints": complaints,
            "source": chk.choice(ref, "source", p, care.REFERRAL_SOURCES),
            "referred_by": chk.string(
                ref,
                "referred_by",
                p,
                required=False,
                default="",
                nonempty=False,
                column=m.Referral.referred_by,
            )
            or "",
            "routing": chk.string(ref, "routing", p, required=False, default="", nonempty=False)
            or "",
        }
        for key, column in (
            ("postcode", m.Referral.patient_postcode),
            ("municipality", m.Referral.patient_municipality),
        ):
            if ref.get(key) is not None:
                item[key] = chk.string(ref, key, p, required=False, column=column)
        referrals[str(c.get("id"))] = item

    if chk.errors:
        return
    for d in out["disciplines"]:
        if d["code"] in roles:
            d["care_role"] = roles[d["code"]]
    for h in out["hospitals"]:
        h.update(org_extra.get(h["id"], {}))
    for s in out["sessions"]:
        if s["id"] in consultations:
            s["care_network"] = consultations[s["id"]]
    for c in out["cases"]:
        if c["id"] in referrals:
            c["referral"] = referrals[c["id"]]
    if "care_networks" in root:
        out["care_networks"] = networks


__all__ = ["check", "expand", "network_facts"]
