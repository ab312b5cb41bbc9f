"""The page as data for the Typst program (``page.typ``): its blocks, the style table and
the layout, in points, as the DOCX writer states them in Word's terms.

Everything the report says travels as JSON strings that the program inserts as text: no
report text is ever part of Typst source, so none can be read as markup or code.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from ...model.punctuation import JOINER
from ...office.fonts import FontRole
from ...office.layout import MM, TABLE_PADDING_PT, TABLE_RULE_PT, TWIPS, Layout
from ...office.styles import BLANK, StyleTable
from ...office.textwidth import SPACE_EM
from ...rendering.blocks import Block, Indent, Paragraph, Run, Table, flush_right_from, has_marks
from ...rendering.linebreaks import BREAK, IDEOGRAPHS, hinted
from ...rendering.page import Page, PageMeta
from ..pdf.fonts import STROKE
from .fonts import TypstFonts

BOLD = 700  # what bold text asks for (CSS font-weight: bold)


def _layout(layout: Layout) -> dict[str, Any]:
    return {
        "width": layout.page_width_mm * MM,
        "height": layout.page_height_mm * MM,
        "top": layout.margin_top_mm * MM,
        "bottom": layout.margin_bottom_mm * MM,
        "inner": layout.margin_inner_mm * MM,
        "outer": layout.margin_outer_mm * MM,
        "mirrored": layout.mirrored,
        "pitch": layout.line_pitch,
        "cell_pitch": layout.cell_line_twips / TWIPS,
        "rule": TABLE_RULE_PT,
        "padding": TABLE_PADDING_PT,
        "number_gap": layout.page_number_gap_mm * MM,
        "number_sides": list(layout.page_number_sides),
        "autospace": SPACE_EM,
        # Beside these a line may break before or after a letter (a letter with marks set apart).
        "ideographs": IDEOGRAPHS,
    }


def _styles(styles: StyleTable, layout: Layout, fonts: TypstFonts) -> dict[str, Any]:
    return {
        style.name: {
            "font": fonts.families(style.font),
            "weight": BOLD if style.bold else fonts.weight(style.font),
            "stroke": STROKE if style.bold and not fonts.has_bold(style.font) else 0,
            "size": layout.size_pt(style.size),
            "tracking": layout.char_spacing_pt if style.tracking else 0,
            "align": style.align,
            "first_line": style.first_line * layout.char_pitch_pt,
            "color": f"#{style.color}" if style.color else None,
            # A rule under an empty paragraph, within its height (the frame's rules).
            "rule": style.rule / 8,
        }
        for style in styles
    }


def _indent(indent: Indent | None, char_pt: float) -> dict[str, float] | None:
    if indent is None:
        return None
    return {"left": indent.left * char_pt, "right": indent.right * char_pt, "hanging": indent.hanging * char_pt}


def _pieces(text: str, before: str = "", after: str = "") -> list[list[str]]:
    """A text as word processors break and space it (:func:`.linebreaks.hinted`, the hints
    the page's HTML carries for WeasyPrint): pieces of text, each with how a Latin run meets
    Chinese text on its left and right (``s`` with the space, ``b`` bare, ``n`` not; none for
    other text). Without the break spaces:
    Typst breaks at quotes by itself, and draws a zero-width space as the next character's
    glyph, so that its text would copy out of order."""
    pieces = [(part, "") if isinstance(part, str) else part for part in hinted(text, before, after)]
    return _joined_ahead([[run.replace(BREAK, ""), sides] for run, sides in pieces if run.replace(BREAK, "")])


def _joined_ahead(pieces: list[list[str]]) -> list[list[str]]:
    """A joiner that ends a piece moved to the start of the next: the program puts a space
    between pieces, which Typst would break after a joiner but never before one."""
    for piece, following in itertools.pairwise(pieces):
        if piece[0].endswith(JOINER) and len(piece[0]) > 1:
            piece[0], following[0] = piece[0][:-1], JOINER + following[0]
    return pieces


def _whole(pieces: list[list[str]], role: FontRole, whole: TypstFonts | None) -> list[list[Any]]:
    """The pieces, each that holds a letter whose marks the role's first face lacks with its
    text in parts as a third item: ``[part, family]``, the letter and its marks in the family
    of the one face that draws them whole (:meth:`.TypstFonts.whole`), the text between them
    with none (the role's own families). Without ``whole`` (a page without marks) as they are."""
    if whole is None:
        return pieces
    out: list[list[Any]] = []
    for piece in pieces:
        parts = whole.whole(role, piece[0])
        out.append([*piece, parts] if any(family for _, family in parts) else piece)
    return out


def _runs(runs: tuple[Run, ...], style: str, styles: StyleTable, whole: TypstFonts | None) -> list[dict[str, Any]]:
    """The runs, their neighbours across run boundaries (not across line breaks) taken into
    account as the page's HTML does for the PDF WeasyPrint draws."""
    texts = ["" if run.line_break else run.text for run in runs]
    pieces: list[list[list[str]]] = []
    for i, run in enumerate(runs):
        before = texts[i - 1][-1:] if i else ""
        after = texts[i + 1][:1] if i + 1 < len(texts) else ""
        pieces.append([] if run.line_break else _pieces(run.text, before, after))
    for own, following in itertools.pairwise(pieces):  # and from run to run
        if own and following:
            _joined_ahead([own[-1], following[0]])
    return [
        {"pieces": _whole(p, styles[run.style or style].font, whole), "style": run.style, "line_break": run.line_break}
        for p, run in zip(pieces, runs)
    ]


def _block(block: Block, styles: StyleTable, layout: Layout, whole: TypstFonts | None) -> dict[str, Any]:
    if isinstance(block, Table):
        return {
            "kind": "table",
            "widths": list(block.widths),
            "header_rows": block.header_rows,
            "rows": [
                [
                    {
                        "lines": [_whole(_pieces(line), styles[c.style].font, whole) for line in c.text.split("\n")],
                        "style": c.style,
                    }
                    for c in row
                ]
                for row in block.rows
            ],
            # A table of a frameless class (the joint mark): no rules, no padding, its lines
            # this far apart and in this size where rendering.frame set them.
            "frameless": block.style is not None and styles[block.style].frameless,
            "line": block.line_twips / TWIPS if block.line_twips is not None else None,
            "size": block.size_pt,
        }
    return _paragraph(block, styles, layout, whole)


def _paragraph(block: Paragraph, styles: StyleTable, layout: Layout, whole: TypstFonts | None) -> dict[str, Any]:
    line = block.line_twips / TWIPS if block.line_twips is not None else None
    return {
        "kind": "paragraph",
        "style": block.style,
        # A blank line has no runs: the program gives it its line's height.
        "runs": [] if block.style == BLANK else _runs(block.runs, block.style, styles, whole),
        "indent": _indent(block.indent, layout.char_pitch_pt),
        "keep_next": block.keep_next,
        "whole": block.whole,
        "two_lines": block.two_lines,
        "line": line,
        # The official frame (rendering.frame): where the runs that stand flush right start
        # (签发人, the date of printing), the pages broken before it, its type size if not its style's.
        "right": flush_right_from(block, styles),
        "break_before": block.break_before,
        "size": block.size_pt,
        # Its page, and a blank page before it, print no page number (the 版记's after a blank page).
        "unnumbered": block.unnumbered,
    }


def _meta(meta: PageMeta) -> dict[str, Any]:
    created = meta.created
    return {
        "title": meta.title,
        "author": meta.author,
        "subject": meta.subject,
        "date": [created.year, created.month, created.day] if created else None,
    }


def page_data(page: Page, fonts: TypstFonts) -> str:
    """The page as the JSON the program reads from ``sys.inputs.page``."""
    whole = fonts if has_marks(page.blocks) else None
    data = {
        "meta": _meta(page.meta),
        "layout": _layout(page.layout),
        "styles": _styles(page.styles, page.layout, fonts),
        "blocks": [_block(block, page.styles, page.layout, whole) for block in page.blocks],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
