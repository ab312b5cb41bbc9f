"""Lay the page out as a PDF with WeasyPrint.

Importing this module imports WeasyPrint (about a second); civreport imports it only when a
PDF is asked for. A :class:`PdfWriter` keeps its font configuration and font stylesheet
across documents, which keeps rendering fast and memory flat.

WeasyPrint shares Pango and fontconfig state that is not thread-safe (threads rendering at
once corrupt the heap), so one lock serializes all WeasyPrint work in a process; run
processes for PDFs in parallel (``civreport render --jobs``).

The page's stylesheets come apart from its HTML (``Page.print_css``) and a writer parses
each once for all the pages that carry the same one: the pages of an office share their
stylesheets, and parsing them anew took about 5% of a five-page summary's PDF.
"""

from __future__ import annotations

import ctypes.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.text.fonts import FontConfiguration

from ...diagnostics import Diagnostics
from ...errors import CivreportWarning, FontSubstitutionWarning, MissingGlyphWarning, SlowFontSubsettingWarning
from ...files import removed_with
from ...office.fonts import FontChoice, FontRole
from ...rendering.page import Page
from . import archival
from .clusters import whole_clusters
from .compression import level_six
from .emboldening import AVAILABLE, emboldening
from .fontbytes import kept_font_bytes
from .fonts import plan
from .glyphs import missing_glyphs
from .lines import finishing_lines
from .resources import LocalFetcher, WeasyPrintLog, weasyprint_log


@lru_cache(maxsize=1)
def harfbuzz_subsetting() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz instead of the much slower fontTools."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


_WEASYPRINT = threading.RLock()

# Parsed stylesheets a writer keeps, the least recently used going first: an office's pages
# carry two (the page's and the line-break hints'), and each layout of a batch one more.
_KEPT_STYLESHEETS = 16


class PdfWriter:
    """Writes pages to PDF bytes with one font set-up reused across documents."""

    def __init__(self, fonts: FontChoice | None = None, roots: Sequence[Path] = ()):
        self.plan = plan(fonts)
        self.fetcher = LocalFetcher([*roots, *self.plan.font_files()])
        with _WEASYPRINT:
            self.font_config = FontConfiguration()
            self.font_css = CSS(
                string=self.plan.font_face_css(), font_config=self.font_config, url_fetcher=self.fetcher
            )
        folder = self.font_config._folder  # where WeasyPrint copied the fonts, 30 MB for the CJK ones
        if folder is not None:
            # WeasyPrint removes it only when the configuration is collected, which a writer kept
            # for the process never is.
            removed_with(self, Path(folder))
        self.stylesheets: OrderedDict[tuple[str, str], CSS] = OrderedDict()

    def write(self, page: Page, diagnostics: Diagnostics) -> bytes:
        if not harfbuzz_subsetting():
            diagnostics.add(
                SlowFontSubsettingWarning,
                "未安装 libharfbuzz-subset0，PDF 生成会慢数十倍（apt-get install libharfbuzz-subset0）",
            )
        for message in self.plan.substitutions:
            diagnostics.add(FontSubstitutionWarning, message)
        for message, chars in missing_glyphs(page.blocks, page.styles, self.plan):
            diagnostics.add(MissingGlyphWarning, message, chars=chars)
        bold = [f"“{style.style_name}”" for style in page.styles if style.bold]
        if bold and not AVAILABLE:
            diagnostics.add(
                CivreportWarning,
                f"本机的 WeasyPrint 不能为没有粗体的字体（仿宋、楷体等）合成粗体：样式{'、'.join(bold)}"
                "在 DOCX 中加粗，在 PDF 中不加粗；要两者一致，请安装 WeasyPrint 70，"
                "或去掉办公室配置中的加粗（numbering.bold_level3、styles 的 bold）",
            )
        base_url = page.resources[0].as_uri() + "/"
        with (
            _WEASYPRINT,
            weasyprint_log(diagnostics) as log,
            self.fetcher.reporting(diagnostics),
            finishing_lines(),
            emboldening(),
            level_six(),
            kept_font_bytes(),
        ):
            # What the stylesheets' @counter-style and @color-profile rules define, for this document.
            counter_style = CounterStyle()
            color_profiles: dict[str, object] = {}
            sheets = [self._stylesheet(text, base_url, log, counter_style, color_profiles) for text in page.print_css]
            html = HTML(string=whole_clusters(page, self.plan), base_url=base_url, url_fetcher=self.fetcher)
            pdf: bytes = html.write_pdf(
                stylesheets=[self.font_css, *sheets],
                font_config=self.font_config,
                counter_style=counter_style,
                color_profiles=color_profiles,
                uncompressed_pdf=False,
                **(archival.OPTIONS if page.pdf_a else {}),
            )
        return pdf

    def _stylesheet(
        self,
        text: str,
        base_url: str,
        log: WeasyPrintLog,
        counter_style: CounterStyle,
        color_profiles: dict[str, object],
    ) -> CSS:
        """``text`` parsed: kept for the next pages unless parsing it did anything beyond the
        sheet itself (fetched a file, reported a problem, defined counter styles or colour
        profiles for the document), which must then happen again for every page as it did.

        The sheets reach WeasyPrint as user stylesheets rather than the page's own: the
        cascade is the same, as the page holds no other stylesheet (see
        :func:`civreport.rendering.page._lift_stylesheets`) and its style attributes, which
        civreport writes without ``!important``, win over either."""
        key = (base_url, text)
        if (kept := self.stylesheets.get(key)) is not None:
            self.stylesheets.move_to_end(key)
            return kept
        requests, records = self.fetcher.requests, log.records
        own_counter_style = CounterStyle()
        own_color_profiles: dict[str, object] = {}
        css = CSS(
            string=text,
            base_url=base_url,
            url_fetcher=self.fetcher,
            font_config=self.font_config,
            counter_style=own_counter_style,
            color_profiles=own_color_profiles,
        )
        counter_style.update(own_counter_style)
        color_profiles.update(own_color_profiles)
        fetched_or_reported = (requests, records) != (self.fetcher.requests, log.records)
        if not fetched_or_reported and not own_counter_style and not own_color_profiles:
            self.stylesheets[key] = css
            if len(self.stylesheets) > _KEPT_STYLESHEETS:
                self.stylesheets.popitem(last=False)
        return css


@lru_cache(maxsize=8)
def _writer(fonts: tuple[tuple[FontRole, tuple[str, ...]], ...], roots: tuple[Path, ...]) -> PdfWriter:
    return PdfWriter(dict(fonts), roots)


def write_pdf(page: Page, diagnostics: Diagnostics) -> bytes:
    """The page as PDF bytes, in the layout its stylesheet states. Safe to call from several
    threads (they take turns)."""
    with _WEASYPRINT:  # one writer per font set-up, made once
        writer = _writer(page.pdf_fonts, page.resources)
    return writer.write(page, diagnostics)
