"""The roll-up as an input file a person edits: each text with a comment naming the source
texts it was taken from, so the clerk can check it against them."""

from __future__ import annotations

import re
from typing import Any

from ..model import Report, Source
from ..readers import roundtrip

HEADER = (
    "# 由 civreport rollup 生成，可直接修改后渲染。同类条目已合并；每段文字后的注释写明它取自哪份报告的哪个字段\n"
    "# （sources 中各来源的 texts 记录同样的对应关系）；civreport rollup --explain 列出合并、删去的内容及原因。\n"
)


def _whole(value: Any) -> Any:
    """Figures as a person writes them in the file: 142600, not 142600.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def label(source: Source, sources: list[Source]) -> str:
    """How a comment names a source: its unit, when the sources are units of one period, else
    its period (without the year when they are all of one year: 第一季度)."""
    periods = {s.period for s in sources}
    if len(periods) == 1:
        return source.office
    years = {y for s in sources for y in (s.period.start_year, s.period.end_year)}
    return source.period.label(year=len(years) > 1)


def _comments(report: Report) -> dict[str, str]:
    """Each text's comment by its field path: 来源：第一季度 measures[0].items[2].body[0]；……"""
    found: dict[str, list[str]] = {}
    for source in report.sources:
        name = label(source, report.sources)
        for path, own in source.texts.items():
            found.setdefault(path, []).extend(f"{name} {p}" for p in own)
    return {path: "来源：" + "；".join(where) for path, where in found.items()}


def _place(root: Any, path: str, comment: str) -> None:
    """``comment`` at the end of the line of the text at ``path`` (where the file has it)."""
    steps: list[str | int] = [int(s) if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path)]
    node = root
    for step in steps[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return
    try:
        node[steps[-1]]
    except (KeyError, IndexError, TypeError):
        return
    node.yaml_add_eol_comment(comment, steps[-1])


def to_yaml(report: Report) -> str:
    """The report as an input file a person can edit and civreport can load."""
    root = roundtrip.commented(_whole(report.model_dump(mode="json", exclude_defaults=True, exclude_none=True)))
    for path, comment in _comments(report).items():
        _place(root, path, comment)
    for source in root.get("sources", []):  # a text's origins on its line: opening[0]: [opening[0]]
        for origins in source.get("texts", {}).values():
            origins.fa.set_flow_style()
    return HEADER + roundtrip.dump(roundtrip.writer(), root)
