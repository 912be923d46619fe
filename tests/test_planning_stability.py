"""Re-planning that keeps what people prepare for (issue 12): frozen agendas, stable
attendees, manual moves that stick, registrations after the cut-off, change notices with
calendar updates, and the stability setting."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from sqlalchemy import select

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.services import notices
from mdo_planner.services import plan_review as pr
from mdo_planner.services import plan_stability as stab
from tests.planning_network import H0, H1, WEEK2, network_database

LIMIT = 2
BEFORE = dt.date(2026, 12, 1)  # planning weeks ahead: no cut-off has passed


@pytest.fixture
def db(tmp_path):
    database = network_database(tmp_path / "stable.sqlite")
    yield database
    database.dispose()


def _published(db) -> tuple[dict[str, str], dict[str, set[str]]]:
    """(case -> session, session -> attending experts) of the published plan, by code."""
    with db.session() as s:
        cases = dict(
            s.execute(
                select(m.Case.code, m.MeetingSession.code)
                .join(m.Assignment, m.Assignment.case_id == m.Case.id)
                .join(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
                .where(m.Assignment.published.is_(True))
            ).all()
        )
        staff: dict[str, set[str]] = {}
        for scode, ecode in s.execute(
            select(m.MeetingSession.code, m.Expert.code)
            .join(m.Attendance, m.Attendance.session_id == m.MeetingSession.id)
            .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
            .where(m.Attendance.published.is_(True))
        ):
            staff.setdefault(scode, set()).add(ecode)
    return cases, staff


def _plan_and_publish(db, today=BEFORE) -> int:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    pr.publish_run(db, run, today=today, user="anna")
    return run


def _session(s, code: str) -> m.MeetingSession:
    return s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == code))


def _leave(db, expert_code: str, day: dt.date) -> str:
    with db.session() as s:
        e = s.scalar(select(m.Expert).where(m.Expert.code == expert_code))
        s.add(m.LeavePeriod(expert_id=e.id, start=day, end=day, reason="sick"))
        return e.name


def _add_case(db, code: str, ready: dt.date, due: dt.date) -> None:
    with db.session() as s:
        h1 = s.scalar(select(m.Hospital).where(m.Hospital.code == "H1"))
        tg = s.scalar(select(m.TumourGroup))
        s.add(
            m.Case(
                code=code,
                patient_ref=f"P-{code}",
                hospital=h1,
                tumour_group=tg,
                question="Surgery?",
                triage_level="local",
                required_level="local",
                minutes=10,
                ready_date=ready,
                due_date=due,
                status="ready",
                created_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
            )
        )


def test_freeze_keeps_a_sent_week_except_the_absent_expert(db, tmp_path) -> None:
    _plan_and_publish(db)
    cases0, staff0 = _published(db)
    week1 = sorted(c for c in staff0 if c.endswith("W1"))
    assert week1, "the first plan uses week 1"
    with db.session() as s:
        ids = [_session(s, c).id for c in week1]
    for sid in ids:
        notices.send_agenda(db, sid, tmp_path / f"{sid}.ics", user="anna")
    absent_session = week1[0]
    absent = sorted(staff0[absent_session])[0]
    with db.session() as s:
        day = _session(s, absent_session).date
    _leave(db, absent, day)
    _add_case(db, "NEW1", WEEK2, WEEK2 + dt.timedelta(days=4))
    # due in week 1: without the freeze it would be squeezed into a sent week-1 agenda
    _add_case(db, "NEW2", H0, H0 + dt.timedelta(days=2))
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    pr.publish_run(db, run, today=BEFORE, user="anna")
    cases1, staff1 = _published(db)
    for code in week1:
        assert {c for c, x in cases1.items() if x == code} == {
            c for c, x in cases0.items() if x == code
        }, f"the cases of {code} stay put"
        if code != absent_session:
            assert staff1[code] == staff0[code], f"the attendees of {code} stay"
    joined = staff1[absent_session] - staff0[absent_session]
    left = staff0[absent_session] - staff1[absent_session]
    assert left == {absent} and len(joined) == 1
    assert next(iter(joined))[:-1] == absent[:-1], "replaced by an expert of her discipline"
    assert cases1.get("NEW1", "").endswith("W2"), "week 2 takes the new case"
    assert cases1.get("NEW2", "").endswith("W2"), "a sent agenda takes no new case"


def test_stable_attendees_after_one_experts_leave(db) -> None:
    _plan_and_publish(db)
    _cases0, staff0 = _published(db)
    # the expert who attends most sessions goes on leave for the whole horizon
    counts: dict[str, int] = {}
    for people in staff0.values():
        for e in people:
            counts[e] = counts.get(e, 0) + 1
    absent = max(sorted(counts), key=lambda e: counts[e])
    with db.session() as s:
        e = s.scalar(select(m.Expert).where(m.Expert.code == absent))
        s.add(m.LeavePeriod(expert_id=e.id, start=H0, end=H1))
        name = e.name
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    rv = pr.review(db, run)
    affected = {code for code, people in staff0.items() if absent in people}
    for load in rv.sessions:
        if load.code in affected:
            assert load.leaves == (name,) and len(load.joins) == 1, load
    assert rv.changed_sessions == len(affected)
    assert f"{len(affected)} session(s) changed" in rv.headline()
    pr.publish_run(db, run, today=BEFORE, user="anna")
    _cases1, staff1 = _published(db)
    for code in affected:
        assert staff0[code] - {absent} <= staff1[code], f"every other attendee of {code} stays"


def test_a_manual_move_sticks_and_can_be_unpinned(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    rv = pr.review(db, run)
    row = next(r for r in rv.rows if r.kind == "new" and r.code.startswith("C0"))
    target = next(
        sid
        for sid, _label in pr.candidate_sessions(db, run, row.case_id)
        if sid != row.session_id
        and not pr.check_move(db, row.case_id, sid, plan_run_id=run, horizon=(H0, H1))
    )
    assert pr.move_case(db, run, row.case_id, target, user="anna") == []
    moved = next(r for r in pr.review(db, run).rows if r.case_id == row.case_id)
    assert moved.pinned and moved.session_id == target
    pr.publish_run(db, run, today=BEFORE, user="anna")
    again = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    kept = next(r for r in pr.review(db, again).rows if r.case_id == row.case_id)
    assert kept.session_id == target and kept.kind == "unchanged" and kept.pinned
    pr.pin_case(db, row.case_id, None, user="anna")
    with db.session() as s:
        assert s.get(m.Case, row.case_id).pinned_session_id is None


def test_a_late_registration_waits_for_the_chair(db) -> None:
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C01"))
        # registered on Monday of week 1: after the cut-off (Friday before) of Tuesday's MDO
        case.created_at = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
        l1w1 = _session(s, "L1W1").id
        case_id = case.id
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    row = next(r for r in pr.review(db, run).rows if r.code == "C01")
    assert row.late == "L1W1" and row.session != "" and row.session_date >= WEEK2
    assert "1 late registration" in pr.review(db, run).headline()
    with pytest.raises(UserError, match="chair"):
        stab.admit_late(db, case_id, l1w1, "  ", user="anna")
    stab.admit_late(db, case_id, l1w1, "Dr. Voorzitter", user="anna")
    run2 = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    row2 = next(r for r in pr.review(db, run2).rows if r.code == "C01")
    assert row2.session_id == l1w1 and not row2.late and row2.pinned
    with db.session() as s:
        assert s.get(m.Case, case_id).late_admitted_by == "Dr. Voorzitter"


def test_publishing_inside_the_freeze_window_counts_as_sent(db) -> None:
    # Monday 4 January: Tuesday's local MDO (cut-off 2 working days) is inside its window
    _plan_and_publish(db, today=dt.date(2027, 1, 4))
    with db.session() as s:
        sent = {x.code: x.agenda_sent for x in s.scalars(select(m.MeetingSession))}
    assert sent["L1W1"] is not None and sent["L1W1"]["sequence"] == 0
    assert sent["L1W2"] is None


def test_an_exported_agenda_counts_as_sent(db) -> None:
    _plan_and_publish(db)
    with db.session() as s:
        sid = _session(s, "L1W1").id
    assert notices.mark_exported(db, sid, user="anna") is True
    assert notices.mark_exported(db, sid, user="anna") is False  # the first export only
    assert notices.pending_change(db, sid).sequence == 0


def test_change_notice_and_calendar_update_parse_in_a_second_parser(db, tmp_path) -> None:
    with db.session() as s:
        for e in s.scalars(select(m.Expert)):
            e.email = f"{e.code.lower()}@example.org"
    _plan_and_publish(db)
    cases0, staff0 = _published(db)
    code = max(sorted(staff0), key=lambda c: sum(1 for x in cases0.values() if x == c))
    with db.session() as s:
        sid = _session(s, code).id
    first = notices.send_agenda(db, sid, tmp_path / "first.ics", user="anna")
    assert first.sequence == 0 and notices.pending_change(db, sid).changed is False
    # a colleague's change: one attendee on leave and a new time, then a re-plan
    absent = sorted(staff0[code])[0]
    with db.session() as s:
        x = _session(s, code)
        x.start_time = dt.time(17, 30)
        day = x.date
    _leave(db, absent, day)
    _plan_and_publish(db)
    change = notices.pending_change(db, sid)
    assert change.changed and change.new_time is not None
    assert len(change.leaves) == 1 and len(change.joins) == 1
    assert any(c.session == code for c in notices.changed_sessions(db, H0, H1))
    update = notices.send_agenda(db, sid, tmp_path / "update.ics", user="anna")
    assert update.sequence == 1 and "new time" in update.summary
    one = vobject.readOne((tmp_path / "first.ics").read_text(encoding="utf-8"))
    two = vobject.readOne((tmp_path / "update.ics").read_text(encoding="utf-8"))
    e1, e2 = one.vevent, two.vevent
    assert e1.uid.value == e2.uid.value
    assert int(e2.sequence.value) > int(e1.sequence.value)
    attendees = {a.value.lower() for a in e2.contents.get("attendee", [])}
    assert attendees and all(a.startswith("mailto:") for a in attendees)
    assert e2.dtstart.value.hour == 17 and e2.dtstart.value.minute == 30
    text = (tmp_path / "update.ics").read_text(encoding="utf-8")
    for c in cases0:
        assert f"P{c[1:]}" not in text, "no patient reference in a calendar update"
    assert notices.pending_change(db, sid).changed is False


def test_leave_after_the_agenda_was_sent_is_a_change_to_send(db, tmp_path) -> None:
    """An attendee who goes on leave after the agenda went out no longer attends: the
    agenda printed now leaves them out, so the change notice names them as leaving (it said
    "Unchanged since", and the attendees kept counting on them)."""
    _plan_and_publish(db)
    _cases, staff0 = _published(db)
    code = sorted(staff0)[0]
    with db.session() as s:
        x = _session(s, code)
        sid, day = x.id, x.date
    notices.send_agenda(db, sid, tmp_path / "first.ics", user="anna")
    assert notices.pending_change(db, sid).changed is False
    absent = sorted(staff0[code])[0]
    _leave(db, absent, day)
    change = notices.pending_change(db, sid)
    assert change.changed and len(change.leaves) == 1 and not change.joins
    with db.session() as s:
        name = s.scalar(select(m.Expert.name).where(m.Expert.code == absent))
    assert change.leaves == (name,)


def test_the_stability_setting_scales_the_moved_weight(db) -> None:
    stab.set_stability(db, 2.0, user="anna")
    assert stab.get_stability(db) == 2.0
    data = {
        "sessions": [],
        "cases": [],
        "previous_plan": [],
        "weights": {"moved": 30},
        "horizon": {"start": "2027-01-04", "end": "2027-01-15"},
    }
    with db.session() as s:
        stab.prepare(s, data)
    assert data["weights"]["moved"] == 60
    with pytest.raises(UserError, match=r"0\.1 to 10"):
        stab.set_stability(db, 50, user="anna")


def test_what_the_extra_moves_buy() -> None:
    trade = {
        "moved": 40,
        "stable_moved": 0,
        "on_time": 30,
        "stable_on_time": 18,
        "planned": 50,
        "stable_planned": 50,
    }
    assert pr.trade_sentence(trade) == (
        "moving 40 more published cases than needed plans 12 more before their due date"
    )
    assert pr.trade_sentence({**trade, "moved": 0}) == ""
    assert pr.trade_sentence(None) == ""


def _moved_by_hand(db, run: int) -> tuple[int, int]:
    """Move one local case of the proposal by hand to another session that takes it."""
    row = next(r for r in pr.review(db, run).rows if r.kind == "new" and r.code.startswith("C0"))
    target = next(
        sid
        for sid, _label in pr.candidate_sessions(db, run, row.case_id)
        if sid != row.session_id
        and not pr.check_move(db, row.case_id, sid, plan_run_id=run, horizon=(H0, H1))
    )
    assert pr.move_case(db, run, row.case_id, target, user="anna") == []
    return row.case_id, target


def test_cancelling_the_session_of_a_manual_move_releases_the_pin(db) -> None:
    """Review finding: a move pins the case; cancelling that session left the pin, and the
    exporter then skipped the case, so it silently vanished from planning."""
    from mdo_planner.services import sessions_service as ss

    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    case_id, target = _moved_by_hand(db, run)
    pr.discard_run(db, run, user="anna")
    pr.pin_case(db, case_id, target, user="anna")  # a pin that outlives the proposal
    ss.cancel_session(db, target, "room not available", user="anna")
    with db.session() as s:
        assert s.get(m.Case, case_id).pinned_session_id is None
    again = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    assert case_id in {r.case_id for r in pr.review(db, again).rows}


def test_discarding_a_proposal_undoes_the_pins_of_its_moves(db) -> None:
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    case_id, _target = _moved_by_hand(db, run)
    pr.discard_run(db, run, user="anna")
    with db.session() as s:
        assert s.get(m.Case, case_id).pinned_session_id is None


def test_a_registration_on_time_for_an_early_local_mdo_keeps_it(db) -> None:
    """Review finding: a local case registered on Friday 1 January is on time for Tuesday's
    local MDO (cut-off: 2 working days) but late for Thursday's regional one (5 working days);
    it must not lose Tuesday's session for that."""
    with db.session() as s:
        case = s.scalar(select(m.Case).where(m.Case.code == "C01"))
        case.created_at = dt.datetime(2027, 1, 1, 9, 0, tzinfo=dt.UTC)
    run = pr.propose_plan(db, H0, H1, LIMIT, user="anna")
    row = next(r for r in pr.review(db, run).rows if r.code == "C01")
    assert not row.late
    assert row.session == "L1W1" or row.session_date < dt.date(2027, 1, 8), row
