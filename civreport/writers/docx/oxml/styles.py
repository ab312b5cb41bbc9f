"""The styles part: document defaults, and the paragraph and run properties of python-docx's
styles that it does not model."""

from __future__ import annotations

from docx.document import Document
from docx.styles.style import BaseStyle
from docx.styles.styles import Styles
from lxml import etree

from .elements import Element, child, element, find, qn
from .formats import chinese_line_rules, exact_lines, indent, rule_below, run_format


def set_defaults(styles: Styles, *, font: str, size_pt: float, line_twips: int) -> None:
    """The document defaults (w:docDefaults): runs in ``font`` at ``size_pt``, lines exactly
    ``line_twips`` apart."""
    run_format(find(styles.element, "w:docDefaults/w:rPrDefault/w:rPr"), font=font, size_pt=size_pt)
    exact_lines(find(styles.element, "w:docDefaults/w:pPrDefault/w:pPr"), line_twips)


def format_paragraphs(
    style: BaseStyle,
    *,
    widow_control: bool | None = None,
    chinese_lines: bool = False,
    keep_next: bool = False,
    first_line: float | None = None,
    char_twips: int = 0,
    align: str | None = None,
    outline_level: int | None = None,
    snap_to_grid: bool | None = None,
    line_twips: int | None = None,
    rule: tuple[int, str] | None = None,
) -> None:
    """Set the paragraph properties of ``style`` that are given: Word's widow control, the
    Chinese line rules (:func:`~.formats.chinese_line_rules`), keep with next (and whole), a
    first-line indent in characters, the alignment (w:jc), the outline level (1 for the
    first), snapping to the document grid, lines exactly ``line_twips`` apart, and a rule
    under it (eighths of a point, colour)."""
    ppr = style.element.get_or_add_pPr()
    if widow_control is not None:
        child(ppr, "widowControl", val=int(widow_control))
    if chinese_lines:
        chinese_line_rules(ppr)
    if keep_next:  # and whole, as LibreOffice takes it anyway
        child(ppr, "keepNext")
        child(ppr, "keepLines")
    if first_line is not None:
        indent(ppr, first_line=first_line, char_twips=char_twips)
    if align is not None:
        child(ppr, "jc", val=align)
    if outline_level is not None:
        child(ppr, "outlineLvl", val=outline_level - 1)  # 0 is level 1 in the navigation pane
    if snap_to_grid is not None:
        child(ppr, "snapToGrid", val=int(snap_to_grid))
    if line_twips is not None:
        exact_lines(ppr, line_twips)
    if rule is not None:
        rule_below(ppr, *rule)


def format_runs(
    style: BaseStyle,
    *,
    font: str | None = None,
    size_pt: float | None = None,
    spacing_twips: int | None = None,
    bold: bool | None = None,
    color: str | None = None,
) -> None:
    """Set the run properties of ``style`` that are given: the font in every slot, the size,
    the character spacing, bold and the colour."""
    rpr = style.element.get_or_add_rPr()
    run_format(rpr, font=font, size_pt=size_pt, spacing_twips=spacing_twips, bold=bold, color=color)


def trim(styles: Styles, keep: set[str]) -> None:
    """Drop the built-in styles python-docx's template defines and no paragraph uses
    (Word offers them again from its latent list)."""
    for style in list(styles.element.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) not in keep and style.get(qn("w:default")) != "1":
            styles.element.remove(style)


# The styles python-docx's comments name (their paragraphs CommentText, the reference to each
# CommentReference), with Word's own names for them, small and hidden from the style gallery.
_COMMENT_STYLES = (
    ("paragraph", "CommentText", "annotation text"),
    ("character", "CommentReference", "annotation reference"),
)
# Word 2010 keeps a second copy of the styles, which must name the same ones.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _comment_styles(root: Element) -> None:
    defined = {style.get(qn("w:styleId")) for style in root.iterchildren(qn("w:style"))}
    for kind, style_id, name in _COMMENT_STYLES:
        if style_id in defined:
            continue
        style = element("style", type=kind, styleId=style_id)
        style.append(element("name", val=name))
        style.append(element("uiPriority", val=99))
        style.append(element("semiHidden"))
        style.append(element("unhideWhenUsed"))
        properties = element("rPr")
        properties.append(element("sz", val=20 if kind == "paragraph" else 16))
        style.append(properties)
        root.append(style)


def comment_styles(document: Document) -> None:
    """Define the comment styles where the document lacks them (a style named but not defined
    makes the file invalid), in Word 2010's copy of the styles too."""
    _comment_styles(document.styles.element)
    for rel in document.part.rels.values():
        if rel.reltype == _STYLES_WITH_EFFECTS and not rel.is_external:
            copy = etree.fromstring(rel.target_part.blob)
            _comment_styles(copy)
            rel.target_part._blob = etree.tostring(copy, xml_declaration=True, encoding="UTF-8", standalone=True)
