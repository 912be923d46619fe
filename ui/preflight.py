"""Can the desktop application start here? Checked before Qt is loaded.

Why this exists: when Qt's platform plugin cannot load (no display, a plugin that does not
exist, the xcb plugin missing system libraries on a stock Debian machine), Qt prints a hint to
its own message handler and then *aborts the process* — before Python can say anything, so the
user saw only ``make: *** [run] Aborted`` and the reason sat in the log file. Everything here is
therefore plain Python (no PySide6 import): it finds the plugin files on disk, asks ``ldd`` what
the xcb plugin cannot resolve, and turns that into one or two sentences on stderr — or, for
``make run`` on a machine where the user may install packages, into an ``apt-get install`` of the
right Debian/Ubuntu packages.

``python -m ui.preflight [--install]`` is what ``make run`` calls; ``ui.app.run_gui`` calls
:func:`problem` before it imports Qt.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: The shared libraries the xcb platform plugin (and Qt's xcb support library) load, and the
#: Debian/Ubuntu package that ships each. Qt's own hint names ``libxcb-cursor0`` whatever is
#: missing, which sent users to the wrong package.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


@dataclass
class Problem:
    """Why the GUI cannot start, in words for the terminal, and what would fix it."""

    message: str
    missing_libraries: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)


def plugin_dir() -> Path | None:
    """The folder of Qt's platform plugins, found without importing PySide6 (or ``None``)."""
    override = os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if override:
        return Path(override)
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    roots = list(spec.submodule_search_locations or []) if spec else []
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller's one-folder build
    if frozen:
        roots.append(str(Path(frozen) / "PySide6"))
    for root in roots:
        folder = Path(root) / "Qt" / "plugins" / "platforms"
        if folder.is_dir():
            return folder
    return None


def available_platforms(folder: Path) -> list[str]:
    """Platform names as Qt spells them (``libqxcb.so`` -> ``xcb``, ``qwindows.dll`` -> ``windows``)."""
    names = set()
    for f in folder.iterdir():
        m = re.fullmatch(r"(?:lib)?q(\w+?)(?:_debug)?\.(?:so|dll|dylib)", f.name)
        if m:
            names.add(m.group(1))
    return sorted(names)


def requested_platform() -> str:
    """What Qt will try first: ``QT_QPA_PLATFORM`` (``name:options;fallback``) or the default."""
    value = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if value:
        return value.split(";")[0].split(":")[0].strip()
    if sys.platform.startswith("linux"):
        return "xcb"
    return "cocoa" if sys.platform == "darwin" else "windows"


def missing_libraries(plugin: Path, ldd: str | None = None) -> list[str]:
    """Shared libraries ``plugin`` needs that the dynamic loader cannot find (via ``ldd``)."""
    tool = ldd or shutil.which("ldd")
    if not tool or not plugin.is_file():
        return []
    try:
        out = subprocess.run(
            [tool, str(plugin)], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(out)))


def debian_packages(libraries: list[str]) -> list[str]:
    """The Debian/Ubuntu package of each library; unknown ones by Debian's naming rule."""
    packages = []
    for lib in libraries:
        pkg = DEBIAN_PACKAGES.get(lib)
        if pkg is None:
            m = re.fullmatch(r"lib(.+)\.so\.(\d+)", lib)
            if not m:
                continue
            name, soname = m.group(1).lower(), m.group(2)
            pkg = f"lib{name}{'-' if name[-1].isdigit() else ''}{soname}"
        if pkg not in packages:
            packages.append(pkg)
    return packages


def problem(env_platform: str | None = None) -> Problem | None:
    """Why the GUI cannot start on this machine, or ``None`` when Qt should come up."""
    platform = env_platform or requested_platform()
    folder = plugin_dir()
    if folder is None:
        return None  # an unusual installation: let Qt try and report for itself
    available = available_platforms(folder)
    if sys.platform.startswith("linux") and platform not in available:
        return Problem(
            f"The Qt platform {platform!r} is not available "
            f"(QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')!r}). "
            f"Available platforms: {', '.join(available)}."
        )
    if platform == "xcb":
        plugin = next(folder.glob("libqxcb*.so"), folder / "libqxcb.so")
        libs = missing_libraries(plugin)
        if libs:
            packages = debian_packages(libs)
            return Problem(
                "The desktop window cannot open: Qt's X11 (xcb) platform plugin needs system "
                f"libraries that are missing: {', '.join(libs)}. "
                f"Install them (as root) with: apt-get install {' '.join(packages)}",
                missing_libraries=libs,
                packages=packages,
            )
        if not os.environ.get("DISPLAY"):
            return Problem(
                "The desktop window cannot open: there is no display (DISPLAY is not set). "
                "Start MDO Planner from a desktop session, or use the command-line "
                "sub-commands (mdo-planner --help), which need no display."
            )
    if platform == "wayland" and not os.environ.get("WAYLAND_DISPLAY"):
        return Problem(
            "The desktop window cannot open: QT_QPA_PLATFORM is 'wayland' but there is no "
            "Wayland display (WAYLAND_DISPLAY is not set)."
        )
    return None


def _can_install() -> list[str] | None:
    """The prefix that runs apt-get as root here (``[]`` when root), or ``None`` when we can't."""
    if not shutil.which("apt-get"):
        return None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo") and sys.stdin.isatty():
        return ["sudo"]
    return None


def install(p: Problem) -> bool:
    """Install ``p.packages`` with apt-get, saying so first; ``False`` when that is not possible."""
    prefix = _can_install()
    if prefix is None or not p.packages:
        return False
    print(
        "MDO Planner needs system libraries for its window: "
        f"{', '.join(p.missing_libraries)}.\nInstalling them: "
        f"{' '.join([*prefix, 'apt-get', 'install', '-y', *p.packages])}",
        file=sys.stderr,
    )
    cmd = [*prefix, "apt-get", "install", "-y", "--no-install-recommends", *p.packages]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(cmd, env=env, check=False).returncode == 0:
        return True
    # A fresh machine often has no package lists yet.
    subprocess.run([*prefix, "apt-get", "update"], env=env, check=False)
    return subprocess.run(cmd, env=env, check=False).returncode == 0


def main(argv: list[str] | None = None) -> int:
    """``make run``'s check: 0 when the GUI can start (after installing what is missing)."""
    parser = argparse.ArgumentParser(
        prog="python -m ui.preflight", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="install missing system libraries with apt-get when allowed",
    )
    ns = parser.parse_args(argv)
    p = problem()
    if p is None:
        return 0
    if ns.install and p.packages and install(p):
        p = problem()
        if p is None:
            return 0
    print(f"mdo-planner: {p.message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
