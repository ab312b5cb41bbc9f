"""Derive what a summary prints from what its author wrote.

The author types no numbers, no title when the parts suffice, no lead-in: this module
numbers the headings (closing up the gaps of absent parts), composes the title and its
balanced lines, adds the lead-in and places the sign-off. Templates receive the result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations

from .chinese import cn_date, cn_number, enumeration, heading_number
from .figures import amount, completion_rate, phrase, yoy
from .model import PART_ROLES, REFERENCE, Indicator, Item, Part, PartHeadings, Report
from .profile import Profile
from .wordlike import SPACE_EM, spaced_boundaries

GBT9704 = Profile()  # the default settings: GB/T 9704-2012

_KIND_VERB = {"工作总结": "总结", "工作汇报": "汇报", "工作情况报告": "报告"}
_HAS_LEAD_IN = re.compile(r"(总结|汇报|报告)如下[：:]\s*$")
_SENTENCE_END = "。！？；：…"


@dataclass(frozen=True)
class Section:
    """A numbered heading with what stands under it, at heading level 1–4."""

    level: int
    number: str
    title: str
    run_in: bool
    paragraphs: list[str]  # the body, without the enumeration
    children: list[Section]
    enumeration: str | None = None  # the points run together: 一是……；二是……。

    @property
    def texts(self) -> list[str]:
        """Every paragraph under the heading, the enumeration last."""
        return self.paragraphs + ([self.enumeration] if self.enumeration else [])

    @property
    def heading(self) -> str:
        """The heading as printed, number included; a run-in heading closes with 。."""
        text = self.number + self.title
        if self.run_in and text[-1] not in _SENTENCE_END:
            text += "。"
        return text


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    value: str  # scaled: 11.5万
    unit: str
    change: str  # 增长20%, 提高10个百分点, 持平 or —
    completion: str  # 85.3% or —


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[IndicatorRow]
    after: int | None  # the index of the part it follows; None: right after the opening


@dataclass(frozen=True)
class Signoff:
    """Sign-off lines with their right indents in characters (GB/T 9704 7.3.5.2)."""

    name: str
    date: str
    name_indent: float
    date_indent: float


@dataclass(frozen=True)
class Summary:
    """Everything a template prints, derived once from a :class:`Report` and its profile."""

    report: Report
    title_lines: list[str]
    subtitle: str | None
    opening: list[str]
    sections: list[Section]
    signoff: Signoff
    attachments: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    table: Table | None = None

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


def text_width(text: str) -> float:
    """Width in character cells: full-width characters 1, everything else ½, plus the
    space word processors put between Chinese and Latin (see :mod:`civreport.wordlike`)."""
    cells = sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    return cells + SPACE_EM * spaced_boundaries(text)


def balance_lines(segments: list[str], width: float) -> list[str]:
    """Break unbreakable ``segments`` into the fewest lines of at most ``width`` cells,
    as even as possible, longer lines first (the trapezoid of GB/T 9704 7.3.1)."""
    units = [s for seg in segments for s in ([seg] if text_width(seg) <= width else list(seg))]
    n = len(units)
    for count in range(1, n + 1):
        fitting = []
        for breaks in combinations(range(1, n), count - 1):
            bounds = (0, *breaks, n)
            lines = ["".join(units[a:b]) for a, b in zip(bounds, bounds[1:])]
            widths = [text_width(line) for line in lines]
            if max(widths) <= width:
                fitting.append(((max(widths) - min(widths), [-w for w in widths]), lines))
        if fitting:
            return min(fitting)[1]
    return units  # no units at all: an empty title


def fill(text: str, indicators: dict[str, Indicator]) -> str:
    """Write each {key…} reference as its figure, so the sentence and the figure agree."""
    return REFERENCE.sub(lambda m: phrase(indicators[m[1]], m[2]), text)


def _filled(texts: list[str], indicators: dict[str, Indicator]) -> list[str]:
    return [fill(t, indicators) for t in texts]


def _dash(report: Report, settings: Profile) -> str:
    return report.range_dash or settings.range_dash


def _title_segments(report: Report, settings: Profile) -> list[str]:
    subject, kind = report.subject, report.kind
    if subject.endswith("工作") and kind.startswith("工作"):
        subject = subject[: -len("工作")]
    return [report.office, report.period.label(_dash(report, settings)), subject, kind]


def title_lines(report: Report, settings: Profile = GBT9704) -> list[str]:
    """The title, broken into balanced lines; an explicit title keeps the author's breaks."""
    width = settings.page.title_chars_per_line
    if report.title:
        lines = [line.strip() for line in report.title.splitlines() if line.strip()]
        if len(lines) > 1:
            return lines
        # Break only after punctuation, else anywhere, when one written line is too long.
        return balance_lines(re.findall(r"[^，、：]+[，、：]?", lines[0]), width)
    return balance_lines(_title_segments(report, settings), width)


def subtitle(report: Report, settings: Profile = GBT9704) -> str | None:
    """The report's subtitle, else the profile's, filled in with office, period and year."""
    if report.subtitle or not settings.subtitle:
        return report.subtitle
    period = report.period.label(_dash(report, settings))
    return settings.subtitle.format_map({"office": report.office, "period": period, "year": report.period.start_year})


def lead_in(report: Report, settings: Profile = GBT9704) -> str:
    if report.lead_in:
        return report.lead_in
    subject = report.subject.removesuffix("工作")
    return f"现将{report.period.label(_dash(report, settings))}{subject}工作情况{_KIND_VERB[report.kind]}如下："


def opening(report: Report, settings: Profile, figures: dict[str, Indicator]) -> list[str]:
    """The opening paragraphs, ending with the lead-in unless the author wrote one."""
    paragraphs = _filled(report.opening, figures)
    if report.lead_in is None and paragraphs and _HAS_LEAD_IN.search(paragraphs[-1]):
        return paragraphs
    sentence = lead_in(report, settings)
    if not paragraphs:
        return [sentence]
    last = paragraphs[-1]
    paragraphs[-1] = last + ("" if last[-1] in _SENTENCE_END else "。") + sentence
    return paragraphs


def _enumeration(points: list[str]) -> str | None:
    return enumeration(points) if points else None


def _item_sections(
    items: list[Item], level: int, figures: dict[str, Indicator], enumerate_items: bool = False
) -> list[Section]:
    sections, n = [], 0
    for raw in items:
        item = raw.model_copy(update={
            "title": fill(raw.title, figures) if raw.title else None,
            "body": _filled(raw.body, figures),
            "points": _filled(raw.points, figures),
        })
        points = _enumeration(item.points)
        if enumerate_items and item.title:
            # 一是强化组织领导。正文…… : the title opens the item's first paragraph.
            n += 1
            title = item.title + ("" if item.title[-1] in _SENTENCE_END else "。")
            texts = [*item.body, *([points] if points else [])]
            first = f"{cn_number(n)}是{title}" + (texts[0] if texts else "")
            children = _item_sections(item.items, level + 1, figures)
            sections.append(Section(level, "", "", False, [first, *texts[1:]], children))
            continue
        if not item.title:
            # An untitled item is plain text under its parent: it takes no number.
            sections.append(Section(level, "", "", False, list(item.body), [], points))
            continue
        n += 1
        has_text = bool(item.body or points)
        run_in = item.run_in if item.run_in is not None else has_text and not item.items
        children = _item_sections(item.items, level + 1, figures)
        sections.append(
            Section(level, heading_number(level, n), item.title, run_in and has_text, list(item.body), children, points)
        )
    return sections


def headings(report: Report, settings: Profile = GBT9704) -> PartHeadings:
    """Part headings: the built-in ones, then the profile's, then the report's own."""
    chosen = {name: getattr(settings.headings, name) for name in settings.headings.model_fields_set}
    chosen |= {name: getattr(report.headings, name) for name in report.headings.model_fields_set}
    return PartHeadings(**chosen)


def sections(report: Report, settings: Profile, figures: dict[str, Indicator]) -> list[Section]:
    """Level-1 sections in role order; empty parts are left out and the numbers close up."""
    names = headings(report, settings)
    enumerate_items = settings.numbering.items == "enumeration"
    return [
        Section(
            1,
            heading_number(1, n),
            fill(part.title, figures) if part.title else getattr(names, role),
            False,
            _filled(part.body, figures),
            _item_sections(part.items, 2, figures, enumerate_items),
            _enumeration(_filled(part.points, figures)),
        )
        for n, (role, part) in enumerate(_parts(report), 1)
    ]


def _parts(report: Report) -> list[tuple[str, Part]]:
    return [(role, part) for role in PART_ROLES for part in getattr(report, role) if not part.is_empty]


def table(report: Report, figures: dict[str, Indicator]) -> Table | None:
    """The indicator table, placed after the last part of its role (or of the body)."""
    if report.table is None:
        return None
    keys = report.table.keys or [i.key for i in report.indicators]
    rows = []
    for indicator in (figures[k] for k in keys):
        rows.append(IndicatorRow(
            indicator.name,
            amount(indicator.value, indicator.unit).removesuffix(indicator.unit),  # 11.5万 | 份
            indicator.unit,
            yoy(indicator, prefix="") if indicator.last_year is not None else "—",
            completion_rate(indicator.value, indicator.target) if indicator.target else "—",
        ))
    roles = [role for role, _ in _parts(report)]
    at = [i for i, role in enumerate(roles) if role == report.table.after]
    after = at[-1] if at else (len(roles) - 1 if roles else None)
    return Table(report.table.title, rows, after)


def signoff(report: Report, settings: Profile = GBT9704) -> Signoff:
    """Name two characters in from the right; the date starts two characters right of the
    name's start, and when it is too long for that, the date takes the two-character
    inset and the name moves right (GB/T 9704 7.3.5.2)."""
    name, day = report.signoff or settings.signoff or report.office, cn_date(report.date, settings.date_style)
    name_w, date_w = text_width(name), text_width(day)
    name_indent = 2.0
    date_indent = name_indent + name_w - 2 - date_w
    if date_indent < 2:
        date_indent = 2.0
        name_indent = max(date_indent + date_w + 2 - name_w, 0.0)
    return Signoff(name, day, name_indent, date_indent)


def compose(report: Report, settings: Profile = GBT9704) -> Summary:
    """Derive the printed summary under an office's settings (GB/T 9704 by default)."""
    figures = report.all_indicators()
    return Summary(
        report=report,
        title_lines=title_lines(report, settings),
        subtitle=subtitle(report, settings),
        opening=opening(report, settings, figures),
        sections=sections(report, settings, figures),
        signoff=signoff(report, settings),
        attachments=list(report.attachments),
        closing=_filled(report.closing, figures),
        table=table(report, figures),
    )
