"""The texts of the Sessions workspace that depend only on what was read: one session's row
in the week view (load, quorum with an icon and a sentence, never colour alone) and the lines
of the change notice (what changed since the agenda was last sent).

They are translated in the workspace's context ("SessionsWorkspace"), where the catalogue
keeps them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon, QStandardItem
from PySide6.QtWidgets import QStyle, QWidget

from mdo_planner.services import notices
from mdo_planner.services import sessions_service as ss
from ui.workspaces._support import display_text, std_icon, warning_color
from ui.workspaces.care_networks import echelon_or_consultation
from ui.workspaces.sessions.models import LOAD_ROLE, SESSION_ROLE


def session_row(
    c: ss.SessionCard, widget: QWidget, memo: dict[object, Any] | None = None
) -> list[QStandardItem]:
    """The cells of one session in the week view: time, what, load, quorum, cases.

    ``memo``: texts already made for this week (a national week has 730 sessions but a few
    dozen start times and kinds; making each once took the week's rows from 57 to 45 ms),
    and the quorum icons, which the style made anew for every row.
    """
    memo = {} if memo is None else memo

    def icon(which: QStyle.StandardPixmap) -> QIcon:
        got = memo.get(which)
        if got is None:
            got = memo[which] = std_icon(widget, which)
        return got

    times = memo.get((c.start, c.end))
    if times is None:
        times = memo[(c.start, c.end)] = f"{display_text(c.start)}–{display_text(c.end)}"
    time_item = QStandardItem(times)
    time_item.setData(c.id, SESSION_ROLE)
    kind = memo.get((c.tumour_group, c.echelon))
    if kind is None:
        kind = memo[(c.tumour_group, c.echelon)] = echelon_or_consultation(
            c.tumour_group, c.echelon
        )
    what = QStandardItem(f"{c.tumour_group_name} · {kind} · {c.hospital_name}")
    what.setToolTip(c.code)
    load = QStandardItem()
    quorum = QStandardItem()
    if c.cancelled:
        quorum.setIcon(icon(QStyle.StandardPixmap.SP_DialogCancelButton))
        quorum.setText(QCoreApplication.translate("SessionsWorkspace", "cancelled"))
        quorum.setToolTip(c.cancel_reason or "")
    else:
        load.setData((c.used_minutes, c.duration_min), LOAD_ROLE)
        load.setText(f"{c.used_minutes} / {c.duration_min}")
        if c.cases == 0:
            quorum.setText(QCoreApplication.translate("SessionsWorkspace", "no cases"))
        elif c.on_leave:
            quorum.setIcon(icon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            quorum.setText(
                QCoreApplication.translate("SessionsWorkspace", "leave conflict: {names}").format(
                    names=", ".join(c.on_leave)
                )
            )
            quorum.setToolTip(
                QCoreApplication.translate(
                    "SessionsWorkspace", "Attends on a day of leave; plan this day again"
                )
                + (
                    " · "
                    + QCoreApplication.translate(
                        "SessionsWorkspace", "missing {disciplines}"
                    ).format(disciplines=", ".join(c.missing))
                    if c.missing
                    else ""
                )
            )
            quorum.setBackground(warning_color(widget))
        elif c.quorum_met:
            quorum.setIcon(icon(QStyle.StandardPixmap.SP_DialogApplyButton))
            quorum.setText(QCoreApplication.translate("SessionsWorkspace", "quorum met"))
        else:
            quorum.setIcon(icon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            quorum.setText(
                QCoreApplication.translate("SessionsWorkspace", "missing {disciplines}").format(
                    disciplines=", ".join(c.missing)
                )
            )
    count = QStandardItem(display_text(c.cases))
    count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return [time_item, what, load, quorum, count]


def change_lines(change: notices.AgendaChange) -> list[str]:
    """What changed since the agenda was sent, one line each (cancelled, new time or
    length, cases added, removed, moved or retimed, attendees joining or leaving)."""
    lines: list[str] = []
    if change.cancelled:
        lines.append(
            "✗ " + QCoreApplication.translate("SessionsWorkspace", "the session is cancelled")
        )
    if change.new_time:
        lines.append(
            "• "
            + QCoreApplication.translate("SessionsWorkspace", "new time {new} (was {old})").format(
                new=change.new_time[1], old=change.new_time[0]
            )
        )
    if change.new_length:
        lines.append(
            "• "
            + QCoreApplication.translate(
                "SessionsWorkspace", "now {new} minutes (was {old})"
            ).format(new=change.new_length[1], old=change.new_length[0])
        )
    if change.added:
        lines.append(
            "+ "
            + QCoreApplication.translate("SessionsWorkspace", "added: {cases}").format(
                cases=", ".join(change.added)
            )
        )
    if change.removed:
        lines.append(
            "− "
            + QCoreApplication.translate("SessionsWorkspace", "removed: {cases}").format(
                cases=", ".join(change.removed)
            )
        )
    for code, target in change.moved:
        lines.append(
            "→ "
            + QCoreApplication.translate("SessionsWorkspace", "{case} moved to {target}").format(
                case=code, target=target
            )
        )
    for code, old, new in change.retimed:
        lines.append(
            "• "
            + QCoreApplication.translate(
                "SessionsWorkspace", "{case} now at {new} (was {old})"
            ).format(case=code, new=new or "—", old=old or "—")
        )
    if change.joins:
        lines.append(
            "+ "
            + QCoreApplication.translate("SessionsWorkspace", "joins: {names}").format(
                names=", ".join(change.joins)
            )
        )
    if change.leaves:
        lines.append(
            "− "
            + QCoreApplication.translate("SessionsWorkspace", "leaves: {names}").format(
                names=", ".join(change.leaves)
            )
        )
    return lines
