"""Atomic file writes: a reader (or a crash) never sees a half-written export.

An agenda that a secretary mails out, a plan that another system picks up, a calendar file a
specialist subscribes to: each must be either the old complete file or the new complete file.
Writing to a temporary file in the *same* folder and then ``os.replace`` gives that on every
platform we support (the rename is atomic on POSIX and on NTFS within one volume); a temporary
file elsewhere could sit on another file system, where a rename turns into a copy.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from mdo_planner.errors import UserError


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a binary temporary file beside ``path``; on success it replaces ``path``.

    On any exception the temporary file is removed and ``path`` is left untouched, so a failed
    export never leaves a truncated PDF behind under the name people expect.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{target}: the folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{target}: cannot write in {folder}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _keep_default_permissions(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_open(path) as fh:
        fh.write(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8 unless told otherwise)."""
    return atomic_write_bytes(path, text.encode(encoding))


def atomic_write_with(path: str | os.PathLike[str], writer: Callable[[BinaryIO], None]) -> Path:
    """Let ``writer`` stream into the temporary file, then move it into place.

    For libraries (ReportLab) that want a file object rather than returning bytes.
    """
    with atomic_open(path) as fh:
        writer(fh)
    return Path(path)


def _keep_default_permissions(tmp: Path) -> None:
    """``mkstemp`` creates 0600 files; give the export the permissions a normal file gets.

    Secretaries share agenda folders with colleagues; an export readable only by its writer
    would look like a broken file to everyone else.
    """
    if os.name != "posix":
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
