"""The frame around the body: the recipients, the opening with its lead-in, the attachment
note and the sign-off."""

from __future__ import annotations

from ..diagnostics import Diagnostics, tell
from ..errors import CivreportWarning
from ..model import Report, cn_date
from ..model.frame import attachment_name
from ..model.genre import ends_with_lead_in, lead_in_sentence
from ..office.profile import Profile
from ..office.textwidth import text_width
from .summary import SENTENCE_END, Attachment, Signoff
from .wording import period_label
from .wrapping import wrap


def lead_in(report: Report, settings: Profile) -> str | None:
    """The sentence that leads from the opening into the body: the author's, none when the
    author says ``lead_in: false``, else 现将……总结如下："""
    if report.lead_in is False:
        return None
    if report.lead_in:
        return report.lead_in
    return lead_in_sentence(period_label(report, settings), report.subject, report.kind)


def opening(report: Report, settings: Profile) -> list[str]:
    """The opening paragraphs, ending with the lead-in unless the author wrote one."""
    paragraphs = list(report.opening)
    sentence = lead_in(report, settings)
    if sentence is None or (report.lead_in is None and paragraphs and ends_with_lead_in(paragraphs[-1])):
        return paragraphs
    if not paragraphs:
        return [sentence]
    last = paragraphs[-1]
    paragraphs[-1] = last + ("" if last[-1] in SENTENCE_END else "。") + sentence
    return paragraphs


def recipients(report: Report) -> str | None:
    """主送机关 with the full-width colon it takes (GB/T 9704 7.3.2), whatever the author typed."""
    return report.recipients.rstrip("：:") + "：" if report.recipients else None


ATTACHMENT_LABEL = "附件："
_NOTE_INDENT = 2  # characters: the note starts two characters in, as a paragraph does


def attachments(report: Report, settings: Profile) -> list[Attachment]:
    """The attachment note (GB/T 9704 7.3.4): 附件：名称 for one; for several 附件：1.名称, and
    2.名称 … under the 1.; a name longer than its line wraps between words, its lines aligned
    with its first character."""
    names = [attachment_name(entry) for entry in report.attachments]
    out = []
    for i, name in enumerate(names):
        number = f"{i + 1}." if len(names) > 1 else ""
        lead = (ATTACHMENT_LABEL if i == 0 else "") + number
        left = _NOTE_INDENT + text_width(ATTACHMENT_LABEL + number)  # where the name starts
        lines = wrap(name, settings.page.body_chars_per_line - left)
        out.append(Attachment([lead + lines[0], *lines[1:]], left, text_width(lead)))
    return out


def signoff(report: Report, settings: Profile, diagnostics: Diagnostics | None) -> Signoff | None:
    """The name two characters in from the right, the date on the next line starting two
    characters right of the name's start; when the date is too long for that, it takes the
    two-character inset and the name moves left (GB/T 9704 7.3.5.2). A joint summary's names
    stand one under another, the sponsor's first, all starting where the widest starts, so
    that the date starts two characters right of each. None when the report signs with
    nothing."""
    names = report.signoff_names
    if names is None:
        names = [settings.signoff or report.office]
    if not names:
        return None
    day = cn_date(report.date, settings.date_style) if report.date else None
    inset = 2.0
    room = settings.page.body_chars_per_line - inset
    for name in names:
        if text_width(name) > room:
            tell(
                diagnostics,
                CivreportWarning,
                f"落款“{name}”长于一行，会折成两行：联合行文请把各发文机关写成列表（signoff: [甲, 乙]），或用规范简称",
                "signoff",
            )
    widths = [min(text_width(name), room) for name in names]  # a name that wraps is a line wide
    start = inset + max(widths)  # where the names start, counted from the right edge
    date_indent = start - 2 - text_width(day) if day else inset
    if day and date_indent < inset:
        start += inset - date_indent  # the date takes the inset; the names move left
        date_indent = inset
    return Signoff(names, [start - width for width in widths], day, date_indent)
