"""The outline of a document: its numbered headings nested as the numbers run, the text under
each. Numbers decide, not the form's nominal level: a document whose second level is 一） and
third (一) nests them so; a number out of sequence is text, not a heading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .headings import Marker, marker
from .source import SourceBlock


@dataclass
class Node:
    """A heading and what stands under it; the root holds what comes before the first."""

    marker: Marker | None
    block: SourceBlock | None  # the heading's paragraph
    content: list[SourceBlock] = field(default_factory=list)  # paragraphs and tables before the first child
    children: list[Node] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The heading's text after its number."""
        assert self.block
        return self.block.text[self.marker.end if self.marker else 0 :].strip()


def _bare_runs(blocks: list[SourceBlock]) -> set[int]:
    """The paragraphs that open with a bracketless number (一加强领导，…) in a run 一 二 三 … of
    two or more that no numbered part heading interrupts: only these are headings."""
    accepted: set[int] = set()
    run: list[int] = []
    for i, block in enumerate(blocks):
        found = marker(block.text) if block.rows is None else None
        if found is None:
            continue
        if found.family == "一、":
            run = []
        elif found.bare:
            expected = len(run) + 1
            if found.number == expected:
                run.append(i)
            elif found.number == 1:
                run = [i]
            if len(run) >= 2:
                accepted.update(run)
    return accepted


def outline(blocks: list[SourceBlock], levels: dict[int, int] | None = None) -> Node:
    """The heading tree of ``blocks``. ``levels`` gives the heading level a format's styles
    state for some paragraphs (their index → 1–4), which places a heading without a number."""
    root = Node(None, None)
    stack: list[Node] = [root]
    bare = _bare_runs(blocks)
    for i, block in enumerate(blocks):
        found = marker(block.text) if block.rows is None else None
        if found and found.bare and i not in bare:
            found = None
        if found and (keep := placement([node.marker for node in stack], found)) is not None:
            del stack[keep:]
            node = Node(found, block)
            stack[-1].children.append(node)
            stack.append(node)
            continue
        if levels and i in levels and block.rows is None:
            # A heading by its style alone (Heading 2 with no number): nest it by that level.
            depth = min(levels[i], len(stack))
            del stack[depth:]
            node = Node(None, block)
            stack[-1].children.append(node)
            stack.append(node)
            continue
        stack[-1].content.append(block)
    return root


def placement(open_markers: Sequence[Marker | None], found: Marker) -> int | None:
    """Where a numbered heading goes among the open ones (``open_markers``: the root's None,
    then each open heading's marker, outermost first): how many of them stay open, the last
    being its parent. It is the next sibling of an open heading of its form, or the first child
    of the innermost one; None when its number fits nowhere (it is text)."""
    for depth in range(len(open_markers) - 1, 0, -1):
        open_marker = open_markers[depth]
        if open_marker and open_marker.family == found.family:
            return depth if found.number == open_marker.number + 1 else None
    if found.number != 1:
        # A damaged form among its level's siblings: (一) then 二) then （三）.
        for depth in range(len(open_markers) - 1, 0, -1):
            open_marker = open_markers[depth]
            if open_marker and open_marker.level == found.level and found.number == open_marker.number + 1:
                return depth
        return None
    if found.family == "一、" and len(open_markers) > 1:
        return None  # a part opens only at the top
    return len(open_markers)
