"""The roll-up kept to a length: where what the other rules leave is longer than a summary of the
whole period should be (by default 1.5 times its longest source), the sentences that say least
are left out one at a time until it fits, each recorded with why, so the clerk can put any back
from ``--explain``. What no other source says is otherwise kept whole: four quarters of distinct
work are twice a quarter's length."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar

from ..model import BodyTable, Indicator, IndicatorTable, Report
from ..model.report import table_texts
from .inputs import Sources
from .provenance import DROPPED, REWORDED, Line, origins_of
from .reading import Piece, piece
from .sentences import ENDS, FIGURE, ended, opens_with_time
from .terms import content_words

# What the parts print beside their texts, which no cut shortens: the opening and closing, the
# plans (the next period's programme, already only the last source's).
_KEPT_ROLES = ("plans",)
_NAMED = re.compile(r"[“《][^”》]{2,}[”》]")  # a named campaign, document or place: 《实施方案》, “街长制”
# A clause's end: a comma outside quotes and brackets (“交办—整改—复核—销号”, （试行）).
_CLAUSE = re.compile(r"，(?![^“”]*”)(?![^（）]*）)(?![^《》]*》)")
# What opens a sentence whose last clause completes it: 通过……，实现……; 为……，……
_LEADS_ON = re.compile(
    r"^(?:第[一二三四]季度，)?(?:通过|为了|为|按照|围绕|以|在|随着|根据|依托|结合|针对|对照|本着|由于|因为|如果|虽然|尽管|只有|不仅|既|一方面)"
)
_LAST = 3  # clauses go after every sentence: their worth starts past any sentence's (at most 2)
_WORDS_WORTH = 8  # content words past this say no more for the ranking
_SPACE = re.compile(r"\s")
_NUMBER = 3  # what a heading's number prints: 一、 （一） 1.
_DATE = 10  # 2024年1月10日
_ROW = 12  # what a table's row prints beside its indicator's name and unit: its figures

K = TypeVar("K")


def chars(text: str) -> int:
    """The characters a text prints, white space aside."""
    return len(_SPACE.sub("", text))


def _table_chars(table: BodyTable) -> int:
    return sum(chars(text) for _, text, _ in table_texts("", table))


def piece_chars(one: Piece) -> int:
    """The characters a piece prints: its lines, its tables and its headings' numbers (（一）),
    its items' included."""
    items = list(one.walk())
    tables = sum(_table_chars(t) for item in items for t in item.tables)
    return sum(chars(x.text) for x in one.lines()) + tables + _NUMBER * sum(bool(item.title) for item in items)


def table_chars(table: IndicatorTable | None, indicators: Sequence[Indicator]) -> int:
    """About what an indicator table prints: its title and header, and a row an indicator (its
    name and unit, its figures)."""
    if table is None:
        return 0
    rows = [i for i in indicators if not table.keys or i.key in table.keys]
    return chars(table.title) + _ROW * (len(rows) + 1) + sum(chars(i.name + (i.unit or "")) for i in rows)


def frame_chars(report: Report) -> int:
    """About what a report prints around its text: its title (office, period, subject, kind)
    and its sign-off (the office and a date)."""
    return 2 * chars(report.office) + chars(report.period.label() + report.subject + report.kind) + _DATE


def source_chars(sources: Sources, index: int) -> int:
    """The characters a source prints: its title, opening, parts, table, closing, sign-off."""
    source = sources[index]
    report = source.report
    parts = sum(piece_chars(piece(source, part, path)) for _, path, part in report.printed_parts())
    table = table_chars(report.table, report.indicators)
    return frame_chars(report) + parts + table + sum(chars(p) for p in (*report.opening, *report.closing))


@dataclass(frozen=True)
class _Cut:
    """What may be left out: a sentence, all that explains a problem (its title, which says
    what the problem is, stays), or the last clause of a sentence (``shorter`` is what is left
    of it); the item it is in, and what it is worth."""

    lines: tuple[Line, ...]
    item: Piece
    worth: tuple[int, float]
    explains: bool = False  # a problem's explanation
    shorter: Line | None = None

    @property
    def size(self) -> int:
        return sum(chars(x.text) for x in self.lines) - (chars(self.shorter.text) if self.shorter else 0)

    def applied(self, parts: dict[K, Piece]) -> dict[K, Piece]:
        if self.shorter:
            return {key: part.replaced({self.lines[0]: self.shorter}) for key, part in parts.items()}
        return {key: part.without(set(self.lines), titled=True) for key, part in parts.items()}

    def record(self, sources: Sources, limit: str) -> None:
        """The cut in ``--explain``: a sentence left out, a problem said by its title alone, a
        sentence without its last clause (recorded whole, as the source said it)."""
        text = "".join(x.text for x in self.lines)
        name = self.item.title.text.rstrip(ENDS) if self.item.title else "本部分"
        where = sources.where(origins_of(self.lines))
        if self.shorter:
            why = f"{limit}，句末说得最少的“{_tail(self.lines[0], self.shorter)}”删去：“{self.shorter.text}”"
            sources.decisions.add(REWORDED, where, text, why)
        elif self.explains:
            sources.decisions.add(REWORDED, where, ended(name, "。") + text, f"{limit}，问题只留标题：“{name}”")
        else:
            plain = "" if FIGURE.search(text) else "（没有数字）"
            sources.decisions.add(DROPPED, where, text, f"{limit}，这句在“{name}”中说得最少{plain}")


def _worth(lines: Sequence[Line], sources: Sources) -> tuple[int, float]:
    """What texts say: first figures, and a work several sources did (各街道……, said once for
    them all), one each (a summary is read for them); then a named campaign or document and
    how many words in them name a work."""
    figures, words = _worth_in("".join(x.text for x in lines), sources.framing)
    return figures + (len({o.source for o in origins_of(lines)}) > 1), words


@lru_cache(maxsize=4096)  # each text is weighed again at every step of a long cut
def _worth_in(text: str, framing: frozenset[str]) -> tuple[int, float]:
    words = len(content_words(text, framing))
    return int(bool(FIGURE.search(text))), bool(_NAMED.search(text)) + min(words, _WORDS_WORTH) / _WORDS_WORTH * 2


def _cuts(item: Piece, problem: bool, sources: Sources) -> Iterator[_Cut]:
    """What an item may lose. A problem with a title: its explanation, whole. Else each of its
    sentences, worth what it says, but a lead-in (……如下：), what the roll-up wrote itself (the
    figures, 这一问题……均有反映), a sentence that gives its source's time while more of that
    source's follow (第二季度，……), and the item's last; points while more than two are left (an
    enumeration of one is none). Then the points whole, worth what they say together; and,
    after every sentence, a sentence's last clause, where it has no figures."""
    body = [x for paragraph in item.body for x in paragraph]
    own = [x for x in body if x.raw and not x.text.endswith("：")]
    if problem and item.title:
        if own:
            yield _Cut(tuple(own), item, _worth(own, sources), explains=True)
        return
    for line in own:  # after every sentence: a clause left out changes what stays
        if (shorter := _without_last_clause(line)) and not (worth := _worth_in(_tail(line, shorter), sources.framing))[
            0
        ]:
            yield _Cut((line,), item, (_LAST, worth[1]), shorter=shorter)
    points = [x for x in item.points if x.raw]
    if len(body) + len(points) < 2:
        return
    by_source: dict[int, list[Line]] = {}
    for line in own + points:
        by_source.setdefault(line.origins[0].source, []).append(line)
    for line in reversed(own + (points if len(points) > 2 else [])):
        same = by_source[line.origins[0].source]
        if not (opens_with_time(line.text) and same[0] is line and len(same) > 1):
            yield _Cut((line,), item, _worth([line], sources))
    if points and body:
        yield _Cut(tuple(points), item, _worth(points, sources))


def _tail(line: Line, shorter: Line) -> str:
    """The clause ``shorter`` leaves out of ``line``."""
    return line.text[len(shorter.text) - 1 :].strip(ENDS)


def _without_last_clause(line: Line) -> Line | None:
    """The sentence without its last clause, when it runs on in three clauses or more (区创城办组织
    4个督查组，……开展拉网式排查，建立问题台账，对反复出现的问题挂牌督办。) and does not open with
    what its last clause may complete (通过……，为……, 按照……): the first two stay."""
    text = line.text
    end = text[-1] if text[-1] in "。！？" else ""
    cuts = [m.start() for m in _CLAUSE.finditer(text)]
    if len(cuts) < 2 or _LEADS_ON.match(text):
        return None
    return line.said(text[: cuts[-1]] + end)


def condensed(parts: dict[K, Piece], beside: int, sources: Sources, length: float | None) -> dict[K, Piece]:
    """``parts`` with what says least left out until the roll-up is at most ``length`` times its
    longest source (``beside`` is what prints beside them, in characters: the opening, the
    closing, the lead-in and the table); ``None`` keeps every sentence."""
    if length is None:
        return parts
    budget = length * max(source_chars(sources, i) for i in range(len(sources)))
    total = beside + sum(piece_chars(p) for p in parts.values())
    limit = f"篇幅：汇总报告以最长来源的{length:g}倍（约{budget:.0f}字）为限"
    steps: list[_Cut] = []
    current = parts
    while total > budget and (chosen := _least(current, sources)):
        steps.append(chosen)
        total -= chosen.size
        current = chosen.applied(current)
    for one in reversed(steps[:-1]):  # the last step may have gone past the limit: what fits comes back
        if not one.shorter and total + one.size <= budget:
            steps.remove(one)
            total += one.size
    current = parts
    for one in steps:
        current = one.applied(current)
    for one in _folded(steps):
        one.record(sources, limit)
    return current


def _folded(steps: list[_Cut]) -> list[_Cut]:
    """The steps as --explain tells them: a sentence shortened more than once once, from what
    the source said to what is left; a sentence shortened and then left out, left out."""
    told: list[_Cut] = []
    original: dict[Line, int] = {}  # a shortened sentence → the step that shortened it first
    for one in steps:
        first = original.get(one.lines[0]) if len(one.lines) == 1 else None
        if first is None:
            told.append(one)
            first = len(told) - 1
        else:
            told[first] = replace(told[first], shorter=one.shorter, worth=one.worth, explains=one.explains)
        if one.shorter:
            original[one.shorter] = first
    return told


def _least(parts: dict[K, Piece], sources: Sources) -> _Cut | None:
    """What to leave out next: what is worth least; of equals, what is in the longest item (a
    long item loses before a short one), the later in it."""
    best: tuple[tuple[tuple[int, float], int, int], _Cut] | None = None
    for key, part in parts.items():
        if key in _KEPT_ROLES:
            continue
        for item in part.walk():
            size = piece_chars(item)
            for place, one in enumerate(_cuts(item, key == "problems", sources)):
                rank = (one.worth, -size, place)
                if best is None or rank < best[0]:
                    best = (rank, one)
    return best[1] if best else None
