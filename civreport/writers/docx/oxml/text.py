"""Paragraphs (w:p) and their runs (w:r): text in a paragraph or character style, manual line
breaks, and PAGE fields."""

from __future__ import annotations

import re

from docx.text.paragraph import Paragraph
from lxml import etree

from ....model.punctuation import BEFORE_RANGE_DASH, JOINER
from .elements import Element, child, element, properties, qn
from .formats import exact_lines, indent, run_format

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def paragraph(
    style_id: str,
    *,
    keep_next: bool | None = None,
    whole: bool | None = None,
    two_lines: bool = False,
    line_twips: int | None = None,
    break_before: bool = False,
) -> Element:
    """An empty w:p in the paragraph style ``style_id`` (by id: no look-up by name per
    paragraph), where the style says otherwise: on the next paragraph's page or not
    (``keep_next``), kept whole or not (``whole``); parted by a page break only with two
    lines or more on either side (``two_lines``, Word's widow control); its lines exactly
    ``line_twips`` apart."""
    p = element("p")
    ppr = properties(p, "pPr")
    child(ppr, "pStyle", val=style_id)
    if keep_next is not None:
        child(ppr, "keepNext", val=int(keep_next))
    if whole is not None:
        child(ppr, "keepLines", val=int(whole))
    if break_before:
        child(ppr, "pageBreakBefore")
    if two_lines:
        child(ppr, "widowControl")
    if line_twips is not None:  # off the grid, which would round each line up to its pitch
        child(ppr, "snapToGrid", val=0)
        exact_lines(ppr, line_twips)
    return p


def indent_paragraph(p: Element, *, left: float, right: float, first_line: float, char_twips: int) -> None:
    """Indent paragraph ``p`` in characters (negative ``first_line`` hangs)."""
    indent(properties(p, "pPr"), left=left, right=right, first_line=first_line, char_twips=char_twips)


def add_text(p: Element, text: str, style: str | None = None) -> None:
    """Append ``text`` to paragraph ``p`` in the character style ``style``."""
    p.extend(runs(text, style))


def add_line_break(p: Element) -> None:
    r = element("r")
    r.append(element("br"))
    p.append(r)


def add_tab(p: Element) -> None:
    r = element("r")
    r.append(element("tab"))
    p.append(r)


def set_size(p: Element, size_pt: float) -> None:
    """Every run of ``p``, and its mark, in ``size_pt``."""
    for rpr in [properties(r, "rPr") for r in p.iter(qn("w:r"))] + [child(properties(p, "pPr"), "rPr")]:
        run_format(rpr, size_pt=size_pt)


def run(text: str, style: str | None = None) -> Element:
    """A w:r of ``text`` (spaces kept), in the character style ``style``."""
    r = element("r")
    if style:
        child(properties(r, "rPr"), "rStyle", val=style)
    t = etree.SubElement(r, qn("w:t"))
    t.text = text
    t.set(_XML_SPACE, "preserve")
    return r


# The dash —— (two or more U+2014) must not part at a line end (GB/T 15834). LibreOffice
# ignores the kinsoku list of the settings and breaks Chinese text between any two
# characters, but its Unicode line breaker keeps em dashes together: a dash run whose East
# Asian language is not Chinese takes that breaker (measured in LibreOffice 7.4).
_DASHES = re.compile("(\u2014{2,})")


def runs(text: str, style: str | None = None) -> list[Element]:
    """``text`` as runs in ``style``, each dash —— in a run of its own that keeps it whole,
    and a WORD JOINER before the dash of a range (20—27日), which must not start a line:
    neither LibreOffice's Chinese line breaker, nor its Unicode one, nor the settings'
    kinsoku list keeps a line from starting with it, and no run property does (measured in
    LibreOffice 7.4), as the joiner does. It is the only character the DOCX adds (the
    importer takes it out again)."""
    out = []
    for piece in _DASHES.split(BEFORE_RANGE_DASH.sub(JOINER, text)):
        if not piece:
            continue
        r = run(piece, style)
        if _DASHES.fullmatch(piece):
            child(properties(r, "rPr"), "lang", eastAsia="en-US")
        out.append(r)
    return out


def page_number(paragraph: Paragraph, *, style_id: str, side: str, inset_twips: int, before: str, after: str) -> None:
    """Make python-docx's ``paragraph`` (a footer's) show ``before`` PAGE ``after`` in the style
    ``style_id``, aligned to ``side`` (left or right) and ``inset_twips`` in from it: the page
    number as Word computes it."""
    p = paragraph._p
    ppr = properties(p, "pPr")
    child(ppr, "pStyle", val=style_id)
    child(ppr, "ind", **{side: inset_twips})
    child(ppr, "jc", val=side)
    p.append(run(before))
    field = element("fldSimple", instr=" PAGE ")
    field.append(run("1"))
    p.append(field)
    p.append(run(after))
