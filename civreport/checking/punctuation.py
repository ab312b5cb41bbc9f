"""Punctuation rules: half-width marks and quotes, unbalanced quotes and brackets, repeated
marks, the range dash, full-width digits, spaces inside Chinese (CR201–CR208)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..model.punctuation import ascii_quotes, half_width_marks, inner_spaces
from .context import Context, Hit

_REPEATED = re.compile(r"([，。、；：！？])\1+")
_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*[-－–~～—]\s*(\d{1,2})\s*月|(?<!\d)(\d{4})\s*[-－–~～—]\s*(\d{4})\s*年")
_FULL_DIGITS = re.compile("[０-９]+")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "(": ")", "[": "]"}
_QUOTES = "“‘"


def _shown(text: str, offset: int) -> str:
    return text[max(0, offset - 6): offset + 7]


def half_width(text: str, context: Context) -> Iterator[Hit]:
    _, fixes = half_width_marks(text)
    if fixes:
        marks = "".join(dict.fromkeys(f.old for f in fixes))
        yield Hit("CR201", f"中文间用了半角标点 {marks}（{len(fixes)} 处，如“{_shown(text, fixes[0].offset)}”）：应为全角")


def quotes(text: str, context: Context) -> Iterator[Hit]:
    _, fixes = ascii_quotes(text)
    if fixes:
        yield Hit("CR202", f"中文用了半角引号（如“{_shown(text, fixes[0].offset)}”）：应为“”")


def balance(text: str, context: Context) -> Iterator[Hit]:
    """Quotes and brackets in pairs, opened before they close."""
    open_marks: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char in _PAIRS:
            open_marks.append((char, i))
        elif char in _PAIRS.values():
            if open_marks and _PAIRS[open_marks[-1][0]] == char:
                open_marks.pop()
                continue
            code = "CR203" if char in "”’" else "CR204"
            yield Hit(code, f"“{char}”前面没有对应的开始符号（“{_shown(text, i)}”）")
            return
    for char, i in open_marks[:1]:
        code = "CR203" if char in _QUOTES else "CR204"
        yield Hit(code, f"“{char}”没有对应的结束符号（“{_shown(text, i)}”）")


def repeated(text: str, context: Context) -> Iterator[Hit]:
    m = _REPEATED.search(text)
    if m:
        yield Hit("CR205", f"标点重复“{m[0]}”（“{_shown(text, m.start())}”）")


def range_dash(text: str, context: Context) -> Iterator[Hit]:
    for m in _RANGE.finditer(text):
        dash = re.search(r"[-－–~～—]", m[0])
        if dash and dash[0] != context.dash:
            yield Hit("CR206", f"范围“{m[0]}”的连接号应为“{context.dash}”")
            return


def fix_range_dash(text: str, context: Context) -> str:
    def mend(m: re.Match[str]) -> str:
        return re.sub(r"\s*[-－–~～—]\s*", context.dash, m[0], count=1)

    return _RANGE.sub(mend, text)


def full_digits(text: str, context: Context) -> Iterator[Hit]:
    m = _FULL_DIGITS.search(text)
    if m:
        yield Hit("CR207", f"全角数字“{m[0]}”：应为半角 {m[0].translate(_TO_ASCII)}")


_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")


def spaces(text: str, context: Context) -> Iterator[Hit]:
    _, fixes = inner_spaces(text)
    if fixes:
        yield Hit("CR208", f"中文之间有空格（如“{_shown(text, fixes[0].offset)}”）：公文中文之间不留空格")


RULES = (half_width, quotes, balance, repeated, range_dash, full_digits, spaces)
FIXES: dict[str, Callable[[str, Context], str]] = {
    "CR201": lambda text, context: half_width_marks(text)[0],
    "CR202": lambda text, context: ascii_quotes(text)[0],
    "CR205": lambda text, context: _REPEATED.sub(r"\1", text),
    "CR206": fix_range_dash,
    "CR207": lambda text, context: text.translate(_TO_ASCII),
    "CR208": lambda text, context: inner_spaces(text)[0],
}
