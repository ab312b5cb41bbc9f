"""The roll-up's indicators: each aggregated over the sources by its rule."""

from __future__ import annotations

from pathlib import Path
from statistics import fmean

from ..diagnostics import Diagnostics
from ..errors import CivreportWarning
from ..model import Indicator, Report
from .inputs import refuse


def _aggregate(
    key: str, found: list[tuple[Path, Report, Indicator]], by_unit: bool, totals: dict[str, Indicator]
) -> Indicator | None:
    """The indicator over all sources; None for a ratio whose denominator comes to zero."""
    first = found[0][2]
    units = list(dict.fromkeys(i.unit for _, _, i in found))  # in the order of the files
    if len(units) > 1:
        files = [(p, r) for p, r, _ in found]
        raise refuse(
            files,
            f"指标 {key} 的单位不一致：{'、'.join(u or '（无）' for u in units)}：请在各文件中改用同一单位后再汇总",
        )
    rules = sorted({i.aggregate for _, _, i in found})
    if len(rules) > 1:
        raise refuse(
            [(p, r) for p, r, _ in found],
            f"指标 {key} 的汇总方式不一致：{'、'.join(rules)}：请在各文件中写同一个 aggregate",
        )
    values = [i.value for _, _, i in found]
    last = [i.last_year for _, _, i in found]
    targets = [i.target for _, _, i in found if i.target is not None]
    rule = first.aggregate
    if rule == "ratio":
        assert first.of is not None
        num, den = (totals[k] for k in first.of)
        scale = 100 if first.is_rate else 1
        if not den.value:
            return None
        value = num.value / den.value * scale
        base = num.last_year / den.last_year * scale if num.last_year is not None and den.last_year else None
        target = targets[-1] if targets else None
    elif rule == "latest" and not by_unit:
        value, base = values[-1], last[-1]
        target = targets[-1] if targets else None
    elif rule == "average":
        value = fmean(values)
        base = fmean(b for b in last if b is not None) if all(b is not None for b in last) else None
        target = fmean(targets) if targets else None
    else:  # sum; and "latest" across units: each unit's latest stock, added up
        value = sum(values)
        base = sum(b for b in last if b is not None) if all(b is not None for b in last) else None
        # Targets are annual for one office (kept), or add up across units.
        target = (sum(targets) if by_unit else targets[-1]) if targets else None
    # The previous period of the roll-up is not the previous period of any source.
    return first.model_copy(
        update={
            "value": _tidy(value),
            "last_year": None if base is None else _tidy(base),
            "target": target,
            "previous": None,
        }
    )


def _tidy(number: float) -> float:
    """A computed figure to the precision a report states (a ratio's 93.9170, not 93.916998…)."""
    return round(number, 4)


def indicators(reports: list[tuple[Path, Report]], by_unit: bool, diagnostics: Diagnostics) -> list[Indicator]:
    order: list[str] = []
    found: dict[str, list[tuple[Path, Report, Indicator]]] = {}
    for path, report in reports:
        for indicator in report.indicators:
            if indicator.key not in found:
                order.append(indicator.key)
            found.setdefault(indicator.key, []).append((path, report, indicator))
    totals: dict[str, Indicator] = {}
    # Ratios last: they are computed from the aggregated numerator and denominator.
    for key in sorted(order, key=lambda k: found[k][0][2].aggregate == "ratio"):
        first = found[key][0][2]
        if first.of:
            missing = [k for k in first.of if k not in found]
            if missing:
                raise refuse(
                    [(p, r) for p, r, _ in found[key]], f"比率指标 {key} 的 {'、'.join(missing)} 不在报告的指标中"
                )
        having = {path for path, _, _ in found[key]}
        lacking = [str(p) for p, _ in reports if p not in having]
        if lacking:  # a total of some sources would read as the whole's
            _leave_out(diagnostics, key, first, f"{'、'.join(lacking)} 没有这个指标")
        elif first.of and any(k not in totals for k in first.of):
            _leave_out(diagnostics, key, first, f"算它的 {'、'.join(k for k in first.of if k not in totals)} 没有汇总")
        elif (total := _aggregate(key, found[key], by_unit, totals)) is None:
            _leave_out(diagnostics, key, first, "分母合计为零，无法计算")
        else:
            totals[key] = total
    return [totals[k] for k in order if k in totals]


def _leave_out(diagnostics: Diagnostics, key: str, indicator: Indicator, why: str) -> None:
    diagnostics.add(
        CivreportWarning, f"指标 {key}（{indicator.name}）没有汇总：{why}；汇总报告的正文仍写各来源自己的数字"
    )
