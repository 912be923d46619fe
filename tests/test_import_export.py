"""Scenario import and export through the command line and the services: bad files are
refused with their JSON path and exit status 2 while the database stays exactly as it was;
import -> export -> import round-trips on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from db import models as m
from mdo_planner.contract_io import importer
from mdo_planner.contract_io.exporter import export_scenario
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.contract_io.scenario import validate_scenario
from mdo_planner.errors import UserError
from mdo_planner.launcher import main
from mdo_planner.services.base import open_database
from tests.conftest import SCENARIOS, TINY

TINY = TINY


@pytest.fixture(scope="module")
def tiny() -> dict[str, Any]:
    return json.loads(TINY.read_text(encoding="utf-8"))


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused import changed nothing."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
            return {
                t.name: sorted(map(tuple, conn.execute(sa.select(t))), key=repr)
                for t in m.Base.metadata.sorted_tables
                if t.name in present
            }
    finally:
        engine.dispose()


def normalised(sc: dict[str, Any]) -> dict[str, Any]:
    """A scenario with list order that carries no meaning sorted away, for comparisons."""
    sc = validate_scenario(copy.deepcopy(sc))
    keys = {
        "disciplines": "code",
        "tumour_groups": "code",
        "networks": "id",
        "hospitals": "id",
        "experts": "id",
        "sessions": "id",
        "cases": "id",
        "previous_plan": "case",
    }
    for kind, key in keys.items():
        sc[kind] = sorted(sc[kind], key=lambda o, key=key: o[key])
    for t in sc["tumour_groups"]:
        t["core_disciplines"].sort()
    for e in sc["experts"]:
        e["serves"].sort()
        e["tumour_groups"].sort()
        e["unavailable"].sort(key=lambda u: (u["from"], u["to"]))
    for c in sc["cases"]:
        c["extra_disciplines"].sort()
    for cn in sc.get("care_networks", []):
        cn["organisations"].sort()
        cn["professionals"].sort()
        cn["agreements"].sort(key=lambda a: a["hospital"])
    del sc["name"]
    return sc


def write(tmp_path: Path, data: Any, name: str = "bad.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def loaded_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A SQLite database that already holds the tiny scenario."""
    url = f"sqlite:///{tmp_path / 'loaded.sqlite'}"
    assert main(["import", str(TINY), "--db", url]) == 0
    capsys.readouterr()
    return url


# --------------------------------------------------------------------------- bad input


def _drop_field(d: dict[str, Any]) -> None:
    del d["sessions"][4]["date"]


def _unknown_ref(d: dict[str, Any]) -> None:
    d["cases"][7]["hospital"] = "H_NOWHERE"


def _duplicate(d: dict[str, Any]) -> None:
    d["experts"][3]["id"] = d["experts"][1]["id"]


def _bad_date(d: dict[str, Any]) -> None:
    d["cases"][12]["ready"] = "tomorrow"


def _wrong_type(d: dict[str, Any]) -> None:
    d["sessions"][2]["duration_min"] = "sixty"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_drop_field, "$.sessions[4]: missing required field 'date'"),
        (_unknown_ref, "$.cases[7].hospital: unknown hospital 'H_NOWHERE'"),
        (_duplicate, "$.experts[3].id: duplicate id 'NEWE1' (first at $.experts[1])"),
        (_bad_date, "$.cases[12].ready: 'tomorrow' is not a date (YYYY-MM-DD)"),
        (_wrong_type, "$.sessions[2].duration_min: 'sixty' is not a whole number"),
    ],
    ids=["missing-field", "unknown-reference", "duplicate-id", "bad-date", "wrong-type"],
)
def test_invalid_scenario_exit_2_with_json_path_and_database_unchanged(
    tiny: dict[str, Any],
    tmp_path: Path,
    loaded_db: str,
    capsys: pytest.CaptureFixture[str],
    mutate: Any,
    expected: str,
) -> None:
    data = copy.deepcopy(tiny)
    for i, case in enumerate(data["cases"]):  # new ids, so that only the mistake is wrong
        case["id"] = f"NEW{i}"
    data["experts"] = [dict(e, id=f"NEWE{i}") for i, e in enumerate(data["experts"])]
    data["sessions"] = [dict(s, id=f"NEWS{i}") for i, s in enumerate(data["sessions"])]
    mutate(data)
    before = snapshot(loaded_db)
    path = write(tmp_path, data)
    assert main(["import", str(path), "--db", loaded_db]) == 2
    err = capsys.readouterr().err
    assert f"bad.json: {expected}" in err
    assert snapshot(loaded_db) == before


def test_bad_json_syntax_names_line_and_column(
    tmp_path: Path, loaded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "syntax.json"
    path.write_text(
        '{"format": "mdo-planner-scenario",\n "version": 1\n "name": "x"}', encoding="utf-8"
    )
    before = snapshot(loaded_db)
    assert main(["import", str(path), "--db", loaded_db]) == 2
    err = capsys.readouterr().err
    assert "syntax.json: line 3, column 2: invalid JSON" in err
    assert snapshot(loaded_db) == before


def test_invalid_file_does_not_even_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "never.sqlite"
    path = write(tmp_path, {"format": "mdo-planner-scenario", "version": 1})
    assert main(["import", str(path), "--db", f"sqlite:///{target}"]) == 2
    assert "missing required field 'horizon'" in capsys.readouterr().err
    assert not target.exists()


def test_ids_already_in_the_database_are_refused(
    loaded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(loaded_db)
    assert main(["import", str(TINY), "--db", loaded_db]) == 2
    err = capsys.readouterr().err
    assert "tiny.json: $.experts[0].id: expert 'E1' already exists in the database" in err
    assert "nothing was imported" in err
    assert snapshot(loaded_db) == before


def test_check_reports_without_importing(
    tmp_path: Path, loaded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert main(["import", str(TINY), "--db", fresh, "--check"]) == 0
    out = capsys.readouterr().out
    assert "would import tiny.json" in out and "nothing was imported" in out
    engine = sa.create_engine(fresh)
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.select(sa.func.count()).select_from(m.Case)) == 0
            assert (
                conn.scalar(
                    sa.select(sa.func.count())
                    .select_from(m.AuditEvent)
                    .where(m.AuditEvent.action == "import")
                )
                == 0
            )
    finally:
        engine.dispose()
    # Against a database that already holds the file, the check finds the clashes.
    before = snapshot(loaded_db)
    assert main(["import", str(TINY), "--db", loaded_db, "--check"]) == 2
    assert "already exists in the database" in capsys.readouterr().err
    assert snapshot(loaded_db) == before


def test_hospital_may_not_change_network(
    tiny: dict[str, Any], tmp_path: Path, loaded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = {
        **tiny,
        "networks": tiny["networks"] + [{"id": "N_OTHER", "name": "Other"}],
        "hospitals": [dict(tiny["hospitals"][0], network="N_OTHER")],
        "experts": [],
        "sessions": [],
        "cases": [],
    }
    assert main(["import", str(write(tmp_path, other)), "--db", loaded_db]) == 2
    assert "$.hospitals[0].network: hospital 'H1_1' is already in the database in network" in (
        capsys.readouterr().err
    )


def test_failure_while_writing_rolls_everything_back(
    tiny: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash half-way (here: while writing the published plan) leaves no trace."""
    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    data = copy.deepcopy(tiny)
    data["previous_plan"] = [{"case": data["cases"][0]["id"], "session": data["sessions"][0]["id"]}]
    db = open_database(url)
    try:
        before = snapshot(url)
        real = importer.insert_rows

        def failing(session: Any, table: Any, rows: Any) -> int:
            if table is m.Assignment:
                raise RuntimeError("disk on fire")
            return real(session, table, rows)

        monkeypatch.setattr(importer, "insert_rows", failing)
        with pytest.raises(RuntimeError, match="disk on fire"):
            import_scenario(db, data, "tester", source="tiny.json")
        assert snapshot(url) == before
    finally:
        db.dispose()


# --------------------------------------------------------------------------- round trips


def _round_trip(
    url: str,
    tiny: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    as_is: bool = False,
) -> None:
    data = copy.deepcopy(tiny)
    if not as_is:
        _exercise_optional_parts(data)
    _round_trip_as_is(url, data, tmp_path, capsys)


def _exercise_optional_parts(data: dict[str, Any]) -> None:
    # Exercise the optional parts the shared file leaves empty.
    data["previous_plan"] = [
        {"case": c["id"], "session": s["id"]}
        for c, s in zip(data["cases"][:3], data["sessions"][:3], strict=True)
    ]
    data["cases"][5]["pinned_session"] = data["sessions"][7]["id"]
    data["cases"][6]["complexity"] = {
        "phase": "recurrence",
        "pathology_available": True,
        "imaging_available": True,
        "age": 71,
    }
    del data["cases"][8]["echelon"]
    data["weights"] = {**data["weights"], "moved": 44}


def _round_trip_as_is(
    url: str, data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, data, "in.json")
    assert main(["import", str(source), "--db", url]) == 0
    # Keys taken by the bulk import are never handed out again (PostgreSQL: the sequences).
    db = open_database(url)
    try:
        with db.session() as s:
            expert = s.scalars(sa.select(m.Expert).limit(1)).one()
            s.add(
                m.Expert(
                    code="AFTER-IMPORT",
                    name="Dr. Ná",
                    discipline_id=expert.discipline_id,
                    hospital_id=expert.hospital_id,
                )
            )
        with db.session() as s:
            s.execute(sa.delete(m.Expert).where(m.Expert.code == "AFTER-IMPORT"))
    finally:
        db.dispose()
    out1 = tmp_path / "out1.json"
    assert main(["export", str(out1), "--db", url]) == 0
    first = json.loads(out1.read_text(encoding="utf-8"))
    assert normalised(first) == normalised(data)

    # ... and the export imports again into an empty database and exports the same.
    url2 = f"sqlite:///{tmp_path / 'again.sqlite'}"
    assert main(["import", str(out1), "--db", url2]) == 0
    out2 = tmp_path / "out2.json"
    assert main(["export", str(out2), "--db", url2]) == 0
    second = json.loads(out2.read_text(encoding="utf-8"))
    assert {k: v for k, v in second.items() if k != "name"} == {
        k: v for k, v in first.items() if k != "name"
    }
    capsys.readouterr()

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            actions = [r.action for r in conn.execute(sa.select(m.AuditEvent.action))]
    finally:
        engine.dispose()
    assert actions.count("import") == 1
    assert actions.count("export") == 1


def test_round_trip_tiny_sqlite(
    tiny: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'rt.sqlite'}", tiny, tmp_path, capsys)


@pytest.mark.pg
def test_round_trip_tiny_postgresql(
    pg_url: str, tiny: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _round_trip(pg_url, tiny, tmp_path, capsys)


def test_round_trip_care_networks_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: a scenario with hospital MDOs and care-network consultations round-trips:
    care networks, organisations, professionals, consultations and referrals."""
    from tests.care_scenario import care_scenario

    data = care_scenario()
    data["horizon"] = {"start": "2027-01-06", "end": "2027-01-14"}  # an export's: its sessions
    _round_trip(f"sqlite:///{tmp_path / 'care.sqlite'}", data, tmp_path, capsys, as_is=True)
    exported = validate_scenario(json.loads((tmp_path / "out2.json").read_text("utf-8")))
    assert [cn["id"] for cn in exported["care_networks"]] == ["RIVIER", "KEMPEN"]
    ref = next(c for c in exported["cases"] if c["id"] == "REF-1")
    assert ref["referral"]["care_network"] == "RIVIER"
    assert ref["referral"]["complaints"] == ["nutrition_bowel", "fatigue"]
    assert {s["id"]: s.get("care_network") for s in exported["sessions"]}["NC-1"] == "RIVIER"
    assert {h["id"]: h.get("kind") for h in exported["hospitals"]}["GP-ZUID"] == "gp_practice"


@pytest.mark.pg
def test_round_trip_care_networks_postgresql(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.care_scenario import care_scenario

    data = care_scenario()
    data["horizon"] = {"start": "2027-01-06", "end": "2027-01-14"}
    _round_trip(pg_url, data, tmp_path, capsys, as_is=True)


def test_older_readers_plan_a_care_scenario_export_by_the_contract_alone(tmp_path: Path) -> None:
    """Without the care fields (an older reader ignores them) the export is still a valid
    contract scenario: consultations are sessions, referrals cases of the network's group."""
    from tests.care_scenario import care_scenario

    db = open_database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    try:
        import_scenario(db, care_scenario(), "test")
        sc = export_scenario(db)
    finally:
        db.dispose()
    del sc["care_networks"]
    for kind in ("sessions", "cases", "hospitals", "disciplines"):
        for item in sc[kind]:
            for key in (
                "care_network",
                "referral",
                "kind",
                "postcode",
                "municipality",
                "care_role",
            ):
                item.pop(key, None)
    plain = validate_scenario(sc)
    ref = next(c for c in plain["cases"] if c["id"] == "REF-1")
    assert ref["tumour_group"] == "CN-RIVIER" and ref["echelon"] == "supraregional"


def test_export_window_limits_sessions_and_cases(loaded_db: str, tiny: dict[str, Any]) -> None:
    import datetime as dt

    db = open_database(loaded_db)
    try:
        frm, to = dt.date(2027, 1, 6), dt.date(2027, 1, 8)
        sc = export_scenario(db, frm, to)
    finally:
        db.dispose()
    assert sc["horizon"] == {"start": "2027-01-06", "end": "2027-01-08"}
    want_sessions = {s["id"] for s in tiny["sessions"] if "2027-01-06" <= s["date"] <= "2027-01-08"}
    assert {s["id"] for s in sc["sessions"]} == want_sessions
    assert {c["id"] for c in sc["cases"]} == {
        c["id"] for c in tiny["cases"] if c["ready"] <= "2027-01-08"
    }
    assert len(sc["experts"]) == len(tiny["experts"])
    validate_scenario(sc, "window")  # the export is itself a valid scenario


def test_export_refuses_reversed_window(
    loaded_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.json"
    assert (
        main(["export", str(out), "--db", loaded_db, "--from", "2027-02-01", "--to", "2027-01-01"])
        == 2
    )
    assert "--from 2027-02-01 lies after --to 2027-01-01" in capsys.readouterr().err
    assert not out.exists()


def test_export_into_missing_folder_is_a_user_error(
    loaded_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "no" / "x.json"), "--db", loaded_db]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_import_summary_counts(tiny: dict[str, Any], tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 's.sqlite'}")
    try:
        summary = import_scenario(db, tiny, "tester", source="tiny.json")
        with db.session() as s:
            assert s.scalar(sa.select(sa.func.count()).select_from(m.Case)) == len(tiny["cases"])
            assert s.scalar(sa.select(sa.func.count()).select_from(m.LeavePeriod)) == sum(
                len(e["unavailable"]) for e in tiny["experts"]
            )
        assert summary.created["cases"] == len(tiny["cases"])
        assert summary.created["experts"] == len(tiny["experts"])
        # A second scenario of the same network reuses its reference data.
        extra = {
            **tiny,
            "experts": [],
            "sessions": [],
            "cases": [dict(tiny["cases"][0], id="LATE1", pinned_session=None)],
        }
        second = import_scenario(db, extra, "tester", source="more.json")
        assert second.created["hospitals"] == 0
        assert second.reused["hospitals"] == len(tiny["hospitals"])
        assert second.created["cases"] == 1
        assert second.warnings == []
        # Reused reference data that differs is kept as the database has it, with a warning.
        changed = copy.deepcopy(extra)
        changed["cases"] = [dict(tiny["cases"][0], id="LATE2", pinned_session=None)]
        changed["tumour_groups"][0]["core_disciplines"] = ["SURG"]
        changed["hospitals"][0]["expert_centre"] = not tiny["hospitals"][0]["expert_centre"]
        third = import_scenario(db, changed, "tester", source="changed.json")
        assert len(third.warnings) == 2
        assert third.warnings[0].startswith(
            f"$.tumour_groups[0]: tumour group {tiny['tumour_groups'][0]['code']!r} already exists"
        )
        assert third.warnings[1].startswith("$.hospitals[0].expert_centre:")
        assert "warning: $.tumour_groups[0]" in third.text()
        with db.session() as s:
            breast = s.scalars(
                sa.select(m.TumourGroup).where(
                    m.TumourGroup.code == tiny["tumour_groups"][0]["code"]
                )
            ).one()
            assert sorted(d.code for d in breast.core_disciplines) == sorted(
                tiny["tumour_groups"][0]["core_disciplines"]
            )
    finally:
        db.dispose()
    with pytest.raises(UserError):
        import_scenario(db, {"format": "x"}, "tester")


def test_cases_without_echelon_are_triaged_and_stated_ones_count_as_decided(
    tiny: dict[str, Any], tmp_path: Path
) -> None:
    data = copy.deepcopy(tiny)
    del data["cases"][0]["echelon"]  # no complexity data: the triage holds it
    del data["cases"][1]["echelon"]
    data["cases"][1]["complexity"] = {
        "phase": "recurrence",
        "pathology_available": True,
        "imaging_available": True,
    }
    db = open_database(f"sqlite:///{tmp_path / 'triaged.sqlite'}")
    try:
        summary = import_scenario(db, data, "secretary", source="tiny.json")
        assert summary.created["cases triaged"] == 2
        with db.session() as s:
            rows = {c.code: c for c in s.scalars(sa.select(m.Case))}
            held, recurrence, stated = (rows[data["cases"][i]["id"]] for i in range(3))
            assert (held.triage_level, held.status, held.required_level) == ("hold", "hold", None)
            assert (recurrence.triage_level, recurrence.status) == ("regional", "new")
            assert recurrence.required_level is None  # a clinician confirms it
            assert "R3" in [r["id"] for r in recurrence.triage_rules]
            assert recurrence.triage_rule_set_id is not None
            assert stated.required_level == data["cases"][2]["echelon"]
            assert (stated.status, stated.confirmed_by) == ("ready", "secretary")
            assert stated.triage_level is None
    finally:
        db.dispose()


@pytest.mark.slow
@pytest.mark.contract
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_national_scenario_imports_and_exports_every_entity(
    backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    src = SCENARIOS / "national-s3.json"
    url = (
        f"sqlite:///{tmp_path / 'national.sqlite'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    assert main(["import", str(src), "--db", url]) == 0
    out = tmp_path / "national-out.json"
    assert main(["export", str(out), "--db", url]) == 0
    capsys.readouterr()
    original = json.loads(src.read_text(encoding="utf-8"))
    exported = json.loads(out.read_text(encoding="utf-8"))
    a, b = normalised(original), normalised(exported)
    for key in a:
        assert a[key] == b[key], key
