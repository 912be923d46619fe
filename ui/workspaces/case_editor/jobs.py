"""What the case editor runs in a worker thread: plain functions of the database and their
arguments, no Qt (``Workspace.query``/``mutate`` call them as ``fn(db, *args)``).

A write returns the case as stored afterwards, read in the same worker, so that the editor
shows the saved case without a second trip and the GUI thread never reads it itself.
"""

from __future__ import annotations

from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.services import cases_service as cs


def open_case(db: Any, case_id: int, user: str) -> cs.CaseDetail:
    """A person opens the case: read it and record the view (a write: NEN 7513)."""
    return cs.get_case(db, case_id, user=user)


def current_case(db: Any, case_id: int) -> cs.CaseDetail | None:
    """The stored case, or None when it is gone (after a change made elsewhere)."""
    try:
        return cs.get_case(db, case_id)
    except UserError:
        return None


def rule_set(
    db: Any, hospital_id: int | None, group_code: str
) -> tuple[tuple[int | None, str], Any]:
    """The rule set the stored triage would use for this hospital and tumour group (its
    first use stores the shipped rules: a write)."""
    return (hospital_id, group_code), cs.rule_set_for(db, hospital_id, group_code)


def create(db: Any, data: cs.CaseInput, user: str) -> cs.CaseDetail:
    return cs.get_case(db, cs.create_case(db, data, user=user))


def save(db: Any, case_id: int, data: cs.CaseInput, version: int, user: str) -> cs.CaseDetail:
    cs.save_case(db, case_id, data, expected_version=version, user=user)
    return cs.get_case(db, case_id)


def confirm(db: Any, case_id: int, version: int, user: str) -> tuple[cs.CaseDetail, list[str]]:
    warnings = cs.confirm_level(db, case_id, expected_version=version, user=user)
    return cs.get_case(db, case_id), warnings


def override(
    db: Any, case_id: int, version: int, level: str, reason: str, user: str
) -> tuple[cs.CaseDetail, list[str]]:
    warnings = cs.override_level(db, case_id, level, reason, expected_version=version, user=user)
    return cs.get_case(db, case_id), warnings


def keep(db: Any, case_id: int, version: int, user: str) -> tuple[cs.CaseDetail, list[str]]:
    cs.keep_level(db, case_id, expected_version=version, user=user)
    return cs.get_case(db, case_id), []
