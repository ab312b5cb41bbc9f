"""The title: composed from office, period, subject and kind, broken into balanced lines."""

from __future__ import annotations

import logging
import re

from ..model import Report
from ..office.profile import Profile
from ..office.textwidth import text_width
from .wording import fill_placeholders, period_label


def _words(segment: str) -> list[str]:
    """A piece too long for one line, cut into words (GB/T 9704 7.3.1: a title line keeps its
    words whole); the segmenter loads only for such titles."""
    import jieba  # about half a second, once

    jieba.setLogLevel(logging.WARNING)
    return [word for word in jieba.cut(segment, HMM=False) if word]


def _units(segments: list[str], width: float) -> list[str]:
    """Pieces that fit a line stay whole; longer ones are cut into words, and a word longer
    than a line into characters."""
    units: list[str] = []
    for segment in segments:
        if text_width(segment) <= width:
            units.append(segment)
            continue
        for word in _words(segment):
            units.extend([word] if text_width(word) <= width else list(word))
    return units


def balance_lines(segments: list[str], width: float) -> list[str]:
    """Break ``segments`` into the fewest lines of at most ``width`` cells, breaking between
    segments where they fit and between words inside those that do not, with lines as even
    as possible and, of equal choices, the longer ones first (the trapezoid of GB/T 9704
    7.3.1). Dynamic programming: linear in lines, quadratic in pieces."""
    units = _units([s for s in segments if s], width)
    n = len(units)
    if n == 0:
        return []
    start = [0.0]
    for unit in units:
        start.append(start[-1] + text_width(unit))

    def line(a: int, b: int) -> float:
        return text_width("".join(units[a:b])) if b - a > 1 else start[b] - start[a]

    # The fewest lines, found greedily; then the most even split into that many.
    count, used = 1, 0.0
    for unit in units:
        w = text_width(unit)
        if used and used + w > width:
            count, used = count + 1, 0.0
        used += w
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for j in range(1, count + 1):
        for b in range(j, n + 1):
            for a in range(j - 1, b):
                if best[j - 1][a] == inf:
                    continue
                w = line(a, b)
                if w > width:
                    continue
                # Even lines (sum of squares), and a hair's preference for longer lines first.
                cost = best[j - 1][a] + w * w - 1e-6 * (count - j) * w
                if cost < best[j][b]:
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
