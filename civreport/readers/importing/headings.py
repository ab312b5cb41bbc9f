"""Heading numbers as copied documents carry them: the four levels of GB/T 9704 (一、 （一）
1. （1）) and the damaged forms seen in text from the web: half-width brackets (一), a lost
left bracket 一） or right one （一加强领导, brackets lost altogether (一加强领导), 1、 for 1., 1) for （1）."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model.genre import CN_NUMERAL, NOT_A_RANGE
from ...model.numerals import parse_cn_number

# Words a Chinese numeral opens without being a number: 一是, 一些, 三大方面, 五型机关 … A lost-bracket
# number (一加强领导) is only taken for one when its run 一 二 三 … holds together (see outline).
_NOT_AFTER_BARE = "是些直方年月日季次般定切系批起种道样线名个大级类等致同届期线把场项支轮元万亿倍成"
TITLE_CHARS = 40  # a heading's first sentence up to this long is its title; longer, it is text
MARKER_CHARS = 16  # what a heading number with the character after it takes at most: （九十九）加


@dataclass(frozen=True)
class Marker:
    """The number that opens a paragraph."""

    family: str  # how it is written: 一、 （一） 一） （一 一 1. （1） 1）
    level: int  # the GB/T 9704 level its form stands for
    number: int
    end: int  # where the text after it starts

    @property
    def bare(self) -> bool:
        """Brackets lost altogether: only a run of them is a heading."""
        return self.family == "一"


_FORMS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("一、", 1, re.compile(rf"({CN_NUMERAL})\s*[、.．]{NOT_A_RANGE}\s*")),
    ("（一）", 2, re.compile(rf"[（(]\s*({CN_NUMERAL})\s*[）)]\s*")),
    ("一）", 2, re.compile(rf"({CN_NUMERAL})[）)]\s*")),
    ("（一", 2, re.compile(rf"[（(]({CN_NUMERAL})(?![{_NOT_AFTER_BARE}])(?=[\u4e00-\u9fff“])")),
    ("1.", 3, re.compile(r"(\d{1,3})\s*(?:[.．](?![\d.．])|、)\s*")),
    ("（1）", 4, re.compile(r"[（(]\s*(\d{1,3})\s*[）)]\s*")),
    ("1）", 4, re.compile(r"(\d{1,3})[）)]\s*")),
    ("一", 2, re.compile(rf"({CN_NUMERAL})(?![{_NOT_AFTER_BARE}])(?=[\u4e00-\u9fff“])")),
)


def marker(text: str) -> Marker | None:
    """The heading number ``text`` opens with, if any; the text after it must be words."""
    for family, level, pattern in _FORMS:
        m = pattern.match(text)
        # 1、2月 is a range, 1.5万 a figure; after a Chinese or bracketed number a digit is
        # words (四、2025年工作打算).
        if not m or m.end() >= len(text) or (text[m.end()].isdigit() and family in ("1.", "1）")):
            continue
        number = int(m[1]) if m[1].isdigit() else parse_cn_number(m[1])
        if number and 0 < number < 100:
            return Marker(family, level, number, m.end())
    return None


def starts_heading(text: str) -> bool:
    """Whether ``text`` opens with a heading number in a form that needs no run to be one."""
    found = marker(text)
    return found is not None and not found.bare
