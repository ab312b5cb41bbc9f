"""Where composition breaks a line itself rather than leave it to the layout engines: a title's
lines (GB/T 9704 7.3.1: 词意完整), between words."""

from __future__ import annotations

from ..model.words import words
from ..office.textwidth import NO_LINE_END, is_latin, may_start_line


def line_words(text: str) -> list[str]:
    """``text`` in the words a line may break between: the segmenter's (:mod:`civreport.model.words`),
    with a mark that may not start a line (，、the dash of a range) on the word before it, one
    that may not end a line (《“) on the word after it, and letters and digits on their
    neighbours (2024年, PM2.5)."""
    out: list[str] = []
    for word in words(text):
        if out and (
            not may_start_line(word) or out[-1][-1] in NO_LINE_END or is_latin(out[-1][-1]) or is_latin(word[0])
        ):
            out[-1] += word
        else:
            out.append(word)
    return out
