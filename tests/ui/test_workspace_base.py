"""The workspace base class and the GUI-thread database guard.

The guard is what makes "the GUI never touches the database on its own thread" a checked
rule: these tests show that it catches GUI code that opens a connection, that it lets worker
threads and the tests' own set-up through, and that its list of excused modules only shrinks.
"""

from __future__ import annotations

import types

import pytest

from mdo_planner.errors import UserError
from mdo_planner.services import network_service as ns
from tests.ui.conftest import GUI_DB_EXCUSED, GuiThreadDatabaseAccess, gui_caller
from ui.workspaces.base import Workspace

#: The length of GUI_DB_EXCUSED when this test was last changed: lower it as modules leave.
EXCUSED_AT_MOST = 0


def _gui_module(code: str) -> types.ModuleType:
    """A throw-away module named like GUI code (the guard recognises callers by module)."""
    module = types.ModuleType("ui.guard_probe")
    exec(code, module.__dict__)
    return module


def test_guard_fails_gui_code_that_reads_on_the_gui_thread(tiny_db, _no_database_on_gui_thread):
    probe = _gui_module(
        "def load(db):\n    from mdo_planner.services import network_service as ns\n"
        "    return ns.list_hospitals(db)\n"
    )
    with pytest.raises(GuiThreadDatabaseAccess, match=r"ui\.guard_probe:load"):
        probe.load(tiny_db)
    assert _no_database_on_gui_thread == ["ui.guard_probe:load:3"]
    _no_database_on_gui_thread.clear()  # seen and asserted: do not fail this test's teardown


def test_guard_lets_the_tests_own_set_up_through(tiny_db):
    assert gui_caller() is None
    assert ns.list_hospitals(tiny_db)


def test_excused_modules_only_shrink():
    assert len(GUI_DB_EXCUSED) <= EXCUSED_AT_MOST, "lower EXCUSED_AT_MOST, never raise it"


class _Probe(Workspace):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, title="Probe", name="probeWorkspace", watches=("network",))
        self.shown: list[object] = []
        self.reloads = 0

    def reload(self) -> None:
        self.reloads += 1
        self.query(ns.list_hospitals, then=self.shown.append, key="hospitals")


def test_query_delivers_in_the_gui_thread(ctx, qtbot, settle):
    w = _Probe(ctx)
    qtbot.addWidget(w)
    w.reload()
    settle(ctx)
    assert [h.code for h in w.shown[0]] == [h.code for h in ns.list_hospitals(ctx.db)]
    assert not w.busy


def test_only_the_newest_answer_of_a_key_is_shown(ctx, qtbot, settle):
    w = _Probe(ctx)
    qtbot.addWidget(w)
    w.reload()
    w.reload()
    settle(ctx)
    assert w.reloads == 2
    assert len(w.shown) == 1


def test_watched_change_reloads_and_others_do_not(ctx, qtbot, settle):
    w = _Probe(ctx)
    qtbot.addWidget(w)
    ctx.notify("cases")
    assert w.reloads == 0
    ctx.notify("network")
    settle(ctx)
    assert w.reloads == 1


def _refuse(_db, text: str) -> None:
    raise UserError(text)


def _crash(_db) -> None:
    raise RuntimeError("a bug")


def test_refusal_lands_in_the_message_bar_and_then_is_not_called(ctx, qtbot, settle):
    w = _Probe(ctx)
    qtbot.addWidget(w)
    w.mutate(_refuse, "The session is full", then=w.shown.append)
    settle(ctx)
    assert w.message.kind == "error"
    assert "The session is full" in w.message.text
    assert w.shown == []


def test_unexpected_failure_is_shown_without_its_details(ctx, qtbot, settle):
    w = _Probe(ctx)
    qtbot.addWidget(w)
    w.query(_crash, then=w.shown.append)
    settle(ctx)
    assert w.message.kind == "error"
    assert "a bug" not in w.message.text
    assert w.shown == []
