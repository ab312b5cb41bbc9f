"""The indicator table: one row per indicator, placed after a part of the body."""

from __future__ import annotations

from ..model import Indicator, Report
from .figures import amount, completion_rate, yoy
from .sections import parts
from .summary import IndicatorRow, Table


def table(report: Report, figures: dict[str, Indicator]) -> Table | None:
    """The indicator table, placed after the last part of its role (or of the body)."""
    if report.table is None:
        return None
    keys = report.table.keys or [i.key for i in report.indicators]
    rows = []
    for indicator in (figures[k] for k in keys):
        rows.append(IndicatorRow(
            indicator.name,
            amount(indicator.value, indicator.unit).removesuffix(indicator.unit),  # 11.5万 | 份
            indicator.unit,
            yoy(indicator, prefix="") if indicator.last_year is not None else "—",
            completion_rate(indicator.value, indicator.target) if indicator.target else "—",
        ))
    roles = [role for role, _ in parts(report)]
    at = [i for i, role in enumerate(roles) if role == report.table.after]
    after = at[-1] if at else (len(roles) - 1 if roles else None)
    return Table(report.table.title, rows, after)
