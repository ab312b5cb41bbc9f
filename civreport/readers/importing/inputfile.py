"""An import written as an ordinary input file (YAML, with ruamel.yaml): what was dropped and
why and what the import changed at the top, guesses marked where they stand with what they
were taken from, and optionally the figures found as indicator suggestions."""

from __future__ import annotations

from typing import Any

from ..roundtrip import commented, dump, writer
from .figures import FoundFigure
from .source import Drop

_MAX_SHOWN = 40  # characters of a dropped line shown in its comment
_EXAMPLES = 3  # drops of a kind shown, the first in the file


def _comment(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for text in lines for line in text.splitlines() or [""])


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "……"


def _dropped(drops: list[Drop]) -> list[str]:
    """A line per kind of drop: how many, and the first few with their lines."""
    kinds: dict[str, list[Drop]] = {}
    for drop in drops:
        kinds.setdefault(drop.reason, []).append(drop)
    lines = []
    for reason, same in kinds.items():
        shown = "、".join(f"第 {d.line} 行“{_shown(d.text)}”" for d in same[:_EXAMPLES])
        lines.append(f"- {reason} {len(same)} 处：{shown}{'等' if len(same) > _EXAMPLES else ''}")
    return lines


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
        head += ["", f"删去的内容（{len(drops)} 处，按类别；行号是原文中的行，误删的请从原文补回）："]
        head += _dropped(drops)
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
