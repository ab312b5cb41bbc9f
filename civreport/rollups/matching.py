"""Like with like: the items of several sources grouped by the work their titles name, each
group to become one item. Items of one source are never put together (its author kept them
apart), and an item without a title names no work: it stays on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from .inputs import Sources
from .provenance import MERGED
from .reading import Piece
from .terms import SHARED, Title, alike, title

# How strongly two titles name the same work, by the reason terms.alike gives.
_STRENGTH = {"标题相同": 3, "标题相近": 2}


@dataclass
class _Group:
    pieces: list[Piece]
    titles: list[Title] = field(default_factory=list)
    whys: list[str] = field(default_factory=list)  # why each piece after the first joined


def groups(
    pieces: list[Piece], sources: Sources, *, supported: bool = True, share: float = SHARED, what: str = "同一项工作"
) -> list[list[Piece]]:
    """``pieces`` (each from one source, in the sources' order) in groups, in the order of
    their first piece. Source by source, each piece joins the group whose titles name its
    work most surely (the same title, then nearly the same, then key terms in common, ``share``
    of them: see :func:`~.terms.alike`), one piece of a source to a group; ``supported`` as
    :func:`~.terms.title` takes it; ``what`` the pieces are, as --explain says."""
    found: list[_Group] = []
    for source, of_source in groupby(pieces, key=lambda piece: min(piece.sources)):
        own = list(of_source)
        mine = [title(p.title.text, p.text(), sources.framing, supported=supported) if p.title else None for p in own]
        candidates = []
        for i, t in enumerate(mine):
            for g, group in enumerate(found):
                reasons = [why for other in group.titles if t and (why := alike(t, other, share))]
                if reasons:
                    why = max(reasons, key=lambda w: _STRENGTH.get(w, 1))
                    candidates.append((-_STRENGTH.get(why, 1), i, g, why))
        joined: dict[int, tuple[int, str]] = {}
        for _, i, g, why in sorted(candidates):
            if i not in joined and g not in {h for h, _ in joined.values()}:
                joined[i] = (g, why)
        for i, piece in enumerate(own):
            t = mine[i]
            if t and i in joined:  # only titled pieces join
                g, why = joined[i]
                found[g].pieces.append(piece)
                found[g].titles.append(t)
                found[g].whys.append(f"{sources[source].label}“{t.text}”（{why}）")
            else:
                found.append(_Group([piece], [t] if t else []))
    for group in found:
        first = group.pieces[0].title
        if group.whys and first:
            where = sources.where(o for p in group.pieces if p.title for o in p.title.origins)
            sources.decisions.add(MERGED, where, first.text, f"{what}：{'、'.join(group.whys)}")
    return [group.pieces for group in found]
