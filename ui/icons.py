"""Line icons for the navigation bar, drawn from small inline SVGs in the palette's colour.

Inline SVG keeps the icons sharp at every device-pixel ratio (HiDPI) and lets them follow
the light/dark theme (they are drawn in the current text colour), without shipping an icon
theme that Windows and macOS do not have.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="{c}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">'
)

#: Feather-style outlines (24 × 24).
_SHAPES: dict[str, str] = {
    "cases": '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V3h6v1"/>'
    '<path d="M9 10h6M9 14h6M9 18h4"/>',
    "case_editor": '<path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z"/>'
    '<path d="M14 3v6h6"/><path d="M9 17l1-3 5-5 2 2-5 5z"/>',
    "planning": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M16 3v4M8 3v4M3 10h18"/>'
    '<path d="M9 15l2 2 4-4"/>',
    "sessions": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M16 3v4M8 3v4M3 10h18"/>'
    '<path d="M7 14h3M7 17h3M14 14h3M14 17h3"/>',
    "meeting": '<circle cx="12" cy="12" r="8.5"/><path d="M12 7v5l3 2"/><path d="M8 2.5h8"/>',
    "experts": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6"/>'
    '<circle cx="17" cy="9" r="2.5"/><path d="M16.5 14c3 0 5 2 5 5"/>',
    "network": '<circle cx="12" cy="5" r="2.5"/><circle cx="5" cy="18" r="2.5"/>'
    '<circle cx="19" cy="18" r="2.5"/><path d="M11 7.3L6.2 15.8M13 7.3l4.8 8.5M7.5 18h9"/>',
    "dashboard": '<path d="M4 20V10M10 20V4M16 20v-7M22 20H2"/>',
    "app": '<rect x="2.5" y="2.5" width="19" height="19" rx="5" fill="{c}" stroke="none"/>'
    '<path d="M7 16V8l5 5 5-5v8" stroke="#ffffff" stroke-width="2.2"/>',
}


def svg_for(name: str, colour: str) -> str:
    shape = _SHAPES.get(name, _SHAPES["cases"])
    return _HEAD.format(c=colour) + shape.replace("{c}", colour) + "</svg>"


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    px = max(1, round(size * ratio))
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, px, px))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def workspace_icon(name: str) -> QIcon:
    """The icon of a workspace (or ``"app"``), in the palette's text colour, HiDPI-sharp."""
    app = QGuiApplication.instance()
    palette = QGuiApplication.palette() if app is not None else QPalette()
    colour = palette.color(QPalette.ColorRole.WindowText).name()
    if name == "app":
        colour = "#2a6fb0"
    selected = palette.color(QPalette.ColorRole.HighlightedText).name()
    ratio = 2.0
    icon = QIcon()
    for size in (16, 22, 24, 32, 48):
        icon.addPixmap(_render(svg_for(name, colour), size, ratio), QIcon.Mode.Normal)
        icon.addPixmap(_render(svg_for(name, selected), size, ratio), QIcon.Mode.Selected)
    return icon
