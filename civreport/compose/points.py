"""Points as summaries write them: 一是……；二是……。 in one paragraph or each its own, after a
lead-in phrase, with title sentences, counted 一是, 第一， or 首先，…其次，…最后，"""

from __future__ import annotations

from ..model import Block, Point
from ..model.genre import ordinals
from .summary import SENTENCE_END

_CLOSED = "。！？…"  # marks that end a point's last sentence


def _sentence(text: str) -> str:
    return text if text[-1] in SENTENCE_END else text + "。"


def _paragraphs(point: str | Point) -> list[str]:
    """A point's paragraphs, its title sentence opening the first."""
    if isinstance(point, str):
        return [point]
    body = list(point.body)
    if point.title:
        title = _sentence(point.title)
        body = [title + (body[0] if body else ""), *body[1:]]
    return body


def _end(text: str, last: bool) -> str:
    """A point's end as the author wrote it; where it has none, ；between points and 。 after
    the last. A last point that ends with ；closes with 。"""
    if last:
        return text[:-1] + "。" if text[-1] in "；;" else text if text[-1] in _CLOSED else text + "。"
    return text if text[-1] in SENTENCE_END else text + "；"


def point_texts(block: Block) -> list[str]:
    """The paragraphs the points of ``block`` print as: one, or one per point (and per further
    paragraph of a point) when the author asks for it or a point runs over paragraphs."""
    if not block.points:
        return []
    points = [_paragraphs(point) for point in block.points]
    words = ordinals(block.points_order, len(points))
    lead = block.points_lead or ""
    tail = block.points_tail or ""
    last = len(points) - 1
    if block.points_style == "inline" and all(len(p) == 1 for p in points):
        joined = "".join(_end(word + p[0], i == last) for i, (word, p) in enumerate(zip(words, points)))
        return [lead + joined + tail]
    out = []
    for i, (word, paragraphs) in enumerate(zip(words, points)):
        first = (lead if i == 0 else "") + word + paragraphs[0]
        out += [_end(text, True) for text in [first, *paragraphs[1:]]]
    return out + ([tail] if tail else [])
