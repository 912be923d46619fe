"""The installer definitions stay in step with the spec and the app (no build needed).

Only the Linux build can run here; the Windows and macOS definitions are checked for what can
drift silently: executable names, icon paths, the site-configuration keys and privacy modes
the installers write, and the folders the scripts expect.
"""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mdo_planner.infra import config
from tests.conftest import ROOT

PACKAGING = ROOT / "packaging"
SPEC = (PACKAGING / "mdo-planner.spec").read_text(encoding="utf-8")
ISS = (PACKAGING / "windows" / "mdo-planner.iss").read_text(encoding="utf-8")
INSTALL_SH = PACKAGING / "linux" / "install.sh"


def _iss_setup() -> dict[str, str]:
    section = ISS.split("[Setup]", 1)[1].split("\n[", 1)[0]
    return dict(
        line.split("=", 1)
        for line in section.splitlines()
        if "=" in line and not line.startswith(";")
    )


def test_windows_installer_names_the_executables_the_spec_builds() -> None:
    app = re.search(r'^APP_NAME = "([^"]+)"', SPEC, re.M)
    assert app is not None
    assert f'#define AppExe "{app.group(1)}.exe"' in ISS
    assert 'name=f"{APP_NAME}-cli"' in SPEC
    assert f'#define AppCli "{app.group(1)}-cli.exe"' in ISS
    assert '"..\\..\\dist\\mdo-planner"' in ISS.replace("+ ", "")  # COLLECT's output folder
    assert "name=APP_NAME," in SPEC.split("COLLECT(")[1]


def test_windows_installer_is_per_user_without_admin_and_icons_exist() -> None:
    setup = _iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "commandline" in setup["PrivilegesRequiredOverridesAllowed"]
    assert setup["DefaultDirName"].startswith("{autopf}")
    icon = (PACKAGING / "windows" / setup["SetupIconFile"].replace("\\", "/")).resolve()
    assert icon.is_file(), icon
    assert (PACKAGING / "site-config.example.toml").is_file()


def test_installers_accept_exactly_the_apps_privacy_modes() -> None:
    iss_modes = set(re.findall(r"\(Privacy <> '(\w+)'\)", ISS))
    assert iss_modes == set(config.PRIVACY_MODES)
    sh = INSTALL_SH.read_text(encoding="utf-8")
    case = re.search(r'""\|([\w|]+)\) ;;', sh)
    assert case is not None
    assert set(case.group(1).split("|")) == set(config.PRIVACY_MODES)


def _toml_string_as_the_installer_does(value: str) -> str:
    """Apply the installer's own ``TomlString`` (its StringChangeEx calls, in order)."""
    body = ISS.split("function TomlString", 1)[1].split("end;", 1)[0]
    changes = re.findall(r"StringChangeEx\(Value, '((?:[^']|'')*)', '((?:[^']|'')*)', True\)", body)
    assert changes, "TomlString changed shape: update this test"
    for old, new in changes:
        value = value.replace(old.replace("''", "'"), new.replace("''", "'"))
    assert "Result := '\"' + Value + '\"';" in body
    return f'"{value}"'


def _pascal(text: str) -> str:
    """A Pascal string literal (quotes doubled), as the template's other parts are."""
    return "'" + text.replace("'", "''") + "'"


def test_the_windows_installers_site_configuration_is_read_by_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-create the file the installer's [Code] writes, line by line, and load it."""
    url = r'postgresql+psycopg://mdo@db\x/mdo?application_name="MDO"'
    escaped = _toml_string_as_the_installer_does(url)
    templates = re.findall(r"Lines\[[^\]]+\] := (.+);", ISS)
    lines = []
    for template in templates:
        text = template.replace("TomlString(DbUrl)", _pascal(escaped)).replace(
            "TomlString(Privacy)", _pascal('"minimal"')
        )
        lines.append("".join(re.findall(r"'((?:[^']|'')*)'", text)).replace("''", "'"))
    path = tmp_path / "mdo-planner.toml"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))  # with a BOM
    site = config.load_site_config(path)
    assert site.database_url == url
    assert site.allow_user_database is False
    assert site.privacy_default == "minimal"


def test_desktop_entry_and_icons_match() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(PACKAGING / "linux" / "mdo-planner.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "mdo-planner"  # install.sh rewrites it to the full path
    assert entry["Icon"] == "mdo-planner"
    for name in (
        "mdo-planner.svg",
        "mdo-planner.png",
        "mdo-planner-48.png",
        "mdo-planner-512.png",
        "mdo-planner.ico",
        "mdo-planner.icns",
    ):
        assert (PACKAGING / "icons" / name).is_file(), name


def test_macos_dmg_script_expects_the_bundle_the_spec_makes() -> None:
    bundle = re.search(r'name="([^"]+\.app)"', SPEC)
    assert bundle is not None
    script = (PACKAGING / "macos" / "make-dmg.sh").read_text(encoding="utf-8")
    assert f"dist/{bundle.group(1)}" in script
    assert (PACKAGING / "macos" / "entitlements.plist").is_file()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--privacy", "everyone"], "--privacy must be full, pseudonymised or minimal"),
        (["--frobnicate"], "unknown option --frobnicate"),
    ],
)
def test_install_sh_refuses_bad_options_before_touching_anything(
    tmp_path: Path, args: list[str], message: str
) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    res = subprocess.run(
        ["sh", str(INSTALL_SH), *args], capture_output=True, text=True, env=env, check=False
    )
    assert res.returncode == 2
    assert message in res.stderr
    assert list(tmp_path.iterdir()) == []
