"""Proofreading a source document (a Word, text or web file) where the clerk wrote it: each
paragraph is checked as the importer read it, before it was cleaned, and a finding names the
paragraph (and the characters) of the original, not a field of an input file the clerk never saw.

What a paragraph is (title, heading, body text, table cell) and which part it stands in come
from the importer's outline of the document; the report the importer recognised in it gives
what the rules compare against (its period, its date) and what whole-report rules read."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..model import PartRole, Report
from ..model.genre import role_of
from ..model.walk import FieldText, TextKind
from ..readers.importing import ImportResult, SourceBlock
from ..readers.importing.articles import split_articles
from ..readers.importing.outline import Node, outline
from .finding import Finding, Place
from .proofreader import active, fix_text, hits, severity
from .rule import House, RuleSetting

_RUN_IN = re.compile(r"[。！？](?=.)")  # （一）强化组织领导。成立……: the heading's text runs on after it
_PART = re.compile(r"^parts\[(\d+)\]")


@dataclass(frozen=True)
class Revision:
    """A paragraph (or cell) of the source document as the fixable findings in it would have it."""

    place: Place
    new: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class DocumentCheck:
    """What the proofreader found in a source document, and the fixes it would make there."""

    findings: list[Finding]
    revisions: list[Revision] = field(default_factory=list)


@dataclass
class _Text:
    place: Place
    field: FieldText


def _dropped(result: ImportResult) -> set[tuple[int, str]]:
    """The lines the importer dropped whole (website noise, a document's red header): not the
    clerk's text, not checked."""
    return {(drop.line, drop.text) for r in (result, *result.more) for drop in r.drops}


def _title_blocks(blocks: list[SourceBlock], report: Report, data: Mapping[str, object]) -> int:
    """How many of the first blocks hold the document's title (a title set over two lines, a
    website's 【完整版】 after it)."""
    title = data.get("title")
    left = re.sub(r"\s", "", title if isinstance(title, str) else report.composed_title())
    count = 0
    for block in blocks[:3]:
        text = re.sub(r"\s", "", block.text)
        if not left or block.rows is not None or not text or not (left.startswith(text) or text.startswith(left)):
            break
        left, count = left[len(text) :], count + 1
    return count


def _kind(node: Node) -> TextKind:
    """A heading on a line of its own (or in a heading style); else a numbered paragraph: a
    heading its text runs on after, or a numbered sentence with nothing under it."""
    assert node.block
    if node.block.level or (not _RUN_IN.search(node.text) and (node.content or node.children)):
        return "heading"
    return "numbered"


Unit = Literal["段", "行"]


class _Reader:
    """The texts of one article of the document, each with its place and what it is."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.texts: list[_Text] = []
        self.parts: list[tuple[str, Place]] = []  # each top-level heading's text and place

    def add(self, block: SourceBlock, kind: TextKind, role: PartRole | None, titles: tuple[str, ...]) -> None:
        if block.rows is None:
            self._text(Place(block.line, block.text, self.unit), kind, role, titles)
            return
        for r, row in enumerate(block.rows, 1):
            for c, cell in enumerate(row, 1):
                if cell.strip():
                    self._text(Place(block.line, cell, self.unit, (r, c)), "cell", role, titles)

    def _text(self, place: Place, kind: TextKind, role: PartRole | None, titles: tuple[str, ...]) -> None:
        # A text box or a note is read after its paragraph, at its number: each text its own path.
        path = _path(place)
        same = sum(1 for t in self.texts if t.place.paragraph == place.paragraph and t.place.cell == place.cell)
        path += f"#{same + 1}" if same else ""
        self.texts.append(_Text(place, FieldText(path, place.text, kind, role, titles)))

    def content(self, blocks: Sequence[SourceBlock], role: PartRole | None, titles: tuple[str, ...]) -> None:
        for block in blocks:
            # A heading by its style alone (Heading 2 with no number) stands on its own line.
            self.add(block, "heading" if block.level and block.rows is None else "paragraph", role, titles)

    def node(self, node: Node, role: PartRole | None, titles: tuple[str, ...]) -> None:
        assert node.block
        if not titles:
            role = role_of(node.text.split("。")[0])
            self.parts.append((node.text, Place(node.block.line, node.block.text, self.unit)))
        titles = (*titles, node.text)
        self.add(node.block, _kind(node), role, titles[:-1])
        self.content(node.content, role, titles)
        for child in node.children:
            self.node(child, role, titles)


def _path(place: Place) -> str:
    return f"paragraph[{place.paragraph}]" + (f".cell[{place.cell[0]}][{place.cell[1]}]" if place.cell else "")


def _articles(result: ImportResult) -> Iterator[tuple[ImportResult, list[SourceBlock]]]:
    dropped = _dropped(result)
    kept = [b for b in result.blocks if b.rows is not None or (b.line, b.text) not in dropped]
    articles, _, _ = split_articles(kept)
    yield from zip((result, *result.more), articles)


def proofread_document(
    result: ImportResult,
    file: str,
    unit: Unit = "段",
    house: House | None = None,
    settings: Mapping[str, RuleSetting] | None = None,
) -> DocumentCheck:
    """What the proofreader finds in a source document the importer read (``result``), each at
    the paragraph of ``file`` it is in, with the characters found; and the fixable ones as the
    paragraphs would read fixed. ``unit``: 段 for a Word file's paragraphs, 行 for a text file's
    lines."""
    house, settings = house or House(), settings or {}
    rules = active(settings, documents=True)
    findings: list[Finding] = []
    revisions: list[Revision] = []
    for article, blocks in _articles(result):
        report = article.report
        reader = _Reader(unit)
        count = _title_blocks(blocks, report, article.data)
        for block in blocks[:count]:
            reader.add(block, "doc_title", None, ())
        tree = outline(blocks[count:])
        reader.content(tree.content, None, ())
        for child in tree.children:
            reader.node(child, None, ())
        places = {text.field.path: text.place for text in reader.texts}
        found: list[Finding] = []
        for rule, text, hit in hits(report, [t.field for t in reader.texts], house, rules):
            place = places[text.path] if text else _place_of_part(hit.path, report, reader)
            if place is None:
                continue
            at = replace(place, spans=hit.spans if text else ())
            path = text.path if text else _path(at)
            found.append(Finding(rule.code, severity(rule, settings), hit.message, path, None, file, rule.fixable, at))
        findings += sorted(found, key=lambda f: _order(f.place))
        revisions += _revisions(found, report, house)
    return DocumentCheck(findings, revisions)


def _order(place: Place | None) -> tuple[int, tuple[int, int]]:
    assert place is not None
    return place.paragraph, place.cell or (0, 0)


def _place_of_part(path: str, report: Report, reader: _Reader) -> Place | None:
    """Where a finding about a part (``parts[1]``) is: that part's heading; a finding about the
    whole report is at the document's first paragraph."""
    m = _PART.match(path)
    if m and int(m[1]) < len(report.parts):
        title = report.parts[int(m[1])].title or ""
        for text, place in reader.parts:
            if title and text.startswith(title):
                return place
        if int(m[1]) < len(reader.parts):  # the title converted to simplified characters: by its order
            return reader.parts[int(m[1])][1]
    return reader.texts[0].place if reader.texts else None


def _revisions(found: list[Finding], report: Report, house: House) -> list[Revision]:
    """Each paragraph or cell with fixable findings, as their fixes would have it."""
    codes: dict[tuple[int, tuple[int, int] | None, str], tuple[Place, set[str]]] = {}
    for finding in found:
        if finding.fixable and finding.place:
            key = (finding.place.paragraph, finding.place.cell, finding.place.text)
            codes.setdefault(key, (finding.place, set()))[1].add(finding.code)
    out = []
    for place, rules in codes.values():
        new = fix_text(place.text, rules, report, house)
        if new != place.text:
            out.append(Revision(replace(place, spans=()), new, tuple(sorted(rules))))
    return out
