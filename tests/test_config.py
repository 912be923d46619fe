"""Site configuration and per-user settings: what IT presets, what a user may override."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdo_planner.errors import UserError
from mdo_planner.infra import config


def _site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "site" / "mdo-planner.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(path))
    return path


def test_no_site_configuration_means_the_local_sqlite_file(_isolated_data_dir: Path) -> None:
    assert config.load_site_config() == config.SiteConfig()
    assert config.resolve_db_url() == f"sqlite:///{_isolated_data_dir / 'mdo-planner.sqlite'}"
    settings = config.effective_settings()
    assert settings.database_source == "default SQLite file in the data folder"
    assert settings.privacy_default is None
    assert settings.rules_file is None


def test_site_configuration_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _site(
        tmp_path,
        monkeypatch,
        '[database]\nurl = "postgresql+psycopg://mdo@db.example/mdo"\n'
        "allow_user_database = false\n"
        '[agenda]\nprivacy_default = "minimal"\n'
        '[triage]\nrules_file = "rules/noord.toml"\n',
    )
    site = config.load_site_config()
    assert site.path == path
    assert site.database_url == "postgresql+psycopg://mdo@db.example/mdo"
    assert site.allow_user_database is False
    assert site.privacy_default == "minimal"
    assert site.rules_file == path.parent / "rules" / "noord.toml"
    assert config.resolve_db_url() == "postgresql+psycopg://mdo@db.example/mdo"


def test_the_shipped_example_is_a_valid_site_configuration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.conftest import ROOT

    example = ROOT / "packaging" / "site-config.example.toml"
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(example))
    site = config.load_site_config()
    assert site.database_url and site.database_url.startswith("postgresql+psycopg://")
    assert site.privacy_default in config.PRIVACY_MODES
    from mdo_planner.services.agenda_service import AgendaSettings

    agenda = AgendaSettings.from_site()  # the [agenda] keys other services read
    assert agenda.language == "nl"
    assert agenda.policy.group_by == "hospital_physician"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[database\nurl=1", "cannot read the site configuration"),
        ('database = "x"', "[database] must be a table"),
        ("[database]\nurl = 5", "database.url must be a non-empty string"),
        ('[database]\nallow_user_database = "no"', "allow_user_database must be true or false"),
        ('[agenda]\nprivacy_default = "open"', "agenda.privacy_default must be one of"),
        ("[triage]\nrules_file = 3", "triage.rules_file must be a string"),
    ],
)
def test_a_broken_site_configuration_says_what_and_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    path = _site(tmp_path, monkeypatch, text)
    with pytest.raises(UserError) as info:
        config.resolve_db_url()
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_user_settings_override_the_site_where_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(
        tmp_path,
        monkeypatch,
        '[database]\nurl = "postgresql+psycopg://mdo@db.example/mdo"\n'
        '[agenda]\nprivacy_default = "pseudonymised"\n'
        '[triage]\nrules_file = "noord.toml"\n',
    )
    config.save_user_settings(
        config.UserSettings(
            database_url="sqlite:////tmp/mine.sqlite",
            privacy_default="minimal",
            rules_file=tmp_path / "my-rules.toml",
        )
    )
    settings = config.effective_settings()
    assert settings.database_url == "sqlite:////tmp/mine.sqlite"
    assert settings.database_source.startswith("user settings")
    assert settings.privacy_default == "minimal"
    assert settings.rules_file == tmp_path / "my-rules.toml"
    assert config.resolve_db_url() == "sqlite:////tmp/mine.sqlite"


def test_a_locked_site_setting_beats_the_user_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(
        tmp_path,
        monkeypatch,
        '[database]\nurl = "postgresql+psycopg://mdo@db.example/mdo"\n'
        "allow_user_database = false\n"
        '[triage]\nrules_file = "noord.toml"\nallow_user_rules = false\n',
    )
    config.save_user_settings(
        config.UserSettings(database_url="sqlite:////tmp/mine.sqlite", rules_file=Path("x.toml"))
    )
    settings = config.effective_settings()
    assert settings.database_url == "postgresql+psycopg://mdo@db.example/mdo"
    assert "not allowed by the site" in settings.database_source
    assert settings.rules_file is not None and settings.rules_file.name == "noord.toml"
    assert "not allowed by the site" in settings.rules_source


def test_command_line_and_environment_beat_all_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, monkeypatch, '[database]\nurl = "postgresql+psycopg://site/mdo"\n')
    config.save_user_settings(config.UserSettings(database_url="sqlite:////tmp/user.sqlite"))
    monkeypatch.setenv("MDO_PLANNER_DB", "sqlite:////tmp/env.sqlite")
    assert config.resolve_db_url() == "sqlite:////tmp/env.sqlite"
    assert config.resolve_db_url("sqlite:////tmp/cli.sqlite") == "sqlite:////tmp/cli.sqlite"
    assert config.resolve_db_url(demo=True) == config.demo_db_url()


def test_user_settings_round_trip_and_validation(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert config.load_user_settings(path) == config.UserSettings()
    settings = config.UserSettings(database_url='sqlite:///C:/Zoë "quoted".sqlite')
    config.save_user_settings(settings, path)
    assert config.load_user_settings(path) == settings
    assert not path.with_name("settings.toml.tmp").exists()
    with pytest.raises(UserError, match=r"agenda\.privacy_default must be one of"):
        config.save_user_settings(config.UserSettings(privacy_default="everything"), path)
    assert config.load_user_settings(path) == settings  # a refused save changes nothing
    path.write_text("[agenda]\nprivacy_default = 'everything'\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"settings\.toml: agenda\.privacy_default"):
        config.load_user_settings(path)


def test_user_settings_live_in_the_moved_data_folder(_isolated_data_dir: Path) -> None:
    assert config.user_settings_path() == _isolated_data_dir / "settings.toml"


def test_the_installer_written_file_beside_the_frozen_app_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the Windows installer writes from /DBURL=... (UTF-8 with a byte order mark)."""
    app = tmp_path / "Programs" / "MDO Planner"
    app.mkdir(parents=True)
    (app / "mdo-planner.toml").write_bytes(
        '\ufeff[database]\nurl = "postgresql+psycopg://mdo@db.example/mdo"\n'.encode()
    )
    monkeypatch.delenv("MDO_PLANNER_CONFIG")
    monkeypatch.setattr(config.sys, "frozen", True, raising=False)
    monkeypatch.setattr(config.sys, "executable", str(app / "mdo-planner.exe"))
    assert config.site_config_path() == app / "mdo-planner.toml"
    assert config.resolve_db_url() == "postgresql+psycopg://mdo@db.example/mdo"
    # The environment variable still wins, and without the file the platform folder is used.
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(tmp_path / "elsewhere.toml"))
    assert config.site_config_path() == tmp_path / "elsewhere.toml"
    monkeypatch.delenv("MDO_PLANNER_CONFIG")
    (app / "mdo-planner.toml").unlink()
    assert config.site_config_path().parent.name == "mdo-planner"
    assert config.site_config_path().parent != app


def test_a_source_install_ignores_a_file_beside_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mdo-planner.toml").write_text("[database]\nurl = 'sqlite:///x'\n", "utf-8")
    monkeypatch.delenv("MDO_PLANNER_CONFIG")
    monkeypatch.delattr(config.sys, "frozen", raising=False)
    monkeypatch.setattr(config.sys, "executable", str(tmp_path / "python"))
    assert config.site_config_path().parent != tmp_path


def test_sqlite_url_keeps_unusual_folder_names(tmp_path: Path) -> None:
    """A folder called ``a%41b #1`` must not become ``aAb`` (another file) in the URL."""
    from mdo_planner.infra import config

    path = tmp_path / "a%41b #1?" / "x.sqlite"
    url = config.sqlite_url(path)
    assert config.sqlite_file_of(url) == path
    assert config.sqlite_file_of("postgresql+psycopg://u@h/db") is None
    from mdo_planner.services.base import open_database

    db = open_database(url)
    try:
        assert path.is_file()
    finally:
        db.dispose()
