"""Meeting day: what happened in a session, and what that changes for its cases.

A published agenda is what a session *planned* to discuss; this module records what it *did*
(the contract's meeting record, see :mod:`mdo_planner.contract_io.meeting_record`) and applies the effects
in the same transaction, so that the planning pool is right the moment a chair closes the
meeting:

* ``discussed`` (and ``noted``): the case becomes ``discussed`` and leaves the planning pool for
  good; a later published place it may still have is taken away.
* ``deferred`` / ``not_discussed``: the case returns to the pool with its original due date and
  urgency (lateness keeps counting from the original due date) and carries an ``attention``
  line for the secretary.
* a follow-up re-discussion creates a **new case** linked to the discussed one (same patient and
  hospital, ``ready`` = the follow-up date, the recommended echelon confirmed by the chair, the
  question carried over), so the earlier outcome stays part of the patient's timeline.

Reading a session's meeting state lives in :mod:`mdo_planner.services.meeting_reading` (its
names are re-exported here). A closed meeting is read-only; recording it again is an *amendment*, which needs a reason and
is audited. Every write is one transaction (a crash or kill leaves all of it or none of it) and
is audit-logged; the audit details name codes and counts, never patient data or the typed
recommendation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.contract_io.exporter import _natural
from mdo_planner.contract_io.meeting_record import FORMAT, VERSION, RecordContext, validate_record
from mdo_planner.errors import UserError
from mdo_planner.services.access import require

from ._db import DatabaseLike
from .base import audit, check_version
from .meeting_reading import AgendaLine as AgendaLine
from .meeting_reading import Attendee as Attendee
from .meeting_reading import MeetingState as MeetingState
from .meeting_reading import SessionChoice as SessionChoice
from .meeting_reading import _agenda_lines, _meeting, _planned_attendees, find_session, record_of
from .meeting_reading import meeting_state as meeting_state
from .meeting_reading import sessions_on as sessions_on

#: Case statuses that a deferral or a "not discussed" may return to the pool.
_RETURNABLE = ("ready", "planned", "deferred", "not_discussed", "discussed")


# --------------------------------------------------------------------------- template


def template(db: DatabaseLike, session_ref: str | int, *, user: str) -> dict[str, Any]:
    """A record pre-filled from the published agenda and the planned attendance.

    Discussion items come with an empty outcome to fill in (the file is refused until every
    case has one); items listed for noting are ``noted``. ``question`` and ``slot`` are extra
    fields for the person filling it in (readers ignore them). Writing it discloses the cases'
    questions, so it is audit-logged.
    """
    with db.session() as s:
        x = find_session(s, session_ref)
        meeting = _meeting(s, x.id)
        if meeting is not None:
            doc = record_of(meeting)
            doc["amendment_reason"] = ""
        else:
            planned = _planned_attendees(s, x.id)
            chair = next(
                (a.code for a in planned if x.chair and x.chair.strip() in (a.code, a.name)), None
            )
            cases: list[dict[str, str | None]] = []
            for line in _agenda_lines(s, x):
                if line.section == "noting":
                    cases.append({"case": line.code, "outcome": "noted"})
                    continue
                cases.append(
                    {
                        "case": line.code,
                        "outcome": None,
                        "slot": f"{line.start:%H:%M}" if line.start else "",
                        "question": line.question,
                        "recommendation": "",
                        "consensus": None,
                        "intent": None,
                        "follow_up": None,
                        "referral": None,
                    }
                )
            doc = {
                "format": FORMAT,
                "version": VERSION,
                "session": x.code,
                "chair": chair,
                "attendance": sorted((a.code for a in planned), key=_natural),
                "cases": cases,
            }
        audit(
            s, "export_meeting_template", "session", x.code, {"cases": len(doc["cases"])}, user=user
        )
        return doc


# --------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class RecordResult:
    session: str
    amended: bool
    counts: dict[str, int]
    follow_ups: tuple[str, ...]
    written: bool


def _context(
    s: Session, x: m.MeetingSession, meeting: m.Meeting | None, today: dt.date
) -> RecordContext:
    if meeting is not None:
        agenda = tuple(o.case.code for o in meeting.outcomes)
        noting = frozenset(o.case.code for o in meeting.outcomes if o.outcome == "noted")
    elif x.cancelled:
        agenda, noting = (), frozenset()
    else:
        lines = _agenda_lines(s, x)
        agenda = tuple(line.code for line in lines)
        noting = frozenset(line.code for line in lines if line.section == "noting")
    experts = frozenset(s.scalars(select(m.Expert.code)))
    return RecordContext(
        x.code, x.date, x.cancelled, today, agenda, noting, experts, closed=meeting is not None
    )


def record_meeting(
    db: Any,
    data: Any,
    *,
    user: str,
    source: str = "meeting record",
    today: dt.date | None = None,
    check_only: bool = False,
) -> RecordResult:
    """Validate a record against the database, then store it and its effects in ONE
    transaction (or, with ``check_only``, only validate).

    Bad input raises :class:`~mdo_planner.contract_io.meeting_record.MeetingRecordError` naming every
    problem by JSON path, before anything is written.
    """
    today = today or dt.date.today()
    session_ref = data.get("session") if isinstance(data, dict) else None
    if not isinstance(session_ref, str) or not session_ref.strip():
        validate_record(data, source)  # reports the structural problems, $.session first
        raise UserError(f"{source}: $.session: missing")  # pragma: no cover - defensive
    opener = db.session
    try:
        cm = opener(write=True)
    except TypeError:  # a bare test wrapper without write sessions
        cm = opener()
    with cm as s:
        x = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == session_ref))
        if x is None:
            try:
                validate_record(data, source)
            except UserError as exc:
                raise UserError(
                    f"{exc}\n{source}: $.session: there is no session with id {session_ref!r}"
                ) from None
            raise UserError(f"{source}: $.session: there is no session with id {session_ref!r}")
        meeting = _meeting(s, x.id)
        record = validate_record(data, source, _context(s, x, meeting, today))
        counts: dict[str, int] = defaultdict(int)
        for item in record["cases"]:
            counts[item["outcome"]] += 1
        if check_only:
            return RecordResult(x.code, meeting is not None, dict(counts), (), False)
        # closing (or amending) a meeting is the chair's sign-off (refusal audited as denied)
        require(
            s,
            "meeting.close",
            entity="session",
            entity_id=x.code,
            case_ids=[item["case"] for item in record["cases"]],
            user=user,
        )
        follow_ups = _store(s, x, meeting, record, user, source)
        return RecordResult(x.code, meeting is not None, dict(counts), tuple(follow_ups), True)


def _store(
    s: Session,
    x: m.MeetingSession,
    meeting: m.Meeting | None,
    record: dict[str, Any],
    user: str,
    source: str,
) -> list[str]:
    experts = {
        e.code: e
        for e in s.scalars(select(m.Expert).where(m.Expert.code.in_(record["attendance"])))
    }
    cases = {
        c.code: c
        for c in s.scalars(
            select(m.Case)
            .options(selectinload(m.Case.extra_disciplines))
            .where(m.Case.code.in_([i["case"] for i in record["cases"]]))
        )
    }
    previous: dict[int, m.MeetingOutcome] = {}
    amended = meeting is not None
    if meeting is None:
        meeting = m.Meeting(session_id=x.id, chair_id=experts[record["chair"]].id, closed_by=user)
        s.add(meeting)
    else:
        previous = {o.case_id: o for o in meeting.outcomes}
        meeting.amendments += 1
        meeting.amended_at = m.utcnow()
        meeting.amendment_reason = record["amendment_reason"]
        meeting.chair_id = experts[record["chair"]].id
    meeting.attendees = [experts[c] for c in record["attendance"]]
    keep_follow_up: dict[int, m.Case] = {}
    for i, item in enumerate(record["cases"]):
        case = cases[item["case"]]
        old = previous.get(case.id)
        if old is not None and old.follow_up_case is not None:
            fu = old.follow_up_case
            if item.get("follow_up") is not None:
                keep_follow_up[case.id] = fu
            elif fu.status in ("discussed",):
                raise UserError(
                    f"{source}: $.cases[{i}].follow_up: the re-discussion "
                    f"{fu.code} of case {case.code} was already discussed; it can "
                    "no longer be taken back"
                )
            else:
                _withdraw(
                    s,
                    fu,
                    "its re-discussion was taken back by an amendment of the "
                    f"meeting of session {x.code}",
                    user,
                )
    if amended:
        meeting.outcomes.clear()
        s.flush()
    follow_ups = []
    for pos, item in enumerate(record["cases"]):
        case = cases[item["case"]]
        outcome = m.MeetingOutcome(
            case_id=case.id, position=pos, outcome=item["outcome"], minutes=item.get("minutes")
        )
        if item["outcome"] == "discussed":
            outcome.recommendation = item["recommendation"]
            outcome.consensus = item["consensus"]
            outcome.intent = item["intent"]
            outcome.referral = item.get("referral")
            fu = item.get("follow_up")
            if fu is not None:
                outcome.follow_up_on = dt.date.fromisoformat(fu["rediscuss_on"])
                outcome.follow_up_echelon = fu["echelon"]
                outcome.follow_up_question = fu.get("question")
        elif item["outcome"] in ("deferred", "not_discussed"):
            outcome.reason = item["reason"]
            outcome.note = item.get("note")
        meeting.outcomes.append(outcome)
        _apply(s, x, case, item, user)
        if outcome.follow_up_on is not None:
            follow = _follow_up_case(
                s, x, case, outcome, keep_follow_up.get(case.id), experts[record["chair"]], user
            )
            outcome.follow_up_case = follow
            follow_ups.append(follow.code)
        audit(
            s,
            "meeting_outcome",
            "case",
            case.code,
            {
                "session": x.code,
                "outcome": item["outcome"],
                **({"follow_up_case": follow_ups[-1]} if outcome.follow_up_on else {}),
            },
            user=user,
        )
    s.execute(delete(m.MeetingDraft).where(m.MeetingDraft.session_id == x.id))
    s.flush()
    counts: dict[str, int] = defaultdict(int)
    for item in record["cases"]:
        counts[item["outcome"]] += 1
    details: dict[str, Any] = {
        "attendees": len(record["attendance"]),
        "chair": record["chair"],
        **counts,
    }
    if amended:
        details["amendment"] = meeting.amendments
        details["reason"] = record["amendment_reason"][:500]
    audit(s, "meeting_amend" if amended else "meeting_close", "session", x.code, details, user=user)
    return follow_ups


def _unplan_elsewhere(s: Session, case: m.Case, session: m.MeetingSession | None) -> None:
    """Take the case out of every published place in a session whose meeting is not closed
    (other than ``session``), and unpin it.

    Open plan proposals are left as they are: publishing one that still holds the case is
    refused by the publish re-check (``publish_check``: the case "was discussed/withdrawn
    after this proposal was made: plan again"), as for any other change since the proposal.
    """
    closed = select(m.Meeting.session_id)
    for a in s.scalars(
        select(m.Assignment).where(
            m.Assignment.case_id == case.id,
            m.Assignment.published.is_(True),
            m.Assignment.session_id.not_in(closed),
        )
    ):
        if session is None or a.session_id != session.id:
            a.published = False
    if case.pinned_session_id is not None and (
        session is None or case.pinned_session_id != session.id
    ):
        case.pinned_session_id = None


def _planned_later(s: Session, case: m.Case, x: m.MeetingSession) -> bool:
    """Whether the case already has a published place in a later, still open session."""
    return (
        s.scalar(
            select(m.Assignment.id)
            .join(m.MeetingSession)
            .where(
                m.Assignment.case_id == case.id,
                m.Assignment.published.is_(True),
                m.Assignment.session_id != x.id,
                m.MeetingSession.date >= x.date,
                m.Assignment.session_id.not_in(select(m.Meeting.session_id)),
            )
            .limit(1)
        )
        is not None
    )


def _apply(s: Session, x: m.MeetingSession, case: m.Case, item: dict[str, Any], user: str) -> None:
    """The outcome's effect on its case (see the module docstring)."""
    outcome = item["outcome"]
    if outcome in ("discussed", "noted"):
        case.status = "discussed"
        case.attention = None
        _unplan_elsewhere(s, case, x)
        return
    if case.status not in _RETURNABLE or _planned_later(s, case, x):
        # already re-planned into a later session (an amendment after re-planning): the
        # status stays "planned"; only the secretary's attention line changes
        pass
    else:
        case.status = outcome
    what = "deferred" if outcome == "deferred" else "not discussed"
    note = f" — {item['note']}" if item.get("note") else ""
    case.attention = (
        f"{what} at the MDO of {x.date:%Y-%m-%d} ({x.code}): "
        f"{item['reason'].replace('_', ' ')}{note}"
    )[:2000]


def _follow_up_code(s: Session, case: m.Case) -> str:
    base = case.code[:56]
    n = 1
    while True:
        code = f"{base}-R{n}"
        if s.scalar(select(m.Case.id).where(m.Case.code == code)) is None:
            return code
        n += 1


def _follow_up_case(
    s: Session,
    x: m.MeetingSession,
    case: m.Case,
    o: m.MeetingOutcome,
    existing: m.Case | None,
    chair: m.Expert,
    user: str,
) -> m.Case:
    """The re-discussion as a new case linked to ``case`` (or the amended existing one).

    Its level is the echelon the MDO recommended, confirmed by the chair: a clinician's
    decision, so planning takes it as it takes any confirmed level. The due date keeps the
    earlier case's lead time from ready to due.
    """
    assert o.follow_up_on is not None and o.follow_up_echelon is not None
    lead = max(dt.timedelta(days=7), case.due_date - case.ready_date)
    question = o.follow_up_question or case.question or ""
    rule = [
        {
            "id": "MDO",
            "reason_en": f"re-discussion recommended by the MDO of {x.date:%Y-%m-%d}",
            "reason_nl": f"herbespreking geadviseerd door het MDO van {x.date:%d-%m-%Y}",
        }
    ]
    now = m.utcnow()
    follow = existing
    if follow is not None and follow.status in ("discussed", "withdrawn"):
        return follow  # already discussed (or withdrawn): history, not changed by an amendment
    if follow is None:
        follow = m.Case(
            code=_follow_up_code(s, case),
            patient_ref=case.patient_ref,
            patient_name=case.patient_name,
            patient_number=case.patient_number,
            bsn=case.bsn,
            birth_date=case.birth_date,
            hospital_id=case.hospital_id,
            presenting_physician=case.presenting_physician,
            tumour_group_id=case.tumour_group_id,
            urgent=False,
            created_by=user,
            status="ready",
            follow_up_of_id=case.id,
            extra_disciplines=list(case.extra_disciplines),
        )
        s.add(follow)
    follow.question = question
    follow.ready_date = o.follow_up_on
    follow.due_date = o.follow_up_on + lead
    follow.triage_level = o.follow_up_echelon
    follow.triage_rules = rule
    follow.triage_at = now
    follow.required_level = o.follow_up_echelon
    follow.confirmed_by = chair.name[:100]
    follow.confirmed_at = now
    if follow.status in ("new", "hold", "withdrawn", "ready"):
        follow.status = "ready"
        follow.attention = None
    s.flush()
    audit(
        s,
        "follow_up_update" if existing is not None else "follow_up_create",
        "case",
        follow.code,
        {
            "of": case.code,
            "session": x.code,
            "ready": o.follow_up_on.isoformat(),
            "level": o.follow_up_echelon,
        },
        user=user,
    )
    return follow


# --------------------------------------------------------------------------- withdrawing


def _withdraw(s: Session, case: m.Case, reason: str, user: str) -> None:
    case.status = "withdrawn"
    case.attention = f"withdrawn: {reason}"[:2000]
    _unplan_elsewhere(s, case, None)
    audit(s, "withdraw", "case", case.code, {"reason": reason[:500]}, user=user)


def withdraw_case(
    db: DatabaseLike, case_id: int, reason: str, *, user: str, expected_version: int | None = None
) -> None:
    """Withdraw a case (patient died, moved, no longer needed): it leaves the planning pool
    and every agenda of a session not yet held, with the reason audited (an open proposal
    that still holds it is refused at publishing: plan again)."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(
            "withdrawing a case needs a reason (e.g. patient moved to another hospital)"
        )
    with db.session() as s:
        case = s.get(m.Case, case_id)
        if case is None:
            raise UserError(f"case {case_id} no longer exists")
        check_version(case, expected_version=expected_version)
        if case.status == "withdrawn":
            raise UserError(f"case {case.code} is already withdrawn")
        if case.status == "discussed":
            raise UserError(
                f"case {case.code} was already discussed: there is nothing left to withdraw"
            )
        _withdraw(s, case, reason, user)


# --------------------------------------------------------------------------- drafts


def save_draft(db: DatabaseLike, session_id: int, document: dict[str, Any], *, user: str) -> None:
    """Store the Meeting view's work in progress (called by the background writer)."""
    with db.session() as s:
        if s.scalar(select(m.Meeting.id).where(m.Meeting.session_id == session_id)):
            raise UserError("this meeting is closed: changes need an amendment with a reason")
        draft = s.get(m.MeetingDraft, session_id)
        if draft is None:
            s.add(m.MeetingDraft(session_id=session_id, document=document, updated_by=user))
        else:
            draft.document = document
            draft.updated_by = user
            draft.updated_at = m.utcnow()


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEntry:
    """One MDO discussion of a patient: the case, the meeting and what it decided."""

    case_code: str
    date: dt.date
    session: str
    outcome: str
    recommendation: str
    follow_up_case: str | None


def patient_timeline(db: DatabaseLike, case_id: int) -> list[TimelineEntry]:
    """The outcomes of every case of the same patient (and hospital), oldest first: the
    earlier recommendation, next to the case being edited."""
    with db.session() as s:
        case = s.get(m.Case, case_id)
        if case is None:
            return []
        rows = s.execute(
            select(m.MeetingOutcome, m.Case.code, m.MeetingSession)
            .join(m.Case, m.Case.id == m.MeetingOutcome.case_id)
            .join(m.Meeting, m.Meeting.id == m.MeetingOutcome.meeting_id)
            .join(m.MeetingSession, m.MeetingSession.id == m.Meeting.session_id)
            .where(m.Case.patient_ref == case.patient_ref, m.Case.hospital_id == case.hospital_id)
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
        ).all()
        out = []
        for o, code, x in rows:
            text = o.recommendation or (
                f"{o.reason.replace('_', ' ')}" + (f": {o.note}" if o.note else "")
                if o.reason
                else ""
            )
            out.append(
                TimelineEntry(
                    code,
                    x.date,
                    x.code,
                    o.outcome,
                    text,
                    o.follow_up_case.code if o.follow_up_case else None,
                )
            )
        return out


# --------------------------------------------------------------------------- MDO report


def build_report(
    s: Session, session_ref: str | int, privacy: str | None = None, language: str = "en"
) -> Any:
    """The report of a closed meeting, privacy applied (inside the caller's transaction).

    Without ``privacy`` each case gets its session's agenda default, and a case referred by
    another hospital than the host is at least pseudonymised: the report goes to every
    attendee, not only to the referrer.
    """
    from mdo_planner.agenda.model import PatientData
    from mdo_planner.agenda.privacy import (
        check_privacy,
        default_privacy,
        patient_label,
        redact_bsn,
    )
    from mdo_planner.pdf.report_pdf import MeetingReport, ReportCase

    from .agenda_service import AgendaSettings

    asked = check_privacy(privacy) if privacy is not None else None
    x = find_session(s, session_ref)
    meeting = _meeting(s, x.id)
    if meeting is None:
        raise UserError(
            f"the meeting of session {x.code} is not closed yet: the MDO report "
            "is made from a closed meeting"
        )
    site = AgendaSettings.from_site().privacy_default
    base = asked or default_privacy(x.echelon, site)
    stricter = {"full": 0, "pseudonymised": 1, "minimal": 2}
    modes = set()
    out = []
    for n, o in enumerate(meeting.outcomes, start=1):
        c = o.case
        mode = base
        if privacy is None and c.hospital_id != x.hospital_id and stricter[mode] < 1:
            mode = "pseudonymised"
        modes.add(mode)

        def clean(text: str | None, bsn: str | None = c.bsn) -> str | None:
            return None if text is None else redact_bsn(text, bsn)

        patient = patient_label(
            PatientData(c.patient_ref, c.patient_name, c.birth_date, c.patient_number, c.bsn),
            mode,
            language,
        )
        out.append(
            ReportCase(
                n,
                patient,
                c.hospital.name,
                o.outcome,
                clean(c.question) or "",
                clean(o.recommendation),
                o.consensus,
                o.intent,
                o.follow_up_on,
                o.follow_up_echelon,
                clean(o.follow_up_question),
                o.follow_up_case.code if o.follow_up_case else None,
                clean(o.referral),
                o.reason,
                clean(o.note),
            )
        )
    attendees = tuple(
        (e.name, e.discipline.name)
        for e in sorted(meeting.attendees, key=lambda e: (e.discipline.code, e.name))
    )
    return MeetingReport(
        x.code,
        x.tumour_group.name,
        x.echelon,
        x.hospital.name,
        x.date,
        x.start_time,
        x.duration_min,
        meeting.chair.name,
        attendees,
        ", ".join(sorted(modes)) or base,
        tuple(out),
        meeting.closed_at,
        meeting.closed_by,
        meeting.amendments,
        meeting.amendment_reason,
        language,
    )


def export_report_pdf(
    db: DatabaseLike,
    session_ref: str | int,
    path: Any,
    *,
    user: str,
    privacy: str | None = None,
    language: str = "en",
    printed_at: dt.datetime | None = None,
) -> Any:
    """Write the MDO report of a closed meeting (atomically; the export is audit-logged
    before the file exists, as agendas are)."""
    from pathlib import Path

    from mdo_planner.agenda.labels import check_language
    from mdo_planner.pdf.report_pdf import meeting_report_pdf_bytes

    from .agenda_service import _check_target, _Output, _write_logged

    check_language(language)
    target = Path(path)
    _check_target(target)
    with db.session() as s:
        report = build_report(s, session_ref, privacy, language)
    data = meeting_report_pdf_bytes(report, printed_at=printed_at)
    _write_logged(
        db,
        user,
        [
            _Output(
                target,
                data,
                "pdf",
                "meeting_report",
                report.session_id,
                report.privacy,
                {"cases": len(report.cases)},
            )
        ],
    )
    return target


def expert_choices(db: DatabaseLike) -> list[tuple[str, str]]:
    """(code, "name · discipline · hospital") of the network's active experts, for adding an
    attendee who was not planned."""
    with db.session() as s:
        rows = s.scalars(
            select(m.Expert)
            .options(selectinload(m.Expert.discipline), selectinload(m.Expert.hospital))
            .where(m.Expert.active.is_(True))
            .order_by(m.Expert.name)
        ).all()
        return [(e.code, f"{e.name} · {e.discipline.code} · {e.hospital.code}") for e in rows]


def default_day(db: DatabaseLike, today: dt.date | None = None) -> dt.date:
    """The day the Meeting view opens on: today, or the last day with a published agenda
    before it (yesterday's meeting still to be closed), else the first one after it."""
    today = today or dt.date.today()
    with db.session() as s:
        published = select(m.Assignment.session_id).where(m.Assignment.published.is_(True))
        dates = select(m.MeetingSession.date).where(
            m.MeetingSession.id.in_(published), m.MeetingSession.cancelled.is_(False)
        )
        before = s.scalar(
            dates.where(m.MeetingSession.date <= today)
            .order_by(m.MeetingSession.date.desc())
            .limit(1)
        )
        if before is not None:
            return before
        after = s.scalar(dates.order_by(m.MeetingSession.date).limit(1))
    return after or today


def case_history(db: DatabaseLike, case_id: int) -> tuple[int, str | None, list[TimelineEntry]]:
    """For the case editor: the case's attention line (why the secretary should look at it)
    and the patient's MDO timeline."""
    with db.session() as s:
        case = s.get(m.Case, case_id)
        attention = case.attention if case is not None else None
    return case_id, attention, patient_timeline(db, case_id)
