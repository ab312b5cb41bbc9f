"""A copy of the clerk's Word file with comments on what the proofreader found and the fixes as
tracked changes; every other part of the package (styles, headers, footers, images, numbering)
as it was."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import cast

import docx
from docx.document import Document
from docx.oxml.text.run import CT_R
from docx.text.run import Run

from ...checking.document import Revision
from ...checking.finding import Finding, Place
from ...checking.rule import SEVERITY_NAMES
from ...readers.importing.word import body_items
from ..docx.oxml.elements import Element
from ..docx.oxml.revisions import Revisions
from ..docx.oxml.runs import Cuts, Location
from ..docx.oxml.styles import comment_styles
from .locate import Located, locate

AUTHOR, INITIALS = "civreport", "CR"


@dataclass
class Review:
    """The reviewed file, and what went into it: comments, tracked changes, and the fixes that
    could not be written as changes (on an automatic number, say), written as comments instead."""

    data: bytes
    comments: int = 0
    changes: int = 0
    unplaced: list[Revision] = field(default_factory=list)


@dataclass
class _Edit:
    """One change within a paragraph: characters a to b of the text read become ``new``."""

    a: int
    b: int
    new: str


_JOIN = 2  # characters: changes this close are one change to a reviewer (国小 → 小学, 2024.9.5 → 2024年9月5日)
_ANCHORS = 5  # comments one finding writes at most: a paragraph of traditional characters gets one


def _anchors(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a finding's comments stand: on each place it found (places that touch as one), and a
    finding of many places as one comment over all of them."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged if len(merged) <= _ANCHORS else [(merged[0][0], merged[-1][1])]


def _edits(revision: Revision) -> list[_Edit]:
    old, new = revision.place.text, revision.new
    edits: list[_Edit] = []
    last = (0, 0)  # where the last change ended, in the old text and the new
    for tag, a, b, c, d in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if edits and a - last[0] <= _JOIN:
            edits[-1] = _Edit(edits[-1].a, b, edits[-1].new + new[last[1] : d])
        else:
            edits.append(_Edit(a, b, new[c:d]))
        last = (b, d)
    return edits


def _shown(text: str, edit: _Edit) -> str:
    """An edit as a reviewer reads it, with a character on either side: “1、加” → “1.加”."""
    before, after = text[max(edit.a - 1, 0) : edit.a], text[edit.b : edit.b + 1]
    return f"“{before}{text[edit.a : edit.b]}{after}” → “{before}{edit.new}{after}”"


def _comment_text(finding: Finding) -> str:
    return f"{finding.code} {finding.name}（{SEVERITY_NAMES[finding.severity]}）：{finding.message}"


class _Paragraph:
    """The work to do in one paragraph (or cell): the comments and edits, its runs cut once for all."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.comments: list[tuple[list[Location], str]] = []
        self.edits: list[_Edit] = []

    def whole(self) -> list[Location]:
        return [loc for loc in self.located.shown.at if loc is not None]

    def placeable(self, edit: _Edit) -> bool:
        """Whether Word shows every character the edit replaces, or for an insertion one beside it."""
        at = self.located.at
        if edit.a < edit.b:
            return all(loc is not None for loc in at[edit.a : edit.b])
        return (edit.a < len(at) and at[edit.a] is not None) or (edit.a > 0 and at[edit.a - 1] is not None)

    def _around(self, edit: _Edit) -> tuple[int, int]:
        """The characters whose runs an edit needs of its own: those it replaces, or for an
        insertion the character it goes in before (or, at the end, after)."""
        if edit.a < edit.b:
            return edit.a, edit.b
        return (
            (edit.a, edit.a + 1) if edit.a < len(self.located.at) and self.located.at[edit.a] else (edit.a - 1, edit.a)
        )

    def cuts(self) -> Cuts:
        ranges = [locations for locations, _ in self.comments]
        ranges += [self.located.spans(*self._around(edit)) for edit in self.edits]
        starts: list[Location] = []
        for locations in ranges:
            # Each stretch of characters in one w:t gets runs of its own.
            for t in dict.fromkeys(t for t, _ in locations):
                offsets = [k for u, k in locations if u is t]
                starts += [(t, min(offsets)), (t, max(offsets) + 1)]
        return Cuts(starts)


def reviewed(
    original: bytes,
    findings: Sequence[Finding] = (),
    revisions: Sequence[Revision] = (),
    *,
    now: datetime | None = None,
) -> Review:
    """``original`` (a .docx) with a comment for each of ``findings`` on the characters it is
    about and each of ``revisions`` as tracked changes, by civreport at ``now``; a fix that
    cannot be a tracked change is a comment saying what to change."""
    document = docx.Document(io.BytesIO(original))
    items = list(body_items(document.element.body))
    date = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    work: dict[tuple[int, tuple[int, int] | None, str], _Paragraph | None] = {}

    def paragraph(place: Place) -> _Paragraph | None:
        key = (place.paragraph, place.cell, place.text)
        if key not in work:
            located = locate(items, place)
            work[key] = _Paragraph(located) if located and any(located.shown.at) else None
        return work[key]

    review = Review(b"")
    for finding in findings:
        assert finding.place, "a finding of a source document has its place"
        target = paragraph(finding.place)
        if target:
            for a, b in _anchors(finding.place.spans) or [(0, 0)]:
                target.comments.append((target.located.spans(a, b) or target.whole(), _comment_text(finding)))
    for revision in revisions:
        target = paragraph(revision.place)
        edits = _edits(revision)
        if target and all(target.placeable(edit) for edit in edits):
            target.edits += edits
            continue
        review.unplaced.append(revision)
        if target:
            asked = "；".join(_shown(revision.place.text, edit) for edit in edits)
            target.comments.append(
                (
                    target.whole(),
                    f"{'、'.join(revision.codes)}：这里的修改无法写成修订（落在自动编号等不是正文文字的地方），"
                    f"请手工修改：{asked}",
                )
            )
    changes = Revisions(document.element, AUTHOR, date)
    for target in filter(None, work.values()):
        cuts = target.cuts()
        for locations, text in target.comments:
            runs = list(dict.fromkeys(cuts.run(loc) for loc in locations))
            document.add_comment([_run(runs[0], document), _run(runs[-1], document)], text, AUTHOR, INITIALS)
            review.comments += 1
        for edit in target.edits:
            _change(target.located, cuts, changes, edit)
            review.changes += 1
    if review.comments:
        comment_styles(document)
    out = io.BytesIO()
    document.save(out)
    review.data = out.getvalue()
    return review


def _run(r: Element, document: Document) -> Run:
    return Run(cast(CT_R, r), document)


def _change(located: Located, cuts: Cuts, changes: Revisions, edit: _Edit) -> None:
    """Write one edit as tracked changes: the characters it replaces deleted, its text inserted
    after them (or beside the character where it goes in)."""
    at = located.at
    runs: list[Element] = list(dict.fromkeys(cuts.run(loc) for loc in at[edit.a : edit.b] if loc is not None))
    marks = [changes.delete(run) for run in runs]
    if not edit.new:
        return
    if marks:
        marks[-1].addnext(changes.insert(edit.new, runs[-1]))
    elif edit.a < len(at) and (loc := at[edit.a]) is not None:
        run = cuts.run(loc)
        run.addprevious(changes.insert(edit.new, run))
    else:
        before = at[edit.a - 1]
        assert before is not None
        run = cuts.run(before)
        run.addnext(changes.insert(edit.new, run))
