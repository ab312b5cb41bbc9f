"""Text as it enters the model, cleaned once for every field and every output.

Characters no document can print are dropped, with a warning naming the field: control
characters, unpaired surrogates, unassigned code points and noncharacters (U+FFFE …),
private-use characters (no shared font has them), invisible format characters (zero-width
spaces and joiners, direction marks, soft hyphens, byte-order marks), combining marks with
no character before them, which a PDF's text layer would not carry, and an enclosing mark
repeated on its letter (e⃢⃢), which is drawn once and copied once. Line and paragraph separators (U+2028, U+2029, vertical tab, form
feed, NEL, CR) are line breaks; a tab is a space. A character with combining marks after it
is composed where Unicode has one character for them (e + ◌́ → é). Because the model holds
the cleaned text, the HTML, the PDF, the DOCX, their metadata and roll-ups all carry the same
text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterator
from typing import Any

from ..diagnostics import Diagnostics, tell
from ..errors import UnprintableTextWarning

_LINE_BREAKS = str.maketrans(
    {"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n", "\t": " "}
)
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_MARKS = {"Mn", "Me"}  # combining marks
_AFTER_SPACE = re.compile(r"(?:^|\s)(\S)")  # where a combining mark has nothing to sit on
# An enclosing mark right after itself: drawn in the same place again, and a PDF's text layer
# copies it once. The blocks that hold Unicode's enclosing marks (category Me).
_ENCLOSING = "".join(
    chr(c)
    for first, last in ((0x0488, 0x0489), (0x1AB0, 0x1AFF), (0x20D0, 0x20FF), (0xA670, 0xA672))
    for c in range(first, last + 1)
    if unicodedata.category(chr(c)) == "Me"
)
_REPEATED_ENCLOSING = re.compile(f"([{_ENCLOSING}])\\1")

# What no XML document (so no DOCX) can carry; the model never holds it, a template may print it.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_WRAPPED = re.compile(rf"(?<={_CJK})\s*\n\s*|\s*\n\s*(?={_CJK})|(?<={_CJK})\s+(?={_CJK})")


def clean(text: str) -> tuple[str, str]:
    """``text`` with line breaks made ``\\n``, unprintable characters dropped and marks composed
    with their letters, and the characters dropped."""
    kept, dropped = _printable(text.replace("\r\n", "\n").translate(_LINE_BREAKS))
    # Composed once the characters between a letter's marks are gone, so that the marks are in order.
    return (kept if unicodedata.is_normalized("NFC", kept) else _composed(kept)), dropped


def _printable(text: str) -> tuple[str, str]:
    lone_mark = any(unicodedata.category(m[1]) in _MARKS for m in _AFTER_SPACE.finditer(text))
    if (
        not lone_mark
        and not _REPEATED_ENCLOSING.search(text)
        and (text.isprintable() or all(c == "\n" or unicodedata.category(c) not in _DROPPED_CATEGORIES for c in text))
    ):
        return text, ""
    kept: list[str] = []
    dropped: list[str] = []
    for char in text:
        drop = char != "\n" and unicodedata.category(char) in _DROPPED_CATEGORIES
        # A combining mark with no character before it to sit on: a document draws it on a
        # dotted circle, and a PDF's text layer leaves it out.
        drop = drop or (unicodedata.category(char) in _MARKS and (not kept or kept[-1].isspace()))
        drop = drop or (char in _ENCLOSING and kept[-1] == char)
        (dropped if drop else kept).append(char)
    return "".join(kept), "".join(dropped)


def is_mark(char: str) -> bool:
    """A combining mark, which sits on the character before it."""
    return unicodedata.category(char).startswith("M")


def marked(text: str) -> Iterator[tuple[int, int]]:
    """Where each character with combining marks after it starts and ends in ``text``."""
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or not is_mark(text[end]):
            if end - start > 1:
                yield start, end
            start = end


def _composed(text: str) -> str:
    """``text`` with each character and the combining marks after it composed to NFC, where
    Unicode has one character for them (e + ◌́ → é), which the fonts draw whole and the PDF's
    text layer copies as itself; nothing else changes (NFC would also replace the CJK
    compatibility ideographs, 兀 U+FA0C of GBK among them)."""
    pieces: list[str] = []
    last = 0
    for start, end in marked(text):
        pieces += [text[last:start], unicodedata.normalize("NFC", text[start:end])]
        last = end
    return "".join([*pieces, text[last:]])


def without(text: str, chars: Container[str]) -> tuple[str, str]:
    """``text`` less ``chars`` and the combining marks that sit on them; and what went."""
    kept: list[str] = []
    dropped: list[str] = []
    base_dropped = False
    for char in text:
        if is_mark(char):
            drop = base_dropped or char in chars
        else:
            drop = base_dropped = char in chars
        (dropped if drop else kept).append(char)
    return "".join(kept), "".join(dropped)


def codes(chars: str) -> str:
    """Characters as their code points, each once: U+0001、U+200B."""
    return "、".join(sorted({f"U+{ord(c):04X}" for c in chars}))


def clean_input(value: Any, diagnostics: Diagnostics | None, path: str = "") -> Any:
    """Every text in raw input data (mappings, lists, strings) cleaned, with a diagnostic per
    field that lost characters."""
    if isinstance(value, str):
        cleaned, dropped = clean(value)
        if dropped:
            tell(
                diagnostics, UnprintableTextWarning, f"已删除无法打印的字符 {codes(dropped)}（“{cleaned[:20]}”）", path
            )
        return cleaned
    if isinstance(value, dict):
        return {
            key: clean_input(item, diagnostics, f"{path}.{key}" if path else str(key)) for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [clean_input(item, diagnostics, f"{path}[{i}]") for i, item in enumerate(value)]
    return value


def join_wrapped_lines(text: str) -> str:
    """A text wrapped over several lines, joined: no white space between Chinese characters
    (YAML's folded blocks ``>-`` have already turned those breaks into spaces), one space
    between Latin words."""
    return re.sub(r"\s*\n\s*", " ", _WRAPPED.sub("", text))
