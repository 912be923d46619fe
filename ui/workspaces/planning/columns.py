"""The columns of the review's two tables: the work list of cases (what changes, where it
goes or why not, how late) and the load of each session (minutes, attendees, who joins and
leaves). Kept apart from the workspace so that its layout code stays readable.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle

from mdo_planner.services import plan_review as pr
from ui.workspaces._support import Column, error_color, std_icon, warning_color
from ui.workspaces.cases import level_label
from ui.workspaces.words import reason_text, session_text

if TYPE_CHECKING:
    from ui.workspaces.planning.workspace import PlanningWorkspace


def review_icons(w: PlanningWorkspace) -> dict[str, QIcon]:
    """The icon of each change kind (also the load table's missing-discipline mark)."""
    return {
        "new": std_icon(w, QStyle.StandardPixmap.SP_FileDialogNewFolder),
        "moved": std_icon(w, QStyle.StandardPixmap.SP_ArrowRight),
        "unchanged": std_icon(w, QStyle.StandardPixmap.SP_DialogApplyButton),
        "unplanned": std_icon(w, QStyle.StandardPixmap.SP_MessageBoxWarning),
    }


def changes_columns(w: PlanningWorkspace, icons: dict[str, QIcon]) -> list[Column]:
    """The work list: one row per case of the proposal."""
    kinds = {
        "new": QCoreApplication.translate("PlanningWorkspace", "newly planned"),
        "moved": QCoreApplication.translate("PlanningWorkspace", "moved"),
        "unchanged": QCoreApplication.translate("PlanningWorkspace", "unchanged"),
        "unplanned": QCoreApplication.translate("PlanningWorkspace", "unplanned"),
    }
    return [
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Change"),
            lambda r: kinds[r.kind],
            icon=lambda r: icons[r.kind],
            sort=lambda r: (pr.KINDS.index(r.kind), r.session_date or dt.date.max, r.code),
            background=lambda r: warning_color(w) if r.kind == "unplanned" else None,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Case"),
            lambda r: r.code + (" ⚑" if r.urgent else "") + (" 📌" if r.pinned else ""),
            sort=lambda r: r.code,
            tooltip=lambda r: (
                "; ".join(
                    (
                        [QCoreApplication.translate("PlanningWorkspace", "⚑ urgent")]
                        if r.urgent
                        else []
                    )
                    + (
                        [
                            QCoreApplication.translate(
                                "PlanningWorkspace", "📌 pinned to its session"
                            )
                        ]
                        if r.pinned
                        else []
                    )
                )
                or None
            ),
        ),
        Column(QCoreApplication.translate("PlanningWorkspace", "Patient"), lambda r: r.patient_ref),
        Column(QCoreApplication.translate("PlanningWorkspace", "Group"), lambda r: r.tumour_group),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Level"),
            lambda r: level_label(r.level),
            sort=lambda r: r.level,
        ),
        Column(QCoreApplication.translate("PlanningWorkspace", "Due"), lambda r: r.due),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Late"),
            lambda r: w.days_late_text(r.days_late) if r.days_late else "",
            sort=lambda r: r.days_late,
            tooltip=lambda r: (
                QCoreApplication.translate(
                    "PlanningWorkspace", "The proposed session lies after the due date"
                )
                if r.days_late
                else None
            ),
            background=lambda r: error_color(w) if r.days_late else None,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Session, or why not"),
            lambda r: session_text(r.session) or reason_text(r.reason),
            sort=lambda r: (r.session_date or dt.date.max, r.session, r.reason),
            tooltip=lambda r: reason_text(r.reason) or None,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Was"),
            lambda r: session_text(r.previous),
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Registered late"),
            lambda r: (
                (
                    QCoreApplication.translate(
                        "PlanningWorkspace", "after the cut-off of {session}"
                    ).format(session=r.late)
                )
                if r.late
                else ""
            ),
            tooltip=lambda r: (
                QCoreApplication.translate(
                    "PlanningWorkspace",
                    "Registered after the cut-off of session {session}: "
                    "it goes onto that agenda only when you admit "
                    "it with the chair's name",
                ).format(session=r.late)
                if r.late
                else None
            ),
            background=lambda r: warning_color(w) if r.late else None,
        ),
    ]


def loads_columns(w: PlanningWorkspace, icons: dict[str, QIcon]) -> list[Column]:
    """The per-session load of the proposal."""
    return [
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Session"),
            lambda r: (
                session_text(r.label)
                + (
                    " · " + QCoreApplication.translate("PlanningWorkspace", "agenda sent")
                    if r.frozen
                    else ""
                )
            ),
            sort=lambda r: (r.date, r.code),
            tooltip=lambda r: (
                QCoreApplication.translate(
                    "PlanningWorkspace", "Agenda sent: its cases and attendees stay put"
                )
                if r.frozen
                else None
            ),
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Load"),
            lambda r: f"{r.used_minutes} / {r.capacity} min",
            sort=lambda r: r.used_minutes / max(r.capacity, 1),
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Cases"),
            lambda r: r.cases,
            align_right=True,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Attendees"),
            lambda r: r.attendees,
            align_right=True,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Missing disciplines"),
            lambda r: (
                ", ".join(r.missing)
                if r.missing
                else QCoreApplication.translate("PlanningWorkspace", "none")
            ),
            icon=lambda r: icons["unplanned"] if r.missing else icons["unchanged"],
            background=lambda r: error_color(w) if r.missing else None,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Joins"),
            lambda r: ", ".join(r.joins),
            tooltip=lambda r: ", ".join(r.joins) or None,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Leaves"),
            lambda r: ", ".join(r.leaves),
            tooltip=lambda r: ", ".join(r.leaves) or None,
            background=lambda r: warning_color(w) if r.leaves else None,
        ),
        Column(
            QCoreApplication.translate("PlanningWorkspace", "Cases in / out"),
            lambda r: (
                f"+{len(r.cases_in)} / −{len(r.cases_out)}" if r.cases_in or r.cases_out else ""
            ),
            tooltip=lambda r: (
                " ".join([f"+{c}" for c in r.cases_in] + [f"−{c}" for c in r.cases_out]) or None
            ),
        ),
    ]
