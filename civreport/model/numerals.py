"""Chinese numerals, heading numbers and dates as official documents write them."""

from __future__ import annotations

from datetime import date

_DIGITS = "零一二三四五六七八九"

# The four heading levels of GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）
HEADING_LEVELS = 4


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (positive integers below 1000)."""
    if not 0 < n < 1000:
        raise ValueError(f"cannot write {n} as a Chinese numeral")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        # 十二 on its own, but 一百一十二 inside a larger number.
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def heading_number(level: int, n: int) -> str:
    """The number that opens a heading at ``level`` (1–4): 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level {level} is outside 1–{HEADING_LEVELS}")


def cn_date(day: date, style: str = "arabic") -> str:
    """2024年7月5日: Arabic numerals, full year, no zero padding (GB/T 9704 7.3.5.4);
    ``style="chinese"`` writes the older 二〇二四年七月五日."""
    if style == "chinese":
        year = "".join("〇一二三四五六七八九"[int(d)] for d in str(day.year))
        return f"{year}年{cn_number(day.month)}月{cn_number(day.day)}日"
    return f"{day.year}年{day.month}月{day.day}日"
