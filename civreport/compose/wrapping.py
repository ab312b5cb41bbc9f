"""Where composition breaks a line itself rather than leave it to the layout engines: a title's
lines and an attachment's name (GB/T 9704 7.3.1, 7.3.4: 词意完整), between words."""

from __future__ import annotations

from ..model.words import words
from ..office.textwidth import NO_LINE_END, SPACE_EM, is_latin, may_start_line, spaced, text_width


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


def wrap(text: str, width: float) -> list[str]:
    """``text`` in lines of at most ``width`` cells, each as full as it can be, broken between
    words (a word longer than a line between its characters)."""
    if text_width(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0.0
    for word in line_words(text):
        for piece in [word] if text_width(word) <= width else list(word):
            w = text_width(piece) + (SPACE_EM if line and spaced(line[-1], piece[0]) else 0)
            if line and used + w > width:
                lines.append(line)
                line, used = piece, text_width(piece)
            else:
                line, used = line + piece, used + w
    return [*lines, line]
