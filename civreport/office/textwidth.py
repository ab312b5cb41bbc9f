"""How wide a text is on the page, in character cells, as word processors set it.

Full-width characters take a cell, the rest half a cell, and word processors put about a
fifth of an em between a Chinese character and a Latin letter or digit (Word's autospace,
on by default; LibreOffice always): 2024年 is set as 2024 年. Composition measures titles
and sign-offs with this; the page carries the same space so that the PDF breaks lines
where a word processor does (:mod:`civreport.rendering.linebreaks`).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from ..model.punctuation import RANGE_DASH

SPACE_EM = 0.216  # measured in LibreOffice 7.4: 3.45 pt at 16 pt


def is_ideograph(char: str) -> bool:
    """A Chinese character proper: not full-width punctuation, which takes no space."""
    return bool(char) and unicodedata.category(char) == "Lo" and unicodedata.east_asian_width(char) in "WF"


def is_latin(char: str) -> bool:
    """An ASCII letter or digit, which a word processor spaces off Chinese characters."""
    return char.isascii() and char.isalnum()


@functools.lru_cache(maxsize=1 << 16)  # pairs recur: counting a long text's lines asks for each
def spaced(a: str, b: str) -> bool:
    """Whether a word processor puts the extra space between characters ``a`` and ``b``."""
    return (is_ideograph(a) and is_latin(b)) or (is_latin(a) and is_ideograph(b))


def spaced_boundaries(text: str) -> int:
    """How many ideograph–letter/digit boundaries in ``text`` carry the extra space."""
    return sum(1 for a, b in itertools.pairwise(text) if spaced(a, b))


def is_full_width(char: str) -> bool:
    """A character Chinese fonts set a whole cell wide: full-width characters, and those of
    ambiguous width such as “”—…"""
    return unicodedata.east_asian_width(char) in "WFA"


def half_cells(text: str) -> int:
    """Twice the cells ``text`` takes without the extra space: full-width characters 2, the rest 1."""
    return sum(2 if is_full_width(c) else 1 for c in text)


def text_width(text: str) -> float:
    """Width in character cells: full-width characters 1, everything else ½ (see
    :func:`half_cells`), plus the space word processors put between Chinese and Latin."""
    return half_cells(text) / 2 + SPACE_EM * spaced_boundaries(text)


# Marks a line may not start with; the character before them moves down with them.
NO_LINE_START = frozenset("、，。；：？！）》」』】〉〕］｝”’…·%")
# Marks a line may not end with; they move down to the next line.
NO_LINE_END = frozenset("（《「『【〈〔［｛“‘")
# Units a line never splits: a run of Latin letters and digits, a dash ——, an ellipsis ……, or
# one other character (found in one pass: a word grown a character at a time was quadratic).
_WORD = re.compile(r"[A-Za-z0-9]+|—+|…+|.", re.DOTALL)


def line_count(text: str, width: float, first_line: float = 0) -> int:
    """About how many lines ``text`` takes in a column ``width`` cells wide whose first line
    is indented ``first_line`` cells: characters set one after another, Latin words and
    numbers whole, no line starting with closing punctuation or ending with an opening one.
    An estimate (justification and kerning are not modelled), for choosing how a paragraph
    is kept with what follows it; the choice is the page's, so every output follows it."""
    lines, used, limit = 1, 0.0, width - first_line
    previous = ""
    for word in _WORD.findall(text):
        w = _width(word) + (SPACE_EM if previous and spaced(previous[-1], word[0]) else 0)
        if used + w > limit + 1e-9 and used > 0:
            lines, limit = lines + 1, width
            used = _width(word)
            if not may_start_line(word) or previous[-1:] in NO_LINE_END:
                used += text_width(previous[-1:])  # the neighbour comes along
        else:
            used += w
        previous = word
    return lines


def _width(word: str) -> float:
    """The width of one of line_count's units; a character's is remembered, since they recur
    (the page counts the lines of every paragraph to find where its pages break)."""
    return _char_width(word) if len(word) == 1 else text_width(word)


@functools.lru_cache(maxsize=1 << 16)
def _char_width(char: str) -> float:
    return text_width(char)


def may_start_line(word: str) -> bool:
    """Whether a line may start with ``word``: not with closing punctuation, nor with the
    dash of a range."""
    return word[0] not in NO_LINE_START and not RANGE_DASH.match(word)
