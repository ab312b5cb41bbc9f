"""The body: parts and items numbered as headings (一、（一）1.（1）), gaps closed up, and
points run together as 一是……；二是……。"""

from __future__ import annotations

from ..model import PART_ROLES, Indicator, Item, Part, PartHeadings, PartRole, Report, cn_number, heading_number
from ..office.profile import Profile
from .summary import SENTENCE_END, Section
from .wording import fill, fill_all


def enumeration(points: list[str]) -> str | None:
    """Run points together as summaries do: 一是……；二是……；三是……。

    Points that hold whole sentences of their own are closed with 。 instead of ；.
    """
    if not points:
        return None
    cleaned = [p.strip().rstrip("。；;，,") for p in points]
    separator = "。" if any(mark in p for p in cleaned for mark in "。！？") else "；"
    return separator.join(f"{cn_number(i)}是{p}" for i, p in enumerate(cleaned, 1)) + "。"


def _item_sections(
    items: list[Item], level: int, figures: dict[str, Indicator], enumerate_items: bool = False
) -> list[Section]:
    sections, n = [], 0
    for raw in items:
        title = fill(raw.title, figures) if raw.title else None
        body = fill_all(raw.body, figures)
        points = enumeration(fill_all(raw.points, figures))
        children = _item_sections(raw.items, level + 1, figures)
        if enumerate_items and title:
            # 一是强化组织领导。正文…… : the title opens the item's first paragraph.
            n += 1
            opener = f"{cn_number(n)}是{title}" + ("" if title[-1] in SENTENCE_END else "。")
            texts = [*body, *([points] if points else [])]
            first = opener + (texts[0] if texts else "")
            sections.append(Section(level, "", "", False, [first, *texts[1:]], children))
        elif not title:
            # An untitled item is plain text under its parent: it takes no number.
            sections.append(Section(level, "", "", False, body, [], points))
        else:
            n += 1
            has_text = bool(body or points)
            run_in = raw.run_in if raw.run_in is not None else has_text and not raw.items
            sections.append(Section(level, heading_number(level, n), title, run_in and has_text, body, children, points))
    return sections


def headings(report: Report, settings: Profile) -> PartHeadings:
    """Part headings: the built-in ones, then the profile's, then the report's own."""
    chosen = {name: getattr(settings.headings, name) for name in settings.headings.model_fields_set}
    chosen |= {name: getattr(report.headings, name) for name in report.headings.model_fields_set}
    return PartHeadings(**chosen)


def parts(report: Report) -> list[tuple[PartRole, Part]]:
    """The parts that print, in role order; empty parts are left out."""
    return [(role, part) for role in PART_ROLES for part in getattr(report, role) if not part.is_empty]


def sections(report: Report, settings: Profile, figures: dict[str, Indicator]) -> list[Section]:
    """Level-1 sections in role order, numbered without gaps."""
    names = headings(report, settings)
    enumerate_items = settings.numbering.items == "enumeration"
    return [
        Section(
            1,
            heading_number(1, n),
            fill(part.title, figures) if part.title else getattr(names, role),
            False,
            fill_all(part.body, figures),
            _item_sections(part.items, 2, figures, enumerate_items),
            enumeration(fill_all(part.points, figures)),
        )
        for n, (role, part) in enumerate(parts(report), 1)
    ]
