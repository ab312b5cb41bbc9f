"""The PDF in the engine the page names: WeasyPrint (from the page's HTML) or Typst (from its
blocks). Only the chosen engine is imported. Typst does not lay out the official frame yet: a
page with one goes to WeasyPrint, and the diagnostics say so."""

from __future__ import annotations

import importlib

from ..diagnostics import Diagnostics
from ..errors import CivreportWarning
from ..office.styles import FRAME_GROUPS
from ..rendering.page import Page

_ENGINES = {"weasyprint": ("pdf.writer", "write_pdf"), "typst": ("typst", "write_typst_pdf")}


def write_pdf(page: Page, diagnostics: Diagnostics) -> bytes:
    engine = page.pdf_engine
    if engine == "typst" and any(block.group in FRAME_GROUPS for block in page.blocks):
        diagnostics.add(
            CivreportWarning,
            "Typst 引擎还不能排公文格式的版头、版记和附件全文：这份 PDF 改用 WeasyPrint 排版"
            "（与 DOCX 分行分页一致），无须处理",
        )
        engine = "weasyprint"
    module, name = _ENGINES[engine]
    pdf: bytes = getattr(importlib.import_module(f".{module}", __package__), name)(page, diagnostics)
    return pdf
