"""Fixtures of the benchmarks."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture
def app_gc() -> Iterator[None]:
    """The desktop app's garbage-collector thresholds (``ui.main.configure_gc``): a desktop
    figure measures the app as it runs, not pytest's process."""
    from ui.main import configure_gc

    before = gc.get_threshold()
    configure_gc()
    yield
    gc.set_threshold(*before)
