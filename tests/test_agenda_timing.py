"""The one function that orders and times an agenda (issue 16): its clock, its ties, and that
hand-placed cases keep their place as before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mdo_planner.agenda import order_cases
from mdo_planner.agenda.timing import publish_order, schedule
from tests.agenda_factory import case

START = datetime(2027, 1, 5, 16, 0)


@dataclass
class Row:
    """A stand-in for a stored assignment."""

    code: str
    minutes: int
    urgent: bool = False
    manual: bool = False
    position: int | None = None


def by_publish(rows: list[Row]) -> list[Row]:
    return publish_order(
        rows,
        manual=lambda r: r.manual,
        position=lambda r: r.position,
        urgent=lambda r: r.urgent,
        code=lambda r: r.code,
    )


def test_cases_run_back_to_back_in_the_given_order() -> None:
    rows = [Row("B", 10), Row("A", 25), Row("C", 0), Row("D", 5)]
    slots = schedule(START, rows, lambda r: r.minutes)
    assert [s.item.code for s in slots] == ["B", "A", "C", "D"]
    assert [s.position for s in slots] == [0, 1, 2, 3]
    assert [s.start.strftime("%H:%M") for s in slots] == ["16:00", "16:10", "16:35", "16:35"]


def test_the_clock_runs_past_midnight() -> None:
    slots = schedule(datetime(2027, 1, 5, 23, 50), [Row("A", 15), Row("B", 5)], lambda r: r.minutes)
    assert [s.start for s in slots] == [datetime(2027, 1, 5, 23, 50), datetime(2027, 1, 6, 0, 5)]


def test_an_empty_agenda_has_no_slots() -> None:
    assert schedule(START, [], lambda r: 1) == []


def test_publish_order_ties_go_urgent_first_then_by_code() -> None:
    rows = [Row("C", 10), Row("A", 10), Row("B", 10, urgent=True), Row("D", 10, position=0)]
    slots = schedule(START, rows, lambda r: r.minutes, order=by_publish)
    # a plan position first, then the unplaced: urgent, then by code
    assert [s.item.code for s in slots] == ["D", "B", "A", "C"]
    assert [s.start.strftime("%H:%M") for s in slots] == ["16:00", "16:10", "16:20", "16:30"]


def test_publish_order_keeps_hand_ordered_cases_in_their_places() -> None:
    rows = [
        Row("A", 10, urgent=True, position=0),
        Row("Z", 20, manual=True, position=1),
        Row("Y", 5, manual=True, position=0),
        Row("B", 15, position=1),
    ]
    slots = schedule(START, rows, lambda r: r.minutes, order=by_publish)
    assert [s.item.code for s in slots] == ["Y", "Z", "A", "B"]
    assert [(s.position, s.start.strftime("%H:%M")) for s in slots] == [
        (0, "16:00"),
        (1, "16:05"),
        (2, "16:25"),
        (3, "16:35"),
    ]


def test_agenda_policy_order_keeps_a_pinned_case_in_place() -> None:
    cases = [
        case("auto1", minutes=10),
        case("hand", manual_position=1, minutes=20),
        case("urgent", urgent=True, minutes=5),
    ]
    slots = schedule(START, cases, lambda c: max(c.minutes, 0), order=order_cases)
    assert [s.item.case_id for s in slots] == ["hand", "urgent", "auto1"]
    assert [s.start.strftime("%H:%M") for s in slots] == ["16:00", "16:20", "16:25"]


def test_reorder_stores_the_agenda_times_through_the_one_function(tmp_path) -> None:
    from sqlalchemy import select

    from db import models as m
    from mdo_planner.services import agenda_service as svc
    from mdo_planner.services.plan_rules import assignment_minutes
    from tests.test_agenda_service import _filled

    db = _filled(f"sqlite:///{tmp_path / 'agenda.sqlite'}")
    try:
        codes = db.breast_codes[:3]  # type: ignore[attr-defined]
        wanted = [codes[1], codes[0], codes[2]]
        svc.reorder(db, "S1", wanted, user="anna")
        with db.session() as s:
            x = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
            rows = sorted(
                s.scalars(
                    select(m.Assignment).where(
                        m.Assignment.published.is_(True), m.Assignment.session_id == x.id
                    )
                ),
                key=lambda a: a.position,
            )
            assert [a.case.code for a in rows] == wanted
            assert [a.position for a in rows] == [0, 1, 2]
            assert all(a.manual_order for a in rows)
            expected = schedule(datetime.combine(x.date, x.start_time), rows, assignment_minutes)
            assert [a.start_time for a in rows] == [slot.start.time() for slot in expected]
            assert rows[0].start_time == x.start_time
    finally:
        db.dispose()
