"""The text of an imported document made official: traditional characters to simplified
(OpenCC, when the text is written in traditional characters), half-width punctuation between
Chinese characters to full width, spaces inside Chinese sentences removed. Each change is
counted and reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ...model.punctuation import full_width
from ...model.script import simplified, traditional_characters
from .source import SourceBlock

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A text is traditional when this share of its Chinese characters change in conversion; a
# simplified text changes almost none (OpenCC maps a few rare characters either way).
_TRADITIONAL_SHARE = 0.03


@dataclass(frozen=True)
class Cleaned:
    blocks: list[SourceBlock]
    converted: int  # characters made simplified
    punctuation: int  # marks made full width and spaces removed
    lines: tuple[int, ...]  # the first lines where punctuation changed


def _map(blocks: list[SourceBlock], change: Callable[[str], str]) -> list[SourceBlock]:
    return [
        replace(
            b,
            text=change(b.text),
            rows=tuple(tuple(change(c) for c in row) for row in b.rows) if b.rows is not None else None,
        )
        for b in blocks
    ]


def clean_text(blocks: list[SourceBlock], convert: bool = True) -> Cleaned:
    """``blocks`` with their text made official; ``convert=False`` keeps traditional characters."""
    text = "".join(b.text for b in blocks) + "".join(c for b in blocks if b.rows for row in b.rows for c in row)
    converted = 0
    if convert and (han := len(_HAN.findall(text))):
        converted = len(traditional_characters(text))
        if converted / han >= _TRADITIONAL_SHARE:
            blocks = _map(blocks, simplified)
        else:
            converted = 0
    count, lines = 0, []

    def fix(line: int) -> Callable[[str], str]:
        def change(value: str) -> str:
            nonlocal count
            new, fixes = full_width(value)
            if fixes:
                count += len(fixes)
                lines.append(line)
            return new

        return change

    blocks = [_map([b], fix(b.line))[0] for b in blocks]
    return Cleaned(blocks, converted, count, tuple(sorted(set(lines))[:10]))
