"""Locked facts: a report's indicators, period, office and dates are the office's facts, and the
text an assistant drafts around them may not contradict them or leave a blank open. The render
tool makes nothing while any of these stands, so an invented number cannot go out.

What is checked: the proofreader's rules about facts and blanks (placeholders CR101, a change
against its indicator CR303, a period CR304 and dates CR305), always at their default setting
(the lock is not an office's to switch off); and three of the lock's own: a figure written after
an indicator's name that is not the indicator's (LF101), a blank an assistant leaves (待补充,
X万份: LF102), and, given a file of the period's facts, an office, period, date or indicator
that differs from it (LF103)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Indicator, Period, PeriodError, Report
from ..model.figures import amount
from ..model.walk import FieldText
from ..office.profile import default_profile
from ..pipeline import check
from ..readers import LoadedReport

PROOFREADER_RULES = ("CR101", "CR303", "CR304", "CR305")
NAMES = {"LF101": "数字与指标不符", "LF102": "未完成的占位", "LF103": "事实与事实文件不符"}


@dataclass(frozen=True)
class Breach:
    """A fact the report's text contradicts, or a blank it leaves: the rule's code and name,
    what is wrong and what to do, in Chinese, and the field (and line, when it has one)."""

    code: str
    name: str
    message: str
    path: str
    line: int | None = None


# Between an indicator's name and its figure: the words that join them (注册志愿者累计达到1.2万人).
_JOIN = "(?:共|累计|总计|合计|全年|已|达到|达|为|是|有|了|新增|完成|实现|：)*"
_SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# A part of the period a sentence speaks of (一季度，…… 截至3月底……): its figures are not the period's.
_PART_OF_PERIOD = re.compile(r"[一二三四]季度|上半年|下半年|前三季度|截至|\d{1,2}月(?:底|末|份)")
# What an assistant leaves to be filled in, beyond the model essays' placeholders of CR101.
_BLANK = re.compile(
    r"待补充|待填写|待完善|待核实|待确认|待更新|此处填写|请填写|TODO|TBD|【\s*】|[（(]\s*[)）]|\[\s*\]|"
    r"(?<![A-Za-z0-9])[XxＸNn](?:万|亿)?(?:个|份|人|元|次|场|处|项|家|名|条|户|%)"
)


def breaches(document: LoadedReport, facts: Report | None = None, facts_file: str = "") -> list[Breach]:
    """Everything that stops ``document`` from being rendered for an assistant, in reading order;
    ``facts`` the report of the period's facts (from ``facts_file``), if the caller gave one."""
    report = document.report
    found = [
        Breach(f.code, f.name, f.message, f.path, f.line)
        for f in check(document, default_profile())
        if f.code in PROOFREADER_RULES
    ]
    for text in report.all_texts():
        found += [
            Breach(code, NAMES[code], message, text.path, document.line_of(text.path))
            for code, message in _own(text, report)
        ]
    if facts is not None:
        found += [
            Breach("LF103", NAMES["LF103"], message, path, document.line_of(path))
            for path, message in _differences(report, facts, facts_file)
        ]
    order = {text.path: n for n, text in enumerate(report.all_texts())}
    return sorted(found, key=lambda b: order.get(b.path, len(order)))


def _own(text: FieldText, report: Report) -> list[tuple[str, str]]:
    out = []
    blanks = list(dict.fromkeys(m[0] for m in _BLANK.finditer(text.text)))
    if blanks:
        out.append(
            ("LF102", f"有未完成的占位“{'、'.join(blanks)}”：请写上实际内容（数字用指标，写作 {{键}}），或删去这句")
        )
    if text.refers and not _of_a_source(text, report):
        out += [("LF101", message) for message in _figures(text.text, report)]
    return out


def _figures(text: str, report: Report) -> list[str]:
    """A figure written after an indicator's name that no indicator of that name and unit has."""
    named: dict[tuple[str, str], list[Indicator]] = {}
    for indicator in report.all_indicators().values():
        if indicator.unit and indicator.name in text:
            named.setdefault((indicator.name, indicator.unit), []).append(indicator)
    messages = []
    for (name, unit), indicators in named.items():
        stated = re.compile(
            re.escape(name)
            + _JOIN
            + r"(?P<before>近|约|超过)?(?P<number>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<after>余|多)?"
            + re.escape(unit)
        )
        for m in stated.finditer(text):
            # The whole sentence, as CR303 reads it: 三季度，……；开展活动312场 is the quarter's too.
            sentence = text[max(text.rfind(c, 0, m.start()) for c in "。！？") + 1 : m.start()]
            if _PART_OF_PERIOD.search(sentence) or any(_agrees(m, i) for i in indicators):
                continue
            facts = "、".join(f"指标 {i.key} 是“{amount(i.value, i.unit, i.approx)}”" for i in indicators)
            messages.append(f"正文写“{m[0]}”，{facts}：数字以指标为准，请改正，或写作 {{{indicators[0].key}}}")
    return messages


def _agrees(m: re.Match[str], indicator: Indicator) -> bool:
    """Whether the figure ``m`` states is ``indicator``'s: its value, or the value as civreport
    prints it (11.54万份 for 115432); an approximate figure (近、约、超过、余、多) as its word says."""
    unit = indicator.unit
    scale = _SCALES.get(m["scale"] or "", Decimal(1)) if unit != "%" else Decimal(1)
    stated = Decimal(m["number"]) * scale
    value = Decimal(str(indicator.value))
    approx = m["before"] or m["after"]
    if approx is None:
        return stated == value or f"{m['number']}{m['scale'] or ''}{unit}" == amount(indicator.value, unit)
    if approx in ("超过", "余", "多"):
        return value >= stated
    if approx == "近":
        return stated * Decimal("0.9") <= value <= stated
    return abs(value - stated) <= stated / 10  # 约


def _of_a_source(text: FieldText, report: Report) -> bool:
    """Whether ``text`` stands under the heading of a part of the period (第一季度) or of a unit a
    roll-up gathers (东区), whose own figures it gives, as CR303 leaves them."""
    if set(text.titles) & {source.office for source in report.sources}:
        return True
    for title in text.titles:
        try:
            named = Period.parse(title if re.match(r"\d{4}", title) else f"{report.period.start_year}年{title}")
        except PeriodError:
            continue
        if named != report.period:
            return True
    return False


def _differences(report: Report, facts: Report, file: str) -> list[tuple[str, str]]:
    """Where ``report`` states an office, period, date or indicator otherwise than ``facts``."""
    out = []
    for field, title in (("office", "发文机关"), ("period", "工作期间"), ("date", "成文日期")):
        given, fact = getattr(report, field), getattr(facts, field)
        if given != fact:
            out.append(
                (field, f"{title}与事实文件 {file} 不同（事实是“{_shown(fact)}”，报告写“{_shown(given)}”）：请改回事实")
            )
    given_indicators, fact_indicators = report.all_indicators(), facts.all_indicators()
    for key, fact in fact_indicators.items():
        given = given_indicators.get(key)
        if given is None:
            out.append(("indicators", f"少了事实文件 {file} 中的指标 {key}（{fact.name}）：请照事实文件补上"))
        elif given != fact:
            changed = [
                title
                for field, title in (
                    ("name", "名称"),
                    ("value", "数值"),
                    ("unit", "单位"),
                    ("approx", "约数"),
                    ("last_year", "上年同期"),
                    ("previous", "上期"),
                    ("target", "目标"),
                    ("aggregate", "汇总方式"),
                    ("of", "比率的分子和分母"),
                )
                if getattr(given, field) != getattr(fact, field)
            ]
            out.append(
                (
                    "indicators",
                    f"指标 {key}（{fact.name}）的{'、'.join(changed)}与事实文件 {file} 不同：指标是事实，不能改动，请照事实文件改回",
                )
            )
    for key in sorted(given_indicators.keys() - fact_indicators.keys()):
        out.append(("indicators", f"指标 {key} 不在事实文件 {file} 中：数字须来自事实，请删去它，或先把它记入事实文件"))
    return out


def _shown(value: object) -> str:
    if isinstance(value, Period):
        return value.label()
    return "无" if value is None else str(value)
