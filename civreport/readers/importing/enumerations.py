"""Enumerations as points: 一是……；二是……。 in one paragraph, or a paragraph per point; 第一，……
and 首先，……其次，……最后，…… likewise. Only where composition prints them back exactly as
written: otherwise the paragraphs stay paragraphs."""

from __future__ import annotations

from typing import Any

from ...model.genre import ordinals

_ENDS = "。！？；：…"  # a point that is not the last ends with one of these (composition adds ；)
_CLOSED = "。！？…"  # the last point, and a point set as its own paragraph, ends with one of these
_OPENS_AFTER = _ENDS + "，、"  # what may stand before the first ordinal (按照区委部署，一是……)


def _find(text: str, words: list[str], start: int) -> list[int] | None:
    """Where each ordinal stands, in order, each after a sentence end (the first after any mark)."""
    found, at = [], start
    for i, word in enumerate(words):
        allowed = _OPENS_AFTER if i == 0 else _ENDS
        pos = text.find(word, at)
        while pos > 0 and text[pos - 1] not in allowed:
            pos = text.find(word, pos + 1)
        if pos < 0:
            return None
        found.append(pos)
        at = pos + len(word)
    return found


def _inline(text: str) -> dict[str, Any] | None:
    """The points of one paragraph, with the words before the first, if it holds two or more."""
    for order in ("一是", "第一", "首先"):
        best: tuple[list[str], list[int]] | None = None
        for count in range(2, 5 if order == "首先" else 100):
            words = ordinals(order, count)
            positions = _find(text, words, 0)
            if positions is None:
                break
            best = (words, positions)
        if best is None:
            continue
        words, positions = best
        ends = [*positions[1:], len(text)]
        points = [text[p + len(w) : e] for w, p, e in zip(words, positions, ends)]
        if not all(points) or any(p[-1] not in _ENDS for p in points[:-1]) or points[-1][-1] not in _CLOSED:
            continue
        if order == "首先" and ordinals(order, len(points)) != words:
            continue
        out: dict[str, Any] = {"points": points}
        if order != "一是":
            out["points_order"] = order
        if positions[0]:
            out["points_lead"] = text[: positions[0]]
        return out
    return None


def _paragraphs(texts: list[str]) -> tuple[int, dict[str, Any]] | None:
    """Points set a paragraph each at the end of ``texts``: where they start, and the points."""
    for order in ("一是", "第一", "首先"):
        starts = [
            i
            for i, t in enumerate(texts)
            if any(t.startswith(w) for w in ordinals(order, 4 if order == "首先" else 99))
        ]
        if len(starts) < 2:
            continue
        first = starts[0]
        words = ordinals(order, len(starts))
        if order == "首先" and len(starts) > 4:
            continue
        if [next((w for w in words if texts[i].startswith(w)), None) for i in starts] != words:
            continue
        if any(t[-1] not in _CLOSED for t in texts[first:]):
            continue
        points: list[Any] = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(texts)
            body = [texts[start][len(words[n]) :], *texts[start + 1 : end]]
            if not body[0]:
                return None
            points.append(body[0] if len(body) == 1 else {"body": body})
        out: dict[str, Any] = {"points": points, "points_style": "paragraphs"}
        if order != "一是":
            out["points_order"] = order
        return first, out
    return None


def points(texts: list[str]) -> dict[str, Any]:
    """The block fields for paragraphs ``texts``: ``body``, and points where they end with an
    enumeration."""
    if not texts:
        return {}
    found = _paragraphs(texts)
    if found:
        first, fields = found
        return ({"body": texts[:first]} if first else {}) | fields
    inline = _inline(texts[-1])
    if inline:
        return ({"body": texts[:-1]} if len(texts) > 1 else {}) | inline
    return {"body": texts}
