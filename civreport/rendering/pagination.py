"""Where the page's blocks fall on the pages, worked out before any writer lays them out.

Both writers set every line on the same grid and break pages by the same rules (the PDF
through its CSS, the DOCX through each paragraph's properties, as LibreOffice lays them
out), so the page breaks follow from how many lines each block takes: paragraphs are
counted with :func:`civreport.office.textwidth.line_count`, table rows by their tallest
cell. The page uses this to adjust itself where a break would fall badly (see
:mod:`.keeps`); the tests hold it to the PDF.

The rules modelled: a paragraph breaks between any two lines, unless it is kept whole (or
with the next block, which word processors take to mean whole too) or keeps two lines on
either side of a break; a block kept with the next moves to the next page with it, unless
the chain of such blocks already starts the page; a table breaks between rows, never
between its header and its first row, and repeats its header on each page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..office.layout import TABLE_PADDING_PT, TWIPS, Layout
from ..office.styles import StyleTable
from ..office.textwidth import line_count
from .blocks import Block, Indent, Paragraph, Table


@dataclass(frozen=True)
class Place:
    """Where a block's first line and its last line fall: pages from 1, twips from the top
    of the text block (``end`` is the bottom of the last line)."""

    page: int
    top: int
    end_page: int
    end: int


def text_height_twips(layout: Layout) -> int:
    """The height of the text block, in whole twips as word processors lay it out."""
    return math.floor(layout.text_height_pt * TWIPS)


def lines(block: Paragraph, styles: StyleTable, layout: Layout) -> int:
    """How many lines a paragraph takes (an estimate: see :func:`line_count`)."""
    style = styles[block.style]
    if style.spacer:
        return 1
    indent = block.indent or Indent()
    pitch = layout.char_pitch_pt if style.tracking else block.size_pt or layout.size_pt(style.size)
    width = layout.text_width_pt / pitch - indent.left - indent.right
    first = -indent.hanging if indent.hanging else style.first_line
    return sum(line_count(line, width, first) for line in block.text.split("\n"))


def row_lines(table: Table, layout: Layout) -> tuple[int, ...]:
    """How many lines each row of a table takes: those of its tallest cell."""
    widths = [(w * layout.text_width_pt - 2 * TABLE_PADDING_PT) / layout.table_size_pt for w in table.widths]
    return tuple(
        max(
            (sum(line_count(line, width) for line in cell.text.split("\n")) for cell, width in zip(row, widths)),
            default=1,
        )
        for row in table.rows
    )


def measure(block: Block, styles: StyleTable, layout: Layout) -> tuple[int, ...]:
    """The lines a block takes: a paragraph's, or each row's of a table."""
    return row_lines(block, layout) if isinstance(block, Table) else (lines(block, styles, layout),)


def paginate(
    blocks: Sequence[Block],
    measures: Sequence[tuple[int, ...]],
    layout: Layout,
    *,
    begin: int = 0,
    at: tuple[int, int] = (1, 0),
) -> list[Place]:
    """The places of ``blocks[begin:]``, the first starting at ``at`` (page, twips), given
    the lines each takes (:func:`measure`)."""
    height = text_height_twips(layout)
    pitch = layout.line_pitch_twips
    places: list[Place] = []
    page, y = at
    first_on_page = begin  # the first block that starts on this page
    i = begin
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Paragraph) and block.break_before and y > 0:
            page, y, first_on_page = page + block.break_before, 0, i
        if isinstance(block, Table):
            end = _table(block, [n * (block.line_twips or pitch) for n in measures[i]], page, y, height)
        else:
            end = _paragraph(block, measures[i][0], block.line_twips or pitch, page, y, height)
        if end is None:  # it cannot start here: to the next page, with what it is kept with
            chain = i
            while chain > first_on_page and kept_with_next(blocks[chain - 1]):
                chain -= 1
            if chain < i and places[chain - begin].top == 0:
                chain = i  # the chain starts the page already: the break parts it
            del places[chain - begin :]
            page, y, i, first_on_page = page + 1, 0, chain, chain
            continue
        places.append(Place(page, y, *end))
        if end[0] != page:
            first_on_page = i + 1
        page, y = end
        i += 1
    return places


def kept_with_next(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.keep_next


def _paragraph(block: Paragraph, n: int, line: int, page: int, y: int, height: int) -> tuple[int, int] | None:
    """Where a paragraph of ``n`` lines ``line`` twips apart ends when it starts at ``y`` on
    ``page``; None when it must start on the next page. At the top of a page it breaks
    whatever it asks, as word processors do with a paragraph longer than a page."""
    if y + n * line <= height:
        return page, y + n * line
    least = 2 if block.two_lines else 1
    if y > 0 and (block.whole or block.keep_next):
        return None
    per_page = max(height // line, 1)
    room = (height - y) // line
    while n > room:
        here = min(room, n - least)
        if here < least:
            if y > 0:
                return None
            here = room
        n -= here
        page, y, room = page + 1, 0, per_page
    return page, y + n * line


def _table(table: Table, rows: list[int], page: int, y: int, height: int) -> tuple[int, int] | None:
    """Where a table of rows ``rows`` twips high ends when it starts at ``y`` on ``page``;
    None when its header and first row do not fit there."""
    head = sum(rows[: table.header_rows])
    if y > 0 and y + sum(rows[: table.header_rows + 1]) > height:
        return None
    for number, row in enumerate(rows):
        if number > table.header_rows and y + row > height:
            page, y = page + 1, head
        y += row
    return page, y
