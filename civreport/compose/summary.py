"""What composition derives from a report: the summary every template prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report

# Marks that end a sentence: a run-in heading or a lead-in needs no 。 after them.
SENTENCE_END = "。！？；：…"


@dataclass(frozen=True)
class Section:
    """A numbered heading with what stands under it, at heading level 1–4."""

    level: int
    number: str
    title: str
    run_in: bool
    paragraphs: list[str]  # the body, without the enumeration
    children: list[Section]
    enumeration: str | None = None  # the points run together: 一是……；二是……。

    @property
    def texts(self) -> list[str]:
        """Every paragraph under the heading, the enumeration last."""
        return self.paragraphs + ([self.enumeration] if self.enumeration else [])

    @property
    def heading(self) -> str:
        """The heading as printed, number included; a run-in heading closes with 。."""
        text = self.number + self.title
        if self.run_in and text[-1] not in SENTENCE_END:
            text += "。"
        return text


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    value: str  # scaled: 11.5万
    unit: str
    change: str  # 增长20%, 提高10个百分点, 持平 or —
    completion: str  # 85.3% or —


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[IndicatorRow]
    after: int | None  # the index of the part it follows; None: right after the opening


@dataclass(frozen=True)
class Signoff:
    """Sign-off lines with their right indents in characters (GB/T 9704 7.3.5.2)."""

    name: str
    date: str
    name_indent: float
    date_indent: float


@dataclass(frozen=True)
class Summary:
    """Everything a template prints, derived once from a :class:`Report` and its profile."""

    report: Report
    title_lines: list[str]
    subtitle: str | None
    opening: list[str]
    sections: list[Section]
    signoff: Signoff
    attachments: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    table: Table | None = None

    @property
    def title(self) -> str:
        return "".join(self.title_lines)
