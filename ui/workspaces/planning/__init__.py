"""Planning: run the planner in the background, watch it improve, review the proposal against
the published plan, fix it by hand, and publish it (or throw it away).

The solver runs in a worker (``AppContext.run_task``) so the window stays responsive; its
progress reports arrive in the GUI thread and feed the figures and the small cost chart.
Cancel stops CP-SAT through the solver's CancelToken within a second and the best plan found
so far is still stored and reviewed. Manual moves are checked against the contract's hard rules
before they are accepted, and each move can be undone. Every read and write of the review
goes through ``Workspace.query``/``mutate`` (worker threads): the GUI thread never opens a
database connection.

A package since issue 16: the workspace (:mod:`.workspace`), the run and its progress
(:mod:`.progress`), the details pane (:mod:`.details`), the tables (:mod:`.columns`,
:mod:`.models`) and the undoable move (:mod:`.commands`).
"""

from __future__ import annotations

from ui.workspaces.planning.commands import MoveCommand
from ui.workspaces.planning.models import CASE_MIME, ChangesModel, SessionsLoadModel
from ui.workspaces.planning.workspace import PlanningWorkspace

__all__ = ["CASE_MIME", "ChangesModel", "MoveCommand", "PlanningWorkspace", "SessionsLoadModel"]
