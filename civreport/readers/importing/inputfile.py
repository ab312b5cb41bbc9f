"""An import written as an ordinary input file (YAML, with ruamel.yaml): what was dropped and
why and what the import changed at the top, guesses marked where they stand with what they
were taken from, and optionally the figures found as indicator suggestions."""

from __future__ import annotations

from typing import Any

from ..roundtrip import commented, dump, writer
from .figures import FoundFigure
from .source import Drop

_MAX_SHOWN = 60  # characters of a dropped line shown in its comment


def _comment(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for text in lines for line in text.splitlines() or [""])


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "……"


def write_input(
    data: dict[str, Any],
    *,
    source: str,
    drops: list[Drop],
    warnings: list[str],
    guesses: dict[str, str],
    figures: list[FoundFigure] | None = None,
) -> str:
    """The text of the input file."""
    head = [f"由 civreport import 从 {source} 导入。请核对后再印发。"]
    if guesses:
        head += ["", "标有“请核对”的字段是推断出来的。"]
    if warnings:
        head += ["", "导入时的提示："] + [f"- {w}" for w in warnings]
    if drops:
        head += ["", f"删去的内容（{len(drops)} 处，原文中的行号）："]
        head += [f"- 第 {d.line} 行［{d.reason}］{_shown(d.text)}" for d in drops]
    root = commented(data)
    for key, why in guesses.items():
        if key in root:
            root.yaml_add_eol_comment(f"请核对：{why}", key)
    written = _comment(head) + "\n" + dump(writer(), root)
    if figures:
        suggestions = [
            "",
            "原文中的数字，可改写为指标：去掉下面各行开头的“# ”即可启用，正文中的数字可改为 {键}。",
            "indicators:",
        ]
        for n, f in enumerate(figures, 1):
            approx = f", approx: {f.approx}" if f.approx else ""
            suggestions.append(
                f"  - {{key: figure_{n}, name: {f.name}, value: {f.value}, unit: '{f.unit}'{approx}}}"
                f"  # 第 {f.line} 行：{f.text}"
            )
        written += _comment(suggestions)
    return written
