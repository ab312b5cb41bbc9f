"""Figures written the way summaries write them: 11.5万份, 1.2亿元, 同比增长20%,
提高10个百分点, 完成年度目标的85.3%.

Rounding rules (documented in the README):
- amounts: below 10,000 as they are (at most two decimals); from 10,000 in 万 and from
  100,000,000 in 亿, at most two decimals, trailing zeros dropped; a unit that already
  starts with 万 or 亿, and percentages, are never rescaled;
- percentages and percentage points: one decimal, a trailing .0 dropped;
- a change that rounds to zero is 持平.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .indicators import Indicator

_SCALES = ((Decimal(100_000_000), "亿"), (Decimal(10_000), "万"))


def number(value: float | Decimal, places: int = 2) -> str:
    """``value`` rounded half up to ``places`` decimals, without trailing zeros."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scaled(value: float, unit: str) -> str:
    """The number with its 万 or 亿, without the unit."""
    if unit == "%":
        return percent(value).removesuffix("%")
    if unit.startswith(("万", "亿")):
        return number(value)
    exact = Decimal(str(value))
    for i, (size, name) in enumerate(_SCALES):
        if abs(exact) >= size:
            scaled = Decimal(number(exact / size))
            if i > 0 and abs(scaled) >= _SCALES[0][0] / size:  # 9999.999万 rounds up to 1亿
                return f"{number(exact / _SCALES[0][0])}{_SCALES[0][1]}"
            return f"{number(scaled)}{name}"
    return number(exact)


def amount(value: float, unit: str = "", approx: str | None = None) -> str:
    """11.5万份, 1.2亿元, 73个, 100%; approximately: 30万余元, 2万多条 (余 and 多 before the unit),
    近100人, 约3万人, 超过1万人 (the others before the number)."""
    figure = _scaled(value, unit)
    if approx in ("余", "多"):
        return f"{figure}{approx}{unit}"
    return f"{approx or ''}{figure}{unit}"


def percent(value: float | Decimal) -> str:
    """85.3%, 100%."""
    return f"{number(value, 1)}%"


def change(current: float, base: float, *, rate: bool, prefix: str, unit: str = "") -> str:
    """同比增长20% / 下降5.2% / 持平; for a rate, 提高10个百分点 / 降低…个百分点 / 持平.
    From a base of zero there is no percentage: 同比增加12个 (the amount, in ``unit``)."""
    now, then = Decimal(str(current)), Decimal(str(base))  # decimal: 100.05 vs 100 is 0.05%, not 0.0499…
    if rate:
        points = Decimal(number(now - then, 1))
        if points == 0:
            return f"{prefix}持平"
        verb = "提高" if points > 0 else "降低"
        return f"{prefix}{verb}{number(abs(points), 1)}个百分点"
    if base == 0:
        if current == 0:
            return f"{prefix}持平"
        verb = "增加" if current > 0 else "减少"
        return f"{prefix}{verb}{amount(abs(current), unit)}"
    pct = Decimal(number((now - then) / abs(then) * 100, 1))
    if pct == 0:
        return f"{prefix}持平"
    return f"{prefix}{'增长' if pct > 0 else '下降'}{percent(abs(pct))}"


def completion_rate(value: float, target: float) -> str:
    """85.3%: the share of the target reached."""
    if target == 0:
        raise ValueError("a target of zero has no completion rate")
    return percent(Decimal(str(value)) / Decimal(str(target)) * 100)


def completion(value: float, target: float) -> str:
    """完成年度目标的85.3%."""
    return f"完成年度目标的{completion_rate(value, target)}"


def yoy(indicator: Indicator, prefix: str = "同比") -> str:
    assert indicator.last_year is not None
    return change(indicator.value, indicator.last_year, rate=indicator.is_rate, prefix=prefix, unit=indicator.unit)


def mom(indicator: Indicator, prefix: str = "环比") -> str:
    assert indicator.previous is not None
    return change(indicator.value, indicator.previous, rate=indicator.is_rate, prefix=prefix, unit=indicator.unit)


def phrase(indicator: Indicator, what: str | None) -> str:
    """What a reference {key}, {key.name}, {key.value}, {key.yoy}, {key.mom} or {key.target} prints."""
    if what == "name":
        return indicator.name
    if what == "value":
        return number(indicator.value)
    if what == "yoy":
        return yoy(indicator)
    if what == "mom":
        return mom(indicator)
    if what == "target":
        assert indicator.target is not None
        return completion(indicator.value, indicator.target)
    return amount(indicator.value, indicator.unit, indicator.approx)


_SCALE_NAMES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


def read_figure(text: str) -> tuple[Decimal, Decimal] | None:
    """A figure as a summary writes it (3000, 1.2万, 2.5亿, 百分之二十五, 百分之十二点五) read back:
    its value, and half its last written place, within which a figure rounded to it agrees
    (1.2万: 500); None for anything else."""
    from .numerals import parse_cn_number

    if text.startswith("百分之"):
        whole, _, tenths = text[3:].partition("点")
        number = parse_cn_number(whole)
        decimals = [parse_cn_number(c) for c in tenths]
        if number is None or any(d is None for d in decimals):
            return None
        digits = "".join(str(d) for d in decimals)
        value = Decimal(f"{number}.{digits}" if digits else number)
        return value, Decimal("0.5").scaleb(-len(digits))
    scale = _SCALE_NAMES.get(text[-1:], Decimal(1))
    figure = text[:-1] if scale != 1 else text
    try:
        value = Decimal(figure)
    except ArithmeticError:
        return None
    if not value.is_finite():
        return None
    places = -int(value.as_tuple().exponent)
    return value * scale, Decimal("0.5").scaleb(-places) * scale
