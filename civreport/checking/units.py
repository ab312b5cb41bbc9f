"""Units of measurement after a number: a symbol in the wrong case (CR311: KV → kV), and one
unit written two ways in one document (CR312: 公里 and km). The spellings are in
``words/units.yaml``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..model.wordlists import word_list
from .rule import Context, Hit, Rule, spans


@dataclass(frozen=True)
class _Units:
    symbols: dict[str, str]  # a symbol in the wrong case → the right one
    group: dict[str, int]  # a spelling (right case) → its unit's group
    spellings: list[list[str]]  # each group's spellings, the usual one in official text first
    pattern: re.Pattern[str]  # any spelling after a number


@cache
def _units() -> _Units:
    data = word_list(__package__, "units")
    symbols: dict[str, str] = data["symbols"]
    groups: list[list[str]] = data["same"]
    every = sorted({*symbols, *(s for group in groups for s in group)}, key=len, reverse=True)
    pattern = re.compile(rf"(?<=[\d.万亿多余])\s?({'|'.join(map(re.escape, every))})(?![A-Za-z0-9²³])")
    return _Units(symbols, {s: i for i, group in enumerate(groups) for s in group}, groups, pattern)


def wrong_case(text: str, context: Context) -> Iterator[Hit]:
    units = _units()
    found = [m for m in units.pattern.finditer(text) if m[1] in units.symbols]
    if found:
        shown = "、".join(dict.fromkeys(f"{m[1]} → {units.symbols[m[1]]}" for m in found))
        yield Hit(f"单位符号大小写有误：{shown}", spans=spans(iter(found), 1))


def _spelled(texts: tuple[str, ...]) -> dict[int, str]:
    """Each unit the document spells more than one way, and the spelling to keep: the usual one
    in official text where the document uses it, else its most frequent."""
    units = _units()
    used: dict[int, Counter[str]] = {}
    for text in texts:
        for m in units.pattern.finditer(text):
            spelling = units.symbols.get(m[1], m[1])
            if spelling in units.group:
                used.setdefault(units.group[spelling], Counter())[spelling] += 1
    keep = {}
    for group, counts in used.items():
        if len(counts) > 1:
            usual = units.spellings[group][0]
            keep[group] = usual if usual in counts else counts.most_common(1)[0][0]
    return keep


def two_spellings(text: str, context: Context) -> Iterator[Hit]:
    units = _units()
    keep = context.corpus.derived(_spelled)
    if not keep:
        return
    found = [
        (m, keep[group])
        for m in units.pattern.finditer(text)
        if (group := units.group.get(units.symbols.get(m[1], m[1]))) in keep
        and units.symbols.get(m[1], m[1]) != keep[group]
    ]
    if found:
        shown = "、".join(dict.fromkeys(f"“{m[1]}”" for m, _ in found))
        kept = "、".join(dict.fromkeys(f"“{k}”" for _, k in found))
        yield Hit(
            f"同一单位在文中有几种写法，这里写{shown}，别处写{kept}：请统一为{kept}",
            spans=tuple(m.span(1) for m, _ in found),
        )


RULES = (
    Rule(
        "CR311",
        "单位符号大小写",
        "warning",
        "10KV、500KW → 10kV、500kW",
        check=wrong_case,
        fix=lambda text, context: _units().pattern.sub(
            lambda m: m[0][: m.start(1) - m.start()] + _units().symbols.get(m[1], m[1]), text
        ),
    ),
    Rule("CR312", "单位写法不一", "warning", "一份文稿中既写“12公里”又写“8km” → 统一为“公里”", check=two_spellings),
)
