"""What the proofreader finds: a rule's code, where (file, field path and line of an input file;
paragraph of a source document), what, and whether ``--fix`` may mend it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .rule import SEVERITY_NAMES, Severity, Span
from .rulebook import RULES

_EXCERPT = 12  # characters of a paragraph that name it in a message


@dataclass(frozen=True)
class Place:
    """Where in a source document (Word, text, web page) a finding is: its paragraph as the
    importer numbers them (a Word file's paragraphs and tables counted from 1, a text file's
    lines), the cell of a table, the text read there and the characters found in it."""

    paragraph: int
    text: str  # the paragraph's text as read (a Word paragraph's automatic number in front), or the cell's
    unit: Literal["段", "行"] = "段"  # a paragraph of a Word file, a line of a text file
    cell: tuple[int, int] | None = None  # (row, column), from 1
    spans: tuple[Span, ...] = ()

    @property
    def excerpt(self) -> str:
        """The first words of the text, as the clerk finds it again."""
        text = " ".join(self.text.split())
        return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "……"

    @property
    def found(self) -> tuple[str, ...]:
        """The characters found, each place once."""
        return tuple(dict.fromkeys(self.text[a:b] for a, b in self.spans if b > a))

    def __str__(self) -> str:
        where = f"第 {self.paragraph} {self.unit}"
        if self.cell:
            where += f"（表格第 {self.cell[0]} 行第 {self.cell[1]} 列）"
        return f"{where}“{self.excerpt}”"


@dataclass(frozen=True)
class Finding:
    code: str  # CR101 …, see civreport.checking.rulebook
    severity: Severity
    message: str  # Chinese, what is wrong and what to write instead
    path: str  # the field: parts[0].items[1].body[0]; in a source document its paragraph: paragraph[3]
    line: int | None = None  # of the input file, when the report was loaded from one
    file: str | None = None
    fixable: bool = False
    place: Place | None = None  # in a source document

    @property
    def name(self) -> str:
        return RULES[self.code].name

    def __str__(self) -> str:
        if self.place:
            where = f"{self.file or ''}，{self.place}"
            fix = "（可用 --fix 修订稿.docx 写成修订）" if self.fixable and self.place.unit == "段" else ""
        else:
            where = (self.file or "") + (f"，第 {self.line} 行" if self.line else "") + f"：字段 {self.path}"
            fix = "（可用 --fix 自动修正）" if self.fixable else ""
        return f"{where}：{SEVERITY_NAMES[self.severity]} {self.code} {self.name}：{self.message}{fix}"
