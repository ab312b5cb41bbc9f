"""Lines into paragraphs: a paragraph broken over lines (a manual line break in Word, a <br>,
a text file's hard wraps, the lines a website breaks a list into) is one paragraph again."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ...model.text import clean
from .dates import parse_date
from .headings import starts_heading
from .source import Drop, SourceBlock

# A line ending with one of these ends its paragraph; a heading number starts one.
_PARAGRAPH_END = "。！？!?…"
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、])")
_LATIN_EDGE = re.compile(r"[A-Za-z0-9]$")
_SENTENCE_MARKS = re.compile(r"[，。；：,;:！？]")
_OPEN_END = tuple(_PARAGRAPH_END + "；;：:”’）)》")  # a line ending so may end its paragraph


def joined(a: str, b: str) -> str:
    """Two pieces of one paragraph: no space between Chinese, one between Latin words."""
    return a + (" " if _LATIN_EDGE.search(a) and re.match(r"[A-Za-z0-9]", b) else "") + b


def _continues(
    previous: SourceBlock, last: SourceBlock, block: SourceBlock, wrapped: bool, width: int, first: bool
) -> bool:
    """Whether ``block`` carries on the paragraph ``previous`` started, whose last line is ``last``;
    ``first``: ``previous`` is the document's first paragraph."""
    if previous.rows is not None or block.rows is not None or previous.level or block.level:
        return False
    text, before = block.text, previous.text
    if starts_heading(text) or _ORDINAL.match(text) or before.endswith(tuple(_PARAGRAPH_END)):
        return False
    if parse_date(text) or parse_date(before):
        return False  # a date line is the sign-off's own, however close the office name stands
    if block.soft_break:
        return True
    if first and len(before) <= 60 and not _SENTENCE_MARKS.search(before):
        return False  # a title's lines: the front matter tells which belong to it (not 县委书记 李建国)
    if starts_heading(before) and not (width > 20 and len(last.text) >= width - 2):
        return False  # a heading on a line of its own, its text on the next
    if block.style is not None or block.new_paragraph:
        return False  # paragraphs of a styled document are paragraphs
    if block.line == last.line + 1 and wrapped:
        return True  # no blank line between: in a text whose paragraphs are set apart by blank lines
    if block.line == last.line + 1 and len(last.text) >= 30 and "，" in last.text and not last.text.endswith(_OPEN_END):
        return True  # a sentence cut off on the line before (……统计数据质量 / 稳步提升……)
    # Hard-wrapped text: the line before ran to the wrap width and stopped mid-sentence.
    return width > 20 and len(last.text) >= width - 2 and not wrapped


def printable(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Drop]]:
    """The blocks with what no document can print dropped (and listed), the text's own line
    separators (U+2028, NEL …) made line breaks inside their paragraph."""
    out: list[SourceBlock] = []
    drops: list[Drop] = []
    for block in blocks:
        text, dropped = clean(block.text)
        rows = tuple(tuple(clean(cell)[0] for cell in row) for row in block.rows) if block.rows else block.rows
        dropped += "".join(clean(cell)[1] for row in block.rows or () for cell in row)
        if dropped:
            codes = "、".join(sorted({f"U+{ord(c):04X}" for c in dropped}))
            drops.append(Drop(block.line, codes, "无法打印的字符"))
        lines = text.split("\n")
        out += [
            replace(block, text=line.strip(), rows=rows if i == 0 else None, soft_break=block.soft_break or i > 0)
            for i, line in enumerate(lines)
            if line.strip() or (i == 0 and rows is not None)
        ]
    return out, drops


def paragraphs(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """The blocks joined into paragraphs, each at the line it starts on."""
    text_blocks = [b for b in blocks if b.rows is None and b.style is None]
    gaps = [b.line - a.line for a, b in itertools.pairwise(text_blocks)]
    # Blank lines between most lines: a line right after another is the same paragraph.
    wrapped = bool(gaps) and sum(g > 1 for g in gaps) > len(gaps) / 2
    lengths = sorted(len(b.text) for b in text_blocks)
    # The wrap width of a hard-wrapped text: most long lines have the same length.
    width = lengths[len(lengths) * 9 // 10] if len(lengths) >= 10 and lengths[len(lengths) // 2] == lengths[-1] else 0
    out: list[SourceBlock] = []
    for i, block in enumerate(blocks):
        if out and _continues(out[-1], blocks[i - 1], block, wrapped, width, len(out) == 1):
            out[-1] = replace(out[-1], text=joined(out[-1].text, block.text))
        else:
            out.append(replace(block, soft_break=False))
    return out
