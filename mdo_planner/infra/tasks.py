"""The state object a long-running job receives: progress out, cancellation in.

Long work (planning, imports, exports) is written as a plain function ``fn(*args, state)``
in the Orange3 style, so that the same function runs from the command line, from a test and
from a Qt worker thread. The function reports progress through ``state.report(value)`` and
checks ``state.cancelled`` at convenient points; it never knows about threads or Qt. The GUI
side (``ui.tasks``) wires ``report`` to a signal and ``cancel()`` to a button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class TaskCancelled(Exception):
    """Raised by :meth:`TaskState.check` when the user asked to stop."""


class TaskState:
    """Progress reporting and cooperative cancellation for one job.

    Thread-safe: the worker thread reports and reads ``cancelled``; the GUI thread calls
    :meth:`cancel`. Extra cancel hooks (e.g. the solver's ``CancelToken.cancel``) can be
    registered so a job that blocks inside a library still stops promptly.
    """

    def __init__(self, on_report: Callable[[Any], None] | None = None) -> None:
        self._on_report = on_report
        self._cancelled = threading.Event()
        self._hooks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        """True once somebody asked the job to stop."""
        return self._cancelled.is_set()

    def report(self, value: Any) -> None:
        """Pass a progress value (a number, a dict, a dataclass) to whoever listens."""
        if self._on_report is not None:
            self._on_report(value)

    def cancel(self) -> None:
        """Ask the job to stop; runs the registered hooks once."""
        with self._lock:
            if self._cancelled.is_set():
                return
            self._cancelled.set()
            hooks = list(self._hooks)
        for hook in hooks:
            hook()

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` when the job is cancelled (at once if it already was)."""
        with self._lock:
            if not self._cancelled.is_set():
                self._hooks.append(hook)
                return
        hook()

    def check(self) -> None:
        """Raise :class:`TaskCancelled` if the job was cancelled (a convenient stop point)."""
        if self._cancelled.is_set():
            raise TaskCancelled()
