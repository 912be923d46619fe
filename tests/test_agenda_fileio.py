"""Atomic writes: the old file or the new one, never a torn one, and no leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_open, atomic_write_bytes, atomic_write_text


def test_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    atomic_write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    assert target.stat().st_mode & 0o044  # readable by colleagues, like any other file


def test_a_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write(b"half")
        raise RuntimeError("renderer crashed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.pdf"]


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "x.pdf", b"x")
