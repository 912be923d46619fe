"""``mdo-planner meeting template / record / report`` on SQLite and PostgreSQL: every refusal
of the issue exits 2 with the JSON path and leaves the database exactly as it was."""

from __future__ import annotations

import json
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db import models as m
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from tests import meeting_factory as mf
from tests.agenda_factory import bsn_like_numbers, pdf_pages_text
from tests.db_backends import BACKENDS, backend_url
from tests.test_pdf_agenda import assert_only_embedded_fonts


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> Any:
    database = open_database(backend_url(request))
    mf.build(database)
    database.dispose()
    return database.url


def _db(url: str) -> Any:
    return open_database(url)


def _dump(url: str) -> dict[str, Any]:
    db = _db(url)
    try:
        return mf.dump(db)
    finally:
        db.dispose()


def _write(tmp_path: Path, doc: Any, name: str = "record.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _refused(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: Any, *paths: str
) -> str:
    before = _dump(url)
    assert main(["meeting", "record", str(_write(tmp_path, doc)), "--db", url]) == 2
    err = capsys.readouterr().err
    for path in paths:
        assert path in err, err
    assert "Traceback" not in err
    assert _dump(url) == before
    return err


def test_template_edit_record_and_report(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "S1.json"
    assert main(["meeting", "template", "--session", "S1", "--out", str(out), "--db", url]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [c["case"] for c in doc["cases"]] == ["C2", "C1", "C3", "C4", "P1"]
    # as a meeting-room laptop would: fill the outcomes in, add the unplanned attendee
    wanted = {c["case"]: c for c in mf.record()["cases"]}
    doc["cases"] = [{**c, **wanted[c["case"]]} for c in doc["cases"]]
    doc["attendance"].append("E4")
    path = _write(tmp_path, doc, "filled.json")
    before = _dump(url)
    assert main(["meeting", "record", str(path), "--db", url, "--check"]) == 0
    assert "nothing written" in capsys.readouterr().out
    assert _dump(url) == before
    assert main(["meeting", "record", str(path), "--db", url]) == 0
    printed = capsys.readouterr().out
    assert "meeting closed" in printed and "C1-R1" in printed
    db = _db(url)
    try:
        with db.session() as s:
            status = dict(s.execute(select(m.Case.code, m.Case.status)).all())
            assert status == {
                "C1": "discussed",
                "C2": "deferred",
                "C3": "not_discussed",
                "C4": "discussed",
                "P1": "discussed",
                "C1-R1": "ready",
            }
            assert len(s.scalars(select(m.MeetingOutcome)).all()) == 5
    finally:
        db.dispose()
    # the MDO report
    pdf = tmp_path / "report.pdf"
    assert (
        main(
            ["meeting", "report", "--session", "S1", "--pdf", str(pdf), "--db", url, "--lang", "nl"]
        )
        == 0
    )
    text = "\n".join(pdf_pages_text(pdf.read_bytes()))
    assert "MDO-verslag" in text and "Advies" in text and "uitgesteld" in text


def test_refused_future_session(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(url, tmp_path, capsys, mf.record(session="S2", cases=[]), "$.session")
    assert "future" in err


def test_refused_cancelled_session(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(url, tmp_path, capsys, mf.record(session="S3", cases=[]), "$.session")
    assert "cancelled" in err


def test_refused_unknown_session(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(url, tmp_path, capsys, mf.record(session="S99"), "$.session", "S99")


def test_refused_case_not_on_the_agenda(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = mf.record()
    doc["cases"].append({"case": "C9", "outcome": "noted"})
    err = _refused(url, tmp_path, capsys, doc, "$.cases[5].case")
    assert "not on the agenda" in err


def test_refused_missing_case(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = mf.record()
    del doc["cases"][2]
    err = _refused(url, tmp_path, capsys, doc, "$.cases")
    assert "'C3'" in err and "no outcome" in err


def test_refused_attendee_who_is_no_expert(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = mf.record(attendance=["E1", "E2", "Dr. Nobody", "E3"])
    err = _refused(url, tmp_path, capsys, doc, "$.attendance[2]")
    assert "not an expert of the network" in err


def test_refused_rerecording_a_closed_meeting_without_a_reason(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["meeting", "record", str(_write(tmp_path, mf.record(), "first.json")), "--db", url])
        == 0
    )
    capsys.readouterr()
    err = _refused(url, tmp_path, capsys, mf.record(), "$.amendment_reason")
    assert "amendment" in err
    # with a reason it is an amendment
    path = _write(tmp_path, mf.record(amendment_reason="chair corrected C4"), "amend.json")
    assert main(["meeting", "record", str(path), "--db", url]) == 0
    assert "meeting amended" in capsys.readouterr().out


def test_every_problem_is_listed_in_one_go(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = mf.record(chair="E5", attendance=["E1", "X1"])
    doc["cases"][0]["intent"] = "hopeful"
    doc["cases"][1]["reason"] = "forgot"
    err = _refused(
        url,
        tmp_path,
        capsys,
        doc,
        "$.chair",
        "$.attendance[1]",
        "$.cases[0].intent",
        "$.cases[1].reason",
    )
    assert "problems found" in err


def test_bad_json_file(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "mdo-planner-meeting", ', encoding="utf-8")
    assert main(["meeting", "record", str(path), "--db", url]) == 2
    assert "broken.json: line 1" in capsys.readouterr().err


def test_report_of_an_open_meeting_is_refused(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["meeting", "report", "--session", "S1", "--pdf", str(tmp_path / "r.pdf"), "--db", url]
        )
        == 2
    )
    assert "not closed" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_mdo_report_pdf(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = mf.record()
    # long enough for several pages; a BSN typed into the text by mistake
    doc["cases"][3]["recommendation"] = (
        f"{mf.HARD}; BSN {mf.BSN} typed by mistake. " + "Lorem ipsum dolor sit amet. " * 400
    )
    assert main(["meeting", "record", str(_write(tmp_path, doc)), "--db", url]) == 0
    pdf = tmp_path / "2027_mdo_report.pdf"
    assert main(["meeting", "report", "--session", "S1", "--pdf", str(pdf), "--db", url]) == 0
    data = pdf.read_bytes()
    assert_only_embedded_fonts(data)
    pages = pdf_pages_text(data)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    text = _nfc("\n".join(pages))
    assert _nfc(mf.HARD) in text  # <, &, Ĳ, ł, ≥ as typed
    for ch in ("<", "&", "Ĳ", "ł", "≥"):
        assert ch in text
    assert mf.BSN not in text and bsn_like_numbers(text) == []
    assert "Dr. A. Jansen" in text and "Dr. D. Bakker" in text  # chair and attendees
    assert "Restaging: surgery?" in text and "C1-R1" in text
    # the local session shows its own patients in full, C4 (from H2) pseudonymised
    assert "Patiënt Ĳsbrand 1" in _nfc(text) and "Patiënt Ĳsbrand 4" not in _nfc(text)
    assert "P-0004" in text
    meta = PdfReader(BytesIO(data)).metadata
    blob = " ".join(str(v) for v in meta.values())
    assert "MDO report" in blob
    for secret in ("P-000", "Ĳsbrand", "Question", mf.BSN):
        assert secret not in blob
    # minimal: no names at all
    pdf2 = tmp_path / "minimal.pdf"
    assert (
        main(
            [
                "meeting",
                "report",
                "--session",
                "S1",
                "--pdf",
                str(pdf2),
                "--db",
                url,
                "--privacy",
                "minimal",
            ]
        )
        == 0
    )
    assert "Ĳsbrand" not in _nfc("\n".join(pdf_pages_text(pdf2.read_bytes())))
    db = _db(url)
    try:
        with db.session() as s:
            events = s.scalars(
                select(m.AuditEvent).where(m.AuditEvent.entity == "meeting_report")
            ).all()
            assert [e.details["privacy"] for e in events] == ["full, pseudonymised", "minimal"]
    finally:
        db.dispose()
