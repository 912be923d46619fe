"""``mdo-planner fhir import`` / ``fhir export``: registrations in as FHIR R4 Bundles (built
here with ``fhir.resources``), a closed meeting out as a Bundle that parses and is closed
under its references."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.servicerequest import ServiceRequest
from sqlalchemy import select

from db import models as m
from mdo_planner.contract_io import fhir
from mdo_planner.launcher import main
from mdo_planner.services import meeting_service
from mdo_planner.services.base import open_database
from tests import meeting_factory as mf
from tests.db_backends import BACKENDS, backend_url
from tests.test_import_cases import build, valid_bsns

BSN = valid_bsns(1, start=300000000)[0]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    database = open_database(backend_url(request))
    build(database)
    database.dispose()
    return database.url


def _flag(n: int, sr: str, name: str, value: Any) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"obs{n}",
        "status": "final",
        "code": {"coding": [{"system": fhir.COMPLEXITY_SYSTEM, "code": name}]},
        "basedOn": [{"reference": f"ServiceRequest/{sr}"}],
    }
    obs[
        "valueInteger" if isinstance(value, int) and not isinstance(value, bool) else "valueBoolean"
    ] = value
    return Observation.model_validate(obs).model_dump(mode="json", exclude_none=True)


def registration_bundle() -> dict[str, Any]:
    """Three patients (one with a BSN) at H1 and H2: breast by SNOMED, colorectal by ICD-10,
    breast by ICD-10 subcode; complexity flags as Observations of our code system."""
    entries: list[Any] = [
        Organization.model_validate(
            {
                "resourceType": "Organization",
                "id": "h1",
                "identifier": [{"system": fhir.AGB_SYSTEM, "value": "H1"}],
                "name": "General Hospital A",
            }
        ),
        Organization.model_validate(
            {"resourceType": "Organization", "id": "h2", "identifier": [{"value": "H2"}]}
        ),
        Practitioner.model_validate(
            {
                "resourceType": "Practitioner",
                "id": "dr",
                "name": [{"family": "Dëmir", "given": ["Çiğdem"]}],
            }
        ),
        PractitionerRole.model_validate(
            {
                "resourceType": "PractitionerRole",
                "id": "drh1",
                "practitioner": {"reference": "Practitioner/dr"},
                "organization": {"reference": "Organization/h1"},
            }
        ),
    ]
    codes = [
        {"system": "http://snomed.info/sct", "code": "254837009"},
        {"system": "http://hl7.org/fhir/sid/icd-10", "code": "C18.7"},
        {"system": "http://hl7.org/fhir/sid/icd-10", "code": "C50.4"},
    ]
    for i in range(3):
        ident = [{"system": "urn:oid:2.16.528.1.1007.3.3.1234.1", "value": f"F{i}"}]
        if i == 0:
            ident.append({"system": fhir.BSN_SYSTEM, "value": BSN})
        patient: dict[str, Any] = {
            "resourceType": "Patient",
            "id": f"p{i}",
            "identifier": ident,
            "name": [{"text": f"Mevr. Fhir {i}"}],
            "birthDate": f"195{i}-03-0{i + 1}",
        }
        if i == 2:
            patient["managingOrganization"] = {"reference": "Organization/h2"}
        entries.append(Patient.model_validate(patient))
        entries.append(
            Condition.model_validate(
                {
                    "resourceType": "Condition",
                    "id": f"c{i}",
                    "subject": {"reference": f"Patient/p{i}"},
                    "code": {"coding": [codes[i]]},
                }
            )
        )
        sr: dict[str, Any] = {
            "resourceType": "ServiceRequest",
            "id": f"sr{i}",
            "status": "active",
            "intent": "order",
            "subject": {"reference": f"Patient/p{i}"},
            "authoredOn": f"2027-03-0{i + 1}",
            "code": {"text": "MDO-aanmelding"},
            "note": [{"text": f"Operatie of neoadjuvante behandeling {i}?"}],
            "reasonReference": [{"reference": f"Condition/c{i}"}],
            "priority": "urgent" if i == 1 else "routine",
        }
        if i < 2:
            sr["requester"] = {"reference": "PractitionerRole/drh1"}
        if i == 1:
            sr["occurrencePeriod"] = {"start": "2027-03-04", "end": "2027-03-09"}
        entries.append(ServiceRequest.model_validate(sr))
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [
                {
                    "fullUrl": f"https://epd.example.nl/fhir/{r.get_resource_type()}/{r.id}",
                    "resource": r.model_dump(mode="json", exclude_none=True),
                    "request": {"method": "POST", "url": r.get_resource_type()},
                }
                for r in entries
            ],
        }
    )
    doc = bundle.model_dump(mode="json", exclude_none=True)
    for sr, name, value in (
        ("sr0", "pathology_available", True),
        ("sr0", "imaging_available", True),
        ("sr1", "pathology_available", True),
        ("sr1", "imaging_available", True),
        ("sr1", "recurrence", True),
        ("sr2", "pathology_available", True),
        ("sr2", "imaging_available", True),
        ("sr2", "age", 81),
        ("sr2", "frailty", True),
    ):
        n = len(doc["entry"])
        doc["entry"].append(
            {
                "fullUrl": f"urn:uuid:00000000-0000-0000-0000-0000000000{n:02d}",
                "resource": _flag(n, sr, name, value),
                "request": {"method": "POST", "url": "Observation"},
            }
        )
    return doc


def _write(tmp_path: Path, doc: Any, name: str = "bundle.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _cases(url: str) -> dict[str, Any]:
    db = open_database(url)
    try:
        with db.session() as s:
            rows = s.execute(
                select(m.Case, m.Hospital.code, m.TumourGroup.code)
                .join(m.Hospital, m.Hospital.id == m.Case.hospital_id)
                .join(m.TumourGroup, m.TumourGroup.id == m.Case.tumour_group_id)
                .where(m.Case.patient_ref.like("F%"))
            ).all()
            return {c.patient_ref: (c, h, t) for c, h, t in rows}
    finally:
        db.dispose()


def test_three_patient_bundle_registers_three_cases_like_the_csv_path(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = _write(tmp_path, registration_bundle())
    assert main(["fhir", "import", str(path), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "imported 3 case(s)" in out and "already registered: 0" in out
    cases = _cases(url)
    assert sorted(cases) == ["F0", "F1", "F2"]
    c0, h0, t0 = cases["F0"]
    assert (h0, t0, c0.bsn, c0.patient_number) == ("H1", "BREAST", BSN, "F0")
    assert c0.patient_name == "Mevr. Fhir 0" and c0.presenting_physician == "Çiğdem Dëmir"
    assert str(c0.ready_date) == "2027-03-01" and str(c0.due_date) == "2027-03-15"
    assert c0.question.startswith("Operatie of neoadjuvante") and c0.triage_level == "local"
    c1, h1, t1 = cases["F1"]
    assert (h1, t1, c1.urgent, c1.bsn) == ("H1", "COLORECTAL", True, None)
    assert (str(c1.ready_date), str(c1.due_date)) == ("2027-03-04", "2027-03-09")
    assert c1.complexity["recurrence"] is True and c1.triage_level == "regional"
    c2, h2, t2 = cases["F2"]
    assert (h2, t2) == ("H2", "BREAST")
    assert c2.complexity["frailty"] is True and c2.complexity["age"] == 81
    assert c2.triage_level == "regional"  # R4: frailty lifts local one level
    assert all(c.required_level is None and c.status == "new" for c, _, _ in cases.values())
    assert BSN not in caplog.text
    # the same Bundle again adds nothing
    assert main(["fhir", "import", str(path), "--db", url]) == 0
    assert "already registered: 3" in capsys.readouterr().out
    assert len(_cases(url)) == 3


def test_a_registration_without_its_patient_is_refused_with_the_entry_and_path(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = registration_bundle()
    index = next(i for i, e in enumerate(doc["entry"]) if e["resource"].get("id") == "sr1")
    dangling = json.loads(json.dumps(doc))
    dangling["entry"][index]["resource"]["subject"] = {"reference": "Patient/nobody"}
    missing = json.loads(json.dumps(doc))
    del missing["entry"][index]["resource"]["subject"]
    db = open_database(url)
    before = mf.dump(db)
    db.dispose()
    for bad, expected in (
        (
            dangling,
            f"$.entry[{index}].resource.subject.reference: 'Patient/nobody' is not "
            "a Patient in this Bundle",
        ),
        (missing, f"$.entry[{index}].resource.subject: required"),
    ):
        path = _write(tmp_path, bad)
        assert main(["fhir", "import", str(path), "--db", url]) == 2
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err, err
    db = open_database(url)
    assert mf.dump(db) == before
    db.dispose()


def test_an_unknown_condition_is_reported_like_a_bad_cell(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = registration_bundle()
    index = next(i for i, e in enumerate(doc["entry"]) if e["resource"].get("id") == "c2")
    doc["entry"][index]["resource"]["code"] = {
        "coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "C71.1"}]
    }
    path = _write(tmp_path, doc)
    assert main(["fhir", "import", str(path), "--db", url, "--check"]) == 2
    err = capsys.readouterr().err
    assert f"$.entry[{index}].resource.code: tumour_group: unknown tumour group" in err
    assert BSN not in err


def _references(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                found.append(value)
            else:
                found += _references(value)
    elif isinstance(node, list):
        for item in node:
            found += _references(item)
    return found


@pytest.mark.parametrize("receiver", ["H1", "H2"])
def test_export_of_a_closed_meeting_parses_and_every_reference_resolves(
    url: str, tmp_path: Path, receiver: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(url)
    meeting_service.record_meeting(db, mf.record(), user="chair")
    db.dispose()
    out = tmp_path / "mdo.json"
    assert (
        main(
            ["fhir", "export", "--session", "S1", "--out", str(out), "--for", receiver, "--db", url]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "2 discussed case(s), 1 of other hospitals under a pseudonym" in printed
    text = out.read_text(encoding="utf-8")
    bundle = Bundle.model_validate_json(text)  # R4B models
    doc = json.loads(text)
    urls = {e["fullUrl"] for e in doc["entry"]}
    refs = _references(doc)
    assert refs and set(refs) <= urls
    kinds = [e["resource"]["resourceType"] for e in doc["entry"]]
    assert kinds.count("Encounter") == 1 and kinds.count("Composition") == 2
    encounter = next(
        e.resource for e in bundle.entry if e.resource.get_resource_type() == "Encounter"
    )
    assert len(encounter.participant) == 4  # E1 (chair) .. E4 attended
    compositions = [
        e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "Composition"
    ]
    c1 = next(c for c in compositions if c["title"].endswith("C1"))
    sections = {s["title"]: s["text"]["div"] for s in c1["section"]}
    assert "Question 1" in sections["Vraagstelling"]
    assert "Ĳsselmeer" in sections["Conclusie en advies"]
    assert "Consensus bereikt" in sections["Consensus"]
    assert "regional" in sections["Vervolg"] and "Restaging" in sections["Vervolg"]
    patients = {
        e["fullUrl"]: e["resource"]
        for e in doc["entry"]
        if e["resource"]["resourceType"] == "Patient"
    }
    c1_patient = patients[c1["subject"]["reference"]]
    systems = {i["system"] for i in c1_patient["identifier"]}
    if receiver == "H1":  # C1 is H1's own patient: BSN and hospital number
        assert mf.BSN in text and fhir.BSN_SYSTEM in systems
        assert "Patiënt Ĳsbrand 1" in text
    else:  # for H2, C1 is another hospital's patient: a pseudonym only
        assert mf.BSN not in text and systems == {fhir.PSEUDONYM_SYSTEM}
        assert "Patiënt Ĳsbrand 1" not in text and "birthDate" not in json.dumps(c1_patient)


def test_export_refuses_a_session_without_a_closed_meeting(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mdo.json"
    assert main(["fhir", "export", "--session", "S1", "--out", str(out), "--db", url]) == 2
    assert "no closed meeting" in capsys.readouterr().err and not out.exists()
