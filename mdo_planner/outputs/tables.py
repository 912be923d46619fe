"""Tables as files people open in Excel: ``.xlsx`` with typed cells, or ``.csv``.

An export is only useful if Excel can sort and compute with it: dates are real dates, numbers
real numbers, the header row stays frozen while scrolling and the columns are wide enough to
read. A cell is also an attack surface: text starting with ``=``, ``+``, ``-`` or ``@`` is run
as a formula by Excel ("CSV injection"), so such text is written as text (XLSX) or prefixed
with an apostrophe (CSV). Files are written atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_bytes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60
DATE_FORMAT = "DD-MM-YYYY"
TIME_FORMAT = "HH:MM"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"


@dataclass(frozen=True)
class Sheet:
    """One table: a title (the sheet's name), a header and rows of plain Python values."""

    title: str
    header: Sequence[str]
    rows: list[list[Any]] = field(default_factory=list)
    #: Lines written above the header (what the table shows: filter, period).
    caption: tuple[str, ...] = ()
    #: Lines written below the table after a blank row (definitions, totals); they do not
    #: widen the columns.
    notes: tuple[str, ...] = ()


def guard_formula(text: str) -> str:
    """``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``: shown, never run."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Excel has no time zones: show the moment in the Netherlands.
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)
    return value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return f"{_plain(value):%Y-%m-%d %H:%M}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(_sheet_title(sheet.title))
        for line in sheet.caption:
            ws.append([line])
        header_row = len(sheet.caption) + 1
        ws.append(list(sheet.header))
        for cell in ws[header_row]:
            cell.font = bold
        widths = [len(str(h)) for h in sheet.header]
        for row in sheet.rows:
            ws.append([_plain(v) for v in row])
            cells = ws[ws.max_row]
            for i, (cell, value) in enumerate(zip(cells, row, strict=False)):
                if isinstance(value, str):
                    # openpyxl stores text starting with "=" as a formula: keep it text.
                    cell.data_type = "s"
                elif isinstance(value, dt.datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(value, dt.time):
                    cell.number_format = TIME_FORMAT
                elif isinstance(value, float):
                    cell.number_format = "0.0"
                if i < len(widths):
                    shown = len(_shown(value)) if not isinstance(value, dt.date) else 10
                    widths[i] = max(widths[i], min(shown, MAX_WIDTH))
        if sheet.notes:
            ws.append([])
            for line in sheet.notes:
                ws.append([line])
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width + 2
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        if sheet.rows:
            last = header_row + len(sheet.rows)
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(sheet.header))}{last}"
    if not sheets:
        book.create_sheet("Empty")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    for c in "[]:*?/\\":
        title = title.replace(c, " ")
    return title[:31] or "Sheet"


def csv_text(sheet: Sheet) -> str:
    """``;``-separated (what Dutch Excel opens with a double click), ISO dates."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([guard_formula(str(h)) for h in sheet.header])
    for row in sheet.rows:
        writer.writerow([guard_formula(v) if isinstance(v, str) else _shown(v) for v in row])
    return out.getvalue()


def write_tables(path: str | Path, sheets: Sequence[Sheet]) -> Path:
    """``.xlsx`` (every sheet) or ``.csv`` (one table) by the file's extension."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        data = xlsx_bytes(sheets)
    elif suffix == ".csv":
        if len(sheets) != 1:
            raise UserError(
                f"{target}: this export has {len(sheets)} tables; write it as "
                ".xlsx (a CSV file holds one table)"
            )
        data = ("\ufeff" + csv_text(sheets[0])).encode("utf-8")  # BOM: Excel reads UTF-8
    else:
        raise UserError(
            f"{target}: tables are written as .xlsx or .csv, not "
            f"{suffix or 'a file without extension'}"
        )
    try:
        return atomic_write_bytes(target, data)
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror or exc}") from exc


__all__ = ["Sheet", "csv_text", "guard_formula", "write_tables", "xlsx_bytes"]
