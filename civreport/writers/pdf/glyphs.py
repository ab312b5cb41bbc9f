"""Characters the font of their role lacks, found before the PDF is drawn."""

from __future__ import annotations

from ...office.fonts import ROLE_NAMES, FontRole
from ...office.styles import StyleTable
from ...rendering.blocks import Block, Paragraph
from .fonts import FontPlan, coverage

_PAGE_NUMBER_TEXT = "— 0123456789"


def missing_glyphs(blocks: tuple[Block, ...], styles: StyleTable, plan: FontPlan) -> list[tuple[str, str]]:
    """One message per role and substitute: the characters the role's font lacks, which are
    drawn with a fallback font (and look different from their neighbours) or, where no font
    has them, as a box; with the first places they occur. Each with the characters."""
    found: dict[tuple[FontRole, str | None], dict[str, list[str]]] = {}
    plan.read_primaries()

    def check(text: str, style: str, where: str) -> None:
        role = styles[style].font
        primary = plan.primary(role)
        own = coverage(primary.file, primary.index) if primary else frozenset()
        for i, char in enumerate(text):
            if not char.isspace() and ord(char) not in own:
                face = plan.drawn_by(role, char)
                places = found.setdefault((role, face.family if face else None), {}).setdefault(char, [])
                places.append(f"{where}第 {i + 1} 字（“{text[max(i - 6, 0) : i + 7]}”）")

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
    messages = []
    for (role, substitute), chars in found.items():
        primary = plan.primary(role)
        listed = "".join(f"“{c}”" for c in list(chars)[:10]) + ("等" if len(chars) > 10 else "")
        codes = "、".join(f"U+{ord(c):04X}" for c in list(chars)[:10])
        drawn = f"改用 {substitute} 印出" if substitute else "没有任何字体能印出，PDF 中是方框"
        places = [place for occurrences in chars.values() for place in occurrences]
        messages.append(
            (
                f"{ROLE_NAMES[role]}的字体 {primary.family if primary else '（无）'} 没有{listed}（{codes}），"
                f"{drawn}；共 {len(places)} 处，如{'；'.join(places[:3])}",
                "".join(chars),
            )
        )
    return messages
