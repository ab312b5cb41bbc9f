"""The body: parts and items numbered as headings (一、（一）1.（1）), gaps closed up, points
and tables under them."""

from __future__ import annotations

from ..model import Block, Item, Part, PartHeadings, Report, cn_number, heading_number
from ..office.profile import Profile
from .points import point_texts
from .summary import SENTENCE_END, Section, Table


def tables(block: Block) -> list[Table]:
    return [Table(t.title, list(t.header), [list(row) for row in t.rows]) for t in block.tables]


def _texts(block: Block) -> list[str]:
    return [*block.body, *point_texts(block)]


def _item_sections(items: list[Item], level: int, settings: Profile, enumerate_items: bool = False) -> list[Section]:
    sections, n = [], 0
    for item in items:
        title = item.title or ""
        texts = _texts(item)
        children = _item_sections(item.items, level + 1, settings)
        if enumerate_items and title:
            # 一是强化组织领导。正文…… : the title opens the item's first paragraph.
            n += 1
            opener = f"{cn_number(n)}是{title}" + ("" if title[-1] in SENTENCE_END else "。")
            sections.append(
                Section(
                    level, "", "", False, [opener + (texts[0] if texts else ""), *texts[1:]], children, tables(item)
                )
            )
        elif not item.is_heading:
            # An untitled item is plain text under its parent: it takes no number.
            sections.append(Section(level, "", "", False, texts, [], tables(item)))
        else:
            n += 1
            number = heading_number(level, n, settings.numbering.level3)
            run_in = bool(texts) and (not title or item.runs_in)  # 1.对核心区…… : an untitled number runs in
            sections.append(Section(level, number, title, run_in, texts, children, tables(item)))
    return sections


def headings(report: Report, settings: Profile) -> PartHeadings:
    """Part headings: the built-in ones, then the profile's, then the report's own."""
    chosen = {name: getattr(settings.headings, name) for name in settings.headings.model_fields_set}
    chosen |= {name: getattr(report.headings, name) for name in report.headings.model_fields_set}
    return PartHeadings(**chosen)


def part_heading(part: Part, role: str | None, names: PartHeadings) -> str:
    if part.title:
        return part.title
    return getattr(names, role) if role else ""


def sections(report: Report, settings: Profile) -> list[Section]:
    """Level-1 sections in print order, numbered without gaps."""
    names = headings(report, settings)
    enumerate_items = settings.numbering.items == "enumeration"
    return [
        Section(
            1,
            heading_number(1, n),
            part_heading(part, role, names),
            False,
            _texts(part),
            _item_sections(part.items, part.item_level, settings, enumerate_items),
            tables(part),
        )
        for n, (role, part) in enumerate(report.all_parts(), 1)
    ]
