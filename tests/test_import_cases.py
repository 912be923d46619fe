"""``mdo-planner import-cases``: registrations from CSV and Excel through a column mapping.

The files are generated here as a Dutch hospital's export writes them (Windows-1252, ``;``,
day-first dates, Dutch headers, ``ja``/``nee``); the database is the meeting-day network of
:mod:`tests.meeting_factory` plus a second tumour group.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.contract_io.registrations import guess_mapping, mask_bsn, read_table
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from mdo_planner.services.cases_service import is_valid_bsn
from tests import meeting_factory as mf
from tests.db_backends import BACKENDS, backend_url

HEADERS = [
    "Patiëntnummer",
    "Naam",
    "BSN",
    "Geboortedatum",
    "Ziekenhuis",
    "Tumorgroep",
    "Vraagstelling",
    "Gereed per",
    "Spoed",
    "PA beschikbaar",
    "Beeldvorming",
    "Recidief",
    "Aanvrager",
]

MAPPING = """\
[columns]
patient = "Patiëntnummer"
patient_name = "Naam"
bsn = "BSN"
birth_date = "Geboortedatum"
hospital = "Ziekenhuis"
tumour_group = "Tumorgroep"
question = "Vraagstelling"
ready = "Gereed per"
urgent = "Spoed"
physician = "Aanvrager"
"complexity.pathology_available" = "PA beschikbaar"
"complexity.imaging_available" = "Beeldvorming"
"complexity.recurrence" = "Recidief"

[values]
true = ["ja", "j", "x", "yes", "1"]
false = ["nee", "n", "", "no", "0"]
tumour_group = { "Mamma" = "BREAST", "Colon/rectum" = "COLORECTAL" }
hospital = { "Ziekenhuis Noord" = "H1", "Ziekenhuis Zuid" = "H2" }

[format]
date = "%d-%m-%Y"
"""


def valid_bsns(count: int, start: int = 100000000) -> list[str]:
    """BSNs that pass the elfproef, found by trying numbers (not a fixed list)."""
    out = []
    n = start
    while len(out) < count:
        if is_valid_bsn(str(n)):
            out.append(str(n))
        n += 7
    return out


def registrations(count: int = 120, first_ready: dt.date | None = None) -> list[list[Any]]:
    """``count`` rows as typed values (dates as dates, yes/no as ja/nee)."""
    first_ready = first_ready or dt.date.today() + dt.timedelta(days=3)
    bsns = valid_bsns(count)
    rows = []
    for i in range(count):
        rows.append(
            [
                f"Z{100000 + i}",
                f"Mevr. Ëlsbeth Çelik-{i}",
                bsns[i] if i % 3 else "",
                dt.date(1940 + i % 50, 1 + i % 12, 1 + i % 28),
                "Ziekenhuis Noord" if i % 4 else "Ziekenhuis Zuid",
                "Mamma" if i % 2 else "Colon/rectum",
                f"Beleid na neoadjuvante therapie, patiënte {i}?",
                first_ready + dt.timedelta(days=i % 20),
                "ja" if i % 10 == 0 else "nee",
                "ja" if i % 7 else "nee",
                "ja",
                "ja" if i % 5 == 0 else "nee",
                "Dr. Ç. Dëmir",
            ]
        )
    return rows


def _cell(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else str(value)


def write_csv(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    lines = [";".join(headers)] + [";".join(_cell(v) for v in r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def write_xlsx(path: Path, rows: list[list[Any]], headers: list[str] = HEADERS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Aanmeldingen"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD-MM-YYYY"
    book.save(path)
    return path


def build(db: Any) -> None:
    mf.build(db)
    with db.session() as s:
        surg = s.scalar(select(m.Discipline).where(m.Discipline.code == "SURG"))
        s.add(m.TumourGroup(code="COLORECTAL", name="Colorectal cancer", core_disciplines=[surg]))


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest) -> str:
    database = open_database(backend_url(request))
    build(database)
    database.dispose()
    return database.url


@pytest.fixture
def mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def _dump(url: str) -> dict[str, Any]:
    db = open_database(url)
    try:
        return mf.dump(db)
    finally:
        db.dispose()


def _imported(url: str) -> list[tuple[Any, ...]]:
    db = open_database(url)
    try:
        with db.session() as s:
            rows = s.execute(
                select(
                    m.Case.patient_ref,
                    m.Case.patient_number,
                    m.Case.patient_name,
                    m.Case.bsn,
                    m.Case.birth_date,
                    m.Hospital.code,
                    m.TumourGroup.code,
                    m.Case.question,
                    m.Case.ready_date,
                    m.Case.due_date,
                    m.Case.urgent,
                    m.Case.complexity,
                    m.Case.status,
                    m.Case.triage_level,
                    m.Case.required_level,
                    m.Case.presenting_physician,
                )
                .join(m.Hospital, m.Hospital.id == m.Case.hospital_id)
                .join(m.TumourGroup, m.TumourGroup.id == m.Case.tumour_group_id)
                .where(m.Case.patient_ref.like("Z%"))
                .order_by(m.Case.patient_ref)
            ).all()
            return [tuple(r) for r in rows]
    finally:
        db.dispose()


def test_csv_and_xlsx_import_the_same_120_cases_and_a_second_import_adds_none(
    url: str, tmp_path: Path, mapping_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = registrations()
    csv_file = write_csv(tmp_path / "aanmeldingen.csv", rows)
    assert b"\xeb" in csv_file.read_bytes()  # really Windows-1252 (ë), not UTF-8
    xlsx_file = write_xlsx(tmp_path / "aanmeldingen.xlsx", rows)

    assert main(["import-cases", str(csv_file), "--map", str(mapping_file), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "imported 120 case(s)" in out and "already registered: 0" in out
    cases = _imported(url)
    assert len(cases) == 120
    first = cases[0]
    assert first[0] == first[1] == "Z100000" and first[2] == "Mevr. Ëlsbeth Çelik-0"
    assert first[5:7] == ("H2", "COLORECTAL") and first[15] == "Dr. Ç. Dëmir"
    assert first[8] == rows[0][7] and first[9] == rows[0][7] + dt.timedelta(days=14)
    assert sum(1 for c in cases if c[6] == "BREAST") == 60
    assert sum(1 for c in cases if c[10]) == 12  # Spoed = ja
    assert sum(1 for c in cases if c[3]) == 80
    # triaged like a typed case, waiting for a clinician: a recommendation, no decided level
    assert all(c[13] is not None and c[14] is None for c in cases)
    by_ref = {c[0]: c for c in cases}
    assert by_ref["Z100005"][11]["recurrence"] is True
    assert by_ref["Z100005"][13] == "regional"  # R3: recurrence
    assert by_ref["Z100007"][13] == "hold"  # R0: no pathology (PA beschikbaar = nee)

    assert main(["import-cases", str(csv_file), "--map", str(mapping_file), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "imported 0 case(s)" in out and "already registered: 120" in out
    assert main(["import-cases", str(xlsx_file), "--map", str(mapping_file), "--db", url]) == 0
    assert "already registered: 120" in capsys.readouterr().out
    assert _imported(url) == cases

    # the same list as Excel, into a fresh database, gives the same 120 cases
    other = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    build(other)
    other.dispose()
    assert (
        main(["import-cases", str(xlsx_file), "--map", str(mapping_file), "--db", other.url]) == 0
    )
    assert "imported 120 case(s)" in capsys.readouterr().out
    assert _imported(other.url) == cases


BAD_BSN = "123456789"  # fails the elfproef


def bad_rows() -> tuple[list[list[Any]], dict[int, tuple[str, str]]]:
    """5 good rows and 7 bad ones; the expected (column, field) of each bad spreadsheet row."""
    rows = registrations(5)
    bad = {}

    def add(row: list[Any], column: str, fld: str) -> None:
        rows.append(row)
        bad[len(rows) + 1] = (column, fld)  # +1: the header is row 1

    base = registrations(12)
    r = base[5]
    r[5] = "Long"
    add(r, "Tumorgroep", "tumour_group")
    r = base[6]
    r[7] = "31-02-2027"
    add(r, "Gereed per", "ready")
    r = base[7]
    r[2] = BAD_BSN
    add(r, "BSN", "bsn")
    r = base[8]
    r[6] = ""
    add(r, "Vraagstelling", "question")
    r = base[9]
    r[1] = "X" * 250
    add(r, "Naam", "patient_name")
    r = base[10]
    r[12] = "Dr. A\x00B"
    add(r, "Aanvrager", "physician")
    add(list(rows[1]), "Patiëntnummer", "patient")  # a copy of the second good row
    return rows, bad


def test_seven_bad_rows_are_all_reported_by_row_and_column_and_nothing_is_written(
    url: str,
    tmp_path: Path,
    mapping_file: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # CSV only: an .xlsx cannot hold a NUL character at all (XML forbids it).
    caplog.set_level(logging.DEBUG)
    rows, bad = bad_rows()
    path = write_csv(tmp_path / "bad.csv", rows)
    before = _dump(url)
    for extra in (["--check"], []):
        assert (
            main(["import-cases", str(path), "--map", str(mapping_file), "--db", url, *extra]) == 2
        )
        captured = capsys.readouterr()
        err = captured.err
        assert "7 problem(s) in 7 row(s)" in err, err
        for row, (column, fld) in bad.items():
            line = next((ln for ln in err.splitlines() if ln.startswith(f"row {row}, ")), "")
            assert f"column '{column}'" in line and f": {fld}: " in line, (row, err)
        assert "31-02-2027" in err and "'Long'" in err and "duplicate of row 3" in err
        assert mask_bsn(BAD_BSN) == "12*****89" and "12*****89" in err
        assert "Traceback" not in err
        assert _dump(url) == before
        for text in (captured.out, err, caplog.text):
            assert BAD_BSN not in text
            for bsn in valid_bsns(12):
                assert bsn not in text
            assert "Çelik" not in text


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(
    url: str, tmp_path: Path, mapping_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, _bad = bad_rows()
    path = write_csv(tmp_path / "bad.csv", rows)
    assert (
        main(["import-cases", str(path), "--map", str(mapping_file), "--db", url, "--skip-invalid"])
        == 0
    )
    captured = capsys.readouterr()
    assert "imported 5 case(s)" in captured.out and "skipped (invalid): 7" in captured.out
    assert "7 problem(s)" in captured.err
    assert len(_imported(url)) == 5


def test_without_a_mapping_dutch_headers_are_recognised_and_printed(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = [
        "Patiëntnr.",
        "BSN",
        "Tumorgroep",
        "Vraagstelling",
        "Gereed per",
        "Bespreken voor",
        "Spoed",
    ]
    lines = [
        ",".join(headers),
        "Z1,,BREAST,Operatie of neoadjuvant?,05-03-2027,12-03-2027,ja",
        "Z2,,Breast cancer,Operatie?,2027-03-06,,nee",
    ]
    path = tmp_path / "epd.csv"
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    table = read_table(path)
    assert table.encoding == "utf-8-sig" and table.delimiter == ","
    assert guess_mapping(table.headers).columns["patient"] == "Patiëntnr."
    # the second row has a due column but an empty cell: reported, not guessed
    assert main(["import-cases", str(path), "--hospital", "H1", "--db", url]) == 2
    captured = capsys.readouterr()
    assert "patient = 'Patiëntnr.'" in captured.out and "due = 'Bespreken voor'" in captured.out
    assert "row 3, column 'Bespreken voor' (F): due: required" in captured.err
    path.write_bytes(("\n".join(lines[:2]) + "\n").encode("utf-8"))
    assert main(["import-cases", str(path), "--hospital", "H1", "--db", url]) == 0
    assert "imported 1 case(s)" in capsys.readouterr().out


def test_bad_files_and_mappings_are_refused_with_the_file_named(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_map = tmp_path / "map.toml"
    bad_map.write_text('[columns]\npatientt = "Nr"\n[format]\ndate = "%Y"\n', encoding="utf-8")
    csv_file = write_csv(tmp_path / "a.csv", registrations(2))
    assert main(["import-cases", str(csv_file), "--map", str(bad_map), "--db", url]) == 2
    err = capsys.readouterr().err
    assert "columns.patientt: not a case field" in err and "format.date" in err
    assert main(["import-cases", str(tmp_path / "a.xls"), "--db", url]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err
    no_question = write_csv(tmp_path / "b.csv", [r[:6] for r in registrations(2)], HEADERS[:6])
    assert main(["import-cases", str(no_question), "--db", url]) == 2
    assert "no column for question, ready" in capsys.readouterr().err
