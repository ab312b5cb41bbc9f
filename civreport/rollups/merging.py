"""A group of like pieces made one: one title, the sources' facts in time (or unit) order,
each sentence said once in the whole roll-up, a quarter named where its facts stand beside
another quarter's (第二季度，……) and a unit named as the subject of its facts (东街道……, or
各街道…… for what every unit says)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .inputs import Sources
from .matching import groups
from .provenance import ONCE, Line, origins_of
from .reading import Piece
from .sentences import ended, normal, same, subjected, timed


@dataclass
class Said:
    """What the roll-up has said so far, by the sentences' compared form: what a later piece
    says again is left out there."""

    lines: dict[str, Line] = field(default_factory=dict)

    def earlier(self, line: Line) -> Line | None:
        return self.lines.get(normal(line.text))

    def add(self, lines: list[Line]) -> None:
        for line in lines:
            self.lines.setdefault(normal(line.text), line)


@dataclass
class _Member:
    """A piece of a group as its text is being merged: its source and its paragraphs."""

    source: int
    paragraphs: list[list[Line]]


def _points_kept(group: list[Piece], by_unit: bool) -> Piece | None:
    """The one piece whose points stay points (一是……；二是……) in the merged piece: points print
    after all the paragraphs, so only those of the last piece with text keep their place; a
    unit's points need its name before them, which only its own paragraph gives."""
    with_points = [p for p in group if p.points]
    if len(with_points) != 1:
        return None
    piece = with_points[0]
    if by_unit:
        return piece if len(group) == 1 and piece.body else None
    later = group[group.index(piece) + 1 :]
    return None if any(any(p.own_lines()) for p in later) else piece


def merge(group: list[Piece], sources: Sources, said: Said) -> Piece | None:
    """The group as one piece, or None when everything it says was said before (or there is
    nothing in it)."""
    if not group:
        return None
    group = sorted(group, key=lambda piece: min(piece.sources))  # in time (or unit) order
    kept = _points_kept(group, sources.by_unit)
    members = [
        _Member(
            min(piece.sources),
            [list(p) for p in piece.body]
            + ([list(piece.points_paragraph())] if piece.points and piece is not kept else []),
        )
        for piece in group
    ]
    shared = _once(members, sources, said)
    points = [line for line in (kept.points if kept else ()) if not repeated(line, said, [], sources)]
    said.add(points)
    many = len({m.source for m in members if any(m.paragraphs)}) > 1
    body: list[tuple[Line, ...]] = []
    if shared:  # what several units say, said once, of them all
        body.append(_of_them(shared, sources))
    for member in members:
        source = sources[member.source]
        for n, paragraph in enumerate(p for p in member.paragraphs if p):
            first = paragraph[0]
            if sources.by_unit:
                first = first.said(subjected(first.text, source.label, sources.unit_kind))
            elif many and n == 0:
                first = first.said(timed(first.text, source.label))
            body.append((first, *paragraph[1:]))
    body = [_ended(paragraph) for paragraph in body]
    items = [
        m for g in groups([item for piece in group for item in piece.items], sources) if (m := merge(g, sources, said))
    ]
    titles = [piece.title for piece in group if piece.title]
    merged = Piece(
        title=Line(titles[0].text, origins_of(titles), titles[0].raw) if titles else None,
        body=tuple(body),
        points=tuple(points),
        lead=kept.lead if kept and points else None,
        tail=kept.tail if kept and points else None,
        points_style=kept.points_style if kept else "inline",
        points_order=kept.points_order if kept else "一是",
        tables=tuple(t for piece in group for t in piece.tables),
        items=tuple(items),
        indicators=tuple(i for piece in group for i in piece.indicators),
        numbered=group[0].numbered,
    )
    if merged.empty and any(not piece.empty for piece in group):
        if merged.title:  # what stood under the title was all said before
            sources.decisions.add(
                ONCE, sources.where(merged.title.origins), merged.title.text, "标题下的内容前面都已写过"
            )
        return None
    return merged


def _of_them(shared: list[Line], sources: Sources) -> tuple[Line, ...]:
    """Sentences several units say, each with them as its subject (各街道……, 东街道、西街道……),
    but for one that a sentence of the same units leads into (……将重点抓好以下工作：)."""
    out: list[Line] = []
    for line in shared:
        subject = sources.subject(line.origins)
        led = out and out[-1].text.endswith("：") and sources.subject(out[-1].origins) == subject
        out.append(line if led else line.said(subjected(line.text, subject, sources.unit_kind)))
    return tuple(out)


def _ended(paragraph: tuple[Line, ...]) -> tuple[Line, ...]:
    """A paragraph whose last sentence was a point among others (……；) ends with 。"""
    last = paragraph[-1]
    return (*paragraph[:-1], last.said(ended(last.text, "。"))) if last.text.endswith(("；", "，")) else paragraph


def repeated(line: Line, said: Said, here: list[Line], sources: Sources) -> bool:
    """Whether ``line`` was said before, in the roll-up or earlier in its group (``here``); if
    so, recorded, and the earlier line of the group takes ``line``'s origins."""
    before = said.earlier(line)
    if before is None:
        match = next((i for i, x in enumerate(here) if same(x.text, line.text)), None)
        if match is None:
            return False
        before = here[match]
        here[match] = before.joined(line)
    sources.decisions.add(
        ONCE, sources.where([*line.origins, *before.origins]), line.text, "与前面的句子相同，只写一次"
    )
    return True


def _once(members: list[_Member], sources: Sources, said: Said) -> list[Line]:
    """Each sentence of the members once: one said before in the roll-up, or by an earlier
    member, is left out (its origins go to the one kept). Units' sentences said by several are
    taken out of their paragraphs and returned, to be said of them all."""
    here: list[Line] = []  # the group's sentences so far, each with all its origins
    where: list[tuple[int, int, int]] = []  # and where each one stands
    for m, member in enumerate(members):
        for p, paragraph in enumerate(member.paragraphs):
            kept: list[Line] = []
            for line in paragraph:
                if not repeated(line, said, here, sources):
                    here.append(line)
                    where.append((m, p, len(kept)))
                    kept.append(line)
            member.paragraphs[p] = kept
    for line, (m, p, i) in zip(here, where, strict=True):
        members[m].paragraphs[p][i] = line
    said.add(here)
    if not sources.by_unit:
        return []
    shared = [line for line in here if len({o.source for o in line.origins}) > 1]
    for member in members:
        member.paragraphs = [[x for x in p if x not in shared] for p in member.paragraphs]
    return shared
