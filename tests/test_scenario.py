"""Scenario validation: every kind of mistake is found, named by file and JSON path, and a
valid file comes back normalised with the contract's defaults."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdo_planner.contract_io.scenario import (
    DEFAULT_MINUTES,
    DEFAULT_WEIGHTS,
    MAX_ERRORS,
    ScenarioError,
    load_scenario,
    validate_scenario,
)
from mdo_planner.errors import UserError
from tests.conftest import SCENARIOS, TIGHT, TIGHT_WEEK, TINY


@pytest.fixture(scope="module")
def tiny() -> dict[str, Any]:
    return json.loads((TINY).read_text(encoding="utf-8"))


def minimal() -> dict[str, Any]:
    """The smallest valid scenario, with every optional field left out."""
    return {
        "format": "mdo-planner-scenario",
        "version": 1,
        "horizon": {"start": "2027-01-04", "end": "2027-01-08"},
        "disciplines": [
            {"code": "SURG", "name": "Surgeon"},
            {"code": "PATH", "name": "Pathologist"},
        ],
        "tumour_groups": [
            {"code": "BREAST", "name": "Breast", "core_disciplines": ["SURG", "PATH"]}
        ],
        "networks": [{"id": "N1", "name": "North"}],
        "hospitals": [{"id": "H1", "name": "Hospital één", "network": "N1"}],
        "experts": [
            {
                "id": "E1",
                "name": "Dr. Ç. Jansen",
                "discipline": "SURG",
                "hospital": "H1",
                "tumour_groups": ["BREAST"],
            }
        ],
        "sessions": [
            {
                "id": "S1",
                "tumour_group": "BREAST",
                "echelon": "local",
                "hospital": "H1",
                "date": "2027-01-05",
                "start": "16:00",
                "duration_min": 60,
            }
        ],
        "cases": [
            {
                "id": "C1",
                "patient": "P-1",
                "hospital": "H1",
                "tumour_group": "BREAST",
                "echelon": "regional",
                "ready": "2027-01-04",
                "due": "2027-01-08",
            }
        ],
    }


def problems(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as info:
        validate_scenario(data, source="t.json")
    return info.value.errors


def test_defaults_are_filled_and_unknown_fields_dropped() -> None:
    data = minimal()
    data["cases"][0]["colour"] = "blue"  # unknown extra field: ignored
    data["hospitals"][0]["beds"] = 400
    sc = validate_scenario(data, "t.json")
    expert = sc["experts"][0]
    assert expert["serves"] == ["H1"]
    assert expert["max_echelon"] == "local"
    assert expert["max_sessions_per_week"] is None
    assert expert["unavailable"] == []
    case = sc["cases"][0]
    assert case["minutes"] == DEFAULT_MINUTES["regional"] == 8
    assert case["extra_disciplines"] == []
    assert case["urgent"] is False
    assert case["pinned_session"] is None
    assert case["question"] == ""
    assert "colour" not in case
    assert "beds" not in sc["hospitals"][0]
    assert sc["hospitals"][0]["expert_centre"] is False
    assert sc["sessions"][0]["mode"] == "hybrid"
    assert sc["weights"] == DEFAULT_WEIGHTS
    assert sc["previous_plan"] == []
    assert sc["hospitals"][0]["name"] == "Hospital één"


def test_partial_weights_keep_the_other_defaults() -> None:
    data = minimal()
    data["weights"] = {"moved": 99}
    assert validate_scenario(data)["weights"] == {**DEFAULT_WEIGHTS, "moved": 99}


def test_case_without_echelon_keeps_it_open_for_triage() -> None:
    data = minimal()
    del data["cases"][0]["echelon"]
    case = validate_scenario(data)["cases"][0]
    assert case["echelon"] is None
    assert case["minutes"] is None


@pytest.mark.parametrize(
    "path",
    [
        TINY,
        TIGHT,
        TIGHT_WEEK,
        *(
            pytest.param(SCENARIOS / f"{n}.json", marks=pytest.mark.contract, id=n)
            for n in ("tiny-s1", "regional-s2", "regional-s4-tight", "national-s3")
        ),
    ],
    ids=lambda p: p.stem if isinstance(p, Path) else None,
)
def test_scenarios_are_valid(path: Path) -> None:
    name = path.stem
    raw = json.loads(path.read_text(encoding="utf-8"))
    sc = validate_scenario(raw, f"{name}.json")
    for key in ("experts", "sessions", "cases"):
        assert len(sc[key]) == len(raw[key])
    # A stated minutes value is kept, a missing one gets the echelon's default.
    for stated, out in zip(raw["cases"], sc["cases"], strict=True):
        assert out["minutes"] == stated.get("minutes", DEFAULT_MINUTES[stated["echelon"]])


@pytest.mark.parametrize(
    ("mutate", "path", "text"),
    [
        (
            lambda d: d["cases"][0].update(ready="tomorrow"),
            "$.cases[0].ready",
            "'tomorrow' is not a date (YYYY-MM-DD)",
        ),
        (lambda d: d["cases"][0].update(due="2027-02-30"), "$.cases[0].due", "is not a date"),
        (
            lambda d: d["cases"][0].update(hospital="H9"),
            "$.cases[0].hospital",
            "unknown hospital 'H9'",
        ),
        (
            lambda d: d["cases"][0].update(tumour_group="LUNG"),
            "$.cases[0].tumour_group",
            "unknown tumour group 'LUNG'",
        ),
        (
            lambda d: d["cases"][0].update(extra_disciplines=["GERIATR"]),
            "$.cases[0].extra_disciplines[0]",
            "unknown discipline 'GERIATR'",
        ),
        (
            lambda d: d["cases"][0].update(pinned_session="S7"),
            "$.cases[0].pinned_session",
            "unknown session 'S7'",
        ),
        (lambda d: d["cases"][0].update(urgent="yes"), "$.cases[0].urgent", "not true or false"),
        (lambda d: d["cases"][0].update(minutes=-1), "$.cases[0].minutes", "at least 0"),
        (
            lambda d: d["cases"][0].update(echelon="national"),
            "$.cases[0].echelon",
            "is not one of local, regional, supraregional",
        ),
        (lambda d: d["cases"][0].pop("patient"), "$.cases[0]", "missing required field 'patient'"),
        (
            lambda d: d["cases"].append(dict(d["cases"][0])),
            "$.cases[1].id",
            "duplicate id 'C1' (first at $.cases[0])",
        ),
        (
            lambda d: d["hospitals"][0].update(network="N2"),
            "$.hospitals[0].network",
            "unknown network 'N2'",
        ),
        (
            lambda d: d["experts"][0].update(discipline="XX"),
            "$.experts[0].discipline",
            "unknown discipline 'XX'",
        ),
        (
            lambda d: d["experts"][0].update(serves=["H1", "H2"]),
            "$.experts[0].serves[1]",
            "unknown hospital 'H2'",
        ),
        (
            lambda d: d["experts"][0].update(tumour_groups=["SKIN"]),
            "$.experts[0].tumour_groups[0]",
            "unknown tumour group 'SKIN'",
        ),
        (
            lambda d: d["experts"][0].update(max_sessions_per_week=2.5),
            "$.experts[0].max_sessions_per_week",
            "not a whole number",
        ),
        (
            lambda d: d["experts"][0].update(
                unavailable=[{"from": "2027-01-09", "to": "2027-01-02"}]
            ),
            "$.experts[0].unavailable[0]",
            "lies after",
        ),
        (
            lambda d: d["sessions"][0].update(duration_min=0),
            "$.sessions[0].duration_min",
            "at least 1",
        ),
        (
            lambda d: d["sessions"][0].update(duration_min="60"),
            "$.sessions[0].duration_min",
            "'60' is not a whole number",
        ),
        (lambda d: d["sessions"][0].update(start="4 pm"), "$.sessions[0].start", "is not a time"),
        (lambda d: d["sessions"][0].update(mode="phone"), "$.sessions[0].mode", "is not one of"),
        (
            lambda d: d["tumour_groups"][0].update(core_disciplines=["SURG", "RADIOL"]),
            "$.tumour_groups[0].core_disciplines[1]",
            "unknown discipline 'RADIOL'",
        ),
        (lambda d: d["horizon"].update(end="2027-01-01"), "$.horizon", "lies after end"),
        (
            lambda d: d.update(previous_plan=[{"case": "C2", "session": "S1"}]),
            "$.previous_plan[0].case",
            "unknown case 'C2'",
        ),
        (
            lambda d: d.update(
                previous_plan=[{"case": "C1", "session": "S1"}, {"case": "C1", "session": "S1"}]
            ),
            "$.previous_plan[1].case",
            "already has a previous session",
        ),
        (
            lambda d: d.update(format="mdo-planner-plan"),
            "$.format",
            "is not 'mdo-planner-scenario'",
        ),
        (lambda d: d.update(version=2), "$.version", "not a supported version"),
        (lambda d: d.update(cases={"C1": {}}), "$.cases", "must be a list"),
        (lambda d: d["cases"].__setitem__(0, "C1"), "$.cases[0]", "must be an object"),
        (lambda d: d.update(weights={"unplanned": "a lot"}), "$.weights.unplanned", "not a number"),
        (lambda d: d.update(weights={"moved": float("nan")}), "$.weights.moved", "not a number"),
        (lambda d: d.update(weights={"moved": -3}), "$.weights.moved", "must not be negative"),
        (lambda d: d["networks"][0].update(id=""), "$.networks[0].id", "must not be empty"),
    ],
)
def test_each_mistake_is_named_by_its_json_path(mutate: Any, path: str, text: str) -> None:
    data = minimal()
    mutate(data)
    found = problems(data)
    assert any(p == path and text in msg for p, msg in found), found


def test_message_names_file_path_and_problem() -> None:
    data = minimal()
    data["cases"][0]["ready"] = "tomorrow"
    with pytest.raises(UserError) as info:
        validate_scenario(data, source="tiny.json")
    assert str(info.value) == "tiny.json: $.cases[0].ready: 'tomorrow' is not a date (YYYY-MM-DD)"


def test_all_problems_are_collected_up_to_a_limit(tiny: dict[str, Any]) -> None:
    data = copy.deepcopy(tiny)
    for case in data["cases"]:
        case["ready"] = "soon"
    with pytest.raises(ScenarioError) as info:
        validate_scenario(data, "tiny.json")
    err = info.value
    assert len(err.errors) == MAX_ERRORS
    assert err.more == len(data["cases"]) - MAX_ERRORS
    text = str(err)
    assert text.splitlines()[0] == f"tiny.json: {len(data['cases'])} problems found:"
    assert f"... and {err.more} more problem(s)" in text


def test_root_must_be_an_object() -> None:
    assert problems([1, 2]) == [("$", "must be an object, not a list")]


def test_complexity_is_checked_by_the_triage_when_present() -> None:
    pytest.importorskip("mdo_planner.triage")
    data = minimal()
    data["cases"][0]["complexity"] = {"phase": "someday", "pathology_available": "yes"}
    found = problems(data)
    paths = {p for p, _ in found}
    assert "$.cases[0].complexity.phase" in paths
    assert "$.cases[0].complexity.pathology_available" in paths


def test_valid_complexity_travels_unchanged() -> None:
    data = minimal()
    cx = {"phase": "recurrence", "stage": "III", "pathology_available": True, "age": 70}
    data["cases"][0]["complexity"] = cx
    assert validate_scenario(data)["cases"][0]["complexity"] == cx


def test_load_scenario_reports_bad_json_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        '{\n  "format": "mdo-planner-scenario",\n  "version": 1,,\n}\n', encoding="utf-8"
    )
    with pytest.raises(UserError) as info:
        load_scenario(path)
    assert str(info.value).startswith("broken.json: line 3, column 16: invalid JSON")


def test_load_scenario_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        load_scenario(tmp_path / "nope.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "één"}'.encode("latin-1"))
    with pytest.raises(UserError, match="not UTF-8"):
        load_scenario(latin)


def test_load_scenario_names_the_file(tmp_path: Path) -> None:
    data = minimal()
    data["sessions"][0]["date"] = "05-01-2027"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match=r"^mine\.json: \$\.sessions\[0\]\.date: '05-01-2027'"):
        load_scenario(path)


# --------------------------------------------------------------------------- robustness

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_damage_is_reported_never_a_crash(data: st.DataObject) -> None:
    """Whatever a file holds in whatever place, the answer is a scenario or a ScenarioError."""
    doc = minimal()
    doc["previous_plan"] = [{"case": "C1", "session": "S1"}]
    doc["experts"][0]["unavailable"] = [{"from": "2027-01-05", "to": "2027-01-06"}]
    doc["cases"][0]["complexity"] = {"phase": "recurrence", "pathology_available": True}
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    replacement = data.draw(_json)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    try:
        out = validate_scenario(doc, "fuzz.json")
    except ScenarioError as exc:
        assert exc.errors
        assert all(p.startswith("$") for p, _ in exc.errors if p)
    else:
        assert out["format"] == "mdo-planner-scenario"
