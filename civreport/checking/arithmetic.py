"""A change the text states against the figures it gives itself (CR306): 由1000人增加到1200人，
增长25%, or 1200人，较上年的1000人增加了300人. A Word draft has no indicators: its own figures are
what a change is checked against."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.figures import amount, number, read_figure
from .rule import Context, Hit, Rule

_NUMBER = r"\d+(?:\.\d+)?[万亿]?"
_UNIT = r"%|[万亿]?(?:元|人次|人|户|吨|平方米|平方公里|公里|亩|场|处|条|块|辆|台|套|件|项|家|所|名|份|篇|期|次|个|株|棵|座|间|册|米)"
_RISE, _FALL = "增长|增加|提高|上升|提升|扩大", "下降|减少|降低|下滑|回落|缩小"
_STATED = rf"(?P<verb>{_RISE}|{_FALL})了?(?P<c>{_NUMBER})(?P<uc>个百分点|{_UNIT})"
# 由1000人增加到1200人，增长20%  /  从95%提高至98%，提高了3个百分点
_FROM_TO = re.compile(
    rf"(?:由|从)(?:\d{{4}}年(?:底|末)?的?)?(?P<a>{_NUMBER})(?P<ua>{_UNIT})?"
    rf"(?P<way>{_RISE}|{_FALL})?(?:到|至)(?P<b>{_NUMBER})(?P<ub>{_UNIT})?[^。；！？]{{0,12}}?{_STATED}"
)
# 1200人，较上年的1000人增加了300人
_AGAINST = re.compile(
    rf"(?P<b>{_NUMBER})(?P<ub>{_UNIT})[^。；！？\d]{{0,12}}?(?:较|比)(?:上年|去年)(?:同期|底|末)?的?"
    rf"(?P<a>{_NUMBER})(?P<ua>{_UNIT})?(?:相比)?[，,]?{_STATED}"
)


def _bare(unit: str | None) -> str:
    return (unit or "").lstrip("万亿")


def _disagreement(m: re.Match[str]) -> Hit | None:
    """What is wrong with the change ``m`` states: the change its two figures give, when the
    stated one disagrees beyond its rounding, or the way they go, when the text says the other
    (由1000人下降到1200人); None when they agree or cannot be compared."""
    a, b, c = read_figure(m["a"]), read_figure(m["b"]), read_figure(m["c"])
    unit = m["ub"] or m["ua"]
    if a is None or b is None or c is None or _bare(m["ua"] or unit) != _bare(unit):
        return None
    difference = b[0] - a[0]
    if m["uc"] == "%" and unit != "%" and a[0] != 0:
        change, up, down = difference / abs(a[0]) * 100, "增长", "下降"
        shown = f"{number(abs(change), 1)}%"
    elif m["uc"] == "个百分点" and unit == "%":
        change, up, down, shown = difference, "提高", "降低", f"{number(abs(difference), 1)}个百分点"
    elif _bare(m["uc"]) == _bare(unit) and m["uc"] not in ("%", "个百分点"):
        change, up, down, shown = difference, "增加", "减少", amount(float(abs(difference)), _bare(unit))
    else:
        return None  # 由95%提高到98%，提高3%: points or a share of the rate, the text does not say
    figures = m.string[m.start() : m.start("verb")].rstrip("，, ")
    way = m.groupdict().get("way")  # 由1000人下降到1200人
    if way and (re.fullmatch(_FALL, way) is not None) != (difference < 0):
        return Hit(
            f"“{figures}”是{'减少' if difference < 0 else '增加'}，不是“{way}”：请核对数字", spans=(m.span("way"),)
        )
    stated, within = c
    if abs((-stated if re.fullmatch(_FALL, m["verb"]) else stated) - change) <= within:
        return None
    expected = f"{down if change < 0 else up}{shown}" if change else "持平"
    return Hit(
        f"“{figures}”算得{expected}，正文写“{m.string[m.start('verb') : m.end()]}”：请核对数字",
        spans=((m.start("verb"), m.end()),),
    )


def stated_changes(text: str, context: Context) -> Iterator[Hit]:
    for pattern in (_FROM_TO, _AGAINST):
        for m in pattern.finditer(text):
            hit = _disagreement(m)
            if hit:
                yield hit


RULES = (
    Rule(
        "CR306",
        "增减与文中数字不符",
        "error",
        "由1000人增加到1200人，增长25% → 增长20%；1200人，较上年的1000人增加了300人 → 增加200人",
        check=stated_changes,
    ),
)
