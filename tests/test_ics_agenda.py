"""Calendar files: parse with icalendar, Europe/Amsterdam times, no patient data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar

from mdo_planner.agenda import build_agenda
from mdo_planner.outputs.ics import expert_calendar, session_calendar, session_uid
from tests.agenda_factory import BSN, attendees, case, session

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


def events(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def test_session_event_has_amsterdam_times_in_winter_and_summer() -> None:
    winter = build_agenda(session(), [case("A")], attendees())
    summer = build_agenda(
        session(session_id="S9", date=date(2027, 7, 6), start=time(7, 30), duration_min=90),
        [case("B")],
        attendees(),
    )
    for agenda, offset in ((winter, 1), (summer, 2)):
        data = session_calendar(agenda, now=NOW)
        cal = icalendar.Calendar.from_ical(data)
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        (event,) = events(data)
        start = event.decoded("dtstart")
        end = event.decoded("dtend")
        s = agenda.session
        assert start == datetime.combine(s.date, s.start, AMS)
        assert str(start.tzinfo) == "Europe/Amsterdam"
        assert start.utcoffset() == timedelta(hours=offset)
        assert end - start == timedelta(minutes=s.duration_min)
        assert str(event["summary"]) == "MDO Breast cancer (local) — General Hospital A"
        assert str(event["url"]) == "https://meet.example.org/mdo-breast"


def test_calendar_holds_no_patient_data() -> None:
    agenda = build_agenda(
        session(), [case("A", question="Secret question about Zoë")], attendees(), privacy="full"
    )
    text = session_calendar(agenda, now=NOW).decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    for secret in ("P-A", "Zoë", "Ĳsselstein", BSN, "7654321", "Secret question"):
        assert secret not in unfolded
    assert "Cases for discussion: 1" in unfolded


def test_expert_calendar_lists_only_attended_sessions_with_stable_uids() -> None:
    people = attendees()
    a1 = build_agenda(session(session_id="S1"), [case("A")], people)
    a2 = build_agenda(session(session_id="S2", date=date(2027, 1, 6)), [case("B")], people[:1])
    data = expert_calendar(people[1], [a1, a2], now=NOW)
    found = events(data)
    assert [str(e["uid"]) for e in found] == [session_uid(a1.session)]
    assert session_uid(a1.session) == session_uid(session(session_id="S1"))
    assert session_uid(a1.session, "db1") != session_uid(a1.session, "db2")
    cal = icalendar.Calendar.from_ical(data)
    assert "Dr. Müller-Łukasiewicz" in str(cal["x-wr-calname"])


def test_cancelled_session_is_published_as_cancelled() -> None:
    agenda = build_agenda(session(cancelled=True), [], attendees())
    (event,) = events(session_calendar(agenda, now=NOW))
    assert str(event["status"]) == "CANCELLED"


def test_dutch_calendar_text() -> None:
    agenda = build_agenda(session(echelon="regional"), [case("A")], attendees(), language="nl")
    (event,) = events(session_calendar(agenda, now=NOW))
    assert str(event["summary"]) == "MDO Breast cancer (regionaal) — General Hospital A"
    assert "Casussen ter bespreking: 1" in str(event["description"])
    data = expert_calendar(attendees()[0], [agenda], now=NOW, language="nl")
    assert str(icalendar.Calendar.from_ical(data)["x-wr-calname"]).startswith("Mijn MDO's")
