"""The roll-up built: the sources' parts gathered under each source (第一季度, 某街道), their
openings, the aggregated indicators and the sources recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostics, reported
from ..errors import InputError, Problem
from ..model import (
    HEADING_LEVELS,
    PART_ROLES,
    REFERENCE,
    Indicator,
    Item,
    Part,
    PartRole,
    Period,
    Point,
    Report,
    Source,
)
from ..model.figures import phrase
from ..model.genre import LEAD_IN
from ..readers import LoadedReport, validate
from .indicators import indicators
from .inputs import check_periods, loaded, profile_of, refuse


def _label(report: Report, period: Period, by_unit: bool) -> str:
    """The heading of a source's item: the unit, or its period (without the year where the
    roll-up is within one year: 第一季度)."""
    if by_unit:
        return report.office
    return report.period.label(year=period.start_year != period.end_year)


def _tag(report: Report, by_unit: bool, index: int) -> str:
    return f"u{index + 1}" if by_unit else report.period.code().replace("-", "_").replace(".", "_").lower()


def _freeze(text: str, figures: dict[str, Indicator]) -> str:
    """Write out references to a source's report-level indicators: in the roll-up those
    keys hold the aggregated figures, while this text speaks of its own quarter or unit."""
    return REFERENCE.sub(lambda m: phrase(figures[m[1]], m[2]) if m[1] in figures else m[0], text)


def _renamer(report: Report, tag: str) -> Callable[[str], str]:
    """A source's text as the roll-up holds it: references to its report-level figures written
    out, references to its item-level indicators following their keys' tag (two quarters may
    both have 'volunteers')."""
    figures = {i.key: i for i in report.indicators}
    item_keys = set(report.all_indicators()) - set(figures)

    def rename(text: str) -> str:
        text = _freeze(text, figures)
        return REFERENCE.sub(lambda m: m[0].replace(m[1], f"{m[1]}_{tag}", 1) if m[1] in item_keys else m[0], text)

    return rename


def _retag(item: Item, tag: str, level: int, rename: Callable[[str], str]) -> Item:
    """An item moved one level down under its source: item-level indicator keys get the
    source's tag, its texts are renamed (see _renamer), and what would fall below the fourth
    level becomes paragraphs."""
    indicators = [
        i.model_copy(update={"key": f"{i.key}_{tag}", "of": tuple(f"{k}_{tag}" for k in i.of) if i.of else None})
        for i in item.indicators
    ]
    body = [rename(t) for t in item.body]
    points = [_map_point(point, rename) for point in item.points]
    children = [_retag(child, tag, level + 1, rename) for child in item.items]
    if level >= HEADING_LEVELS and children:
        body += [_flatten(child) for child in children]
        indicators += [i for child in children for i in child.indicators]
        children = []
    return item.model_copy(
        update={
            "title": rename(item.title) if item.title else None,
            "body": body,
            "points": points,
            "items": children,
            "indicators": indicators,
        }
    )


def _map_point(point: str | Point, change: Callable[[str], str]) -> str | Point:
    if isinstance(point, str):
        return change(point)
    return point.model_copy(
        update={"title": change(point.title) if point.title else None, "body": [change(t) for t in point.body]}
    )


def _point_text(point: str | Point) -> str:
    return point if isinstance(point, str) else (point.title + "。" if point.title else "") + "".join(point.body)


def _flatten(item: Item) -> str:
    parts = [item.title + "：" if item.title else "", *item.body]
    if item.points:
        parts.append("；".join(_point_text(p) for p in item.points) + "。")
    parts += [_flatten(child) for child in item.items]
    return "".join(parts)


# A source as the roll-up takes it in: its report, the tag of its item indicators, the renamer of its texts.
_Source = tuple[Report, str, Callable[[str], str]]


def _gather(
    sources: list[_Source], role: PartRole | None, title: str | None, period: Period, by_unit: bool
) -> list[Part]:
    """One part for the role (or, for topical parts, the title), with one item per source
    holding that source's text."""
    items = []
    for report, tag, rename in sources:
        parts = [p for r, p in report.all_parts() if r == role and (role is not None or p.title == title)]
        if not parts:
            continue
        body = [rename(t) for p in parts for t in p.body]
        points = [_map_point(point, rename) for p in parts for point in p.points]
        children: list[Item] = []
        for part in parts:
            if part.title and part.items and role is not None:
                # A titled part of a role becomes an item of its own, one level down.
                children.append(
                    Item(title=rename(part.title), items=[_retag(item, tag, 4, rename) for item in part.items])
                )
            else:
                children.extend(_retag(item, tag, 3, rename) for item in part.items)
        tables = [table for p in parts for table in p.tables]
        items.append(
            Item(
                title=_label(report, period, by_unit),
                body=body,
                points=points,
                items=children,
                tables=tables,
                run_in=False,
            )
        )
    return [Part(role=role, title=title, items=items)] if items else []


def rollup(
    inputs: Sequence[Report | LoadedReport | str | Path],
    period: Period | str,
    *,
    office: str | None = None,
    day: date | None = None,
    diagnostics: Diagnostics | None = None,
) -> Report:
    """Merge reports (or the files they are in) into one report for ``period``.

    When every input covers ``period``, the inputs are units and ``office`` names the
    higher unit (required); otherwise they are consecutive periods of one office, which
    must tile ``period`` without gaps or overlaps. Raises :class:`InputError` naming the
    files that do not fit. The date is the latest input's unless ``day`` is given. What
    rolling up has to tell (an indicator left out) goes to ``diagnostics``, or is issued as
    warnings.
    """
    with reported(diagnostics) as found:
        return _rollup(
            [loaded(item, found) for item in inputs],
            Period.parse(period) if isinstance(period, str) else period,
            office,
            day,
            found,
        )


def _rollup(
    documents: list[LoadedReport], period: Period, office: str | None, day: date | None, diagnostics: Diagnostics
) -> Report:
    reports = [(doc.path or Path(f"<报告 {i + 1}>"), doc.report) for i, doc in enumerate(documents)]
    if not reports:
        raise InputError([Problem("rollup", "没有要汇总的报告")])
    by_unit = all(r.period == period for _, r in reports)  # one unit of a higher one too
    if by_unit and not office:
        raise refuse(reports, "按单位汇总时须用 --office 写明汇总后的单位名称")
    check_periods(reports, period, by_unit)
    if not by_unit:
        reports.sort(key=lambda pr: pr[1].period.start)
    latest = reports[-1][1]
    sources: list[_Source] = []
    for index, (_, r) in enumerate(reports):
        tag = _tag(r, by_unit, index)
        sources.append((r, tag, _renamer(r, tag)))
    # Each source's opening, its lead-in taken out; a unit's opening says whose it is (东区：……).
    opening = []
    for r, _, rename in sources:
        own = [t for t in (LEAD_IN.sub("。", rename(t)).replace("。。", "。") for t in r.opening) if t.strip("。")]
        if own and by_unit:
            own[0] = f"{r.office}：{own[0]}"
        opening += own
    figures = indicators(reports, by_unit, diagnostics)
    data = {
        "office": office or latest.office,
        "period": period,
        "subject": latest.subject,
        "kind": latest.kind,
        "date": day or max((r.date for _, r in reports if r.date), default=None),
        "profile": profile_of(latest, next(doc.path for doc in documents if doc.report is latest))
        if not by_unit
        else None,
        "headings": latest.headings,
        "opening": opening,
        "indicators": figures,
        "table": latest.table
        and latest.table.model_copy(update={"keys": [k for k in latest.table.keys if k in {i.key for i in figures}]}),
        "closing": [sources[-1][2](t) for t in latest.closing],
        "sources": [Source(file=str(p), office=r.office, period=r.period) for p, r in reports],
    }
    topical = dict.fromkeys(p.title for _, r in reports for role, p in r.all_parts() if role is None)
    if topical:  # parts in print order, each with its role
        data["parts"] = [
            *(part for role in PART_ROLES for part in _gather(sources, role, None, period, by_unit)),
            *(part for title in topical for part in _gather(sources, None, title, period, by_unit)),
        ]
    else:
        data |= {
            role: [p.model_copy(update={"role": None}) for p in _gather(sources, role, None, period, by_unit)]
            for role in PART_ROLES
        }
    return validate(data, "汇总", {}, diagnostics)  # what the caller gave may be wrong (a date, a name too long)
