"""Viewing, searching and exporting patient data is audited, naming the patients (issue 17).

NEN 7513 asks for "which patient" on every access, not only on changes: opening a case,
exporting an agenda PDF and running a search each write exactly one event with the case
codes concerned.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from db import models as m
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.contract_io.scenario import load_scenario
from mdo_planner.services import agenda_service, cases_service
from mdo_planner.services.base import Database, open_database
from tests.conftest import TINY
from tests.db_backends import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    database = open_database(backend_url(request))
    import_scenario(database, load_scenario(TINY), "tester", source="tiny.json")
    try:
        yield database
    finally:
        database.dispose()


def _events(db: Database) -> list[m.AuditEvent]:
    with db.session() as s:
        return list(s.scalars(sa.select(m.AuditEvent).order_by(m.AuditEvent.id)))


def _new_events(db: Database, before: int) -> list[m.AuditEvent]:
    return [e for e in _events(db) if e.id > before]


def _last_id(db: Database) -> int:
    return max(e.id for e in _events(db))


def test_opening_a_case_writes_one_view_event(db: Database) -> None:
    with db.session() as s:
        case_id, code = s.execute(sa.select(m.Case.id, m.Case.code).limit(1)).one()
    before = _last_id(db)
    cases_service.get_case(db, case_id, user="anna")
    (event,) = _new_events(db, before)
    assert (event.action, event.entity_id, event.case_ids) == ("case.view", code, [code])
    assert event.workstation and event.outcome == "success"
    # Reading without a person (background refresh) is no access by someone: no event.
    cases_service.get_case(db, case_id)
    assert [e.id for e in _new_events(db, before)] == [event.id]


def test_a_search_writes_one_event_with_the_filter_and_the_cases(db: Database) -> None:
    with db.session() as s:
        hospital_id, _code = s.execute(
            sa.select(m.Hospital.id, m.Hospital.code).order_by(m.Hospital.id).limit(1)
        ).one()
        expected = sorted(
            s.scalars(
                sa.select(m.Case.code).where(
                    m.Case.hospital_id == hospital_id, m.Case.status.in_(["ready", "new"])
                )
            )
        )
    assert expected
    before = _last_id(db)
    ids = cases_service.list_case_ids(
        db,
        cases_service.CaseFilters(hospital_id=hospital_id, statuses=("ready", "new")),
        user="anna",
    )
    (event,) = _new_events(db, before)
    assert event.action == "case.search" and event.details["found"] == len(ids)
    assert event.details["filter"]["hospital_id"] == hospital_id
    assert event.case_ids == expected


def test_exporting_an_agenda_pdf_names_its_patients(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        x = s.scalar(sa.select(m.MeetingSession).order_by(m.MeetingSession.id).limit(1))
        cases = list(
            s.scalars(
                sa.select(m.Case)
                .where(m.Case.tumour_group_id == x.tumour_group_id)
                .order_by(m.Case.id)
                .limit(3)
            )
        )
        for c in cases:
            s.add(m.Assignment(case=c, session=x, published=True))
            c.status, c.required_level = "planned", "local"
        session_code, codes = x.code, sorted(c.code for c in cases)
    before = _last_id(db)
    agenda_service.export_session_pdf(db, session_code, tmp_path / "a.pdf", user="anna")
    (event,) = _new_events(db, before)
    assert (event.action, event.entity_id) == ("export_pdf", session_code)
    assert event.case_ids == codes
