"""The DOCX package: everything that does not depend on the report, prepared once per writer
(styles, page set-up, footers, theme fonts), and the archive each report is written into.

Each report adds only its ``word/document.xml`` and ``docProps/core.xml`` to a copy of the
prepared archive, whose other members are compressed once; every member carries the same
fixed timestamp, so the same page gives byte-identical files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.shared import Mm

from ...office.fonts import ALTERNATES, FontRole
from ...office.layout import MM, TWIPS, Layout
from ...office.styles import StyleTable
from ...rendering.linebreaks import NO_BREAK_AFTER
from .oxml.elements import Element, child, properties
from .oxml.parts import DocumentXml, core_properties, font_table, theme_fonts
from .oxml.sections import line_grid
from .oxml.settings import chinese_theme_language, current_word, mirror_margins, no_line_breaks_after
from .oxml.styles import trim
from .oxml.text import page_number
from .styles import character_style_id, define_styles

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the archive never depends on the clock
# Parts of python-docx's default template a summary never uses; the blank-page thumbnail
# would even misrepresent the file in file browsers.
UNUSED_PARTS = {"stylesWithEffects", "webSettings", "customXml", "thumbnail"}


def _set_up_page(document: Document, layout: Layout) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
    section.top_margin, section.bottom_margin = Mm(layout.margin_top_mm), Mm(layout.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.margin_inner_mm), Mm(layout.margin_outer_mm)
    section.gutter = 0
    # The footer line starts page_number_gap_mm under the text block (GB/T 9704 7.5).
    number_line_mm = layout.page_number_size_pt / MM
    section.footer_distance = Mm(layout.margin_bottom_mm - layout.page_number_gap_mm - number_line_mm)
    line_grid(section, layout.line_pitch_twips)
    no_line_breaks_after(document.settings, NO_BREAK_AFTER)
    current_word(document.settings)
    chinese_theme_language(document.settings)
    if layout.mirrored:
        mirror_margins(document.settings)


def _add_footers(document: Document, layout: Layout, style_id: str) -> None:
    """Page numbers “— N —” one 14 pt character in, on the sides ``layout`` puts them."""
    sides = layout.page_number_sides
    document.settings.odd_and_even_pages_header_footer = len(sides) > 1
    section = document.sections[0]
    inset = round(layout.page_number_size_pt * TWIPS)
    for footer, side in zip((section.footer, section.even_page_footer), sides):
        footer.is_linked_to_previous = False
        page_number(footer.paragraphs[0], style_id=style_id, side=side, inset_twips=inset, before="— ", after=" —")


def _add_unnumbered_section(document: Document, style_id: str) -> None:
    """A second section, as the first but with empty footers, for the pages that print no
    page number: the 版记's page after a blank page, and that page (GB/T 9704 7.5)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        child(properties(footer.paragraphs[0]._p, "pPr"), "pStyle", val=style_id)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


class Package:
    """A prepared DOCX: its fixed members, compressed once, and the empty document body."""

    def __init__(self, layout: Layout, fonts: Mapping[FontRole, str], styles: StyleTable):
        document = docx.Document()
        for rels in (document.part.rels, document.part.package.rels):
            for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.rsplit("/", 1)[-1] in UNUSED_PARTS]:
                del rels[r_id]
        define_styles(document.styles, styles, layout, fonts)
        used = {s.style_id for s in styles} | {character_style_id(s) for s in styles if s.run_in}
        trim(document.styles, used | {"Normal"})
        _set_up_page(document, layout)
        _add_footers(document, layout, styles["page-number"].style_id)
        _add_unnumbered_section(document, styles["page-number"].style_id)
        saved = io.BytesIO()
        document.save(saved)
        with zipfile.ZipFile(saved) as source:
            members = {info.filename: source.read(info) for info in source.infolist()}
        members["word/theme/theme1.xml"] = theme_fonts(
            members["word/theme/theme1.xml"], fonts["heading1"], fonts["body"]
        )
        members["word/fontTable.xml"] = font_table(fonts.values(), ALTERNATES)
        self._document = DocumentXml(members.pop(DOCUMENT))
        members.pop(CORE)
        fixed = io.BytesIO()
        with zipfile.ZipFile(fixed, "w") as archive:
            for name, data in members.items():
                archive.writestr(_member(name), data)
        self._fixed = fixed.getvalue()

    def write(
        self,
        body: Sequence[Element],
        title: str,
        author: str,
        subject: str,
        created: date | None,
        unnumbered_from: int | None = None,
    ) -> bytes:
        """The archive with ``body`` (paragraphs and tables) as the document's content, its
        pages from ``body[unnumbered_from]`` on without page numbers."""
        out = io.BytesIO(self._fixed)
        out.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr(_member(DOCUMENT), self._document.with_body(body, unnumbered_from))
            archive.writestr(_member(CORE), core_properties(title, author, subject, created))
        return out.getvalue()
