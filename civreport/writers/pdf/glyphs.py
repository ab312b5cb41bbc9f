"""Characters that no font of their role can draw, found before the PDF is drawn."""

from __future__ import annotations

from ...office.fonts import ROLE_NAMES, FontRole
from ...office.styles import StyleTable
from ...rendering.blocks import Block, Paragraph
from .fonts import FontPlan

_PAGE_NUMBER_TEXT = "— 0123456789"


def missing_glyphs(blocks: tuple[Block, ...], styles: StyleTable, plan: FontPlan) -> list[str]:
    """Messages for characters that no font configured for their role can draw."""
    found: dict[tuple[FontRole, str], list[str]] = {}
    coverage = {role: plan.coverage(role) for role in plan.roles}

    def check(text: str, style: str, where: str) -> None:
        role = styles[style].font
        for i, char in enumerate(text):
            if not char.isspace() and ord(char) not in coverage[role]:
                context = text[max(i - 6, 0) : i + 7]
                found.setdefault((role, char), []).append(f"{where}第 {i + 1} 字（“{context}”）")

    paragraph = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            if not block.text:
                continue
            paragraph += 1
            for run in block.runs:
                check(run.text, run.style or block.style, f"第 {paragraph} 段")
        else:
            for r, row in enumerate(block.rows, 1):
                for c, cell in enumerate(row, 1):
                    check(cell.text, cell.style, f"表格第 {r} 行第 {c} 列")
    check(_PAGE_NUMBER_TEXT, "page-number", "页码")
    return [
        f"{ROLE_NAMES[role]}的字体都没有“{char}”（U+{ord(char):04X}），共 {len(places)} 处，如{'；'.join(places[:3])}"
        for (role, char), places in found.items()
    ]
