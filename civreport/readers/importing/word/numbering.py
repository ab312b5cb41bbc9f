"""Word's automatic numbering: the counters of each list, and the number (一、 （一） 1.) each
numbered paragraph displays, from the paragraph's own numbering or its style chain's."""

from __future__ import annotations

import re

from ..source import ListNumber
from .numformats import format_number
from .styles import Chain, Styles
from .wml import MC, Element, W, as_int, is_on, val


class Numbering:
    """Word's automatic numbering: the number each numbered paragraph displays."""

    def __init__(self, numbering: Element | None, styles: Styles) -> None:
        self.styles = styles
        self.nums: dict[str, Element] = {}
        self.abstracts: dict[str, Element] = {}
        if numbering is not None:
            for num in numbering.iterfind(f"{W}num"):
                self.nums.setdefault(num.get(f"{W}numId", ""), num)
            for abstract in numbering.iterfind(f"{W}abstractNum"):
                self.abstracts.setdefault(abstract.get(f"{W}abstractNumId", ""), abstract)
        self.counters: dict[str, list[int | None]] = {}  # per abstractNum, shared by its nums
        self.overridden: set[tuple[str, int]] = set()  # (numId, ilvl) whose startOverride has restarted it
        self.levels: dict[tuple[int, int], Element | None] = {}  # (id of the num, ilvl) → its w:lvl

    def number(self, p: Element, chain: Chain) -> ListNumber | None:
        """Advance the counters for paragraph ``p`` and give its number, None for no number or a bullet."""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = val(num_pr, f"{W}numId"), val(num_pr, f"{W}ilvl")
        owner = None  # the style that gives the numbering
        for style_id, style in chain if num_id is None else ():
            style_pr = style.find(f"{W}pPr/{W}numPr")
            num_id, ilvl = val(style_pr, f"{W}numId"), ilvl or val(style_pr, f"{W}ilvl")
            if num_id is not None:
                owner = style_id
                break
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        num = self.nums[num_id]
        resolved = self._abstract(num)
        if resolved is None:
            return None
        abstract_id, abstract = resolved
        if ilvl is None and owner is not None:  # a list linked to styles: the level that names the style
            ilvl = next(
                (lvl.get(f"{W}ilvl") for lvl in abstract.iterfind(f"{W}lvl") if val(lvl, f"{W}pStyle") == owner), None
            )
        level = as_int(ilvl, 0)
        lvl = self._lvl(num, abstract, level) if 0 <= level <= 8 else None
        if lvl is None:  # Word shows no number for a level the list does not define
            return None
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        override = val(num.find(f"{W}lvlOverride[@{W}ilvl='{level}']"), f"{W}startOverride")
        if override is not None and (num_id, level) not in self.overridden:
            self.overridden.add((num_id, level))
            counters[level] = as_int(override, 0)
        else:
            current = counters[level]
            counters[level] = as_int(val(lvl, f"{W}start"), 0) if current is None else current + 1
        for deeper in range(level + 1, 9):  # lvlRestart: restart after a level up to this one (0: never)
            restart = as_int(val(self._lvl(num, abstract, deeper), f"{W}lvlRestart"), deeper)
            if level < restart:
                counters[deeper] = None
        fmt = _num_fmt(lvl)
        text = val(lvl, f"{W}lvlText")
        if fmt == "bullet" or lvl.find(f"{W}lvlPicBulletId") is not None or not text:
            return None
        legal = is_on(lvl.find(f"{W}isLgl"))

        def placeholder(match: re.Match[str]) -> str:
            n = int(match.group(1)) - 1
            other = lvl if n == level else self._lvl(num, abstract, n)
            value = counters[n]
            if value is None:  # a level not used yet shows its start value
                value = as_int(val(other, f"{W}start"), 0)
            return format_number(value, "decimal" if legal else _num_fmt(other))

        shown = re.sub(r"%([1-9])", placeholder, text)
        return ListNumber(shown, abstract_id, level) if shown else None

    def _abstract(self, num: Element) -> tuple[str, Element] | None:
        """The abstractNum of a num, following a numStyleLink to the list its style defines."""
        for _ in range(4):
            abstract_id = val(num, f"{W}abstractNumId") or ""
            abstract = self.abstracts.get(abstract_id)
            link = val(abstract, f"{W}numStyleLink")
            if abstract is None or link is None:
                return (abstract_id, abstract) if abstract is not None else None
            link_num_id = val(self.styles.lists.get(link), f"{W}pPr/{W}numPr/{W}numId")
            linked = self.nums.get(link_num_id or "")
            if linked is None:
                return None
            num = linked
        return None

    def _lvl(self, num: Element, abstract: Element, level: int) -> Element | None:
        """The definition of a level: the num's override if it gives one, else the abstractNum's."""
        key = (id(num), level)
        if key not in self.levels:
            override = num.find(f"{W}lvlOverride[@{W}ilvl='{level}']/{W}lvl")
            self.levels[key] = override if override is not None else abstract.find(f"{W}lvl[@{W}ilvl='{level}']")
        return self.levels[key]


def _num_fmt(lvl: Element | None) -> str:
    if lvl is None:
        return "decimal"
    fmt = val(lvl, f"{W}numFmt")
    if fmt is None:  # Word 2010 puts custom formats in mc:AlternateContent with a plain fallback
        fmt = val(lvl, f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
    return fmt or "decimal"
