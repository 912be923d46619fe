"""The case editor: register or edit one case, with its live triage and the decision on its
level. A package because the workspace, its form, its triage panel and its small widgets are
each a screenful of their own:

* :mod:`.editor` — the workspace: loading, saving, confirm / keep / override, the headings;
* :mod:`.form` — the intake and complexity fields and their undo steps;
* :mod:`.triage_panel` — the recommendation, the rules that fired, the override box;
* :mod:`.widgets` — the optional date field, and the inline error.

The names other modules and the tests import are re-exported here.
"""

from __future__ import annotations

from ui.workspaces.case_editor.editor import CaseEditorWorkspace
from ui.workspaces.case_editor.form import COMPLEXITY_FIELDS, COMPLEXITY_GROUPS, CaseForm, FieldEdit
from ui.workspaces.case_editor.triage_panel import (
    LEVEL_CHOICES,
    OverrideBox,
    TriagePanel,
    ui_language,
)
from ui.workspaces.case_editor.widgets import (
    EMPTY_BIRTH_PAGE_YEARS,
    NO_DATE,
    ErrorLabel,
    OptionalDateEdit,
)

__all__ = [
    "COMPLEXITY_FIELDS",
    "COMPLEXITY_GROUPS",
    "EMPTY_BIRTH_PAGE_YEARS",
    "LEVEL_CHOICES",
    "NO_DATE",
    "CaseEditorWorkspace",
    "CaseForm",
    "ErrorLabel",
    "FieldEdit",
    "OptionalDateEdit",
    "OverrideBox",
    "TriagePanel",
    "ui_language",
]
