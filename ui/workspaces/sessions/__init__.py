"""Sessions & agendas: the week of MDO meetings, grouped by day, and the agenda of each.

What the secretary checks before an agenda goes out: is the meeting full or overrunning (load
bar), are the core disciplines there (quorum, with an icon and a sentence, never colour alone),
and is the order right (drag and drop, undoable). Exports run in the background and open the
folder when done, so a batch of PDFs never freezes the window.

A package: the export hooks (``exports``), the agenda model and load bar (``models``), the
texts of a week row and of the change notice (``rows``) and the workspace (``workspace``);
the names other code imports are re-exported here.
"""

from ui.workspaces.sessions.exports import (
    expert_file_name,
    export_expert_pdf,
    export_session_ics,
    export_session_pdf,
    send_session_agenda,
    sent_at_text,
    session_file_name,
)
from ui.workspaces.sessions.models import (
    LOAD_ROLE,
    ROW_MIME,
    SESSION_ROLE,
    AgendaModel,
    LoadBarDelegate,
)
from ui.workspaces.sessions.undo import ReorderCommand
from ui.workspaces.sessions.workspace import SessionsWorkspace

__all__ = [
    "LOAD_ROLE",
    "ROW_MIME",
    "SESSION_ROLE",
    "AgendaModel",
    "LoadBarDelegate",
    "ReorderCommand",
    "SessionsWorkspace",
    "expert_file_name",
    "export_expert_pdf",
    "export_session_ics",
    "export_session_pdf",
    "send_session_agenda",
    "sent_at_text",
    "session_file_name",
]
