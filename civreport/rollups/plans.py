"""Plans that look forward: a source's plans for a period the roll-up already covers (二季度，
区创城办将……, in a year's roll-up) are past and left out; the last source's, for the period
after the roll-up, stay, their period named as the roll-up's next (2025年一季度，…… → 明年，……);
what several sources plan alike is said once."""

from __future__ import annotations

from dataclasses import replace

from ..model import Period, PeriodError
from .inputs import Source, Sources
from .merging import Said, merge
from .provenance import DROPPED, REWORDED, Line
from .reading import Piece, role_piece
from .sentences import opening_period


def _after(period: Period) -> Period | None:
    """The period of the same length right after ``period``; None past the years a period may
    fall in."""
    start = period.end_year * 12 + period.end_month  # months from year 0, the next one's index
    end = start + period.months - 1
    try:
        return Period(start // 12, start % 12 + 1, end // 12, end % 12 + 1)
    except PeriodError:
        return None


def next_period(period: Period) -> str:
    """How the roll-up's plans name the period after it: 明年 after a year, 下半年 after the
    first half, 第四季度 after the third quarter, 明年第一季度 after the fourth; 下一步 where no
    name fits (the nine months after the first three quarters)."""
    after = _after(period)
    if after is None or after.start_year != after.end_year:
        return "下一步"
    next_year = "明年" if after.start_year > period.end_year else ""
    return next_year if after.months == 12 else next_year + after.label(year=False)


def _when(lines: list[Line], year: int) -> Period | None:
    """The period the first of ``lines`` opens with: 二季度，区创城办将……"""
    found = opening_period(lines[0].text, year) if lines else None
    return found[0] if found else None


def _forward(piece: Piece, source: Source, sources: Sources, when: Period) -> Piece:
    """The piece without what it plans for a period the roll-up covers, and with the period of
    what it plans after the roll-up named as the roll-up's next. ``when``: the period the
    piece's plans are for unless a sentence names its own (a point is for its lead's)."""
    year = source.report.period.start_year
    opener = [x for x in (piece.title, *(p[0] for p in piece.body[:1]), piece.lead) if x]
    when = _when(opener, year) or when
    rolled = sources.period
    gone: set[Line] = set()
    for line in piece.own_lines():
        own = opening_period(line.text, year)
        period = own[0] if own else when
        if period.start <= rolled.end and period.end >= rolled.start:
            gone.add(line)
            why = f"计划的期间（{period.label()}）已在汇总的{rolled.label()}之内"
            sources.decisions.add(DROPPED, sources.where(line.origins), line.text, why)
    kept = replace(piece.without(gone), items=piece.items)
    word = next_period(rolled)

    def reworded(line: Line) -> Line:
        own = opening_period(line.text, year)
        if not own or own[0].start <= rolled.end or line.text[: own[1]] == word:
            return line
        why = f"汇总报告的计划是{word}的，原写“{line.text[: own[1]]}”"
        sources.decisions.add(REWORDED, sources.where(line.origins), line.text, why)
        return line.said(word + line.text[own[1] :])

    items = tuple(f for item in kept.items if not (f := _forward(item, source, sources, when)).empty)
    return replace(kept.mapped(reworded), items=items)


def plans(sources: Sources, said: Said) -> Piece | None:
    """The roll-up's plans part: what is still to come, like with like, each once."""
    pieces = []
    for source in sources:
        piece = role_piece(source, "plans")
        after = _after(source.report.period)
        if piece is None or after is None:
            continue
        forward = _forward(piece, source, sources, after)
        if not forward.empty:
            pieces.append(forward)
    return merge(pieces, sources, said) if pieces else None
