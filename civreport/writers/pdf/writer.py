"""Lay the page out as a PDF with WeasyPrint.

Importing this module imports WeasyPrint (about a second); civreport imports it only when a
PDF is asked for. A :class:`PdfWriter` keeps its font configuration and font stylesheet
across documents, which keeps rendering fast and memory flat.

WeasyPrint shares Pango and fontconfig state that is not thread-safe (threads rendering at
once corrupt the heap), so one lock serializes all WeasyPrint work in a process; run
processes for PDFs in parallel (``civreport render --jobs``).
"""

from __future__ import annotations

import ctypes.util
import threading
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ...errors import MissingGlyphWarning, SlowFontSubsettingWarning
from ...office.fonts import FontChoice, FontRole
from ...rendering.page import Page
from .fonts import plan
from .glyphs import missing_glyphs
from .resources import LocalFetcher, weasyprint_warnings


@lru_cache(maxsize=1)
def harfbuzz_subsetting() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz instead of the much slower fontTools."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


_WEASYPRINT = threading.RLock()


class PdfWriter:
    """Writes pages to PDF bytes with one font set-up reused across documents."""

    def __init__(self, fonts: FontChoice | None = None, roots: Sequence[Path] = ()):
        self.plan = plan(fonts)
        self.fetcher = LocalFetcher([*roots, *self.plan.font_files()])
        with _WEASYPRINT:
            self.font_config = FontConfiguration()
            self.font_css = CSS(string=self.plan.font_face_css(), font_config=self.font_config,
                                url_fetcher=self.fetcher)

    def write(self, page: Page) -> bytes:
        if not harfbuzz_subsetting():
            warnings.warn(
                SlowFontSubsettingWarning("未安装 libharfbuzz-subset0，PDF 生成会慢数十倍（apt-get install libharfbuzz-subset0）"),
                stacklevel=2,
            )
        self.plan.warn()
        for message in missing_glyphs(page.blocks, page.styles, self.plan):
            warnings.warn(MissingGlyphWarning(message), stacklevel=2)
        base_url = page.resources[0].as_uri() + "/"
        with _WEASYPRINT, weasyprint_warnings():
            html = HTML(string=page.print_html, base_url=base_url, url_fetcher=self.fetcher)
            pdf: bytes = html.write_pdf(stylesheets=[self.font_css], font_config=self.font_config,
                                        uncompressed_pdf=False)
        return pdf


@lru_cache(maxsize=8)
def _writer(fonts: tuple[tuple[FontRole, tuple[str, ...]], ...], roots: tuple[Path, ...]) -> PdfWriter:
    return PdfWriter(dict(fonts), roots)


def write_pdf(page: Page) -> bytes:
    """The page as PDF bytes, in the layout its stylesheet states. Safe to call from several
    threads (they take turns)."""
    with _WEASYPRINT:  # one writer per font set-up, made once
        writer = _writer(page.pdf_fonts, page.resources)
    return writer.write(page)
