"""The title: composed from office, period, subject and kind, broken into balanced lines."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from ..model import Report, TitlePiece
from ..office.profile import Profile
from ..office.textwidth import SPACE_EM, half_cells, spaced, spaced_boundaries, text_width
from .wording import fill_placeholders, period_label
from .wrapping import line_words

# A title line takes at most four fifths of the text block, so that the title stands clear of
# both margins and its lines can be balanced: 16 characters of 22 pt on the GB/T 9704 page.
TITLE_FILL = 0.8
# A name is in pieces after these marks too: 中共××区委员会宣传部、 | ××区文明办.
_AFTER_PUNCTUATION = re.compile(r"[^，、：；]+[，、：；]*|[，、：；]+")
# What a break inside a piece costs against evenness, in squared character cells: as much as
# lines of 4 and 12 characters have against 8 and 8, so that 某区2023年 | 创建全国文明城市工作总结
# wins over 某区2023年创建全国 | 文明城市工作总结.
_INSIDE_PIECE = 32.0


def _parts(piece: TitlePiece) -> list[str]:
    """A piece in the parts a line may always break between: a name in pieces after its
    punctuation, a word of the genre's whole."""
    return _AFTER_PUNCTUATION.findall(piece.text) if piece.named else [piece.text]


def _units(pieces: Sequence[TitlePiece], width: float, cut: Callable[[str], list[str]]) -> tuple[list[str], list[bool]]:
    """The units a title is set in, and for each whether a break before it falls between
    pieces: a name's parts ``cut`` (into words), a word of the genre's whole, a word longer
    than a line into characters."""
    units: list[str] = []
    between: list[bool] = []
    for piece in pieces:
        for cut_up in (cut(part) if piece.named else [part] for part in _parts(piece)):
            for i, word in enumerate(cut_up):
                cut_word = [word] if text_width(word) <= width else list(word)
                units.extend(cut_word)
                between.extend([i == 0] + [False] * (len(cut_word) - 1))
    return units, between


class _Runs:
    """The width of any run of units in constant time: half-cells and spaced boundaries (within
    units and between neighbours) as prefix sums, integers, so that a run is exactly as wide as
    ``text_width`` of its text."""

    def __init__(self, units: list[str]):
        self.halves, self.spaces, self.joins = [0], [0], [False]
        for i, unit in enumerate(units):
            joined = i > 0 and spaced(units[i - 1][-1], unit[0])
            self.joins.append(joined)
            self.halves.append(self.halves[-1] + half_cells(unit))
            self.spaces.append(self.spaces[-1] + spaced_boundaries(unit) + joined)

    def width(self, a: int, b: int) -> float:
        """Units ``a`` to ``b`` (not included) set on one line; the space between unit ``a``
        and the one before it is not on the line."""
        return (self.halves[b] - self.halves[a]) / 2 + SPACE_EM * (self.spaces[b] - self.spaces[a] - self.joins[a + 1])


def _line_ends(runs: _Runs, n: int, width: float) -> list[int]:
    """Where the lines end when each takes all the units it can: the fewest lines, and line
    ``j`` ending as late as any line ``j`` can."""
    ends = [0]
    for b in range(2, n + 1):
        if runs.width(ends[-1], b) > width and b - 1 > ends[-1]:
            ends.append(b - 1)
    return [*ends, n]


def _line_starts(runs: _Runs, n: int, width: float) -> list[int]:
    """The same from the last line back: where the last line, the one before it … start
    when each takes all the units it can."""
    starts = [n]
    for a in range(n - 2, -1, -1):
        if runs.width(a, starts[-1]) > width and a + 1 < starts[-1]:
            starts.append(a + 1)
    return starts[1:]


def _windows(runs: _Runs, n: int, width: float, count: int) -> list[range]:
    """Where line ``j`` of ``count`` lines of at most ``width`` can end: no later than the
    greedy lines from the top end it, no earlier than those from the bottom leave room
    for, and leaving every line a unit."""
    latest = _line_ends(runs, n, width)[1:]
    starts = _line_starts(runs, n, width)
    windows = [range(0, 1)]
    for j in range(1, count + 1):
        after = count - j  # lines below line j
        last = min(latest[j - 1] if j <= len(latest) else n, n - after)
        first = max(starts[after - 1] if 0 < after <= len(starts) else 0, j) if after else n
        windows.append(range(first, last + 1))
    return windows


def balance_lines(pieces: Sequence[TitlePiece], width: float, room: float | None = None) -> list[str]:
    """Break ``pieces`` into the fewest lines of at most ``width`` cells, between words, as a
    trapezoid or a diamond (GB/T 9704 7.3.1): line lengths that rise, then fall, never rise
    again. Of those, the lines as even as possible, broken between pieces rather than inside
    one, and of equal choices the longer lines first. Where the words leave no such shape in
    that many lines, the lines may take more, up to ``room`` cells; where not even that
    does, the shape goes. A title that fits one line is one line."""
    text = "".join(piece.text for piece in pieces)
    if not text:
        return []
    if text_width(text) <= width:
        return [text]
    room = max(room or width, width)
    if all(text_width(part) <= width for piece in pieces if piece.named for part in _parts(piece)):
        # The names' words come from the word segmenter, whose dictionary takes some 0.1 s to
        # load in a process. The best lines that may break between any characters are the
        # best between words too when they break only where a part begins (a word begins
        # there), no other lines cost as much, and they are as few as lines that never break
        # inside a part (each part fits a line): the lines between words are among the former
        # and as many as both. tests/test_titles.py holds them equal.
        units, between = _units(pieces, width, list)
        ends, count, unique = _best(units, between, width, room)
        whole, _ = _units(pieces, width, lambda part: [part])
        fewest = _count(_Runs(whole), len(whole), width)
        if unique and ends and all(between[end] for end in ends[:-1]) and count == fewest:
            return _lines(units, ends)
    units, between = _units(pieces, width, line_words)
    return _lines(units, _best(units, between, width, room)[0])


def _count(runs: _Runs, n: int, width: float) -> int:
    """The fewest lines of at most ``width`` cells the ``n`` units can be set in."""
    return len(_line_ends(runs, n, width)) - 1


def _best(units: list[str], between: list[bool], width: float, room: float) -> tuple[list[int], int, bool]:
    """Where the best lines of ``units`` end (see :func:`balance_lines`), how many lines there
    are, and whether no other lines are as good."""
    runs = _Runs(units)
    n = len(units)
    count = _count(runs, n, width)
    for limit in (width + (room - width) * step / 4 for step in range(5)):
        ends, unique = _balanced(runs, between, _windows(runs, n, limit, count), limit, shape=True)
        if ends:
            return ends, count, unique
    ends, unique = _balanced(runs, between, _windows(runs, n, width, count), width, shape=False)
    return ends, count, unique


def _lines(units: list[str], ends: list[int]) -> list[str]:
    return ["".join(units[a:b]) for a, b in itertools.pairwise([0, *ends])]


_State = tuple[int, int, bool]  # a line's first unit, the unit after its last, whether lengths fell


def _balanced(
    runs: _Runs, between: list[bool], windows: list[range], width: float, shape: bool
) -> tuple[list[int], bool]:
    """The ends of the best lines (see :func:`balance_lines`), or none when ``shape`` asks
    for a trapezoid or diamond that no lines of at most ``width`` make; and whether no other
    lines cost as much. Dynamic programming over the lines, line ``j`` ending in
    ``windows[j]``: linear in the units."""
    count = len(windows) - 1
    # Each line's least cost from the top, the line before it on that way, and whether no
    # other way costs as much.
    layers: list[dict[_State, tuple[float, _State | None, bool]]] = [{(0, 0, False): (0.0, None, True)}]
    for j in range(1, count + 1):
        layer: dict[_State, tuple[float, _State | None, bool]] = {}
        for state, (cost, _, alone) in layers[-1].items():
            a, b, fallen = state
            before = runs.width(a, b) if j > 1 else None
            for c in range(max(b + 1, windows[j].start), windows[j].stop):
                w = runs.width(b, c)
                if w > width and c > b + 1:
                    break
                falls = False
                if shape and before is not None:
                    if fallen and w > before + 1e-9:
                        continue  # rising again: neither a trapezoid nor a diamond
                    falls = fallen or w < before - 1e-9
                # Even lines (sum of squares); a break inside a piece costs; a hair's
                # preference for longer lines first.
                total = cost + w * w + (_INSIDE_PIECE if j > 1 and not between[b] else 0) - 1e-6 * (count - j) * w
                line = (b, c, falls)
                if line not in layer or total < layer[line][0]:
                    layer[line] = (total, state, alone)
                elif total == layer[line][0]:
                    layer[line] = (total, layer[line][1], False)
        layers.append(layer)
    last = layers[-1]
    if not last:
        return [], False
    best = min(last, key=lambda line: last[line][0])
    alone = last[best][2] and sum(cost == last[best][0] for cost, _, _ in last.values()) == 1
    at: _State | None = best
    ends = []
    for layer in reversed(layers[1:]):
        assert at is not None
        ends.append(at[1])
        at = layer[at][1]
    return ends[::-1], alone


def title_lines(report: Report, settings: Profile) -> list[str]:
    """The title, broken into balanced lines; an explicit title keeps the author's breaks."""
    room = settings.page.title_chars_per_line
    width = room * TITLE_FILL
    if report.title:
        lines = [line.strip() for line in report.title.splitlines() if line.strip()]
        if len(lines) > 1:
            return lines
        return balance_lines([TitlePiece(lines[0])], width, room)
    return balance_lines(report.title_segments(settings.range_dash), width, room)


def subtitle(report: Report, settings: Profile) -> str | None:
    """The report's subtitle, else the profile's, filled in with office, period and year."""
    if report.subtitle or not settings.subtitle:
        return report.subtitle
    values = {"office": report.office, "period": period_label(report, settings), "year": str(report.period.start_year)}
    return fill_placeholders(settings.subtitle, values)
