"""Where the roll-up's texts come from, and what rolling up decided: every sentence carries the
source texts it was taken from, so the clerk can check it; every merge and drop is recorded
with its reason, in Chinese, for ``civreport rollup --explain``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Origin:
    """A text of a source: the source's place among the roll-up's sources, and the field path
    of the text in it (``measures[0].items[2].body[0]``)."""

    source: int
    path: str


@dataclass(frozen=True)
class Line:
    """A sentence, a title or a point of the roll-up, as it prints, with its origins. ``raw``
    is the source's own wording before its references to figures were written out (the
    figures' rule reads which indicators a sentence states); empty for what the roll-up
    writes itself."""

    text: str
    origins: tuple[Origin, ...]
    raw: str = ""

    def said(self, text: str) -> Line:
        """The same sentence worded anew (a time or a subject put before it)."""
        return Line(text, self.origins, self.raw)

    def joined(self, other: Line) -> Line:
        """This sentence, said also by ``other``'s sources."""
        return Line(self.text, tuple(dict.fromkeys((*self.origins, *other.origins))), self.raw)


def origins_of(lines: Iterable[Line]) -> tuple[Origin, ...]:
    """The origins of ``lines``, each once, in reading order."""
    return tuple(dict.fromkeys(origin for line in lines for origin in line.origins))


# What a decision did, as --explain names it.
MERGED = "合并"
DROPPED = "删去"
ONCE = "只写一次"
MOVED = "移入"
REWORDED = "改写"


@dataclass(frozen=True)
class Decision:
    """One thing the roll-up did to its sources' texts: what (合并, 删去 …), to which texts
    (each a source's label and field path, and the text), and why."""

    what: str
    where: tuple[str, ...]
    text: str
    why: str

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 40 else self.text[:38] + "……"
        return f"{self.what}：{'；'.join(self.where)}“{text}”：{self.why}"


@dataclass
class Decisions:
    """The decisions of one roll-up, in the order they were made."""

    found: list[Decision] = field(default_factory=list)

    def add(self, what: str, where: Iterable[str], text: str, why: str) -> None:
        self.found.append(Decision(what, tuple(where), text, why))

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


def explanation(decisions: Decisions) -> str:
    """What ``civreport rollup --explain`` prints: each decision on a line, then how many of
    each kind."""
    counts = {what: sum(d.what == what for d in decisions) for what in (MERGED, ONCE, DROPPED, MOVED, REWORDED)}
    total = "，".join(f"{what} {n} 处" for what, n in counts.items() if n) or "没有合并或删去任何内容"
    return "".join(f"{d}\n" for d in decisions) + f"共{total}\n"
