"""The text of a clerk's own paragraphs as Word shows it, character by character, with the w:t
each character is in; and runs cut so that a range of characters has runs of its own: what
comments and tracked changes are anchored on."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .elements import Element, qn

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# What holds text Word does not show in the paragraph's line: deleted and moved-away revisions,
# text boxes (read as paragraphs of their own), the copy of a drawing for old readers.
_NOT_SHOWN = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), _MC_FALLBACK})
_SHOWN_AS = {qn("w:tab"): " ", qn("w:ptab"): " ", qn("w:br"): "\n", qn("w:cr"): "\n"}

Location = tuple[Element, int]  # a w:t, and a character's offset in its text


@dataclass
class Shown:
    """The text Word shows of some paragraphs (a line break between two), and where each of its
    characters is: a w:t and an offset, or None for what no w:t holds (a tab, a break)."""

    text: str
    at: list[Location | None]


def _visible(item: Element, paragraph: Element) -> bool:
    for ancestor in item.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in _NOT_SHOWN:
            return False
        if ancestor.tag == qn("w:r") and ancestor.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None:
            return False  # hidden text
    return False


def shown(paragraphs: Sequence[Element]) -> Shown:
    text: list[str] = []
    at: list[Location | None] = []
    for index, p in enumerate(paragraphs):
        if index:
            text.append("\n")
            at.append(None)
        for item in p.iter(qn("w:t"), *_SHOWN_AS):
            if not _visible(item, p):
                continue
            if item.tag == qn("w:t"):
                value = item.text or ""
                text.append(value)
                at.extend((item, k) for k in range(len(value)))
            else:
                text.append(_SHOWN_AS[item.tag])
                at.append(None)
    return Shown("".join(text), at)


def paragraphs_in(container: Element) -> list[Element]:
    """The paragraphs of a table cell or text box, in order, not those of a table inside it."""
    return [p for p in container.iter(qn("w:p")) if not any(a.tag == qn("w:tbl") for a in _between(p, container))]


def text_boxes(paragraph: Element) -> list[Element]:
    """The paragraphs of the text boxes anchored in ``paragraph``, each box once (not the copy
    Word writes for old readers)."""
    boxes = [
        box
        for box in paragraph.iter(qn("w:txbxContent"))
        if not any(ancestor.tag == _MC_FALLBACK for ancestor in _between(box, paragraph))
    ]
    return [p for box in boxes for p in box.iterchildren(qn("w:p"))]


def _between(element: Element, top: Element) -> list[Element]:
    found = []
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        found.append(ancestor)
    return found


def _empty_copy(run: Element) -> Element:
    """A run with ``run``'s properties and no content."""
    new = copy.deepcopy(run)
    for child in list(new):
        if child.tag != qn("w:rPr"):
            new.remove(child)
    return new


def _alone(t: Element) -> Element:
    """The run of ``t`` with ``t`` its only content: what stood before and after it in the run
    moved into runs of their own, in their places."""
    run = t.getparent()
    assert run is not None and run.tag == qn("w:r"), "a w:t stands in a run"
    content = [child for child in run if child.tag != qn("w:rPr")]
    i = content.index(t)
    if content[:i]:
        before = _empty_copy(run)
        before.extend(content[:i])
        run.addprevious(before)
    if content[i + 1 :]:
        after = _empty_copy(run)
        after.extend(content[i + 1 :])
        run.addnext(after)
    return run


class Cuts:
    """Runs cut at the characters given, so that each starts a run: :meth:`run` then gives the
    run that holds a character (one w:t in it)."""

    def __init__(self, starts: Iterable[Location]) -> None:
        offsets: dict[Element, set[int]] = {}
        for t, k in starts:
            offsets.setdefault(t, set()).add(k)
        self.pieces: dict[Element, list[tuple[int, Element]]] = {t: self._cut(t, ks) for t, ks in offsets.items()}

    @staticmethod
    def _cut(t: Element, offsets: set[int]) -> list[tuple[int, Element]]:
        run = _alone(t)
        text = t.text or ""
        bounds = sorted({0, len(text), *(k for k in offsets if 0 < k < len(text))})
        pieces = [(0, run)]
        t.text = text[: bounds[1]]
        t.set(_XML_SPACE, "preserve")
        last = run
        for a, b in itertools.pairwise(bounds[1:]):
            new = _empty_copy(run)
            piece = copy.deepcopy(t)
            piece.text = text[a:b]
            new.append(piece)
            last.addnext(new)
            pieces.append((a, new))
            last = new
        return pieces

    def run(self, at: Location) -> Element:
        """The run holding the character at ``at`` (a location before the cuts were made)."""
        t, k = at
        pieces = self.pieces.get(t)
        if pieces is None:
            run = t.getparent()
            assert run is not None
            return run
        return [run for start, run in pieces if start <= k][-1]
