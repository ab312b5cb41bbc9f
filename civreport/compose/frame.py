"""The frame around the body: the opening with its lead-in, and the sign-off."""

from __future__ import annotations

from ..model import Indicator, Report, cn_date
from ..office.profile import Profile
from ..office.textwidth import text_width
from .summary import SENTENCE_END, Signoff
from .wording import KIND_VERB, ends_with_lead_in, fill_all, period_label


def lead_in(report: Report, settings: Profile) -> str:
    if report.lead_in:
        return report.lead_in
    subject = report.subject.removesuffix("工作")
    return f"现将{period_label(report, settings)}{subject}工作情况{KIND_VERB[report.kind]}如下："


def opening(report: Report, settings: Profile, figures: dict[str, Indicator]) -> list[str]:
    """The opening paragraphs, ending with the lead-in unless the author wrote one."""
    paragraphs = fill_all(report.opening, figures)
    if report.lead_in is None and paragraphs and ends_with_lead_in(paragraphs[-1]):
        return paragraphs
    sentence = lead_in(report, settings)
    if not paragraphs:
        return [sentence]
    last = paragraphs[-1]
    paragraphs[-1] = last + ("" if last[-1] in SENTENCE_END else "。") + sentence
    return paragraphs


def signoff(report: Report, settings: Profile) -> Signoff:
    """Name two characters in from the right; the date starts two characters right of the
    name's start, and when it is too long for that, the date takes the two-character
    inset and the name moves right (GB/T 9704 7.3.5.2)."""
    name, day = report.signoff or settings.signoff or report.office, cn_date(report.date, settings.date_style)
    name_w, date_w = text_width(name), text_width(day)
    name_indent = 2.0
    date_indent = name_indent + name_w - 2 - date_w
    if date_indent < 2:
        date_indent = 2.0
        name_indent = max(date_indent + date_w + 2 - name_w, 0.0)
    return Signoff(name, day, name_indent, date_indent)
