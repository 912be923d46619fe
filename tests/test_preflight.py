"""The desktop application's start-up check (``ui.preflight``): a GUI that cannot start says
why on the terminal, and ``make run`` installs or names the right Debian packages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui import preflight

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffc)
\tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def _fake_ldd(tmp_path: Path, output: str) -> Path:
    tool = tmp_path / "bin" / "ldd"
    tool.parent.mkdir()
    tool.write_text(f"#!/bin/sh\ncat <<'EOF'\n{output}EOF\n", encoding="utf-8")
    tool.chmod(0o755)
    return tool


@pytest.fixture
def on_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    if not sys.platform.startswith("linux") or preflight.plugin_dir() is None:
        pytest.skip("Qt's xcb plugin is checked on Linux only")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM_PLUGIN_PATH", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")


def test_missing_xcb_libraries_name_the_debian_packages(tmp_path, monkeypatch, on_x11) -> None:
    tool = _fake_ldd(tmp_path, LDD_MISSING)
    monkeypatch.setenv("PATH", f"{tool.parent}{os.pathsep}{os.environ['PATH']}")
    p = preflight.problem()
    assert p is not None
    assert p.missing_libraries == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert p.packages == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in p.message


def test_no_display_is_said_plainly(tmp_path, monkeypatch, on_x11) -> None:
    tool = _fake_ldd(tmp_path, "\tlibxcb.so.1 => /usr/lib/libxcb.so.1 (0x1)\n")
    monkeypatch.setenv("PATH", f"{tool.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("DISPLAY")
    p = preflight.problem()
    assert p is not None and "DISPLAY is not set" in p.message
    monkeypatch.setenv("DISPLAY", ":0")
    assert preflight.problem() is None


def test_debian_names_follow_the_soname_rule() -> None:
    assert preflight.debian_packages(["libfoo-bar.so.2", "libxyz1.so.0", "libX11-xcb.so.1"]) == [
        "libfoo-bar2",
        "libxyz1-0",
        "libx11-xcb1",
    ]


def test_install_says_what_it_runs_first(monkeypatch, capsys) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(preflight, "_can_install", lambda: [])
    monkeypatch.setattr(
        preflight.subprocess,
        "run",
        lambda cmd, **kw: calls.append(cmd) or subprocess.CompletedProcess(cmd, 0),
    )
    p = preflight.Problem("x", ["libxcb-icccm.so.4"], ["libxcb-icccm4"])
    assert preflight.install(p)
    assert calls == [["apt-get", "install", "-y", "--no-install-recommends", "libxcb-icccm4"]]
    assert "Installing them: apt-get install -y libxcb-icccm4" in capsys.readouterr().err


def test_without_rights_the_check_prints_the_command_and_fails(
    tmp_path, monkeypatch, on_x11, capsys
) -> None:
    tool = _fake_ldd(tmp_path, LDD_MISSING)
    monkeypatch.setenv("PATH", f"{tool.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(preflight, "_can_install", lambda: None)
    assert preflight.main(["--install"]) == 1
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in capsys.readouterr().err


def test_an_unknown_platform_exits_non_zero_with_the_reason(tmp_path) -> None:
    if preflight.plugin_dir() is None or not sys.platform.startswith("linux"):
        pytest.skip("needs PySide6's platform plugins on Linux")
    started = time.monotonic()
    res = subprocess.run(
        [sys.executable, "-m", "mdo_planner", "--demo"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "doesnotexist"},
    )
    assert time.monotonic() - started < 10
    assert res.returncode != 0
    assert "'doesnotexist' is not available" in res.stderr
    assert "offscreen" in res.stderr and "xcb" in res.stderr
    assert "Traceback" not in res.stderr
    assert "mdo-planner.log" in res.stderr
