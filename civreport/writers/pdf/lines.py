"""Lines finished as word processors finish them: broken with their measure, without the
Chinese–Latin space at either end, and justified between characters.

WeasyPrint justifies a line by widening its spaces alone, so a Chinese line that breaks short
of the margin (before a run of figures or a closing mark) stays ragged; this module spreads a
justified line's slack evenly over its full-width characters and its spaces, Latin words keeping
their own spacing: each gets the same extra letter spacing, a Pango attribute of its text box,
so the PDF's text holds the characters alone.

And it breaks lines as LibreOffice, the word processor the tests lay the DOCX out with, measures
them, to the fraction of a point that decides whether a last character fits:

- the space between Chinese and Latin text, a margin on the Latin run's span
  (:mod:`civreport.rendering.linebreaks`), takes no room where the run starts a line, and may
  overflow the line, like a trailing space, where it ends one; the line then drops it
  (LibreOffice fits 的158 at a line's end, and 23.6 at a line's start, where that space would
  leave no room);
- LibreOffice measures a text portion as its characters and the tracking between them, none
  after the last (``SwFntObj::GetTextSize`` adds ``(nLn - 1)`` times the kerning), and a portion
  ends at the line's end and where Chinese text meets Latin: so a line has its tracking less
  room, and where a Latin run meets Chinese without the space (100%，, 。2021) it takes the
  tracking as a margin. (Where the two meet with the space, the space's 0.216 em already holds
  it: LibreOffice's fifth of an em and the tracking.)

WeasyPrint has no hook for any of it: :func:`finishing_lines` replaces four functions of its
inline layout while a PDF is laid out, and the text boxes it widens draw with a subclass of
its Pango layout (tested with the WeasyPrint versions pyproject.toml allows; tests/test_pdf.py
fails if these internals change).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text.ffi import TO_UNITS, ffi, pango
from weasyprint.text.line_break import Layout, get_log_attrs

from ...office.textwidth import is_full_width
from ...rendering.linebreaks import LATIN_RUNS
from .patching import replaced

_WEASYPRINT_TEXT_ALIGN, _WEASYPRINT_JUSTIFY_LINE = inline.text_align, inline.justify_line
_WEASYPRINT_SPLIT_INLINE_BOX, _WEASYPRINT_TRAILING_SPACE = inline.split_inline_box, inline.trailing_whitespace_size
_SPACES = " \u00a0"  # the spaces WeasyPrint justifies


class _SpreadLayout(Layout):  # type: ignore[misc]  # WeasyPrint is untyped
    """A text box's Pango layout with more letter spacing on some of its clusters, which it
    keeps when WeasyPrint sets its text again to draw it."""

    spread: list[tuple[int, int]]  # UTF-8 byte ranges
    spacing: int  # their letter spacing in Pango units: the tracking and the extra space

    def set_text(self, text: str, justify: bool = False) -> None:
        super().set_text(text, justify)
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end in self.spread:
            attr = pango.pango_attr_letter_spacing_new(self.spacing)
            attr.start_index, attr.end_index = start, end
            pango.pango_attr_list_change(attrs, attr)
        pango.pango_layout_set_attributes(self.layout, attrs)


@dataclass
class _Clusters:
    """The grapheme clusters of one text box, as Pango finds them (letter spacing is per
    cluster); an atomic box (an image, an inline block) is one cluster of no text."""

    box: Any
    starts: list[int]  # characters into the box's text, and its length
    spread: list[bool]  # widened: a full-width character or a space

    @classmethod
    def of(cls, box: Any) -> _Clusters:
        if not isinstance(box, boxes.TextBox):
            return cls(box, [0, 0], [False])
        text = box.text
        attrs = get_log_attrs(text, box.style["lang"])
        starts = [i for i in range(len(text)) if attrs[i].is_cursor_position]
        return cls(box, [*starts, len(text)], [text[i] in _SPACES or is_full_width(text[i]) for i in starts])

    def blank(self, cluster: int) -> bool:
        """Whether a cluster draws nothing (a joiner, a zero width space)."""
        if not isinstance(self.box, boxes.TextBox):
            return False
        return all(
            unicodedata.category(c) == "Cf" for c in self.box.text[self.starts[cluster] : self.starts[cluster + 1]]
        )


def _leaves(box: Any) -> Iterator[Any]:
    """The text and atomic boxes of a line, in order."""
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _leaves(child)
    else:
        yield box


def _tracking(box: Any) -> float:
    spacing = box.style["letter_spacing"]
    return 0.0 if spacing == "normal" else float(spacing)


def _spread_box(clusters: _Clusters, extra: float) -> float:
    """Give a text box's widened clusters ``extra`` more letter spacing each (a whole number of
    Pango units); how much wider the box is (Pango leaves out a layout's outer halves)."""
    box = clusters.box
    offsets = [0]
    for char in box.text:
        offsets.append(offsets[-1] + len(char.encode()))
    starts = clusters.starts
    layout = _SpreadLayout.__new__(_SpreadLayout)
    # The box's own layout as WeasyPrint leaves it once measured (no Pango objects left: it
    # sets them up again to draw), for the box's text alone.
    layout.__dict__.update(box.pango_layout.__dict__, text=box.text)
    layout.spread = [(offsets[starts[i]], offsets[starts[i + 1]]) for i, s in enumerate(clusters.spread) if s]
    layout.spacing = int(_tracking(box) * TO_UNITS) + round(extra * TO_UNITS)
    box.pango_layout = layout
    return extra * (len(layout.spread) - (clusters.spread[0] + clusters.spread[-1]) / 2)


def _justify_line(context: Any, line: Any, extra_width: float) -> None:
    """Spread ``extra_width`` over the line's full-width characters and spaces, so that its last
    character ends at the margin. Each gets the same space, half before and half after it; the
    line's first character keeps none before it, its last none after."""
    if line.style["direction"] == "rtl":
        _WEASYPRINT_JUSTIFY_LINE(context, line, extra_width)
        return
    runs = [run for run in map(_Clusters.of, _leaves(line)) if run.spread]
    drawn = ((n, c) for n in reversed(range(len(runs))) for c in reversed(range(len(runs[n].spread))))
    found = next(((n, c) for n, c in drawn if not runs[n].blank(c)), None)
    if found is None:
        return
    n, last = found
    last_run = runs[n]
    # The widened clusters before the line's last drawn one, and half of that one, less the half
    # the line's first cluster keeps out before it.
    shares: float = sum(sum(run.spread) for run in runs[:n]) + sum(last_run.spread[:last])
    shares += (last_run.spread[last] - runs[0].spread[0]) / 2
    # A box's width holds the letter spacing after its last character, which is no part of the
    # character: without it, the last character ends at the margin.
    if isinstance(last_run.box, boxes.TextBox):
        extra_width += _tracking(last_run.box)
    if shares <= 0 or extra_width <= 0:
        return
    extra = round(extra_width / shares * TO_UNITS) / TO_UNITS
    of = {id(run.box): run for run in runs}
    first, end = runs[0], runs[-1]
    advance = 0.0

    # Down the tree as WeasyPrint's own justification goes, parents widened with their children.
    def walk(box: Any) -> None:
        nonlocal advance
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += advance
            start = advance
            for child in box.children:
                if child.is_in_normal_flow():
                    walk(child)
            box.width += advance - start
        elif isinstance(box, boxes.TextBox) and id(box) in of:
            run = of[id(box)]
            # Pango leaves out a layout's outer halves: they go back between boxes.
            if run.spread[0] and run is not first:
                advance += extra / 2
            box.position_x += advance
            grown = _spread_box(run, extra)
            box.width += grown
            advance += grown
            if run.spread[-1] and run is not end:
                advance += extra / 2
        else:
            box.translate(advance, 0)

    walk(line)


def _latin_run(box: Any) -> tuple[str, str] | None:
    """How a Latin run's span meets Chinese text on its left and right (``LATIN_RUNS``)."""
    if isinstance(box, boxes.InlineBox) and box.element is not None:
        return LATIN_RUNS.get(box.element.get("class", ""))
    return None


def _edge(line: Any, end: int) -> list[Any]:
    """The boxes from the line down to its first (``end`` 0) or last (``end`` -1) leaf."""
    path = [line]
    while isinstance(path[-1], (boxes.LineBox, boxes.InlineBox)) and path[-1].children:
        path.append(path[-1].children[end])
    return path


def _drop_end_space(line: Any) -> None:
    """Drop the margin of a Latin run that ends the line, as word processors drop the space."""
    path = _edge(line, -1)
    for depth, box in enumerate(path):
        if _latin_run(box) and box.margin_right:
            space, box.margin_right = box.margin_right, 0
            for ancestor in path[:depth]:
                ancestor.width -= space
            break


# Where the lines being broken start, innermost last (an inline block holds lines of its own).
_line_starts: list[float] = []


def _split_inline_box(context: Any, box: Any, position_x: float, max_x: float, *args: Any) -> Any:
    """WeasyPrint's split of a line, with its tracking less room, or of an inline box in it: a
    Latin run with the tracking as its margin where it meets Chinese without the space, and no
    margin before it where it starts the line (``args[1]``: where it resumes, None at its start)."""
    if isinstance(box, boxes.LineBox):
        _line_starts.append(position_x)
        try:
            return _WEASYPRINT_SPLIT_INLINE_BOX(context, box, position_x, max_x + _tracking(box), *args)
        finally:
            _line_starts.pop()
    sides = _latin_run(box)
    if sides:
        # Laid out again from its style for each line.
        if sides[0] == "b":
            box.margin_left = -_tracking(box)
        if sides[1] == "b":
            box.margin_right = -_tracking(box)
        # Nothing drawn before it on the line: at most joiners, a tracking narrower than nothing.
        if args[1] is None and _line_starts and position_x <= _line_starts[-1] + 1e-6:
            box.margin_left = 0
    return _WEASYPRINT_SPLIT_INLINE_BOX(context, box, position_x, max_x, *args)


def _trailing_space(context: Any, box: Any) -> float:
    """What of ``box`` may overflow the line: trailing spaces, and the margin after a Latin run
    that ends it."""
    space: float = _WEASYPRINT_TRAILING_SPACE(context, box)
    return space + sum(float(b.margin_right) for b in _edge(box, -1) if _latin_run(b))


def _text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
    _drop_end_space(line)
    offset: float = _WEASYPRINT_TEXT_ALIGN(context, line, available_width, last)
    return offset


def finishing_lines() -> AbstractContextManager[None]:
    """WeasyPrint's inline layout with these line breaks, line ends and this justification, for
    the PDFs laid out meanwhile."""
    return replaced(
        inline,
        text_align=_text_align,
        justify_line=_justify_line,
        split_inline_box=_split_inline_box,
        trailing_whitespace_size=_trailing_space,
    )
