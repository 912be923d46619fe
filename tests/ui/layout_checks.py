"""A check shared by the short-window tests (seen under Xvfb at 1280×720): the parts of a
screen neither overlap nor are squeezed below their minimum, and a scroll area takes the
height they lack."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea, QWidget


def assert_parts_fit_and_scroll(
    root: QWidget,
    parts: Sequence[QWidget],
    name: Callable[[QWidget], str],
    scroll_name: str | None = None,
) -> None:
    """No two ``parts`` overlap within ``root``, each has at least its minimum height, and
    the scroll area (``scroll_name``, else the first under ``root``) has something to scroll."""

    def rect(part: QWidget) -> QRect:
        return QRect(part.mapTo(root, part.rect().topLeft()), part.size())

    for a, b in combinations(parts, 2):
        assert not rect(a).intersects(rect(b)), (name(a), name(b))
    for part in parts:
        assert part.height() >= part.minimumSizeHint().height() - 1, name(part)
    scroll = (
        root.findChild(QScrollArea, scroll_name)
        if scroll_name is not None
        else root.findChild(QScrollArea)
    )
    assert scroll is not None and scroll.verticalScrollBar().maximum() > 0
