"""The PDF in the engine the page names: WeasyPrint (from the page's HTML) or Typst (from its
blocks). Only the chosen engine is imported."""

from __future__ import annotations

import importlib

from ..diagnostics import Diagnostics
from ..rendering.page import Page

_ENGINES = {"weasyprint": ("pdf.writer", "write_pdf"), "typst": ("typst", "write_typst_pdf")}


def write_pdf(page: Page, diagnostics: Diagnostics) -> bytes:
    module, name = _ENGINES[page.pdf_engine]
    pdf: bytes = getattr(importlib.import_module(f".{module}", __package__), name)(page, diagnostics)
    return pdf
