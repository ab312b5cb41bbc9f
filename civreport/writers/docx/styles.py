"""The Word styles of a DOCX, one for each class of the page's style table, with Chinese
names a Word or WPS user can restyle (公文正文, 一级标题 …)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.styles.styles import Styles

from ...office.fonts import FontRole
from ...office.layout import TWIPS, Layout
from ...office.styles import BODY, Style, StyleTable
from .oxml.styles import format_paragraphs, format_runs, set_defaults

S = TypeVar("S", ParagraphStyle, CharacterStyle)


def character_style_id(style: Style) -> str:
    """The character style of a run-in heading: the paragraph style's id plus ``Char``."""
    return style.style_id + "Char"


def _add(styles: Styles, name: str, kind: type[S]) -> S:
    word_kind = WD_STYLE_TYPE.PARAGRAPH if kind is ParagraphStyle else WD_STYLE_TYPE.CHARACTER
    return cast(S, styles.add_style(name, word_kind))  # type: ignore[no-untyped-call]  # unannotated in python-docx


def define_styles(styles: Styles, table: StyleTable, layout: Layout, fonts: Mapping[FontRole, str]) -> None:
    """Defaults and Normal carry the body text (font, size, exact grid pitch, tracking);
    every class of ``table`` becomes a paragraph style based on Normal, and a run-in
    heading class also a character style."""
    pitch = layout.line_pitch_twips
    char_twips = round(layout.char_pitch_pt * TWIPS)
    set_defaults(styles, font=fonts["body"], size_pt=layout.body_size_pt, line_twips=pitch)
    normal = styles["Normal"]
    # Widow control off, or some full pages carry one line less. The Chinese line rules
    # written out, not left to each word processor's defaults: no punctuation hangs in the
    # margin (the PDF keeps it inside the text block too), and Chinese is spaced from Latin
    # (the page carries the same space for the PDF, see civreport.rendering.linebreaks).
    format_paragraphs(normal, widow_control=False, chinese_lines=True, line_twips=pitch)
    format_runs(normal, font=fonts["body"], size_pt=layout.body_size_pt, spacing_twips=layout.char_spacing_twips)
    for style in table:
        if style.frameless:
            continue
        word = _add(styles, style.style_name, ParagraphStyle)
        word.style_id = style.style_id
        word.quick_style = True
        word.base_style = styles["Normal"]
        size = layout.size_pt(style.size)
        line_twips: int | None = None
        snap_to_grid: bool | None = None
        if style.size == "page_number":
            line_twips = round(size * TWIPS)
        elif style.size == "table":
            # The grid would round a cell's line up to a whole pitch, and the rule comes on top.
            line_twips, snap_to_grid = layout.docx_cell_line_twips, False
        format_paragraphs(
            word,
            keep_next=style.keep_next,
            first_line=style.first_line,
            char_twips=char_twips,
            align=style.align,
            outline_level=style.level,
            snap_to_grid=snap_to_grid,
            line_twips=line_twips,
            rule=(style.rule, style.color or "000000") if style.rule else None,
        )
        bold = True if style.bold else None
        spacing = None if style.tracking else 0
        format_runs(word, font=fonts[style.font], size_pt=size, spacing_twips=spacing, bold=bold, color=style.color)
        if style.run_in:
            char = _add(styles, f"{style.style_name}文字", CharacterStyle)
            char.style_id = character_style_id(style)
            char.quick_style = True
            format_runs(char, font=fonts[style.font], bold=bold)
    body = styles[table[BODY].style_name]
    for style in table:
        if not style.frameless:
            styles[style.style_name].next_paragraph_style = body  # Enter after a heading gives body text
