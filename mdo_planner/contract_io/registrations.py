"""Registrations as hospitals send them: CSV and Excel lists, read through a column mapping.

Secretaries do not have contract JSON: they get an Excel list or an EPD export (HiX, Epic, …)
with Dutch headers, day-first dates and ``ja``/``nee``. This module turns such a file into
:class:`Record` objects — one per row, each value remembering the row and column it came from —
so that :mod:`mdo_planner.services.registration_service` can validate every row before anything
is written and name the cell at fault. The FHIR import produces the same records (with JSON
paths instead of cells), which is how both ways in register cases identically.

Nothing here touches the database; nothing here logs a cell's content (patient data).
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
import unicodedata
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.triage.complexity import BOOL_FIELDS

#: Complexity fields that are not yes/no (see the contract's ``complexity`` object).
COMPLEXITY_CHOICE_FIELDS: tuple[str, ...] = ("phase", "stage", "previous_echelon")
COMPLEXITY_INT_FIELDS: tuple[str, ...] = ("age", "who_performance")
COMPLEXITY_FIELDS: tuple[str, ...] = BOOL_FIELDS + COMPLEXITY_CHOICE_FIELDS + COMPLEXITY_INT_FIELDS

#: The keys of a mapping file's ``[columns]``: contract case fields plus what the form holds.
CASE_FIELDS: tuple[str, ...] = (
    "patient",
    "patient_name",
    "birth_date",
    "bsn",
    "hospital",
    "physician",
    "tumour_group",
    "question",
    "ready",
    "due",
    "urgent",
    "minutes",
    "extra_disciplines",
)
FIELDS: tuple[str, ...] = CASE_FIELDS + tuple(f"complexity.{f}" for f in COMPLEXITY_FIELDS)
#: A registration cannot be stored without these (``hospital`` may come from ``--hospital``).
REQUIRED_FIELDS: tuple[str, ...] = ("patient", "tumour_group", "question", "ready")
#: Fields whose content identifies a patient: never echoed in a report (the BSN is masked).
PERSONAL_FIELDS: frozenset[str] = frozenset(
    {"patient", "patient_name", "birth_date", "bsn", "question"}
)

DEFAULT_TRUE: tuple[str, ...] = ("ja", "j", "x", "yes", "y", "1", "true", "waar", "wel")
DEFAULT_FALSE: tuple[str, ...] = ("nee", "n", "", "no", "0", "false", "onwaar", "niet", "-")
#: Day first, as Dutch exports write dates; ISO dates are always accepted as well.
DEFAULT_DATE_FORMAT = "%d-%m-%Y"
#: Days from ``ready`` to ``due`` when the file has no due column (the intake form's default).
DEFAULT_DUE_DAYS = 14

#: Headers recognised without a mapping file, after :func:`normalise_header`.
KNOWN_HEADERS: dict[str, tuple[str, ...]] = {
    "patient": (
        "patientnummer",
        "patientnr",
        "pat nr",
        "patnr",
        "ziekenhuisnummer",
        "patient number",
        "patient no",
        "patient id",
        "mrn",
        "patient",
    ),
    "patient_name": ("naam", "patientnaam", "naam patient", "patient name", "name"),
    "birth_date": ("geboortedatum", "geb datum", "date of birth", "birth date", "dob"),
    "bsn": ("bsn", "burgerservicenummer"),
    "hospital": ("ziekenhuis", "instelling", "locatie", "hospital", "site"),
    "physician": (
        "aanvrager",
        "verwijzer",
        "aanvragend arts",
        "behandelaar",
        "hoofdbehandelaar",
        "physician",
        "referring physician",
        "requester",
    ),
    "tumour_group": (
        "tumorgroep",
        "tumorsoort",
        "tumourgroep",
        "tumour group",
        "tumor group",
        "tumour type",
    ),
    "question": ("vraagstelling", "vraag", "mdo vraag", "question"),
    "ready": ("gereed per", "gereed", "datum gereed", "klaar per", "ready", "ready date"),
    "due": ("bespreken voor", "uiterlijk", "uiterste datum", "deadline", "due", "due date"),
    "urgent": ("spoed", "urgent"),
    "minutes": ("minuten", "bespreektijd", "minutes"),
    "extra_disciplines": ("extra disciplines", "extra specialismen", "extra discipline"),
    "complexity.pathology_available": (
        "pa beschikbaar",
        "pathologie beschikbaar",
        "pathology available",
    ),
    "complexity.imaging_available": (
        "beeldvorming beschikbaar",
        "beeldvorming",
        "imaging available",
    ),
    "complexity.recurrence": ("recidief", "recurrence"),
    "complexity.metastatic": ("gemetastaseerd", "metastasen", "metastatic"),
    "complexity.curative_options": ("curatieve opties", "curative options"),
    "complexity.multimodal": ("multimodaal", "multimodal"),
    "complexity.second_opinion": ("second opinion", "tweede mening"),
    "complexity.rare_tumour": ("zeldzame tumor", "rare tumour", "rare tumor"),
    "complexity.trial_candidate": ("trial kandidaat", "studiekandidaat", "trial candidate"),
    "complexity.frailty": ("kwetsbaar", "kwetsbaarheid", "frailty"),
    "complexity.significant_comorbidity": ("comorbiditeit", "significant comorbidity"),
    "complexity.hereditary_suspected": (
        "erfelijkheid",
        "erfelijkheid vermoed",
        "hereditary suspected",
    ),
    "complexity.standard_of_care": ("standaardzorg", "standard of care"),
    "complexity.phase": ("fase", "phase"),
    "complexity.stage": ("stadium", "stage"),
    "complexity.age": ("leeftijd", "age"),
    "complexity.who_performance": ("who", "who status", "who performance", "ecog"),
}


def normalise_header(text: str) -> str:
    """Lower case, accents and punctuation gone: ``"Patiëntnr."`` and ``"patientnr"`` match."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


# --------------------------------------------------------------------------- mapping


@dataclass
class ColumnMapping:
    """Which header holds which field, and how its words and dates are written."""

    columns: dict[str, str] = field(default_factory=dict)
    true_words: tuple[str, ...] = DEFAULT_TRUE
    false_words: tuple[str, ...] = DEFAULT_FALSE
    #: Word in the file -> code, per field (``tumour_group``, ``hospital``, ``phase``, …).
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    date_format: str = DEFAULT_DATE_FORMAT
    due_days: int = DEFAULT_DUE_DAYS
    sheet: str | None = None

    def to_document(self) -> dict[str, Any]:
        """The mapping as a TOML-able document (what the dialog saves per hospital)."""
        doc: dict[str, Any] = {
            "columns": dict(self.columns),
            "values": {
                "true": list(self.true_words),
                "false": list(self.false_words),
                **{k: dict(v) for k, v in self.values.items()},
            },
            "format": {"date": self.date_format, "due_days": self.due_days},
        }
        if self.sheet:
            doc["format"]["sheet"] = self.sheet
        return doc

    def describe(self) -> str:
        """One line per mapped field, for the command's output and the dialog."""
        return "\n".join(f"  {f} = {self.columns[f]!r}" for f in FIELDS if f in self.columns)


def mapping_from_document(doc: Any, source: str = "mapping") -> ColumnMapping:
    """Check a mapping document (TOML file or saved setting); every mistake with its key."""
    if not isinstance(doc, MappingABC):
        raise UserError(f"{source}: expected a table with [columns], [values] and [format]")
    errors: list[str] = []
    for key in doc:
        if key not in ("columns", "values", "format"):
            errors.append(f"{source}: unknown section [{key}] (expected columns, values, format)")
    columns: dict[str, str] = {}
    raw_columns = doc.get("columns", {})
    if not isinstance(raw_columns, MappingABC):
        errors.append(f'{source}: [columns] must be a table of field = "header"')
        raw_columns = {}
    for key, header in raw_columns.items():
        if key not in FIELDS:
            errors.append(
                f"{source}: columns.{key}: not a case field (expected one of "
                f"{', '.join(CASE_FIELDS)} or complexity.<field>)"
            )
        elif not isinstance(header, str) or not header.strip():
            errors.append(f"{source}: columns.{key}: expected the header text")
        else:
            columns[key] = header
    mapping = ColumnMapping(columns=columns)
    raw_values = doc.get("values", {})
    if not isinstance(raw_values, MappingABC):
        errors.append(f"{source}: [values] must be a table")
        raw_values = {}
    for key, value in raw_values.items():
        if key in ("true", "false"):
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                errors.append(f"{source}: values.{key}: expected a list of words")
                continue
            words = tuple(w.strip().lower() for w in value)
            if key == "true":
                mapping.true_words = words
            else:
                mapping.false_words = words
        elif key in (
            "tumour_group",
            "hospital",
            "complexity.phase",
            "complexity.stage",
            "complexity.previous_echelon",
            "phase",
            "stage",
        ):
            if not isinstance(value, MappingABC) or not all(
                isinstance(v, str) for v in value.values()
            ):
                errors.append(f'{source}: values.{key}: expected a table of "word" = "CODE"')
                continue
            name = (
                key
                if key in ("tumour_group", "hospital") or key.startswith("complexity.")
                else f"complexity.{key}"
            )
            mapping.values[name] = {normalise_value(k): v for k, v in value.items()}
        else:
            errors.append(
                f"{source}: values.{key}: unknown (expected true, false, "
                "tumour_group, hospital, phase or stage)"
            )
    overlap = set(mapping.true_words) & set(mapping.false_words)
    if overlap:
        errors.append(
            f"{source}: values: {', '.join(sorted(repr(w) for w in overlap))} "
            "listed as both true and false"
        )
    raw_format = doc.get("format", {})
    if not isinstance(raw_format, MappingABC):
        errors.append(f"{source}: [format] must be a table")
        raw_format = {}
    for key, value in raw_format.items():
        if key == "date":
            if not isinstance(value, str) or "%d" not in value or "%m" not in value:
                errors.append(
                    f'{source}: format.date: expected a strftime pattern such as "%d-%m-%Y"'
                )
            else:
                mapping.date_format = value
        elif key == "due_days":
            if type(value) is not int or not 0 <= value <= 365:
                errors.append(f"{source}: format.due_days: expected a whole number 0-365")
            else:
                mapping.due_days = value
        elif key == "sheet":
            if not isinstance(value, str) or not value:
                errors.append(f"{source}: format.sheet: expected the sheet's name")
            else:
                mapping.sheet = value
        else:
            errors.append(f"{source}: format.{key}: unknown (expected date, due_days, sheet)")
    if errors:
        raise UserError("\n".join(errors))
    return mapping


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read a ``MAP.toml`` file; TOML syntax errors name the line."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{p}: no such mapping file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{p}: cannot read the mapping file: {exc}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{p}: not valid TOML: {exc}") from None
    return mapping_from_document(doc, str(p))


def guess_mapping(headers: list[str]) -> ColumnMapping:
    """Recognise the usual Dutch and English headers (first match per field wins)."""
    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(normalise_header(h), h)
    columns: dict[str, str] = {}
    taken: set[str] = set()
    for fld in FIELDS:
        names = KNOWN_HEADERS.get(fld, ())
        if fld.startswith("complexity."):
            bare = fld.removeprefix("complexity.")
            names = (*names, normalise_header(fld), normalise_header(bare))
        for name in names:
            header = by_norm.get(name)
            if header is not None and header not in taken:
                columns[fld] = header
                taken.add(header)
                break
    return ColumnMapping(columns=columns)


def normalise_value(text: Any) -> str:
    return " ".join(str(text).strip().lower().split())


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Table:
    """A file's header and data rows, with what is needed to name a cell."""

    source: str
    headers: list[str]
    #: (row number as a spreadsheet shows it, cell values) for every non-empty data row.
    rows: list[tuple[int, list[Any]]]
    encoding: str = ""
    delimiter: str = ""


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a ``.csv`` or ``.xlsx`` file by its extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return read_csv(p)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(p, sheet=sheet)
    raise UserError(
        f"{p}: registrations are read from .csv or .xlsx files, not "
        f"{suffix or 'a file without extension'} (save an .xls as .xlsx first)"
    )


def decode_csv(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1252, as Excel on Dutch Windows writes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _delimiter(first_line: str) -> str:
    """``;`` (Dutch Excel) or ``,``: whichever splits the header line more often."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path) -> Table:
    from mdo_planner.infra.limits import read_input

    data = read_input(path, "registration list")  # a regular file of a sane size
    try:
        text, encoding = decode_csv(data)
    except UnicodeDecodeError:
        raise UserError(f"{path}: starts with a UTF-8 mark but is not UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        all_rows = list(reader)
    except csv.Error as exc:
        raise UserError(f"{path}: row {reader.line_num}: not readable as CSV: {exc}") from None
    if not all_rows or not any(c.strip() for c in all_rows[0]):
        raise UserError(f"{path}: row 1: expected a header row with the column names")
    headers = [h.strip() for h in all_rows[0]]
    rows = [(i, r) for i, r in enumerate(all_rows[1:], start=2) if any(c.strip() for c in r)]
    return Table(str(path), headers, rows, encoding, delimiter)


def read_xlsx(path: Path, *, sheet: str | None = None) -> Table:
    from openpyxl import load_workbook

    from mdo_planner.infra.limits import read_input

    data = read_input(path, "registration list")  # a regular file of a sane size
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile/openpyxl raise many kinds for a damaged file
        raise UserError(f"{path}: not a readable Excel (.xlsx) file: {exc}") from None
    try:
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise UserError(
                    f"{path}: no sheet named {sheet!r} (sheets: {', '.join(book.sheetnames)})"
                )
            ws = book[sheet]
        else:
            ws = book.worksheets[0]
        rows_iter = ws.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None or not any(v not in (None, "") for v in header_row):
            raise UserError(
                f"{path}: sheet {ws.title!r} row 1: expected a header row with the column names"
            )
        headers = ["" if v is None else str(v).strip() for v in header_row]
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(rows_iter, start=2):
            cells = list(values)
            if any(v is not None and str(v).strip() != "" for v in cells):
                rows.append((number, cells))
        return Table(f"{path} (sheet {ws.title})", headers, rows)
    finally:
        book.close()


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column name a spreadsheet shows."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# --------------------------------------------------------------------------- records


@dataclass
class Record:
    """One registration before validation: raw values, each with where it came from."""

    label: str  # "row 5" or "entry 3"
    values: dict[str, Any] = field(default_factory=dict)
    #: Field -> the cell or JSON path it was read from ("column 'BSN' (D)").
    where: dict[str, str] = field(default_factory=dict)


def records_from_table(table: Table, mapping: ColumnMapping) -> list[Record]:
    """Apply the column mapping; a mapped header missing from the file is a mistake."""
    index = {h: i for i, h in enumerate(table.headers) if h}
    norm_index = {normalise_header(h): i for i, h in enumerate(table.headers) if h}
    positions: dict[str, int] = {}
    missing = []
    for fld, header in mapping.columns.items():
        i = index.get(header, norm_index.get(normalise_header(header)))
        if i is None:
            missing.append(
                f"{table.source}: row 1: no column {header!r} (mapped to {fld}); "
                f"the columns are {', '.join(repr(h) for h in table.headers if h)}"
            )
        else:
            positions[fld] = i
    if missing:
        raise UserError("\n".join(missing))
    records = []
    for number, cells in table.rows:
        rec = Record(f"row {number}")
        for fld, i in positions.items():
            rec.values[fld] = cells[i] if i < len(cells) else None
            rec.where[fld] = f"column {table.headers[i]!r} ({column_letter(i)})"
        records.append(rec)
    return records


def mask_bsn(value: Any) -> str:
    """``12*****82``: enough to find the row in the file, not enough to identify anyone."""
    text = "" if value is None else str(value).strip()
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


__all__ = [
    "CASE_FIELDS",
    "FIELDS",
    "KNOWN_HEADERS",
    "REQUIRED_FIELDS",
    "ColumnMapping",
    "Record",
    "Table",
    "guess_mapping",
    "load_mapping",
    "mapping_from_document",
    "mask_bsn",
    "read_table",
    "records_from_table",
]
