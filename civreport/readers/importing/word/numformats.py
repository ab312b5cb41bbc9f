"""How Word writes a list counter in each number format (w:numFmt): 一、二 (chineseCounting),
①, (1), 甲乙丙, A B … AA, Roman numerals; formats it has no digits for fall back to 1, 2, 3."""

from __future__ import annotations

from ....model.numerals import CN_DIGITS, cn_digits, cn_number

_COUNTING = ("chineseCounting", "taiwaneseCounting")  # 一 to 九十九, then digit by digit
_COUNTING_THOUSAND = ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCounting")
_DIGITAL = ("ideographDigital", "taiwaneseDigital")  # digit by digit: 一〇


def format_number(n: int, fmt: str) -> str:
    """A counter in a w:numFmt, as Word writes it; formats Word has no digits for fall back to 1, 2, 3."""
    if fmt == "none":
        return ""
    zero = n == 0 and fmt in _COUNTING + _COUNTING_THOUSAND
    if n >= 0 and (fmt in _DIGITAL or (fmt in _COUNTING and n >= 100) or zero):
        return cn_digits(n)
    if fmt in _COUNTING and n > 0:
        return cn_number(n)
    if fmt == "japaneseCounting" and 0 < n < 10000:
        return _japanese(n)
    if fmt in _COUNTING_THOUSAND and 0 < n < 10000:
        return cn_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 50:
        return chr((0x2460 - 1 if n <= 20 else 0x3251 - 21 if n <= 35 else 0x32B1 - 36) + n)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 - 1 + n)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 - 1 + n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2") and n >= 0:
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter") and n > 0:  # 27 is AA, as Word counts
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _japanese(n: int) -> str:
    """百十 for 110, not 一百一十: no 一 before 十, 百, 千 and no 零."""
    out = ""
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit:
            out += ("" if digit == 1 and name else CN_DIGITS[digit]) + name
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out += letters * count
    return out
