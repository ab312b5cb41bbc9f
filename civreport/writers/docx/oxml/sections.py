"""Section properties (w:sectPr) python-docx does not model: the document grid, and a section
ending at a paragraph."""

from __future__ import annotations

import copy

from docx.section import Section

from .elements import Element, child, element, find, properties, qn


def line_grid(section: Section, pitch_twips: int) -> None:
    """Lay the section's lines on a grid ``pitch_twips`` apart (w:docGrid of type lines)."""
    grid = find(section._sectPr, "w:docGrid")
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))


def end_section(body: list[Element], at: int, section: Element) -> None:
    """End a section with the properties ``section`` (a w:sectPr) before ``body[at]``, which
    starts the next on a new page: in the paragraph before it (a table cannot hold the
    break: an empty paragraph then follows it), whose page break the section's now makes."""
    last = body[at - 1] if at else None
    if last is None or last.tag != qn("w:p"):
        last = element("p")
        body.insert(at, last)
        at += 1
    ppr = properties(last, "pPr")
    ppr.replace(child(ppr, "sectPr"), copy.deepcopy(section))
    first = body[at].find(qn("w:pPr"))
    if first is not None and (page_break := first.find(qn("w:pageBreakBefore"))) is not None:
        first.remove(page_break)
