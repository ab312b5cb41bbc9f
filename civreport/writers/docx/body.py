"""The page's blocks as Word paragraphs and tables, each in the style of its class."""

from __future__ import annotations

from ...office.layout import TABLE_PADDING_PT, TABLE_RULE_PT, TWIPS, Layout
from ...office.styles import StyleTable
from ...rendering.blocks import Block, Paragraph, Table, flush_right_from
from .oxml import formats, tables, text
from .oxml.elements import Element, properties
from .styles import character_style_id

_SIDE = round(TABLE_PADDING_PT * TWIPS)
_CELL_PADDING = {"top": 0, "bottom": 0, "left": _SIDE, "right": _SIDE}  # as the page's CSS pads


class BodyWriter:
    """Turns blocks into Word paragraphs and tables for one page's styles and layout."""

    def __init__(self, styles: StyleTable, layout: Layout):
        self.styles = styles
        self.char_twips = round(layout.char_pitch_pt * TWIPS)
        self.width_twips = round(layout.text_width_pt * TWIPS)

    def block(self, block: Block) -> list[Element]:
        """A table, or a paragraph: after an empty one alone on a page of its own where the
        paragraph asks for a blank page before it."""
        if isinstance(block, Table):
            return [self.table(block)]
        if block.break_before > 1:
            return [text.paragraph(self.styles[block.style].style_id, break_before=True), self.paragraph(block)]
        return [self.paragraph(block)]

    def paragraph(self, block: Paragraph) -> Element:
        style = self.styles[block.style]
        rule = round(style.rule * TWIPS / 8)  # under the line, within the block's height
        p = text.paragraph(
            style.style_id,
            keep_next=block.keep_next if block.keep_next != style.keep_next else None,
            whole=block.whole if block.whole != style.keep_next else None,
            two_lines=block.two_lines,
            line_twips=None if block.line_twips is None else block.line_twips - rule,
            break_before=block.break_before > 0,
        )
        if block.indent:
            first = -block.indent.hanging if block.indent.hanging else style.first_line
            text.indent_paragraph(
                p, left=block.indent.left, right=block.indent.right, first_line=first, char_twips=self.char_twips
            )
        if style.right:
            inset = block.indent.right if block.indent else 0
            formats.right_tab(properties(p, "pPr"), self.width_twips - round(inset * self.char_twips))
        right = flush_right_from(block, self.styles)
        for i, run in enumerate(block.runs):
            if i == right:
                text.add_tab(p)
            if run.line_break:
                text.add_line_break(p)
                continue
            own = self.styles[run.style] if run.style and run.style != block.style else None
            text.add_text(p, run.text, character_style_id(own) if own and own.run_in else None)
        if block.size_pt is not None:
            text.set_size(p, block.size_pt)
        return p

    def table(self, block: Table) -> Element:
        """A table with the page's column widths, its cells in the styles of their classes;
        one of a frameless class without rules or padding."""
        widths = [round(w * self.width_twips) for w in block.widths]
        rows = [[(self.styles[cell.style].style_id, cell.text) for cell in row] for row in block.rows]
        frameless = block.style is not None and self.styles[block.style].frameless
        return tables.table(
            widths,
            rows,
            header_rows=block.header_rows,
            rule_eighths=None if frameless else round(TABLE_RULE_PT * 8),
            padding=dict.fromkeys(_CELL_PADDING, 0) if frameless else _CELL_PADDING,
            line_twips=block.line_twips,
            size_pt=block.size_pt,
        )
