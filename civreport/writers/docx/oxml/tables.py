"""Tables (w:tbl): centred, with fixed column widths in the grid (WPS ignores autofit and reads
the grid), header rows repeated on each page and no row split across pages; bordered, or
setting text out without rules (the joint mark), its lines then at an exact pitch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lxml import etree

from .elements import Element, child, element, properties, qn
from .text import add_line_break, add_text, paragraph, set_size


def table(
    widths: Sequence[int],
    rows: Sequence[Sequence[tuple[str, str]]],
    *,
    header_rows: int,
    rule_eighths: int | None,
    padding: Mapping[str, int],
    line_twips: int | None = None,
    size_pt: float | None = None,
) -> Element:
    """A table of ``rows`` of cells, each a paragraph style id and its text (lines parted by
    "\n"), in columns ``widths`` twips wide; a single black rule ``rule_eighths`` eighths of a
    point thick round and between the cells (None: no rule), and ``padding`` (twips at the
    top, left, bottom and right) inside them; the lines of its cells ``line_twips`` apart, off
    the grid, each row exactly as high as its lines; its text in ``size_pt``."""
    border: dict[str, str | int] = (
        {"val": "single", "sz": rule_eighths, "space": 0, "color": "000000"} if rule_eighths else {"val": "nil"}
    )
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
        if line_twips is not None:
            lines = max(text.count("\n") + 1 for _, text in row)
            trpr.append(element("trHeight", val=lines * line_twips, hRule="exact"))
        for width, (style_id, text) in zip(widths, row):
            tc = etree.SubElement(tr, qn("w:tc"))
            tcpr = etree.SubElement(tc, qn("w:tcPr"))
            tcpr.append(element("tcW", w=width, type="dxa"))
            tcpr.append(element("vAlign", val="center"))
            p = paragraph(style_id, line_twips=line_twips)
            for i, line in enumerate(text.split("\n")):
                if i:
                    add_line_break(p)
                add_text(p, line)
            if size_pt is not None:
                set_size(p, size_pt)
            tc.append(p)
    return tbl
