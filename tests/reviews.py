"""What civreport writes into a clerk's Word file, read back: each comment with the characters it
is anchored on and the paragraph it is in; the tracked changes accepted or rejected, as Word's
接受所有修订 and 拒绝所有修订 do; and the comments and changes LibreOffice lists."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from libreoffice import soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    anchored: str  # the characters between its range's start and end
    paragraph: int  # the body's paragraph or table it starts in, from 1


def _body_items(root: etree._Element) -> list[etree._Element]:
    body = root.find(f"{W}body")
    assert body is not None
    return [child for child in body if child.tag in (f"{W}p", f"{W}tbl")]


def comments(data: bytes) -> list[Comment]:
    document = docx.Document(io.BytesIO(data))
    has = any(rel.reltype == RT.COMMENTS for rel in document.part.rels.values())
    said = {c.comment_id: (c.author, c.text) for c in document.comments} if has else {}
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    items = _body_items(root)
    anchored: dict[int, list[str]] = {}
    where: dict[int, int] = {}
    open_ids: set[int] = set()
    for element in root.iter():
        if element.tag == f"{W}commentRangeStart":
            cid = int(element.get(f"{W}id"))
            open_ids.add(cid)
            anchored[cid] = []
            top = element
            while top.getparent() is not None and top.getparent().tag != f"{W}body":
                top = top.getparent()
            where[cid] = items.index(top) + 1
        elif element.tag == f"{W}commentRangeEnd":
            open_ids.discard(int(element.get(f"{W}id")))
        elif element.tag in (f"{W}t", f"{W}delText"):
            for cid in open_ids:
                anchored[cid].append(element.text or "")
    return [Comment(*said[cid], "".join(anchored[cid]), where[cid]) for cid in sorted(anchored)]


def _rewritten(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename == "word/document.xml":
                root = etree.fromstring(member)
                change(root)
                member = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, member)
    return out.getvalue()


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def accepted(data: bytes) -> bytes:
    """Every tracked change accepted: deletions gone, insertions kept as text."""

    def accept(root: etree._Element) -> None:
        for mark in list(root.iter(f"{W}del")):
            if mark.getparent().tag != f"{W}rPr":
                mark.getparent().remove(mark)
        for mark in list(root.iter(f"{W}ins")):
            if mark.getparent().tag != f"{W}rPr":
                _unwrap(mark)

    return _rewritten(data, accept)


def rejected(data: bytes) -> bytes:
    """Every tracked change rejected: insertions gone, deletions text again."""

    def reject(root: etree._Element) -> None:
        for mark in list(root.iter(f"{W}ins")):
            if mark.getparent().tag != f"{W}rPr":
                mark.getparent().remove(mark)
        for text in root.iter(f"{W}delText"):
            text.tag = f"{W}t"
        for mark in list(root.iter(f"{W}del")):
            if mark.getparent().tag != f"{W}rPr":
                _unwrap(mark)

    return _rewritten(data, reject)


def text_of(data: bytes) -> list[str]:
    """The text of each body paragraph, and of each table cell, in order."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            out += [cell.text for row in item.rows for cell in row.cells]
        else:
            out.append(item.text)
    return out


@dataclass(frozen=True)
class Marks:
    """What LibreOffice lists of a file: its comments (author, text) and its tracked changes
    (insertion or deletion, author)."""

    comments: list[tuple[str, str]]
    changes: list[tuple[str, str]]


def libreoffice_marks(files: list[Path], workdir: Path) -> dict[str, Marks]:
    """The comments and tracked changes LibreOffice reads from each file (it is converted to a
    flat OpenDocument file, whose XML lists them)."""
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(workdir),
            *map(str, files),
        ],
        env=dict(os.environ, HOME=str(workdir)),
        check=True,
        capture_output=True,
        timeout=300,
    )
    found = {}
    for file in files:
        root = etree.parse(str(workdir / f"{file.stem}.fodt")).getroot()
        notes = [
            (
                note.findtext("dc:creator", namespaces=_ODF) or "",
                "".join(p.xpath("string()") for p in note.findall("text:p", _ODF)),
            )
            for note in root.iter(f"{{{_ODF['office']}}}annotation")
        ]
        changes = [
            (kind.tag.split("}")[1], kind.findtext(".//dc:creator", namespaces=_ODF) or "")
            for region in root.iter(f"{{{_ODF['text']}}}changed-region")
            for kind in region
        ]
        found[file.stem] = Marks(notes, changes)
    return found
