"""The product's data values in the interface language: levels, modes, statuses, solver
phases and the reasons a case stays unplanned.

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

from PySide6.QtCore import QCoreApplication, QLocale

from ui.workspaces._support import to_qdate


def level_word(level: str | None) -> str:
    """ "local" / "regional" / "supraregional" in running text (lower case)."""
    return {
        "local": QCoreApplication.translate("Words", "local"),
        "regional": QCoreApplication.translate("Words", "regional"),
        "supraregional": QCoreApplication.translate("Words", "supra-regional"),
        "hold": QCoreApplication.translate("Words", "hold"),
        "protocol": QCoreApplication.translate("Words", "protocol"),
        # the total over the echelons (specialist-minutes, quality figures)
        "all": QCoreApplication.translate("Words", "all"),
    }.get(level or "", level or "")


def mode_word(mode: str | None) -> str:
    return {
        "in_person": QCoreApplication.translate("Words", "in person"),
        "hybrid": QCoreApplication.translate("Words", "hybrid"),
        "online": QCoreApplication.translate("Words", "online"),
    }.get(mode or "", mode or "")


def _date(text: str) -> str:
    """ "7 Dec 2026" or "7 Dec" (the solver's English dates) in the interface language."""
    for fmt, out in (("%d %b %Y", "d MMM yyyy"), ("%d %b", "d MMM")):
        try:
            day = dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return QLocale().toString(to_qdate(day), out)
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
            place = (
                QCoreApplication.translate("Words", "at %1, in network %2 or supra-regional")
                .replace("%1", pm[1])
                .replace("%2", pm[2])
            )
        else:
            pm = re.fullmatch(r"in network (.+) or supra-regional", place)
            if pm:
                place = QCoreApplication.translate(
                    "Words", "in network %1 or supra-regional"
                ).replace("%1", pm[1])
    return (
        QCoreApplication.translate("Words", "%1 %2 session %3")
        .replace("%1", levels)
        .replace("%2", m["tg"])
        .replace("%3", place)
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
                QCoreApplication.translate("Words", "%1 on leave (%2)")
                .replace("%1", m[1])
                .replace("%2", spans)
            )
            continue
        m = re.fullmatch(r"(\d+) at their weekly limit", part)
        if m:
            parts.append(
                QCoreApplication.translate("Words", "%1 at their weekly limit").replace("%1", m[1])
            )
            continue
        m = re.fullmatch(r"(\d+) in another session at the same time", part)
        if m:
            parts.append(
                QCoreApplication.translate(
                    "Words", "%1 in another session at the same time"
                ).replace("%1", m[1])
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
        return (
            QCoreApplication.translate(
                "Words", "pinned to session %1, which cannot take it now: %2"
            )
            .replace("%1", m[1])
            .replace("%2", reason_text(m[2]))
        )
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
                "triage not yet confirmed by a clinician (recommended: %1): confirm or "
                "override the level in the case editor, then plan again",
            ).replace("%1", level_word(m[1]))
        return text
    m = re.fullmatch(
        r"ready date (.+) is after the end of the planning horizon \((.+)\); "
        r"plan it in a later period",
        reason,
    )
    if m:
        return (
            QCoreApplication.translate(
                "Words",
                "ready date %1 is after the end of the planning horizon (%2); plan it in "
                "a later period",
            )
            .replace("%1", _date(m[1]))
            .replace("%2", _date(m[2]))
        )
    m = re.fullmatch(
        r"no (.+) in the horizon (.+?)–(.+?); schedule such a session or refer "
        r"the case elsewhere",
        reason,
    )
    if m:
        return (
            QCoreApplication.translate(
                "Words",
                "no %1 in the horizon %2–%3; schedule such a session or refer the case elsewhere",
            )
            .replace("%1", _where(m[1]))
            .replace("%2", _date(m[2]))
            .replace("%3", _date(m[3]))
        )
    m = re.fullmatch(
        r"the last (.+) is on (.+?), before the case is ready \((.+?)\); "
        r"schedule a later session or plan it in the next period",
        reason,
    )
    if m:
        return (
            QCoreApplication.translate(
                "Words",
                "the last %1 is on %2, before the case is ready (%3); schedule a later "
                "session or plan it in the next period",
            )
            .replace("%1", _where(m[1]))
            .replace("%2", _date(m[2]))
            .replace("%3", _date(m[3]))
        )
    m = re.fullmatch(
        r"no (.+) with room for (\d+) min between (.+?) and (.+?) \(all (\d+) "
        r"are full\)(?:; the first such session after the horizon is on (.+?))?; "
        r"add a session or extend one",
        reason,
    )
    if m:
        text = (
            QCoreApplication.translate(
                "Words", "no %1 with room for %2 min between %3 and %4 (all %5 are full)"
            )
            .replace("%1", _where(m[1]))
            .replace("%2", m[2])
            .replace("%3", _date(m[3]))
            .replace("%4", _date(m[4]))
            .replace("%5", m[5])
        )
        if m[6]:
            text += "; " + QCoreApplication.translate(
                "Words", "the first such session after the horizon is on %1"
            ).replace("%1", _date(m[6]) if not re.fullmatch(r"\d{4}-\d\d-\d\d", m[6]) else m[6])
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
                "Words", "any of the %1 eligible sessions with room"
            ).replace("%1", m[3])
        )
        return (
            QCoreApplication.translate(
                "Words", "no %1 available for %2 (%3); ask a %4 to attend or lift a weekly limit"
            )
            .replace("%1", m[1])
            .replace("%2", which)
            .replace("%3", _busy(m[4]))
            .replace("%4", m[5])
        )
    m = re.fullmatch(
        r"every (.+) with room is needed for cases with higher priority; add a "
        r"session or extend one",
        reason,
    )
    if m:
        return QCoreApplication.translate(
            "Words",
            "every %1 with room is needed for cases with higher priority; add a "
            "session or extend one",
        ).replace("%1", _where(m[1]))
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
    when = QLocale().toString(to_qdate(day), "ddd d MMM yyyy")
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
    return QLocale().toString(to_qdate(moment.date()), "ddd d MMM yyyy") + moment.strftime(" %H:%M")


def _called(text: str) -> str:
    """A session as the rule sentences name it: "<series> on Mon 7 Dec 2026 13:00"."""
    m = re.fullmatch(r"(.+) on (\w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d)", text)
    if not m:
        return text
    what = series_name_text(m[1])
    lm = re.fullmatch(r"(\S+) (local|regional|supraregional)", what)
    if lm:
        what = f"{lm[1]} {level_word(lm[2])}"
    return (
        QCoreApplication.translate("Words", "%1 on %2")
        .replace("%1", what)
        .replace("%2", _when(m[2]))
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
        out = QCoreApplication.translate("Words", "session %1 is cancelled.").replace(
            "%1", _called(x[1])
        )
    elif x := re.fullmatch(r"case (\S+) is a (\S+) case; session (.+) discusses (\S+)\.", body):
        out = (
            QCoreApplication.translate("Words", "case %1 is a %2 case; session %3 discusses %4.")
            .replace("%1", x[1])
            .replace("%2", x[2])
            .replace("%3", _called(x[3]))
            .replace("%4", x[4])
        )
    elif x := re.fullmatch(r"case (\S+) needs a (\w+) MDO; session (.+) is (\w+)\.", body):
        out = (
            QCoreApplication.translate("Words", "case %1 needs a %2 MDO; session %3 is %4.")
            .replace("%1", x[1])
            .replace("%2", level_word(x[2]))
            .replace("%3", _called(x[3]))
            .replace("%4", level_word(x[4]))
        )
    elif x := re.fullmatch(
        r"a local MDO only discusses cases of its own hospital: case (\S+) "
        r"comes from (.+?), session (.+) is at (.+)\.",
        body,
    ):
        out = (
            QCoreApplication.translate(
                "Words",
                "a local MDO only discusses cases of its own hospital: case %1 "
                "comes from %2, session %3 is at %4.",
            )
            .replace("%1", x[1])
            .replace("%2", x[2])
            .replace("%3", _called(x[3]))
            .replace("%4", x[4])
        )
    elif x := re.fullmatch(
        r"a regional MDO only discusses cases of its network: case (\S+) "
        r"belongs to network (.+?), session (.+) to (.+)\.",
        body,
    ):
        out = (
            QCoreApplication.translate(
                "Words",
                "a regional MDO only discusses cases of its network: case %1 "
                "belongs to network %2, session %3 to %4.",
            )
            .replace("%1", x[1])
            .replace("%2", x[2])
            .replace("%3", _called(x[3]))
            .replace("%4", x[4])
        )
    elif x := re.fullmatch(r"case (\S+) is ready on (\S+), after the session on (\S+)\.", body):
        out = (
            QCoreApplication.translate("Words", "case %1 is ready on %2, after the session on %3.")
            .replace("%1", x[1])
            .replace("%2", _iso(x[2]))
            .replace("%3", _iso(x[3]))
        )
    elif x := re.fullmatch(
        r"session (.+?) lies outside the planning horizon (\S+) to (\S+)\.", body
    ):
        out = (
            QCoreApplication.translate(
                "Words", "session %1 lies outside the planning horizon %2 to %3."
            )
            .replace("%1", _called(x[1]))
            .replace("%2", _iso(x[2]))
            .replace("%3", _iso(x[3]))
        )
    elif x := re.fullmatch(
        r"session (.+) has (-?\d+) of (\d+) minutes left; case (\S+) needs "
        r"(\d+)\.",
        body,
    ):
        out = (
            QCoreApplication.translate(
                "Words", "session %1 has %2 of %3 minutes left; case %4 needs %5."
            )
            .replace("%1", _called(x[1]))
            .replace("%2", x[2])
            .replace("%3", x[3])
            .replace("%4", x[4])
            .replace("%5", x[5])
        )
    elif x := re.fullmatch(r"no eligible expert of (.+?) is available for session (.+)\.", body):
        out = (
            QCoreApplication.translate(
                "Words", "no eligible expert of %1 is available for session %2."
            )
            .replace("%1", x[1])
            .replace("%2", _called(x[2]))
        )
    elif x := re.fullmatch(r"case (\S+) is pinned to session (.+); unpin it first\.", body):
        out = (
            QCoreApplication.translate("Words", "case %1 is pinned to session %2; unpin it first.")
            .replace("%1", x[1])
            .replace("%2", _called(x[2]))
        )
    if out is None:
        return text
    return QCoreApplication.translate("Words", "Rule %1: %2").replace("%1", rule).replace("%2", out)


def _iso(text: str) -> str:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return QLocale().toString(to_qdate(day), "d MMM yyyy")


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
                    QCoreApplication.translate("Words", "%1 more before their due date").replace(
                        "%1", b[1]
                    )
                )
            elif c:
                bits.append(
                    QCoreApplication.translate("Words", "%1 more in all").replace("%1", c[1])
                )
            else:
                return sentence
        what = " " + QCoreApplication.translate("Words", "and") + " "
        what = what.join(bits)
    return (
        QCoreApplication.translate("Words", "moving %1 more published case(s) than needed plans %2")
        .replace("%1", m[1])
        .replace("%2", what)
    )
