"""Rule sets as TOML or JSON files: reading within the input limits, writing whole or not at all,
and the shipped default.
"""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

from mdo_planner.errors import UserError
from mdo_planner.triage.rules.model import RuleSet
from mdo_planner.triage.rules.validation import rule_set_from_document


def load_rule_set(path: str | Path) -> RuleSet:
    """Read a rule set from a ``.toml`` or ``.json`` file (by its extension).

    The file must be a regular file within the input limits of :mod:`mdo_planner.infra.limits`
    (a symlink to ``/dev/zero`` is refused, not read forever).
    """
    from mdo_planner.infra.limits import read_input

    path = Path(path)
    fmt = _format_of(path)
    raw = read_input(path, "rule set", max_bytes=MAX_RULE_FILE_BYTES)
    return loads_rule_set(raw, fmt=fmt, source=str(path))


#: A rule set is a page of text; a megabyte is already absurd.
MAX_RULE_FILE_BYTES = 1024 * 1024


def loads_rule_set(data: str | bytes, *, fmt: str, source: str = "rule set") -> RuleSet:
    """Parse a rule set from TOML or JSON text (``fmt`` is ``"toml"`` or ``"json"``).

    Both go through the same input limits as every other document (UTF-8, nesting depth,
    number length, no NaN or infinities, no text a database cannot store), so a broken file
    is a message naming the file, never a ``RecursionError`` or ``UnicodeDecodeError``.
    """
    from mdo_planner.infra.limits import check_document, decode_utf8, parse_json_document

    if fmt == "json":
        doc = parse_json_document(data, source)
        return rule_set_from_document(doc, source)
    if fmt != "toml":
        raise ValueError(fmt)
    text = decode_utf8(data, source) if isinstance(data, bytes) else data
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{source}: not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise UserError(f"{source}: not a usable rule set: nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise UserError(f"{source}: not a usable rule set: a number is too long") from exc
    check_document(doc, source)
    return rule_set_from_document(doc, source)


def dumps_rule_set(rs: RuleSet, *, fmt: str) -> str:
    """The rule set as TOML or JSON text; reading it back gives an equal rule set."""
    doc = rs.to_document()
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        import tomli_w

        return tomli_w.dumps(doc)
    raise ValueError(f"unknown rule-set format {fmt!r}; expected toml or json")


def dump_rule_set(rs: RuleSet, path: str | Path) -> None:
    """Write a rule set to a ``.toml`` or ``.json`` file; the file is replaced whole, so a
    failed export never leaves half a rule set behind."""
    path = Path(path)
    text = dumps_rule_set(rs, fmt=_format_of(path))
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write the rule set: {exc.strerror or exc}") from exc


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):
        return suffix[1:]
    raise UserError(f"{path}: a rule set file must end in .toml or .json")


_DEFAULT: RuleSet | None = None


def default_rule_set() -> RuleSet:
    """The shipped default (planning contract, version 1), parsed once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        text = (
            resources.files("mdo_planner.triage")
            .joinpath("default_rules.toml")
            .read_text(encoding="utf-8")
        )
        _DEFAULT = loads_rule_set(text, fmt="toml", source="default_rules.toml")
    return _DEFAULT
