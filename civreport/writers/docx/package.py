"""The DOCX package: everything that does not depend on the report, prepared once per writer
(styles, page set-up, footers, theme fonts), and the archive each report is written into.

Each report adds only its ``word/document.xml`` and ``docProps/core.xml`` to a copy of the
prepared archive, whose other members are compressed once; every member carries the same
fixed timestamp, so the same page gives byte-identical files.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date

import docx
from docx.document import Document
from docx.shared import Mm
from lxml import etree

from ...office.fonts import FontRole
from ...office.layout import MM, TWIPS, Layout
from ...office.styles import StyleTable
from . import oxml as x
from .styles import character_style_id, define_styles, trim

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the archive never depends on the clock
# Parts of python-docx's default template a summary never uses; the blank-page thumbnail
# would even misrepresent the file in file browsers.
UNUSED_PARTS = {"stylesWithEffects", "webSettings", "customXml", "thumbnail"}
# Word's simplified-Chinese kinsoku list of characters that never end a line, plus the
# dash: the two halves of —— must not part (GB/T 15834).
NO_BREAK_AFTER = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥—"

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def _set_up_page(document: Document, layout: Layout) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(layout.page_width_mm), Mm(layout.page_height_mm)
    section.top_margin, section.bottom_margin = Mm(layout.margin_top_mm), Mm(layout.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.margin_inner_mm), Mm(layout.margin_outer_mm)
    section.gutter = 0
    # The footer line starts page_number_gap_mm under the text block (GB/T 9704 7.5).
    number_line_mm = layout.page_number_size_pt / MM
    section.footer_distance = Mm(layout.margin_bottom_mm - layout.page_number_gap_mm - number_line_mm)
    grid = x.find(section._sectPr, "w:docGrid")
    grid.attrib.clear()
    grid.set(x.qn("w:type"), "lines")
    grid.set(x.qn("w:linePitch"), str(layout.line_pitch_twips))
    settings = document.settings.element
    kinsoku = x.element("noLineBreaksAfter", lang="zh-CN", val=NO_BREAK_AFTER)
    x.find(settings, "w:characterSpacingControl").addnext(kinsoku)  # schema order
    if layout.mirrored:
        x.find(settings, "w:zoom").addnext(x.element("mirrorMargins"))  # schema order: right after w:zoom


def _add_footers(document: Document, layout: Layout, style_id: str) -> None:
    """Page numbers “— N —”: right on odd pages, left on even pages, one 14 pt character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    inset = round(layout.page_number_size_pt * TWIPS)
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        ppr = x.properties(p, "pPr")
        x.child(ppr, "pStyle", val=style_id)
        x.child(ppr, "ind", **{side: inset})
        x.child(ppr, "jc", val=side)
        x.page_field(p, "— ", " —")


def _theme_fonts(theme: bytes, major: str, minor: str) -> bytes:
    """The theme's heading and body fonts in every slot, East Asian included, so WPS and Word
    look for no font the office does not have."""
    root = etree.fromstring(theme)
    for kind, name in (("majorFont", major), ("minorFont", minor)):
        fonts = next(root.iter(f"{{{_A}}}{kind}"))
        for slot in ("latin", "ea", "cs"):
            next(fonts.iter(f"{{{_A}}}{slot}")).set("typeface", name)
        for script in fonts.findall(f"{{{_A}}}font"):
            if script.get("script") == "Hans":
                script.set("typeface", name)
            else:
                fonts.remove(script)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
        saved = io.BytesIO()
        document.save(saved)
        with zipfile.ZipFile(saved) as source:
            members = {info.filename: source.read(info) for info in source.infolist()}
        members["word/theme/theme1.xml"] = _theme_fonts(members["word/theme/theme1.xml"], fonts["heading1"],
                                                        fonts["body"])
        self._document = etree.fromstring(members.pop(DOCUMENT))
        members.pop(CORE)
        fixed = io.BytesIO()
        with zipfile.ZipFile(fixed, "w") as archive:
            for name, data in members.items():
                archive.writestr(_member(name), data)
        self._fixed = fixed.getvalue()

    def write(self, body: Sequence[etree._Element], title: str, author: str, subject: str,
              created: date | None) -> bytes:
        """The archive with ``body`` (paragraphs and tables) as the document's content."""
        document = copy.deepcopy(self._document)
        section = x.find(document, "w:body/w:sectPr")
        for block in body:
            section.addprevious(block)
        out = io.BytesIO(self._fixed)
        out.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out, "a") as archive:
            archive.writestr(_member(DOCUMENT), etree.tostring(document, xml_declaration=True, encoding="UTF-8",
                                                               standalone=True))
            archive.writestr(_member(CORE), _core(title, author, subject, created))
        return out.getvalue()


def _core(title: str, author: str, subject: str, created: date | None) -> bytes:
    """Core properties: title, subject, author and the report's date; nothing from the clock."""
    ns = _CORE_NS
    root = etree.Element(f"{{{ns['cp']}}}coreProperties", nsmap=ns)
    for tag, text in (("dc:title", title), ("dc:subject", subject), ("dc:creator", author),
                      ("cp:lastModifiedBy", author), ("cp:revision", "1")):
        prefix, name = tag.split(":")
        etree.SubElement(root, f"{{{ns[prefix]}}}{name}").text = text
    if created is not None:
        for name in ("created", "modified"):
            stamp = etree.SubElement(root, f"{{{ns['dcterms']}}}{name}")
            stamp.set(f"{{{ns['xsi']}}}type", "dcterms:W3CDTF")
            stamp.text = f"{created.isoformat()}T00:00:00Z"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
