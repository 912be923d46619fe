"""Smoke test of the frozen one-folder build in ``dist/mdo-planner/`` (``make package``).

It runs the executable the way an installed copy runs: from a folder outside the source tree,
with ``PYTHONPATH`` unset and a throw-away data folder, so that nothing of the source tree or
the venv can stand in for a file that the build forgot. It skips when there is no build,
unless ``MDO_REQUIRE_FROZEN=1`` (set by ``.ci/run`` after ``make package``): then a missing
build is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

DIST = ROOT / "dist" / "mdo-planner"
EXE_NAME = "mdo-planner-cli.exe" if sys.platform == "win32" else "mdo-planner"


def _frozen_exe() -> Path:
    exe = DIST / EXE_NAME
    if not exe.is_file():
        if os.environ.get("MDO_REQUIRE_FROZEN") == "1":
            pytest.fail(f"no frozen build at {exe}: `make package` did not produce it")
        pytest.skip(f"no frozen build at {exe} (run `make package`)")
    return exe


def _run_frozen(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the frozen app with an environment that hides the source tree and the venv."""
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "MDO_PLANNER_", "QT_"))
    }
    env["MDO_PLANNER_DATA_DIR"] = str(tmp_path / "data")
    env["MDO_PLANNER_CONFIG"] = str(tmp_path / "no-site-config.toml")
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    return subprocess.run(
        [str(_frozen_exe()), *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_frozen_version(tmp_path: Path) -> None:
    from mdo_planner import __version__

    res = _run_frozen(["--version"], tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stderr == "", f"unexpected output on stderr:\n{res.stderr}"
    lines = res.stdout.splitlines()
    assert lines[0] == f"mdo-planner {__version__}"
    for library in ("PySide6/Qt", "OR-Tools", "SQLAlchemy", "ReportLab"):
        line = next((x for x in lines if x.startswith(library + " ")), None)
        assert line is not None, f"{library} missing from --version:\n{res.stdout}"
        assert re.search(r"\d+\.\d+", line), f"no version number in {line!r}"
        assert "unknown" not in line


def test_frozen_self_test(tmp_path: Path) -> None:
    res = _run_frozen(["--self-test"], tmp_path)
    assert res.returncode == 0, f"self-test failed:\n{res.stdout}\n{res.stderr}"
    assert res.stderr == "", f"unexpected output on stderr:\n{res.stderr}"
    lines = res.stdout.splitlines()
    assert lines, "the self-test printed nothing"
    assert not any(line.startswith("FAILED") for line in lines), res.stdout
    assert lines[-1].startswith("self-test passed"), res.stdout
    # The self-test must not leave its temporary folder or write into the data folder.
    assert not (tmp_path / "data" / "mdo-planner.sqlite").exists()


def test_frozen_build_bundles_only_the_qt_modules_the_app_uses() -> None:
    """Unused Qt modules (WebEngine, Quick, 3D, Multimedia...) would double the download."""
    _frozen_exe()
    used = {"QtCore", "QtGui", "QtWidgets", "QtCharts", "QtSvg"}
    for source in (ROOT / "ui").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import ([^\n(]+)", text):
            used.update(n.strip() for n in names.split(",") if n.strip().startswith("Qt"))
    bundled = {
        p.name.split(".")[0]
        for p in (DIST / "_internal" / "PySide6").glob("Qt*")
        if p.suffix in {".so", ".pyd"}
    }
    assert bundled <= used, f"unused Qt modules bundled: {sorted(bundled - used)}"
    assert not (DIST / "_internal" / "tests").exists(), "the test suite was bundled"
    assert not list((DIST / "_internal").rglob("*QtWebEngine*")), "Qt WebEngine was bundled"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's loader check")
def test_frozen_qt_libraries_find_each_other() -> None:
    """Every bundled Qt library and plugin finds the Qt libraries it links against.

    The spec drops Qt Quick/QML and the virtual keyboard; if something kept still needed them,
    Qt would silently skip that plugin (or the app would not start) on a workstation.
    """
    _frozen_exe()
    import shutil

    ldd = shutil.which("ldd")
    if ldd is None:
        pytest.skip("ldd is not installed")
    qt = DIST / "_internal" / "PySide6"
    broken = []
    for lib in sorted([*qt.glob("*.so*"), *qt.rglob("Qt/lib/*.so*"), *qt.rglob("plugins/**/*.so")]):
        res = subprocess.run([ldd, str(lib)], capture_output=True, text=True, check=False)
        missing = [
            line.split()[0]
            for line in res.stdout.splitlines()
            if "not found" in line and ("Qt6" in line or "icu" in line or "pyside" in line)
        ]
        if missing:
            broken.append(f"{lib.relative_to(DIST)}: {', '.join(missing)}")
    assert not broken, "\n".join(broken)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the tarball is for Linux")
def test_linux_tarball_installs_per_user_with_a_preset_database(tmp_path: Path) -> None:
    """IT's path on Linux: unpack, ``install.sh --db-url``, start from the menu entry's path."""
    _frozen_exe()
    import shutil
    import tarfile

    out = tmp_path / "out"
    res = subprocess.run(
        ["bash", str(ROOT / "packaging" / "linux" / "make-tarball.sh"), str(DIST), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    tarball = Path(res.stdout.strip().splitlines()[-1])
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MDO_PLANNER_", "XDG_"))}
    env["HOME"] = str(home)
    url = 'postgresql+psycopg://mdo@db.example/mdo?application_name="MDO"'
    res = subprocess.run(
        ["sh", str(folder / "install.sh"), "--db-url", url, "--privacy", "minimal"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    prefix = home / ".local" / "opt" / "mdo-planner"
    import tomllib

    written = tomllib.loads((prefix / "mdo-planner.toml").read_text(encoding="utf-8"))
    assert written["database"] == {"url": url, "allow_user_database": False}
    assert written["agenda"] == {"privacy_default": "minimal"}
    desktop = home / ".local" / "share" / "applications" / "mdo-planner.desktop"
    assert f'Exec="{prefix}/mdo-planner"' in desktop.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stdout + check.stderr
    # Upgrade in place with a reachable database (a shared SQLite file made beforehand).
    from mdo_planner.services.base import open_database

    shared = tmp_path / "shared.sqlite"
    open_database(f"sqlite:///{shared}").dispose()
    res = subprocess.run(
        [
            "sh",
            str(folder / "install.sh"),
            "--db-url",
            f"sqlite:///{shared}",
            "--privacy",
            "minimal",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert not list(prefix.parent.glob("mdo-planner.*.*")), "leftover of the swap"
    # The installed app finds the site configuration that install.sh wrote beside it.
    env["MDO_PLANNER_DATA_DIR"] = str(tmp_path / "data")
    res = subprocess.run(
        [str(home / ".local" / "bin" / "mdo-planner"), "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stderr == ""
    lines = res.stdout.splitlines()
    assert lines[0].startswith("ok site configuration")
    assert str(prefix / "mdo-planner.toml") in lines[0] and "privacy minimal" in lines[0]
    assert lines[1].startswith("ok site database") and "shared.sqlite reachable" in lines[1]
    # Uninstall removes the program and the menu entry.
    res = subprocess.run(
        ["sh", str(folder / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert not prefix.exists() and not desktop.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AppImages are for Linux")
def test_appimage_recipe_builds_a_runnable_appdir(tmp_path: Path) -> None:
    """The AppDir runs through its AppRun; appimagetool itself is optional (exit status 3)."""
    _frozen_exe()
    res = subprocess.run(
        ["bash", str(ROOT / "packaging" / "linux" / "make-appimage.sh"), str(DIST), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert res.returncode in (0, 3), res.stdout + res.stderr
    from mdo_planner import __version__

    assert res.stdout.splitlines()[0] == f"mdo-planner {__version__}"
    appdir = ROOT / "build" / "AppDir"
    for name in ("AppRun", "mdo-planner.desktop", "mdo-planner.png", ".DirIcon"):
        assert (appdir / name).exists(), name
    if res.returncode == 0:
        assert (tmp_path / f"mdo-planner-{__version__}-{os.uname().machine}.AppImage").is_file()
    else:
        assert "appimagetool is not on the PATH" in res.stderr


def test_frozen_build_carries_the_data_files_found_at_run_time() -> None:
    """Files the app opens by path: a missing one only shows on a workstation, too late."""
    _frozen_exe()
    internal = DIST / "_internal"
    expected = [
        internal / "db" / "migrations" / "env.py",
        internal / "mdo_planner" / "resources" / "fonts" / "DejaVuSans.ttf",
        internal / "mdo_planner" / "resources" / "fonts" / "DejaVuSans-Bold.ttf",
        internal / "mdo_planner" / "triage" / "default_rules.toml",
        internal / "tzdata" / "zoneinfo" / "Europe" / "Amsterdam",
        internal / "site-config.example.toml",
    ]
    expected += [
        internal / "db" / "migrations" / "versions" / p.name
        for p in (ROOT / "db" / "migrations" / "versions").glob("[0-9]*.py")
    ]
    expected += [
        internal / "ui" / "translations" / p.with_suffix(".qm").name
        for p in (ROOT / "ui" / "translations").glob("*.ts")
    ]
    missing = [str(p.relative_to(DIST)) for p in expected if not p.is_file()]
    assert not missing, f"not bundled: {missing}"
