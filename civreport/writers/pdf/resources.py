"""What the PDF may load, and what WeasyPrint reports: templates from offices are not
trusted, so a PDF never reaches the network or files beyond the page's template and font
directories, whatever the input says; WeasyPrint's silent log becomes diagnostics."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher

from ...diagnostics import Diagnostics, tell
from ...errors import BlockedResourceWarning, CivreportWarning
from ...files import not_a_file

_REFUSED = "civreport fetches no resource"


class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
    """Fetches ``file:`` URLs below the allowed roots and ``data:`` URLs; refuses the rest."""

    def __init__(self, roots: Sequence[Path]):
        super().__init__(allowed_protocols={"file", "data"})
        self.roots = [root.resolve() for root in roots]
        self.requests = 0  # fetched or refused: a stylesheet that asks for anything is not reused
        self.diagnostics: Diagnostics | None = None  # the document being written's (see reporting)

    @contextmanager
    def reporting(self, diagnostics: Diagnostics) -> Iterator[None]:
        """Refusals while one document is written go to its diagnostics (a writer writes one
        document at a time: see civreport.writers.pdf.writer)."""
        self.diagnostics = diagnostics
        try:
            yield
        finally:
            self.diagnostics = None

    def fetch(self, url: str, headers: object = None) -> Any:
        self.requests += 1
        parts = urlsplit(url)
        why = ""
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if any(path == root or path.is_relative_to(root) for root in self.roots):
                why = not_a_file(path) or ""  # a named pipe would hold the PDF up for ever
                if not why:
                    return super().fetch(url, headers)
        elif parts.scheme == "data":
            return super().fetch(url, headers)
        what = f"资源：{url[:200]}（{why}）" if why else f"外部资源：{url[:200]}"
        tell(self.diagnostics, BlockedResourceWarning, f"已阻止加载模板或正文引用的{what}")
        raise ValueError(f"{_REFUSED} {url[:200]}")


# What WeasyPrint logs that civreport has already reported, in Chinese and with positions.
_REPORTED_ELSEWHERE = (_REFUSED, ".notdef glyph rendered")


class WeasyPrintLog(logging.Handler):
    """WeasyPrint reports dropped CSS and failed loads through a silent logger."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__(logging.WARNING)
        self.diagnostics = diagnostics
        self.records = 0  # a stylesheet whose parsing reported anything is not reused

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        message = record.getMessage()
        if not any(marker in message for marker in _REPORTED_ELSEWHERE):
            self.diagnostics.add(CivreportWarning, f"PDF 排版提示：{message}")


@contextmanager
def weasyprint_log(diagnostics: Diagnostics) -> Iterator[WeasyPrintLog]:
    """What WeasyPrint logs while one document is written (under the writer's lock), as that
    document's diagnostics."""
    logger = logging.getLogger("weasyprint")
    handler = WeasyPrintLog(diagnostics)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
