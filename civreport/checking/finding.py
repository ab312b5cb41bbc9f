"""What the proofreader finds: a rule's code, where (file, field path, line), what, and whether
``--fix`` may mend it."""

from __future__ import annotations

from dataclasses import dataclass

from .rule import SEVERITY_NAMES, Severity
from .rulebook import RULES


@dataclass(frozen=True)
class Finding:
    code: str  # CR101 …, see civreport.checking.rulebook
    severity: Severity
    message: str  # Chinese, what is wrong and what to write instead
    path: str  # the field: parts[0].items[1].body[0]
    line: int | None = None  # of the input file, when the report was loaded from one
    file: str | None = None
    fixable: bool = False

    @property
    def name(self) -> str:
        return RULES[self.code].name

    def __str__(self) -> str:
        where = (self.file or "") + (f"，第 {self.line} 行" if self.line else "")
        fix = "（可用 --fix 自动修正）" if self.fixable else ""
        return (
            f"{where}：字段 {self.path}：{SEVERITY_NAMES[self.severity]} {self.code} {self.name}：{self.message}{fix}"
        )
