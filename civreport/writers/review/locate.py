"""Where a finding's paragraph is in the clerk's Word file: the paragraph (or table cell, or
text box) the importer read it from, and each character of the text the proofreader read
matched to the character Word shows there (a Word paragraph's automatic number, a note after
it, have none)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ...checking.finding import Place
from ..docx.oxml.elements import Element, qn
from ..docx.oxml.runs import Location, Shown, paragraphs_in, shown, text_boxes


@dataclass
class Located:
    """A place in the document: its paragraphs, what Word shows of them, and for each character
    of the text the proofreader read, where Word shows it (None where it does not)."""

    paragraphs: list[Element]
    shown: Shown
    at: list[Location | None]

    def spans(self, a: int, b: int) -> list[Location]:
        """Where the characters a to b of the text read are, those Word shows."""
        return [loc for loc in self.at[a:b] if loc is not None]


_NUMBER = 6  # characters: what a paragraph's text may open with that Word shows as no text (（十二）)
_SHARE = 0.9  # of the rest of the text Word must show, or the text was not read from there


def _aligned(text: str, seen: Shown) -> list[Location | None] | None:
    """Where Word shows each character of ``text``; None when it is not the text of ``seen``
    (a note read after its paragraph matches a few of its characters by chance)."""
    at: list[Location | None] = [None] * len(text)
    matched = [False] * len(text)
    for a, b, size in SequenceMatcher(None, text, seen.text, autojunk=False).get_matching_blocks():
        for k in range(size):
            at[a + k], matched[a + k] = seen.at[b + k], True
    first = matched.index(True) if True in matched else len(text)
    if first > _NUMBER or sum(matched) < _SHARE * (len(text) - first):
        return None
    return at


def _score(text: str, seen: Shown) -> int:
    return sum(size for _, _, size in SequenceMatcher(None, text, seen.text, autojunk=False).get_matching_blocks())


def locate(items: Sequence[Element], place: Place) -> Located | None:
    """The paragraphs of ``place`` among the body's paragraphs and tables ``items`` (numbered
    from 1, as the importer numbers them); None when the document has no such paragraph."""
    if not 0 < place.paragraph <= len(items):
        return None
    item = items[place.paragraph - 1]
    if item.tag == qn("w:tbl"):
        # The cell the text was read from: the one whose text it is (a merged cell's neighbours
        # are empty), nearest its row.
        rows = list(item.iterchildren(qn("w:tr")))
        row = place.cell[0] - 1 if place.cell else 0
        cells = [(abs(r - row), paragraphs_in(tc)) for r, tr in enumerate(rows) for tc in tr.iterchildren(qn("w:tc"))]
        candidates = [paragraphs for _, paragraphs in sorted(cells, key=lambda c: c[0])]
    else:
        candidates = [[item], *([p] for p in text_boxes(item))]
    seen = [(paragraphs, shown(paragraphs)) for paragraphs in candidates]
    # The text as it stands there (the nearest cell holding it), else the likeliest.
    same = [found for found in seen if found[1].text.strip() == place.text.strip()]
    best = same[0] if same else max(seen, key=lambda found: _score(place.text, found[1]), default=None)
    if best is None or not best[0]:
        return None
    at = _aligned(place.text, best[1])
    return Located(best[0], best[1], at) if at is not None else None
