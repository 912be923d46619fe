"""Background jobs for the GUI: a plain function runs in a worker thread, results come back
to the GUI thread as signals of a :class:`Task`.

The pattern follows Anki's ``QueryOp`` (success/failure callbacks in the main thread) and
Orange3's ``ConcurrentWidgetMixin`` (the function gets a small state object for progress and
cancellation). The worker only ever *emits* signals; the receiving :class:`Task` lives in the
GUI thread, so Qt queues the calls across threads and no widget is touched from a worker.
Signals are connected to QObject slots, never to lambdas, so the queued connection is always
bound to an object with the right thread affinity.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from mdo_planner.errors import UserError
from mdo_planner.infra.failures import redacted_traceback, user_message
from mdo_planner.infra.logging_setup import current_log_file
from mdo_planner.infra.tasks import TaskCancelled, TaskState

log = logging.getLogger(__name__)


class TaskFailure:
    """What went wrong in a worker: the exception and its formatted traceback."""

    def __init__(self, exc: BaseException) -> None:
        self.exception = exc
        # Without exception messages that may hold patient data (see mdo_planner.infra.failures).
        self.traceback = redacted_traceback(type(exc), exc, exc.__traceback__)
        self.cancelled = isinstance(exc, TaskCancelled)

    def __str__(self) -> str:
        """What a dialog or the status bar shows: the same sentence the command line prints
        (an expected failure explained, a bug pointing to the log file)."""
        if isinstance(self.exception, TaskCancelled):
            return str(self.exception) or type(self.exception).__name__
        return user_message(self.exception, current_log_file())[1]

    def __repr__(self) -> str:
        return f"TaskFailure({self.exception!r})"


class _Relay(QObject):
    """Created in the GUI thread, emitted from the worker thread (queued to the Task)."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class _Runnable(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], state: TaskState, relay: _Relay
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._args = args
        self._state = state
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn(*self._args, self._state)
        except BaseException as exc:  # every failure must reach the GUI
            if isinstance(exc, UserError):
                # a refusal is shown where it was asked for, not a bug: no traceback, and
                # not its words (they may name a patient)
                log.info("background task refused (%s)", type(exc).__name__)
            elif not isinstance(exc, TaskCancelled):
                log.exception("background task failed")
            self._emit(self._relay.failed, TaskFailure(exc))
        else:
            self._emit(self._relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the task (and its relay) went with its window: nobody listens
            log.debug("background result dropped: its task is gone")


class Task(QObject):
    """One background job as seen from the GUI thread.

    ``succeeded(result)``, ``failed(TaskFailure)`` and ``progressed(value)`` are emitted in the
    GUI thread; ``finished()`` follows either outcome. The optional callbacks given to
    :meth:`ui.context.AppContext.run_task` are called from these slots.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        description: str = "",
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[TaskFailure], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        cancellable: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.description = description
        self.cancellable = cancellable
        self.done = False
        self.result: Any = None
        self.failure: TaskFailure | None = None
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        # The relay is a child of the task: its C++ object lives and dies in the GUI thread
        # with the task. Without a parent, the worker thread dropped the last Python reference
        # after emitting and so deleted a GUI-thread QObject from the worker while the GUI
        # thread was disconnecting it (an intermittent segfault in the event loop).
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._handle_success)
        self._relay.failed.connect(self._handle_failure)
        self._relay.progressed.connect(self._handle_progress)
        self.state = TaskState(on_report=self._relay.progressed.emit)

    def start(self, fn: Callable[..., Any], args: tuple[Any, ...], pool: QThreadPool) -> None:
        """Queue ``fn(*args, state)`` on ``pool``."""
        pool.start(_Runnable(fn, args, self.state, self._relay))

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop (it decides when; the solver stops within a second)."""
        self.state.cancel()

    @property
    def cancelled(self) -> bool:
        return self.state.cancelled

    @Slot(object)
    def _handle_progress(self, value: Any) -> None:
        if self.done:
            return
        self.progressed.emit(value)
        if self._on_progress is not None:
            self._on_progress(value)

    @Slot(object)
    def _handle_success(self, result: Any) -> None:
        self.done = True
        self.result = result
        self.succeeded.emit(result)
        if self._on_success is not None:
            self._on_success(result)
        self.finished.emit()

    @Slot(object)
    def _handle_failure(self, failure: TaskFailure) -> None:
        self.done = True
        self.failure = failure
        self.failed.emit(failure)
        if self._on_failure is not None:
            self._on_failure(failure)
        self.finished.emit()
