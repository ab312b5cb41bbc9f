"""The page's blocks as Word paragraphs and tables, each in the style of its class."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ...office.layout import TABLE_RULE_PT, TWIPS, Layout
from ...office.styles import StyleTable
from ...rendering.blocks import Block, Paragraph, Table
from . import oxml as x
from .styles import character_style_id

_BORDER: dict[str, str | int] = {"val": "single", "sz": round(TABLE_RULE_PT * 8), "space": 0, "color": "000000"}
_CELL_PADDING = {"top": 0, "bottom": 0, "left": 60, "right": 60}  # 3 pt at the sides, as the page's CSS pads


class BodyWriter:
    """Turns blocks into w:p and w:tbl elements for one page's styles and layout."""

    def __init__(self, styles: StyleTable, layout: Layout):
        self.styles = styles
        self.char_twips = round(layout.char_pitch_pt * TWIPS)
        self.width_twips = round(layout.text_width_pt * TWIPS)

    def blocks(self, blocks: tuple[Block, ...]) -> Iterator[etree._Element]:
        for block in blocks:
            yield self.table(block) if isinstance(block, Table) else self.paragraph(block)

    def paragraph(self, block: Paragraph) -> etree._Element:
        style = self.styles[block.style]
        p = x.element("p")
        ppr = x.properties(p, "pPr")
        x.child(ppr, "pStyle", val=style.style_id)  # by id: no look-up by name per paragraph
        if block.keep:  # whole, and on the next paragraph's page: Word and LibreOffice agree on this
            x.child(ppr, "keepNext")
            x.child(ppr, "keepLines")
        if block.indent:
            first = -block.indent.hanging if block.indent.hanging else style.first_line
            x.indent(ppr, left=block.indent.left, right=block.indent.right, first_line=first,
                     char_twips=self.char_twips)
        for run in block.runs:
            if run.line_break:
                p.append(x.line_break())
            else:
                own = self.styles[run.style] if run.style and run.style != block.style else None
                p.extend(x.runs(run.text, character_style_id(own) if own and own.run_in else None))
        return p

    def table(self, block: Table) -> etree._Element:
        """A bordered table with the page's column widths (WPS ignores autofit and reads the
        grid), its header rows repeated on each page and no row split across pages."""
        widths = [round(w * self.width_twips) for w in block.widths]
        tbl = x.element("tbl")
        tblpr = x.properties(tbl, "tblPr")
        x.child(tblpr, "tblW", w=sum(widths), type="dxa")
        x.child(tblpr, "jc", val="center")
        borders = x.child(tblpr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(x.element(side, **_BORDER))
        x.child(tblpr, "tblLayout", type="fixed")
        margins = x.child(tblpr, "tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            margins.append(x.element(side, w=_CELL_PADDING[side], type="dxa"))
        grid = etree.SubElement(tbl, x.qn("w:tblGrid"))
        for width in widths:
            grid.append(x.element("gridCol", w=width))
        for r, row in enumerate(block.rows):
            tr = etree.SubElement(tbl, x.qn("w:tr"))
            trpr = etree.SubElement(tr, x.qn("w:trPr"))
            trpr.append(x.element("cantSplit"))
            if r < block.header_rows:
                trpr.append(x.element("tblHeader"))
            for width, cell in zip(widths, row):
                tc = etree.SubElement(tr, x.qn("w:tc"))
                tcpr = etree.SubElement(tc, x.qn("w:tcPr"))
                tcpr.append(x.element("tcW", w=width, type="dxa"))
                tcpr.append(x.element("vAlign", val="center"))
                p = etree.SubElement(tc, x.qn("w:p"))
                x.child(x.properties(p, "pPr"), "pStyle", val=self.styles[cell.style].style_id)
                p.extend(x.runs(cell.text))
        return tbl
