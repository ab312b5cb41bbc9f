"""What a page break may not part, decided once on the page's blocks so that the PDF and the
DOCX break their pages alike.

Only what must stay together is kept, and never so much that a page ends more than
:data:`MOST_EMPTY_LINES` lines short:

- a heading stays with what stands under it: the next heading down, or the first two lines
  of its text (two lines on either side of a break in that paragraph: Word's widow control,
  ``orphans`` and ``widows`` in CSS). An item that is only a title stands over nothing and is
  kept with nothing, so runs of them flow like lines of text;
- the sign-off (GB/T 9704 7.3.5.2) stays together, on the page of at least the last two lines
  of the text above it; when it would not fit there, that page sets its lines closer (7.3.5.5:
  adjust the line spacing rather than move the text);
- the attachments note keeps its blank line with its first line, and each attachment whole.

Word processors keep a paragraph that keeps with the next one whole (LibreOffice never
breaks it), so a paragraph is kept with the next one only where all its lines may move.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..office.layout import TWIPS, Layout
from ..office.styles import SIGNOFF, StyleTable
from .blocks import Block, Paragraph
from .pagination import kept_with_next, measure, paginate, text_height_twips

MOST_EMPTY_LINES = 3  # at the foot of any page but the last
TIGHTEST = 1.25  # the closest the sign-off's page sets its lines: this many times the type size

_Lines = Callable[[int], int]  # the lines of the block at an index


def keep(blocks: Sequence[Block], styles: StyleTable, layout: Layout) -> list[Block]:
    """The blocks with what each keeps with the next, whole or two lines together, and the
    sign-off's page set closer where it needs to be."""
    out = list(blocks)
    measured: dict[int, tuple[int, ...]] = {}

    def measures(i: int) -> tuple[int, ...]:
        if i not in measured:
            measured[i] = measure(out[i], styles, layout)
        return measured[i]

    def lines(i: int) -> int:
        return sum(measures(i))

    _headings(out, styles, lines)
    _groups(out)
    signoff = next((i for i, b in enumerate(out) if b.group == SIGNOFF), 0)
    if signoff:
        _last_two_lines(out, signoff, lines)
        _set_closer(out, [measures(i) for i in range(len(out))], signoff, styles, layout)
    return out


def _heading_level(block: Block, styles: StyleTable) -> int | None:
    return styles[block.style].level if isinstance(block, Paragraph) else None


def _level(block: Block, styles: StyleTable) -> int | None:
    """The heading level a block stands at: a heading's, or a run-in heading's (a paragraph
    that opens with one is an item of that level, not text under the heading before it)."""
    level = _heading_level(block, styles)
    if level is None and isinstance(block, Paragraph) and block.runs and block.runs[0].style:
        level = styles[block.runs[0].style].level
    return level


def _headings(blocks: list[Block], styles: StyleTable, lines: _Lines) -> None:
    """A heading keeps with the next block only when that block stands under it; the text
    under a chain of headings keeps its first two lines with them where the lines that move
    together leave no more than MOST_EMPTY_LINES lines empty."""
    chain = 0  # lines of the headings kept with the block at hand
    for i, block in enumerate(blocks):
        level = _heading_level(block, styles)
        if isinstance(block, Paragraph) and level is not None:
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            under = following is not None and following.group is None
            if following is not None and under:
                next_level = _level(following, styles)
                under = next_level is None or next_level > level
            blocks[i] = replace(block, keep_next=under)
            chain = chain + lines(i) if under else 0
            continue
        if isinstance(block, Paragraph) and chain and block.text and not block.whole:
            n = lines(i)
            if chain + (n if n < 4 else 2) <= MOST_EMPTY_LINES + 1:  # a paragraph of 2 or 3 lines moves whole
                blocks[i] = replace(block, two_lines=True)
        chain = 0


def _groups(blocks: list[Block]) -> None:
    """The sign-off's lines kept together and each whole; the attachments note's blank line
    kept with its first line, each attachment whole; the paragraph before them two lines
    together, so that a break in it leaves two of its lines over what follows."""
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.group is None:
            if following is not None and following.group is not None and not block.keep_next:
                blocks[i] = replace(block, two_lines=True)
            continue
        same = following is not None and following.group == block.group
        leads = i == 0 or blocks[i - 1].group != block.group
        together = same and (block.group == SIGNOFF or leads)
        blocks[i] = replace(block, keep_next=together, whole=True)


def _last_two_lines(blocks: list[Block], signoff: int, lines: _Lines) -> None:
    """The last two lines of text above the sign-off kept together where they are short
    blocks (a paragraph of two lines or more keeps two of them already, see _groups): the
    block before a last line that is a block of its own moves with it."""
    rows = text = 0  # with the blocks kept with the first of the tail already
    tail: list[tuple[int, Paragraph]] = []
    while len(tail) < signoff and text < 2:
        i = signoff - len(tail) - 1
        block = blocks[i]
        if not isinstance(block, Paragraph):
            return
        tail.append((i, block))
        rows, text = rows + lines(i), text + (lines(i) if block.text else 0)
    before = signoff - len(tail)
    while before > 0 and kept_with_next(blocks[before - 1]):
        before -= 1
        rows += lines(before)
    if text >= 2 and rows <= MOST_EMPTY_LINES + 1:
        for i, block in tail[1:]:
            blocks[i] = replace(block, keep_next=True, whole=True)


def _set_closer(
    blocks: list[Block], measures: Sequence[tuple[int, ...]], signoff: int, styles: StyleTable, layout: Layout
) -> None:
    """When the sign-off (from block ``signoff``) would not fit on the page where the text
    above it ends, set the body text on that page closer together, from the first block
    that starts there to the sign-off's end (or, when that is too little, from the block
    that runs onto the page): as far apart as leaves room for the sign-off and one line
    more (a line miscounted), and no closer than TIGHTEST times the type size. Where that is
    not enough (a table down to the foot of the page), the text above the sign-off moves
    with it if that leaves no more than MOST_EMPTY_LINES lines empty; else the sign-off
    starts the next page."""
    places = paginate(blocks, measures, layout)
    page = places[signoff - 1].end_page
    if places[signoff].page == page:
        return
    last = signoff
    while last + 1 < len(blocks) and blocks[last + 1].group == SIGNOFF:
        last += 1
    height = text_height_twips(layout)

    def set_at(start: int, pitch: int) -> list[Block] | None:
        trial = list(blocks)
        for i in range(start, last + 1):
            block = blocks[i]
            if isinstance(block, Paragraph) and styles[block.style].tracking:
                trial[i] = replace(block, line_twips=pitch)
        found = paginate(trial, measures, layout, begin=start, at=(places[start].page, places[start].top))
        text, first, end = found[signoff - 1 - start], found[signoff - start], found[last - start]
        fits = first.page == text.end_page == end.end_page and end.end + pitch <= height
        return trial if fits else None

    reaching = next(i for i, place in enumerate(places) if place.end_page == page)
    starting = next((i for i in range(reaching, signoff) if places[i].page == page), reaching)
    for start in dict.fromkeys((starting, reaching)):
        low, high = round(TIGHTEST * layout.body_size_pt * TWIPS), layout.line_pitch_twips - 1
        best = None
        while low <= high:  # the widest pitch that fits: any closer one fits too
            middle = (low + high) // 2
            found = set_at(start, middle)
            if found is None:
                high = middle - 1
            else:
                best, low = found, middle + 1
        if best is not None:
            blocks[:] = best
            return
    moved = signoff - 1  # with the blocks kept with it
    while moved > 0 and kept_with_next(blocks[moved - 1]):
        moved -= 1
    above = blocks[signoff - 1]
    empty = (height - places[moved].top) // layout.line_pitch_twips
    if isinstance(above, Paragraph) and places[moved].page == page and empty <= MOST_EMPTY_LINES:
        blocks[signoff - 1] = replace(above, keep_next=True, whole=True)
