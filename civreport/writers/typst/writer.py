"""Lay the page out as a PDF with Typst, from the page's blocks (not from its HTML).

The Typst program ``page.typ`` is fixed; the page reaches it as data (:mod:`.data`). A
:class:`TypstWriter` keeps one compiler per font plan, which keeps the fonts it has read
between documents; one lock per writer, as a compiler is one document at a time.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import typst

from ...diagnostics import Diagnostics
from ...errors import FontSubstitutionWarning, MissingGlyphWarning, UnreadStylesheetWarning
from ...office.fonts import FontChoice, FontRole
from ...rendering.page import STYLESHEET_TAG, Page, written_at
from ..pdf.fonts import plan
from ..pdf.glyphs import missing_glyphs
from .archival import finish
from .data import page_data
from .fonts import TypstFonts

PROGRAM = Path(__file__).with_name("page.typ")


class TypstWriter:
    """Writes pages to PDF bytes with Typst, the fonts of one font choice read once."""

    def __init__(self, fonts: FontChoice | None = None):
        self.plan = plan(fonts)
        self.fonts = TypstFonts(self.plan)
        # Nothing but the program's own folder is readable, and the program reads no file.
        self.compiler = typst.Compiler(str(PROGRAM), root=str(PROGRAM.parent), font_paths=self.fonts.known)
        self.lock = threading.Lock()

    def write(self, page: Page, diagnostics: Diagnostics) -> bytes:
        for message in self.plan.substitutions:
            diagnostics.add(FontSubstitutionWarning, message)
        for message, chars in missing_glyphs(page.blocks, page.styles, self.plan):
            diagnostics.add(MissingGlyphWarning, message, chars=chars)
        if page.styled:
            diagnostics.add(
                UnreadStylesheetWarning,
                f"{written_at(page.resources, STYLESHEET_TAG)}办公室模板带有自己的样式表，Typst 不读样式表，"
                "PDF 里没有它画的内容（如印章、底色）；要印出，请把办公室配置的 pdf_engine 改为 auto 或 weasyprint",
            )
        data = page_data(page, self.fonts)
        with self.lock:
            pdf = self.compiler.compile(
                format="pdf", sys_inputs={"page": data}, pdf_tags=False, pdf_standards=["a-2b"] if page.pdf_a else []
            )
        assert isinstance(pdf, bytes)  # one PDF, never pages apart
        return finish(pdf, page.meta.generator) if page.pdf_a and page.meta.generator else pdf


_PREPARING = threading.Lock()


@lru_cache(maxsize=8)
def _writer(fonts: tuple[tuple[FontRole, tuple[str, ...]], ...]) -> TypstWriter:
    return TypstWriter(dict(fonts))


def write_typst_pdf(page: Page, diagnostics: Diagnostics) -> bytes:
    """The page as PDF bytes laid out by Typst. Safe to call from several threads."""
    with _PREPARING:
        writer = _writer(page.pdf_fonts)
    return writer.write(page, diagnostics)
