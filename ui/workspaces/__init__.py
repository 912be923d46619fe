"""The workspaces of the main window, in the order of the navigation bar.

Each entry is ``(object name, class)``; every class is a ``QWidget`` constructed as
``Cls(ctx, parent=None)`` with a translated ``title``. The main window builds the navigation
bar from this list, so adding a workspace is one line here.
"""

from __future__ import annotations

from ui.workspaces.audit import AuditWorkspace
from ui.workspaces.case_editor import CaseEditorWorkspace
from ui.workspaces.cases import CasesWorkspace
from ui.workspaces.dashboard import DashboardWorkspace
from ui.workspaces.experts import ExpertsWorkspace
from ui.workspaces.meeting import MeetingWorkspace
from ui.workspaces.network import NetworkWorkspace
from ui.workspaces.planning import PlanningWorkspace
from ui.workspaces.sessions import SessionsWorkspace

WORKSPACES: list[tuple[str, type]] = [
    ("cases", CasesWorkspace),
    ("case_editor", CaseEditorWorkspace),
    ("planning", PlanningWorkspace),
    ("sessions", SessionsWorkspace),
    ("meeting", MeetingWorkspace),
    ("experts", ExpertsWorkspace),
    ("network", NetworkWorkspace),
    ("dashboard", DashboardWorkspace),
    ("audit", AuditWorkspace),
]
