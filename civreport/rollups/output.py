"""The roll-up as an input file a person edits."""

from __future__ import annotations

from typing import Any

from ..model import Report
from ..readers import roundtrip


def _whole(value: Any) -> Any:
    """Figures as a person writes them in the file: 142600, not 142600.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def to_yaml(report: Report) -> str:
    """The report as an input file a person can edit and civreport can load."""
    data = _whole(report.model_dump(mode="json", exclude_defaults=True, exclude_none=True))
    header = "# 由 civreport rollup 生成；可直接修改后渲染。各部分的条目按来源（季度或单位）归集。\n"
    return header + roundtrip.dump(roundtrip.writer(), roundtrip.commented(data))
