"""Word files built in tests with python-docx: lists defined in numbering.xml, numbered paragraphs;
drafts with faults planted in them, each recorded where it is."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass

import docx
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

NS = nsdecls("w", "r")


def build(fill: Callable[[DocumentObject], object]) -> bytes:
    document = docx.Document()
    fill(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_xml(document: DocumentObject, xml: str) -> None:
    """Put a body element given as XML before the section properties, where Word has it."""
    document.element.body.sectPr.addprevious(parse_xml(xml))


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def add_list(document: DocumentObject, abstract_id: int, levels: str, nums: dict[int, str]) -> None:
    """An abstractNum and the nums that use it (numId → its lvlOverride XML)."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'))
    for num_id, overrides in nums.items():
        numbering.append(
            parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>')
        )


def numbered(document: DocumentObject, text: str, num_id: int, ilvl: int | None = 0, style: str | None = None) -> None:
    paragraph = document.add_paragraph(text, style)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


FOUR_LEVELS = (
    lvl(0, "chineseCounting", "%1、")
    + lvl(1, "chineseCounting", "（%2）")
    + lvl(2, "decimal", "%3.")
    + lvl(3, "decimal", "（%4）")
)


# A 1×1 PNG: the originals carry a picture, which the copies must keep.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@dataclass(frozen=True)
class Planted:
    """A fault put in a draft: the rule that should find it, the paragraph (or table) it is in,
    the characters a comment should stand on, and where it is (body, heading, cell, title)."""

    code: str
    paragraph: int
    chars: str
    where: str
    cell: str | None = None  # the cell's text, for a fault in a table


class Draft:
    """A Word draft built with python-docx, recording each fault planted in it."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self.planted: list[Planted] = []
        section = self.document.sections[0]
        section.header.paragraphs[0].text = "小河区创城办"
        section.footer.paragraphs[0].text = "内部资料　注意保存"

    def _index(self) -> int:
        return sum(1 for child in self.document.element.body if child.tag.endswith(("}p", "}tbl")))

    def add(self, text: str, *faults: tuple[str, str], where: str = "body", style: str | None = None) -> None:
        self.document.add_paragraph(text, style)
        for code, chars in faults:
            assert chars in text, (code, chars)
            self.planted.append(Planted(code, self._index(), chars, where))

    def table(self, rows: list[list[str]], *faults: tuple[str, str, str]) -> None:
        """A table; each fault names the cell text it is in and the characters."""
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.document.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for code, cell, chars in faults:
            assert chars in cell and any(cell in row for row in rows), (code, cell)
            self.planted.append(Planted(code, self._index(), chars, "cell", cell))

    def picture(self) -> None:
        self.document.add_paragraph().add_run().add_picture(io.BytesIO(PIXEL), width=Cm(1))

    def data(self) -> bytes:
        """The draft as Word would save it: python-docx's template also carries Word 2010's copy
        of the styles, which no longer matches them (openxml-audit warns); Word 2013 on writes none."""
        part = self.document.part
        for rel_id, rel in list(part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                part.drop_rel(rel_id)
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()
