"""Reading and checking a meeting record (``../shared/contract/README.md``, "Meeting record").

A meeting record says what happened in one session: who attended, who chaired, and the outcome
of every case on its published agenda. It may come from a meeting-room laptop, another system
or a hand-edited template, so it is checked the way scenarios are (:mod:`mdo_planner.contract_io.scenario`):

* the *whole* document in one walk, collecting every problem (up to ``MAX_ERRORS``) with its
  JSON path, because the person fixing the file wants the full list at once;
* with a :class:`RecordContext` (what the database knows: the session's date and state, the
  cases on its agenda, the network's experts, whether the meeting was already closed) the same
  walk also checks every reference, so a record is refused *before* anything is written;
* the result is a normalised record (plain JSON data, dates as ISO strings, unknown fields
  dropped, the contract's optional fields filled in).

Extensions beyond the contract (readers of the contract ignore them): ``cases[].minutes``, the
minutes a discussion actually took (the Meeting view's clock, for the specialist-time figures),
and ``amendment_reason``, required when a closed meeting is recorded again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import models as m
from db.models import DEFER_REASONS, ECHELONS, INTENTS, MEETING_OUTCOMES, NOT_DISCUSSED_REASONS
from mdo_planner.contract_io.scenario import MAX_ERRORS, _Checker, _show, parse_json
from mdo_planner.infra.limits import DocumentError, read_input

FORMAT = "mdo-planner-meeting"
VERSION = 1


class MeetingRecordError(DocumentError):
    """A meeting record that cannot be stored; ``errors`` lists ``(json_path, message)``."""


@dataclass(frozen=True)
class RecordContext:
    """What the database says about the session a record is for."""

    session: str
    date: dt.date
    cancelled: bool
    today: dt.date
    #: Case codes on the session's published agenda (for a closed meeting: its outcomes).
    agenda: tuple[str, ...]
    #: Of those, the ones listed for noting (protocol cases).
    noting: Set[str] = field(default_factory=frozenset)
    #: Codes of the network's experts.
    experts: Set[str] = field(default_factory=frozenset)
    closed: bool = False


def validate_record(
    data: Any, source: str = "meeting record", context: RecordContext | None = None
) -> dict[str, Any]:
    """Check a meeting record (and, with ``context``, its references); return it normalised.

    Raises :class:`MeetingRecordError` naming every problem by JSON path; never anything else
    for any JSON value.
    """
    chk = _Checker(source)
    result = _validate(chk, data, context)
    if chk.errors or result is None:
        if not chk.errors:
            chk.errors.append(("$", "not a meeting record"))
        raise MeetingRecordError(source, chk.errors, chk.more)
    return result


def _text(chk: _Checker, o: Mapping[str, Any], key: str, path: str, column: Any) -> str | None:
    """An optional free text: a string or null; blank means none. ``column`` is where it is
    stored (its storage limits, see :mod:`mdo_planner.infra.limits`)."""
    value = o.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        chk.error(f"{path}.{key}", f"{_show(value)} is not text")
        return None
    if not chk.fits(value, column, f"{path}.{key}"):
        return None
    return value.strip() or None


def _validate(chk: _Checker, data: Any, ctx: RecordContext | None) -> dict[str, Any] | None:
    root = chk.obj(data, "$")
    if root is None:
        return None
    fmt = root.get("format")
    if fmt != FORMAT:
        chk.error(
            "$.format",
            f"{_show(fmt)} is not {FORMAT!r}"
            if "format" in root
            else f"missing required field 'format' ({FORMAT!r})",
        )
    version = root.get("version")
    if version != VERSION or isinstance(version, bool):
        chk.error(
            "$.version",
            f"{_show(version)} is not {VERSION} (the only version this program reads)"
            if "version" in root
            else "missing required field 'version'",
        )

    session = chk.string(root, "session", "$", column=m.MeetingSession.code)
    if session is not None and ctx is not None:
        if session != ctx.session:
            chk.error(
                "$.session", f"{session!r} is not the session being recorded ({ctx.session!r})"
            )
        elif ctx.cancelled:
            chk.error(
                "$.session",
                f"session {session} was cancelled: a cancelled session has no meeting to record",
            )
        elif ctx.date > ctx.today:
            chk.error(
                "$.session",
                f"session {session} takes place on {ctx.date}, in the "
                f"future (today is {ctx.today}): record it once it has taken place",
            )

    attendance: list[str] = []
    for j, ref in enumerate(chk.array(root, "attendance", "$", required=True)):
        p = f"$.attendance[{j}]"
        if not isinstance(ref, str) or not ref.strip():
            chk.error(p, f"{_show(ref)} is not an expert id")
        elif not chk.fits(ref, m.Expert.code, p):
            pass
        elif ref in attendance:
            chk.error(p, f"expert {ref!r} is listed twice")
        elif ctx is not None and ref not in ctx.experts:
            chk.error(p, f"{ref!r} is not an expert of the network")
        else:
            attendance.append(ref)
    if "attendance" in root and isinstance(root["attendance"], list) and not root["attendance"]:
        chk.error("$.attendance", "nobody attended: list the experts who were present")

    chair = chk.string(root, "chair", "$", column=m.Expert.code)
    if chair is not None and isinstance(root.get("attendance"), list):
        listed = [a for a in root["attendance"] if isinstance(a, str)]
        if chair not in listed:
            chk.error("$.chair", f"the chair {chair!r} is not one of the attendees")

    amendment = _text(chk, root, "amendment_reason", "$", m.Meeting.amendment_reason)
    if ctx is not None and ctx.closed and amendment is None:
        chk.error(
            "$.amendment_reason",
            f"the meeting of session {ctx.session} is already "
            "closed: a correction is an amendment and needs a reason",
        )

    cases: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(chk.array(root, "cases", "$", required=True)):
        p = f"$.cases[{i}]"
        o = chk.obj(item, p)
        if o is None:
            continue
        code = chk.string(o, "case", p, column=m.Case.code)
        if code is not None:
            if code in seen:
                chk.error(
                    f"{p}.case", f"case {code!r} is listed twice (first at $.cases[{seen[code]}])"
                )
                code = None
            else:
                seen[code] = i
                if ctx is not None and code not in ctx.agenda:
                    chk.error(
                        f"{p}.case", f"case {code!r} is not on the agenda of session {ctx.session}"
                    )
        entry = _case(chk, o, p, ctx, code)
        if entry is not None and code is not None:
            cases.append(entry)
    if ctx is not None and isinstance(root.get("cases"), list):
        missing = [c for c in ctx.agenda if c not in seen]
        for code in missing[:MAX_ERRORS]:
            chk.error(
                "$.cases",
                f"case {code!r} is on the agenda of session {ctx.session} but has no outcome",
            )

    if chk.errors:
        return None
    assert session is not None and chair is not None
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "session": session,
        "chair": chair,
        "attendance": attendance,
        "cases": cases,
    }
    if amendment is not None:
        out["amendment_reason"] = amendment
    return out


def _case(
    chk: _Checker, o: Mapping[str, Any], p: str, ctx: RecordContext | None, code: str | None
) -> dict[str, Any] | None:
    outcome = chk.choice(o, "outcome", p, MEETING_OUTCOMES)
    minutes = chk.integer(
        o, "minutes", p, required=False, minimum=0, nullable=True, column=m.MeetingOutcome.minutes
    )
    if outcome is None:
        return None
    entry: dict[str, Any] = {"case": code, "outcome": outcome}
    if minutes is not None:
        entry["minutes"] = minutes
    if (
        ctx is not None
        and code is not None
        and code in ctx.agenda
        and outcome == "noted"
        and code not in ctx.noting
    ):
        chk.error(
            f"{p}.outcome",
            f"case {code!r} is on the agenda for discussion, not for "
            "noting: record discussed, deferred or not_discussed",
        )
    if outcome == "discussed":
        recommendation = chk.string(o, "recommendation", p, column=m.MeetingOutcome.recommendation)
        consensus = o.get("consensus")
        if "consensus" not in o:
            chk.error(p, "missing required field 'consensus' (true or false)")
        elif not isinstance(consensus, bool):
            chk.error(f"{p}.consensus", f"{_show(consensus)} is not true or false")
        intent = chk.choice(o, "intent", p, INTENTS)
        follow_up = None
        raw = o.get("follow_up")
        if raw is not None:
            fp = f"{p}.follow_up"
            f = chk.obj(raw, fp)
            if f is not None:
                on = chk.date(f, "rediscuss_on", fp, column=m.MeetingOutcome.follow_up_on)
                echelon = chk.choice(f, "echelon", fp, ECHELONS)
                question = _text(chk, f, "question", fp, m.MeetingOutcome.follow_up_question)
                if on is not None and ctx is not None and on < ctx.date:
                    chk.error(
                        f"{fp}.rediscuss_on",
                        f"{on} lies before the meeting "
                        f"({ctx.date}): a re-discussion comes after it",
                    )
                if on is not None and echelon is not None:
                    follow_up = {
                        "rediscuss_on": on.isoformat(),
                        "echelon": echelon,
                        "question": question,
                    }
        referral = _text(chk, o, "referral", p, m.MeetingOutcome.referral)
        entry.update(
            recommendation=recommendation,
            consensus=consensus,
            intent=intent,
            follow_up=follow_up,
            referral=referral,
        )
    elif outcome in ("deferred", "not_discussed"):
        reasons = DEFER_REASONS if outcome == "deferred" else NOT_DISCUSSED_REASONS
        entry.update(
            reason=chk.choice(o, "reason", p, reasons),
            note=_text(chk, o, "note", p, m.MeetingOutcome.note),
        )
    return entry


def load_record(path: str | Path) -> tuple[Any, str]:
    """Read and parse a record file within the input limits (:mod:`mdo_planner.infra.limits`):
    ``(json data, source name)`` for :func:`validate_record`."""
    p = Path(path)
    return parse_json(read_input(p, "meeting record"), p.name), p.name


__all__ = [
    "DEFER_REASONS",
    "ECHELONS",
    "FORMAT",
    "INTENTS",
    "MEETING_OUTCOMES",
    "NOT_DISCUSSED_REASONS",
    "VERSION",
    "MeetingRecordError",
    "RecordContext",
    "load_record",
    "validate_record",
]
