"""The drop list: what sites and an official document's furniture add to a summary, kept as
data in droplist.yaml (each pattern with the kind of drop, its site, examples and text it must
leave alone) and compiled once here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

DATA = Path(__file__).with_name("droplist.yaml")
SECTIONS = ("lines", "tail", "pieces", "title_suffixes")


@dataclass(frozen=True)
class DropPattern:
    reason: str  # the kind of drop, as the input file lists it
    site: str  # where such text comes from
    pattern: re.Pattern[str]
    examples: tuple[str, ...]  # what it must find
    keeps: tuple[str, ...]  # what it must leave alone
    within: int | None  # only in the file's first so many lines


@dataclass(frozen=True)
class DropList:
    lines: tuple[DropPattern, ...]
    tail: tuple[DropPattern, ...]
    pieces: tuple[DropPattern, ...]
    title_suffixes: tuple[DropPattern, ...]


def _entry(raw: dict[str, Any]) -> DropPattern:
    return DropPattern(
        reason=raw["reason"],
        site=raw["site"],
        pattern=re.compile(raw["pattern"]),
        examples=tuple(raw.get("examples", ())),
        keeps=tuple(raw.get("keeps", ())),
        within=raw.get("within"),
    )


@cache
def drop_list() -> DropList:
    """The drop list as shipped with civreport."""
    data = YAML(typ="safe").load(DATA.read_text(encoding="utf-8"))
    return DropList(*(tuple(_entry(raw) for raw in data[section]) for section in SECTIONS))
