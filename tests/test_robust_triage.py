"""``mdo-planner triage`` with 13 bad case files and ``--rules`` with 16 bad rule files: each
ends in exit 0 or exit 2 naming the file, never a traceback; nothing is read forever."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mdo_planner.launcher import main
from mdo_planner.triage import default_rule_set, dumps_rule_set

GOOD_CASES = [
    {
        "id": "C1",
        "tumour_group": "BREAST",
        "question": "Adjuvant?",
        "complexity": {
            "phase": "pre_treatment",
            "stage": "II",
            "age": 61,
            "who_performance": 1,
            "pathology_available": True,
            "imaging_available": True,
        },
    },
    {"id": "C2", "tumour_group": "LUNG", "question": None},
]


def _cases_text() -> str:
    return json.dumps(GOOD_CASES)


def _devzero(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.symlink("/dev/zero", path)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


BAD_CASES: dict[str, Callable[[Path], Path]] = {
    "lone-surrogate-id": _bytes(_cases_text().replace('"C1"', '"C\\ud800"').encode()),
    "lone-surrogate-question": _bytes(_cases_text().replace("Adjuvant?", "\\udfff").encode()),
    "nul-in-tumour-group": _bytes(_cases_text().replace('"LUNG"', '"LU\\u0000NG"').encode()),
    "5000-digit-age": _bytes(_cases_text().replace('"age": 61', '"age": ' + "7" * 5000).encode()),
    "nan-age": _bytes(_cases_text().replace('"age": 61', '"age": NaN').encode()),
    "nesting-100000": _bytes(("[" * 100_000 + "]" * 100_000).encode()),
    "duplicate-keys": _bytes(
        _cases_text().replace('"id": "C2"', '"id": "C2", "id": "C3"').encode()
    ),
    "invalid-utf8": _bytes(_cases_text().encode().replace(b"Adjuvant", b"Adj\xc3uvant")),
    "utf-16": _bytes(_cases_text().encode("utf-16")),
    "empty": _bytes(b""),
    "truncated": _bytes(_cases_text().encode()[:60]),
    "symlink-to-dev-zero": _devzero,
    "a-folder": _folder,
}


def _toml() -> str:
    return dumps_rule_set(default_rule_set(), fmt="toml")


def _json() -> str:
    return dumps_rule_set(default_rule_set(), fmt="json")


BAD_RULES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "toml-nesting-50000": ("toml", _bytes(("x = " + "[" * 50_000 + "]" * 50_000).encode())),
    "toml-not-utf8": ("toml", _bytes(_toml().encode().replace(b"name", b"n\xffme", 1))),
    "toml-utf-16": ("toml", _bytes(_toml().encode("utf-16"))),
    "toml-symlink-to-dev-zero": ("toml", _devzero),
    "toml-empty": ("toml", _bytes(b"")),
    "toml-truncated": ("toml", _bytes(_toml().encode()[: len(_toml()) // 3])),
    "toml-5000-digit-integer": (
        "toml",
        _bytes(f"version = {'9' * 5000}\n".encode() + _toml().encode().split(b"\n", 1)[1]),
    ),
    "toml-infinite-minutes": (
        "toml",
        _bytes(_toml().replace("local = 4", "local = inf", 1).encode()),
    ),
    "toml-nan-minutes": ("toml", _bytes(_toml().replace("local = 4", "local = nan", 1).encode())),
    "toml-nul-in-name": (
        "toml",
        _bytes(_toml().replace('name = "', 'name = "\\u0000', 1).encode()),
    ),
    "toml-a-folder": ("toml", _folder),
    "json-nan": ("json", _bytes(_json().replace('"local": 4', '"local": NaN', 1).encode())),
    "json-nesting-100000": ("json", _bytes(("[" * 100_000 + "]" * 100_000).encode())),
    "json-duplicate-keys": (
        "json",
        _bytes(_json().replace('"local": 4', '"local": 4, "local": 5', 1).encode()),
    ),
    "json-lone-surrogate": (
        "json",
        _bytes(_json().replace('"name": "', '"name": "\\ud800', 1).encode()),
    ),
    "json-huge-file": ("json", _bytes(b" " * (1024 * 1024 + 1) + _json().encode())),
}


@pytest.mark.parametrize("kind", list(BAD_CASES))
def test_bad_case_files(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD_CASES[kind](tmp_path / "cases.json")
    rc = main(["triage", str(path)])
    captured = capsys.readouterr()
    assert rc == 2, (kind, captured.err[:400])
    assert "Traceback" not in captured.err
    assert "cases.json" in captured.err
    assert len(captured.err.splitlines()) <= 25
    assert captured.out == ""


@pytest.mark.parametrize("kind", list(BAD_RULES))
def test_bad_rule_files(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fmt, make = BAD_RULES[kind]
    rules = make(tmp_path / f"rules.{fmt}")
    cases = tmp_path / "cases.json"
    cases.write_text(_cases_text(), encoding="utf-8")
    rc = main(["triage", str(cases), "--rules", str(rules)])
    captured = capsys.readouterr()
    assert rc == 2, (kind, captured.err[:400])
    assert "Traceback" not in captured.err
    assert f"rules.{fmt}" in captured.err
    assert captured.out == ""


def test_good_files_still_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(_cases_text(), encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text(_toml(), encoding="utf-8")
    assert main(["triage", str(cases), "--rules", str(rules)]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"C1", "C2"}
