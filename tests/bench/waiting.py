"""Waiting for the workers the way the app does.

A desktop figure that runs "until the workers' reads are shown" must wait in an event loop
that lets the workers run. ``qtbot.waitUntil`` waits with ``QTest.qWait``, which keeps
Python's GIL while it sleeps: a Python-bound worker beside it ran 3.4 times slower (a loop
of 3 million additions took 171 ms beside ``time.sleep``, 580 ms beside ``qWait`` and
215 ms beside ``QEventLoop.exec``; probe of 2026-12-02 on the benchmark machine). The app
itself waits in ``QApplication.exec``, which hands the GIL back, so the benchmarks wait in
a :class:`QEventLoop` too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot


class _Until(QObject):
    def __init__(self, done: Callable[[], bool], timeout_s: float) -> None:
        super().__init__()
        self._done = done
        self._deadline = time.monotonic() + timeout_s
        self.timed_out = False
        self.loop = QEventLoop()
        self._timer = QTimer(self)
        self._timer.setInterval(2)
        self._timer.timeout.connect(self.check)

    @Slot()
    def check(self) -> None:
        if self._done():
            self.loop.quit()
        elif time.monotonic() > self._deadline:
            self.timed_out = True
            self.loop.quit()

    def run(self) -> None:
        if self._done():
            return
        self._timer.start()
        self.loop.exec()
        self._timer.stop()


def until(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    """Run the event loop until ``done()`` holds (checked every 2 ms); fail after the timeout."""
    waiter = _Until(done, timeout_s)
    waiter.run()
    if waiter.timed_out:
        raise TimeoutError(f"not done after {timeout_s:.0f} s")


def until_idle(ctx: Any, timeout_s: float = 120.0) -> None:
    """Run the event loop until the context's tasks (and those they started) are done."""
    until(lambda: not ctx.running_tasks, timeout_s)
