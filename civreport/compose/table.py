"""The indicator table: one row per indicator, placed after a part of the body."""

from __future__ import annotations

from ..model import Report
from ..model.figures import amount, completion_rate, yoy
from .summary import IndicatorTable

HEADER = ["指标", "数值", "单位", "同比", "目标完成"]


def table(report: Report) -> IndicatorTable | None:
    """The indicator table, placed after the last part of its role (or of the body)."""
    if report.table is None:
        return None
    figures = report.all_indicators()
    keys = report.table.keys or [i.key for i in report.indicators]
    rows = []
    for indicator in (figures[k] for k in keys):
        rows.append(
            [
                indicator.name,
                amount(indicator.value, indicator.unit, indicator.approx).removesuffix(indicator.unit),  # 11.5万 | 份
                indicator.unit,
                yoy(indicator, prefix="") if indicator.last_year is not None else "—",
                completion_rate(indicator.value, indicator.target) if indicator.target else "—",
            ]
        )
    roles = [role for role, _ in report.all_parts()]
    at = [i for i, role in enumerate(roles) if role == report.table.after]
    after = at[-1] if at else (len(roles) - 1 if roles else None)
    return IndicatorTable(report.table.title, HEADER, rows, after)
