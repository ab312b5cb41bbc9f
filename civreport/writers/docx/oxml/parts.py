"""Whole parts of the package as XML bytes: the document with a report's body, the theme with
the office's fonts, and the core properties."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from lxml import etree

from .elements import W_NS, Element, find, qn
from .sections import end_section

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


class DocumentXml:
    """``word/document.xml`` of a prepared package, parsed once; each report's body is written
    into a copy. The package has two sections: the numbered one, whose properties a paragraph
    holds, and the document's last, unnumbered; a body is all of the first, unless it says
    where the second starts."""

    def __init__(self, xml: bytes) -> None:
        self._document = etree.fromstring(xml)
        body = find(self._document, "w:body")
        holder = next(p for p in body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
        self.numbered = find(holder, "w:pPr/w:sectPr")
        body.remove(holder)

    def with_body(self, body: Sequence[Element], unnumbered_from: int | None = None) -> bytes:
        """The document with ``body`` (paragraphs and tables) as its content, in the numbered
        section up to ``body[unnumbered_from]``, in the unnumbered one from there."""
        document = copy.deepcopy(self._document)
        content = find(document, "w:body")
        section = find(content, "w:sectPr")
        blocks = list(body)
        if unnumbered_from is None:
            numbered = copy.deepcopy(self.numbered)
            content.replace(section, numbered)
            section = numbered
        else:
            end_section(blocks, unnumbered_from, self.numbered)
        for block in blocks:
            section.addprevious(block)
        return etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)


def theme_fonts(theme: bytes, major: str, minor: str) -> bytes:
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


def font_table(names: Iterable[str], alternates: Mapping[str, str]) -> bytes:
    """``word/fontTable.xml`` naming each font of the document; a Chinese font of
    ``alternates`` as a simplified-Chinese (GB2312, charset 86) fixed-pitch font with the name
    Word and WPS take where it is missing, any other by its name alone."""
    w = f"{{{W_NS}}}"
    root = etree.Element(f"{w}fonts", nsmap={"w": W_NS})
    for name in dict.fromkeys(names):
        font = etree.SubElement(root, f"{w}font", {f"{w}name": name})
        if name in alternates:
            etree.SubElement(font, f"{w}altName", {f"{w}val": alternates[name]})
            for tag, value in (("charset", "86"), ("family", "modern"), ("pitch", "fixed")):
                etree.SubElement(font, f"{w}{tag}", {f"{w}val": value})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def core_properties(title: str, author: str, subject: str, created: date | None) -> bytes:
    """Core properties: title, subject, author and the report's date; nothing from the clock."""
    ns = _CORE_NS
    root = etree.Element(f"{{{ns['cp']}}}coreProperties", nsmap=ns)
    for tag, text in (
        ("dc:title", title),
        ("dc:subject", subject),
        ("dc:creator", author),
        ("cp:lastModifiedBy", author),
        ("cp:revision", "1"),
    ):
        prefix, name = tag.split(":")
        etree.SubElement(root, f"{{{ns[prefix]}}}{name}").text = text
    if created is not None:
        for name in ("created", "modified"):
            stamp = etree.SubElement(root, f"{{{ns['dcterms']}}}{name}")
            stamp.set(f"{{{ns['xsi']}}}type", "dcterms:W3CDTF")
            stamp.text = f"{created.isoformat()}T00:00:00Z"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
