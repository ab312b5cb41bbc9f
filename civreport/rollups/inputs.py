"""The reports a roll-up is made from: read, and checked to fit together (periods that tile the
rolled-up one, or units each covering it)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from ..diagnostics import Diagnostics
from ..errors import InputError, Problem
from ..model import REFERENCE, Indicator, Period, Report
from ..model.figures import phrase
from ..readers import LoadedReport, load
from .provenance import Decisions, Line, Origin
from .sentences import own_period
from .terms import framing


def refuse(reports: Sequence[tuple[Path, Report]], message: str) -> InputError:
    files = "、".join(str(path) for path, _ in reports)
    return InputError([Problem(files, message)])


def _check_periods(reports: list[tuple[Path, Report]], period: Period, by_unit: bool) -> None:
    if by_unit:
        wrong = [(p, r) for p, r in reports if r.period != period]
        if wrong:
            raise refuse(wrong, f"按单位汇总时各报告的期间都应为 {period.label()}（{period.code()}），这些文件不是")
        offices = [r.office for _, r in reports]
        repeated = sorted({o for o in offices if offices.count(o) > 1})
        if repeated:
            twice = [(p, r) for p, r in reports if r.office in repeated]
            raise refuse(twice, f"同一单位出现多次：{'、'.join(repeated)}")
        return
    offices = sorted({r.office for _, r in reports})
    if len(offices) > 1:
        raise refuse(
            reports, f"按期间汇总的报告应来自同一单位，却有：{'、'.join(offices)}；按单位汇总时各报告期间应相同"
        )
    ordered = sorted(reports, key=lambda pr: pr[1].period.start)
    cursor = period.start
    for n, (path, report) in enumerate(ordered):
        p = report.period
        if p.start < period.start or p.end > period.end:
            raise refuse([(path, report)], f"期间 {p.label()} 超出要汇总的 {period.label()}")
        if p.start < cursor:
            previous = ordered[n - 1]
            raise refuse([previous, (path, report)], f"期间重叠：{previous[1].period.label()} 与 {p.label()}")
        if p.start > cursor:
            raise refuse([(path, report)], f"期间有缺口：{cursor.year}年{cursor.month}月起到 {p.label()} 之前没有报告")
        cursor = date(p.end_year + p.end_month // 12, p.end_month % 12 + 1, 1)
    if cursor <= period.end:
        raise refuse(ordered[-1:], f"期间有缺口：{cursor.year}年{cursor.month}月起到 {period.label()} 结束没有报告")


def profile_of(report: Report, source: Path | None) -> str | None:
    """The source's profile, as the roll-up file (written elsewhere) can still find it."""
    spec = report.profile
    if spec and source and Path(spec).suffix.lower() in (".yaml", ".yml") and not Path(spec).is_absolute():
        return str((source.parent / spec).resolve())
    return spec


def loaded(item: Report | LoadedReport | str | Path, diagnostics: Diagnostics) -> LoadedReport:
    if isinstance(item, (str, Path)):
        return load(item, diagnostics=diagnostics)
    return item if isinstance(item, LoadedReport) else LoadedReport(item)


# The words a unit's name ends with, longest first: 各街道, 各镇 … gather the units a fact is
# said of, and what a unit calls itself (我街道, 本镇) gives way to its name.
_UNIT_KINDS = ("街道办事处", "街道", "社区", "部门", "单位", "镇", "乡", "村", "区", "县", "市", "局", "委", "办")


@dataclass(frozen=True)
class Source:
    """A report rolled up: its file, the report as written, its label (第一季度, or the
    unit's name), the tag its item indicators take (``acts_2024q1``), and its report-level
    figures, which its texts speak of (the roll-up's indicators of the same keys are the
    whole's)."""

    index: int
    file: Path
    report: Report
    label: str
    tag: str
    unit: bool

    @cached_property
    def figures(self) -> dict[str, Indicator]:
        return {i.key: i for i in self.report.indicators}

    @cached_property
    def _item_keys(self) -> frozenset[str]:
        return frozenset(self.report.all_indicators()) - frozenset(self.figures)

    def say(self, raw: str) -> str:
        """A text of the source as the roll-up holds it: references to the source's own figures
        written out; references to its item indicators following their keys' tag (two quarters
        may both have 'volunteers')."""
        figures = self.figures

        def one(m: re.Match[str]) -> str:
            if m[1] in figures:
                return phrase(figures[m[1]], m[2])
            return m[0].replace(m[1], f"{m[1]}_{self.tag}", 1) if m[1] in self._item_keys else m[0]

        text = REFERENCE.sub(one, raw)
        return text if self.unit else own_period(text, self.label)

    def line(self, raw: str, path: str) -> Line:
        return Line(self.say(raw), (Origin(self.index, path),), raw)


@dataclass
class Sources:
    """The sources of one roll-up, in order (of time, or as the units were given), with the
    period rolled up to, whether they are units, and the record of what was decided."""

    items: list[Source]
    period: Period
    by_unit: bool
    decisions: Decisions

    def __iter__(self) -> Iterator[Source]:
        return iter(self.items)

    def __getitem__(self, index: int) -> Source:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def where(self, origins: Iterable[Origin]) -> list[str]:
        """Origins as --explain names them: 第二季度 measures[0].items[1].body[0]."""
        return [f"{self.items[o.source].label} {o.path}" for o in origins]

    def labels(self, origins: Iterable[Origin]) -> list[str]:
        """The sources of ``origins``, each once, in order."""
        return [self.items[i].label for i in sorted({o.source for o in origins})]

    @cached_property
    def framing(self) -> frozenset[str]:
        """The words of the subject the sources share (see :func:`~.terms.framing`)."""
        return framing(self.items[0].report.subject)

    @property
    def unit_kind(self) -> str:
        """What the units are: 街道 when every unit's name ends with it, else 单位."""
        names = [s.report.office for s in self.items]
        return next((k for k in _UNIT_KINDS if all(n.endswith(k) and n != k for n in names)), "单位")

    def subject(self, origins: Iterable[Origin]) -> str:
        """Who did what units say: 东街道; 东街道、西街道; 各街道 when it is every unit."""
        units = sorted({o.source for o in origins})
        if len(units) == len(self.items) > 1:
            return f"各{self.unit_kind}"
        return "、".join(self.items[i].label for i in units)


def sources(documents: list[LoadedReport], period: Period, office: str | None, decisions: Decisions) -> Sources:
    """The documents as the sources of a roll-up to ``period``: units when every one covers
    it (``office`` then names the whole), else periods of one office that tile it; refused,
    naming the files, when they do not fit."""
    reports = [(doc.path or Path(f"<报告 {i + 1}>"), doc.report) for i, doc in enumerate(documents)]
    if not reports:
        raise InputError([Problem("rollup", "没有要汇总的报告")])
    by_unit = all(r.period == period for _, r in reports)  # one unit of a higher one too
    if by_unit and not office:
        raise refuse(reports, "按单位汇总时须用 --office 写明汇总后的单位名称")
    _check_periods(reports, period, by_unit)
    if not by_unit:
        reports.sort(key=lambda pr: pr[1].period.start)
    across_years = period.start_year != period.end_year
    items = [
        Source(
            i,
            path,
            report,
            report.office if by_unit else report.period.label(year=across_years),
            f"u{i + 1}" if by_unit else report.period.code().replace("-", "_").replace(".", "_").lower(),
            by_unit,
        )
        for i, (path, report) in enumerate(reports)
    ]
    return Sources(items, period, by_unit, decisions)
