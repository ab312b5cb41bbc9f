"""Lay the rendered HTML out as a PDF with WeasyPrint.

Importing this module imports WeasyPrint (about a second); ``civreport`` imports it only
when a PDF is asked for. A :class:`PdfWriter` keeps its font configuration and font
stylesheet across documents, which keeps rendering fast and memory flat.
"""

from __future__ import annotations

import ctypes.util
import logging
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import wordlike
from .document import Document, parse
from .errors import BlockedResourceWarning, CivreportWarning, MissingGlyphWarning, SlowFontSubsettingWarning
from .fontfinder import FontConfig, FontPlan
from .fontfinder import resolve as resolve_fonts
from .fonts import ROLE_NAMES
from .layout import Layout
from .model import Report
from .profile import OfficeProfile
from .profile import resolve as resolve_profile
from .templating import render_html, search_path

# Which font role draws a block or run, by its template class.
_ROLE_OF_CLASS = {"title": "title", "heading-1": "heading1", "heading-2": "heading2", "subtitle": "heading2"}
_PAGE_NUMBER_TEXT = "— 0123456789"


class _LocalFetcher(URLFetcher):
    """Fetches ``file:`` URLs below the allowed roots and ``data:`` URLs; refuses the rest.

    Templates from offices are not trusted: a PDF must never reach the network or read
    files beyond the template and font directories, whatever the input says.
    """

    def __init__(self, roots: Sequence[Path]):
        super().__init__(allowed_protocols={"file", "data"})
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: object = None):  # type: ignore[no-untyped-def]
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if any(path == root or path.is_relative_to(root) for root in self.roots):
                return super().fetch(url, headers)
        elif parts.scheme == "data":
            return super().fetch(url, headers)
        warnings.warn(BlockedResourceWarning(f"已阻止加载模板或正文引用的外部资源：{url[:200]}"), stacklevel=2)
        raise ValueError(f"civreport fetches no resource from {url[:200]}")


# What WeasyPrint logs that civreport has already reported, in Chinese and with positions.
_REPORTED_ELSEWHERE = ("civreport fetches no resource", ".notdef glyph rendered")


class _LogToWarnings(logging.Handler):
    """WeasyPrint reports dropped CSS and failed loads through a silent logger."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not any(marker in message for marker in _REPORTED_ELSEWHERE):
            warnings.warn(CivreportWarning(f"PDF 排版提示：{message}"), stacklevel=2)


@contextmanager
def _weasyprint_warnings() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _LogToWarnings(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


@lru_cache(maxsize=1)
def harfbuzz_subsetting() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz instead of the much slower fontTools."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


def missing_glyphs(document: Document, plan: FontPlan) -> list[str]:
    """Messages for characters that no font configured for their role can draw."""
    found: dict[tuple[str, str], list[str]] = {}
    coverage = {role: plan.coverage(role) for role in plan.roles}

    def check(text: str, role: str, where: str) -> None:
        for i, char in enumerate(text):
            if not char.isspace() and ord(char) not in coverage[role]:
                context = text[max(i - 6, 0) : i + 7]
                found.setdefault((role, char), []).append(f"{where}第 {i + 1} 字（“{context}”）")

    paragraph = 0
    for block in document.blocks:
        if not block.text:
            continue
        paragraph += 1
        for run in block.runs:
            check(run.text, _ROLE_OF_CLASS.get(run.style or block.style, "body"), f"第 {paragraph} 段")
    check(_PAGE_NUMBER_TEXT, "page_number", "页码")
    return [
        f"{ROLE_NAMES[role]}的字体都没有“{char}”（U+{ord(char):04X}），"
        f"共 {len(places)} 处，如{'；'.join(places[:3])}"
        for (role, char), places in found.items()
    ]


class PdfWriter:
    """Renders reports to PDF bytes with one font set-up reused across documents."""

    def __init__(self, fonts: FontConfig | None = None, roots: Sequence[Path] = ()):
        self.plan = resolve_fonts(fonts)
        self.fetcher = _LocalFetcher([*roots, *self.plan.font_files()])
        self.font_config = FontConfiguration()
        self.font_css = CSS(string=self.plan.font_face_css(), font_config=self.font_config, url_fetcher=self.fetcher)

    def render(self, report: Report, office: OfficeProfile, templates: Sequence[str | Path] = (),
               layout: Layout | None = None) -> bytes:
        if not harfbuzz_subsetting():
            warnings.warn(
                SlowFontSubsettingWarning("未安装 libharfbuzz-subset0，PDF 生成会慢数十倍（apt-get install libharfbuzz-subset0）"),
                stacklevel=2,
            )
        self.plan.warn()
        page = render_html(report, office=office, templates=templates, layout=layout, fonts=self.plan.stacks())
        for message in missing_glyphs(parse(page), self.plan):
            warnings.warn(MissingGlyphWarning(message), stacklevel=2)
        base_url = search_path(templates, office)[0].as_uri() + "/"
        html = HTML(string=wordlike.apply(page), base_url=base_url, url_fetcher=self.fetcher)
        with _weasyprint_warnings():
            return html.write_pdf(stylesheets=[self.font_css], font_config=self.font_config, uncompressed_pdf=False)


@lru_cache(maxsize=8)
def _writer(fonts: tuple[tuple[str, object], ...], roots: tuple[Path, ...]) -> PdfWriter:
    return PdfWriter(dict(fonts), roots)  # type: ignore[arg-type]


def _freeze(fonts: FontConfig) -> tuple[tuple[str, object], ...]:
    return tuple(sorted((role, spec if isinstance(spec, (str, Path)) else tuple(spec)) for role, spec in fonts.items()))


def render_pdf(
    report: Report,
    *,
    office: str | Path | OfficeProfile | None = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: FontConfig | None = None,
) -> bytes:
    """Render ``report`` to PDF bytes in the official document layout.

    ``office`` and ``templates`` as for :func:`civreport.render_html`. ``fonts`` maps roles
    (``title``, ``heading1``, ``heading2``, ``body``, ``page_number``) to font files or
    installed family names tried before the profile's, the official fonts and the stand-ins.
    Substitutions, missing glyphs and blocked resources are reported as warnings.
    """
    profile = resolve_profile(office, report.profile, report.source)
    chosen = {**profile.settings.fonts.pdf, **(fonts or {})}
    writer = _writer(_freeze(chosen), tuple(search_path(templates, profile)))
    return writer.render(report, profile, templates, layout)
