"""The product's data values in the interface language, in one module: levels, modes, case
statuses and deadline risk, the meeting's outcomes, intents and reasons, solver phases, dates
in sentences and the reasons a case stays unplanned.

Why here and not in the services: the services, the CLI and the stored plan speak English (a
log, an audit trail and a scenario file must not change with a user's language), so the
desktop translates what it shows. The unplanned reasons are sentences the solver and the
planning pool compose (``solver/explain.py``, ``mdo_planner/planning/pool.py``); they are
recognised by pattern and rebuilt from translated pieces, and a sentence no pattern knows is
shown as it is rather than half translated.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mdo_planner.services import cases_service as cs
from solver.contract import LEVEL
from ui.workspaces._support import date_text, day_month_text, session_date_text

_LEVEL_WORDS: dict[str, Any] = {
    "local": QT_TRANSLATE_NOOP("Words", "local"),
    "regional": QT_TRANSLATE_NOOP("Words", "regional"),
    "supraregional": QT_TRANSLATE_NOOP("Words", "supra-regional"),
    "hold": QT_TRANSLATE_NOOP("Words", "hold"),
    "protocol": QT_TRANSLATE_NOOP("Words", "protocol"),
    # the total over the echelons (specialist-minutes, quality figures)
    "all": QT_TRANSLATE_NOOP("Words", "all"),
}


def level_word(level: str | None) -> str:
    """ "local" / "regional" / "supraregional" in running text (lower case). Only the word
    asked for is translated (all six were, for every row of a week's 730 sessions)."""
    source = _LEVEL_WORDS.get(level or "")
    return QCoreApplication.translate("Words", source) if source else (level or "")


def mode_word(mode: str | None) -> str:
    return {
        "in_person": QCoreApplication.translate("Words", "in person"),
        "hybrid": QCoreApplication.translate("Words", "hybrid"),
        "online": QCoreApplication.translate("Words", "online"),
    }.get(mode or "", mode or "")


def _date(text: str) -> str:
    """ "7 Dec 2026" or "7 Dec" (the solver's English dates) in the interface language."""
    for fmt, show in (("%d %b %Y", date_text), ("%d %b", day_month_text)):
        try:
            day = dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return show(day)
    return text


_LEVELS = r"(?P<levels>(?:local|regional|supraregional)(?:/(?:local|regional|supraregional))*)"
_WHERE = re.compile(_LEVELS + r" (?P<tg>\S+) session (?P<place>.+)$")


def _where(text: str) -> str:
    """ "local/regional BREAST session at H1, in network N or supra-regional"."""
    m = _WHERE.match(text)
    if not m:
        return text
    levels = "/".join(level_word(x) for x in m["levels"].split("/"))
    place = m["place"]
    if place == "anywhere":
        place = QCoreApplication.translate("Words", "anywhere")
    else:
        pm = re.fullmatch(r"at (.+), in network (.+) or supra-regional", place)
        if pm:
            place = QCoreApplication.translate(
                "Words", "at {hospital}, in network {network} or supra-regional"
            ).format(hospital=pm[1], network=pm[2])
        else:
            pm = re.fullmatch(r"in network (.+) or supra-regional", place)
            if pm:
                place = QCoreApplication.translate(
                    "Words", "in network {network} or supra-regional"
                ).format(network=pm[1])
    return QCoreApplication.translate("Words", "{levels} {group} session {place}").format(
        levels=levels, group=m["tg"], place=place
    )


def _busy(text: str) -> str:
    """ "2 on leave (Dr. X 11 Jan–15 Jan), 1 at their weekly limit"."""
    if text == "none is eligible for these sessions":
        return QCoreApplication.translate("Words", "none is eligible for these sessions")
    parts = []
    for part in re.split(r", (?=\d+ )", text):
        m = re.fullmatch(r"(\d+) on leave \((.*)\)", part)
        if m:
            spans = re.sub(
                r"(\d{1,2} [A-Z][a-z]{2})", lambda d: _date(d[1] + " 2000").rsplit(" ", 1)[0], m[2]
            )
            spans = spans.replace(
                " and ", " " + QCoreApplication.translate("Words", "and") + " "
            ).replace(" more", " " + QCoreApplication.translate("Words", "more"))
            parts.append(
                QCoreApplication.translate("Words", "{who} on leave ({spans})").format(
                    who=m[1], spans=spans
                )
            )
            continue
        m = re.fullmatch(r"(\d+) at their weekly limit", part)
        if m:
            parts.append(
                QCoreApplication.translate("Words", "{who} at their weekly limit").format(who=m[1])
            )
            continue
        m = re.fullmatch(r"(\d+) in another session at the same time", part)
        if m:
            parts.append(
                QCoreApplication.translate(
                    "Words", "{who} in another session at the same time"
                ).format(who=m[1])
            )
            continue
        return text
    return ", ".join(parts)


def reason_text(reason: str) -> str:
    """An unplanned reason in the interface language (the stored sentence when unknown)."""
    if not reason:
        return reason
    m = re.fullmatch(r"pinned to session (.+?), which cannot take it now: (.+)", reason, re.S)
    if m:
        return QCoreApplication.translate(
            "Words", "pinned to session {session}, which cannot take it now: {reason}"
        ).format(session=m[1], reason=reason_text(m[2]))
    fixed = {
        "withdrawn: it is no longer to be discussed": QCoreApplication.translate(
            "Words", "withdrawn: it is no longer to be discussed"
        ),
        "already discussed: its recommendation is recorded": QCoreApplication.translate(
            "Words", "already discussed: its recommendation is recorded"
        ),
        "on hold by a clinician's decision or because the registration is incomplete (see "
        "the triage panel); it is planned once the data is complete and a clinician confirms "
        "a level": QCoreApplication.translate(
            "Words",
            "on hold by a clinician's decision or because the registration is "
            "incomplete (see the triage panel); it is planned once the data is "
            "complete and a clinician confirms a level",
        ),
        "standard-of-care protocol: listed for noting on its hospital's next local agenda, "
        "not planned into discussion time": QCoreApplication.translate(
            "Words",
            "standard-of-care protocol: listed for noting on its hospital's next local "
            "agenda, not planned into discussion time",
        ),
    }
    if reason in fixed:
        return fixed[reason]
    m = re.fullmatch(
        r"triage not yet confirmed by a clinician(?: \(recommended: (\w+)\))?: "
        r"confirm or override the level in the case editor, then plan again",
        reason,
    )
    if m:
        text = QCoreApplication.translate(
            "Words",
            "triage not yet confirmed by a clinician: confirm or override the level "
            "in the case editor, then plan again",
        )
        if m[1]:
            text = QCoreApplication.translate(
                "Words",
                "triage not yet confirmed by a clinician (recommended: {level}): confirm or "
                "override the level in the case editor, then plan again",
            ).format(level=level_word(m[1]))
        return text
    m = re.fullmatch(
        r"ready date (.+) is after the end of the planning horizon \((.+)\); "
        r"plan it in a later period",
        reason,
    )
    if m:
        return QCoreApplication.translate(
            "Words",
            "ready date {ready} is after the end of the planning horizon ({horizon_end}); plan it in "
            "a later period",
        ).format(ready=_date(m[1]), horizon_end=_date(m[2]))
    m = re.fullmatch(
        r"no (.+) in the horizon (.+?)–(.+?); schedule such a session or refer "
        r"the case elsewhere",
        reason,
    )
    if m:
        return QCoreApplication.translate(
            "Words",
            "no {where} in the horizon {start}–{end}; schedule such a session or refer the case elsewhere",
        ).format(where=_where(m[1]), start=_date(m[2]), end=_date(m[3]))
    m = re.fullmatch(
        r"the last (.+) is on (.+?), before the case is ready \((.+?)\); "
        r"schedule a later session or plan it in the next period",
        reason,
    )
    if m:
        return QCoreApplication.translate(
            "Words",
            "the last {where} is on {last}, before the case is ready ({ready}); schedule a later "
            "session or plan it in the next period",
        ).format(where=_where(m[1]), last=_date(m[2]), ready=_date(m[3]))
    m = re.fullmatch(
        r"no (.+) with room for (\d+) min between (.+?) and (.+?) \(all (\d+) "
        r"are full\)(?:; the first such session after the horizon is on (.+?))?; "
        r"add a session or extend one",
        reason,
    )
    if m:
        text = QCoreApplication.translate(
            "Words",
            "no {where} with room for {minutes} min between {start} and {end} (all {count} are full)",
        ).format(where=_where(m[1]), minutes=m[2], start=_date(m[3]), end=_date(m[4]), count=m[5])
        if m[6]:
            text += "; " + QCoreApplication.translate(
                "Words", "the first such session after the horizon is on {date}"
            ).format(date=_date(m[6]) if not re.fullmatch(r"\d{4}-\d\d-\d\d", m[6]) else m[6])
        return text + "; " + QCoreApplication.translate("Words", "add a session or extend one")
    m = re.fullmatch(
        r"no (.+?) available for (the only eligible session with room|any of "
        r"the (\d+) eligible sessions with room) \((.+)\); ask a (.+?) to "
        r"attend or lift a weekly limit",
        reason,
    )
    if m:
        which = (
            QCoreApplication.translate("Words", "the only eligible session with room")
            if m[3] is None
            else QCoreApplication.translate(
                "Words", "any of the {count} eligible sessions with room"
            ).format(count=m[3])
        )
        return QCoreApplication.translate(
            "Words",
            "no {discipline} available for {which} ({busy}); ask a {who} to attend or lift a weekly limit",
        ).format(discipline=m[1], which=which, busy=_busy(m[4]), who=m[5])
    m = re.fullmatch(
        r"every (.+) with room is needed for cases with higher priority; add a "
        r"session or extend one",
        reason,
    )
    if m:
        return QCoreApplication.translate(
            "Words",
            "every {where} with room is needed for cases with higher priority; add a "
            "session or extend one",
        ).format(where=_where(m[1]))
    return reason


_LABEL = re.compile(
    r"^(?P<day>\d{4}-\d\d-\d\d) (?P<time>\d\d:\d\d) · (?P<tg>\S+) "
    r"(?P<level>local|regional|supraregional) · (?P<host>.+)$"
)


def session_text(label: str) -> str:
    """A session label of the review ("2027-01-06 13:00 · BREAST regional · H2") with the
    date in the locale's short style and the level in the interface language."""
    m = _LABEL.match(label or "")
    if not m:
        return label
    day = dt.date.fromisoformat(m["day"])
    when = session_date_text(day)
    return f"{when} {m['time']} · {m['tg']} {level_word(m['level'])} · {m['host']}"


def series_name_text(name: str) -> str:
    """A generated series name ("Breast – local – Rijnoever") with its level translated."""
    return re.sub(
        r" – (local|regional|supra-regional) – ",
        lambda m: f" – {level_word(m[1].replace('supra-', 'supra'))} – ",
        name or "",
    )


def _when(text: str) -> str:
    """ "Mon 7 Dec 2026 13:00" (a service's English date) in the interface language."""
    try:
        moment = dt.datetime.strptime(text, "%a %d %b %Y %H:%M")
    except ValueError:
        return text
    return session_date_text(moment.date()) + moment.strftime(" %H:%M")


def _called(text: str) -> str:
    """A session as the rule sentences name it: "<series> on Mon 7 Dec 2026 13:00"."""
    m = re.fullmatch(r"(.+) on (\w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d)", text)
    if not m:
        return text
    what = series_name_text(m[1])
    lm = re.fullmatch(r"(\S+) (local|regional|supraregional)", what)
    if lm:
        what = f"{lm[1]} {level_word(lm[2])}"
    return QCoreApplication.translate("Words", "{what} on {when}").format(
        what=what, when=_when(m[2])
    )


def breach_text(text: str) -> str:
    """A refused move's sentence ("Rule 5: session … has 4 of 60 minutes left; …") in the
    interface language; the stored English when no pattern knows it."""
    m = re.fullmatch(r"Rule (\d+): (.+)", text, re.S)
    if not m:
        return text
    rule, body = m[1], m[2]
    out = None
    if x := re.fullmatch(r"session (.+?) is cancelled\.", body):
        out = QCoreApplication.translate("Words", "session {session} is cancelled.").format(
            session=_called(x[1])
        )
    elif x := re.fullmatch(r"case (\S+) is a (\S+) case; session (.+) discusses (\S+)\.", body):
        out = QCoreApplication.translate(
            "Words",
            "case {case} is a {case_group} case; session {session} discusses {session_group}.",
        ).format(case=x[1], case_group=x[2], session=_called(x[3]), session_group=x[4])
    elif x := re.fullmatch(r"case (\S+) needs a (\w+) MDO; session (.+) is (\w+)\.", body):
        out = QCoreApplication.translate(
            "Words", "case {case} needs a {case_level} MDO; session {session} is {session_level}."
        ).format(
            case=x[1],
            case_level=level_word(x[2]),
            session=_called(x[3]),
            session_level=level_word(x[4]),
        )
    elif x := re.fullmatch(
        r"a local MDO only discusses cases of its own hospital: case (\S+) "
        r"comes from (.+?), session (.+) is at (.+)\.",
        body,
    ):
        out = QCoreApplication.translate(
            "Words",
            "a local MDO only discusses cases of its own hospital: case {case} "
            "comes from {case_hospital}, session {session} is at {session_hospital}.",
        ).format(case=x[1], case_hospital=x[2], session=_called(x[3]), session_hospital=x[4])
    elif x := re.fullmatch(
        r"a regional MDO only discusses cases of its network: case (\S+) "
        r"belongs to network (.+?), session (.+) to (.+)\.",
        body,
    ):
        out = QCoreApplication.translate(
            "Words",
            "a regional MDO only discusses cases of its network: case {case} "
            "belongs to network {case_network}, session {session} to {session_network}.",
        ).format(case=x[1], case_network=x[2], session=_called(x[3]), session_network=x[4])
    elif x := re.fullmatch(r"case (\S+) is ready on (\S+), after the session on (\S+)\.", body):
        out = QCoreApplication.translate(
            "Words", "case {case} is ready on {ready}, after the session on {session_date}."
        ).format(case=x[1], ready=_iso(x[2]), session_date=_iso(x[3]))
    elif x := re.fullmatch(
        r"session (.+?) lies outside the planning horizon (\S+) to (\S+)\.", body
    ):
        out = QCoreApplication.translate(
            "Words", "session {session} lies outside the planning horizon {start} to {end}."
        ).format(session=_called(x[1]), start=_iso(x[2]), end=_iso(x[3]))
    elif x := re.fullmatch(
        r"session (.+) has (-?\d+) of (\d+) minutes left; case (\S+) needs "
        r"(\d+)\.",
        body,
    ):
        out = QCoreApplication.translate(
            "Words",
            "session {session} has {left} of {total} minutes left; case {case} needs {needed}.",
        ).format(session=_called(x[1]), left=x[2], total=x[3], case=x[4], needed=x[5])
    elif x := re.fullmatch(r"no eligible expert of (.+?) is available for session (.+)\.", body):
        out = QCoreApplication.translate(
            "Words", "no eligible expert of {discipline} is available for session {session}."
        ).format(discipline=x[1], session=_called(x[2]))
    elif x := re.fullmatch(r"case (\S+) is pinned to session (.+); unpin it first\.", body):
        out = QCoreApplication.translate(
            "Words", "case {case} is pinned to session {session}; unpin it first."
        ).format(case=x[1], session=_called(x[2]))
    if out is None:
        return text
    return QCoreApplication.translate("Words", "Rule {rule}: {reason}").format(
        rule=rule, reason=out
    )


def _iso(text: str) -> str:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return date_text(day)


def trade_text(sentence: str) -> str:
    """ "moving 40 more published cases than needed plans 12 more before their due date"."""
    m = re.fullmatch(r"moving (\d+) more published cases? than needed plans (.+)", sentence or "")
    if not m:
        return sentence
    what = m[2]
    if what == "no case more before its due date":
        what = QCoreApplication.translate("Words", "no case more before its due date")
    else:
        bits = []
        for part in what.split(" and "):
            b = re.fullmatch(r"(\d+) more before their due date", part)
            c = re.fullmatch(r"(\d+) more in all", part)
            if b:
                bits.append(
                    QCoreApplication.translate(
                        "Words", "{count} more before their due date"
                    ).format(count=b[1])
                )
            elif c:
                bits.append(
                    QCoreApplication.translate("Words", "{count} more in all").format(count=c[1])
                )
            else:
                return sentence
        what = " " + QCoreApplication.translate("Words", "and") + " "
        what = what.join(bits)
    return QCoreApplication.translate(
        "Words", "moving {count} more published case(s) than needed plans {what}"
    ).format(count=m[1], what=what)


#: Every case status in its life-cycle order, with its word (the worklist's own table, so
#: that this module needs no database model; a test holds it equal to the models' list).
_STATUS_WORDS: dict[str, Any] = {
    "new": QT_TRANSLATE_NOOP("CaseLabels", "New"),
    "hold": QT_TRANSLATE_NOOP("CaseLabels", "On hold"),
    "ready": QT_TRANSLATE_NOOP("CaseLabels", "Ready"),
    "planned": QT_TRANSLATE_NOOP("CaseLabels", "Planned"),
    "discussed": QT_TRANSLATE_NOOP("CaseLabels", "Discussed"),
    "deferred": QT_TRANSLATE_NOOP("CaseLabels", "Deferred"),
    "not_discussed": QT_TRANSLATE_NOOP("CaseLabels", "Not discussed"),
    "withdrawn": QT_TRANSLATE_NOOP("CaseLabels", "Withdrawn"),
}
CASE_STATUSES: tuple[str, ...] = tuple(_STATUS_WORDS)


def status_label(status: str) -> str:
    """A case status as a table cell or filter shows it ("On hold")."""
    word = _STATUS_WORDS.get(status)
    return QCoreApplication.translate("CaseLabels", word) if word is not None else status


def level_label(level: str | None) -> str:
    """A triage level as a table cell or choice shows it ("Supra-regional"); in running
    text use :func:`level_word`."""
    if not level:
        return QCoreApplication.translate("CaseLabels", "not triaged")
    return {
        "hold": QCoreApplication.translate("CaseLabels", "Hold"),
        "protocol": QCoreApplication.translate("CaseLabels", "Protocol (noting)"),
        "local": QCoreApplication.translate("CaseLabels", "Local"),
        "regional": QCoreApplication.translate("CaseLabels", "Regional"),
        "supraregional": QCoreApplication.translate("CaseLabels", "Supra-regional"),
    }.get(level, level)


def risk_label(risk: str) -> str:
    """A case's deadline risk ("Planned late"); its icon and colour are the case table's."""
    return {
        cs.RISK_OVERDUE: QCoreApplication.translate("CaseLabels", "Overdue"),
        cs.RISK_LATE: QCoreApplication.translate("CaseLabels", "Planned late"),
        cs.RISK_AT_RISK: QCoreApplication.translate("CaseLabels", "At risk"),
        cs.RISK_OK: QCoreApplication.translate("CaseLabels", "On track"),
        cs.RISK_CLOSED: QCoreApplication.translate("CaseLabels", "Closed"),
    }.get(risk, risk)


_LEVEL_CODES = frozenset(LEVEL)

#: The meeting's outcomes, intents and reasons (their translation context stays the
#: meeting workspace's); levels are :func:`level_word`.
_MEETING_WORDS = {
    "discussed": QT_TRANSLATE_NOOP("MeetingWorkspace", "Discussed"),
    "deferred": QT_TRANSLATE_NOOP("MeetingWorkspace", "Deferred"),
    "not_discussed": QT_TRANSLATE_NOOP("MeetingWorkspace", "Not discussed"),
    "noted": QT_TRANSLATE_NOOP("MeetingWorkspace", "Noted"),
    "curative": QT_TRANSLATE_NOOP("MeetingWorkspace", "curative"),
    "palliative": QT_TRANSLATE_NOOP("MeetingWorkspace", "palliative"),
    "diagnostic": QT_TRANSLATE_NOOP("MeetingWorkspace", "diagnostic"),
    "unknown": QT_TRANSLATE_NOOP("MeetingWorkspace", "unknown"),
    "pathology_missing": QT_TRANSLATE_NOOP("MeetingWorkspace", "pathology missing"),
    "imaging_missing": QT_TRANSLATE_NOOP("MeetingWorkspace", "imaging missing"),
    "patient_not_ready": QT_TRANSLATE_NOOP("MeetingWorkspace", "patient not ready"),
    "presenter_absent": QT_TRANSLATE_NOOP("MeetingWorkspace", "presenter absent"),
    "other": QT_TRANSLATE_NOOP("MeetingWorkspace", "other"),
    "out_of_time": QT_TRANSLATE_NOOP("MeetingWorkspace", "out of time"),
    "session_cancelled": QT_TRANSLATE_NOOP("MeetingWorkspace", "session cancelled"),
}


def label(code: str | None) -> str:
    """A meeting code (outcome, intent, reason, level) in the interface language."""
    if not code:
        return ""
    if code in _LEVEL_CODES:
        return level_word(code)
    return QCoreApplication.translate("MeetingWorkspace", str(_MEETING_WORDS.get(code, code)))
