"""What every source format is read into before the importer recognises a summary in it: a
flat list of blocks, paragraphs with the hints their format gives, and tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import InputError
from ...model.limits import MAX_FILE_BYTES

MAX_IMPORT_BYTES = 4 * MAX_FILE_BYTES  # a Word file carries more than its text: 20 MB
MAX_UNPACKED_BYTES = 200_000_000  # what a .docx may unpack to (a zip bomb unpacks to far more)
MAX_BLOCKS = 50_000

TOO_BIG = f"文件超过了导入的上限 {MAX_IMPORT_BYTES // 1_000_000} MB：请删去其中的图片等内容，或拆成几个文件后分别导入"
TOO_DEEP = "文件的结构嵌套过深，无法完整读取：请另存为 UTF-8 文本后再导入"
TOO_MANY = f"段落过多（超过 {MAX_BLOCKS} 段），无法导入：请把文档拆成几个文件后分别导入"


@dataclass(frozen=True)
class ListNumber:
    """The number a format's own list numbering shows before a paragraph (Word's w:numPr),
    which the paragraph's text opens with: never typed, so never a website's chunk number."""

    text: str  # as it is shown: 一、 （一） 1. ①
    list: str  # the list it counts in: entries of one list nest by their level in it
    ilvl: int  # its level in that list, 0 the outermost


@dataclass(frozen=True)
class SourceBlock:
    """A paragraph (or a table) of a source document, in reading order."""

    text: str  # the paragraph's text, with automatic numbering written in front (（一）…)
    line: int  # where it is in the source: line of a text file, paragraph of a document (1-based)
    style: str | None = None  # the paragraph style's name (公文标题, Heading 1, 标题 1 …), if the format has styles
    level: int | None = None  # the heading or outline level (1–9) its style or format gives, None for body text
    rows: tuple[tuple[str, ...], ...] | None = None  # a table: the text of each cell, the first row first
    soft_break: bool = False  # it follows the previous block after a manual line break in the same paragraph
    new_paragraph: bool = (
        False  # the format marks it as a paragraph of its own (a Word paragraph, a Markdown list item)
    )
    number: ListNumber | None = None  # the list number the format shows before it, if any


@dataclass(frozen=True)
class Drop:
    """Text the importer left out: where it was, what it was, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Remark:
    """What the importer has to say about a line of the source: a title it guessed, text it
    could not read. The input file lists it as 第 N 行：……"""

    line: int
    text: str

    def __str__(self) -> str:
        return f"第 {self.line} 行：{self.text}"


class BlockList:
    """The blocks a reader has read so far; refuses the one past MAX_BLOCKS."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[SourceBlock] = []

    def add(self, block: SourceBlock) -> None:
        if len(self.items) >= MAX_BLOCKS:
            raise InputError.single(self.file, TOO_MANY, line=block.line)
        self.items.append(block)


# Whitespace at the ends of a line or block: Unicode spaces (U+3000, NBSP…) and the invisible
# characters editors leave there (a BOM of a file pasted into another, zero-width spaces).
_EDGE = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$")


def strip_edges(text: str) -> str:
    return _EDGE.sub("", text)
