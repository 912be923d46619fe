"""Property test of the meeting-record validator: any JSON value, and any mutation of a valid
record, gives either a normalised record or a clean refusal naming JSON paths, never a crash.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdo_planner.contract_io.meeting_record import (
    MeetingRecordError,
    RecordContext,
    validate_record,
)
from mdo_planner.errors import UserError
from tests import meeting_factory as mf

TODAY = dt.date.today()
CONTEXT = RecordContext(
    session="S1",
    date=TODAY - dt.timedelta(days=mf.HELD),
    cancelled=False,
    today=TODAY,
    agenda=("C1", "C2", "C3", "C4", "P1"),
    noting=frozenset({"P1"}),
    experts=frozenset({"E1", "E2", "E3", "E4", "E5"}),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
#: Field names a mutation may hit: the record's own, so that mutations reach deep checks.
KEYS = st.sampled_from(
    [
        "format",
        "version",
        "session",
        "chair",
        "attendance",
        "cases",
        "case",
        "outcome",
        "recommendation",
        "consensus",
        "intent",
        "follow_up",
        "rediscuss_on",
        "echelon",
        "question",
        "referral",
        "reason",
        "note",
        "minutes",
        "amendment_reason",
    ]
)


def _check(data: Any, context: RecordContext | None) -> None:
    try:
        out = validate_record(data, "prop.json", context)
    except MeetingRecordError as exc:
        assert exc.errors and all(path.startswith("$") or path == "" for path, _ in exc.errors)
        assert str(exc).startswith("prop.json")
        return
    except UserError as exc:  # pragma: no cover - the validator raises its own error only
        raise AssertionError(f"unexpected refusal type: {exc!r}") from exc
    assert out["format"] == "mdo-planner-meeting" and out["chair"] in out["attendance"]
    if context is not None:
        assert sorted(c["case"] for c in out["cases"]) == sorted(context.agenda)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values, st.booleans())
def test_any_json_value_is_accepted_or_refused_cleanly(data: Any, with_context: bool) -> None:
    _check(data, CONTEXT if with_context else None)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated_records(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(mf.record())
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(KEYS)] = draw(json_values)
        else:
            parent.append(draw(json_values))
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records(), st.booleans())
def test_mutations_of_a_valid_record_never_crash(doc: Any, with_context: bool) -> None:
    _check(doc, CONTEXT if with_context else None)


def test_the_unmutated_record_is_valid() -> None:
    out = validate_record(mf.record(), "ok.json", CONTEXT)
    assert [c["outcome"] for c in out["cases"]] == [
        "discussed",
        "deferred",
        "not_discussed",
        "discussed",
        "noted",
    ]
