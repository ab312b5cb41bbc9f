"""How wide a text is on the page, in character cells, as word processors set it.

Full-width characters take a cell, the rest half a cell, and word processors put about a
fifth of an em between a Chinese character and a Latin letter or digit (Word's autospace,
on by default; LibreOffice always): 2024年 is set as 2024 年. Composition measures titles
and sign-offs with this; the page carries the same space so that the PDF breaks lines
where a word processor does (:mod:`civreport.rendering.linebreaks`).
"""

from __future__ import annotations

import itertools
import unicodedata

SPACE_EM = 0.216  # measured in LibreOffice 7.4: 3.45 pt at 16 pt


def is_ideograph(char: str) -> bool:
    """A Chinese character proper: not full-width punctuation, which takes no space."""
    return bool(char) and unicodedata.category(char) == "Lo" and unicodedata.east_asian_width(char) in "WF"


def is_latin(char: str) -> bool:
    """An ASCII letter or digit, which a word processor spaces off Chinese characters."""
    return char.isascii() and char.isalnum()


def spaced_boundaries(text: str) -> int:
    """How many ideograph–letter/digit boundaries in ``text`` carry the extra space."""
    return sum(
        1 for a, b in itertools.pairwise(text) if (is_ideograph(a) and is_latin(b)) or (is_latin(a) and is_ideograph(b))
    )


def text_width(text: str) -> float:
    """Width in character cells: full-width characters 1, everything else ½, plus the
    space word processors put between Chinese and Latin."""
    cells = sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    return cells + SPACE_EM * spaced_boundaries(text)
