"""Punctuation as official Chinese text writes it: full width between Chinese characters,
no spaces inside Chinese sentences. Text pasted from the web carries half-width "," ":" "("
between Chinese characters (genre.md); the importer mends it and the proofreader flags it.

Hand-written: autocorrect-py leaves ";" "(" ")" "?" between Chinese characters half-width and
reports whole lines rather than each mark."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The dash of a range (8月20—27日, 1～6月), which may end a line, never start one (GB/T 15834);
# the dash —— may. Where a line must not break: before it, where the outputs put a WORD JOINER.
RANGE_DASH = re.compile("～|—(?!—)")
BEFORE_RANGE_DASH = re.compile(f"(?<=[^—])(?={RANGE_DASH.pattern})")
JOINER = "\u2060"
JOINED_RANGE_DASH = re.compile(f"{JOINER}(?={RANGE_DASH.pattern})")

# Chinese characters and the full-width marks that stand beside them.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WIDE = HAN + r"\u3000-\u303f\uff00-\uffef“”‘’…—"
_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}


@dataclass(frozen=True)
class Fix:
    """One change to a text: ``old`` at ``offset`` became ``new``."""

    offset: int
    old: str
    new: str


def _wide(char: str) -> bool:
    return bool(char) and bool(re.match(f"[{_WIDE}]", char))


def _han(char: str) -> bool:
    return bool(char) and bool(re.match(f"[{HAN}]", char))


# , ; : ? ! beside a Chinese character or mark (not 1,000 or 8:30); "." only after a Chinese
# character and before one or the end (not 1.5 or 1.对).
_SIMPLE = re.compile(r"[,;:?!]|(?<=[" + HAN + r"])\.(?=[" + _WIDE + r"]|$)")
_BRACKETS = re.compile(r"\(([^()\n]{0,200})\)")
_QUOTED = re.compile(r'"([^"\n]{1,200})"')
_SPACE = re.compile(r"(?<=[" + _WIDE + r"])[ \u3000\u00a0]+|[ \u3000\u00a0]+(?=[" + _WIDE + r"])|(?<=\d\.) +(?=\d)")


def _edited(text: str, edits: list[tuple[int, str]]) -> tuple[str, list[Fix]]:
    chars = list(text)
    fixes = []
    for i, new in sorted(dict(edits).items()):
        fixes.append(Fix(i, chars[i], new))
        chars[i] = new
    return "".join(chars), fixes


def half_width_marks(text: str) -> tuple[str, list[Fix]]:
    """, ; : ? ! . ( ) between Chinese characters made full width: 加强领导,落实 → 加强领导，落实."""
    edits: list[tuple[int, str]] = []
    for m in _BRACKETS.finditer(text):
        a, b = m.start(), m.end() - 1
        before, after = text[a - 1] if a else "", text[b + 1] if b + 1 < len(text) else ""
        if re.search(f"[{HAN}]", m[1]) or _han(before) or _han(after):
            edits += [(a, "（"), (b, "）")]
    for m in _SIMPLE.finditer(text):
        i = m.start()
        before, after = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
        if _wide(before) or _wide(after):
            edits.append((i, _MARKS[text[i]]))
    paired = {i for i, _ in edits}
    for i, char in enumerate(text):  # a bracket left alone when its pair was lost: 一)加强
        if char in "()" and i not in paired and (_han(text[i - 1] if i else "") or _han(text[i + 1 : i + 2])):
            edits.append((i, _MARKS[char]))
    return _edited(text, edits)


def ascii_quotes(text: str) -> tuple[str, list[Fix]]:
    """ "文明" around Chinese made “文明”."""
    edits: list[tuple[int, str]] = []
    for m in _QUOTED.finditer(text):
        if re.search(f"[{HAN}]", m[1]):
            edits += [(m.start(), "“"), (m.end() - 1, "”")]
    return _edited(text, edits)


def inner_spaces(text: str) -> tuple[str, list[Fix]]:
    """Spaces inside Chinese sentences removed: 创建 工作 → 创建工作; 3. 4亿 → 3.4亿."""
    fixes = [Fix(m.start(), m[0], "") for m in _SPACE.finditer(text)]
    return _SPACE.sub("", text), fixes


def full_width(text: str) -> tuple[str, list[Fix]]:
    """``text`` with half-width marks between Chinese characters made full width, quotes
    around Chinese made “”, and spaces inside Chinese sentences removed; and the changes
    (their offsets in the text each step was given)."""
    fixes: list[Fix] = []
    for step in (half_width_marks, ascii_quotes, inner_spaces):
        text, found = step(text)
        fixes += found
    return text, fixes
