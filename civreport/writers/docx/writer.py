"""Write the page as a DOCX: its blocks in the Word styles of their classes, in a package
prepared once per layout, font names and styles."""

from __future__ import annotations

import threading
from functools import lru_cache

from ...diagnostics import Diagnostics
from ...office.fonts import FontRole
from ...office.layout import Layout
from ...office.styles import StyleTable
from ...rendering.blocks import Paragraph
from ...rendering.page import Page
from .body import BodyWriter
from .oxml.elements import Element
from .package import Package


class DocxWriter:
    """Writes pages that share a layout, DOCX font names and styles."""

    def __init__(self, layout: Layout, fonts: dict[FontRole, str], styles: StyleTable):
        self.package = Package(layout, fonts, styles)
        self.body = BodyWriter(styles, layout)

    def write(self, page: Page) -> bytes:
        meta = page.meta
        body: list[Element] = []
        unnumbered = None  # where the pages without a page number start
        for block in page.blocks:
            if unnumbered is None and isinstance(block, Paragraph) and block.unnumbered:
                unnumbered = len(body)
            body.extend(self.body.block(block))
        return self.package.write(body, meta.title, meta.author, meta.subject, meta.created, unnumbered)


_PREPARING = threading.Lock()


@lru_cache(maxsize=8)
def _writer(layout: Layout, fonts: tuple[tuple[FontRole, str], ...], styles: StyleTable) -> DocxWriter:
    return DocxWriter(layout, dict(fonts), styles)


def write_docx(page: Page, diagnostics: Diagnostics) -> bytes:
    """The page as DOCX bytes: the same text, lines and pages as its PDF. Safe to call from
    several threads: each writes its own document; the package is prepared once."""
    with _PREPARING:
        writer = _writer(page.layout, page.docx_fonts, page.styles)
    return writer.write(page)
