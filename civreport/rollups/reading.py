"""A source's parts and items read as pieces: titles, paragraphs cut into sentences, points,
tables and the items under them, each text with its origin in the source."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ..model import BodyTable, Indicator, Item, Part, PartRole, Point
from ..model.fields import mapped_texts
from .inputs import Source
from .provenance import Line, Origin, origins_of
from .sentences import ended, split


@dataclass(frozen=True)
class Piece:
    """What one source, or merged several, says under one title: a part or an item. ``body``
    holds paragraphs of sentences; ``points`` one line a point, with their lead and tail."""

    title: Line | None = None
    body: tuple[tuple[Line, ...], ...] = ()
    points: tuple[Line, ...] = ()
    lead: Line | None = None
    tail: Line | None = None
    points_style: str = "inline"
    points_order: str = "一是"
    tables: tuple[BodyTable, ...] = ()
    items: tuple[Piece, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    numbered: bool = False

    def lines(self) -> Iterator[Line]:
        """Every line of the piece and of the items under it, in reading order."""
        if self.title:
            yield self.title
        yield from self.own_lines()
        for item in self.items:
            yield from item.lines()

    def walk(self) -> Iterator[Piece]:
        """The piece and every item under it, in reading order."""
        yield self
        for item in self.items:
            yield from item.walk()

    def own_lines(self) -> Iterator[Line]:
        """The piece's own text, without its title and its items."""
        for paragraph in self.body:
            yield from paragraph
        yield from (line for line in (self.lead, *self.points, self.tail) if line)

    def points_paragraph(self) -> tuple[Line, ...]:
        """The points run together as a paragraph: the lead, each point ended with ；, the last
        with 。, then the tail."""
        last = len(self.points) - 1
        points = [p.said(ended(p.text, "。" if i == last else "；")) for i, p in enumerate(self.points)]
        return tuple(x for x in (self.lead, *points, self.tail) if x)

    @property
    def origins(self) -> tuple[Origin, ...]:
        """The origins of all its lines, in reading order."""
        return origins_of(self.lines())

    @property
    def sources(self) -> frozenset[int]:
        return frozenset(o.source for o in self.origins)

    def text(self) -> str:
        """All the piece's words, its items' included: what its title's key terms are found in."""
        return "".join(line.text for line in self.lines() if line is not self.title)

    def without(self, lines: set[Line], *, titled: bool = False) -> Piece:
        """The piece without ``lines`` (what a rule drops), here and in its items; an item left
        with nothing under its title goes too, unless ``titled`` (the title says it all)."""
        body = tuple(left for paragraph in self.body if (left := tuple(x for x in paragraph if x not in lines)))
        points = tuple(x for x in self.points if x not in lines)
        return replace(
            self,
            body=body,
            points=points,
            lead=self.lead if points and self.lead not in lines else None,
            tail=self.tail if points and self.tail not in lines else None,
            items=tuple(
                kept
                for item in self.items
                if not (kept := item.without(lines, titled=titled)).empty or (titled and kept.title)
            ),
        )

    def lost(self, kept: Piece | None, gone: set[Line]) -> list[Line]:
        """What of this piece neither ``kept`` (what is left of it) holds nor ``gone`` names:
        the titles of the items whose text all went."""
        still = set(kept.lines()) if kept else set()
        return [line for line in self.lines() if line not in still and line not in gone]

    def replaced(self, lines: dict[Line, Line]) -> Piece:
        """The piece with each of ``lines`` (a rule's cut, or the sentence kept for several)
        in place of the one it replaces, here and in its items."""
        kept = self.mapped(lambda line: lines.get(line, line))
        return replace(kept, items=tuple(item.replaced(lines) for item in self.items))

    def mapped(self, change: Callable[[Line], Line]) -> Piece:
        """The piece with each of its own lines (not its title, nor its items') passed through
        ``change``."""
        return replace(
            self,
            body=tuple(tuple(change(x) for x in paragraph) for paragraph in self.body),
            points=tuple(change(x) for x in self.points),
            lead=change(self.lead) if self.lead else None,
            tail=change(self.tail) if self.tail else None,
        )

    @property
    def empty(self) -> bool:
        """Nothing under the title: no text, no table, no item."""
        return not (any(self.own_lines()) or self.tables or self.items)


def paragraph(source: Source, raw: str, path: str) -> tuple[Line, ...]:
    """A paragraph of a source as its sentences."""
    return tuple(source.line(sentence, path) for sentence in split(raw))


def _point(point: str | Point) -> str:
    """A point as one text: a titled point is its title sentence and its paragraphs."""
    if isinstance(point, str):
        return point
    title = point.title + ("" if point.title[-1] in "。！？" else "。") if point.title else ""
    return title + "".join(point.body)


def _indicator(indicator: Indicator, tag: str) -> Indicator:
    """An item's indicator under the key tagged with its source (``acts_2024q1``): two quarters
    may both have 'acts'."""
    of = tuple(f"{k}_{tag}" for k in indicator.of) if indicator.of else None
    return indicator.model_copy(update={"key": f"{indicator.key}_{tag}", "of": of})


def piece(source: Source, block: Part | Item, path: str) -> Piece:
    """A part or an item of ``source`` (at field path ``path``) as a piece."""
    return Piece(
        title=source.line(block.title, f"{path}.title") if block.title else None,
        body=tuple(paragraph(source, raw, f"{path}.body[{i}]") for i, raw in enumerate(block.body)),
        points=tuple(source.line(_point(p), f"{path}.points[{i}]") for i, p in enumerate(block.points)),
        lead=source.line(block.points_lead, f"{path}.points_lead") if block.points_lead else None,
        tail=source.line(block.points_tail, f"{path}.points_tail") if block.points_tail else None,
        points_style=block.points_style,
        points_order=block.points_order,
        tables=tuple(mapped_texts(table, lambda text, _: source.say(text)) for table in block.tables),
        items=tuple(piece(source, item, f"{path}.items[{i}]") for i, item in enumerate(block.items)),
        indicators=tuple(_indicator(i, source.tag) for i in getattr(block, "indicators", [])),
        numbered=getattr(block, "numbered", False),
    )


def role_piece(source: Source, role: PartRole | None, title: str | None = None) -> Piece | None:
    """What ``source`` says in its parts of ``role`` (or, for a topical part, of ``title``), as
    one piece: its part, or, where it has several, a piece with each titled part as an item
    under it."""
    parts = [
        (path, part)
        for r, path, part in source.report.printed_parts()
        if r == role and (role is not None or part.title == title)
    ]
    if not parts:
        return None
    if len(parts) == 1:
        path, part = parts[0]
        return piece(source, part, path)
    items: list[Piece] = []
    for path, part in parts:
        one = piece(source, part, path)
        if one.title:
            items.append(one)  # a titled part of the role is an item under the role's part
        else:
            items += [replace(one, items=()), *one.items] if any(one.own_lines()) or one.tables else one.items
    return Piece(items=tuple(items))
