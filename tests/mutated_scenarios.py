"""52 mutated scenario files: every kind of bad input the import met in the field.

Each mutation takes the small valid scenario (``tests.small_scenario``) and returns the bytes
of a file, with the exit status the import must end in and, for a refusal, the JSON path (or
line/column) the message must name. The same list drives the SQLite and PostgreSQL runs, so
both backends are held to one verdict per file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.small_scenario import small_scenario


@dataclass(frozen=True)
class Mutation:
    id: str
    make: Callable[[], bytes]
    #: 0: imported; 2: refused, with ``where`` in the message.
    exit: int
    where: str = ""


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _with(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        data = small_scenario()
        change(data)
        return _dump(data)

    return make


def _set(path: str, value: Any) -> Callable[[], bytes]:
    """``_set("cases.0.question", v)``: one field replaced."""
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]

    def change(data: dict[str, Any]) -> None:
        obj: Any = data
        for k in keys[:-1]:
            obj = obj[k]
        obj[keys[-1]] = value

    return _with(change)


def _raw(text: str | bytes) -> Callable[[], bytes]:
    return lambda: text if isinstance(text, bytes) else text.encode("utf-8")


def _replace(old: str, new: str) -> Callable[[], bytes]:
    """Edit the JSON text itself (for what ``json.dumps`` cannot write)."""

    def make() -> bytes:
        text = json.dumps(small_scenario(), ensure_ascii=False)
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")

    return make


def _nested(depth: int) -> Callable[[], bytes]:
    def make() -> bytes:
        text = json.dumps(small_scenario(), ensure_ascii=False)
        return (text[:-1] + ', "x_extra": ' + "[" * depth + "]" * depth + "}").encode("utf-8")

    return make


_BIG = "9" * 5000
_CASE0 = "$.cases[0]"

MUTATIONS: tuple[Mutation, ...] = (
    # -- text that no database column can hold
    Mutation(
        "lone-surrogate-question",
        _replace('"Operable?"', '"Oper\\ud800able?"'),
        2,
        "$.cases[1].question",
    ),
    Mutation(
        "lone-surrogate-case-id", _replace('"id": "C3"', '"id": "C\\udfff3"'), 2, "$.cases[2].id"
    ),
    Mutation(
        "lone-surrogate-in-ignored-field",
        _replace('"urgent": true', '"urgent": true, "x_note": "\\ud83d"'),
        2,
        "$.cases[1].x_note",
    ),
    Mutation(
        "nul-in-question", _set("cases.0.question", "before\x00after"), 2, f"{_CASE0}.question"
    ),
    Mutation("nul-in-expert-name", _set("experts.1.name", "Dr.\x00B"), 2, "$.experts[1].name"),
    Mutation("nul-in-patient-ref", _set("cases.2.patient", "P-\x00"), 2, "$.cases[2].patient"),
    Mutation(
        "nul-in-complexity-key",
        _with(lambda d: d["cases"][2]["complexity"].update({"note\x00": True})),
        2,
        "$.cases[2].complexity",
    ),
    Mutation(
        "surrogate-in-complexity-value",
        _replace('"stage": "II"', '"stage": "II", "x_free": "\\udc80"'),
        2,
        "$.cases[2].complexity.x_free",
    ),
    # -- longer than the column
    Mutation("patient-ref-10000", _set("cases.0.patient", "P" * 10_000), 2, f"{_CASE0}.patient"),
    Mutation("expert-name-1000", _set("experts.0.name", "N" * 1000), 2, "$.experts[0].name"),
    Mutation("case-id-200", _set("cases.1.id", "C" * 200), 2, "$.cases[1].id"),
    Mutation(
        "session-id-65",
        _with(
            lambda d: (
                d["sessions"][0].update(id="S" * 65),
                d["previous_plan"][0].update(session="S" * 65),
            )
        ),
        2,
        "$.sessions[0].id",
    ),
    Mutation(
        "discipline-code-33",
        _with(
            lambda d: (
                d["disciplines"][2].update(code="P" * 33),
                d["tumour_groups"][0]["core_disciplines"].remove("PATH"),
                d["tumour_groups"][1]["core_disciplines"].remove("PATH"),
                d["experts"][2].update(discipline="P" * 33),
            )
        ),
        2,
        "$.disciplines[2].code",
    ),
    Mutation(
        "tumour-group-code-33", _set("tumour_groups.1.code", "L" * 33), 2, "$.tumour_groups[1].code"
    ),
    Mutation("hospital-name-201", _set("hospitals.1.name", "H" * 201), 2, "$.hospitals[1].name"),
    Mutation("network-name-201", _set("networks.0.name", "N" * 201), 2, "$.networks[0].name"),
    Mutation(
        "network-id-65",
        _with(
            lambda d: (
                d["networks"][0].update(id="N" * 65),
                [h.update(network="N" * 65) for h in d["hospitals"]],
            )
        ),
        2,
        "$.networks[0].id",
    ),
    Mutation("hospital-id-65", _set("hospitals.1.id", "H" * 65), 2, "$.hospitals[1].id"),
    Mutation(
        "discipline-name-201", _set("disciplines.0.name", "D" * 201), 2, "$.disciplines[0].name"
    ),
    Mutation(
        "tumour-group-name-201",
        _set("tumour_groups.0.name", "T" * 201),
        2,
        "$.tumour_groups[0].name",
    ),
    Mutation("question-100000", _set("cases.0.question", "Q" * 100_000), 0),
    Mutation("patient-ref-64-fits", _set("cases.0.patient", "P" * 64), 0),
    Mutation("expert-name-200-fits", _set("experts.0.name", "é" * 200), 0),
    # -- numbers no column can hold
    Mutation(
        "duration-2^63", _set("sessions.0.duration_min", 2**63), 2, "$.sessions[0].duration_min"
    ),
    Mutation(
        "duration-2^31", _set("sessions.1.duration_min", 2**31), 2, "$.sessions[1].duration_min"
    ),
    Mutation(
        "weekly-limit-10^12",
        _set("experts.0.max_sessions_per_week", 10**12),
        2,
        "$.experts[0].max_sessions_per_week",
    ),
    Mutation("minutes-10^12", _set("cases.0.minutes", 10**12), 2, f"{_CASE0}.minutes"),
    Mutation("minutes-2^31-1-fits", _set("cases.0.minutes", 2**31 - 1), 0),
    Mutation("minutes-negative", _set("cases.0.minutes", -1), 2, f"{_CASE0}.minutes"),
    Mutation(
        "5000-digit-duration",
        _replace('"duration_min": 30', f'"duration_min": {_BIG}'),
        2,
        "$.sessions[0].duration_min",
    ),
    Mutation(
        "5000-digit-in-ignored-field",
        _replace('"urgent": false', f'"urgent": false, "x_count": -{_BIG}'),
        2,
        "$.cases[0].x_count",
    ),
    Mutation("weight-400-digits", _set("weights.unplanned", 10**400), 2, "$.weights.unplanned"),
    Mutation(
        "weight-1e400",
        _replace('"unplanned": 1000', '"unplanned": 1e400'),
        2,
        "$.weights.unplanned",
    ),
    Mutation("nan-weight", _replace('"late_day": 20', '"late_day": NaN'), 2, "$.weights.late_day"),
    Mutation(
        "infinity-duration",
        _replace('"duration_min": 45', '"duration_min": Infinity'),
        2,
        "$.sessions[1].duration_min",
    ),
    Mutation(
        "minus-infinity-minutes",
        _replace('"minutes": 4', '"minutes": -Infinity'),
        2,
        f"{_CASE0}.minutes",
    ),
    Mutation(
        "fractional-duration",
        _set("sessions.0.duration_min", 30.5),
        2,
        "$.sessions[0].duration_min",
    ),
    # -- dates outside any sane range
    Mutation("year-0001", _set("cases.0.ready", "0001-01-01"), 2, f"{_CASE0}.ready"),
    Mutation("year-9999", _set("sessions.0.date", "9999-12-31"), 2, "$.sessions[0].date"),
    Mutation("february-30", _set("cases.1.due", "2027-02-30"), 2, "$.cases[1].due"),
    Mutation(
        "leave-year-1899",
        _set("experts.0.unavailable.0.from", "1899-12-31"),
        2,
        "$.experts[0].unavailable[0].from",
    ),
    # -- files that are not (good) JSON
    Mutation("truncated", lambda: _dump(small_scenario())[:700], 2, "line 1, column"),
    Mutation("empty", _raw(b""), 2, "line 1, column 1"),
    Mutation("whitespace-only", _raw(b"  \n\t\n"), 2, "line 3, column 1"),
    Mutation(
        "invalid-utf8",
        lambda: _dump(small_scenario()).replace(b"Operable", b"Op\xffrable"),
        2,
        "not UTF-8",
    ),
    Mutation("utf-16", lambda: json.dumps(small_scenario()).encode("utf-16"), 2, "not UTF-8"),
    Mutation("utf-8-bom-accepted", lambda: b"\xef\xbb\xbf" + _dump(small_scenario()), 0),
    Mutation("nesting-100000", _nested(100_000), 2, "nested more than"),
    Mutation("nesting-500", _nested(500), 2, "$.x_extra"),
    Mutation(
        "duplicate-key-in-case", _replace('"id": "C2"', '"id": "C2", "id": "C9"'), 2, "$.cases[1]"
    ),
    Mutation(
        "duplicate-top-level-key",
        _replace('"name": "small robustness network"', '"name": "a", "name": "b"'),
        2,
        "$: key 'name'",
    ),
    Mutation("root-is-a-list", _raw("[]"), 2, "$: must be an object"),
)

assert len(MUTATIONS) == 52, len(MUTATIONS)
assert len({mu.id for mu in MUTATIONS}) == len(MUTATIONS)
