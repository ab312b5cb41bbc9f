"""Figures and dates (GB/T 15835): statistics in Arabic numerals (CR301), 万/亿 for large numbers
(CR302), a change the text states against the one its indicator gives, however it is worded
(CR303), a period the text names against the report's (CR304), dates after the report's date
(CR305)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from ..model import Indicator, Period, PeriodError
from ..model.figures import amount, mom, read_figure, yoy
from ..model.numerals import ONE_TO_NINE
from ..model.period import PART_OF_YEAR
from ..model.wordlists import alternatives, word_list
from .rule import Context, Hit, Rule, first_found

_MEASURES = word_list(__package__, "measures")
_UNIT = rf"(?:多|余)?(?:万|亿)?(?:{alternatives(_MEASURES['statistics'])})"
# A statistic in Chinese numerals (三百二十人, 五万元, 十余家: GB/T 15835 4.1 writes 多 and 余
# with Arabic numerals); not a rank (前十名, 第二十次) nor a number with 几 or 数 (几十名).
_CN_STATISTIC = re.compile(
    rf"(?<![一二三四五六七八九十百千万两第前几数])"
    rf"([一二三四五六七八九十百千两零]{{2,}}|十|[一二三四五六七八九两](?=[万亿]))(?={_UNIT})"
)
# A percentage in Chinese numerals: 百分之五十 (not 百分之百, nor 百分之几).
_CN_PERCENT_FIGURE = f"百分之[零两十{ONE_TO_NINE}][零两十百{ONE_TO_NINE}]*(?:点[零{ONE_TO_NINE}]+)?"
_CN_PERCENT = re.compile(_CN_PERCENT_FIGURE)
# Two neighbouring numerals are an estimate, which the standard writes in Chinese: 一两次, 三五家, 七八十所.
_ESTIMATE = re.compile("一两|两三|三四|三五|四五|五六|六七|七八|八九")
_UNSCALED = re.compile(rf"(?<![\d.])(\d{{2,}}0000)(?={alternatives(_MEASURES['amounts'])})")
# A change against last year's figure (同比, 较上年, 比去年同期 …) or the last period's (环比, 较上季度 …),
# up or down, by a percentage, percentage points or an amount: 较上年增长25%, 增加了3000人.
_YOY = r"同比|(?:较|比|与)(?:上年|去年)(?:同期)?(?:相比)?"
_MOM = r"环比|(?:较|比|与)上(?:季度|个?月|期|半年)(?:相比)?"
_RISE, _FALL = "增长|提高|增加|上升", "下降|降低|减少|下滑|回落"
_CHANGE = re.compile(
    rf"(?P<base>{_YOY}|{_MOM})[，,]?(?P<verb>{_RISE}|{_FALL})了?"
    rf"(?P<amount>\d+(?:\.\d+)?[万亿]?|{_CN_PERCENT_FIGURE})(?P<unit>%|个百分点)?"
)
# A period that opens a sentence names what the sentence reports on: 上半年，全区共开展……
_PERIOD = re.compile(rf"(?:^|(?<=[。！？；]))(?:今年|本年|(\d{{4}})年)?({PART_OF_YEAR})(?=[，,]|以来|共|全)")
_DATE = re.compile(r"(?:(\d{4})年|(?<![\d年.]))(\d{1,2})月(\d{1,2})日")
_NAMED_PERIOD = re.compile(rf"(?:(\d{{4}})年)?({PART_OF_YEAR})")
_LEAD_IN_PERIOD = re.compile(rf"现将(?:我\S{{0,6}}?)?((?:\d{{4}}年)?(?:{PART_OF_YEAR}))")
_AS_OF = re.compile(r"截至(\d{1,2})月(?:底|末)")
_FUTURE = re.compile(r"将|计划|预计|拟|力争|争取|确保|定于|准备")


def chinese_statistics(text: str, context: Context) -> Iterator[Hit]:
    found = [m.span(1) for m in _CN_STATISTIC.finditer(text) if not _ESTIMATE.search(m[1])]
    found = sorted(found + [m.span() for m in _CN_PERCENT.finditer(text)])
    if found:
        names = "、".join(dict.fromkeys(text[a:b] for a, b in found))
        yield Hit(f"统计数字“{names}”用了汉字：应用阿拉伯数字（GB/T 15835）", spans=tuple(found))


unscaled = first_found(_UNSCALED, lambda m: f"“{m[0]}”位数多：宜写作 {int(m[0]) // 10000}万")


def _sentence(text: str, start: int, end: int) -> str:
    a = max(text.rfind(c, 0, start) for c in "。；！？") + 1
    b = min((i for i in (text.find(c, end) for c in "。；！？") if i >= 0), default=len(text))
    return text[a:b]


def changes(text: str, context: Context) -> Iterator[Hit]:
    """A stated change that differs from the indicator named nearest before it in its sentence,
    where the text speaks of the report's own period (not 一季度，…… in a year's roll-up)."""
    stated = list(_CHANGE.finditer(text))
    if not stated:  # most texts state no change: the names are not looked for
        return
    named = sorted(
        (
            (m.start(), m.end(), indicator)
            for indicator in context.report.all_indicators().values()
            for m in re.finditer(re.escape(indicator.name), text)
        ),
        key=lambda n: (n[1], n[1] - n[0]),
    )
    for m in stated:
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。；") + 1
        near = [n for n in named if sentence_start <= n[0] and n[1] <= m.start() and m.start() - n[1] <= 40]
        if not near:
            continue
        clause = max(text.rfind(c, 0, m.start()) for c in "，,：") + 1
        if near[-1][0] < clause and text[clause : m.start()].strip():
            continue  # 宣传资料11.5万份，志愿服务队伍同比增长50%: the clause has a subject of its own
        if _of_a_part(text[: m.start()], context):
            continue
        indicator = near[-1][2]  # the nearest name before the change is what it is said of
        found = _disagreement(m, text, indicator)
        if found:
            expected, reference = found
            advice = f"请改正或写作 {{{indicator.key}.{reference}}}" if reference else "请改正"
            end = m.end() + (len(indicator.unit) if reference is None else 0)  # 增加了3000人: with its unit
            yield Hit(
                f"正文写“{indicator.name}……{text[m.start() : end]}”，指标 {indicator.key} 算得“{expected}”：{advice}",
                spans=((m.start(), end),),
            )


def _disagreement(m: re.Match[str], text: str, indicator: Indicator) -> tuple[str, str | None] | None:
    """What the indicator gives for the change ``m`` states, and the reference that writes it,
    when the two disagree beyond the rounding of the stated figure."""
    yearly = re.fullmatch(_YOY, m["base"]) is not None
    base = indicator.last_year if yearly else indicator.previous
    figure = read_figure(m["amount"])
    if base is None or figure is None:
        return None
    value, within = figure
    stated = -value if re.fullmatch(_FALL, m["verb"]) else value
    unit = m["unit"] or ("%" if m["amount"].startswith("百分之") else None)
    now, then = Decimal(str(indicator.value)), Decimal(str(base))
    if indicator.is_rate and unit == "个百分点":  # a rate changes by points
        difference = now - then
    elif not indicator.is_rate and unit == "%" and then != 0:
        difference = (now - then) / abs(then) * 100
    elif not indicator.is_rate and unit is None and indicator.unit and text.startswith(indicator.unit, m.end()):
        difference = now - then  # 增加了3000人: an amount in the indicator's unit
        if abs(stated - difference) <= within:
            return None
        verb = "增加" if difference > 0 else "减少"
        return f"{'同比' if yearly else '环比'}{verb}{amount(float(abs(difference)), indicator.unit)}", None
    else:
        return None  # 整改率提高5%: points or a share of the rate, the text does not say
    if abs(stated - difference) <= within:
        return None
    return (yoy(indicator), "yoy") if yearly else (mom(indicator), "mom")


def _of_a_part(before: str, context: Context) -> bool:
    """Whether a figure speaks of a part of the report: of part of its period (its text opens
    with 一季度， or says 截至3月底, or it stands under a heading 第一季度, as in a year's roll-up
    of its quarters), or of one of the units a roll-up gathers (under the heading 东区)."""
    report = context.report.period
    titles = context.text.titles
    if set(titles) & {source.office for source in context.report.sources}:
        return True
    opened = [f"{m[1] or report.start_year}年{m[2]}" for m in _PERIOD.finditer(before)][-1:]
    for label in [*opened, *titles]:
        try:
            if Period.parse(label if re.match(r"\d{4}", label) else f"{report.start_year}年{label}") != report:
                return True
        except PeriodError:
            continue
    as_of = [int(m[1]) for m in _AS_OF.finditer(before)]
    return bool(as_of) and as_of[-1] != report.end_month


def periods(text: str, context: Context) -> Iterator[Hit]:
    """A sentence that opens with a period the report does not cover (a leftover of last
    quarter's summary); plans name the periods to come."""
    report = context.report.period
    if _looks_ahead(context):
        return
    # The title and the lead-in name the period anywhere in them: 2024年上半年……工作总结, 现将上半年……如下.
    anywhere = context.text.kind in ("doc_title", "lead_in")
    for m in (_NAMED_PERIOD if anywhere else _PERIOD).finditer(text):
        year = int(m[1]) if m[1] else report.start_year
        try:
            named = Period.parse(f"{year}年{m[2]}")
        except PeriodError:
            continue
        if named.end < report.start or named.start > report.end:
            yield Hit(f"正文写“{m[0]}”，而报告的期间是{report.label()}：请核对", spans=(m.span(),))
            return
    for m in _LEAD_IN_PERIOD.finditer(text) if not anywhere else ():  # an opening's own lead-in
        try:
            named = Period.parse(m[1] if m[1][:4].isdigit() else f"{report.start_year}年{m[1]}")
        except PeriodError:
            continue
        if named != report:
            yield Hit(f"正文写“{m[0]}”，而报告的期间是{report.label()}：请核对", spans=(m.span(),))
            return


def dates(text: str, context: Context) -> Iterator[Hit]:
    written = context.report.date
    if written is None or _looks_ahead(context):
        return  # plans name dates to come
    for m in _DATE.finditer(text):
        try:
            day = date(int(m[1] or written.year), int(m[2]), int(m[3]))
        except ValueError:
            continue
        if text.startswith(("前", "之前", "以前", "起"), m.end()):
            continue  # a deadline or a start to come: 于12月31日前完成
        if day > written and not _FUTURE.search(_sentence(text, m.start(), m.end())):
            yield Hit(
                f"“{m[0]}”晚于成文日期 {written.year}年{written.month}月{written.day}日：请核对", spans=(m.span(),)
            )
            return


def _looks_ahead(context: Context) -> bool:
    """Plans and suggestions name the periods and dates to come."""
    return context.text.role in ("plans", "suggestions")


RULES = (
    Rule(
        "CR301",
        "统计数字用了汉字",
        "warning",
        "投入一百万元、提高了十个百分点、百分之五十 → 100万元、10个百分点、50%",
        check=chinese_statistics,
    ),
    Rule("CR302", "大数未用万、亿", "info", "投入1500000元 → 150万元", check=unscaled),
    Rule(
        "CR303",
        "增幅与指标不符",
        "error",
        "正文“较上年增长20%”“比去年同期增加了3000人”，指标算得同比增长15%、增加1800人",
        check=changes,
    ),
    Rule("CR304", "期间与报告不符", "warning", "第三季度的总结写“上半年共开展……”", check=periods),
    Rule("CR305", "日期晚于成文日期", "error", "成文日期 2024年7月5日，正文写“7月20日已完成”", check=dates),
)
