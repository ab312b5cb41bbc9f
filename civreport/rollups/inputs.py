"""The reports a roll-up is made from: read, and checked to fit together (periods that tile the
rolled-up one, or units each covering it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostics
from ..errors import InputError, Problem
from ..model import Period, Report
from ..readers import LoadedReport, load


def refuse(reports: Sequence[tuple[Path, Report]], message: str) -> InputError:
    files = "、".join(str(path) for path, _ in reports)
    return InputError([Problem(files, message)])


def check_periods(reports: list[tuple[Path, Report]], period: Period, by_unit: bool) -> None:
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
