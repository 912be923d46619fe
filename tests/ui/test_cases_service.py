"""The worklist and intake service: filters in SQL, rows in blocks, BSN check, conflicts."""

from __future__ import annotations

import datetime as dt

import pytest

from mdo_planner.errors import ConflictError
from mdo_planner.services import cases_service as cs
from mdo_planner.services.base import Database


@pytest.mark.parametrize(
    "bsn,ok",
    [
        ("111222333", True),
        ("123456782", True),
        ("123456789", False),
        ("12345678", False),
        ("1234567890", False),
        ("abcdefghi", False),
        ("000000000", False),
        ("", False),
    ],
)
def test_elfproef(bsn: str, ok: bool) -> None:
    assert cs.is_valid_bsn(bsn) is ok


def test_mask_bsn_hides_all_but_the_last_three() -> None:
    assert cs.mask_bsn("123456782") == "••••••782"
    assert cs.mask_bsn(None) == ""


@pytest.mark.parametrize(
    "status,due,session,expected",
    [
        ("discussed", "2027-01-01", None, cs.RISK_CLOSED),
        ("ready", "2027-01-01", None, cs.RISK_OVERDUE),
        ("ready", "2027-01-12", None, cs.RISK_AT_RISK),
        ("ready", "2027-02-12", None, cs.RISK_OK),
        ("planned", "2027-01-12", "2027-01-14", cs.RISK_LATE),
        ("planned", "2027-01-12", "2027-01-11", cs.RISK_OK),
    ],
)
def test_deadline_risk(status: str, due: str, session: str | None, expected: str) -> None:
    d = dt.date.fromisoformat
    got = cs.deadline_risk(status, d(due), d(session) if session else None, d("2027-01-08"))
    assert got == expected


def test_list_and_rows(tiny_db: Database, tiny_scenario: dict) -> None:
    ids = cs.list_case_ids(tiny_db)
    assert len(ids) == len(tiny_scenario["cases"])
    rows = cs.case_rows(tiny_db, ids[:10])
    assert [r.id for r in rows] == ids[:10]
    dues = [r.due_date for r in cs.case_rows(tiny_db, ids)]
    assert dues == sorted(dues)
    desc = cs.list_case_ids(tiny_db, order_by="code", descending=True)
    codes = [r.code for r in cs.case_rows(tiny_db, desc)]
    assert codes == sorted(codes, reverse=True)


def test_filters(tiny_db: Database, tiny_scenario: dict) -> None:
    ref = cs.reference_data(tiny_db)
    group = next(g for g in ref.tumour_groups if g.code == "BREAST")
    ids = cs.list_case_ids(tiny_db, cs.CaseFilters(tumour_group_id=group.id))
    expected = {c["id"] for c in tiny_scenario["cases"] if c["tumour_group"] == "BREAST"}
    assert {r.code for r in cs.case_rows(tiny_db, ids)} == expected
    one = tiny_scenario["cases"][5]
    ids = cs.list_case_ids(tiny_db, cs.CaseFilters(text=one["patient"].lower()))
    assert one["id"] in {r.code for r in cs.case_rows(tiny_db, ids)}
    # LIKE wildcards typed by a user are literal characters
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(text="%_%")) == []
    soon = cs.list_case_ids(tiny_db, cs.CaseFilters(due_within_days=5, today=dt.date(2027, 1, 4)))
    assert soon and all(r.due_date <= dt.date(2027, 1, 9) for r in cs.case_rows(tiny_db, soon))
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(needs_review=True)) == []


def _input(db: Database) -> cs.CaseInput:
    ref = cs.reference_data(db)
    return cs.CaseInput(
        patient_ref="P-TEST-1",
        bsn="111222333",
        hospital_id=ref.hospitals[0].id,
        tumour_group_id=ref.tumour_groups[0].id,
        question="Adjuvant therapy?",
        ready_date=dt.date(2027, 1, 4),
        due_date=dt.date(2027, 1, 20),
        complexity={
            "phase": "pre_treatment",
            "pathology_available": True,
            "imaging_available": True,
        },
    )


def test_create_get_save_and_conflict(tiny_db: Database) -> None:
    data = _input(tiny_db)
    case_id = cs.create_case(tiny_db, data, user="secretary")
    detail = cs.get_case(tiny_db, case_id)
    assert detail.data.patient_ref == "P-TEST-1" and detail.data.bsn == "111222333"
    assert detail.status == "new" and detail.code
    data.question = "Neoadjuvant therapy?"
    new_version = cs.save_case(
        tiny_db, case_id, data, expected_version=detail.version, user="secretary"
    )
    assert new_version > detail.version
    data.question = "stale edit"
    with pytest.raises(ConflictError, match="changed by someone else"):
        cs.save_case(tiny_db, case_id, data, expected_version=detail.version, user="colleague")
    assert cs.get_case(tiny_db, case_id).data.question == "Neoadjuvant therapy?"


def test_validation_names_each_field(tiny_db: Database) -> None:
    data = _input(tiny_db)
    data.patient_ref = " "
    data.bsn = "123456789"
    data.due_date = dt.date(2027, 1, 1)
    data.complexity = {"stage": "V"}
    with pytest.raises(cs.CaseValidationError) as info:
        cs.create_case(tiny_db, data, user="secretary")
    assert set(info.value.errors) == {"patient_ref", "bsn", "due_date", "complexity"}
    assert "elfproef" in info.value.errors["bsn"]
    assert "$.complexity.stage" in info.value.errors["complexity"]
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(text="P-TEST")) == []


def test_confirm_override_and_review_flag(tiny_db: Database) -> None:
    data = _input(tiny_db)
    case_id = cs.create_case(tiny_db, data, user="secretary")
    assert cs.get_case(tiny_db, case_id).triage_level == "local"
    assert cs.confirm_level(tiny_db, case_id, user="dr.a") == []
    detail = cs.get_case(tiny_db, case_id)
    assert (detail.required_level, detail.confirmed_by, detail.status) == ("local", "dr.a", "ready")
    # an edit that changes the recommendation flags the decided case for review
    data.complexity = dict(data.complexity or {}, recurrence=True)
    cs.save_case(tiny_db, case_id, data, expected_version=detail.version, user="secretary")
    detail = cs.get_case(tiny_db, case_id)
    assert detail.triage_level == "regional" and detail.required_level == "local"
    assert detail.needs_review
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(needs_review=True)) == [case_id]
    with pytest.raises(cs.UserError, match="reason is required"):
        cs.override_level(tiny_db, case_id, "regional", "  ", user="dr.a")
    with pytest.raises(ConflictError):
        cs.override_level(
            tiny_db, case_id, "regional", "why", expected_version=detail.version - 1, user="dr.a"
        )
    cs.override_level(
        tiny_db,
        case_id,
        "supraregional",
        "second opinion asked",
        expected_version=detail.version,
        user="dr.b",
    )
    detail = cs.get_case(tiny_db, case_id)
    assert detail.override_level == detail.required_level == "supraregional"
    assert not detail.needs_review and detail.override_by == "dr.b"
    with pytest.raises(cs.UserError, match="not waiting for a review"):
        cs.keep_level(tiny_db, case_id, user="dr.b")


@pytest.mark.pg
def test_worklist_and_intake_on_postgresql(pg_url: str, tiny_scenario: dict) -> None:
    from mdo_planner.contract_io.importer import import_scenario
    from mdo_planner.services.base import open_database

    db = open_database(pg_url)
    try:
        import_scenario(db, tiny_scenario, "tester", source="tiny.json")
        ids = cs.list_case_ids(
            db,
            cs.CaseFilters(text="p-", statuses=cs.OPEN_STATUSES),
            order_by="planned",
            descending=True,
        )
        assert len(ids) == len(tiny_scenario["cases"])
        assert [r.id for r in cs.case_rows(db, ids[:5])] == ids[:5]
        today = dt.date(2027, 1, 10)
        by_risk = cs.case_rows(
            db, cs.list_case_ids(db, cs.CaseFilters(today=today), order_by="risk"), today=today
        )
        ranks = [cs.RISKS.index(r.risk) for r in by_risk]
        assert ranks == sorted(ranks)
        counts = cs.risk_counts(db, today=today)
        assert counts[cs.RISK_OVERDUE] == sum(r.risk == cs.RISK_OVERDUE for r in by_risk)
        index = cs.search_index(db)
        one = tiny_scenario["cases"][9]
        found = cs.match_text(index, one["patient"].lower())
        assert {r.code for r in cs.case_rows(db, sorted(found))} >= {one["id"]}
        case_id = cs.create_case(db, _input(db), user="secretary")
        detail = cs.get_case(db, case_id)
        cs.save_case(db, case_id, detail.data, expected_version=detail.version, user="secretary")
        with pytest.raises(ConflictError):
            cs.save_case(
                db, case_id, detail.data, expected_version=detail.version, user="colleague"
            )
        cs.confirm_level(db, case_id, user="dr.a")
        assert cs.get_case(db, case_id).required_level == "local"
        assert cs.audit_typed_search(db, "111222333", [case_id], user="secretary") > 0
    finally:
        db.dispose()


def test_sort_by_risk_matches_the_risk_of_each_row(tiny_db: Database) -> None:
    today = dt.date(2027, 1, 10)
    ids = cs.list_case_ids(tiny_db, cs.CaseFilters(today=today), order_by="risk")
    rows = cs.case_rows(tiny_db, ids, today=today)
    ranks = [cs.RISKS.index(r.risk) for r in rows]
    assert ranks == sorted(ranks)
    assert {r.risk for r in rows} >= {cs.RISK_OVERDUE, cs.RISK_AT_RISK, cs.RISK_OK}


def _patient(db: Database, name: str, number: str, bsn: str) -> int:
    data = _input(db)
    data.patient_ref, data.patient_name, data.patient_number, data.bsn = (
        f"P-{number}",
        name,
        number,
        bsn,
    )
    return cs.create_case(db, data, user="secretary")


def test_search_finds_a_patient_by_name_and_hospital_number_ignoring_accents(
    tiny_db: Database,
) -> None:
    zoe = _patient(tiny_db, "Zoë Ĳsselstein-Müller", "HN-778812", "111222333")
    other = _patient(tiny_db, "Jan de Vries", "HN-100200", "123456782")
    index = cs.search_index(tiny_db)
    assert cs.match_text(index, "zoe") == {zoe}
    assert cs.match_text(index, "MULLER ijssel") == {zoe}
    assert cs.match_text(index, "hn-7788") == {zoe}
    assert cs.match_text(index, "Vries") == {other}


def test_search_matches_a_full_bsn_through_a_keyed_hash_never_in_clear(tiny_db: Database) -> None:
    zoe = _patient(tiny_db, "Zoë Ĳsselstein", "HN-778812", "111222333")
    index = cs.search_index(tiny_db)
    assert cs.match_text(index, "111222333") == {zoe}
    assert cs.match_text(index, "111 222 333") == {zoe}  # typed in groups
    assert cs.match_text(index, "11122233") == set()  # a part of a BSN finds nothing
    assert cs.match_text(index, "222333") == set()
    assert cs.match_text(index, "123456782") != {zoe}
    # the index keeps no BSN in clear, nor its unkeyed hash
    import hashlib

    dump = repr(vars(index))
    assert "111222333" not in dump
    assert hashlib.sha256(b"111222333").hexdigest() not in dump
    # a second index has another key: its BSN hashes differ
    assert cs.search_index(tiny_db).bsn_hashes.keys().isdisjoint(index.bsn_hashes.keys())


def test_sql_search_finds_name_and_number_too(tiny_db: Database) -> None:
    zoe = _patient(tiny_db, "Zoë Ĳsselstein", "HN-778812", "111222333")
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(text="hn-778812")) == [zoe]
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(text="SSELSTEIN")) == [zoe]
    assert cs.list_case_ids(tiny_db, cs.CaseFilters(text="111222333")) == [zoe]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë Ĳsselstein", "zoe ijsselstein"),
        ("Đorđević", "đorđevic"),  # no decomposition: the letter stays
        ("Müller-Łukasiewicz", "muller-łukasiewicz"),
        ("STRASSE straße", "strasse strasse"),
        ("Ångström e\u0301", "angstrom e"),
        ("P-000123 Dr. A. de Vries", "p-000123 dr. a. de vries"),
    ],
)
def test_search_text_folds_case_and_accents(text: str, folded: str) -> None:
    """What a keystroke and the search index compare: the spelling on any keyboard."""
    from mdo_planner.services.case_worklist import fold

    assert fold(text) == folded
