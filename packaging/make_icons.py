"""Render the application icon from its SVG into the formats each platform's installer needs.

The SVG is the one source; the PNG (Linux ``.desktop`` / AppImage, window icon), ICO
(Windows executable and installer) and ICNS (macOS bundle) are derived files, committed so
that a build machine needs neither a display nor an SVG renderer. Re-run after editing the
SVG: ``.venv/bin/python packaging/make_icons.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, out: Path) -> None:
    """Rasterise with Qt's SVG renderer (the same one the app uses), anti-aliased."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"{out}: cannot write")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs an application
    svg = HERE / "mdo-planner.svg"
    pngs = {}
    for size in SIZES:
        out = HERE / f"mdo-planner-{size}.png"
        render(svg, size, out)
        pngs[size] = out
    (HERE / "mdo-planner.png").write_bytes(pngs[256].read_bytes())
    big = Image.open(pngs[512])
    big.save(HERE / "mdo-planner.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(HERE / "mdo-planner.icns")
    for size, path in pngs.items():
        if size not in (48, 512):  # 256 is mdo-planner.png; hicolor themes use these
            path.unlink()
    print(f"icons written to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
