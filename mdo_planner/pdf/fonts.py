"""The embedded Unicode font for every PDF we print.

ReportLab's standard-14 fonts (Helvetica & co.) are not embedded and cover Latin-1 only:
"Đorđević", "Müller-Łukasiewicz" or "≥ 5 µg/L" would print as black boxes or not at all, and
what prints depends on the reader's machine. We ship DejaVu Sans (regular and bold, Bitstream
Vera licence, see ``resources/fonts/LICENSE.txt``) inside the package and embed a subset of it
in every PDF, so an agenda prints the same everywhere and never needs a system font.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "MDOSans"
FONT_BOLD = "MDOSans-Bold"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()
_registered = False


def font_dir() -> Path:
    """The folder of the shipped fonts (inside the installed package or a frozen build)."""
    return Path(str(resources.files("mdo_planner").joinpath("resources", "fonts")))


def register_fonts() -> str:
    """Register the embedded fonts with ReportLab once per process; return the regular name.

    A missing font file is an installation fault, not something to paper over with Helvetica:
    we would silently print agendas that lose characters of patients' and doctors' names.
    """
    global _registered
    with _lock:
        if _registered:
            return FONT
        folder = font_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FileNotFoundError(
                    f"the PDF font {path} is missing: the installation is incomplete"
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)
        _registered = True
        return FONT
