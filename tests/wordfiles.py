"""Word files built in tests with python-docx: lists defined in numbering.xml, numbered paragraphs."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

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
