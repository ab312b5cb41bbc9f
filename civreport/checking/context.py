"""What a rule is given and what it gives back."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Report


@dataclass(frozen=True)
class Context:
    report: Report
    dash: str  # the range dash the report or its office asks for: — or ～
    path: str = ""  # the field a text rule is looking at


@dataclass(frozen=True)
class Hit:
    """A rule's finding before it is placed: its code and message."""

    code: str
    message: str


def distinct(pattern: re.Pattern[str], text: str) -> list[str]:
    """What ``pattern`` finds in ``text``, each once, in order."""
    return list(dict.fromkeys(m[0] for m in pattern.finditer(text)))


def listing(code: str, pattern: re.Pattern[str], message: str) -> Callable[[str, Context], Iterator[Hit]]:
    """A rule that names what ``pattern`` finds in a text: ``message`` with ``{found}``."""

    def rule(text: str, context: Context) -> Iterator[Hit]:
        found = distinct(pattern, text)
        if found:
            yield Hit(code, message.format(found="、".join(found)))

    return rule
