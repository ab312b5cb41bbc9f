"""WordprocessingML details python-docx does not model: East Asian fonts, character
spacing, character-unit indents, outline levels, PAGE fields, reproducible archives.

The DOCX writer speaks in styles and paragraphs; everything that touches raw XML is here,
in the spirit of python-docx's own ``docx.oxml`` layer.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

# Schema order of the children of w:pPr and w:rPr (ECMA-376 Part 1, 17.3.1.26 and 17.3.2.28).
# Word refuses files whose properties are out of order.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
    "cs em lang eastAsianLayout specVanish oMath"
).split()
_ORDER = {"pPr": PPR_ORDER, "rPr": RPR_ORDER}


def child(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    """Get or create ``w:tag`` under a w:pPr or w:rPr in schema order, and set its attributes."""
    element = parent.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        order = _ORDER[etree.QName(parent).localname]
        later = set(order[order.index(tag) + 1 :])
        successor = next((c for c in parent if etree.QName(c).localname in later), None)
        if successor is None:
            parent.append(element)
        else:
            successor.addprevious(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def fonts(rpr: etree._Element, name: str) -> None:
    """Name one font in every slot: python-docx's font.name sets only the Latin ones.

    Theme attributes go, since theme fonts override explicit names; the eastAsia hint
    makes quotes, dashes and ellipses take the Chinese font.
    """
    rfonts = child(rpr, "rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{theme}"), None)


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


def page_field(paragraph: etree._Element, before: str, after: str) -> None:
    """Append ``before`` PAGE ``after`` as runs: the page number as Word computes it."""
    def run(text: str) -> etree._Element:
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
        return r

    paragraph.append(run(before))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    field.append(run("1"))
    paragraph.append(field)
    paragraph.append(run(after))


def reproducible_zip(data: bytes, day: date) -> bytes:
    """Rewrite a DOCX archive with fixed timestamps, so that equal input gives equal bytes."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # python-docx writes members in a stable order
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
