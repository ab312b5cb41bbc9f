"""What a proofreading rule is: its code, name, default severity and example, which texts it
reads, the check that finds what it is about (and the characters it found) and, for a fixable
rule, the fix. A rule module states its rules whole; :mod:`.rulebook` gathers them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast, get_args

from ..model import Report
from ..model.walk import FieldText, TextKind

Severity = Literal["error", "warning", "info"]
RuleSetting = Literal["off", "error", "warning", "info"]
SEVERITY_NAMES: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# Every kind of text: what most rules read.
ALL_TEXTS: frozenset[TextKind] = frozenset(get_args(TextKind))

Span = tuple[int, int]  # the characters a check found: text[start:end]


@dataclass(frozen=True)
class OfficeWords:
    """An office's own word lists (its profile's ``checks: words:``)."""

    preferred: Mapping[str, str] = field(default_factory=dict)  # what is written → what the office writes
    banned: tuple[str, ...] = ()
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # its full names → their accepted short forms


@dataclass(frozen=True)
class House:
    """What an office asks of its texts beyond the rulebook: the range dash (— or ～), the number
    of the third heading level (1. or 1、) and its word lists."""

    dash: str = "—"
    level3: str = "1."
    words: OfficeWords = field(default_factory=OfficeWords)


Derived = TypeVar("Derived")


class Corpus:
    """Every text of the document being read: what a rule about the document as a whole (a round
    trip's signature, units spelled two ways) works out once, not once per text."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = tuple(texts)
        self._derived: dict[Callable[..., Any], Any] = {}

    def derived(self, work_out: Callable[[tuple[str, ...]], Derived]) -> Derived:
        if work_out not in self._derived:
            self._derived[work_out] = work_out(self.texts)
        return cast("Derived", self._derived[work_out])


@dataclass(frozen=True)
class Context:
    """What a rule is given besides the text: the report, what the office asks (:class:`House`),
    the whole document's texts, and for a text rule the text it is reading."""

    report: Report
    house: House
    corpus: Corpus
    field: FieldText | None = None

    @property
    def dash(self) -> str:
        return self.house.dash

    @property
    def text(self) -> FieldText:
        assert self.field is not None, "a report rule has no text"
        return self.field


@dataclass(frozen=True)
class Hit:
    """What a check found: the message; for a text rule the characters it is about (offsets into
    the text, where a comment in the clerk's Word file is anchored), for a report rule the field."""

    message: str
    path: str = ""
    spans: tuple[Span, ...] = ()


TextCheck = Callable[[str, Context], Iterator[Hit]]  # a text → each thing found in it
ReportCheck = Callable[[Report, Context], Iterator[Hit]]
Fix = Callable[[str, Context], str]


@dataclass(frozen=True)
class Rule:
    code: str  # CR101 …: what profiles, findings and SARIF name the rule by
    name: str
    severity: Severity  # by default; a profile's checks: may change it
    example: str  # what it finds → what it asks for
    check: TextCheck | None = None  # reads each text of the kinds in ``reads``
    reads: frozenset[TextKind] = ALL_TEXTS
    whole: ReportCheck | None = None  # or reads the report as a whole
    fix: Fix | None = None  # --fix may rewrite what it finds
    documents: bool = True  # also read in a Word, text or web document (not only in an input file)

    @property
    def fixable(self) -> bool:
        return self.fix is not None


def spans(matches: Iterator[re.Match[str]], group: int = 0) -> tuple[Span, ...]:
    return tuple(m.span(group) for m in matches)


def first_found(pattern: re.Pattern[str], message: Callable[[re.Match[str]], str], group: int = 0) -> TextCheck:
    """A check that says what ``message`` makes of the first of ``pattern``'s matches in a text,
    marking every match (its ``group``)."""

    def check(text: str, context: Context) -> Iterator[Hit]:
        found = list(pattern.finditer(text))
        if found:
            yield Hit(message(found[0]), spans=spans(iter(found), group))

    return check


def listing(pattern: re.Pattern[str], message: str) -> TextCheck:
    """A check that names what ``pattern`` finds in a text: ``message`` with ``{found}``."""

    def check(text: str, context: Context) -> Iterator[Hit]:
        found = list(pattern.finditer(text))
        if found:
            names = "、".join(dict.fromkeys(m[0] for m in found))
            yield Hit(message.format(found=names), spans=spans(iter(found)))

    return check
