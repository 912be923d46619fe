"""FHIR R4 (R4B models, the version of the Dutch nl-core profiles): registrations in, MDO
reports out. Built and parsed with ``fhir.resources``, never with hand-written dictionaries,
so what we write is what a FHIR server accepts and what we read is checked against the spec.

In: a Bundle of ``ServiceRequest`` registrations, each with its ``Patient`` (BSN under the
Dutch BSN naming system, the hospital's patient number), its ``Condition`` (the tumour, coded,
mapped to a tumour group by an editable table) and the complexity flags as ``Observation``s of
our code system. Every ServiceRequest becomes a :class:`~mdo_planner.contract_io.registrations.Record` whose
values carry their JSON paths, and is then registered by exactly the code the CSV import uses.

Out: a closed meeting as a ``collection`` Bundle: an ``Encounter`` with its participants
(``PractitionerRole`` with discipline), and per discussed case a ``Composition`` (question,
conclusion, consensus and intent, follow-up) referring to its ``Patient``. Patients of other
hospitals than the receiving one are identified by a pseudonym only (no BSN, name or birth
date). See docs/interop.md for why a Composition and not a DiagnosticReport.
"""

from __future__ import annotations

import datetime as dt
import html
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mdo_planner.contract_io.registrations import COMPLEXITY_FIELDS, ColumnMapping, Record
from mdo_planner.errors import UserError

BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"
AGB_SYSTEM = "http://fhir.nl/fhir/NamingSystem/agb-z"
#: Our code system for the contract's complexity fields (code = the contract field name).
COMPLEXITY_SYSTEM = "https://mdo-planner.nl/fhir/CodeSystem/complexity"
DISCIPLINE_SYSTEM = "https://mdo-planner.nl/fhir/CodeSystem/discipline"
EXPERT_SYSTEM = "https://mdo-planner.nl/fhir/NamingSystem/expert"
HOSPITAL_SYSTEM = "https://mdo-planner.nl/fhir/NamingSystem/hospital"
#: A case code: identifies a patient of another hospital to the receiver without naming them.
PSEUDONYM_SYSTEM = "https://mdo-planner.nl/fhir/NamingSystem/mdo-case-pseudonym"
SESSION_SYSTEM = "https://mdo-planner.nl/fhir/NamingSystem/session"
REPORT_SYSTEM = "https://mdo-planner.nl/fhir/NamingSystem/mdo-report"
ICD10_SYSTEMS = (
    "http://hl7.org/fhir/sid/icd-10",
    "urn:oid:2.16.840.1.113883.6.3",
    "http://hl7.org/fhir/sid/icd-10-nl",
)
LOINC = "http://loinc.org"
_NS = uuid.UUID("6f1d0a52-8c39-4d5e-9f0e-3b7b8d0b6a11")


def patient_number_system(hospital_code: str) -> str:
    """The naming system of one hospital's patient numbers."""
    return f"https://mdo-planner.nl/fhir/NamingSystem/patient-number/{hospital_code}"


# --------------------------------------------------------------------------- condition table


@dataclass(frozen=True)
class ConditionTable:
    """Condition.code -> tumour group code (exact system|code pairs, ICD-10 prefixes)."""

    codes: dict[str, str] = field(default_factory=dict)
    icd10: dict[str, str] = field(default_factory=dict)

    def tumour_group(self, codings: list[tuple[str, str]]) -> str | None:
        for system, code in codings:
            found = self.codes.get(f"{system}|{code}")
            if found:
                return found
        for system, code in codings:
            if system in ICD10_SYSTEMS:
                for length in (3, 2, 1):
                    found = self.icd10.get(code.upper()[:length])
                    if found:
                        return found
        return None


def condition_table(path: str | Path | None = None) -> ConditionTable:
    """The network's table (``--conditions FILE.toml``) or the one shipped with the app."""
    if path is None:
        text = (
            resources.files("mdo_planner.resources")
            .joinpath("fhir_tumour_groups.toml")
            .read_text(encoding="utf-8")
        )
        source = "the default condition table"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UserError(
                f"{path}: cannot read the condition table: {exc.strerror or exc}"
            ) from None
        source = str(path)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{source}: not valid TOML: {exc}") from None
    errors = []
    for key in doc:
        if key not in ("codes", "icd10"):
            errors.append(f"{source}: unknown section [{key}] (expected codes, icd10)")
    tables = {}
    for key in ("codes", "icd10"):
        table = doc.get(key, {})
        if not isinstance(table, Mapping) or not all(isinstance(v, str) for v in table.values()):
            errors.append(f"{source}: [{key}] must map codes to tumour group codes")
            table = {}
        if key == "codes":
            errors += [
                f'{source}: codes.{k}: expected "system|code"' for k in table if "|" not in k
            ]
        tables[key] = {k.upper() if key == "icd10" else k: v for k, v in table.items()}
    if errors:
        raise UserError("\n".join(errors))
    return ConditionTable(tables["codes"], tables["icd10"])


# --------------------------------------------------------------------------- import


def _path(loc: tuple[Any, ...]) -> str:
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith("function-") or str(part) in ("union", "list"):
            continue
        else:
            out += f".{part}"
    return out


def _load_json(path: str | Path) -> Any:
    """The Bundle as JSON within the input limits (regular file, size, UTF-8, depth, no NUL):
    the storage limits layer every file import uses."""
    from mdo_planner.infra.limits import parse_json_document, read_input

    return parse_json_document(read_input(path, "FHIR Bundle"), str(path))


def parse_bundle(doc: Any, source: str) -> Any:
    """Check the document against the R4B models; every problem with its JSON path (the
    offending values are not echoed: they may be patient data)."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    if not isinstance(doc, Mapping) or doc.get("resourceType") != "Bundle":
        raise UserError(f"{source}: $.resourceType: expected a FHIR Bundle")
    try:
        return Bundle.model_validate(doc)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            msg = "required" if err.get("type") == "missing" else err.get("msg", "invalid")
            lines.append(f"{source}: {_path(tuple(err.get('loc', ())))}: {msg}")
        raise UserError("\n".join(lines)) from None


def _ref_key(reference: str | None) -> str | None:
    if not reference:
        return None
    return reference.split("/_history/")[0]


def _codings(concept: Any) -> list[tuple[str, str]]:
    if concept is None:
        return []
    return [(c.system or "", c.code or "") for c in (concept.coding or []) if c.code]


def _human_name(names: Any) -> str:
    for n in names or []:
        if n.text:
            return n.text
        parts = [*(n.given or []), n.family or ""]
        text = " ".join(p for p in parts if p)
        if text:
            return text
    return ""


def records_from_bundle(
    bundle: Any, source: str, table: ConditionTable
) -> tuple[list[Record], list[str]]:
    """One record per ServiceRequest; structural problems (a reference that does not resolve
    inside the Bundle, a missing Patient) come back as messages with the entry's path."""
    entries = list(bundle.entry or [])
    by_ref: dict[str, tuple[int, Any]] = {}
    for i, entry in enumerate(entries):
        res = entry.resource
        if res is None:
            continue
        if entry.fullUrl:
            by_ref[entry.fullUrl] = (i, res)
        if getattr(res, "id", None):
            by_ref[f"{res.get_resource_type()}/{res.id}"] = (i, res)
    problems: list[str] = []

    def resolve(ref: Any, want: tuple[str, ...], path: str) -> tuple[int, Any] | None:
        key = _ref_key(getattr(ref, "reference", None))
        if key is None:
            problems.append(
                f"{source}: {path}: required: a reference to a {' or '.join(want)} in this Bundle"
            )
            return None
        found = by_ref.get(key)
        if found is None or found[1].get_resource_type() not in want:
            problems.append(
                f"{source}: {path}.reference: {key!r} is not a {' or '.join(want)} in this Bundle"
            )
            return None
        return found

    observations: dict[int, list[tuple[int, Any]]] = {}
    conditions_of_patient: dict[int, list[tuple[int, Any]]] = {}
    for i, entry in enumerate(entries):
        res = entry.resource
        kind = res.get_resource_type() if res is not None else ""
        if kind == "Observation":
            for j, based in enumerate(res.basedOn or []):
                target = by_ref.get(_ref_key(based.reference) or "")
                if target is not None and target[1].get_resource_type() == "ServiceRequest":
                    observations.setdefault(target[0], []).append((i, res))
                    break
                problems.append(
                    f"{source}: $.entry[{i}].resource.basedOn[{j}].reference: "
                    "not a ServiceRequest in this Bundle"
                )
            if not res.basedOn:
                problems.append(
                    f"{source}: $.entry[{i}].resource.basedOn: required: the "
                    "ServiceRequest (registration) this flag belongs to"
                )
        elif kind == "Condition":
            subj = by_ref.get(_ref_key(getattr(res.subject, "reference", None)) or "")
            if subj is not None:
                conditions_of_patient.setdefault(subj[0], []).append((i, res))
    records: list[Record] = []
    for i, entry in enumerate(entries):
        res = entry.resource
        if res is None or res.get_resource_type() != "ServiceRequest":
            continue
        base = f"$.entry[{i}].resource"
        rec = Record(f"entry {i} (ServiceRequest)")

        def put(fld: str, value: Any, path: str, rec: Record = rec) -> None:
            rec.values[fld] = value
            rec.where[fld] = path

        patient = resolve(res.subject, ("Patient",), f"{base}.subject")
        if patient is None:
            continue
        p_index, p = patient
        p_base = f"$.entry[{p_index}].resource"
        number = None
        for k, ident in enumerate(p.identifier or []):
            if ident.system == BSN_SYSTEM:
                put("bsn", ident.value, f"{p_base}.identifier[{k}].value")
            elif number is None and ident.value:
                number = (ident.value, f"{p_base}.identifier[{k}].value")
        put(
            "patient",
            number[0] if number else None,
            number[1] if number else f"{p_base}.identifier",
        )
        put("patient_name", _human_name(p.name), f"{p_base}.name")
        put("birth_date", p.birthDate, f"{p_base}.birthDate")
        # the referring hospital: the requester's organisation, else the patient's
        hospital = None
        physician = ""
        if res.requester is not None:
            req = resolve(
                res.requester,
                ("PractitionerRole", "Practitioner", "Organization"),
                f"{base}.requester",
            )
            if req is not None:
                r_index, r = req
                kind = r.get_resource_type()
                if kind == "Organization":
                    hospital = (r_index, r)
                elif kind == "Practitioner":
                    physician = _human_name(r.name)
                else:
                    if r.practitioner is not None:
                        prac = resolve(
                            r.practitioner,
                            ("Practitioner",),
                            f"$.entry[{r_index}].resource.practitioner",
                        )
                        physician = _human_name(prac[1].name) if prac else ""
                    if r.organization is not None:
                        hospital = resolve(
                            r.organization,
                            ("Organization",),
                            f"$.entry[{r_index}].resource.organization",
                        )
        put("physician", physician, f"{base}.requester")
        if hospital is None and p.managingOrganization is not None:
            hospital = resolve(
                p.managingOrganization, ("Organization",), f"{p_base}.managingOrganization"
            )
        if hospital is not None:
            h_index, h = hospital
            ident = next((x.value for x in (h.identifier or []) if x.value), None)
            put("hospital", ident or h.name, f"$.entry[{h_index}].resource.identifier")
        question = " ".join(n.text for n in (res.note or []) if n.text) or (
            res.code.text if res.code is not None and res.code.text else ""
        )
        put("question", question, f"{base}.note")
        ready = None
        due = None
        if res.occurrencePeriod is not None:
            ready = res.occurrencePeriod.start
            due = res.occurrencePeriod.end
        if ready is None:
            ready = res.authoredOn
        put(
            "ready",
            ready,
            f"{base}.occurrencePeriod.start" if res.occurrencePeriod else f"{base}.authoredOn",
        )
        if due is not None:
            put("due", due, f"{base}.occurrencePeriod.end")
        put("urgent", res.priority in ("urgent", "asap", "stat"), f"{base}.priority")
        # the tumour: reasonReference, else the patient's only Condition
        condition = None
        for k, reason in enumerate(res.reasonReference or []):
            condition = resolve(reason, ("Condition",), f"{base}.reasonReference[{k}]")
            if condition is not None:
                break
        if condition is None and not res.reasonReference:
            candidates = conditions_of_patient.get(p_index, [])
            if len(candidates) == 1:
                condition = candidates[0]
            else:
                problems.append(
                    f"{source}: {base}.reasonReference: required: the Condition "
                    f"(tumour) of this registration ({len(candidates)} Conditions "
                    "of the patient in this Bundle)"
                )
        if condition is not None:
            c_index, c = condition
            codings = _codings(c.code)
            group = table.tumour_group(codings)
            if group is None:
                group = (
                    c.code.text
                    if c.code is not None and c.code.text
                    else ("|".join(codings[0]) if codings else "")
                )
            put("tumour_group", group, f"$.entry[{c_index}].resource.code")
        else:
            put("tumour_group", None, f"{base}.reasonReference")
        for o_index, o in observations.get(i, []):
            _put_observation(rec, o, f"$.entry[{o_index}].resource", problems, source)
        records.append(rec)
    return records, problems


def _put_observation(rec: Record, o: Any, path: str, problems: list[str], source: str) -> None:
    codes = [code for system, code in _codings(o.code) if system == COMPLEXITY_SYSTEM]
    if not codes:
        return  # an observation of another code system is not ours to read
    name = codes[0]
    if name not in COMPLEXITY_FIELDS:
        problems.append(
            f"{source}: {path}.code.coding: {name!r} is not a complexity field "
            f"of {COMPLEXITY_SYSTEM}"
        )
        return
    fld = f"complexity.{name}"
    if o.valueBoolean is not None:
        value: Any = o.valueBoolean
        where = f"{path}.valueBoolean"
    elif o.valueInteger is not None:
        value, where = str(o.valueInteger), f"{path}.valueInteger"
    elif o.valueString is not None:
        value, where = o.valueString, f"{path}.valueString"
    elif o.valueCodeableConcept is not None:
        found = _codings(o.valueCodeableConcept)
        value = found[0][1] if found else o.valueCodeableConcept.text
        where = f"{path}.valueCodeableConcept"
    else:
        problems.append(
            f"{source}: {path}: expected valueBoolean, valueInteger, valueString "
            "or valueCodeableConcept"
        )
        return
    rec.values[fld] = value
    rec.where[fld] = where


def fhir_mapping(records: list[Record]) -> ColumnMapping:
    """The mapping the validator needs for FHIR records: ISO dates, FHIR booleans, and every
    complexity field any registration carries (missing flags are false, as in the contract)."""
    fields = {f for r in records for f in r.values if f.startswith("complexity.")}
    mapping = ColumnMapping(columns={f: f for f in sorted(fields)}, date_format="%Y-%m-%d")
    for rec in records:
        for f in fields:
            rec.values.setdefault(f, None)
            rec.where.setdefault(f, rec.label)
    return mapping


def read_registrations(path: str | Path, table: ConditionTable) -> tuple[list[Record], str]:
    """Parse and check a registration Bundle; a structural problem refuses the whole file."""
    source = str(path)
    bundle = parse_bundle(_load_json(path), source)
    records, problems = records_from_bundle(bundle, source, table)
    if problems:
        raise UserError("\n".join(problems))
    if not records:
        raise UserError(f"{source}: $.entry: no ServiceRequest (registration) in this Bundle")
    return records, source


# --------------------------------------------------------------------------- export


def _uuid(kind: str, key: Any) -> str:
    return f"urn:uuid:{uuid.uuid5(_NS, f'{kind}:{key}')}"


def _div(*paragraphs: str) -> dict[str, str]:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return {
        "status": "generated",
        "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body or "<p>-</p>"}</div>',
    }


def _aware(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    compositions: int
    pseudonymous: int
    receiver: str


def meeting_bundle(meeting: Any, receiver_code: str, *, now: dt.datetime | None = None) -> Any:
    """The closed ``meeting`` (an ORM ``Meeting`` with its session, attendees and outcomes
    loaded) as a FHIR Bundle for the hospital ``receiver_code``."""
    from fhir.resources.R4B.bundle import Bundle

    x = meeting.session
    entries: list[dict[str, Any]] = []
    organisations: dict[int, str] = {}

    def organisation(h: Any) -> str:
        if h.id not in organisations:
            url = _uuid("Organization", h.code)
            organisations[h.id] = url
            entries.append(
                {
                    "fullUrl": url,
                    "resource": {
                        "resourceType": "Organization",
                        "id": _tail(url),
                        "name": h.name,
                        "identifier": [{"system": HOSPITAL_SYSTEM, "value": h.code}],
                    },
                }
            )
        return organisations[h.id]

    roles: dict[int, str] = {}

    def role(e: Any) -> str:
        if e.id not in roles:
            prac = _uuid("Practitioner", e.code)
            url = _uuid("PractitionerRole", e.code)
            entries.append(
                {
                    "fullUrl": prac,
                    "resource": {
                        "resourceType": "Practitioner",
                        "id": _tail(prac),
                        "identifier": [{"system": EXPERT_SYSTEM, "value": e.code}],
                        "name": [{"text": e.name}],
                    },
                }
            )
            entries.append(
                {
                    "fullUrl": url,
                    "resource": {
                        "resourceType": "PractitionerRole",
                        "id": _tail(url),
                        "practitioner": {"reference": prac},
                        "organization": {"reference": organisation(e.hospital)},
                        "specialty": [
                            {
                                "coding": [
                                    {
                                        "system": DISCIPLINE_SYSTEM,
                                        "code": e.discipline.code,
                                        "display": e.discipline.name,
                                    }
                                ],
                                "text": e.discipline.name,
                            }
                        ],
                    },
                }
            )
            roles[e.id] = url
        return roles[e.id]

    start = dt.datetime.combine(x.date, x.start_time, tzinfo=_local_zone())
    encounter = _uuid("Encounter", x.code)
    participants = [
        {
            "type": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                            "code": "PPRF" if e.id == meeting.chair_id else "PART",
                            "display": "primary performer"
                            if e.id == meeting.chair_id
                            else "participation",
                        }
                    ]
                }
            ],
            "individual": {"reference": role(e)},
        }
        for e in sorted({*meeting.attendees, meeting.chair}, key=lambda e: e.code)
    ]
    entries.insert(
        0,
        {
            "fullUrl": encounter,
            "resource": {
                "resourceType": "Encounter",
                "id": _tail(encounter),
                "status": "finished",
                "class": {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                    "code": "VR" if x.mode == "video" else "AMB",
                    "display": "virtual" if x.mode == "video" else "ambulatory",
                },
                "identifier": [{"system": SESSION_SYSTEM, "value": x.code}],
                "type": [
                    {"text": f"Multidisciplinair overleg (MDO) {x.tumour_group.name}, {x.echelon}"}
                ],
                "period": {
                    "start": start.isoformat(),
                    "end": (start + dt.timedelta(minutes=x.duration_min)).isoformat(),
                },
                "participant": participants,
                "serviceProvider": {"reference": organisation(x.hospital)},
            },
        },
    )
    compositions = 0
    pseudonymous = 0
    for o in meeting.outcomes:
        if o.outcome != "discussed":
            continue
        c = o.case
        own = c.hospital.code == receiver_code
        patient_url = _uuid("Patient", c.code)
        patient: dict[str, Any] = {
            "resourceType": "Patient",
            "id": _tail(patient_url),
            "managingOrganization": {"reference": organisation(c.hospital)},
        }
        if own:
            idents = [
                {
                    "system": patient_number_system(c.hospital.code),
                    "value": c.patient_number or c.patient_ref,
                }
            ]
            if c.bsn:
                idents.append({"system": BSN_SYSTEM, "value": c.bsn})
            patient["identifier"] = idents
            if c.patient_name:
                patient["name"] = [{"text": c.patient_name}]
            if c.birth_date:
                patient["birthDate"] = c.birth_date.isoformat()
        else:
            pseudonymous += 1
            patient["identifier"] = [{"system": PSEUDONYM_SYSTEM, "value": c.code}]
        entries.append({"fullUrl": patient_url, "resource": patient})
        follow_up = ""
        if o.follow_up_on is not None:
            follow_up = (
                f"Opnieuw bespreken op {o.follow_up_on:%d-%m-%Y}"
                + (f" ({o.follow_up_echelon})" if o.follow_up_echelon else "")
                + (f": {o.follow_up_question}" if o.follow_up_question else "")
            )
        sections = [
            {
                "title": "Vraagstelling",
                "code": {
                    "coding": [
                        {"system": LOINC, "code": "42349-1", "display": "Reason for referral"}
                    ]
                },
                "text": _div(c.question or ""),
            },
            {
                "title": "Conclusie en advies",
                "code": {
                    "coding": [
                        {
                            "system": LOINC,
                            "code": "18783-1",
                            "display": "Study report recommendation",
                        }
                    ]
                },
                "text": _div(o.recommendation or ""),
            },
            {
                "title": "Consensus",
                "text": _div(
                    "Consensus bereikt" if o.consensus else "Geen consensus",
                    f"Behandelintentie: {o.intent}" if o.intent else "",
                ),
            },
            {
                "title": "Vervolg",
                "text": _div(
                    follow_up or "Geen nieuwe bespreking afgesproken",
                    f"Verwijzing: {o.referral}" if o.referral else "",
                ),
            },
        ]
        url = _uuid("Composition", f"{x.code}:{c.code}")
        closed = _aware(meeting.amended_at or meeting.closed_at)
        entries.append(
            {
                "fullUrl": url,
                "resource": {
                    "resourceType": "Composition",
                    "id": _tail(url),
                    "status": "final",
                    "identifier": {"system": REPORT_SYSTEM, "value": f"{x.code}/{c.code}"},
                    "type": {
                        "coding": [{"system": LOINC, "code": "11488-4", "display": "Consult note"}],
                        "text": "MDO-verslag (patiëntbespreking)",
                    },
                    "subject": {"reference": patient_url},
                    "encounter": {"reference": encounter},
                    "date": closed,
                    "author": [{"reference": role(meeting.chair)}],
                    "title": f"MDO {x.tumour_group.name} {x.date:%d-%m-%Y}: {c.code}",
                    "attester": [
                        {
                            "mode": "legal",
                            "time": closed,
                            "party": {"reference": role(meeting.chair)},
                        }
                    ],
                    "custodian": {"reference": organisation(x.hospital)},
                    "section": sections,
                },
            }
        )
        compositions += 1
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "identifier": {"system": SESSION_SYSTEM, "value": f"{x.code}/{receiver_code}"},
            "timestamp": _aware(now or dt.datetime.now(dt.UTC)),
            "entry": entries,
        }
    )
    return bundle, compositions, pseudonymous


def _tail(url: str) -> str:
    return url.rsplit(":", 1)[-1]


def _local_zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Amsterdam")


__all__ = [
    "BSN_SYSTEM",
    "COMPLEXITY_SYSTEM",
    "ConditionTable",
    "condition_table",
    "fhir_mapping",
    "meeting_bundle",
    "parse_bundle",
    "read_registrations",
    "records_from_bundle",
]
