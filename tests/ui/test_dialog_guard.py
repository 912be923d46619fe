"""The guard in ``tests/ui/conftest.py``: an unexpected modal dialog fails its test at once,
with the dialog's text, instead of blocking the offscreen event loop for good."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.conftest import ROOT
from tests.ui.conftest import UnexpectedDialog


def test_an_unexpected_warning_raises_with_its_text(qtbot) -> None:
    with pytest.raises(UnexpectedDialog, match="The file is not a scenario"):
        QMessageBox.warning(None, "Import", "The file is not a scenario")


def test_an_unexpected_file_dialog_raises(qtbot) -> None:
    with pytest.raises(UnexpectedDialog, match="Export scenario"):
        QFileDialog.getSaveFileName(None, "Export scenario", "", "JSON (*.json)")


def test_a_patched_dialog_is_the_test_s_own(qtbot, monkeypatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: seen.append(text))
    QMessageBox.warning(None, "Import", "expected")
    assert seen == ["expected"]


def test_a_dialog_opened_in_the_event_loop_fails_its_test_within_seconds(tmp_path) -> None:
    """A deliberately unpatched dialog, in a child pytest run of the real fixtures."""
    import xml.etree.ElementTree as ET

    report = tmp_path / "probe.xml"
    started = time.monotonic()
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--no-header",
            "-o",
            "addopts=",
            f"--junitxml={report}",
            "tests/ui/probe_unexpected_dialog.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    elapsed = time.monotonic() - started
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "2 failed" in out, out
    assert "Scenario file not found: probe.json" in out
    assert "Session S12 was cancelled" in out
    # each probe fails within 5 s of its start (the first waits 1 s of its own)
    times = {c.get("name"): float(c.get("time")) for c in ET.parse(report).iter("testcase")}
    assert len(times) == 2 and all(t < 5 for t in times.values()), times
    assert elapsed < 60, elapsed  # Python and Qt start-up included
