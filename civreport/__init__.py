"""civreport: turn the facts of an office's work period into a print-ready work summary.

>>> import civreport
>>> report = civreport.load("samples/district-2023-civilized-city.yaml")   # doctest: +SKIP
>>> civreport.render(report, "out/district.pdf", "out/district.docx")    # doctest: +SKIP
>>> last_year = civreport.import_document("去年的总结.docx")              # doctest: +SKIP

The pipeline: :mod:`~civreport.readers` → :mod:`~civreport.model` → :mod:`~civreport.office`
→ :mod:`~civreport.compose` → :mod:`~civreport.rendering` (one page) → :mod:`~civreport.writers`.
The errors load with the package; the model (pydantic) and the pipeline (Jinja, lxml) on first
use, and the heavy writers (WeasyPrint, python-docx) only when their format is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import CivreportError, CivreportWarning, InputError, OutputError, RenderError, TemplateError

if TYPE_CHECKING:
    from .checking.finding import Finding
    from .diagnostics import Diagnostic, Diagnostics
    from .files import write_atomic
    from .model import Indicator, IndicatorTable, Item, Part, PartHeadings, Period, PeriodError, Report
    from .office import Layout, OfficeProfile, Profile, load_profile
    from .pipeline import check, render, render_docx, render_html, render_page, render_pdf, write_all
    from .proofing import check_document, review_document
    from .readers import LoadedReport, load
    from .readers.importing import ImportResult, import_document
    from .rendering import Page
    from .rollups import rollup, to_yaml
    from .writers import write

# Public names that live in modules loaded on first use: the model (pydantic) too, so that
# the command line takes its signals in hand before anything heavy loads.
_LAZY = {
    **dict.fromkeys(
        ["Indicator", "IndicatorTable", "Item", "Part", "PartHeadings", "Period", "PeriodError", "Report"], "model"
    ),
    **dict.fromkeys(["Layout", "OfficeProfile", "Profile", "load_profile"], "office"),
    "check": "pipeline",
    "check_document": "proofing",
    "review_document": "proofing",
    "Finding": "checking.finding",
    "load": "readers",
    "LoadedReport": "readers",
    "Diagnostic": "diagnostics",
    "Diagnostics": "diagnostics",
    "import_document": "readers.importing",
    "ImportResult": "readers.importing",
    "render": "pipeline",
    "render_docx": "pipeline",
    "render_html": "pipeline",
    "render_page": "pipeline",
    "render_pdf": "pipeline",
    "write_all": "pipeline",
    "Page": "rendering",
    "rollup": "rollups",
    "to_yaml": "rollups",
    "write": "writers",
    "write_atomic": "files",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'civreport' has no attribute {name!r}")


__all__ = [
    "CivreportError",
    "CivreportWarning",
    "Diagnostic",
    "Diagnostics",
    "Finding",
    "ImportResult",
    "Indicator",
    "IndicatorTable",
    "InputError",
    "Item",
    "Layout",
    "LoadedReport",
    "OfficeProfile",
    "OutputError",
    "Page",
    "Part",
    "PartHeadings",
    "Period",
    "PeriodError",
    "Profile",
    "RenderError",
    "Report",
    "TemplateError",
    "check",
    "check_document",
    "import_document",
    "load",
    "load_profile",
    "render",
    "render_docx",
    "render_html",
    "render_page",
    "render_pdf",
    "review_document",
    "rollup",
    "to_yaml",
    "write",
    "write_all",
    "write_atomic",
]
