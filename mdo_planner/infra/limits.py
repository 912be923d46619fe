"""One validation layer that knows the storage: what a file may hold before anything is written.

Why one layer: the same file must get the same verdict on SQLite and PostgreSQL. SQLite stores
a 10,000-character patient reference in a ``VARCHAR(64)`` without a word, PostgreSQL refuses
it with a ``DataError`` halfway through an import; a lone surrogate or a NUL cannot be
encoded for either; 2^63 overflows SQLite's integers and 10^12 PostgreSQL's. So every value
is checked against the column it will be stored in, with limits *derived from the model
definitions* in :mod:`db.models` (``String(n)`` lengths, 32-bit ``Integer``, ``Date``), never a
second list that could drift from the schema.

Two parts:

* **Input limits** for any JSON or TOML document from outside (scenario, triage cases, rule
  set, meeting record): a regular file of at most :data:`MAX_FILE_BYTES`, valid UTF-8, no
  numbers longer than :data:`MAX_NUMBER_DIGITS` digits, no ``NaN``/``Infinity``, no key twice
  in one object, at most :data:`MAX_DEPTH` levels of nesting, and no text that no database
  can store (NUL, lone surrogates). :func:`read_input` and :func:`parse_json_document` report
  each problem with its JSON path (or line and column), in a :class:`DocumentError`.
* **Column limits**: :func:`column_problem` says in a few words why a value does not fit a
  column (``None`` when it does), for any validator: the scenario importer's single-pass
  checker, the case form, the meeting-record import.

A new validator gets the storage rules by calling :func:`column_problem` (or the scenario
checker's ``column=`` argument) for every value it will write, with the model column it
goes to, e.g. ``column_problem(value, m.Case.patient_ref)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mdo_planner.errors import UserError

#: Largest input file read at all (a national scenario is ~5 MB; a year of a country, ~60 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Deepest nesting of arrays/objects (a scenario needs 4 levels; JSON columns a few more).
MAX_DEPTH = 32
#: Most digits of a JSON number: 64-bit integers need 19; anything longer is not a count.
MAX_NUMBER_DIGITS = 20
#: 32-bit signed integers: PostgreSQL's ``integer`` (SQLite takes 64-bit; the rule is the
#: stricter backend's, so both accept exactly the same files).
INT32 = (-(2**31), 2**31 - 1)
#: Dates the planning can mean: from the oldest birth date to well beyond any horizon.
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))
#: Shown at most, then "... and N more".
MAX_PROBLEMS = 50

_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


class DocumentError(UserError):
    """A document that cannot be used; ``errors`` holds ``(json_path, message)`` pairs.

    The message counts *every* problem found (not only the ones shown), so a file with 1,187
    bad dates says "1187 problems found".
    """

    def __init__(self, source: str, errors: list[tuple[str, str]], more: int = 0) -> None:
        self.source = source
        self.errors = errors
        self.more = more
        lines = [f"{source}: {path}: {msg}" if path else f"{source}: {msg}" for path, msg in errors]
        if more:
            lines.append(f"{source}: ... and {more} more problem(s)")
        if len(errors) > 1 or more:
            lines.insert(0, f"{source}: {len(errors) + more} problems found:")
        super().__init__("\n".join(lines))


# --------------------------------------------------------------------------- reading files


def read_input(
    path: str | os.PathLike[str], what: str = "file", max_bytes: int = MAX_FILE_BYTES
) -> bytes:
    """The bytes of an input file, refusing what is not a regular file or is too large.

    A symlink to ``/dev/zero`` or a FIFO would otherwise be read forever; the size is checked
    while reading too, because ``stat`` of a special file says nothing.
    """
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError as exc:
        raise UserError(f"{p}: cannot read the {what}: no such file") from exc
    except OSError as exc:
        raise UserError(f"{p}: cannot read the {what}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{p}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(f"{p}: is not a regular file (a device or pipe?), not a {what}")
    if info.st_size > max_bytes:
        raise UserError(
            f"{p}: {info.st_size:,} bytes is larger than the {max_bytes:,} bytes a {what} may have"
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UserError(f"{p}: cannot read the {what}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise UserError(f"{p}: larger than the {max_bytes:,} bytes a {what} may have")
    return data


def decode_utf8(raw: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped); a UTF-16 file or stray byte gets a sentence, not a crash."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise UserError(
            f"{source}: not UTF-8 text{hint} (byte {exc.start}): save the file as UTF-8"
        ) from exc


# --------------------------------------------------------------------------- JSON documents


class _Number:
    """A JSON number that no column can hold (too many digits, NaN, Infinity); the walk
    reports it with its path instead of ``json`` raising somewhere without one."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return (
            self.text
            if len(self.text) <= 24
            else f"{self.text[:12]}...({len(self.text)} characters)"
        )


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    __slots__ = ("duplicates",)
    duplicates: list[str]


class _Decoder(json.JSONDecoder):
    """``json`` with hooks that turn what no column can hold into markers (reported with
    their path by the walk) and note whether anything suspicious was seen at all. One per
    document: the note must not be shared between threads."""

    def __init__(self) -> None:
        self.suspicious = False
        super().__init__(
            object_pairs_hook=self._pairs,
            parse_int=self._int,
            parse_float=self._float,
            parse_constant=self._constant,
        )

    def _pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(pairs)
        if len(d) == len(pairs):
            return d
        self.suspicious = True
        obj = _Object(d)
        seen: set[str] = set()
        obj.duplicates = []
        for k, _ in pairs:
            if k in seen:
                obj.duplicates.append(k)
            else:
                seen.add(k)
        return obj

    def _int(self, text: str) -> Any:
        if len(text) > MAX_NUMBER_DIGITS and len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
            self.suspicious = True
            return _Number(text)
        return int(text)

    def _float(self, text: str) -> Any:
        value = float(text)
        if math.isfinite(value):
            return value
        self.suspicious = True
        return _Number(text)

    def _constant(self, text: str) -> Any:
        self.suspicious = True
        return _Number(text)


#: In JSON text a NUL or a lone surrogate can only arrive as a ``\u`` escape (raw control
#: characters are invalid JSON, raw surrogates invalid UTF-8): without such an escape no
#: string of the document needs looking at.
_SUSPICIOUS_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def parse_json_document(raw: str | bytes, source: str) -> Any:
    """Parse JSON text within the input limits (see the module docstring).

    Syntax errors name line and column; every other problem its JSON path. Nothing that
    passes can make a database, ``json.dumps`` or the UTF-8 codec fail later.
    """
    text = decode_utf8(raw, source) if isinstance(raw, bytes) else raw
    decoder = _Decoder()
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{source}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise UserError(
            f"{source}: {_too_deep_at(text)}nested more than {MAX_DEPTH} levels deep"
        ) from exc
    # The walk that names paths costs ~0.4 s on a national scenario; a document without a
    # suspicious escape, number or key only needs its depth measured (milliseconds).
    if decoder.suspicious or _SUSPICIOUS_ESCAPE.search(text) or _deeper_than(data, MAX_DEPTH):
        check_document(data, source)
    return data


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether arrays/objects nest more than ``limit`` levels (no paths: the fast check)."""
    level: list[Any] = [data] if isinstance(data, dict | list) else []
    depth = 0
    while level:
        if depth >= limit:
            return True
        nxt: list[Any] = []
        for value in level:
            for child in value.values() if isinstance(value, dict) else value:
                if isinstance(child, dict | list):
                    nxt.append(child)
        level = nxt
        depth += 1
    return False


def _too_deep_at(text: str) -> str:
    """Where the nesting first exceeds :data:`MAX_DEPTH` ("line L, column C: "), found only
    when parsing already failed, so good files never pay for the scan."""
    depth, line, col, in_string, escaped = 0, 1, 0, False, False
    for ch in text:
        col += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"line {line}, column {col}: "
        elif ch in "]}":
            depth -= 1
        if ch == "\n":
            line, col = line + 1, 0
    return ""


def check_document(data: Any, source: str) -> None:
    """Walk a parsed document once (no recursion) and raise :class:`DocumentError` listing
    every value that breaks the input limits, with its JSON path."""
    errors: list[tuple[str, str]] = []
    more = 0
    for path, msg in document_problems(data):
        if len(errors) < MAX_PROBLEMS:
            errors.append((path, msg))
        else:
            more += 1
    if errors:
        raise DocumentError(source, errors, more)


def document_problems(
    data: Any, root: str = "$", max_depth: int = MAX_DEPTH
) -> Iterator[tuple[str, str]]:
    """``(path, message)`` for every too-deep, too-long or unstorable value under ``data``."""
    stack: list[tuple[Any, str, int]] = [(data, root, 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            if (msg := text_problem(value)) is not None:
                yield path, msg
        elif isinstance(value, dict):
            if depth >= max_depth:
                yield path, f"nested more than {max_depth} levels deep"
                continue
            for key in getattr(value, "duplicates", ()):
                yield path, f"key {key!r} appears more than once (which one is meant?)"
            items = list(value.items())
            for key, item in reversed(items):
                child = f"{path}.{key}" if _PLAIN_KEY.fullmatch(key) else f"{path}[{key!r}]"
                if (msg := text_problem(key)) is not None:
                    yield path, f"a key: {msg}"
                    continue
                stack.append((item, child, depth + 1))
        elif isinstance(value, list):
            if depth >= max_depth:
                yield path, f"nested more than {max_depth} levels deep"
                continue
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{path}[{i}]", depth + 1))
        elif isinstance(value, _Number):
            yield path, _number_message(value.text)
        elif isinstance(value, float) and not math.isfinite(value):
            yield path, f"{value} is not a number a database can store"


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _number_message(text: str) -> str:
    if text in ("NaN", "Infinity", "-Infinity"):
        return f"{text} is not a number (JSON has no NaN or infinities)"
    digits = len(text.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS and text.lstrip("-").isdigit():
        return f"a number with {digits} digits is too long (at most {MAX_NUMBER_DIGITS})"
    return f"{text[:24]} is too large to be a number any database can store"


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class ColumnLimit:
    """What a column can hold, derived from its SQLAlchemy type."""

    kind: str  # "text", "integer", "date", "json", "other"
    max_length: int | None = None
    nullable: bool = True


@functools.cache
def _limit_of(table: str, name: str) -> ColumnLimit:
    from db.models import Base

    column = Base.metadata.tables[table].c[name]
    t = column.type
    if isinstance(t, sa.types.TypeDecorator):
        t = t.impl_instance
    if isinstance(t, sa.String):  # String, Text, VARCHAR and (non-native) Enum
        kind, length = "text", t.length
    elif isinstance(t, sa.Integer):
        kind, length = "integer", None
    elif isinstance(t, sa.Date) and not isinstance(t, sa.DateTime):
        kind, length = "date", None
    elif isinstance(t, sa.JSON):
        kind, length = "json", None
    else:
        kind, length = "other", None
    return ColumnLimit(kind=kind, max_length=length, nullable=bool(column.nullable))


def limit_of(column: Any) -> ColumnLimit:
    """The limit of a model attribute (``m.Case.patient_ref``) or a table column."""
    col = column.property.columns[0] if hasattr(column, "property") else column
    return _limit_of(col.table.name, col.name)


def text_problem(value: str, max_length: int | None = None) -> str | None:
    """Why a text cannot be stored (NUL, a lone surrogate, too long), or None."""
    bad = _BAD_TEXT.search(value)
    if bad is not None:
        where = f"at character {bad.start() + 1}"
        if bad.group() == "\x00":
            return f"contains a NUL character {where}, which no database stores"
        return f"contains a lone surrogate (U+{ord(bad.group()):04X}) {where}: not valid Unicode"
    if max_length is not None and len(value) > max_length:
        return f"is {len(value):,} characters long; at most {max_length} fit"
    return None


def column_problem(value: Any, column: Any) -> str | None:
    """Why ``value`` does not fit ``column`` (a model attribute), or None when it does.

    Only what the storage imposes: the caller checks meaning (a positive duration, a known
    hospital) itself. ``None`` is accepted here; required fields are the caller's rule.
    """
    if value is None:
        return None
    limit = limit_of(column)
    if limit.kind == "text":
        if not isinstance(value, str):
            return "is not a text"
        return text_problem(value, limit.max_length)
    if limit.kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return "is not a whole number"
        lo, hi = INT32
        if not lo <= value <= hi:
            return f"{_short(value)} is out of range (at most {hi:,})"
        return None
    if limit.kind == "date":
        if not isinstance(value, dt.date):
            return "is not a date"
        first, last = DATE_RANGE
        if not first <= value <= last:
            return f"{value.isoformat()} lies outside {first.year}..{last.year}"
        return None
    if limit.kind == "json":
        for path, msg in document_problems(value, root=""):
            return f"{path.lstrip('.')}: {msg}" if path else msg
        return None
    return None


def _short(value: int) -> str:
    text = str(value) if value.bit_length() < 200 else f"a {len(str(value))}-digit number"
    return text if len(text) <= 24 else f"{text[:10]}... ({len(text)} digits)"


__all__ = [
    "DATE_RANGE",
    "INT32",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_DIGITS",
    "ColumnLimit",
    "DocumentError",
    "check_document",
    "column_problem",
    "decode_utf8",
    "document_problems",
    "limit_of",
    "parse_json_document",
    "read_input",
    "text_problem",
]
