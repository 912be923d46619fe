"""The meeting's clock line: the time now against the agenda's slots (split from
:mod:`ui.workspaces.meeting`, and a plain function so a test can give it any moment).

The chair runs the meeting by the agenda's times; the line says how far the current case is
ahead of or behind its slot and whether the meeting runs over, in the interface language (the
strings keep the meeting workspace's translation context).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from mdo_planner.services import meeting_service as svc
from ui.workspaces._support import display_text


def clock_text(state: svc.MeetingState, line: svc.AgendaLine | None, now: dt.datetime) -> str:
    """ "Now 14:05 · 3 min behind the slot of C12" on the meeting's day; the slots' span on
    another day or once the meeting is closed."""
    start = dt.datetime.combine(state.date, state.start)
    end = start + dt.timedelta(minutes=state.duration_min)
    if state.closed or now.date() != state.date:
        return QCoreApplication.translate("MeetingWorkspace", "Slots {start}–{end}").format(
            start=display_text(state.start), end=display_text(end.time())
        )
    text = QCoreApplication.translate("MeetingWorkspace", "Now {time}").format(
        time=now.strftime("%H:%M")
    )
    if line is not None and line.start is not None:
        slot_start = dt.datetime.combine(state.date, line.start)
        late = int((now - (slot_start + dt.timedelta(minutes=line.minutes))).total_seconds() // 60)
        early = int((slot_start - now).total_seconds() // 60)
        if late > 0:
            text += " · " + QCoreApplication.translate(
                "MeetingWorkspace", "{minutes} min behind the slot of {case}"
            ).format(minutes=str(late), case=line.code)
        elif early > 0:
            text += " · " + QCoreApplication.translate(
                "MeetingWorkspace", "{minutes} min ahead of the slot of {case}"
            ).format(minutes=str(early), case=line.code)
        else:
            text += " · " + QCoreApplication.translate(
                "MeetingWorkspace", "on time for {case}"
            ).format(case=line.code)
    if now > end:
        text += " · " + QCoreApplication.translate(
            "MeetingWorkspace", "the meeting ran {minutes} min over"
        ).format(minutes=str(int((now - end).total_seconds() // 60)))
    return text
