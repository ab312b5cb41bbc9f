"""The period's figures in words: the roll-up's indicators stated in its achievements (全年累计
……，完成年度目标的……；同比……) with the project's indicator wording (references the model
fills in), and the sources' sentences that only stated their own part of those figures, which
the whole's statement replaces."""

from __future__ import annotations

import re

from ..model import REFERENCE, Indicator
from .inputs import Sources
from .provenance import DROPPED, REWORDED, Line, Origin
from .reading import Piece
from .terms import content_words

_CLAUSE = re.compile(r"([^，,；;：:。！？]+)([，,；;：:。！？]*)")  # a clause and the marks after it
_LEAD = 12  # a clause before the figures that only says when or by whom: 一季度, 第三方抽样调查显示
_REPLACED = "只写了本期的数字，已由汇总的数字代替"


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


def _names(clause: str, names: list[str], framing: frozenset[str]) -> bool:
    """Whether a clause names what the figures before it were about (志愿者队伍规模…… after the
    registered volunteers): two characters of a key word of an indicator's name in it."""
    return any(
        word[i : i + 2] in clause for n in names for word in content_words(n, framing) for i in range(len(word) - 1)
    )


def _left(line: Line, sources: Sources, keys: set[str]) -> str | None:
    """What is left of a source's sentence once the figures the roll-up states for the whole are
    taken out: "" when it only stated its own part of them (一季度，全区共发放宣传资料
    {materials}，{materials.yoy}。); its lead and its remark when the figures run to a remark that
    names what they were about (截至12月底，{volunteers.name}达到{volunteers}，……，志愿者队伍规模创
    历史新高。 → 截至12月底，志愿者队伍规模创历史新高。); None when it keeps them (a fact stated
    among them, or a remark that needs them: ……{investment}，重点用于背街小巷改造)."""
    figures = {key: i for o in line.origins for key, i in sources[o.source].figures.items() if key in keys}
    clauses = [(m[1], m[2]) for m in _CLAUSE.finditer(line.raw)]
    stated = [{m[1] for m in REFERENCE.finditer(c)} & set(figures) for c, _ in clauses]
    if not any(stated):
        return None
    first = next(n for n, s in enumerate(stated) if s)
    last = next((n for n in range(first, len(clauses)) if not stated[n]), len(clauses))
    if any(len(c) > _LEAD for c, _ in clauses[:first]) or any(stated[last:]):
        return None
    rest = clauses[last:]
    names = [figures[k].name for s in stated for k in sorted(s)]
    if not all(_names(c, names, sources.framing) for c, _ in rest):
        return None
    return "".join(c + mark for c, mark in clauses[:first] + rest) if rest else ""


def without_superseded(piece: Piece, sources: Sources, keys: set[str]) -> Piece:
    """The piece without the figures the whole's replace, each drop and cut recorded."""
    gone: set[Line] = set()
    cut: dict[Line, Line] = {}
    for line in piece.lines():
        left = None if line is piece.title else _left(line, sources, keys)
        if left == "":
            gone.add(line)
            sources.decisions.add(DROPPED, sources.where(line.origins), line.text, _REPLACED)
        elif left:
            cut[line] = Line(sources[min(line.origins).source].say(left), line.origins, left)
            why = f"{_REPLACED}，只留其余的话：“{cut[line].text}”"
            sources.decisions.add(REWORDED, sources.where(line.origins), line.text, why)
    if not (gone or cut):
        return piece
    rest = piece.without(gone)
    for title in piece.lost(rest, gone):  # an item whose every sentence the whole's figures replace
        sources.decisions.add(DROPPED, sources.where(title.origins), title.text, f"标题下的话都{_REPLACED}")
    return rest.replaced(cut)
