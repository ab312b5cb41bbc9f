"""What a later quarter says again in other words, said once: the same running total with newer
figures (一季度以来，累计开展志愿服务活动300场 → 今年以来，累计开展志愿服务活动1200场), as the
latest says it; the same fact restated (a word changed, a clause added), as the fullest says it.
Each sentence left out is recorded with the one kept. Between quarters only: what two units say
alike is each unit's own fact (merging says it once, of them both, where the words are the same)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .inputs import Sources
from .provenance import DROPPED, Line
from .reading import Piece
from .sentences import FIGURE, normal, same, untimed
from .terms import content_words

# Words that make a figure a running total or a stock, which a later quarter's figure replaces;
# without them a figure is the quarter's own count, which adds to the others' (two facts). Not
# 以来 alone: 二季度以来 is the quarter's own.
_RUNNING = re.compile(r"累计|截至|截止|(?:今年|年初|本年度)以来|总数|总量|共有|现有|已有|已达")
# A figure with its scale, taken out before a sentence is cut into words.
_SCALED = re.compile(rf"(?:{FIGURE.pattern})[万亿]?")
_SHARE = 0.85  # the share of the key words of the sentence left out that the one kept has
_WORDS = 4  # a sentence with fewer key words says too little to be compared by them

MAX_COMPARED = 2_000_000  # pairs of sentences of a part compared: a bound on a roll-up's time
# The rules' names, as --explain gives them.
_NEWER = "较新的累计数"
_RESTATED = "同一事实的另一说法"
_ALL_SAID = "标题下的内容其他各期都已写出（较新的累计数或更全的说法）"


@dataclass(frozen=True)
class _Sentence:
    """A source's sentence as the rules compare it."""

    line: Line
    source: int
    words: frozenset[str]  # its key words (terms.content_words)
    figures: tuple[str, ...]
    masked: str  # its compared form without the time it opens with, its figures masked
    running: bool  # it says a running total (累计, 截至 …)

    @cached_property
    def fullness(self) -> tuple[int, int, int]:
        """What makes one statement of a fact fuller than another: more key words, then more
        characters, then a later source."""
        return len(self.words), len(normal(self.line.text)), self.source


def _sentence(line: Line, sources: Sources) -> _Sentence:
    said = untimed(line.text)
    return _Sentence(
        line,
        min(line.origins).source,
        frozenset(content_words(_SCALED.sub("", said), sources.framing)),  # 2.1万人次: 人次
        tuple(FIGURE.findall(normal(line.text))),
        _SCALED.sub("#", normal(said)),
        bool(_RUNNING.search(line.text)),
    )


def _has_most_words(left: _Sentence, kept: _Sentence) -> bool:
    return len(left.words) >= _WORDS and len(left.words & kept.words) >= _SHARE * len(left.words)


def _why(left: _Sentence, kept: _Sentence, sources: Sources) -> str | None:
    """Why ``kept`` (of another quarter) says what ``left`` says, or None when it does not. The
    quick tests first: most pairs share too few words, and are never compared letter by letter."""
    if left.source == kept.source:
        return None  # a quarter's own sentences stay apart
    alike = left.masked == kept.masked or _has_most_words(left, kept)
    newer = left.running and kept.running and alike and kept.source > left.source and left.figures != kept.figures
    fuller = set(left.figures) <= set(kept.figures) and _has_most_words(left, kept) and kept.fullness > left.fullness
    if not (newer or fuller) or same(left.line.text, kept.line.text):
        return None  # merging says the same words once
    where = f"{sources[kept.source].label}“{kept.line.text}”"
    if newer:
        return f"{_NEWER}：{where}是同一累计数的较新数字，只写最新的"
    return f"{_RESTATED}：{where}说的是同一件事，只写说得最全的"


def _said_again(pieces: list[Piece], sources: Sources) -> set[Line]:
    """The sentences of ``pieces`` another quarter says again, each recorded with why."""
    found = [_sentence(line, sources) for piece in pieces for item in piece.walk() for line in item.own_lines()]
    gone: set[Line] = set()
    # The likeliest to be left out first (earlier, shorter), each compared with all that are still
    # said, the latest and fullest first: those that could say it, that share a key word with it
    # or its masked form (no other pair has a reason), and no more pairs than the bound.
    order = sorted(found, key=lambda s: (s.source, s.fullness))
    by_word: dict[str, list[int]] = {}
    by_masked: dict[str, list[int]] = {}
    for n, sentence in enumerate(order):
        by_masked.setdefault(sentence.masked, []).append(n)
        for word in sentence.words:
            by_word.setdefault(word, []).append(n)
    compared = 0
    for n, left in enumerate(order):
        near = set(by_masked[left.masked])
        if len(left.words) >= _WORDS:
            near.update(m for word in left.words for m in by_word[word])
        compared += len(near)
        if compared > MAX_COMPARED:  # what is not compared stays: nothing is lost, a little said twice
            break
        for m in sorted(near, reverse=True):
            kept = order[m]
            if m == n or kept.line in gone or not (why := _why(left, kept, sources)):
                continue
            sources.decisions.add(DROPPED, sources.where(left.line.origins), left.line.text, why)
            gone.add(left.line)
            break
    return gone


def without_restated(pieces: list[Piece], sources: Sources) -> list[Piece]:
    """The pieces (of one part, from several quarters) without what another quarter says again
    with newer running figures or more fully, each left out recorded with the sentence kept
    (which keeps its own origins: a piece is one quarter's). An item all of whose text goes
    is left out with its title, recorded too."""
    gone = set() if sources.by_unit else _said_again(pieces, sources)
    if not gone:
        return pieces
    out = []
    for piece in pieces:
        rest = piece.without(gone)
        emptied = rest.empty and not piece.empty
        for title in piece.lost(None if emptied else rest, gone):
            sources.decisions.add(DROPPED, sources.where(title.origins), title.text, _ALL_SAID)
        if not emptied:
            out.append(rest)
    return out
