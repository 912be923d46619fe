"""Background jobs: results, failures, progress and cancellation arrive in the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QSettings, QThread

from mdo_planner.infra.tasks import TaskCancelled, TaskState
from ui.context import AppContext


@pytest.fixture
def ctx(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    c = AppContext(None, user="tester", settings=settings)
    yield c
    c.cancel_all()
    c.wait_for_tasks()


def test_task_state_is_pure_and_cancels_hooks() -> None:
    seen: list[object] = []
    hooked: list[bool] = []
    state = TaskState(on_report=seen.append)
    state.on_cancel(lambda: hooked.append(True))
    state.report(3)
    assert not state.cancelled
    state.check()
    state.cancel()
    state.cancel()
    assert seen == [3] and hooked == [True] and state.cancelled
    with pytest.raises(TaskCancelled):
        state.check()
    late: list[bool] = []
    state.on_cancel(lambda: late.append(True))
    assert late == [True]


def test_success_and_progress_arrive_in_gui_thread(qtbot, ctx) -> None:
    gui = QThread.currentThread()
    threads: list[object] = []
    progress: list[object] = []

    def work(n: int, state: TaskState) -> int:
        threads.append(threading.current_thread().name)
        for i in range(n):
            state.report(i)
        return n * 2

    def on_progress(value: object) -> None:
        assert QThread.currentThread() is gui
        progress.append(value)

    results: list[object] = []
    task = ctx.run_task(work, 3, on_success=results.append, on_progress=on_progress)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert results == [6]
    assert threads and threads[0] != threading.main_thread().name
    assert progress == [0, 1, 2]
    qtbot.waitUntil(lambda: not ctx.running_tasks)


def test_failure_carries_traceback(qtbot, ctx) -> None:
    def boom(state: TaskState) -> None:
        raise ValueError("bad row 3")

    failures: list[object] = []
    task = ctx.run_task(boom, on_failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    # A bug: the dialog gets one sentence naming the log, the message stays out of both
    # (it may hold patient data); the traceback keeps the frames.
    assert str(failures[0]).startswith("unexpected error (ValueError)")
    assert "ValueError" in failures[0].traceback and "in boom" in failures[0].traceback
    assert "bad row 3" not in str(failures[0])


def test_expected_failure_is_explained(qtbot, ctx) -> None:
    import errno

    def full(state: TaskState) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "agenda.pdf")

    failures: list[object] = []
    task = ctx.run_task(full, on_failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert str(failures[0]).startswith("agenda.pdf: the disk is full")


def test_unhandled_failure_goes_to_status_bar(qtbot, ctx) -> None:
    def boom(state: TaskState) -> None:
        raise RuntimeError("disk full")

    with qtbot.waitSignal(
        ctx.statusMessage,
        timeout=5000,
        check_params_cb=lambda m: "unexpected error (RuntimeError)" in m,
    ):
        ctx.run_task(boom)


def test_cancel_stops_a_running_job(qtbot, ctx) -> None:
    started = threading.Event()

    def slow(state: TaskState) -> str:
        started.set()
        while not state.cancelled:
            time.sleep(0.01)
        state.check()
        return "not reached"

    failures: list[object] = []
    task = ctx.run_task(slow, cancellable=True, on_failure=failures.append)
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert failures and failures[0].cancelled


def test_notify_rejects_unknown_entity(ctx) -> None:
    with pytest.raises(ValueError, match="unknown entity"):
        ctx.notify("patients")


def test_routine_backup_runs_in_a_worker_for_a_desktop_app_left_open(qtbot, tmp_path) -> None:
    """Opening made no copy (the file was new); the hourly check makes the daily one."""
    from PySide6.QtCore import QSettings

    from mdo_planner.infra import backups, config
    from mdo_planner.services.base import open_database
    from ui.context import AppContext

    db = open_database(config.sqlite_url(tmp_path / "desk.sqlite"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    c = AppContext(db, user="tester", settings=settings)
    try:
        assert not list(backups.backup_dir().glob("desk-daily-*.sqlite"))
        assert c.routine_backup() is not None
        qtbot.waitUntil(lambda: not c.running_tasks, timeout=10_000)
        made = list(backups.backup_dir().glob("desk-daily-*.sqlite"))
        assert len(made) == 1 and backups.is_good(made[0], full=True)
        assert c.routine_backup() is not None  # not due again within the day
        qtbot.waitUntil(lambda: not c.running_tasks, timeout=10_000)
        assert len(list(backups.backup_dir().glob("desk-daily-*.sqlite"))) == 1
    finally:
        c.wait_for_tasks(5000)
        db.dispose()


def test_a_refusal_is_not_logged_as_a_failure(qtbot, ctx, caplog) -> None:
    """Seen under Xvfb in Help → Log viewer: every refusal a workspace met through the task
    layer (a meeting closed too early, an expert without sessions) was logged as "background
    task failed" at ERROR with a traceback, as if it were a bug. Before the workspaces used
    the task layer a refusal was shown and not logged; a bug still is."""
    import logging

    from mdo_planner.errors import UserError

    def refuse(state: TaskState) -> None:
        raise UserError("Jan de Vries has no session that week")

    def crash(state: TaskState) -> None:
        raise ZeroDivisionError("bug")

    failures: list[object] = []
    caplog.set_level(logging.DEBUG, logger="ui.tasks")
    task = ctx.run_task(refuse, on_failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    records = [r for r in caplog.records if r.name == "ui.tasks"]
    assert failures and isinstance(failures[0].exception, UserError)
    assert not [r for r in records if r.levelno >= logging.WARNING or r.exc_info], records
    assert "Jan de Vries" not in caplog.text  # a refusal's words may name a patient
    caplog.clear()
    task = ctx.run_task(crash, on_failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
