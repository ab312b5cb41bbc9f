"""The official frame's places on the page (GB/T 9704-2012), set once on the page's blocks so
that the PDF and the DOCX place it alike: the head's spaces off the grid (a joint mark's
columns too), each attachment printed in full on a new page, the 版记 at the foot of the last
page, an even one, unnumbered after a blank page.

The template writes the frame's spaces as empty blocks (``frame-space``, the rules); this
module gives them their heights, in twips, rules included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from ..compose import Head
from ..office.layout import MM, TWIPS, Layout
from ..office.styles import ATTACHED, BLANK, FOOT, HEAD, StyleTable
from ..office.textwidth import text_width
from .blocks import Block, Paragraph, Table
from .pagination import measure, paginate, text_height_twips

MARK_TOP_MM = 35  # the mark's top edge below the text block's top (7.2.4)
RULE_GAP_MM = 4  # the red rule below the number (7.2.7)
RULE_SPACE = 2 * TWIPS  # above each rule of the 版记, within its own line
# The 版记 ends this far above the text block's bottom: LibreOffice sets each rule a little
# lower than the PDF (0.5 pt over the 版记), and a last rule past the bottom takes a page.
FOOT_SLACK = TWIPS
COLUMN_SLACK_PT = 1  # see _joint_mark
# The room a page under the head keeps at its foot (see _room_at_foot): a full page's 18
# twips, and the half point LibreOffice sets the text lower.
FOOT_ROOM = 30


def _twips(mm: float) -> int:
    return round(mm * MM * TWIPS)


def _rule_twips(styles: StyleTable, name: str) -> int:
    return round(styles[name].rule * TWIPS / 8)


def set_head(blocks: Sequence[Block], head: Head | None, styles: StyleTable, layout: Layout) -> list[Block]:
    """The head's spaces, and each attachment on a new page. The corner lines (份号 …) stand on
    the grid from the top; the space under them brings the mark's top edge to MARK_TOP_MM (a
    mark line is as high as its type, which fills it); the number stands two grid lines under
    the mark; the red rule's top edge is RULE_GAP_MM under the number's characters, which are
    centred in their line."""
    out = list(blocks)
    pitch = layout.line_pitch_twips
    corner = 0
    spaces = 0
    for i, block in enumerate(out):
        if isinstance(block, Table) and block.group == HEAD and head and block.style and styles[block.style].frameless:
            out[i] = _joint_mark(block, head, layout)
        if not isinstance(block, Paragraph):
            continue
        if block.group == ATTACHED and block.style == "attachment-label":
            out[i] = block = replace(block, break_before=1)
        if block.group != HEAD or head is None:
            continue
        size = round(head.mark_size_pt * TWIPS)
        above = out[i - 1]
        before = above.style if i and isinstance(above, Paragraph) else None
        if block.style in ("copy-no", "secrecy", "urgency"):
            corner += 1
        elif block.style == "frame-space":
            if spaces == 0:
                out[i] = replace(block, line_twips=max(_twips(MARK_TOP_MM) - corner * pitch, TWIPS))
            elif before == "frame-space":  # where a letterhead has its mark
                out[i] = replace(block, line_twips=size)
            spaces += 1
        elif block.style == "mark":
            fits = head.mark_size_pt == layout.mark_size_pt
            out[i] = replace(block, line_twips=size, size_pt=None if fits else head.mark_size_pt)
        if block.style in ("red-rule", "frame-space") and before in ("number", "number-signer"):
            under = round((layout.line_pitch - layout.body_size_pt) / 2 * TWIPS)
            # A letterhead's space as high as the rule's, whose paper has it printed.
            out[i] = replace(block, line_twips=_twips(RULE_GAP_MM) - under + _rule_twips(styles, "red-rule"))
    _room_at_foot(out, styles, layout)
    return out


def _room_at_foot(blocks: list[Block], styles: StyleTable, layout: Layout) -> None:
    """The blank line under the title a little lower where the text under the head would fill
    page 1 to within FOOT_ROOM of its foot. The head's places are set by the clauses, off the
    grid, so that the lines under it may end anywhere in the last pitch of the page; LibreOffice
    sets what follows the red rule half a point lower than the PDF, and a line the PDF fits
    with less room to spare it puts on the next page."""
    last = max((i for i, b in enumerate(blocks) if b.group == HEAD), default=None)
    if last is None:
        return
    after = (i for i in range(last + 1, len(blocks)) if isinstance(blocks[i], Paragraph))
    blank = next((i for i in after if cast(Paragraph, blocks[i]).style == BLANK), None)
    if blank is None:
        return
    pitch = layout.line_pitch_twips
    above = sum(n * (b.line_twips or pitch) for b in blocks[: blank + 1] for n in measure(b, styles, layout))
    short = FOOT_ROOM - (text_height_twips(layout) - above) % pitch
    if short > 0:
        blocks[blank] = replace(blocks[blank], line_twips=pitch - short)


def _joint_mark(table: Table, head: Head, layout: Layout) -> Table:
    """A joint mark's five columns, as the template writes them: an empty one, the names, the
    gap, the word, an empty one as wide as the first, so that the names and the word stand
    centred together in the text block (7.2.4). The names' and the word's columns take a
    point of the gap each: as wide as their text, rounding makes them too narrow for it in
    one layout or the other. Its lines are as high as its type."""
    size = head.mark_size_pt
    names = max(text_width(line) for line in head.mark_lines) * size + COLUMN_SLACK_PT
    word = text_width(head.mark_word or "") * size + COLUMN_SLACK_PT
    gap = head.mark_gap * size - 2 * COLUMN_SLACK_PT
    width = layout.text_width_pt
    side = (width - names - gap - word) / 2
    return replace(
        table,
        widths=tuple(c / width for c in (side, names, gap, word, side)),
        line_twips=round(size * TWIPS),
        size_pt=None if size == layout.mark_size_pt else size,
    )


def place_foot(blocks: Sequence[Block], styles: StyleTable, layout: Layout) -> list[Block]:
    """The 版记 down to the foot of the page where the text ends, its last rule on the text
    block's bottom edge (7.4.1); on the next page when it does not fit there; printed on both
    sides, on an even page, a blank page before it where needed, and then neither that page nor
    the 版记's is numbered (7.5)."""
    out = list(blocks)
    start = next((i for i, b in enumerate(out) if isinstance(b, Paragraph) and b.group == FOOT), None)
    if start is None:
        return out
    spacer = out[start]
    assert isinstance(spacer, Paragraph)
    pitch = layout.line_pitch_twips
    for i, block in enumerate(out[start + 1 :], start + 1):
        # Off the grid, every line a pitch: word processors would set a line after the
        # spacer on the next line of the grid.
        if isinstance(block, Paragraph):
            rule = styles[block.style].rule
            out[i] = replace(block, line_twips=_rule_twips(styles, block.style) + RULE_SPACE if rule else pitch)
    measures = [measure(b, styles, layout) for b in out]
    rest = sum(
        (b.line_twips or pitch) * measures[start + 1 + j][0]
        for j, b in enumerate(out[start + 1 :])
        if isinstance(b, Paragraph)
    )
    places = paginate(out[:start], measures[:start], layout) if start else []
    page, y = (places[-1].end_page, places[-1].end) if places else (1, 0)
    height = text_height_twips(layout)
    breaks = 0
    if y + rest > height:
        page, y, breaks = page + 1, 0, 1
    if layout.mirrored and page % 2:
        page, breaks = page + 1, breaks + 1
    if breaks:
        y = 0
    out[start] = replace(spacer, line_twips=max(height - y - rest - FOOT_SLACK, 1), break_before=breaks)
    if breaks > 1:  # a blank page before the 版记's: neither is numbered (7.5)
        out[start:] = [replace(b, unnumbered=True) if isinstance(b, Paragraph) else b for b in out[start:]]
    return out
