"""The frame of the roll-up. One opening for the whole period, composed from the sources' openings: what frames them all
(2024年是新一轮创建周期的第一年。) once, without each source's own overview (二季度，区创城办
……; 三季度，东街道……), which the whole's replaces, nor their lead-ins: the roll-up's own
lead-in (现将2024年……总结如下：) follows, as for any report. One closing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from ..model.genre import LEAD_IN
from .inputs import Source, Sources
from .merging import Said, repeated
from .provenance import DROPPED, Line, Origin
from .reading import paragraph
from .sentences import about, opening_period, same, split


def _own(line: Line, source: Source, sources: Sources) -> str | None:
    """Why an opening sentence is the source's own, not the whole's: it opens with the
    source's period (一季度以来，……), or a unit's speaks of the unit (我街道……) or is said by
    no other unit."""
    found = opening_period(line.text, source.report.period.start_year)
    if found and found[0] == source.report.period:
        return "本期开头的概述，由汇总报告的开头代替"
    if not sources.by_unit:
        return None
    if about(line.text, source.label, sources.unit_kind):
        return "单位开头中本单位的概述，由汇总报告的开头代替"
    others = [o for o in sources if o is not source]
    if not any(same(line.text, text) for o in others for raw in o.report.opening for text in split(o.say(raw))):
        return "只有本单位的开头这样写，不是各单位共同的背景"
    return None


def opening(sources: Sources, said: Said) -> list[tuple[Line, ...]]:
    """The roll-up's opening paragraphs."""
    out: list[tuple[Line, ...]] = []
    for source in sources:
        for i, raw in enumerate(source.report.opening):
            if lead_in := LEAD_IN.search(raw):
                where = sources.where([Origin(source.index, f"opening[{i}]")])
                sources.decisions.add(DROPPED, where, lead_in[0].lstrip("，,。"), "汇总报告有自己的引出语")
            lines = paragraph(source, LEAD_IN.sub("。", raw).replace("。。", "。"), f"opening[{i}]")
            if kept := _said_once(
                [line for line in lines if line.text.strip("。")],
                partial(_own, source=source, sources=sources),
                sources,
                said,
            ):
                out.append(kept)
    return out


def closing(sources: Sources, said: Said) -> list[tuple[Line, ...]]:
    """The roll-up's closing: the last quarter's (……作出新的更大贡献。); a units' roll-up keeps
    what several units close with alike."""
    out: list[tuple[Line, ...]] = []
    last = sources[len(sources) - 1]
    for source in sources:

        def dropped(line: Line, source: Source = source) -> str | None:
            if sources.by_unit:
                return "只有本单位的结尾这样写" if _own(line, source, sources) else None
            return "结尾用最后一期的" if source is not last else None

        for i, raw in enumerate(source.report.closing):
            if kept := _said_once(paragraph(source, raw, f"closing[{i}]"), dropped, sources, said):
                out.append(kept)
    return out


def _said_once(
    lines: Iterable[Line], dropped: Callable[[Line], str | None], sources: Sources, said: Said
) -> tuple[Line, ...]:
    """The lines neither dropped (``dropped`` says why, recorded) nor said before, now said."""
    kept = []
    for line in lines:
        if why := dropped(line):
            sources.decisions.add(DROPPED, sources.where(line.origins), line.text, why)
        elif not repeated(line, said, [], sources):
            kept.append(line)
            said.add([line])
    return tuple(kept)
