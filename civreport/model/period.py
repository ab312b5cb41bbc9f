"""Work periods: parsing ``2024Q3``-style codes and writing their Chinese labels."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from .limits import FIRST_YEAR, LAST_YEAR
from .numerals import CN_DIGITS, cn_number

RangeDash = Literal["—", "～"]

_FORMS = (
    # Order matters: the first full match wins.
    ("quarters", re.compile(r"(?P<y>\d{4})Q(?P<a>[1-4])-Q(?P<b>[1-4])")),
    ("quarter", re.compile(r"(?P<y>\d{4})Q(?P<a>[1-4])")),
    ("half", re.compile(r"(?P<y>\d{4})H(?P<a>[12])")),
    ("months", re.compile(r"(?P<y>\d{4})-(?P<a>\d{2})\.\.(?P<y2>\d{4})-(?P<b>\d{2})")),
    ("month", re.compile(r"(?P<y>\d{4})-(?P<a>\d{2})")),
    ("year", re.compile(r"(?P<y>\d{4})")),
)

# How a summary's text names a part of its year (genre.md, "Periods"): 第三季度, 三季度, 上半年 …
PART_OF_YEAR = "第[一二三四]季度|[一二三四]季度|上半年|下半年|前三季度"

PERIOD_FORMS_HELP = (
    "2024Q3、2024H1、2024Q1-Q3、2024、2024-07 或 2024-01..2024-09（也可写 2024年第三季度、2024年上半年）"
)

# What people type, in Chinese, rewritten to a code: 2024年第三季度 → 2024Q3 …
_SPOKEN = (
    (re.compile(r"(\d{4})年?(?:第)?([1-4])季度"), r"\1Q\2"),
    (re.compile(r"(\d{4})年?前([1-4])季度"), r"\1Q1-Q\2"),
    (re.compile(r"(\d{4})年?上半年"), r"\1H1"),
    (re.compile(r"(\d{4})年?下半年"), r"\1H2"),
    (
        re.compile(r"(\d{4})年?(\d{1,2})[-—～~至到](\d{1,2})月"),
        lambda m: f"{m[1]}-{int(m[2]):02d}..{m[1]}-{int(m[3]):02d}",
    ),
    (re.compile(r"(\d{4})年?(\d{1,2})月(?:份)?"), lambda m: f"{m[1]}-{int(m[2]):02d}"),
    (re.compile(r"(\d{4})年(?:度|全年)?"), r"\1"),
)


def _normalize(text: str) -> str:
    """Full-width characters to ASCII, Chinese numerals in quarters to digits, lower case q/h
    to upper: ２０２４Ｑ３, 2024q3 and 2024年第三季度 all become 2024Q3."""
    code = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    code = re.sub(f"[{CN_DIGITS}]", lambda m: str(CN_DIGITS.index(m[0])), code)
    for pattern, replacement in _SPOKEN:
        if pattern.fullmatch(code):
            return pattern.sub(replacement, code)
    return code


class PeriodError(ValueError):
    """A period code that cannot be parsed; the message is for the user."""


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole months, from ``(start_year, start_month)`` to ``(end_year, end_month)``."""

    start_year: int
    start_month: int
    end_year: int
    end_month: int

    def __post_init__(self) -> None:
        if not (1 <= self.start_month <= 12 and 1 <= self.end_month <= 12):
            raise PeriodError("月份应在 1 到 12 之间")
        if (self.end_year, self.end_month) < (self.start_year, self.start_month):
            raise PeriodError("期间的结束早于开始")
        if not (self.start_year >= FIRST_YEAR and self.end_year <= LAST_YEAR):
            raise PeriodError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间")

    # -- construction -------------------------------------------------

    @classmethod
    def parse(cls, text: str | int) -> Period:
        code = _normalize(str(text))
        for form, pattern in _FORMS:
            match = pattern.fullmatch(code)
            if match:
                return cls._from_match(form, match)
        raise PeriodError(f"无法识别的期间“{str(text).strip()}”，应写作 {PERIOD_FORMS_HELP}")

    @classmethod
    def _from_match(cls, form: str, m: re.Match[str]) -> Period:
        year = int(m["y"])
        if form == "year":
            return cls(year, 1, year, 12)
        a = int(m["a"])
        if form == "quarter":
            return cls(year, 3 * a - 2, year, 3 * a)
        if form == "quarters":
            b = int(m["b"])
            if b < a:
                raise PeriodError(f"季度范围“{m[0]}”的结束早于开始")
            return cls(year, 3 * a - 2, year, 3 * b)
        if form == "half":
            return cls(year, 6 * a - 5, year, 6 * a)
        if form == "month":
            return cls(year, a, year, a)
        return cls(year, a, int(m["y2"]), int(m["b"]))

    # -- derived values -----------------------------------------------

    @property
    def start(self) -> date:
        return date(self.start_year, self.start_month, 1)

    @property
    def end(self) -> date:
        last = calendar.monthrange(self.end_year, self.end_month)[1]
        return date(self.end_year, self.end_month, last)

    @property
    def months(self) -> int:
        return (self.end_year - self.start_year) * 12 + self.end_month - self.start_month + 1

    def _within_year(self) -> bool:
        return self.start_year == self.end_year

    def month_range(self, dash: RangeDash = "—") -> str:
        """``7—9月``; across years ``2023年10月—2024年3月``."""
        if not self._within_year():
            return f"{self.start_year}年{self.start_month}月{dash}{self.end_year}年{self.end_month}月"
        if self.start_month == self.end_month:
            return f"{self.start_month}月"
        return f"{self.start_month}{dash}{self.end_month}月"

    def label(self, dash: RangeDash = "—", *, year: bool = True) -> str:
        """The period as a summary's title writes it: ``2024年第三季度``, ``2024年上半年`` …;
        ``year=False`` leaves the year out where the reader knows it (``第三季度``)."""
        if not self._within_year():
            return self.month_range(dash)
        prefix = f"{self.start_year}年" if year else ""
        span = (self.start_month, self.end_month)
        if span == (1, 12):
            return prefix or "全年"
        if span == (1, 6):
            return prefix + "上半年"
        if span == (7, 12):
            return prefix + "下半年"
        if span == (1, 9):
            return prefix + "前三季度"
        if self.months == 3 and self.start_month % 3 == 1:
            return f"{prefix}第{cn_number(self.start_month // 3 + 1)}季度"
        return prefix + self.month_range(dash)

    def code(self) -> str:
        """The canonical code, which :meth:`parse` reads back to an equal period."""
        y, a, y2, b = self.start_year, self.start_month, self.end_year, self.end_month
        if y == y2:
            if (a, b) == (1, 12):
                return str(y)
            if a == b:
                return f"{y}-{a:02d}"
            if (a, b) in ((1, 6), (7, 12)):
                return f"{y}H{b // 6}"
            if a % 3 == 1 and b % 3 == 0:
                first, last = (a + 2) // 3, b // 3
                return f"{y}Q{first}" if first == last else f"{y}Q{first}-Q{last}"
        return f"{y}-{a:02d}..{y2}-{b:02d}"

    def __str__(self) -> str:
        return self.code()

    # -- pydantic integration -----------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        def validate(value: Any) -> Period:
            if isinstance(value, Period):
                return value
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise PeriodError(f"期间应为文本，例如 {PERIOD_FORMS_HELP}")
            return cls.parse(value)

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.plain_serializer_function_ser_schema(lambda p: p.code())
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(Q[1-4](-Q[1-4])?|H[12]|-\d{2}(\.\.\d{4}-\d{2})?)?$",
            "description": f"工作期间：{PERIOD_FORMS_HELP}",
            "examples": ["2024Q3", "2024H1", "2024Q1-Q3", "2024"],
        }
