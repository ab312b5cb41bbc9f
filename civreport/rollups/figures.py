"""The period's figures in words: the roll-up's indicators stated in its achievements (全年累计
……，完成年度目标的……；同比……) with the project's indicator wording (references the model
fills in), and the sources' sentences that only stated their own part of those figures, which
the whole's statement replaces."""

from __future__ import annotations

import re

from ..model import REFERENCE, Indicator
from .inputs import Sources
from .provenance import DROPPED, Line, Origin
from .reading import Piece

_CLAUSE = re.compile(r"[^，,；;：:。！？]+")
_LEAD = 12  # a clause before the figures that only says when or by whom: 一季度, 第三方抽样调查显示


def statement(figures: list[Indicator], sources: Sources) -> Line | None:
    """The roll-up's indicators as sentences, one an indicator: totals (累计), stocks at the
    end of the period (截至12月底), averages and ratios, each with the share of its target
    and the change on last year where it has them."""
    if not figures:
        return None
    period = sources.period
    when = "全年" if period.months == 12 and period.start_month == 1 else period.label(year=False)
    who = sources.subject(Origin(s.index, "") for s in sources) if sources.by_unit else ""  # 各街道
    sentences = []
    for n, indicator in enumerate(figures):
        lead = (f"{when}，{who}" if who else when) if n == 0 else ""  # the period once, first
        name, figure = indicator.name, f"{{{indicator.key}}}"
        clause = {
            "sum": f"{lead}{'合计' if who else '累计'}{name}{figure}",
            "latest": f"截至{period.end_month}月底，{who}{name}{'合计' if who else '达到'}{figure}",
            "average": f"{lead}{name}平均为{figure}",
            "ratio": f"{lead}{name}为{figure}",
        }[indicator.aggregate]
        if indicator.target:
            clause += f"，{{{indicator.key}.target}}"
        if indicator.last_year is not None:
            clause += f"，{{{indicator.key}.yoy}}"
        sentences.append(clause + "。")
    # Every source's figures went into the whole's.
    origins = tuple(Origin(s.index, "indicators") for s in sources)
    return Line("".join(sentences), origins)


def superseded(line: Line, sources: Sources, keys: set[str]) -> bool:
    """Whether a source's sentence only states its own part of figures the roll-up states for
    the whole (一季度，全区共发放宣传资料{materials}，{materials.yoy}。): every clause from the
    first that states one of them on states one, and what comes before says only when or by
    whom. A sentence with a fact of its own besides (……，重点用于背街小巷改造) stays."""
    own = {key for o in line.origins for key in sources[o.source].figures} & keys
    clauses = [m[0] for m in _CLAUSE.finditer(line.raw)]
    stating = [any(m[1] in own for m in REFERENCE.finditer(c)) for c in clauses]
    if not any(stating):
        return False
    first = stating.index(True)
    return all(stating[first:]) and all(len(c) <= _LEAD for c in clauses[:first])


def without_superseded(piece: Piece, sources: Sources, keys: set[str]) -> Piece:
    """The piece without the sentences the whole's figures replace, each recorded."""
    gone = [line for line in piece.lines() if line is not piece.title and superseded(line, sources, keys)]
    for line in gone:
        sources.decisions.add(DROPPED, sources.where(line.origins), line.text, "只写了本期的数字，已由汇总的数字代替")
    return piece.without(set(gone)) if gone else piece
