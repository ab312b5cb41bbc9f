"""Chinese numerals, heading numbers and dates as official documents write them."""

from __future__ import annotations

from datetime import date

# The one table of Chinese digits: 〇 as a year writes it (二〇二四), 零 inside a number (一百零五).
ONE_TO_NINE = "一二三四五六七八九"
CN_DIGITS = "〇" + ONE_TO_NINE

# The four heading levels of GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）
HEADING_LEVELS = 4


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 1010 → 一千零一十 (positive integers below 10000)."""
    if not 0 < n < 10000:
        raise ValueError(f"cannot write {n} as a Chinese numeral")
    out, zero = "", False
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = bool(out)  # a gap inside the number reads 零, once
            continue
        if zero:
            out += "零"
            zero = False
        # 十二 on its own, but 一百一十二 inside a larger number.
        out += ("" if digit == 1 and place == 10 and not out else CN_DIGITS[digit]) + name
    return out


def heading_number(level: int, n: int, level3: str = "1.") -> str:
    """The number that opens a heading at ``level`` (1–4): 一、 （一） 1. （1）; ``level3`` is
    the third level's habit, ``1.`` or ``1、``."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}{level3[-1]}"
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level {level} is outside 1–{HEADING_LEVELS}")


def cn_date(day: date, style: str = "arabic") -> str:
    """2024年7月5日: Arabic numerals, full year, no zero padding (GB/T 9704 7.3.5.4);
    ``style="chinese"`` writes the older 二〇二四年七月五日."""
    if style == "chinese":
        year = cn_digits(day.year)
        return f"{year}年{cn_number(day.month)}月{cn_number(day.day)}日"
    return f"{day.year}年{day.month}月{day.day}日"


def cn_digits(n: int) -> str:
    """2024 → 二〇二四: digit by digit, as a year is written."""
    return "".join(CN_DIGITS[int(d)] for d in str(n))


_VALUES = {c: i for i, c in enumerate(CN_DIGITS)} | {"零": 0, "两": 2}
_PLACES = {"十": 10, "百": 100, "千": 1000}


def parse_cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105, 二〇二四 (digit by digit) → 2024; None
    when ``text`` is not a Chinese numeral (the inverse of :func:`cn_number`)."""
    if not text or any(c not in _VALUES and c not in _PLACES for c in text):
        return None
    if not any(c in _PLACES for c in text):
        return int("".join(str(_VALUES[c]) for c in text))
    total, digit = 0, None
    for char in text:
        if char in _PLACES:
            total += (1 if digit is None else digit) * _PLACES[char]
            digit = None
        elif digit and _VALUES[char]:
            return None  # two digits running without a place between them
        else:
            digit = _VALUES[char]
    return total + (digit or 0)
