"""The Qt binding must not corrupt the interpreter: a guard on the pinned PySide6 version.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a reference.
On Python 3.11 (where ``True`` is not immortal) every emit steals one reference, and after
a few thousand emits the interpreter frees ``True``: the suite died with a segmentation
fault or ``malloc_consolidate(): unaligned fastbin chunk detected`` in about one run in
three, always somewhere in the GUI thread's event loop. The project pins a version without
the defect (``pyproject.toml``); this test fails if a bump brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_emit_takes_no_reference_it_does_not_own() -> None:
    emitter = _Emitter()
    emitter.carrying.connect(emitter.plain)
    for value in (True, False, None):
        before = sys.getrefcount(value)
        for _ in range(200):
            emitter.plain.emit()
            emitter.carrying.emit(value)
        # a few references may come and go elsewhere; 200 emits losing one each may not
        assert abs(sys.getrefcount(value) - before) < 20, (value, before, sys.getrefcount(value))
