"""Punctuation rules: half-width marks and quotes, unbalanced quotes and brackets, repeated
marks, the range dash, full-width digits, spaces inside Chinese (CR201–CR208)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.punctuation import Fix, ascii_quotes, half_width_marks, inner_spaces
from .rule import Context, Hit, Rule, first_found, spans

_REPEATED = re.compile(r"([，。、；：！？])\1+")
_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*[-－–~～—]\s*(\d{1,2})\s*月|(?<!\d)(\d{4})\s*[-－–~～—]\s*(\d{4})\s*年")
_DASH = re.compile(r"[-－–~～—]")
_FULL_DIGITS = re.compile("[０-９]+")
_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "(": ")", "[": "]"}
_QUOTES = "“‘”’"


def _shown(text: str, offset: int) -> str:
    return text[max(0, offset - 6) : offset + 7]


def _at(fixes: list[Fix]) -> tuple[tuple[int, int], ...]:
    return tuple((f.offset, f.offset + len(f.old)) for f in fixes)


def half_width(text: str, context: Context) -> Iterator[Hit]:
    _, fixes = half_width_marks(text)
    if fixes:
        marks = "".join(dict.fromkeys(f.old for f in fixes))
        yield Hit(
            f"中文间用了半角标点 {marks}（{len(fixes)} 处，如“{_shown(text, fixes[0].offset)}”）：应为全角",
            spans=_at(fixes),
        )


def quotes(text: str, context: Context) -> Iterator[Hit]:
    _, fixes = ascii_quotes(text)
    if fixes:
        yield Hit(f"中文用了半角引号（如“{_shown(text, fixes[0].offset)}”）：应为“”", spans=_at(fixes))


def _unbalanced(text: str) -> tuple[str, int, str] | None:
    """The first quote or bracket out of its pair (opened before it closes), where, and what is wrong."""
    open_marks: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char in _PAIRS:
            open_marks.append((char, i))
        elif char in _PAIRS.values():
            if open_marks and _PAIRS[open_marks[-1][0]] == char:
                open_marks.pop()
                continue
            return char, i, f"“{char}”前面没有对应的开始符号（“{_shown(text, i)}”）"
    for char, i in open_marks[:1]:
        return char, i, f"“{char}”没有对应的结束符号（“{_shown(text, i)}”）"
    return None


def unbalanced_quotes(text: str, context: Context) -> Iterator[Hit]:
    found = _unbalanced(text)
    if found and found[0] in _QUOTES:
        yield Hit(found[2], spans=((found[1], found[1] + 1),))


def unbalanced_brackets(text: str, context: Context) -> Iterator[Hit]:
    found = _unbalanced(text)
    if found and found[0] not in _QUOTES:
        yield Hit(found[2], spans=((found[1], found[1] + 1),))


repeated = first_found(_REPEATED, lambda m: f"标点重复“{m[0]}”（“{_shown(m.string, m.start())}”）")


def range_dash(text: str, context: Context) -> Iterator[Hit]:
    found = [m for m in _RANGE.finditer(text) if (dash := _DASH.search(m[0])) and dash[0] != context.dash]
    if found:
        yield Hit(f"范围“{found[0][0]}”的连接号应为“{context.dash}”", spans=spans(iter(found)))


def fix_range_dash(text: str, context: Context) -> str:
    def mend(m: re.Match[str]) -> str:
        return re.sub(rf"\s*{_DASH.pattern}\s*", context.dash, m[0], count=1)

    return _RANGE.sub(mend, text)


full_digits = first_found(_FULL_DIGITS, lambda m: f"全角数字“{m[0]}”：应为半角 {m[0].translate(_TO_ASCII)}")


def spaces(text: str, context: Context) -> Iterator[Hit]:
    _, fixes = inner_spaces(text)
    if fixes:
        yield Hit(f"中文之间有空格（如“{_shown(text, fixes[0].offset)}”）：公文中文之间不留空格", spans=_at(fixes))


RULES = (
    Rule(
        "CR201",
        "半角标点",
        "error",
        "加强领导,落实责任 → 加强领导，落实责任",
        check=half_width,
        fix=lambda text, context: half_width_marks(text)[0],
    ),
    Rule(
        "CR202",
        "半角引号",
        "error",
        '"文明"城市 → “文明”城市',
        check=quotes,
        fix=lambda text, context: ascii_quotes(text)[0],
    ),
    Rule("CR203", "引号不成对", "error", "落实”高峰疏导 → 补全“”", check=unbalanced_quotes),
    Rule("CR204", "括号不成对", "error", "（一强化领导 → （一）强化领导", check=unbalanced_brackets),
    Rule(
        "CR205",
        "标点重复",
        "warning",
        "落实责任，，加强 → 落实责任，加强",
        check=repeated,
        fix=lambda text, context: _REPEATED.sub(r"\1", text),
    ),
    Rule("CR206", "范围连接号", "warning", "1-6月 → 1—6月（或办公室配置的～）", check=range_dash, fix=fix_range_dash),
    Rule(
        "CR207",
        "全角数字",
        "warning",
        "２０２４年 → 2024年",
        check=full_digits,
        fix=lambda text, context: text.translate(_TO_ASCII),
    ),
    Rule(
        "CR208",
        "中文间的空格",
        "warning",
        "投入 40 万元 → 投入40万元",
        check=spaces,
        fix=lambda text, context: inner_spaces(text)[0],
    ),
)
