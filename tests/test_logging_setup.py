"""Rotating log files: where they go, what they carry, and that they never stop the app."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mdo_planner.infra import logging_setup


@pytest.fixture(autouse=True)
def _clean_root_logger() -> Iterator[None]:
    level = logging.getLogger().level
    yield
    logging_setup.teardown_logging()
    logging.getLogger().setLevel(level)


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_logs_go_to_the_log_folder_with_user_and_process(_isolated_data_dir: Path) -> None:
    path = logging_setup.setup_logging("test")
    assert path == _isolated_data_dir / "logs" / "mdo-planner.log"
    logging.getLogger("mdo_planner.some.service").info("plan run %s published", 42)
    _flush()
    text = path.read_text(encoding="utf-8")
    assert "test started: mdo-planner" in text
    line = next(x for x in text.splitlines() if "published" in x)
    assert f"[{os.getpid()} " in line
    assert "INFO" in line and "mdo_planner.some.service: plan run 42 published" in line


def test_setting_up_twice_installs_one_handler(_isolated_data_dir: Path) -> None:
    first = logging_setup.setup_logging("gui")
    second = logging_setup.setup_logging("cli", level="DEBUG")
    assert first == second
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_mdo_planner", False)]
    assert len(ours) == 1
    assert ours[0].level == logging.DEBUG


def test_log_files_rotate_and_stay_bounded(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    monkeypatch.setattr(logging_setup, "BACKUP_COUNT", 3)
    path = logging_setup.setup_logging("test")
    assert path is not None
    log = logging.getLogger("mdo_planner.flood")
    for i in range(400):
        log.info("message %04d %s", i, "x" * 40)
    _flush()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == [
        "mdo-planner.log",
        "mdo-planner.log.1",
        "mdo-planner.log.2",
        "mdo-planner.log.3",
    ]
    assert all(p.stat().st_size <= 2000 for p in path.parent.iterdir())
    assert "message 0399" in path.read_text(encoding="utf-8")


def test_a_failed_rollover_keeps_logging(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename a log another process holds open; logging must go on."""
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 500)
    path = logging_setup.setup_logging("test")
    assert path is not None

    def refuse(*_args: object) -> None:
        raise PermissionError("the file is in use by another process")

    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_mdo_planner", False))
    monkeypatch.setattr(handler, "rotate", refuse)
    log = logging.getLogger("mdo_planner.flood")
    for i in range(50):
        log.warning("still logging %d", i)
    _flush()
    assert "still logging 49" in path.read_text(encoding="utf-8")
    assert not path.with_name("mdo-planner.log.1").exists()


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    assert logging_setup.setup_logging("test", directory=blocker / "logs") is None
    logging.getLogger("mdo_planner").warning("nobody hears this, and nothing breaks")


@pytest.mark.parametrize(
    ("env", "site", "expected"),
    [
        (None, None, logging.INFO),
        ("debug", None, logging.DEBUG),
        (None, "ERROR", logging.ERROR),
        ("WARNING", "ERROR", logging.WARNING),
        ("loud", None, logging.INFO),
    ],
)
def test_level_from_environment_then_site_configuration(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: str | None,
    site: str | None,
    expected: int,
) -> None:
    if env is None:
        monkeypatch.delenv(logging_setup.LEVEL_ENV, raising=False)
    else:
        monkeypatch.setenv(logging_setup.LEVEL_ENV, env)
    if site is not None:
        site_file = tmp_path / "site.toml"
        site_file.write_text(f'[logging]\nlevel = "{site}"\n', encoding="utf-8")
        monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site_file))
    logging_setup.setup_logging("test")
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_mdo_planner", False))
    assert handler.level == expected


def test_a_broken_site_configuration_does_not_stop_logging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_file = tmp_path / "site.toml"
    site_file.write_text("[broken", encoding="utf-8")
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site_file))
    monkeypatch.delenv(logging_setup.LEVEL_ENV, raising=False)
    assert logging_setup.setup_logging("test") is not None


def test_uncaught_exceptions_are_logged(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: seen.append(t))
    path = logging_setup.setup_logging("test")
    assert path is not None
    logging_setup.install_excepthook()
    logging_setup.install_excepthook()  # idempotent: one log entry per crash
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    _flush()
    text = path.read_text(encoding="utf-8")
    assert text.count("uncaught exception") == 1
    # The frames and the type are logged, the message is not: it may hold patient data
    # (mdo_planner.infra.failures.redacted_traceback).
    assert "builtins.RuntimeError: (message withheld" in text
    assert "in test_uncaught_exceptions_are_logged" in text
    assert seen == [RuntimeError]  # the previous hook still runs
