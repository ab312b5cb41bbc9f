"""What a proofreading rule is: its code, name, default severity and example, which texts it
reads, the check that finds what it is about and, for a fixable rule, the fix. A rule module
states its rules whole; :mod:`.rulebook` gathers them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from ..model import Report
from ..model.walk import FieldText, TextKind

Severity = Literal["error", "warning", "info"]
RuleSetting = Literal["off", "error", "warning", "info"]
SEVERITY_NAMES: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# Every kind of text: what most rules read.
ALL_TEXTS: frozenset[TextKind] = frozenset(get_args(TextKind))


@dataclass(frozen=True)
class Context:
    """What a rule is given besides the text: the report, the range dash the report or its
    office asks for (— or ～), and for a text rule the text it is reading."""

    report: Report
    dash: str
    field: FieldText | None = None

    @property
    def text(self) -> FieldText:
        assert self.field is not None, "a report rule has no text"
        return self.field


@dataclass(frozen=True)
class Hit:
    """What a check found, before it is placed: the message, and the field when a report rule
    finds it (a text rule's hit is at the text it read)."""

    message: str
    path: str = ""


TextCheck = Callable[[str, Context], Iterator[str]]  # a text → the message of each thing found
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

    @property
    def fixable(self) -> bool:
        return self.fix is not None


def distinct(pattern: re.Pattern[str], text: str) -> list[str]:
    """What ``pattern`` finds in ``text``, each once, in order."""
    return list(dict.fromkeys(m[0] for m in pattern.finditer(text)))


def listing(pattern: re.Pattern[str], message: str) -> TextCheck:
    """A check that names what ``pattern`` finds in a text: ``message`` with ``{found}``."""

    def check(text: str, context: Context) -> Iterator[str]:
        found = distinct(pattern, text)
        if found:
            yield message.format(found="、".join(found))

    return check
