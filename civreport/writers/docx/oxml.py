"""WordprocessingML details python-docx does not model: East Asian fonts, character
spacing, character-unit indents, outline levels, PAGE fields, runs and tables.

The DOCX writer speaks in styles, paragraphs and tables; everything that touches raw XML is
here, in the spirit of python-docx's own ``docx.oxml`` layer. Elements are plain lxml
elements: building them needs none of python-docx's element classes, and is faster.
"""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

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


def element(tag: str, **attrs: str | int) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes."""
    el = etree.Element(qn(f"w:{tag}"))
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


def find(parent: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` (``w:`` names, ``/`` between them), which must be there."""
    found = parent.find("/".join(qn(step) for step in path.split("/")))
    if found is None:
        raise LookupError(f"{path} missing under {parent.tag}")
    return found


def child(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
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


def properties(parent: etree._Element, tag: str) -> etree._Element:
    """The w:pPr of a w:p (or w:rPr of a w:r, w:tblPr of a w:tbl): always its first child."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = element(tag)
        parent.insert(0, found)
    return found


def fonts(rpr: etree._Element, name: str) -> None:
    """Name one font in every slot: python-docx's font.name sets only the Latin ones.

    Theme attributes go, since theme fonts override explicit names; the eastAsia hint
    makes quotes, dashes and ellipses take the Chinese font.
    """
    rfonts = child(rpr, "rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        if qn(f"w:{theme}") in rfonts.attrib:
            del rfonts.attrib[qn(f"w:{theme}")]


def run_format(rpr: etree._Element, *, font: str | None = None, size_pt: float | None = None,
               spacing_twips: int | None = None, bold: bool | None = None) -> None:
    if font:
        fonts(rpr, font)
    if bold is not None:
        child(rpr, "b", val=int(bold))
        child(rpr, "bCs", val=int(bold))
    if spacing_twips is not None:
        child(rpr, "spacing", val=spacing_twips)
    if size_pt is not None:
        child(rpr, "sz", val=round(size_pt * 2))
        child(rpr, "szCs", val=round(size_pt * 2))
    # Latin script in English rules (numbers stay whole), Chinese for East Asian text.
    child(rpr, "lang", val="en-US", eastAsia="zh-CN")


def indent(ppr: etree._Element, *, left: float = 0, right: float = 0, first_line: float = 0,
           char_twips: int) -> None:
    """Indents in characters (negative ``first_line`` hangs), with twips as the fallback
    for readers that ignore the character units."""
    attrs: dict[str, str | int] = {
        "leftChars": round(left * 100), "left": round(left * char_twips),
        "rightChars": round(right * 100), "right": round(right * char_twips),
    }
    if first_line >= 0:
        attrs.update(firstLineChars=round(first_line * 100), firstLine=round(first_line * char_twips))
    else:
        attrs.update(hangingChars=round(-first_line * 100), hanging=round(-first_line * char_twips))
    ind = child(ppr, "ind")
    ind.attrib.clear()
    for name, value in attrs.items():
        ind.set(qn(f"w:{name}"), str(value))


def exact_lines(ppr: etree._Element, pitch_twips: int) -> None:
    child(ppr, "spacing", before=0, after=0, line=pitch_twips, lineRule="exact")


def run(text: str, style: str | None = None) -> etree._Element:
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


def runs(text: str, style: str | None = None) -> list[etree._Element]:
    """``text`` as runs in ``style``, each dash —— in a run of its own that keeps it whole."""
    out = []
    for piece in _DASHES.split(text):
        if not piece:
            continue
        r = run(piece, style)
        if _DASHES.fullmatch(piece):
            child(properties(r, "rPr"), "lang", eastAsia="en-US")
        out.append(r)
    return out


def line_break() -> etree._Element:
    r = element("r")
    r.append(element("br"))
    return r


def page_field(paragraph: etree._Element, before: str, after: str) -> None:
    """Append ``before`` PAGE ``after`` as runs: the page number as Word computes it."""
    paragraph.append(run(before))
    field = element("fldSimple", instr=" PAGE ")
    field.append(run("1"))
    paragraph.append(field)
    paragraph.append(run(after))
