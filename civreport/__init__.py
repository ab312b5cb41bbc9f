"""civreport: turn the facts of an office's work period into a print-ready work summary.

>>> import civreport
>>> report = civreport.load("samples/district-2023-civilized-city.yaml")   # doctest: +SKIP
>>> civreport.render(report, "out/district.pdf", "out/district.docx")    # doctest: +SKIP

The pipeline: :mod:`~civreport.readers` → :mod:`~civreport.model` → :mod:`~civreport.office`
→ :mod:`~civreport.compose` → :mod:`~civreport.rendering` (one page) → :mod:`~civreport.writers`.
Heavy writers (WeasyPrint, python-docx) are imported only when their output is asked for.
"""

from __future__ import annotations

from .errors import CivreportError, CivreportWarning, InputError, RenderError, TemplateError
from .files import write_atomic
from .model import Indicator, IndicatorTable, Item, Part, PartHeadings, Period, PeriodError, Report
from .office import Layout, OfficeProfile, Profile, load_profile
from .pipeline import render, render_docx, render_html, render_page, render_pdf, write_all
from .readers import load
from .rendering import Page
from .rollup import rollup, to_yaml
from .writers import write

__all__ = [
    "CivreportError",
    "CivreportWarning",
    "Indicator",
    "IndicatorTable",
    "InputError",
    "Item",
    "Layout",
    "OfficeProfile",
    "Page",
    "Part",
    "PartHeadings",
    "Period",
    "PeriodError",
    "Profile",
    "RenderError",
    "Report",
    "TemplateError",
    "load",
    "load_profile",
    "render",
    "render_docx",
    "render_html",
    "render_page",
    "render_pdf",
    "rollup",
    "to_yaml",
    "write",
    "write_all",
    "write_atomic",
]
