"""The title: composed from office, period, subject and kind, broken into balanced lines."""

from __future__ import annotations

import re

from ..model import Report
from ..model.words import words
from ..office.profile import Profile
from ..office.textwidth import SPACE_EM, half_cells, spaced, spaced_boundaries, text_width
from .wording import fill_placeholders, period_label


def _units(segments: list[str], width: float) -> list[str]:
    """Pieces that fit a line stay whole; longer ones are cut into words (GB/T 9704 7.3.1: a
    title line keeps its words whole; the segmenter loads only for such titles), and a word
    longer than a line into characters."""
    units: list[str] = []
    for segment in segments:
        if text_width(segment) <= width:
            units.append(segment)
            continue
        for word in words(segment):
            units.extend([word] if text_width(word) <= width else list(word))
    return units


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
    """The same from the last line back: line ``j`` (of as many) ending as early as leaves
    the rest room in the lines after it."""
    starts = [n]
    for a in range(n - 2, -1, -1):
        if runs.width(a, starts[-1]) > width and a + 1 < starts[-1]:
            starts.append(a + 1)
    return [0, *starts[::-1]]


def balance_lines(segments: list[str], width: float) -> list[str]:
    """Break ``segments`` into the fewest lines of at most ``width`` cells, breaking between
    segments where they fit and between words inside those that do not, with lines as even
    as possible and, of equal choices, the longer ones first (the trapezoid of GB/T 9704
    7.3.1). Dynamic programming over the ends each line can have, which lie between where
    the greedy breaks from either side put it: linear in the units."""
    units = _units([s for s in segments if s], width)
    n = len(units)
    if n == 0:
        return []
    runs = _Runs(units)
    latest = _line_ends(runs, n, width)
    count = len(latest) - 1
    earliest = _line_starts(runs, n, width)
    inf = float("inf")
    best = [dict.fromkeys(range(earliest[j], latest[j] + 1), inf) for j in range(count + 1)]
    back: list[dict[int, int]] = [{} for _ in range(count + 1)]
    best[0][0] = 0.0
    for j in range(1, count + 1):
        for b in best[j]:
            # From the shortest line ending at b to the longest that fits; of equal costs the
            # one starting first wins.
            for a in range(min(b - 1, latest[j - 1]), earliest[j - 1] - 1, -1):
                w = runs.width(a, b)
                if w > width and a < b - 1:
                    break
                if best[j - 1][a] == inf:
                    continue
                # Even lines (sum of squares), and a hair's preference for longer lines first.
                cost = best[j - 1][a] + w * w - 1e-6 * (count - j) * w
                if cost <= best[j][b]:
                    best[j][b], back[j][b] = cost, a
    lines, b = [], n
    for j in range(count, 0, -1):
        a = back[j][b]
        lines.append("".join(units[a:b]))
        b = a
    return lines[::-1]


def title_lines(report: Report, settings: Profile) -> list[str]:
    """The title, broken into balanced lines; an explicit title keeps the author's breaks."""
    width = settings.page.title_chars_per_line
    if report.title:
        lines = [line.strip() for line in report.title.splitlines() if line.strip()]
        if len(lines) > 1:
            return lines
        # Break only after punctuation, else anywhere, when one written line is too long.
        return balance_lines(re.findall(r"[^，、：]+[，、：]?", lines[0]), width)
    return balance_lines(report.title_segments(settings.range_dash), width)


def subtitle(report: Report, settings: Profile) -> str | None:
    """The report's subtitle, else the profile's, filled in with office, period and year."""
    if report.subtitle or not settings.subtitle:
        return report.subtitle
    values = {"office": report.office, "period": period_label(report, settings), "year": str(report.period.start_year)}
    return fill_placeholders(settings.subtitle, values)
