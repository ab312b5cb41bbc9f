"""Long texts cut into shorter runs on the page for layout engines, so that laying a paragraph
out costs time in proportion to its length.

WeasyPrint sets a text one line at a time, and for each line encodes the whole of the text
node it is in to UTF-8 (three or four times) to find where the line starts: a paragraph of
100,000 Chinese characters in one node was 300 KB re-encoded for each of its 3,600 lines, and
took 2.5–3 times as long for twice the text. Cut into runs of at most ``MAX_RUN`` characters
(each a ``<span>`` of its own, which WeasyPrint lays out as a box of its own), a line costs
the same however long its paragraph.

A cut falls only between two Chinese characters, where any line may break and no space, no
joiner and no kerning is lost. The line breaks stay as they were (15,810 lines of long varied
paragraphs compared, cut every 300 to 2,000 characters); on a line that holds a cut, the
characters after it sit up to four tenths of a point from where they sit uncut, as WeasyPrint
places a run where the previous one measures to end, a hair before where it draws its last
character, and rounds its characters' positions from the run's start. Texts without
two Chinese characters in a row (a 100,000-character run of Cyrillic) are left whole: a cut
between words moved characters by up to 2.6 pt, as WeasyPrint spreads a justified line's
spaces run by run.
"""

from __future__ import annotations

import itertools
import re

from lxml import html as lxml_html

from .linebreaks import IDEOGRAPHS, put

MAX_RUN = 5_000  # characters; real paragraphs are shorter and are laid out as written
_BETWEEN_IDEOGRAPHS = re.compile(f"(?<=[{IDEOGRAPHS}])(?=[{IDEOGRAPHS}])")


def cut_long_runs(body: lxml_html.HtmlElement) -> None:
    """Cut every text in ``body`` longer than ``MAX_RUN`` characters into runs of about that length."""
    for node in list(body.iter()):
        places = ("text", "tail") if isinstance(node.tag, str) else ("tail",)  # a comment's text is not shown
        for place in places:
            text = getattr(node, place)
            if text and len(text) > MAX_RUN:
                _split(node, place, text)


def _cuts(text: str) -> list[int]:
    """Where ``text`` is cut: at the last place between two Chinese characters at most
    ``MAX_RUN`` after the cut before, else at the first one after that."""
    cuts: list[int] = []
    start = last = 0
    for match in _BETWEEN_IDEOGRAPHS.finditer(text):
        at = match.start()
        while at - start > MAX_RUN:
            start = last if last > start else at
            cuts.append(start)
        last = at
    if len(text) - start > MAX_RUN and last > start:
        cuts.append(last)
    return cuts


def _split(node: lxml_html.HtmlElement, place: str, text: str) -> None:
    cuts = _cuts(text)
    if not cuts:
        return
    runs = []
    for start, end in itertools.pairwise([*cuts, len(text)]):
        run = lxml_html.Element("span")
        run.text = text[start:end]
        runs.append(run)
    put(node, place, [text[: cuts[0]], *runs])
