"""Word lists shipped as data files (``civreport/model/words/``, ``civreport/checking/words/``),
each list in one file, read once when first asked for; and a list of replacements as one
pattern that finds its words and mends them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from ruamel.yaml import YAML


@cache
def word_list(package: str, name: str) -> Any:
    """The data of ``words/NAME.yaml`` in ``package`` (``civreport.model``, ``civreport.checking``)."""
    return YAML(typ="safe", pure=True).load((files(package) / "words" / f"{name}.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Entry:
    """A word and what to write instead. A word that is only the seam of two others is not one:
    ``not_after`` are the characters it does not follow (燃气管网|路由: 网路 not after 管),
    ``not_before`` those it does not precede (扎根|底层: 根底 not before 层)."""

    word: str
    right: str
    not_after: str = ""
    not_before: str = ""

    def pattern(self) -> str:
        before = f"(?<![{re.escape(self.not_after)}])" if self.not_after else ""
        after = f"(?![{re.escape(self.not_before)}])" if self.not_before else ""
        return before + re.escape(self.word) + after


def entries(data: Mapping[str, str | Mapping[str, str]]) -> list[Entry]:
    """The entries of a list written ``word: right`` or ``word: {right: …, not_after: …, not_before: …}``."""
    return [Entry(word, spec) if isinstance(spec, str) else Entry(word, **spec) for word, spec in data.items()]


class Replacements:
    """Words and what to write instead, found as one pattern, the longest first."""

    def __init__(self, found: list[Entry]) -> None:
        self.right = {entry.word: entry.right for entry in found}
        ordered = sorted(found, key=lambda entry: len(entry.word), reverse=True)
        self.pattern = re.compile("|".join(entry.pattern() for entry in ordered) or "(?!)")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text)

    def mend(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.right[m[0]], text)


def alternatives(words: list[str]) -> str:
    """A pattern that matches any of ``words``, the longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
