"""Composition: derive what a summary prints from what its author wrote.

The author types no numbers, no title when the parts suffice, no lead-in: composition
numbers the headings (closing up the gaps of absent parts), composes the title and its
balanced lines, adds the lead-in and places the sign-off, under an office's settings.
"""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Report
from ..office.profile import Profile, default_profile
from .frame import opening, signoff
from .sections import sections
from .summary import IndicatorTable, Section, Signoff, Summary, Table
from .table import table
from .title import subtitle, title_lines
from .wording import fill_all


def compose(report: Report, settings: Profile | None = None, diagnostics: Diagnostics | None = None) -> Summary:
    """Derive the printed summary under an office's settings (GB/T 9704 by default); what
    composing has to tell goes to ``diagnostics`` (warnings when none is given)."""
    settings = settings or default_profile().settings
    figures = report.all_indicators()
    return Summary(
        report=report,
        title_lines=title_lines(report, settings),
        subtitle=subtitle(report, settings),
        opening=opening(report, settings, figures),
        sections=sections(report, settings, figures),
        signoff=signoff(report, settings, diagnostics),
        attachments=list(report.attachments),
        closing=fill_all(report.closing, figures),
        table=table(report, figures),
    )


__all__ = ["IndicatorTable", "Section", "Signoff", "Summary", "Table", "compose"]
