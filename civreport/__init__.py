"""civreport: turn the facts of an office's work period into a print-ready work summary.

>>> import civreport
>>> report = civreport.load("samples/district-2023.yaml")      # doctest: +SKIP
>>> civreport.render(report, "out/district-2023.pdf")         # doctest: +SKIP

Heavy writers (WeasyPrint, python-docx) are imported only when their output is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import CivreportError, CivreportWarning, InputError, RenderError, TemplateError
from .layout import Layout
from .loading import load
from .model import Indicator, IndicatorTable, Item, Part, PartHeadings, Report
from .output import render, write_atomic
from .period import Period, PeriodError
from .profile import OfficeProfile, Profile, load_profile
from .rollups import rollup, to_yaml
from .templating import render_html


# The writers import WeasyPrint or python-docx, so they load on first use.
_LAZY = {"render_pdf": "pdf_writer", "render_docx": "docx_writer"}

if TYPE_CHECKING:
    from .docx_writer import render_docx
    from .pdf_writer import render_pdf


def __getattr__(name: str) -> object:
    if name in _LAZY:
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'civreport' has no attribute {name!r}")


__all__ = [
    "CivreportError",
    "CivreportWarning",
    "Indicator",
    "IndicatorTable",
    "InputError",
    "Item",
    "Layout",
    "OfficeProfile",
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
    "render_pdf",
    "rollup",
    "to_yaml",
    "write_atomic",
]
