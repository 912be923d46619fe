"""No patient data in logs: the log of failing operations is scanned for the BSN, name and
birth date of the case involved (and the patient reference and question of an import)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mdo_planner.infra import config
from mdo_planner.infra.logging_setup import setup_logging, teardown_logging
from mdo_planner.launcher import main
from mdo_planner.services import cases_service
from mdo_planner.services.base import open_database
from tests.small_scenario import small_scenario

BSN = "111222333"  # passes the elfproef
NAME = "Wilhelmina-" + "Zonnebloem" * 21  # 221 characters
BIRTH = dt.date(1951, 3, 17)

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.pg),
]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return config.sqlite_url(tmp_path / "planning.sqlite")


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = setup_logging("test", level="DEBUG")  # where main() logs too
    assert path is not None
    yield path
    teardown_logging()


def _scan(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text, f"{secret[:20]!r} reached the log"


def _case_input(db: object) -> cases_service.CaseInput:
    ref = cases_service.reference_data(db)  # type: ignore[arg-type]
    return cases_service.CaseInput(
        patient_ref="P-777001",
        bsn=BSN,
        birth_date=BIRTH,
        hospital_id=ref.hospitals[0].id,
        tumour_group_id=ref.tumour_groups[0].id,
        question="Adjuvant therapy?",
        ready_date=dt.date(2027, 1, 4),
        due_date=dt.date(2027, 1, 15),
        patient_name=NAME,
    )


def _loaded(url: str, tmp_path: Path) -> object:
    scenario = tmp_path / "small.json"
    scenario.write_text(json.dumps(small_scenario()), encoding="utf-8")
    assert main(["import", str(scenario), "--db", url]) == 0
    return open_database(url)


def test_a_221_character_name_is_refused_by_the_form_on_both_backends(
    url: str, tmp_path: Path, log_file: Path
) -> None:
    db = _loaded(url, tmp_path)
    try:
        with pytest.raises(cases_service.CaseValidationError) as caught:
            cases_service.create_case(db, _case_input(db), user="secretary")  # type: ignore[arg-type]
        assert "patient_name" in caught.value.errors
        assert "221" in caught.value.errors["patient_name"]
    finally:
        db.dispose()  # type: ignore[attr-defined]
    _scan(log_file.read_text(encoding="utf-8"), BSN, NAME[:40], BIRTH.isoformat())


@pytest.mark.pg
def test_a_refused_insert_on_postgresql_logs_no_patient_data(
    pg_url: str, tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the database itself refuses a row (here: the form check switched off), the
    exception and the logged traceback carry no parameters and no row values."""
    db = _loaded(pg_url, tmp_path)
    monkeypatch.setattr(cases_service, "_check", lambda data: None)
    try:
        with pytest.raises(sa.exc.DataError) as caught:
            cases_service.create_case(db, _case_input(db), user="secretary")  # type: ignore[arg-type]
        _scan(str(caught.value), BSN, NAME[:40], "1951")
        try:
            raise RuntimeError("saving the case failed") from caught.value
        except RuntimeError:
            logging.getLogger("ui.tasks").exception("background task failed")
    finally:
        db.dispose()  # type: ignore[attr-defined]
    text = log_file.read_text(encoding="utf-8")
    assert "DataError" in text and "background task failed" in text
    _scan(text, BSN, NAME[:40], BIRTH.isoformat(), "1951")


@pytest.mark.pg
def test_a_failing_import_on_postgresql_logs_no_patient_data(
    pg_url: str, tmp_path: Path, log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The server refuses a row in the middle of an import (a constraint the validator cannot
    know): exit 1, one sentence, and neither stderr nor the log holds a patient reference,
    a question or the failing row."""
    open_database(pg_url).dispose()
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("ALTER TABLE cases ADD CONSTRAINT site_rule CHECK (patient_ref <> 'P-100002')")
        )
    engine.dispose()
    scenario = tmp_path / "small.json"
    scenario.write_text(json.dumps(small_scenario()), encoding="utf-8")
    rc = main(["import", str(scenario), "--db", pg_url])
    err = capsys.readouterr().err
    assert rc == 1, err
    assert len(err.strip().splitlines()) == 1 and str(log_file) in err
    text = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in text
    for secret in ("P-100001", "P-100002", "P-100003", "Operable?", "Adjuvant treatment"):
        assert secret not in err
        assert secret not in text
