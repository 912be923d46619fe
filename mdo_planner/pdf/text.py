"""Turning user text into ReportLab paragraph markup that prints exactly what was typed.

ReportLab's ``Paragraph`` parses its text as a small XML dialect: a question such as
"patient <onbekend> & partner" would be read as a tag and vanish, or break the build.
Everything a person typed therefore goes through :func:`markup` (escape, drop characters that
cannot be printed, keep line breaks). :func:`chunks` cuts long texts into pieces so that no
table cell ever has to hold unbounded text (a table row cannot be split across pages).
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

#: Characters that are kept although their category says "control" or "format".
_KEEP = {"\n", "\t"}
_NEWLINES = str.maketrans(
    {
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x85": "\n",
        "\t": " ",
    }
)


def printable(text: str | None) -> str:
    """Drop what no printer can show: control characters, surrogates, non-characters.

    Line breaks of any convention become ``\\n``. Letters, marks, symbols, spaces and
    private-use characters are kept (a missing glyph prints as a box, never as an error).
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    out = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs"):
            continue
        code = ord(ch)
        if (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            continue  # Unicode non-characters: not allowed in XML, meaningless in print
        out.append(ch)
    return "".join(out)


def markup(text: str | None) -> str:
    """Escape user text for a ReportLab ``Paragraph``, keeping line breaks."""
    clean = printable(text)
    return "<br/>".join(escape(line) for line in clean.split("\n"))


def chunks(text: str | None, size: int = 700) -> list[str]:
    """Split ``text`` into pieces of at most ``size`` characters and at most 12 lines.

    Cuts fall at a line break or a space when there is one in the last third of the piece,
    so words stay whole in the ordinary case; the result joins back to the cleaned text
    (modulo the whitespace at the cuts).
    """
    clean = printable(text).strip()
    if not clean:
        return []
    pieces: list[str] = []
    max_lines = 12
    while clean:
        window = clean[:size]
        # Limit the number of lines as well: a text of empty lines is tall but short.
        newline_at = -1
        count = 0
        for i, ch in enumerate(window):
            if ch == "\n":
                count += 1
                if count == max_lines:
                    newline_at = i
                    break
        if newline_at >= 0:
            cut = newline_at
        elif len(clean) <= size:
            cut = len(clean)
        else:
            cut = max(window.rfind("\n"), window.rfind(" "))
            if cut < size * 2 // 3:
                cut = size
        piece = clean[:cut].strip()
        if piece:
            pieces.append(piece)
        clean = clean[cut:].lstrip()
    return pieces


def shorten(text: str | None, limit: int) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters with an ellipsis; and whether it was cut."""
    clean = " ".join(printable(text).split())
    if len(clean) <= limit:
        return clean, False
    return clean[: limit - 1].rstrip() + "…", True
