"""WordprocessingML elements: their names, and their properties' children kept in schema order."""

from __future__ import annotations

from lxml import etree

Element = etree._Element
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Schema order of the children of w:pPr, w:rPr and w:tblPr (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28, 17.4.60).
# Word refuses files whose properties are out of order.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook"
).split()
_ORDER = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "tblPr": TBLPR_ORDER}


def qn(tag: str) -> str:
    """``w:p`` → ``{namespace}p``."""
    prefix, name = tag.split(":")
    assert prefix == "w", tag
    return f"{{{W_NS}}}{name}"


def element(tag: str, **attrs: str | int) -> Element:
    """A ``w:`` element with ``w:`` attributes."""
    el = etree.Element(qn(f"w:{tag}"))
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


def find(parent: Element, path: str) -> Element:
    """The element at ``path`` (``w:`` names, ``/`` between them), which must be there."""
    found = parent.find("/".join(qn(step) for step in path.split("/")))
    if found is None:
        raise LookupError(f"{path} missing under {parent.tag}")
    return found


def child(parent: Element, tag: str, **attrs: str | int) -> Element:
    """Get or create ``w:tag`` under a w:pPr, w:rPr or w:tblPr in schema order, and set its attributes."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = element(tag)
        order = _ORDER[etree.QName(parent).localname]
        later = set(order[order.index(tag) + 1 :])
        successor = next((c for c in parent if etree.QName(c).localname in later), None)
        if successor is None:
            parent.append(el)
        else:
            successor.addprevious(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


def properties(parent: Element, tag: str) -> Element:
    """The w:pPr of a w:p (or w:rPr of a w:r, w:tblPr of a w:tbl): always its first child."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = element(tag)
        parent.insert(0, found)
    return found
