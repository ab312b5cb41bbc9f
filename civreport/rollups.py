"""Roll reports up into one for a longer period (quarters → half-year, year) or a higher
unit (streets and departments → district).

Indicators aggregate by their rule; the items of each part are gathered under their
source (第一季度, 某街道) so the author can edit them; the result is an ordinary report,
with its sources recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from statistics import fmean
from typing import Any

from .diagnostics import Diagnostics, reported
from .errors import CivreportWarning, InputError, Problem
from .model import HEADING_LEVELS, PART_ROLES, REFERENCE, Indicator, Item, Part, PartRole, Period, Point, Report, Source
from .model.figures import phrase
from .model.genre import LEAD_IN
from .readers import LoadedReport, load, roundtrip, validate


def _label(report: Report, period: Period, by_unit: bool) -> str:
    """The heading of a source's item: the unit, or its period (without the year where the
    roll-up is within one year: 第一季度)."""
    if by_unit:
        return report.office
    return report.period.label(year=period.start_year != period.end_year)


def _tag(report: Report, by_unit: bool, index: int) -> str:
    return f"u{index + 1}" if by_unit else report.period.code().replace("-", "_").replace(".", "_").lower()


def _refuse(reports: Sequence[tuple[Path, Report]], message: str) -> InputError:
    files = "、".join(str(path) for path, _ in reports)
    return InputError([Problem(files, message)])


def _check_periods(reports: list[tuple[Path, Report]], period: Period, by_unit: bool) -> None:
    if by_unit:
        wrong = [(p, r) for p, r in reports if r.period != period]
        if wrong:
            raise _refuse(wrong, f"按单位汇总时各报告的期间都应为 {period.label()}（{period.code()}），这些文件不是")
        offices = [r.office for _, r in reports]
        repeated = sorted({o for o in offices if offices.count(o) > 1})
        if repeated:
            twice = [(p, r) for p, r in reports if r.office in repeated]
            raise _refuse(twice, f"同一单位出现多次：{'、'.join(repeated)}")
        return
    offices = sorted({r.office for _, r in reports})
    if len(offices) > 1:
        raise _refuse(
            reports, f"按期间汇总的报告应来自同一单位，却有：{'、'.join(offices)}；按单位汇总时各报告期间应相同"
        )
    ordered = sorted(reports, key=lambda pr: pr[1].period.start)
    cursor = period.start
    for n, (path, report) in enumerate(ordered):
        p = report.period
        if p.start < period.start or p.end > period.end:
            raise _refuse([(path, report)], f"期间 {p.label()} 超出要汇总的 {period.label()}")
        if p.start < cursor:
            previous = ordered[n - 1]
            raise _refuse([previous, (path, report)], f"期间重叠：{previous[1].period.label()} 与 {p.label()}")
        if p.start > cursor:
            raise _refuse([(path, report)], f"期间有缺口：{cursor.year}年{cursor.month}月起到 {p.label()} 之前没有报告")
        cursor = date(p.end_year + p.end_month // 12, p.end_month % 12 + 1, 1)
    if cursor <= period.end:
        raise _refuse(ordered[-1:], f"期间有缺口：{cursor.year}年{cursor.month}月起到 {period.label()} 结束没有报告")


def _aggregate(
    key: str, found: list[tuple[Path, Report, Indicator]], by_unit: bool, totals: dict[str, Indicator]
) -> Indicator | None:
    """The indicator over all sources; None for a ratio whose denominator comes to zero."""
    first = found[0][2]
    units = list(dict.fromkeys(i.unit for _, _, i in found))  # in the order of the files
    if len(units) > 1:
        files = [(p, r) for p, r, _ in found]
        raise _refuse(
            files,
            f"指标 {key} 的单位不一致：{'、'.join(u or '（无）' for u in units)}：请在各文件中改用同一单位后再汇总",
        )
    rules = sorted({i.aggregate for _, _, i in found})
    if len(rules) > 1:
        raise _refuse(
            [(p, r) for p, r, _ in found],
            f"指标 {key} 的汇总方式不一致：{'、'.join(rules)}：请在各文件中写同一个 aggregate",
        )
    values = [i.value for _, _, i in found]
    last = [i.last_year for _, _, i in found]
    targets = [i.target for _, _, i in found if i.target is not None]
    rule = first.aggregate
    if rule == "ratio":
        assert first.of is not None
        num, den = (totals[k] for k in first.of)
        scale = 100 if first.is_rate else 1
        if not den.value:
            return None
        value = num.value / den.value * scale
        base = num.last_year / den.last_year * scale if num.last_year is not None and den.last_year else None
        target = targets[-1] if targets else None
    elif rule == "latest" and not by_unit:
        value, base = values[-1], last[-1]
        target = targets[-1] if targets else None
    elif rule == "average":
        value = fmean(values)
        base = fmean(b for b in last if b is not None) if all(b is not None for b in last) else None
        target = fmean(targets) if targets else None
    else:  # sum; and "latest" across units: each unit's latest stock, added up
        value = sum(values)
        base = sum(b for b in last if b is not None) if all(b is not None for b in last) else None
        # Targets are annual for one office (kept), or add up across units.
        target = (sum(targets) if by_unit else targets[-1]) if targets else None
    # The previous period of the roll-up is not the previous period of any source.
    return first.model_copy(
        update={
            "value": _tidy(value),
            "last_year": None if base is None else _tidy(base),
            "target": target,
            "previous": None,
        }
    )


def _tidy(number: float) -> float:
    """A computed figure to the precision a report states (a ratio's 93.9170, not 93.916998…)."""
    return round(number, 4)


def _indicators(reports: list[tuple[Path, Report]], by_unit: bool, diagnostics: Diagnostics) -> list[Indicator]:
    order: list[str] = []
    found: dict[str, list[tuple[Path, Report, Indicator]]] = {}
    for path, report in reports:
        for indicator in report.indicators:
            if indicator.key not in found:
                order.append(indicator.key)
            found.setdefault(indicator.key, []).append((path, report, indicator))
    totals: dict[str, Indicator] = {}
    # Ratios last: they are computed from the aggregated numerator and denominator.
    for key in sorted(order, key=lambda k: found[k][0][2].aggregate == "ratio"):
        first = found[key][0][2]
        if first.of:
            missing = [k for k in first.of if k not in found]
            if missing:
                raise _refuse(
                    [(p, r) for p, r, _ in found[key]], f"比率指标 {key} 的 {'、'.join(missing)} 不在报告的指标中"
                )
        having = {path for path, _, _ in found[key]}
        lacking = [str(p) for p, _ in reports if p not in having]
        if lacking:  # a total of some sources would read as the whole's
            _leave_out(diagnostics, key, first, f"{'、'.join(lacking)} 没有这个指标")
        elif first.of and any(k not in totals for k in first.of):
            _leave_out(diagnostics, key, first, f"算它的 {'、'.join(k for k in first.of if k not in totals)} 没有汇总")
        elif (total := _aggregate(key, found[key], by_unit, totals)) is None:
            _leave_out(diagnostics, key, first, "分母合计为零，无法计算")
        else:
            totals[key] = total
    return [totals[k] for k in order if k in totals]


def _leave_out(diagnostics: Diagnostics, key: str, indicator: Indicator, why: str) -> None:
    diagnostics.add(
        CivreportWarning, f"指标 {key}（{indicator.name}）没有汇总：{why}；汇总报告的正文仍写各来源自己的数字"
    )


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


def _profile(report: Report, source: Path | None) -> str | None:
    """The source's profile, as the roll-up file (written elsewhere) can still find it."""
    spec = report.profile
    if spec and source and Path(spec).suffix.lower() in (".yaml", ".yml") and not Path(spec).is_absolute():
        return str((source.parent / spec).resolve())
    return spec


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
            [_loaded(item, found) for item in inputs],
            Period.parse(period) if isinstance(period, str) else period,
            office,
            day,
            found,
        )


def _loaded(item: Report | LoadedReport | str | Path, diagnostics: Diagnostics) -> LoadedReport:
    if isinstance(item, (str, Path)):
        return load(item, diagnostics=diagnostics)
    return item if isinstance(item, LoadedReport) else LoadedReport(item)


def _rollup(
    documents: list[LoadedReport], period: Period, office: str | None, day: date | None, diagnostics: Diagnostics
) -> Report:
    reports = [(doc.path or Path(f"<报告 {i + 1}>"), doc.report) for i, doc in enumerate(documents)]
    if not reports:
        raise InputError([Problem("rollup", "没有要汇总的报告")])
    by_unit = all(r.period == period for _, r in reports)  # one unit of a higher one too
    if by_unit and not office:
        raise _refuse(reports, "按单位汇总时须用 --office 写明汇总后的单位名称")
    _check_periods(reports, period, by_unit)
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
    indicators = _indicators(reports, by_unit, diagnostics)
    data = {
        "office": office or latest.office,
        "period": period,
        "subject": latest.subject,
        "kind": latest.kind,
        "date": day or max((r.date for _, r in reports if r.date), default=None),
        "profile": _profile(latest, next(doc.path for doc in documents if doc.report is latest))
        if not by_unit
        else None,
        "headings": latest.headings,
        "opening": opening,
        "indicators": indicators,
        "table": latest.table
        and latest.table.model_copy(
            update={"keys": [k for k in latest.table.keys if k in {i.key for i in indicators}]}
        ),
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


def _whole(value: Any) -> Any:
    """Figures as a person writes them in the file: 142600, not 142600.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    return value


def to_yaml(report: Report) -> str:
    """The report as an input file a person can edit and civreport can load."""
    data = _whole(report.model_dump(mode="json", exclude_defaults=True, exclude_none=True))
    header = "# 由 civreport rollup 生成；可直接修改后渲染。各部分的条目按来源（季度或单位）归集。\n"
    return header + roundtrip.dump(roundtrip.writer(), roundtrip.commented(data))
