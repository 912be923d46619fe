"""Hypothesis: every validator (scenario, triage input, rule set) answers arbitrary JSON-like
values and mutations of valid documents with success or a clean refusal (a ``UserError``),
never another exception; a refused import leaves the database as it was, an accepted one
is stored without the database objecting."""

from __future__ import annotations

import contextlib
import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdo_planner.commands.triage import read_cases
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.contract_io.scenario import parse_json, validate_scenario
from mdo_planner.errors import UserError
from mdo_planner.infra import config
from mdo_planner.services.base import open_database
from mdo_planner.triage import default_rule_set, rule_set_from_document, triage
from tests.small_scenario import small_scenario

# Text with everything a file can carry: NUL, lone surrogates, astral characters.
_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=80) | st.sampled_from(
    [
        "",
        "C1",
        "S1",
        "H1",
        "N1",
        "BREAST",
        "SURG",
        "local",
        "regional",
        "2027-01-06",
        "08:00",
        "x" * 65,
        "y" * 201,
        "\x00",
        "\ud800",
    ]
)
_NUMBER = (
    st.integers(-(10**25), 10**25)
    | st.sampled_from([0, 1, -1, 2**31, 2**63, 10**12])
    | st.floats(allow_nan=True, allow_infinity=True)
)
_SCALAR = st.none() | st.booleans() | _NUMBER | _TEXT
JSON = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``doc`` (the targets of a mutation)."""
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _mutated(doc: dict[str, Any], path: tuple[Any, ...], value: Any, drop: bool) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    obj: Any = out
    for k in path[:-1]:
        obj = obj[k]
    if drop:
        del obj[path[-1]]
    else:
        obj[path[-1]] = value
    return out


SCENARIO_PATHS = _paths(small_scenario())
RULE_DOC = default_rule_set().to_document()
RULE_PATHS = _paths(RULE_DOC)


# --------------------------------------------------------------------------- scenario


@SETTINGS
@given(JSON)
def test_scenario_validator_on_arbitrary_values(data: Any) -> None:
    with contextlib.suppress(UserError):
        validate_scenario(data, source="x.json")


@SETTINGS
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_scenario_parser_on_arbitrary_bytes(raw: bytes) -> None:
    with contextlib.suppress(UserError):
        validate_scenario(parse_json(raw, "x.json"), source="x.json")


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One database holding the network under other ids, opened once for all examples."""
    url = config.sqlite_url(tmp_path_factory.mktemp("prop") / "p.sqlite")
    db = open_database(url)
    try:
        import_scenario(db, _renamed(small_scenario()), "test")
        yield db
    finally:
        db.dispose()


def _renamed(doc: dict[str, Any]) -> dict[str, Any]:
    from tests.small_scenario import renamed

    return renamed(doc, "OLD-")


def _counts(db: Any) -> dict[str, int]:
    import sqlalchemy as sa

    from db.models import Base

    with db.engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
        }


@SETTINGS
@given(st.sampled_from(SCENARIO_PATHS), JSON, st.booleans())
def test_mutated_scenarios_are_stored_or_refused_without_a_trace(
    loaded_db: Any, path: tuple[Any, ...], value: Any, drop: bool
) -> None:
    data = _mutated(small_scenario(), path, value, drop)
    before = _counts(loaded_db)
    # A dry run does every insert (the database's own checks included), then rolls back: an
    # accepted document must be storable, a refused one changes nothing.
    with contextlib.suppress(UserError):
        import_scenario(loaded_db, data, "test", source="m.json", dry_run=True)
    assert _counts(loaded_db) == before


# --------------------------------------------------------------------------- triage input

_TMP = Path(tempfile.mkdtemp(prefix="mdo-prop-"))

GOOD_CASE = {
    "id": "C1",
    "tumour_group": "BREAST",
    "question": "Adjuvant?",
    "complexity": {"phase": "pre_treatment", "stage": "II", "age": 61},
}


def _triage_file(data: Any) -> Path:
    path = _TMP / "cases.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@SETTINGS
@given(JSON | st.lists(JSON, max_size=3))
def test_triage_input_on_arbitrary_values(data: Any) -> None:
    try:
        cases = read_cases(_triage_file(data))
    except UserError:
        return
    for _cid, tg, q, c in cases:
        triage(c, tumour_group=tg, question=q, rules=default_rule_set()).to_json("en")


@SETTINGS
@given(st.sampled_from(_paths([GOOD_CASE])), JSON, st.booleans())
def test_triage_input_mutations(path: tuple[Any, ...], value: Any, drop: bool) -> None:
    data = _mutated({"cases": [GOOD_CASE]}, ("cases", *path), value, drop)["cases"]
    try:
        cases = read_cases(_triage_file(data))
    except UserError:
        return
    for _cid, tg, q, c in cases:
        json.dumps(triage(c, tumour_group=tg, question=q, rules=default_rule_set()).to_json("nl"))


# --------------------------------------------------------------------------- rule sets


@SETTINGS
@given(JSON)
def test_rule_set_validator_on_arbitrary_values(doc: Any) -> None:
    with contextlib.suppress(UserError):
        rule_set_from_document(doc, "r.toml")


@SETTINGS
@given(st.sampled_from(RULE_PATHS), JSON, st.booleans())
def test_rule_set_mutations(path: tuple[Any, ...], value: Any, drop: bool) -> None:
    doc = _mutated(RULE_DOC, path, value, drop)
    try:
        rules = rule_set_from_document(doc, "r.toml")
    except UserError:
        return
    for group in ("BREAST", "SARCOMA"):
        triage(GOOD_CASE["complexity"], tumour_group=group, question="?", rules=rules)
