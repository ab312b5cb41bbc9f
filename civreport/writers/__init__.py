"""Writers: the page into files. Each writer takes the :class:`~civreport.rendering.Page` and
nothing else; the heavy ones (WeasyPrint, python-docx) load when their format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostics, reported

if TYPE_CHECKING:
    from ..rendering.page import Page

# A writer: the page, and the collector for what writing it has to tell (a font stood in).
Writer = Callable[["Page", Diagnostics], bytes]

# Format → the module and function that write it.
_WRITERS = {
    "html": ("html", "write_html"),
    "pdf": ("engines", "write_pdf"),
    "docx": ("docx", "write_docx"),
    "txt": ("text", "write_text"),
}
FORMATS = tuple(_WRITERS)
DEFAULT_FORMATS = ("html", "pdf", "docx")  # what `civreport render` writes unless told


def writer(fmt: str) -> Writer:
    module, name = _WRITERS[fmt]
    found: Writer = getattr(importlib.import_module(f".{module}", __name__), name)
    return found


def write(page: Page, fmt: str, *, diagnostics: Diagnostics | None = None) -> bytes:
    """The page in ``fmt`` (``html``, ``pdf``, ``docx`` or ``txt``), as bytes. What writing
    has to tell (the PDF's font substitutions and missing glyphs) goes to ``diagnostics``, or
    is issued as warnings when none is given."""
    with reported(diagnostics) as found:
        return writer(fmt)(page, found)
