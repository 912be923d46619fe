"""Calendar files (iCalendar, RFC 5545) for MDO sessions: per session and "my MDOs".

Specialists attend several MDOs a week and live by their calendar. A ``.ics`` file lets them
import or subscribe to their sessions. Calendar entries end up on phones, in shared mailboxes
and on synchronisation servers outside the hospital, so they carry **no patient data**: only
the session (tumour group, echelon, host, times, mode, video link) and the number of cases.

Times are written in Europe/Amsterdam with a VTIMEZONE, so that a specialist on another time
zone or the day daylight-saving time changes still sees the meeting at the right hour.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar

from mdo_planner import __version__
from mdo_planner.agenda.labels import tr, word
from mdo_planner.agenda.model import Agenda, AgendaSession, Attendee
from mdo_planner.pdf.text import printable

TIMEZONE = "Europe/Amsterdam"
PRODID = f"-//MDO Planner//mdo-planner {__version__}//EN"


def session_uid(session: AgendaSession, namespace: str = "") -> str:
    """A stable UID: re-importing an updated file updates the event instead of duplicating it.

    ``namespace`` (e.g. the database URL's host and name) keeps sessions of two networks with
    the same id apart; it is hashed so that no server name leaks into calendars.
    """
    digest = hashlib.sha256(
        f"{namespace}|{session.session_id}".encode("utf-8", "surrogatepass")
    ).hexdigest()[:16]
    return f"mdo-session-{digest}@mdo-planner"


def _line(text: str | None) -> str:
    """One line of printable text: content lines such as SUMMARY may not hold line breaks."""
    return " ".join(printable(text).split())


def _uri(text: str | None) -> str | None:
    """The video link as a URI, or None when it is not one (it then stays in DESCRIPTION)."""
    link = (text or "").strip()
    if not link or any(ch.isspace() for ch in link) or printable(link) != link:
        return None
    return link


def _event(
    agenda: Agenda,
    tz: ZoneInfo,
    stamp: datetime,
    namespace: str,
    lang: str,
    notice: Notice | None = None,
) -> icalendar.Event:
    s = agenda.session
    group = _line(s.tumour_group_name or s.tumour_group)
    host = _line(s.host_hospital_name or s.host_hospital)
    link = _uri(s.video_link)
    echelon = _line(word(lang, s.echelon))
    event = icalendar.Event()
    event.add("uid", session_uid(s, namespace))
    event.add("dtstamp", stamp)
    if notice is not None:
        # a calendar client replaces the earlier invitation with the same UID when the
        # SEQUENCE is higher; the attendees are the experts' e-mail addresses
        event.add("sequence", notice.sequence)
        for email, name in notice.attendees:
            address = icalendar.vCalAddress(f"mailto:{email}")
            address.params["cn"] = icalendar.vText(_line(name))
            address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
            event.add("attendee", address, encode=False)
    event.add("dtstart", s.starts_at.replace(tzinfo=tz))
    event.add("dtend", s.ends_at.replace(tzinfo=tz))
    event.add("summary", f"MDO {group} ({echelon}) — {host}")
    event.add("location", link if s.mode == "video" and link else host)
    lines = [
        f"{tr(lang, 'tumour_group')}: {group}",
        f"{tr(lang, 'echelon')}: {echelon}",
        f"{tr(lang, 'host_hospital')}: {host}",
        f"{tr(lang, 'mode')}: {_line(word(lang, s.mode))}",
    ]
    if s.video_link:
        lines.append(f"{tr(lang, 'video_link')}: {_line(s.video_link)}")
    if link:
        event.add("url", link)
    if s.chair:
        lines.append(f"{tr(lang, 'chair')}: {_line(s.chair)}")
    lines.append(
        tr(
            lang,
            "ics_cases",
            items=len(agenda.items),
            used=agenda.discussion_minutes,
            duration=s.duration_min,
            noting=len(agenda.noting),
        )
    )
    lines.append(tr(lang, "ics_note"))
    if notice is not None and notice.changes:
        lines.insert(0, _line(notice.changes))
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if s.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("categories", ["MDO", _line(s.tumour_group)])
    return event


@dataclass(frozen=True)
class Notice:
    """What makes a calendar entry an invitation or an update of one: its ``SEQUENCE`` (0 for
    the first invitation, one higher for every update), the attendees' e-mail addresses and
    names, and a line naming what changed (never patient data)."""

    sequence: int
    attendees: tuple[tuple[str, str], ...] = ()
    changes: str = ""


def calendar_bytes(
    agendas: Iterable[Agenda],
    *,
    name: str,
    namespace: str = "",
    now: datetime | None = None,
    language: str = "en",
    notice: Notice | None = None,
) -> bytes:
    """An iCalendar file with one event per session, in Europe/Amsterdam time."""
    tz = ZoneInfo(TIMEZONE)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _line(name))
    cal.add("x-wr-timezone", TIMEZONE)
    first = last = None
    for agenda in sorted(agendas, key=lambda a: (a.session.starts_at, a.session.session_id)):
        cal.add_component(_event(agenda, tz, stamp, namespace, language, notice))
        first = first or agenda.session.date
        last = agenda.session.date
    if first is not None and last is not None:
        cal.add_missing_timezones(
            first_date=first.replace(day=1), last_date=last.replace(year=last.year + 1)
        )
    return cal.to_ical()


def session_calendar(
    agenda: Agenda,
    *,
    namespace: str = "",
    now: datetime | None = None,
    notice: Notice | None = None,
) -> bytes:
    """The calendar entry of one session (in the agenda's language); with ``notice`` an
    invitation or update that calendar clients match by UID and SEQUENCE."""
    return calendar_bytes(
        [agenda],
        name=agenda.session.title_in(agenda.language),
        namespace=namespace,
        now=now,
        language=agenda.language,
        notice=notice,
    )


def expert_calendar(
    expert: Attendee,
    agendas: Iterable[Agenda],
    *,
    namespace: str = "",
    now: datetime | None = None,
    language: str = "en",
) -> bytes:
    """ "My MDOs": the sessions the expert attends (the caller selects the range)."""
    mine = [
        a
        for a in agendas
        if any(p.expert_id == expert.expert_id for _, ps in a.attendees for p in ps)
    ]
    return calendar_bytes(
        mine,
        name=f"{tr(language, 'my_mdos')} — {expert.name}",
        namespace=namespace,
        now=now,
        language=language,
    )
