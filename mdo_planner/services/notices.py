"""Change notices: what changed on a session's agenda since it was last sent, and the update.

Each session keeps the agenda it last sent (``MeetingSession.agenda_sent``: its ``sequence``,
when and by whom, date, time, length, the cases with their start times, the attendees). The
Sessions workspace compares that with the published plan now and shows the difference
(added, removed, moved to another session, new time; who joins and who leaves), and offers to
send an update: a calendar file with the same ``UID`` and a higher ``SEQUENCE`` and an
``ATTENDEE`` per expert with an e-mail address, so that calendar clients replace the earlier
invitation. The notice names only what changed in counts and times, never patient data.

A plan published inside a session's freeze window (its cut-off has passed) counts as the
agenda sent (:func:`mark_sent`, sequence 0): from then on the session is frozen for
re-planning (see ``plan_review.propose_plan``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_bytes

from ._db import DatabaseLike
from .base import audit
from .plan_rules import on_leave_pairs


def agenda_state(s: Session, x: m.MeetingSession) -> dict[str, Any]:
    """The session's published agenda now, in the form it is kept when sent."""
    cases = {
        code: (t.strftime("%H:%M") if t else None)
        for code, t in s.execute(
            select(m.Case.code, m.Assignment.start_time)
            .join(m.Assignment.case)
            .where(m.Assignment.published.is_(True), m.Assignment.session_id == x.id)
        )
    }
    experts = sorted(code for code, _email, _name in _attending(s, x))
    return {
        "date": x.date.isoformat(),
        "start": x.start_time.strftime("%H:%M"),
        "duration_min": x.duration_min,
        "cancelled": bool(x.cancelled),
        "cases": dict(sorted(cases.items())),
        "attendees": experts,
    }


def _attending(s: Session, x: m.MeetingSession) -> list[tuple[str, str | None, str]]:
    """(code, e-mail, name) of the session's published attendees, by code, without those on
    leave that day: they are not on the agenda printed now (agenda_loading), so leave
    entered after sending is a change to send, and they are not invited."""
    rows = s.execute(
        select(m.Expert.id, m.Expert.code, m.Expert.email, m.Expert.name)
        .join(m.Attendance, m.Attendance.expert_id == m.Expert.id)
        .where(m.Attendance.published.is_(True), m.Attendance.session_id == x.id)
        .order_by(m.Expert.code)
    ).all()
    away = on_leave_pairs(s, [(eid, x.date) for eid, *_rest in rows])
    return [(code, e, n) for eid, code, e, n in rows if (eid, x.date) not in away]


@dataclass(frozen=True)
class AgendaChange:
    """The difference between the agenda last sent and the published agenda now."""

    session_id: int
    session: str
    sequence: int
    sent_at: str | None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    #: case code -> session code it moved to
    moved: tuple[tuple[str, str], ...] = ()
    #: case code -> (old start, new start)
    retimed: tuple[tuple[str, str | None, str | None], ...] = ()
    new_time: tuple[str, str] | None = None  # (old "date start", new "date start")
    #: (old, new) minutes; old is None when the agenda sent did not record its length
    new_length: tuple[int | None, int] | None = None
    cancelled: bool = False
    joins: tuple[str, ...] = ()  # expert names
    leaves: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.moved
            or self.retimed
            or self.new_time
            or self.new_length
            or self.cancelled
            or self.joins
            or self.leaves
        )

    def summary(self) -> str:
        """One line for the calendar update and the status bar: counts and times only."""
        parts = []
        if self.cancelled:
            parts.append("session cancelled")
        if self.new_time:
            parts.append(f"new time {self.new_time[1]} (was {self.new_time[0]})")
        if self.new_length:
            parts.append(f"now {self.new_length[1]} minutes (was {self.new_length[0]})")
        if self.added:
            parts.append(f"{len(self.added)} case(s) added")
        if self.removed:
            parts.append(f"{len(self.removed)} case(s) removed")
        if self.moved:
            parts.append(f"{len(self.moved)} case(s) moved to another session")
        if self.retimed:
            parts.append(f"{len(self.retimed)} case(s) at a new time")
        if self.joins or self.leaves:
            parts.append(f"attendees: {len(self.joins)} join, {len(self.leaves)} leave")
        return "Update: " + "; ".join(parts) if parts else ""


def _change(s: Session, x: m.MeetingSession) -> AgendaChange | None:
    sent = x.agenda_sent
    if not sent:
        return None
    now = agenda_state(s, x)
    before, after = sent.get("cases", {}), now["cases"]
    gone = sorted(set(before) - set(after))
    where = dict(
        s.execute(
            select(m.Case.code, m.MeetingSession.code)
            .join(m.Assignment, m.Assignment.case_id == m.Case.id)
            .join(m.MeetingSession, m.MeetingSession.id == m.Assignment.session_id)
            .where(m.Assignment.published.is_(True), m.Case.code.in_(gone))
        ).all()
    )
    names = dict(
        s.execute(
            select(m.Expert.code, m.Expert.name).where(
                m.Expert.code.in_(set(sent.get("attendees", [])) ^ set(now["attendees"]))
            )
        ).all()
    )
    old_when = f"{sent.get('date')} {sent.get('start')}"
    new_when = f"{now['date']} {now['start']}"
    return AgendaChange(
        session_id=x.id,
        session=x.code,
        sequence=int(sent.get("sequence", 0)),
        sent_at=sent.get("sent_at"),
        added=tuple(sorted(set(after) - set(before))),
        removed=tuple(c for c in gone if c not in where),
        moved=tuple((c, where[c]) for c in gone if c in where),
        retimed=tuple(
            (c, before[c], after[c])
            for c in sorted(set(before) & set(after))
            if before[c] != after[c]
        ),
        new_time=(old_when, new_when) if old_when != new_when else None,
        new_length=(
            (sent.get("duration_min"), now["duration_min"])
            if sent.get("duration_min") != now["duration_min"]
            else None
        ),
        cancelled=now["cancelled"] and not sent.get("cancelled"),
        joins=tuple(
            names.get(e, e) for e in sorted(set(now["attendees"]) - set(sent.get("attendees", [])))
        ),
        leaves=tuple(
            names.get(e, e) for e in sorted(set(sent.get("attendees", [])) - set(now["attendees"]))
        ),
    )


def pending_change(db: DatabaseLike, session_id: int) -> AgendaChange | None:
    """What changed since the session's agenda was sent (None: never sent)."""
    with db.session() as s:
        x = s.get(m.MeetingSession, session_id)
        if x is None:
            raise UserError(f"session {session_id} no longer exists")
        return _change(s, x)


def changed_sessions(db: DatabaseLike, date_from: dt.date, date_to: dt.date) -> list[AgendaChange]:
    """Sessions in the range whose sent agenda no longer matches the published one."""
    with db.session() as s:
        rows = s.scalars(
            select(m.MeetingSession)
            .where(
                m.MeetingSession.date.between(date_from, date_to),
                m.MeetingSession.agenda_sent.is_not(None),
            )
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
        ).all()
        out = [_change(s, x) for x in rows]
    return [c for c in out if c is not None and c.changed]


def mark_sent(
    s: Session, x: m.MeetingSession, *, user: str, how: str, sequence: int | None = None
) -> dict[str, Any]:
    """Record the published agenda as sent now (inside the caller's transaction)."""
    previous = x.agenda_sent or {}
    seq = (
        sequence
        if sequence is not None
        else (int(previous["sequence"]) + 1 if "sequence" in previous else 0)
    )
    state = agenda_state(s, x)
    x.agenda_sent = {
        **state,
        "sequence": seq,
        "sent_at": m.utcnow().isoformat(),
        "sent_by": user,
        "how": how,
    }
    return x.agenda_sent


def mark_exported(db: DatabaseLike, session_id: int, *, user: str) -> bool:
    """An agenda exported for a session (PDF or calendar) counts as sent: the session is
    frozen from now on. Returns whether this export was the first one; a later export of a
    changed agenda does not count as its update (that is **Send update**)."""
    with db.session() as s:
        x = s.get(m.MeetingSession, session_id)
        if x is None or x.agenda_sent is not None or x.cancelled:
            return False
        mark_sent(s, x, how="exported", sequence=0, user=user)
        audit(s, "agenda_sent", "session", x.code, {"how": "exported"}, user=user)
        return True


@dataclass(frozen=True)
class Sent:
    path: Path
    sequence: int
    summary: str


def send_agenda(
    db: DatabaseLike,
    session_id: int,
    path: str | Path,
    *,
    user: str,
    now: dt.datetime | None = None,
) -> Sent:
    """Write the session's invitation (first time) or update (later) as a calendar file and
    record the agenda as sent. Calendar entries carry no patient data."""
    from mdo_planner.outputs.ics import Notice, session_calendar
    from mdo_planner.services.agenda_service import _check_target, build_session_agenda

    target = Path(path)
    _check_target(target)
    with db.session() as s:
        x = s.get(m.MeetingSession, session_id)
        if x is None:
            raise UserError(f"session {session_id} no longer exists")
        change = _change(s, x)
        sequence = 0 if x.agenda_sent is None else int(x.agenda_sent.get("sequence", 0)) + 1
        agenda = build_session_agenda(s, x.id, "minimal")
        people = [(e, n) for _code, e, n in _attending(s, x)]
        summary = change.summary() if change is not None else ""
        notice = Notice(
            sequence=sequence, attendees=tuple((e, n) for e, n in people if e), changes=summary
        )
        data = session_calendar(
            agenda, namespace=str(getattr(db, "url", "")), now=now, notice=notice
        )
        mark_sent(s, x, how="calendar", sequence=sequence, user=user)
        audit(
            s,
            "send_agenda",
            "session",
            x.code,
            {"sequence": sequence, "file": target.name, "update": sequence > 0},
            user=user,
        )
        # written before the commit: a failed write leaves the agenda "not sent"
        atomic_write_bytes(target, data)
    return Sent(target, sequence, summary)


__all__ = [
    "AgendaChange",
    "Sent",
    "agenda_state",
    "changed_sessions",
    "mark_exported",
    "mark_sent",
    "pending_change",
    "send_agenda",
]
