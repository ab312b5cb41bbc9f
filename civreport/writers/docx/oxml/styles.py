"""The styles part: document defaults, and the paragraph and run properties of python-docx's
styles that it does not model."""

from __future__ import annotations

from docx.styles.style import BaseStyle
from docx.styles.styles import Styles

from .elements import child, find, qn
from .formats import chinese_line_rules, exact_lines, indent, run_format


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
) -> None:
    """Set the paragraph properties of ``style`` that are given: Word's widow control, the
    Chinese line rules (:func:`~.formats.chinese_line_rules`), keep with next (and whole), a
    first-line indent in characters, the alignment (w:jc), the outline level (1 for the
    first), snapping to the document grid, and lines exactly ``line_twips`` apart."""
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


def format_runs(
    style: BaseStyle,
    *,
    font: str | None = None,
    size_pt: float | None = None,
    spacing_twips: int | None = None,
    bold: bool | None = None,
) -> None:
    """Set the run properties of ``style`` that are given: the font in every slot, the size,
    the character spacing and bold."""
    run_format(style.element.get_or_add_rPr(), font=font, size_pt=size_pt, spacing_twips=spacing_twips, bold=bold)


def trim(styles: Styles, keep: set[str]) -> None:
    """Drop the built-in styles python-docx's template defines and no paragraph uses
    (Word offers them again from its latent list)."""
    for element in list(styles.element.iterchildren(qn("w:style"))):
        if element.get(qn("w:styleId")) not in keep and element.get(qn("w:default")) != "1":
            styles.element.remove(element)
