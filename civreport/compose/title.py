"""The title: composed from office, period, subject and kind, broken into balanced lines."""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from ..model import Report
from ..office.profile import Profile
from ..office.textwidth import text_width
from .wording import fill_placeholders, period_label


def balance_lines(segments: list[str], width: float) -> list[str]:
    """Break unbreakable ``segments`` into the fewest lines of at most ``width`` cells,
    as even as possible, longer lines first (the trapezoid of GB/T 9704 7.3.1)."""
    units = [s for seg in segments for s in ([seg] if text_width(seg) <= width else list(seg))]
    n = len(units)
    for count in range(1, n + 1):
        fitting = []
        for breaks in combinations(range(1, n), count - 1):
            bounds = (0, *breaks, n)
            lines = ["".join(units[a:b]) for a, b in pairwise(bounds)]
            widths = [text_width(line) for line in lines]
            if max(widths) <= width:
                fitting.append(((max(widths) - min(widths), [-w for w in widths]), lines))
        if fitting:
            return min(fitting)[1]
    return units  # no units at all: an empty title


def _segments(report: Report, settings: Profile) -> list[str]:
    subject, kind = report.subject, report.kind
    if subject.endswith("工作") and kind.startswith("工作"):
        subject = subject[: -len("工作")]
    return [report.office, period_label(report, settings), subject, kind]


def title_lines(report: Report, settings: Profile) -> list[str]:
    """The title, broken into balanced lines; an explicit title keeps the author's breaks."""
    width = settings.page.title_chars_per_line
    if report.title:
        lines = [line.strip() for line in report.title.splitlines() if line.strip()]
        if len(lines) > 1:
            return lines
        # Break only after punctuation, else anywhere, when one written line is too long.
        return balance_lines(re.findall(r"[^，、：]+[，、：]?", lines[0]), width)
    return balance_lines(_segments(report, settings), width)


def subtitle(report: Report, settings: Profile) -> str | None:
    """The report's subtitle, else the profile's, filled in with office, period and year."""
    if report.subtitle or not settings.subtitle:
        return report.subtitle
    values = {"office": report.office, "period": period_label(report, settings), "year": str(report.period.start_year)}
    return fill_placeholders(settings.subtitle, values)
