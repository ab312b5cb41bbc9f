"""What composition derives from a report: the summary every template prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Report

# Marks that end a sentence: a run-in heading or a lead-in needs no 。 after them.
SENTENCE_END = "。！？；：…"


@dataclass(frozen=True)
class Table:
    """A table of the body: a title, a header row and rows of text."""

    title: str | None
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    """A numbered heading (or, untitled, plain text) with what stands under it, at heading
    level 1–4: its paragraphs in print order, its tables, its child sections."""

    level: int
    number: str  # 一、 （一） 1. （1）, or "" for plain text
    title: str
    run_in: bool  # the heading opens the first paragraph
    texts: list[str]
    children: list[Section]
    tables: list[Table] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The heading as printed, number included; a run-in title closes with 。."""
        text = self.number + self.title
        if self.run_in and self.title and text[-1] not in SENTENCE_END:
            text += "。"
        return text

    @property
    def is_heading(self) -> bool:
        return bool(self.number or self.title)


@dataclass(frozen=True)
class IndicatorTable(Table):
    """The indicator table, placed after a part of the body."""

    after: int | None = None  # the index of the part it follows; None: right after the opening


@dataclass(frozen=True)
class Signoff:
    """Sign-off lines with their right indents in characters (GB/T 9704 7.3.5.2): one name,
    or several for a joint summary, and the date (none in a draft)."""

    names: list[str]
    name_indents: list[float]
    date: str | None
    date_indent: float

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def name_indent(self) -> float:
        return self.name_indents[0]


@dataclass(frozen=True)
class Attachment:
    """An attachment's name in the attachment note (GB/T 9704 7.3.4), as printed: 附件：1.名称
    for the first, 2.名称 under the 1. for the next, in ``lines`` broken between words; the
    lines after the first align with the name's first character. ``left`` and ``hanging``
    in characters."""

    lines: list[str]
    left: float
    hanging: float

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class SignerLine:
    """A line of the head's 签发人 (GB/T 9704 7.2.6): the number flush left on the last one;
    the label and the names, joined by ``gap``, flush right ``right`` characters in, so that
    the names of every line start under the first line's."""

    number: str | None
    label: str  # 签发人： on the first line, nothing after it
    names: list[str]
    right: float
    gap: str


@dataclass(frozen=True)
class Head:
    """The head (GB/T 9704 7.2): 份号, 密级, 紧急程度 at the top left, the office's mark (one
    line, or the offices of a joint document one under another with ``mark_word`` to their
    right, ``mark_gap`` characters off) in ``mark_size_pt``, and the number, centred or, with
    签发人, flush left on their lines. ``letterhead``: the paper has the mark and the rule
    printed already (套打), the page leaves their space blank."""

    copy_no: str | None
    secrecy: str | None
    urgency: str | None
    mark_lines: list[str]
    mark_size_pt: float
    mark_word: str | None
    mark_gap: float
    number: str | None
    signer_lines: list[SignerLine]
    letterhead: bool = False

    @property
    def corner(self) -> list[tuple[str, str]]:
        """份号, 密级, 紧急程度 as (class, text), top to bottom."""
        found = (("copy-no", self.copy_no), ("secrecy", self.secrecy), ("urgency", self.urgency))
        return [(name, text) for name, text in found if text]

    @property
    def ruled(self) -> bool:
        """The red rule stands under the number when there is a mark or a number above it."""
        return bool(self.mark_lines or self.number or self.signer_lines)


@dataclass(frozen=True)
class Foot:
    """The 版记 (GB/T 9704 7.4): 抄送 in ``cc_lines``, those after the first aligned after its
    colon (``hanging``), and the printing office and date, each ``inset`` in; in body
    characters, as the page's indents are."""

    cc_lines: list[str]
    hanging: float
    printed_by: str | None
    printed_on: str | None
    inset: float


@dataclass(frozen=True)
class AttachedPage:
    """An attachment printed in full after the body (GB/T 9704 7.3.7): its label (附件1),
    the lines of its title, its paragraphs and its table."""

    label: str
    title_lines: list[str]
    paragraphs: list[str]
    table: Table | None


@dataclass(frozen=True)
class Meta:
    """What the document says of itself (PDF and DOCX properties): its title, author (the
    issuing office), subject and date."""

    title: str
    author: str
    subject: str
    created: date | None


@dataclass(frozen=True)
class Summary:
    """Everything a template prints, derived once from a :class:`Report` and its profile."""

    report: Report
    meta: Meta
    title_lines: list[str]
    subtitle: str | None
    opening: list[str]
    sections: list[Section]
    signoff: Signoff | None
    recipients: str | None = None  # with its colon: 市创城办：
    attachments: list[Attachment] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    table: IndicatorTable | None = None
    head: Head | None = None
    foot: Foot | None = None
    attached: list[AttachedPage] = field(default_factory=list)
    note: str | None = None  # 附注, with its parentheses (GB/T 9704 7.3.6)

    @property
    def title(self) -> str:
        return self.meta.title
