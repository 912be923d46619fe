"""Where the application keeps its data, which database it opens, and the site configuration.

Precedence, highest first, so that hospital IT can preset a network database for everyone while
a tester or a power user can still point one run elsewhere:
``--db`` on the command line > ``MDO_PLANNER_DB`` > user settings > site configuration > the
default SQLite file in the per-user data folder. ``MDO_PLANNER_DATA_DIR`` moves the data folder
(tests and smoke tests use it so that they never touch a user's real folder).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "mdo-planner"
APP_AUTHOR = "MDO Planner"
PRIVACY_MODES = ("full", "pseudonymised", "minimal")


def data_dir() -> Path:
    """The per-user data folder (created on demand)."""
    override = os.environ.get("MDO_PLANNER_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """The folder for rotated log files; inside the data folder when that is overridden."""
    if os.environ.get("MDO_PLANNER_DATA_DIR"):
        path = data_dir() / "logs"
    else:
        path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for an SQLite file."""
    return f"sqlite:///{path}"


def default_db_url() -> str:
    """The workstation database: an SQLite file in the data folder."""
    return sqlite_url(data_dir() / "mdo-planner.sqlite")


def demo_db_url() -> str:
    """The demo database lives beside the real one and is filled on first use."""
    return sqlite_url(data_dir() / "demo.sqlite")


@dataclass(frozen=True)
class SiteConfig:
    """What hospital IT presets for all users of a workstation or network."""

    path: Path | None = None
    database_url: str | None = None
    privacy_default: str | None = None
    rules_file: Path | None = None
    allow_user_database: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def site_config_path() -> Path:
    """``MDO_PLANNER_CONFIG`` or ``mdo-planner.toml`` in the platform's site config folder."""
    override = os.environ.get("MDO_PLANNER_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / "mdo-planner.toml"


def load_site_config(path: Path | None = None) -> SiteConfig:
    """Read the optional site configuration; a broken file is an error, not silently ignored."""
    from mdo_planner.errors import UserError

    path = path or site_config_path()
    if not path.is_file():
        return SiteConfig()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read the site configuration: {exc}") from exc
    db = raw.get("database", {})
    agenda = raw.get("agenda", {})
    triage = raw.get("triage", {})
    privacy = agenda.get("privacy_default")
    if privacy is not None and privacy not in PRIVACY_MODES:
        raise UserError(
            f"{path}: agenda.privacy_default must be one of {', '.join(PRIVACY_MODES)}, "
            f"not {privacy!r}"
        )
    rules = triage.get("rules_file")
    return SiteConfig(
        path=path,
        database_url=db.get("url"),
        privacy_default=privacy,
        rules_file=(path.parent / rules) if rules else None,
        allow_user_database=bool(db.get("allow_user_database", True)),
        extra=raw,
    )


def resolve_db_url(cli_url: str | None = None, *, demo: bool = False) -> str:
    """Pick the database for this run (see the module docstring for the precedence)."""
    if cli_url:
        return cli_url
    if demo:
        return demo_db_url()
    env = os.environ.get("MDO_PLANNER_DB")
    if env:
        return env
    site = load_site_config()
    if site.database_url:
        return site.database_url
    return default_db_url()
