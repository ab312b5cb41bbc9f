"""The official frame of a document sent as such (GB/T 9704-2012): the head above the title
(7.2), the attachments printed behind the body (7.3.7) and the 版记 at the foot of the last
page (7.4). Composed once, from the report and its office's defaults; the page places it."""

from __future__ import annotations

import math

from ..diagnostics import Diagnostics, tell
from ..errors import CivreportWarning
from ..model import Report, cn_date
from ..model.frame import JOINT_MARK_WORD, AttachedDocument
from ..office.profile import Profile
from ..office.textwidth import text_width
from .summary import AttachedPage, Foot, Head, SignerLine, Table
from .wrapping import wrap

COPY_NO_DIGITS = 6  # 7.2.1
SIGNER_LABEL = "签发人："  # 7.2.6, with its full-width colon
SIGNERS_A_LINE = 2  # several signers stand two to a line (commonly)
SIGNER_GAP = "　"  # between two signers on a line
SIGNER_INSET = 1  # 签发人 stands one character in from the right (7.2.5)
CC_LABEL = "抄送："  # 7.4.2
PRINTED = "印发"  # after the date of printing: 2024年10月8日印发 (7.4.3)
FOOT_INSET = 1  # 抄送 and 印发 stand one character (of their size) in from either side
MARK_GAP = 1  # between a joint mark's names and its word, in characters of the mark's size


def _mark_size(lines: list[str], word: str | None, settings: Profile) -> float:
    """The mark's type size: the layout's (初号 by default), smaller where its longest line,
    with the word after a joint mark's names, would be wider than the text block (7.2.4), in
    whole points."""
    layout = settings.page
    widest = max(text_width(line) for line in lines) + (MARK_GAP + text_width(word) if word else 0)
    return float(min(layout.mark_size_pt, math.floor(layout.text_width_pt / widest)))


def _signer_lines(report: Report, number: str | None) -> list[SignerLine]:
    """签发人 two to a line, the number on the line of the last ones (7.2.6): the names of
    every line start where the first line's do, after its label, and the widest line ends
    SIGNER_INSET in from the right."""
    signers = [report.signer] if isinstance(report.signer, str) else list(report.signer or ())
    groups = [signers[i : i + SIGNERS_A_LINE] for i in range(0, len(signers), SIGNERS_A_LINE)]
    widths = [text_width(SIGNER_GAP.join(names)) for names in groups]
    return [
        SignerLine(
            number if i == len(groups) - 1 else None,
            SIGNER_LABEL if i == 0 else "",
            names,
            SIGNER_INSET + max(widths) - width,
            SIGNER_GAP,
        )
        for i, (names, width) in enumerate(zip(groups, widths))
    ]


def head(report: Report, settings: Profile, diagnostics: Diagnostics | None) -> Head | None:
    """The head when the report carries a number, a mark, a signer or a secrecy mark; a
    plain summary has none and keeps its layout."""
    frame = settings.frame
    if not (report.number or report.mark or report.signer or report.copy_no or report.secrecy or report.urgency):
        return None
    mark = report.mark or (frame.mark if report.number or report.signer else None)
    mark_lines = [mark] if isinstance(mark, str) else list(mark or ())
    word = JOINT_MARK_WORD if len(mark_lines) > 1 else None
    number = None
    if report.number:
        if not (report.number.code or frame.number_code):
            tell(
                diagnostics,
                CivreportWarning,
                "发文字号没有机关代字：请在 number 中写 code，或在办公室配置的 frame.number_code 中写明",
                "number",
            )
        number = report.number.text(frame.number_code)
    return Head(
        copy_no=report.copy_no.zfill(COPY_NO_DIGITS) if report.copy_no else None,
        secrecy=report.secrecy.text if report.secrecy else None,
        urgency=report.urgency,
        mark_lines=mark_lines,
        mark_size_pt=_mark_size(mark_lines, word, settings) if mark_lines else settings.page.mark_size_pt,
        mark_word=word,
        mark_gap=MARK_GAP,
        number=number,
        signer_lines=_signer_lines(report, number),
        letterhead=frame.letterhead,
    )


def foot(report: Report, settings: Profile) -> Foot | None:
    """The 版记: 抄送 wrapped with its lines aligned after the colon, and 印发机关 with the
    date of printing; None when the report states neither."""
    printed_by = report.printed_by or (settings.frame.printed_by if report.printed_on else None)
    if not (report.cc or printed_by or report.printed_on):
        return None
    cc_lines: list[str] = []
    if report.cc:
        room = settings.page.text_width_pt / settings.page.foot_size_pt
        lines = wrap("，".join(report.cc) + "。", room - 2 * FOOT_INSET - text_width(CC_LABEL))
        cc_lines = [CC_LABEL + lines[0], *lines[1:]]
    printed_on = f"{cn_date(report.printed_on, 'arabic')}{PRINTED}" if report.printed_on else None
    scale = settings.page.foot_size_pt / settings.page.char_pitch_pt  # the page indents in body characters
    return Foot(cc_lines, text_width(CC_LABEL) * scale, printed_by, printed_on, FOOT_INSET * scale)


def attached_pages(report: Report, settings: Profile) -> list[AttachedPage]:
    """Each attachment printed in full, on pages of its own after the body: 附件 and its
    number (the number it has in the attachment note; none when there is one attachment),
    its title in lines (7.3.7)."""
    entries = report.attachments
    width = settings.page.title_chars_per_line
    return [
        AttachedPage(
            f"附件{i + 1 if len(entries) > 1 else ''}",
            wrap(entry.title, width),
            list(entry.body),
            Table(entry.table.title, list(entry.table.header), [list(r) for r in entry.table.rows])
            if entry.table
            else None,
        )
        for i, entry in enumerate(entries)
        if isinstance(entry, AttachedDocument)
    ]
