"""The roll-up's pieces written as the data of a report, each text's origins recorded by its
field path: in ``sources:`` (each source's ``texts``) and, in the file, beside the text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import HEADING_LEVELS, PartRole, Source
from .inputs import Sources
from .provenance import Line, Origin, origins_of
from .reading import Piece


@dataclass
class Written:
    """Where each text written came from, by its field path in the roll-up."""

    origins: dict[str, tuple[Origin, ...]] = field(default_factory=dict)

    def text(self, lines: Iterable[Line], path: str) -> str:
        lines = list(lines)
        self.origins[path] = origins_of(lines)
        return "".join(line.text for line in lines)

    def sources(self, sources: Sources) -> list[Source]:
        """The sources, each with the roll-up's texts taken from it and where they stand in it."""
        texts: list[dict[str, list[str]]] = [{} for _ in sources]
        for path, origins in self.origins.items():
            for origin in origins:
                texts[origin.source].setdefault(path, []).append(origin.path)
        return [
            Source(file=str(s.file), office=s.report.office, period=s.report.period, texts=texts[s.index])
            for s in sources
        ]


def _flattened(piece: Piece) -> list[tuple[Line, ...]]:
    """An item that would fall below the fourth heading level as paragraphs: its title runs
    into its first paragraph (背街小巷整治：……)."""
    paragraphs = [*piece.body, *([piece.points_paragraph()] if piece.points else [])]
    if piece.title:
        head = piece.title.said(piece.title.text.rstrip("。：") + "：")
        paragraphs = [(head, *paragraphs[0]), *paragraphs[1:]] if paragraphs else [(head,)]
    return paragraphs + [p for item in piece.items for p in _flattened(item)]


def _block(piece: Piece, path: str, written: Written) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if piece.body:
        data["body"] = [written.text(p, f"{path}.body[{i}]") for i, p in enumerate(piece.body)]
    if piece.points:
        data["points"] = [written.text([p], f"{path}.points[{i}]") for i, p in enumerate(piece.points)]
        data["points_style"], data["points_order"] = piece.points_style, piece.points_order
        if piece.lead:
            data["points_lead"] = written.text([piece.lead], f"{path}.points_lead")
        if piece.tail:
            data["points_tail"] = written.text([piece.tail], f"{path}.points_tail")
    if piece.tables:
        data["tables"] = [t.model_dump(exclude_none=True) for t in piece.tables]
    return data


def item(piece: Piece, path: str, level: int, written: Written) -> dict[str, Any]:
    """An item at heading ``level``; the items under it that would fall below the fourth level
    become its paragraphs."""
    if level >= HEADING_LEVELS and piece.items:
        piece = Piece(
            title=piece.title,
            body=(*piece.body, *(p for child in piece.items for p in _flattened(child))),
            points=piece.points,
            lead=piece.lead,
            tail=piece.tail,
            points_style=piece.points_style,
            points_order=piece.points_order,
            tables=piece.tables,
            indicators=piece.indicators + tuple(i for child in piece.items for i in _indicators(child)),
            numbered=piece.numbered,
        )
    data: dict[str, Any] = {"title": written.text([piece.title], f"{path}.title")} if piece.title else {}
    data |= _block(piece, path, written)
    if piece.items:
        data["items"] = [item(child, f"{path}.items[{i}]", level + 1, written) for i, child in enumerate(piece.items)]
    if piece.indicators:
        data["indicators"] = [i.model_dump(exclude_none=True) for i in piece.indicators]
    if piece.numbered:
        data["numbered"] = True
    return data


def _indicators(piece: Piece) -> list[Any]:
    return [*piece.indicators, *(i for child in piece.items for i in _indicators(child))]


def part(piece: Piece, role: PartRole | None, path: str, written: Written) -> dict[str, Any]:
    """A part: its items are （一）, the second heading level."""
    data: dict[str, Any] = {"role": role} if role else {}
    if piece.title:
        data["title"] = written.text([piece.title], f"{path}.title")
    data |= _block(piece, path, written)
    if piece.items:
        data["items"] = [item(child, f"{path}.items[{i}]", 2, written) for i, child in enumerate(piece.items)]
    return data


def paragraphs(lines: list[tuple[Line, ...]], path: str, written: Written) -> list[str]:
    """Paragraphs outside the parts (the opening, the closing)."""
    return [written.text(p, f"{path}[{i}]") for i, p in enumerate(lines)]
