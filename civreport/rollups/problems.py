"""The problems, each stated once: a problem raised by several quarters (or units) is said once
(the latest quarter's words, the first unit's) and marked as raised again; a problem a later
quarter says is solved is left out, and the sentence that says so goes to the achievements
when it would otherwise be lost (it stood among that quarter's problems)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import PartRole
from ..model.genre import CN_NUMERAL
from .inputs import Sources
from .matching import groups
from .merging import Said, merge
from .provenance import DROPPED, MOVED, Line, origins_of
from .reading import Piece, piece, role_piece
from .sentences import ENDS, ended, split
from .terms import content_words

# 一是…；二是…；三是…。 inside a paragraph: each ordinal opens a problem.
_ORDINAL = re.compile(rf"(?:^|(?<=[；;。：:])){CN_NUMERAL}是")
# What says a problem is gone: 已解决, 得到有效解决, 已全部整改到位, 完成……改造 …; not what is to be (将, 确保).
_SOLVED = re.compile(
    r"已(?:全部|基本|彻底)?(?:解决|整改到位|整改完毕|完成整改|消除)|得到(?:有效|根本|彻底)?解决"
    r"|(?:全部|彻底|基本)(?:解决|整改到位)|完成[^，。；]{0,15}(?:改造|整治|整改|搬迁|修缮|治理)"
)
_TO_BE = re.compile(r"将|确保|力争|争取|计划|拟|预计|要")
_SOLVING_TERMS = 2  # the words an item must share with a problem to say it is solved
# Two statements are one problem when two-thirds of the key terms of either are the other's:
# stricter than for measures, since all but one statement of a problem are left out.
_SAME_PROBLEM = 2 / 3
_NOT_DONE: tuple[PartRole, ...] = ("problems", "plans")  # the parts that tell no deed of the quarter


@dataclass(frozen=True)
class Problems:
    """The roll-up's problems part, and the sentences that go to its achievements."""

    part: Piece | None
    moved: tuple[Line, ...]


def _titled(text: str, line: Line) -> Piece:
    """A problem stated in a run of text as an item: its first clause the title (城市基础设施欠账
    较多), the rest its text."""
    sentences = split(text.rstrip(ENDS) + "。")
    first, _, rest = sentences[0].rstrip(ENDS).partition("，")
    body = [s for s in ([ended(rest, "。")] if rest else []) + sentences[1:]]
    return Piece(title=line.said(first), body=(tuple(line.said(s) for s in body),) if body else ())


def _entries(piece: Piece) -> tuple[list[Line], list[Piece]]:
    """A source's problems as separate statements (its items; each 一是…… of a paragraph; each
    point), and the sentences that lead into them (……仍存在以下不足：)."""
    leads: list[Line] = []
    entries: list[Piece] = []
    for paragraph in piece.body:
        text = "".join(line.text for line in paragraph)
        cuts = [m.start() for m in _ORDINAL.finditer(text)]
        if len(cuts) < 2:  # a paragraph of its own; what ends with a colon leads into the items
            leads += [line for line in paragraph if line.text.endswith("：")]
            rest = tuple(line for line in paragraph if not line.text.endswith("："))
            entries += [Piece(body=(rest,))] if rest else []
            continue
        whole = Line(text, origins_of(paragraph), text)
        if text[: cuts[0]]:
            leads.append(whole.said(text[: cuts[0]]))
        for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
            entry = _ORDINAL.sub("", text[start:end], count=1)
            entries.append(_titled(entry, whole))
    entries += [_titled(point.text, point) for point in piece.points]
    leads += [line for line in (piece.lead,) if line]
    return leads, [*entries, *piece.items]


def _solved(problem: Piece, sources: Sources, later: list[int], entries: list[Piece]) -> tuple[Line, bool] | None:
    """The sentence of a later quarter that says the problem is solved, and whether it stands
    among that quarter's problems (``entries``); None when no later quarter says so. It says
    so in words of doing (已解决, 完成……改造) and names the problem by two of its title's words
    (or its one), in an item (or part) that shares two at least of the problem's words."""
    framing = sources.framing
    title = set(content_words(problem.title.text, framing)) if problem.title else set()
    terms = title | set(content_words(problem.text(), framing))
    for index in later:
        done = [
            (piece(sources[index], part, path), False)
            for role, path, part in sources[index].report.printed_parts()
            if role not in _NOT_DONE
        ]
        told = [(entry, True) for entry in entries if entry.sources == {index}]
        for said, among_problems in [*done, *told]:
            for item in said.walk():
                own = [*([item.title] if item.title else []), *item.own_lines()]
                if len(terms & set(content_words("".join(x.text for x in own), framing))) < _SOLVING_TERMS:
                    continue
                for line in item.own_lines():
                    done_now = _SOLVED.search(line.text) and not _TO_BE.search(line.text)
                    named = title & set(content_words(line.text, framing))
                    if done_now and len(named) >= min(_SOLVING_TERMS, len(title)):
                        return line, among_problems
    return None


def _statement(problem: Piece) -> str:
    """A problem as one text, its title a sentence of it."""
    title = ended(problem.title.text, "。") if problem.title else ""
    return title + "".join(x.text for x in problem.lines() if x is not problem.title)


def _mark(group: list[Piece], sources: Sources) -> Line:
    """That a problem was raised again: 这一问题第一季度、第四季度均有反映。"""
    origins = origins_of(p.title for p in group if p.title)
    if sources.by_unit:
        return Line(f"{sources.subject(origins)}均反映了这一问题。", origins)
    raised = sources.labels(origins)
    return Line(f"这一问题{'各期' if len(raised) == len(sources) else '、'.join(raised)}均有反映。", origins)


def problems(sources: Sources, said: Said) -> Problems:
    """The problems part: the sources' problems, each once, the solved left out."""
    leads: list[Line] = []
    entries: list[Piece] = []
    titles: list[Line] = []  # the parts' own titles (存在的困难和问题)
    for source in sources:
        piece = role_piece(source, "problems")
        if piece:
            own_leads, own = _entries(piece)
            leads += own_leads
            entries += own
            titles += [piece.title] if piece.title else []
    kept: list[Piece] = []
    moved: list[Line] = []
    for group in groups(entries, sources, supported=False, share=_SAME_PROBLEM, what="同一问题"):
        chosen = group[0] if sources.by_unit else group[-1]
        for other in group:
            if other is not chosen:
                sources.decisions.add(DROPPED, sources.where(other.origins), _statement(other), "同一问题只写一次")
        last = max(chosen.sources | {s for p in group for s in p.sources})
        solved = None if sources.by_unit else _solved(chosen, sources, list(range(last + 1, len(sources))), entries)
        if solved:
            line, lost = solved
            why = f"{sources[min(line.origins).source].label}写明已解决：“{line.text}”"
            sources.decisions.add(DROPPED, sources.where(chosen.origins), _statement(chosen), why)
            if lost:
                moved.append(line)
                sources.decisions.add(MOVED, sources.where(line.origins), line.text, "说的是问题已解决，移入主要成效")
            continue
        one = chosen if chosen.empty else merge([chosen], sources, said)  # a problem may be a title alone
        if one is None:
            continue
        if len({s for p in group for s in p.sources}) > 1:
            mark = _mark(group, sources)
            body = (*one.body[:-1], (*one.body[-1], mark)) if one.body else ((mark,),)
            one = replace(one, body=body)
        kept.append(one)
    kept = [left for p in kept if not (left := p.without(set(moved))).empty or p.empty]
    lead = _lead(leads, sources)
    if not kept and not lead:
        return Problems(None, tuple(moved))
    # The title the last source gives the part (or its role's heading), for the sources that gave one.
    title = Line(titles[-1].text, origins_of(titles)) if titles else None
    return Problems(Piece(title=title, body=((lead,),) if lead else (), items=tuple(kept)), tuple(moved))


def _lead(leads: list[Line], sources: Sources) -> Line | None:
    """The sentence that leads into the problems: the last quarter's (回顾全年工作，……仍存在以下
    不足：); a unit's speaks of itself, and none is kept."""
    chosen = None if sources.by_unit or not leads else leads[-1]
    for line in leads:
        if line is not chosen:
            why = "各单位的引语只说本单位" if sources.by_unit else "引出问题的话只留最后一期的"
            sources.decisions.add(DROPPED, sources.where(line.origins), line.text, why)
    return chosen
