"""Where the size of the one-folder build goes: ``python packaging/size_report.py [dist/mdo-planner]``.

Prints a Markdown table of the largest components (grouped by what a maintainer can act on:
Qt, ICU, OR-Tools, NumPy/pandas, Python...), so that ``docs/benchmarks.md`` can say what
dominates the download and a change to the spec can be checked against it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

#: (group, test on the path relative to the build folder), first match wins.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ICU data and libraries (Qt's Unicode/locale support)", ("libicu", "icudt", "icuuc", "icuin")),
    ("Qt libraries and plugins (Core, Gui, Widgets, Charts, Svg)", ("PySide6/Qt/", "Qt6")),
    ("PySide6 bindings and shiboken", ("PySide6/", "shiboken6")),
    ("OR-Tools (CP-SAT, SCIP, HiGHS, protobuf)", ("ortools",)),
    ("NumPy and its OpenBLAS (needed by OR-Tools' cp_model)", ("numpy",)),
    ("pandas (imported by OR-Tools' cp_model)", ("pandas",)),
    (
        "Python runtime and standard library",
        ("libpython", "python3", "base_library.zip", "lib-dynload"),
    ),
    ("Pillow (images in ReportLab PDFs)", ("PIL/", "pillow.libs")),
    ("psycopg (PostgreSQL driver, libpq, OpenSSL)", ("psycopg", "libssl", "libcrypto")),
    ("SQLAlchemy and Alembic", ("sqlalchemy", "alembic")),
    ("Babel, holidays, tzdata", ("babel", "holidays", "tzdata")),
    ("ReportLab and pypdf", ("reportlab", "pypdf")),
    ("the executable (bootloader and the app's bytecode archive)", ("mdo-planner",)),
    # What is left at the top of _internal/ are system libraries the Qt plugins link against,
    # copied from the build machine (glib, X11, cairo, harfbuzz, SQLite, libstdc++).
    ("system libraries copied from the build machine (glib, X11, cairo...)", ("_internal/lib",)),
)


def report(build: Path) -> str:
    sizes: dict[str, int] = defaultdict(int)
    total = 0
    for path in build.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(build).as_posix()
        group = next((g for g, keys in GROUPS if any(k in rel for k in keys)), "everything else")
        sizes[group] += size
    lines = ["| component | MB | share |", "|---|---:|---:|"]
    for group, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {group} | {size / 1e6:.1f} | {100 * size / total:.0f}% |")
    lines.append(f"| **total** | **{total / 1e6:.1f}** | |")
    return "\n".join(lines)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/mdo-planner")
    if not folder.is_dir():
        raise SystemExit(f"{folder}: no build (run `make package`)")
    print(report(folder))
