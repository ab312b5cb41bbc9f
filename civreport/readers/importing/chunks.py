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
_HEADING_BEFORE = re.compile(
    r"(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)$"
)  # its title's place
_SENTENCE_END = "。！？；：…”’）)!?;:"
_IN_CLAUSE = "，、“‘（《,("  # marks inside a sentence a page may end after
_CUT_LINE = 30  # a block this long that stops mid-sentence was cut off by the chunk after it
_CHUNK_CHARS = 120  # a page's chunk holds hundreds of characters; a list's item, a sentence
_SKIPPED = 2  # chunk numbers in a row the series may miss and look for between its neighbours


@dataclass(frozen=True)
class _Candidate:
    block: int  # index of the block
    offset: int  # where the block starts in the whole text
    start: int
    end: int
    number: int
    breaks: bool  # it breaks a sentence: a character stands before it, or a heading's number after it
    in_clause: bool  # it stands after a mark inside a sentence (，“): a list's number, or a page's

    @property
    def at(self) -> int:
        return self.offset + self.start


def _candidates(blocks: list[SourceBlock]) -> list[_Candidate]:
    found: list[_Candidate] = []
    previous: SourceBlock | None = None
    offset = 0
    for index, block in enumerate(blocks):
        offset += len(block.text)
        if block.rows is not None or block.new_paragraph:  # a Word paragraph or list item: no site cut it
            previous = None
            continue
        text = block.text
        for m in _NUMBER.finditer(text):
            after = text[m.end() : m.end() + MARKER_CHARS]  # as far as a heading's number: read once
            if not after:
                continue
            in_clause = False
            if m.start() == 0:
                breaks = (
                    previous is not None
                    and len(previous.text) > _CUT_LINE
                    and not previous.text.endswith(tuple(_SENTENCE_END))
                )
            else:
                before = text[max(m.start() - MARKER_CHARS, 0) : m.start()].rstrip()
                heading_next = (found_marker := marker(after)) is not None and not found_marker.bare
                breaks = not after[0].isdigit() and (
                    bool(_WORD_BEFORE.search(before) or _HEADING_BEFORE.search(before)) or heading_next
                )
                in_clause = not breaks and not after[0].isdigit() and before[-1:] in _IN_CLAUSE
            found.append(_Candidate(index, offset - len(text), m.start(), m.end(), int(m[1]), breaks, in_clause))
        previous = block
    return found


def _series(candidates: list[_Candidate], blocks: list[SourceBlock]) -> list[_Candidate]:
    """The chunk numbers: those that break a sentence, each one more than the last (or a few
    more: a page may end where a number does not break a sentence, ……；5、……); the numbers the
    series leaves out, where one stands alone between its neighbours (……达到104、0%: 10|4、);
    and those opening blocks before the first (1、 at the top of the text)."""
    chain: list[_Candidate] = []
    for candidate in candidates:
        if not chain or 0 < candidate.number - chain[-1].number <= _SKIPPED + 1:
            # After a comma or a quote only a page away from the last: ……，2、……，3、 is a list.
            page_away = candidate.at - (chain[-1].at if chain else 0) >= _CHUNK_CHARS
            if candidate.breaks or (candidate.in_clause and page_away):
                chain.append(candidate)
    if not chain:
        return []
    filled = [chain[0]]
    for after in chain[1:]:
        for number in range(filled[-1].number + 1, after.number):
            found = _alone(blocks, number, filled[-1].at + 1, after.at)
            if found is None:
                break
            filled.append(found)
        filled.append(after)
    while filled[0].number > 1:
        number = filled[0].number - 1
        opening = [c for c in candidates if c.start == 0 and c.number == number and c.at < filled[0].at]
        found = opening[-1] if opening else _alone(blocks, number, 0, filled[0].at)
        if found is None or (filled[-1].at - found.at) / len(filled) < _CHUNK_CHARS:
            break  # none, or a list whose items lack their full stops, not pages
        filled.insert(0, found)
    return filled


def _alone(blocks: list[SourceBlock], number: int, low: int, high: int) -> _Candidate | None:
    """The one ``number、`` between two places of the text, if there is exactly one."""
    found: list[_Candidate] = []
    offset = 0
    for index, block in enumerate(blocks):
        if offset < high and offset + len(block.text) > low and block.rows is None:
            for m in re.finditer(rf"{number}\s*、\s*", block.text):
                if low <= offset + m.start() < high:
                    found.append(_Candidate(index, offset, m.start(), m.end(), number, False, False))
        offset += len(block.text)
    return found[0] if len(found) == 1 else None


def drop_chunk_numbers(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Drop]]:
    """The paragraphs without the page-chunk numbers a site put in them (a paragraph a number
    cut off joined to the one before), and the numbers dropped."""
    chosen = _series(_candidates(blocks), blocks)
    if not chosen:
        return blocks, []
    cuts: dict[int, list[_Candidate]] = {}
    for candidate in chosen:
        cuts.setdefault(candidate.block, []).append(candidate)
    drops = [Drop(blocks[c.block].line, blocks[c.block].text[c.start : c.end].strip(), REASON) for c in chosen]
    out: list[SourceBlock] = []
    for index, block in enumerate(blocks):
        text = block.text
        for c in reversed(cuts.get(index, [])):
            # Set apart by spaces it stood between two words (unix 2、 linux); else inside one (10|5、|0%).
            spaced = text[c.start - 1 : c.start].isspace() or text[c.end - 1].isspace()
            before, after = text[: c.start], text[c.end :]
            text = joined(before.rstrip(), after) if spaced else before + after
        first = cuts.get(index, [None])[0]
        if first is not None and first.start == 0 and first.breaks and out and out[-1].rows is None:
            out[-1] = replace(out[-1], text=joined(out[-1].text, text))  # the rest of a sentence cut off
        elif text:
            out.append(replace(block, text=text))
    return out, drops
