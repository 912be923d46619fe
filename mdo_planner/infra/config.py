"""Where the application keeps its data, which database it opens, and the site configuration.

Precedence, highest first, so that hospital IT can preset a network database for everyone while
a tester or a power user can still point one run elsewhere:
``--db`` on the command line > ``MDO_PLANNER_DB`` > user settings (unless the site configuration
sets ``allow_user_database = false``) > site configuration > the default SQLite file in the
per-user data folder. ``MDO_PLANNER_DATA_DIR`` moves the data folder
(tests and smoke tests use it so that they never touch a user's real folder).
"""

from __future__ import annotations

import os
import sys
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
    return _private_dir(path)


def log_dir() -> Path:
    """The folder for rotated log files; inside the data folder when that is overridden."""
    if os.environ.get("MDO_PLANNER_DATA_DIR"):
        path = data_dir() / "logs"
    else:
        path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    return _private_dir(path)


def _private_dir(path: Path) -> Path:
    """Folders the app creates for patient data and logs are owner-only (0700)."""
    from db.engine import private_dir

    return private_dir(path)


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for an SQLite file.

    Built with SQLAlchemy's URL so that ``%``, ``#`` or ``?`` in a folder name are escaped:
    a plain ``f"sqlite:///{path}"`` would turn ``a%41b`` into ``aAb`` and open another file.
    """
    from sqlalchemy.engine import URL

    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def sqlite_file_of(url: str) -> Path | None:
    """The file behind an SQLite URL (None for other databases and in-memory SQLite)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


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


SITE_CONFIG_NAME = "mdo-planner.toml"


def site_config_path() -> Path:
    """Where the site configuration is read from, first match wins.

    1. ``MDO_PLANNER_CONFIG`` (a file anywhere: tests, a network share named by a login script);
    2. ``mdo-planner.toml`` beside the installed executable, when it exists: what the Windows
       installer writes from ``/DBURL=...``; a per-user install cannot write to ProgramData
       for everyone, and an all-users install's folder is writable by administrators only;
    3. ``mdo-planner.toml`` in the platform's site config folder (``/etc/xdg/mdo-planner``,
       ``C:\\ProgramData\\MDO Planner\\mdo-planner``, ``/Library/Application Support/mdo-planner``),
       where IT's deployment tools (GPO, Intune, MDM, Ansible) put it.
    """
    override = os.environ.get("MDO_PLANNER_CONFIG")
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):
        beside = Path(sys.executable).resolve().parent / SITE_CONFIG_NAME
        if beside.is_file():
            return beside
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / SITE_CONFIG_NAME


def _read_settings_file(
    path: Path, what: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any], str | None]:
    """Parse a settings TOML file shared by site and user settings; errors name the file."""
    from mdo_planner.errors import UserError

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # Notepad writes a BOM
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read {what}: {exc}") from exc
    db = raw.get("database", {})
    agenda = raw.get("agenda", {})
    triage = raw.get("triage", {})
    for key, table in (("database", db), ("agenda", agenda), ("triage", triage)):
        if not isinstance(table, dict):
            raise UserError(f"{path}: [{key}] must be a table")
    url = db.get("url")
    if url is not None and (not isinstance(url, str) or not url.strip()):
        raise UserError(f"{path}: database.url must be a non-empty string")
    return raw, db, agenda, triage, url


def load_site_config(path: Path | None = None) -> SiteConfig:
    """Read the optional site configuration; a broken file is an error, not silently ignored."""
    from mdo_planner.errors import UserError

    path = path or site_config_path()
    if not path.is_file():
        return SiteConfig()
    raw, db, agenda, triage, url = _read_settings_file(path, "the site configuration")
    allow_user = db.get("allow_user_database", True)
    if not isinstance(allow_user, bool):
        raise UserError(f"{path}: database.allow_user_database must be true or false")
    privacy = _check_privacy(path, agenda.get("privacy_default"), "agenda.privacy_default")
    rules = triage.get("rules_file")
    if rules is not None and not isinstance(rules, str):
        raise UserError(f"{path}: triage.rules_file must be a string (a file path)")
    return SiteConfig(
        path=path,
        database_url=url,
        privacy_default=privacy,
        rules_file=(path.parent / rules) if rules else None,
        allow_user_database=allow_user,
        extra=raw,
    )


def resolve_db_url(cli_url: str | None = None, *, demo: bool = False) -> str:
    """Pick the database for this run (see the module docstring for the precedence)."""
    if cli_url:
        return cli_url
    if demo:
        return demo_db_url()
    return effective_settings().database_url


#: Hosts a connection to which never leaves the machine (no TLS needed).
_LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1", "[::1]"})


def check_tls(url: str) -> None:
    """Refuse a PostgreSQL URL that would send patient data over the network unverified.

    A host other than this machine must be reached with ``sslmode=verify-full`` and the
    hospital's CA certificate (``sslrootcert=``): ``require`` encrypts but lets anyone in the
    path present their own certificate, and ``prefer`` silently falls back to plain text (a
    stolen laptop on a guest network would talk to whoever answers). A Unix socket folder
    (``host=/run/postgresql``) is local too.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from mdo_planner.errors import UserError

    try:
        u = make_url(url)
    except ArgumentError:
        return  # reported as an invalid URL by whoever opens it
    if u.get_backend_name() != "postgresql":
        return
    hosts = [u.host or ""]
    query_host = u.query.get("host")
    if query_host:
        hosts = list(query_host) if isinstance(query_host, tuple) else [str(query_host)]
        hosts = [h for part in hosts for h in part.split(",")]
    remote = [
        h for h in hosts if h.strip().lower() not in _LOCAL_HOSTS and not h.strip().startswith("/")
    ]
    if not remote:
        return
    mode = str(u.query.get("sslmode", "") or "")
    root = str(u.query.get("sslrootcert", "") or "")
    where = f"{remote[0]}/{u.database or ''}"
    if mode != "verify-full":
        raise UserError(
            f"the database {where} is on another machine: connect with sslmode=verify-full "
            f"and the hospital's CA certificate (sslrootcert=...), not "
            f"{'sslmode=' + mode if mode else 'without sslmode'}; patient data must not cross "
            "the network unverified (see docs/security.md)"
        )
    if not root or root == "system":
        raise UserError(
            f"the database {where} is on another machine: give the hospital's CA certificate "
            "with sslrootcert=PATH (sslmode=verify-full alone would trust any public CA); see "
            "docs/security.md"
        )
    if not Path(root).expanduser().is_file():
        raise UserError(f"the CA certificate {root} named by sslrootcert does not exist")


# --- Per-user settings ---------------------------------------------------------------------
# What one user chose in the app's settings dialog. They override the site configuration
# where the site allows it: IT can lock the database (``allow_user_database = false``) and the
# rule set (``[triage] allow_user_rules = false``), so that a secretary cannot quietly plan
# against a private copy of the network's data or rules.


@dataclass(frozen=True)
class UserSettings:
    """One user's own choices; ``None`` means "as the site configuration says"."""

    database_url: str | None = None
    privacy_default: str | None = None
    rules_file: Path | None = None


@dataclass(frozen=True)
class Settings:
    """The settings in force for this run, and where each came from (shown to IT and support)."""

    database_url: str
    database_source: str
    privacy_default: str | None
    privacy_source: str
    rules_file: Path | None
    rules_source: str
    site: SiteConfig
    user: UserSettings


def user_settings_path() -> Path:
    """``settings.toml`` in the per-user config folder (the data folder when that is moved)."""
    if os.environ.get("MDO_PLANNER_DATA_DIR"):
        return data_dir() / "settings.toml"
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "settings.toml"


def _check_privacy(path: Path, value: object, key: str) -> str | None:
    from mdo_planner.errors import UserError

    if value is None:
        return None
    if value not in PRIVACY_MODES:
        raise UserError(f"{path}: {key} must be one of {', '.join(PRIVACY_MODES)}, not {value!r}")
    return str(value)


def load_user_settings(path: Path | None = None) -> UserSettings:
    """Read the user's settings; a missing file means no choices made."""
    from mdo_planner.errors import UserError

    path = path or user_settings_path()
    if not path.is_file():
        return UserSettings()
    _raw, _db, agenda, triage, url = _read_settings_file(path, "the user settings")
    rules = triage.get("rules_file")
    if rules is not None and not isinstance(rules, str):
        raise UserError(f"{path}: triage.rules_file must be a string (a file path)")
    return UserSettings(
        database_url=url,
        privacy_default=_check_privacy(
            path, agenda.get("privacy_default"), "agenda.privacy_default"
        ),
        rules_file=(path.parent / rules) if rules else None,
    )


def save_user_settings(settings: UserSettings, path: Path | None = None) -> Path:
    """Write the user's settings atomically (a crash never leaves half a file behind)."""
    import tomli_w

    path = path or user_settings_path()
    doc: dict[str, dict[str, str]] = {}
    if settings.database_url:
        doc.setdefault("database", {})["url"] = settings.database_url
    if settings.privacy_default:
        _check_privacy(path, settings.privacy_default, "agenda.privacy_default")
        doc.setdefault("agenda", {})["privacy_default"] = settings.privacy_default
    if settings.rules_file:
        doc.setdefault("triage", {})["rules_file"] = str(settings.rules_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(tomli_w.dumps(doc), encoding="utf-8")
    os.replace(tmp, path)
    return path


def effective_settings(cli_url: str | None = None, *, demo: bool = False) -> Settings:
    """Merge command line, environment, user settings and site configuration, with sources.

    A user's choice wins over the site's default unless the site locked that setting; a locked
    setting that the user tried to change is reported in the source text, not silently lost.
    """
    site = load_site_config()
    user = load_user_settings()
    raw_triage = site.extra.get("triage", {})
    rules_locked = isinstance(raw_triage, dict) and raw_triage.get("allow_user_rules") is False

    if cli_url:
        url, url_source = cli_url, "command line (--db)"
    elif demo:
        url, url_source = demo_db_url(), "demo database"
    elif os.environ.get("MDO_PLANNER_DB"):
        url, url_source = os.environ["MDO_PLANNER_DB"], "environment (MDO_PLANNER_DB)"
    elif user.database_url and site.allow_user_database:
        url, url_source = user.database_url, f"user settings ({user_settings_path()})"
    elif site.database_url:
        url, url_source = site.database_url, f"site configuration ({site.path})"
        if user.database_url:
            url_source += "; the user's own database is not allowed by the site"
    else:
        url, url_source = default_db_url(), "default SQLite file in the data folder"

    if user.privacy_default:
        privacy, privacy_source = user.privacy_default, "user settings"
    elif site.privacy_default:
        privacy, privacy_source = site.privacy_default, "site configuration"
    else:
        privacy, privacy_source = None, "built-in default per echelon"

    if user.rules_file and not rules_locked:
        rules, rules_source = user.rules_file, "user settings"
    elif site.rules_file:
        rules, rules_source = site.rules_file, "site configuration"
        if user.rules_file:
            rules_source += "; the user's own rule set is not allowed by the site"
    else:
        rules, rules_source = None, "built-in default rule set"

    return Settings(
        database_url=url,
        database_source=url_source,
        privacy_default=privacy,
        privacy_source=privacy_source,
        rules_file=rules,
        rules_source=rules_source,
        site=site,
        user=user,
    )
