"""Hostile care-network fields through ``mdo-planner import`` on SQLite and PostgreSQL.

The care scenario (``tests.care_scenario``) with one field mutated: each file is refused with
exit 2, the file name and the JSON path in the message, never a traceback, the same verdict on
both backends, and the database that already held a network is unchanged after the refusal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mdo_planner.infra import config
from mdo_planner.launcher import main
from tests.care_scenario import care_scenario
from tests.small_scenario import renamed, small_scenario
from tests.test_robust_import import BACKENDS, snapshot

_LONG = "x" * 10_000
_CN0 = "$.care_networks[0]"


def _cn(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["care_networks"][0][field] = value

    return change


#: (id, change, JSON path the refusal must name)
CARE_MUTATIONS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    # a VARCHAR(200)/(50) column: SQLite stores any length, PostgreSQL raised a DataError
    ("contact-name-10000", _cn("contact", {"name": _LONG}), f"{_CN0}.contact.name"),
    ("contact-email-10000", _cn("contact", {"email": _LONG}), f"{_CN0}.contact.email"),
    ("contact-phone-51", _cn("contact", {"phone": "0" * 51}), f"{_CN0}.contact.phone"),
    ("contact-name-nul", _cn("contact", {"name": "a\x00b"}), f"{_CN0}.contact.name"),
    # region entries that look like postcodes but are none were taken as municipality
    # names: the network silently never held anyone
    ("region-en-dash", _cn("region", ["5600\u20135658"]), f"{_CN0}.region[0]"),
    ("region-five-digits", _cn("region", ["56000"]), f"{_CN0}.region[0]"),
    ("region-huge-range", _cn("region", ["1-99999999999999999999"]), f"{_CN0}.region[0]"),
    ("region-10000", _cn("region", ["Eindhoven", _LONG]), f"{_CN0}.region[1]"),
]


def _database(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = (
        config.sqlite_url(tmp_path / "db.sqlite")
        if backend == "sqlite"
        else str(request.getfixturevalue("pg_url"))
    )
    old = tmp_path / "old.json"
    old.write_text(json.dumps(renamed(small_scenario(), "OLD-")), encoding="utf-8")
    assert main(["import", str(old), "--db", url]) == 0
    return url


@pytest.mark.parametrize(
    ("change", "where"),
    [pytest.param(c, w, id=i) for i, c, w in CARE_MUTATIONS],
)
@pytest.mark.parametrize("backend", BACKENDS)
def test_mutated_care_field_is_refused(
    change: Callable[[dict[str, Any]], None],
    where: str,
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = _database(backend, request, tmp_path)
    data = care_scenario()
    change(data)
    path = tmp_path / "care.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = snapshot(url)
    capsys.readouterr()
    rc = main(["import", str(path), "--db", url])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert rc == 2, err[:500]
    assert "care.json" in err and where in err, err[:800]
    assert snapshot(url) == before


@pytest.mark.parametrize(
    ("change", "cause"),
    [
        (_cn("id", 5), f"{_CN0}.id: 5 is not a string"),
        (_cn("professionals", "all of them"), f"{_CN0}.professionals: must be a list"),
    ],
)
def test_a_broken_care_network_is_named_before_its_knock_on_errors(
    change: Callable[[dict[str, Any]], None], cause: str, tmp_path: Path
) -> None:
    """A wrong care-network id or member list also breaks what the network implies for its
    professionals (their tumour groups): the cause must be the first line, not the last of a
    dozen knock-on problems (or missing from a long list), and it is named once."""
    from mdo_planner.contract_io.scenario import ScenarioError, validate_scenario

    data = care_scenario()
    change(data)
    with pytest.raises(ScenarioError) as caught:
        validate_scenario(data, "care.json")
    lines = [f"{path}: {message}" for path, message in caught.value.errors]
    assert lines[0].startswith(cause), lines[:3]
    assert sum(line.startswith(cause) for line in lines) == 1, lines
