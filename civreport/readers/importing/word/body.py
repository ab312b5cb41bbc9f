"""The body of a .docx as source blocks, as Word displays it: paragraph by paragraph and table
by table in reading order, automatic numbering written in front of the text, deleted revisions,
field codes and tables of contents left out, text boxes and notes after their paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import cast

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from lxml import etree

from ....errors import InputError
from ....model.punctuation import JOINED_RANGE_DASH
from ..source import MAX_BLOCKS, TOO_MANY, ListNumber, SourceBlock
from .numbering import Numbering
from .package import open_document
from .styles import Chain, Styles
from .wml import MC, VAL, Element, W, as_int, is_on, val


def read_docx(data: bytes, file: str) -> list[SourceBlock]:
    """The body of a .docx, paragraph by paragraph and table by table, in reading order."""
    document = open_document(data, file)
    body = cast("Element | None", document.element.body)
    if body is None:
        return []
    part = document.part
    try:
        numbering = cast("Element | None", getattr(part.part_related_by(RT.NUMBERING), "element", None))
    except (KeyError, ValueError):  # none, or more than one: Word shows no numbers then either
        numbering = None
    reader = _Reader(Styles(part.styles.element), numbering, file)
    for relation, tag in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
        try:
            notes = parse_xml(part.part_related_by(relation).blob)  # python-docx's parser: no entities resolved
        except (KeyError, ValueError, etree.XMLSyntaxError):
            continue
        for note in notes.iterfind(f"{W}{tag}"):
            if note.get(f"{W}type") in (None, "normal"):  # not the separator lines
                reader.notes[(f"{W}{tag}Reference", note.get(f"{W}id", ""))] = note
    return reader.read(body)


class _Break(Enum):
    SOFT = "soft"  # a manual line, page or column break: the paragraph goes on, on a new line
    HARD = "hard"  # the paragraph's end


_P, _TBL, _TR, _TC, _R, _T, _BR, _SDT, _SDT_CONTENT, _FLD_CHAR = (
    W + tag for tag in ("p", "tbl", "tr", "tc", "r", "t", "br", "sdt", "sdtContent", "fldChar")
)
# Containers whose content Word shows in line with the text around them.
_INLINE = frozenset(
    W + tag for tag in ("hyperlink", "smartTag", "fldSimple", "ins", "moveTo", "customXml", "dir", "bdo")
)
# What other run content Word shows: w:instrText (field codes), w:delText, w:sym, soft hyphens
# and note references are not in it.
_RUN_CONTENT: dict[str, str | _Break] = {
    f"{W}tab": " ",
    f"{W}ptab": " ",
    f"{W}noBreakHyphen": "-",
    f"{W}cr": _Break.SOFT,
}
_BLOCK = frozenset((_SDT, f"{W}customXml"))
_CONTENTS_STYLE = re.compile(r"(?:toc|目录)\s*[1-9]$", re.IGNORECASE)
_NOTE_REFERENCES = frozenset((f"{W}footnoteReference", f"{W}endnoteReference"))
_MC_FALLBACK = f"{MC}Fallback"
_TXBX = f"{W}txbxContent"
_INSTR = f"{W}instrText"


def _text_boxes(p: Element) -> list[Element]:
    """The text boxes anchored in paragraph ``p``: each once (Word writes a box twice, for new
    and old readers, in mc:Choice and mc:Fallback) and not those inside another (read with it)."""
    boxes = []
    for box in p.iter(_TXBX):
        between = []
        for ancestor in box.iterancestors():
            if ancestor is p:
                break
            between.append(ancestor.tag)
        if _MC_FALLBACK not in between and _TXBX not in between:
            boxes.append(box)
    return boxes


def _placeholder(sdt: Element) -> bool:
    """A content control still showing Word's prompt (单击或点击此处输入文字。): no one wrote it."""
    return sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def _items(container: Element, tags: frozenset[str]) -> Iterator[Element]:
    """The children of ``container`` with one of ``tags``, looking inside content controls and
    custom XML, whose content is part of the text."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT and _placeholder(child):
            continue
        elif child.tag in _BLOCK:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _items(content, tags)


def body_items(body: Element) -> Iterator[Element]:
    """The paragraphs and tables of a document's body in reading order: the ``line`` of each
    source block counts them from 1 (what the proofreader's comments find their paragraph by)."""
    return _items(body, frozenset((_P, _TBL)))


@dataclass
class _Field:
    """A field being read: in its code (PAGE, TOC \\o "1-3" …) until its result begins."""

    in_code: bool = True
    code: str = ""


def _frame(table: Element) -> Element | None:
    """The one cell of a table of one row and one cell, which frames what it holds."""
    cells = [tc for tr in _items(table, frozenset((_TR,))) for tc in _items(tr, frozenset((_TC,)))]
    return cells[0] if len(cells) == 1 else None


def _mark_deleted(p: Element) -> bool:
    """Whether a tracked change deleted the paragraph's mark: in Word's final view it runs on
    into the next paragraph."""
    return p.find(f"{W}pPr/{W}rPr/{W}del") is not None


class _Reader:
    def __init__(self, styles: Styles, numbering: Element | None, file: str) -> None:
        self.styles = styles
        self.numbering = Numbering(numbering, styles)
        self.file = file
        self.blocks: list[SourceBlock] = []
        self.fields: list[_Field] = []  # the open fields, innermost last (fields span runs)
        self.in_contents = False  # the paragraph being read shows a table of contents field's result
        self.notes: dict[tuple[str, str], Element] = {}  # (reference tag, id) → the footnote or endnote
        self.notes_due: list[str] = []  # the notes the current paragraph refers to, as 注：……
        self.carried: list[str] = []  # text of paragraphs whose mark was deleted, for the next one

    def read(self, body: Element) -> list[SourceBlock]:
        line = 0
        for line, item in enumerate(body_items(body), start=1):
            self._block(item, line)
        self._flush_carried(line)
        return self.blocks

    def _block(self, item: Element, line: int) -> None:
        """A paragraph or table of the body or of a text box; after a paragraph, the notes it
        refers to and the text boxes anchored in it."""
        if item.tag == _TBL:
            self._flush_carried(line)
            if (frame := _frame(item)) is not None:  # a document set in a box: its paragraphs and tables
                for inner in _items(frame, frozenset((_P, _TBL))):
                    self._block(inner, line)
            else:
                self._emit(SourceBlock(text="", line=line, rows=self._rows(item)))
            return
        style_id = self.styles.of(item)
        style = self.styles.name(style_id)
        if any(_CONTENTS_STYLE.match(name or "") for name in (style, val(item, f"{W}pPr/{W}pStyle"))):
            return  # a table of contents repeats the headings, with page numbers
        chain = self.styles.chain(style_id)
        level = self.styles.level(item, chain)
        segments, number = self._paragraph(item, chain)
        if segments and _mark_deleted(item):
            self.carried += [text for text, _ in segments]  # its mark deleted: it runs on into the next
            return
        if self.carried and segments:
            segments[0] = ("".join(self.carried) + segments[0][0], segments[0][1])
            self.carried = []
        self._flush_carried(line)
        for i, (text, soft) in enumerate(segments):
            first = i == 0 and number is not None
            self._emit(
                SourceBlock(
                    text=(number.text if first and number else "") + text,
                    line=line,
                    style=style,
                    level=level,
                    soft_break=soft,
                    new_paragraph=not soft,
                    number=number if first else None,
                )
            )
        for note in self.notes_due:
            self._emit(SourceBlock(text=note, line=line))
        self.notes_due = []
        for box in _text_boxes(item):
            for inner in _items(box, frozenset((_P, _TBL))):
                self._block(inner, line)

    def _flush_carried(self, line: int) -> None:
        """Text whose paragraph mark was deleted, with no paragraph after it to run on into."""
        if self.carried:
            self._emit(SourceBlock(text="".join(self.carried), line=line))
            self.carried = []

    def _emit(self, block: SourceBlock) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            raise InputError.single(self.file, TOO_MANY)
        self.blocks.append(block)

    def _paragraph(self, p: Element, chain: Chain) -> tuple[list[tuple[str, bool]], ListNumber | None]:
        """The paragraph's non-empty lines, each with whether a manual line break (not a page
        break) separates it from the line before, and the number Word shows in front of them."""
        tokens: list[str | _Break] = []
        self.in_contents = False
        self._inline(p, tokens)
        if self.in_contents:
            return [], None  # an entry of a table of contents: the heading it repeats follows
        mark_deleted = _mark_deleted(p)
        if mark_deleted and not "".join(t for t in tokens if isinstance(t, str)).strip():
            return [], None  # deleted, mark and all: in Word's final view it is gone, and takes no number
        # A paragraph whose mark is deleted runs on into the next, whose mark (and number) it takes.
        number = None if mark_deleted else self.numbering.number(p, chain)
        segments: list[tuple[str, bool]] = []
        text: list[str] = []
        soft = False
        for token in [*tokens, _Break.HARD]:
            if isinstance(token, str):
                text.append(token)
                continue
            line = "".join(text).strip()
            if line:
                segments.append((line, soft and bool(segments)))
            text, soft = [], token is _Break.SOFT
        return segments, number if segments else None

    def _lines(self, p: Element) -> list[str]:
        """The paragraph's lines as Word shows them, its number in front of the first."""
        segments, number = self._paragraph(p, self.styles.chain(self.styles.of(p)))
        return [(number.text if number and i == 0 else "") + text for i, (text, _) in enumerate(segments)]

    def _inline(self, parent: Element, out: list[str | _Break]) -> None:
        for child in parent:
            if child.tag == _R:
                self._run(child, out)
            elif child.tag in _INLINE:
                self._inline(child, out)
            elif child.tag == _SDT and not _placeholder(child):
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, out)
            # Anything else shows no text of its own here: w:del and w:moveFrom (deleted revisions),
            # properties, bookmarks, comments, drawings and text boxes.

    def _run(self, run: Element, out: list[str | _Break]) -> None:
        hidden = is_on(run.find(f"{W}rPr/{W}vanish"))
        for child in run:
            tag = child.tag
            if tag == _FLD_CHAR:  # fields: begin, code, separate, result (what Word shows), end
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].in_code = False
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == _INSTR and self.fields and self.fields[-1].in_code:
                self.fields[-1].code += child.text or ""
            elif hidden or any(f.in_code for f in self.fields):
                continue
            elif tag == _T:
                self.in_contents = self.in_contents or any(
                    f.code.lstrip().upper().startswith("TOC") for f in self.fields
                )
                # Less the joiner before a range dash that civreport's own DOCX carries.
                out.append(JOINED_RANGE_DASH.sub("", child.text or ""))
            elif tag == _BR:
                # A page or column break inside a paragraph moves the rest of it on, like a line
                # break: the paragraph goes on (a sentence may run across it).
                out.append(_Break.SOFT)
            elif tag in _RUN_CONTENT:
                out.append(_RUN_CONTENT[tag])
            elif tag in _NOTE_REFERENCES:  # the note follows its paragraph as 注：……
                note = self.notes.get((tag, child.get(f"{W}id", "")))
                if note is not None:
                    lines = [text for p in _items(note, frozenset((_P,))) for text in self._lines(p)]
                    if lines:
                        self.notes_due.append("注：" + "".join(lines))

    def _rows(self, table: Element) -> tuple[tuple[str, ...], ...]:
        rows: list[tuple[str, ...]] = []
        for tr in _items(table, frozenset((_TR,))):
            if tr.find(f"{W}trPr/{W}del") is not None:  # a deleted row
                continue
            cells: list[str] = []
            for tc in _items(tr, frozenset((_TC,))):
                tc_pr = tc.find(f"{W}tcPr")
                text = self._cell(tc)  # read even when merged away: numbering and fields count on
                if val(tc_pr, f"{W}hMerge") not in (None, "restart"):
                    continue  # the old way of merging across: the cell shows as part of the one before
                vmerge = tc_pr.find(f"{W}vMerge") if tc_pr is not None else None
                cells.append("" if vmerge is not None and vmerge.get(VAL) != "restart" else text)
                # A cell spanning columns: the columns after it stay in their places.
                cells.extend([""] * (min(as_int(val(tc_pr, f"{W}gridSpan"), 1), 64) - 1))
            rows.append(tuple(cells))
        return tuple(rows)

    def _cell(self, tc: Element) -> str:
        lines: list[str] = []
        for item in _items(tc, frozenset((_P, _TBL))):
            if item.tag == _TBL:  # a nested table: a line per row
                lines.extend(" ".join(cell for cell in row if cell) for row in self._rows(item))
            else:
                lines.extend(self._lines(item))
        return "\n".join(line for line in lines if line)
