"""Tables (w:tbl): bordered and centred, with fixed column widths in the grid (WPS ignores
autofit and reads the grid), header rows repeated on each page and no row split across pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lxml import etree

from .elements import Element, child, element, properties, qn
from .text import add_text, paragraph


def table(
    widths: Sequence[int],
    rows: Sequence[Sequence[tuple[str, str]]],
    *,
    header_rows: int,
    rule_eighths: int,
    padding: Mapping[str, int],
) -> Element:
    """A table of ``rows`` of cells, each a paragraph style id and its text, in columns
    ``widths`` twips wide; a single black rule ``rule_eighths`` eighths of a point thick round
    and between the cells, and ``padding`` (twips at the top, left, bottom and right) inside them."""
    border: dict[str, str | int] = {"val": "single", "sz": rule_eighths, "space": 0, "color": "000000"}
    tbl = element("tbl")
    tblpr = properties(tbl, "tblPr")
    child(tblpr, "tblW", w=sum(widths), type="dxa")
    child(tblpr, "jc", val="center")
    borders = child(tblpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(side, **border))
    child(tblpr, "tblLayout", type="fixed")
    margins = child(tblpr, "tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(element(side, w=padding[side], type="dxa"))
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for width in widths:
        grid.append(element("gridCol", w=width))
    for r, row in enumerate(rows):
        tr = etree.SubElement(tbl, qn("w:tr"))
        trpr = etree.SubElement(tr, qn("w:trPr"))
        trpr.append(element("cantSplit"))
        if r < header_rows:
            trpr.append(element("tblHeader"))
        for width, (style_id, text) in zip(widths, row):
            tc = etree.SubElement(tr, qn("w:tc"))
            tcpr = etree.SubElement(tc, qn("w:tcPr"))
            tcpr.append(element("tcW", w=width, type="dxa"))
            tcpr.append(element("vAlign", val="center"))
            p = paragraph(style_id)
            add_text(p, text)
            tc.append(p)
    return tbl
