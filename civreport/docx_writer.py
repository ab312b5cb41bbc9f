"""Write the rendered HTML document as a DOCX with python-docx.

The writer reads the same HTML the PDF comes from (:mod:`civreport.document`) and maps each
template class to a Word paragraph or character style with a Chinese name, so a Word or WPS
user sees 公文正文, 一级标题 … and can restyle them. Geometry comes from :class:`Layout`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timezone
from functools import lru_cache
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from . import docx_xml as x
from .document import Block, parse
from .fonts import OFFICIAL
from .layout import MM, TWIPS, Layout
from .model import Report
from .profile import OfficeProfile
from .profile import resolve as resolve_profile
from .templating import render_html

DocxFonts = Mapping[str, str]


@dataclass(frozen=True)
class StyleSpec:
    """A Word style civreport defines, and the template class it stands for."""

    id: str
    name: str
    role: str  # font role
    align: str = "both"
    first_line: float = 0  # characters
    outline: int | None = None  # 0 = level 1 in the navigation pane
    keep_next: bool = False
    size: str = "body"  # body, title, page_number or table
    character: bool = False
    on_grid: bool = True  # False: single spacing, not snapped to the line grid (table cells)


PARAGRAPH_STYLES = {
    "title": StyleSpec("CivTitle", "公文标题", "title", align="center", keep_next=True, size="title"),
    "subtitle": StyleSpec("CivSubtitle", "公文副标题", "heading2", align="center", keep_next=True),
    "recipients": StyleSpec("CivRecipients", "主送机关", "body", align="left"),
    "body": StyleSpec("CivBody", "公文正文", "body", first_line=2),
    "heading-1": StyleSpec("CivHeading1", "一级标题", "heading1", first_line=2, outline=0, keep_next=True),
    "heading-2": StyleSpec("CivHeading2", "二级标题", "heading2", first_line=2, outline=1, keep_next=True),
    "heading-3": StyleSpec("CivHeading3", "三级标题", "body", first_line=2, outline=2, keep_next=True),
    "heading-4": StyleSpec("CivHeading4", "四级标题", "body", first_line=2, outline=3, keep_next=True),
    "attachment": StyleSpec("CivAttachment", "附件说明", "body", align="left"),
    "signoff-name": StyleSpec("CivSignoff", "署名", "body", align="right"),
    "signoff-date": StyleSpec("CivDate", "成文日期", "body", align="right"),
    "page-number": StyleSpec("CivPageNumber", "页码", "page_number", size="page_number"),
    "table-title": StyleSpec("CivTableTitle", "表格标题", "heading1", align="center", keep_next=True),
    "table": StyleSpec("CivTableText", "表格文字", "body", align="center", size="table", on_grid=False),
}
CHARACTER_STYLES = {
    f"heading-{n}": StyleSpec(f"CivHeading{n}Char", f"{name}文字", role, character=True)
    for n, name, role in ((1, "一级标题", "heading1"), (2, "二级标题", "heading2"), (3, "三级标题", "body"), (4, "四级标题", "body"))
}
BLANK = "blank"  # an empty line on the grid: a plain Normal paragraph
UNUSED_PARTS = {"stylesWithEffects", "webSettings", "customXml", "thumbnail"}
# Word's simplified-Chinese kinsoku list of characters that never end a line, plus the
# dash: the two halves of —— must not part (GB/T 15834), which Pango already ensures and
# LibreOffice's CJK line breaking honours only through this list.
NO_BREAK_AFTER = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥—"


def docx_fonts(fonts: DocxFonts | None = None) -> dict[str, str]:
    """Font names per role: the official names unless the caller names others."""
    return {role: (fonts or {}).get(role, names[0]) for role, names in OFFICIAL.items()}


def _size(layout: Layout, kind: str) -> float:
    return {"body": layout.body_size_pt, "title": layout.title_size_pt, "page_number": layout.page_number_size_pt,
            "table": layout.table_size_pt}[kind]


class DocxWriter:
    """Renders reports to DOCX bytes from a prepared template (styles, page, footers)."""

    def __init__(self, layout: Layout, fonts: DocxFonts | None = None, bold_level3: bool = False):
        self.layout = layout
        self.fonts = docx_fonts(fonts)
        self.bold_level3 = bold_level3
        self.char_twips = round(layout.char_pitch_pt * TWIPS)
        self._base = self._build_base()

    # -- the template: everything that does not depend on the report ---------------------

    def _build_base(self) -> bytes:
        document = docx.Document()
        # Parts of python-docx's default template a summary never uses; the blank-page
        # thumbnail would even misrepresent the file in file browsers.
        for rels in (document.part.rels, document.part.package.rels):
            for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.rsplit("/", 1)[-1] in UNUSED_PARTS]:
                del rels[r_id]
        self._define_styles(document)
        self._set_up_page(document)
        self._add_footers(document)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def _define_styles(self, document: docx.document.Document) -> None:
        layout, styles = self.layout, document.styles
        pitch = layout.line_pitch_twips
        # Defaults and Normal carry the body text: font, size, exact grid pitch, tracking.
        defaults = styles.element.find(qn("w:docDefaults"))
        x.run_format(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), font=self.fonts["body"], size_pt=layout.body_size_pt)
        x.exact_lines(defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")), pitch)
        normal = styles["Normal"].element
        ppr = normal.get_or_add_pPr()
        x.child(ppr, "widowControl", val=0)  # or some full pages carry one line less
        # No punctuation hanging in the margin: the PDF keeps it inside the text block too.
        # (Spacing between Chinese and Latin text stays on, as word processors default it;
        # the PDF writer draws the same space, see wordlike.py.)
        x.child(ppr, "overflowPunct", val=1)
        x.exact_lines(ppr, pitch)
        x.run_format(normal.get_or_add_rPr(), font=self.fonts["body"], size_pt=layout.body_size_pt,
                     spacing_twips=layout.char_spacing_twips)
        for spec in [*PARAGRAPH_STYLES.values(), *CHARACTER_STYLES.values()]:
            kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
            style = styles.add_style(spec.name, kind)
            style.style_id = spec.id
            style.quick_style = True
            element = style.element
            if spec.character:
                bold = True if self.bold_level3 and spec.id == "CivHeading3Char" else None
                x.run_format(element.get_or_add_rPr(), font=self.fonts[spec.role], bold=bold)
                continue
            style.base_style = styles["Normal"]
            ppr = element.get_or_add_pPr()
            if spec.keep_next:
                x.child(ppr, "keepNext")
            x.indent(ppr, first_line=spec.first_line, char_twips=self.char_twips)
            x.child(ppr, "jc", val=spec.align)
            if spec.outline is not None:
                x.child(ppr, "outlineLvl", val=spec.outline)
            size = _size(layout, spec.size)
            tracking = None if spec.size == "body" else 0  # titles and page numbers keep natural width
            bold = True if self.bold_level3 and spec.id == "CivHeading3" else None
            x.run_format(element.get_or_add_rPr(), font=self.fonts[spec.role], size_pt=size, spacing_twips=tracking,
                         bold=bold)
            if spec.size == "page_number":
                x.exact_lines(ppr, round(size * TWIPS))
            if not spec.on_grid:
                # Exact 28.95 pt in table cells would make every row a grid line tall.
                x.child(ppr, "snapToGrid", val=0)
                x.child(ppr, "spacing", before=0, after=0, line=240, lineRule="auto")
        body = styles[PARAGRAPH_STYLES["body"].name]
        for spec in PARAGRAPH_STYLES.values():
            styles[spec.name].next_paragraph_style = body  # Enter after a heading gives body text

    def _set_up_page(self, document: docx.document.Document) -> None:
        layout = self.layout
        section = document.sections[0]
        section.page_width, section.page_height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
        section.top_margin, section.bottom_margin = Mm(layout.margin_top_mm), Mm(layout.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(layout.margin_inner_mm), Mm(layout.margin_outer_mm)
        section.gutter = 0
        # The footer line starts page_number_gap_mm under the text block (GB/T 9704 7.5).
        number_line_mm = layout.page_number_size_pt / MM
        section.footer_distance = Mm(layout.margin_bottom_mm - layout.page_number_gap_mm - number_line_mm)
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.attrib.clear()
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(layout.line_pitch_twips))
        settings = document.settings.element
        kinsoku = OxmlElement("w:noLineBreaksAfter")
        kinsoku.set(qn("w:lang"), "zh-CN")
        kinsoku.set(qn("w:val"), NO_BREAK_AFTER)
        settings.find(qn("w:characterSpacingControl")).addnext(kinsoku)  # schema order
        if layout.mirrored:
            mirror = OxmlElement("w:mirrorMargins")
            settings.find(qn("w:zoom")).addnext(mirror)  # schema order: right after w:zoom

    def _add_footers(self, document: docx.document.Document) -> None:
        document.settings.odd_and_even_pages_header_footer = True
        section = document.sections[0]
        spec = PARAGRAPH_STYLES["page-number"]
        inset = round(self.layout.page_number_size_pt * TWIPS)  # one 14 pt character in
        for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]._p
            ppr = p.get_or_add_pPr()
            ppr.style = spec.id
            ind = x.child(ppr, "ind")
            ind.set(qn(f"w:{side}"), str(inset))
            x.child(ppr, "jc", val=align)
            x.page_field(p, "— ", " —")

    # -- the report --------------------------------------------------------------------

    def _paragraph(self, block: Block, keep_next: bool) -> etree._Element:
        p = OxmlElement("w:p")
        ppr = p.get_or_add_pPr()
        spec = PARAGRAPH_STYLES.get(block.style)
        if block.style != BLANK:
            ppr.style = (spec or PARAGRAPH_STYLES["body"]).id  # style ids: no look-up by name per paragraph
        if keep_next:
            x.child(ppr, "keepNext")
        if any(key.startswith("data-indent-") for key in block.attrs):
            left, right, hanging = (float(block.attrs.get(f"data-indent-{k}", 0)) for k in ("left", "right", "hanging"))
            first = -hanging if hanging else (spec.first_line if spec else 0)
            x.indent(ppr, left=left, right=right, first_line=first, char_twips=self.char_twips)
        for run in block.runs:
            r = OxmlElement("w:r")
            char_style = CHARACTER_STYLES.get(run.style or "")
            if char_style:
                r.get_or_add_rPr().style = char_style.id
            if run.line_break:
                r.append(OxmlElement("w:br"))
            else:
                t = OxmlElement("w:t")
                t.text = run.text
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
            p.append(r)
        return p

    @staticmethod
    def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
        """A bordered table of centred cells in 表格文字, its header row repeated on each page."""
        columns = max(len(row) for row in rows)
        table = document.add_table(rows=len(rows), cols=columns)  # inserted before the section properties
        table.style = document.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                p = table.cell(r, c).paragraphs[0]._p
                p.get_or_add_pPr().style = PARAGRAPH_STYLES["table"].id
                run = OxmlElement("w:r")
                t = OxmlElement("w:t")
                t.text = text
                run.append(t)
                p.append(run)
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(OxmlElement("w:tblHeader"))

    def render(self, report: Report, office: OfficeProfile, templates: Sequence[str | Path] = ()) -> bytes:
        page = render_html(report, office=office, templates=templates, layout=self.layout)
        parsed = parse(page)
        document = docx.Document(io.BytesIO(self._base))
        body = document.element.body
        end = body.find(qn("w:sectPr"))
        blocks = parsed.blocks
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if block.rows is not None:
                self._table(document, block.rows)
                continue
            # Keep groups (sign-off, attachments) whole, and with the paragraph before them.
            keep = following is not None and following.group is not None
            end.addprevious(self._paragraph(block, keep))
        self._set_properties(document, report, parsed.title)
        buffer = io.BytesIO()
        document.save(buffer)
        return x.reproducible_zip(buffer.getvalue(), report.date)

    @staticmethod
    def _set_properties(document: docx.document.Document, report: Report, title: str) -> None:
        props = document.core_properties
        moment = datetime.combine(report.date, time(), tzinfo=timezone.utc)
        props.title = title
        props.subject = report.subject
        props.author = props.last_modified_by = report.office
        props.created = props.modified = moment
        props.revision = 1
        props.keywords = props.comments = props.category = ""


@lru_cache(maxsize=8)
def _writer(layout: Layout, fonts: tuple[tuple[str, str], ...], bold_level3: bool) -> DocxWriter:
    return DocxWriter(layout, dict(fonts), bold_level3)


def render_docx(
    report: Report,
    *,
    office: str | Path | OfficeProfile | None = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: DocxFonts | None = None,
) -> bytes:
    """Render ``report`` to DOCX bytes with the same content and layout as the PDF.

    ``office`` and ``templates`` as for :func:`civreport.render_html`. ``fonts`` maps roles
    (``title``, ``heading1``, ``heading2``, ``body``, ``page_number``) to the font names the
    DOCX asks for; by default the profile's, else the official names (方正小标宋简体, 黑体,
    楷体_GB2312, 仿宋_GB2312, 宋体), which the reader's machine has.
    """
    profile = resolve_profile(office, report.profile, report.source)
    settings = profile.settings
    chosen = tuple(sorted({**settings.fonts.docx, **(fonts or {})}.items()))
    writer = _writer(layout or settings.page, chosen, settings.numbering.bold_level3)
    return writer.render(report, profile, templates)
