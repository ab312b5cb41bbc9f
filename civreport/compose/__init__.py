"""Composition: derive what a summary prints from what its author wrote.

The author types no numbers, no title when the parts suffice, no lead-in: composition
numbers the headings (closing up the gaps of absent parts), composes the title and its
balanced lines, adds the lead-in and places the sign-off, under an office's settings.
"""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Report
from ..office.profile import Profile, default_profile
from .frame import attachments, opening, recipients, signoff
from .head import attached_pages, foot, head
from .sections import sections
from .summary import AttachedPage, Attachment, Foot, Head, IndicatorTable, Meta, Section, Signoff, Summary, Table
from .table import table
from .title import subtitle, title_lines
from .wording import filled


def compose(report: Report, settings: Profile | None = None, diagnostics: Diagnostics | None = None) -> Summary:
    """Derive the printed summary under an office's settings (GB/T 9704 by default); what
    composing has to tell goes to ``diagnostics`` (warnings when none is given)."""
    settings = settings or default_profile().settings
    written = filled(report)  # every reference written as its figure, once, for all that follows
    lines = title_lines(written, settings)
    return Summary(
        report=report,
        meta=Meta("".join(lines), report.office, report.subject, report.date),
        title_lines=lines,
        subtitle=subtitle(written, settings),
        opening=opening(written, settings),
        sections=sections(written, settings),
        signoff=signoff(written, settings, diagnostics),
        recipients=recipients(written),
        attachments=attachments(written, settings),
        closing=list(written.closing),
        table=table(written),
        head=head(written, settings, diagnostics),
        foot=foot(written, settings),
        attached=attached_pages(written, settings),
        note=f"（{written.note}）" if written.note else None,
    )


__all__ = [
    "AttachedPage",
    "Attachment",
    "Foot",
    "Head",
    "IndicatorTable",
    "Meta",
    "Section",
    "Signoff",
    "Summary",
    "Table",
    "compose",
]
