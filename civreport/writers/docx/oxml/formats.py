"""Paragraph and run properties python-docx does not model: East Asian fonts, character
spacing, character-unit indents and exact line spacing, on a w:pPr or w:rPr."""

from __future__ import annotations

from .elements import Element, child, element, qn


def fonts(rpr: Element, name: str) -> None:
    """Name one font in every slot: python-docx's font.name sets only the Latin ones.

    Theme attributes go, since theme fonts override explicit names; the eastAsia hint
    makes quotes, dashes and ellipses take the Chinese font.
    """
    rfonts = child(rpr, "rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name, hint="eastAsia")
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        if qn(f"w:{theme}") in rfonts.attrib:
            del rfonts.attrib[qn(f"w:{theme}")]


def run_format(
    rpr: Element,
    *,
    font: str | None = None,
    size_pt: float | None = None,
    spacing_twips: int | None = None,
    bold: bool | None = None,
    color: str | None = None,
) -> None:
    if font:
        fonts(rpr, font)
    if bold is not None:
        child(rpr, "b", val=int(bold))
        child(rpr, "bCs", val=int(bold))
    if color is not None:
        child(rpr, "color", val=color)
    if spacing_twips is not None:
        child(rpr, "spacing", val=spacing_twips)
    if size_pt is not None:
        child(rpr, "sz", val=round(size_pt * 2))
        child(rpr, "szCs", val=round(size_pt * 2))
    # Latin script in English rules (numbers stay whole), Chinese for East Asian text.
    child(rpr, "lang", val="en-US", eastAsia="zh-CN")


def indent(ppr: Element, *, left: float = 0, right: float = 0, first_line: float = 0, char_twips: int) -> None:
    """Indents in characters (negative ``first_line`` hangs), with twips as the fallback
    for readers that ignore the character units."""
    attrs: dict[str, str | int] = {
        "leftChars": round(left * 100),
        "left": round(left * char_twips),
        "rightChars": round(right * 100),
        "right": round(right * char_twips),
    }
    if first_line >= 0:
        attrs.update(firstLineChars=round(first_line * 100), firstLine=round(first_line * char_twips))
    else:
        attrs.update(hangingChars=round(-first_line * 100), hanging=round(-first_line * char_twips))
    ind = child(ppr, "ind")
    ind.attrib.clear()
    for name, value in attrs.items():
        ind.set(qn(f"w:{name}"), str(value))


def chinese_line_rules(ppr: Element) -> None:
    """The East Asian line rules as Word and WPS read them (ECMA-376 Part 1, 17.3.1): the
    kinsoku lists apply, Latin words stay whole, no punctuation hangs past the margin
    (``overflowPunct`` on would allow it), none is compressed at a line start, and Chinese is
    spaced from Latin letters and digits, as the PDF's page is."""
    for tag, on in (
        ("kinsoku", True),
        ("wordWrap", True),
        ("overflowPunct", False),
        ("topLinePunct", False),
        ("autoSpaceDE", True),
        ("autoSpaceDN", True),
    ):
        child(ppr, tag, val=int(on))


def exact_lines(ppr: Element, pitch_twips: int) -> None:
    child(ppr, "spacing", before=0, after=0, line=pitch_twips, lineRule="exact")


def rule_below(ppr: Element, eighths: int, color: str) -> None:
    """A single rule under the paragraph, ``eighths`` of a point thick, nothing between."""
    borders = child(ppr, "pBdr")
    borders.append(element("bottom", val="single", sz=eighths, space=0, color=color))


def right_tab(ppr: Element, position_twips: int) -> None:
    """A right-aligned tab stop ``position_twips`` from the left margin."""
    tabs = child(ppr, "tabs")
    tabs.append(element("tab", val="right", pos=position_twips))
