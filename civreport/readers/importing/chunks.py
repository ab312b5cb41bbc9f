"""Page-chunk numbers: a document-sharing site shows a .doc's text in chunks and numbers each
where it begins (1、 … 2、 … 3、 …), wherever that falls, mid-sentence as often as not, on a line
of its own or inside a line whose breaks were lost. A number goes only when it breaks a sentence
(a character stands right before it, or it stands before a heading's own number) and runs on
from the chunk number before it; the 1、 opening the first chunk goes with the series that
follows it. A list's numbers (……：1、……；2、……) and ranges (1、2月) stay."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .headings import MARKER_CHARS, marker
from .paragraphs import joined
from .source import Drop, SourceBlock

REASON = "网站插入的分段序号"
_NUMBER = re.compile(r"(?<![\d、.．])(\d{1,3})\s*、\s*")
_WORD_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z]\s*$")  # what stands before a number that breaks a sentence
_SENTENCE_END = "。！？；：…”’）)!?;:"
_CUT_LINE = 30  # a block this long that stops mid-sentence was cut off by the chunk after it
_CHUNK_CHARS = 200  # a page's chunk holds hundreds of characters; a list's item, a sentence


@dataclass(frozen=True)
class _Candidate:
    block: int  # index of the block
    offset: int  # where the block starts in the whole text
    start: int
    end: int
    number: int
    breaks: bool  # it breaks a sentence


def _candidates(blocks: list[SourceBlock]) -> list[_Candidate]:
    found: list[_Candidate] = []
    previous: SourceBlock | None = None
    offset = 0
    for index, block in enumerate(blocks):
        offset += len(block.text)
        if block.rows is not None:
            previous = None
            continue
        text = block.text
        for m in _NUMBER.finditer(text):
            after = text[m.end() : m.end() + MARKER_CHARS]  # as far as a heading's number: read once
            if not after:
                continue
            if m.start() == 0:
                breaks = (
                    previous is not None
                    and len(previous.text) > _CUT_LINE
                    and not previous.text.endswith(tuple(_SENTENCE_END))
                )
            else:
                before = text[max(m.start() - MARKER_CHARS, 0) : m.start()]
                heading_next = (found_marker := marker(after)) is not None and not found_marker.bare
                breaks = not after[0].isdigit() and (bool(_WORD_BEFORE.search(before)) or heading_next)
            found.append(_Candidate(index, offset - len(text), m.start(), m.end(), int(m[1]), breaks))
        previous = block
    return found


def _series(candidates: list[_Candidate]) -> list[_Candidate]:
    """The chunk numbers: those that break a sentence, each one more than the last, and the
    numbers opening blocks just before the first of them (1、 at the top of the text)."""
    chain: list[_Candidate] = []
    for candidate in candidates:
        if candidate.breaks and (not chain or candidate.number == chain[-1].number + 1):
            chain.append(candidate)
    if not chain:
        return []
    first = candidates.index(chain[0])
    for candidate in reversed(candidates[:first]):
        if candidate.start == 0 and candidate.number == chain[0].number - 1:
            spacing = (chain[-1].offset + chain[-1].start - candidate.offset) / len(chain)
            if spacing < _CHUNK_CHARS:
                break  # a list whose items lack their full stops, not pages
            chain.insert(0, candidate)
    return chain


def drop_chunk_numbers(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Drop]]:
    """The paragraphs without the page-chunk numbers a site put in them (a paragraph a number
    cut off joined to the one before), and the numbers dropped."""
    chosen = _series(_candidates(blocks))
    if not chosen:
        return blocks, []
    cuts: dict[int, list[_Candidate]] = {}
    for candidate in chosen:
        cuts.setdefault(candidate.block, []).append(candidate)
    drops = [Drop(blocks[c.block].line, blocks[c.block].text[c.start : c.end].strip(), REASON) for c in chosen]
    out: list[SourceBlock] = []
    for index, block in enumerate(blocks):
        text = block.text
        for candidate in reversed(cuts.get(index, [])):
            text = joined(text[: candidate.start].rstrip(), text[candidate.end :])
        first = cuts.get(index, [None])[0]
        if first is not None and first.start == 0 and first.breaks and out and out[-1].rows is None:
            out[-1] = replace(out[-1], text=joined(out[-1].text, text))  # the rest of a sentence cut off
        elif text:
            out.append(replace(block, text=text))
    return out, drops
