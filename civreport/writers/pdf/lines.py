"""Lines finished as word processors finish them: without the Chinese–Latin space at either end.

The space between Chinese and Latin text, a margin on the Latin run's span
(:mod:`civreport.rendering.linebreaks`), stays where a line starts or ends at that boundary,
where word processors drop it. Once WeasyPrint has broken a line (its breaks are kept), this
module drops it there.

WeasyPrint has no hook for this: :func:`finishing_lines` replaces a function of its inline
layout while a PDF is laid out (tested with the WeasyPrint versions pyproject.toml allows;
tests/test_pdf.py fails if it changes).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline

from ...rendering.linebreaks import AUTOSPACE

_WEASYPRINT_TEXT_ALIGN = inline.text_align


def _autospaced(box: Any) -> bool:
    return (
        isinstance(box, boxes.InlineBox) and box.element is not None and box.element.get("class") in AUTOSPACE.values()
    )


def _edge(line: Any, end: int) -> list[Any]:
    """The boxes from the line down to its first (``end`` 0) or last (``end`` -1) leaf."""
    path = [line]
    while isinstance(path[-1], (boxes.LineBox, boxes.InlineBox)) and path[-1].children:
        path.append(path[-1].children[end])
    return path


def _drop_edge_spaces(line: Any) -> None:
    """Drop the Chinese–Latin space where it starts or ends the line, as word processors do."""
    path = _edge(line, 0)
    for depth, box in enumerate(path):
        if _autospaced(box) and box.margin_left:
            space, box.margin_left = box.margin_left, 0
            for child in box.children:
                child.translate(-space, 0)
            for ancestor in path[:depth]:
                for sibling in ancestor.children[1:]:
                    sibling.translate(-space, 0)
                ancestor.width -= space
            break
    path = _edge(line, -1)
    for depth, box in enumerate(path):
        if _autospaced(box) and box.margin_right:
            space, box.margin_right = box.margin_right, 0
            for ancestor in path[:depth]:
                ancestor.width -= space
            break


def _text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
    _drop_edge_spaces(line)
    offset: float = _WEASYPRINT_TEXT_ALIGN(context, line, available_width, last)
    return offset


@contextmanager
def finishing_lines() -> Iterator[None]:
    """WeasyPrint's inline layout with these line ends, for the PDFs laid out meanwhile (under
    the PDF writer's lock: the function is the module's)."""
    saved = inline.text_align
    inline.text_align = _text_align
    try:
        yield
    finally:
        inline.text_align = saved
