"""Per-user settings (QSettings) with a version number and upgrade steps.

Following Picard: every stored settings file carries ``settings/version``; on start the
upgrade steps between the stored and the current version run in order, so a renamed key never
silently resets a user's window layout or language, and an older file is never misread.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QSettings

from mdo_planner.infra.config import data_dir

log = logging.getLogger(__name__)

ORGANISATION = "MDO Planner"
APPLICATION = "mdo-planner"

#: Current layout of the settings file.
SETTINGS_VERSION = 2

KEY_VERSION = "settings/version"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_WORKSPACE = "window/workspace"
KEY_LANGUAGE = "ui/language"  # "system", "en" or "nl"
KEY_RECENT = "database/recent"
LANGUAGES = ("system", "en", "nl")


def _upgrade_to_2(s: QSettings) -> None:
    """Version 1 kept the window under ``MainWindow/*`` and the language under ``language``."""
    for old, new in (
        ("MainWindow/geometry", KEY_GEOMETRY),
        ("MainWindow/state", KEY_STATE),
        ("MainWindow/lastWorkspace", KEY_WORKSPACE),
        ("language", KEY_LANGUAGE),
    ):
        if s.contains(old):
            if not s.contains(new):
                s.setValue(new, s.value(old))
            s.remove(old)
    if s.value(KEY_LANGUAGE) not in (None, *LANGUAGES):
        s.setValue(KEY_LANGUAGE, "system")


#: Step ``n`` upgrades a file of version ``n - 1`` to version ``n``.
UPGRADES: dict[int, Callable[[QSettings], None]] = {2: _upgrade_to_2}


def stored_version(s: QSettings) -> int:
    try:
        return int(str(s.value(KEY_VERSION, 0) or 0))
    except (TypeError, ValueError):
        return 0


def upgrade_settings(s: QSettings) -> int:
    """Bring ``s`` to :data:`SETTINGS_VERSION`; returns the version found.

    A file written by a newer version is left alone (its keys are a superset we ignore); an
    empty file is simply stamped. Files without a version but with content are version 1.
    """
    found = stored_version(s)
    if found == 0 and s.allKeys():
        found = 1
    if found > SETTINGS_VERSION:
        log.warning(
            "settings version %s is newer than this app's %s; not upgrading",
            found,
            SETTINGS_VERSION,
        )
        return found
    for version in range(max(found, 1) + 1, SETTINGS_VERSION + 1):
        step = UPGRADES.get(version)
        if step is not None:
            log.info("upgrading settings to version %s", version)
            step(s)
    s.setValue(KEY_VERSION, SETTINGS_VERSION)
    s.sync()
    return found


def open_settings() -> QSettings:
    """The user's settings in the platform's usual place, upgraded.

    When ``MDO_PLANNER_DATA_DIR`` moves the data folder (tests, the self-test, a portable
    install), the settings move with it into an INI file there, so that a throw-away run never
    adds its temporary databases to the user's real "recent databases" or window layout.
    """
    if os.environ.get("MDO_PLANNER_DATA_DIR"):
        s = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    else:
        s = QSettings(
            QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )
    upgrade_settings(s)
    return s


def language(s: QSettings) -> str:
    value = str(s.value(KEY_LANGUAGE, "system") or "system")
    return value if value in LANGUAGES else "system"


def remember_database(s: QSettings, url: str, limit: int = 8) -> None:
    """Keep a short most-recent-first list of opened databases for File → Open."""
    recent = [u for u in (s.value(KEY_RECENT) or []) if isinstance(u, str) and u != url]
    s.setValue(KEY_RECENT, [url, *recent][:limit])
