"""The outline of a document: its numbered headings nested as the numbers run, the text under
each. Typed numbers decide, not the form's nominal level: a document whose second level is 一）
and third (一) nests them so; a number out of sequence is text, not a heading. A number the
format's own list numbering shows (Word's w:numPr) is always a heading or an entry: its list's
levels nest it, else its form's level (一、 1, （一） 2, 1. 3, （1） 4), whatever its count.
Entries no heading stands over and nothing stands under (a bare list at the top) are text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...model.genre import TYPED_NUMBER
from .headings import Marker, marker
from .source import ListNumber, SourceBlock

# The level of a list number in no heading form (①, A., 1.1): an entry of the heading over it.
_ENTRY = 0
_SENTENCE_END = ("。", "；", "！", "？", "…")


@dataclass
class Node:
    """A heading and what stands under it; the root holds what comes before the first."""

    marker: Marker | None
    block: SourceBlock | None  # the heading's paragraph
    content: list[SourceBlock] = field(default_factory=list)  # paragraphs and tables before the first child
    children: list[Node] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The heading's text after its number, and after a second one typed after it (Word's
        1. before a typed 一、: the report numbers its headings)."""
        typed = self.typed_again
        return self._after_number[len(typed) if typed else 0 :].strip()

    @property
    def typed_again(self) -> str | None:
        """A heading number typed after the heading's own (1.一、主要做法), if any."""
        m = TYPED_NUMBER.match(self._after_number)
        return m[0] if m and self._after_number[m.end() :].strip() else None

    @property
    def _after_number(self) -> str:
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
        if block.number is not None:
            follows = blocks[i + 1].number if i + 1 < len(blocks) else None
            _place_listed(stack, Node(_listed(block.number, found), block), _same_level(block.number, follows))
            continue
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
    _unfold_bare_lists(root)
    return root


def _unfold_bare_lists(root: Node) -> None:
    """Entries numbered 1. （1） (or （一）, ①) that open the document with no heading over them
    and nothing under them but, after the last, its text: a bare list, text of the opening with
    its numbers as written, not parts."""
    run = 0
    for node in root.children:
        if not node.marker or node.marker.level == 1 or node.children:
            break
        run += 1
        if node.content:
            break
    if run and all(not n.content for n in root.children[: run - 1]):
        for node in root.children[:run]:
            assert node.block
            root.content += [node.block, *node.content]
        del root.children[:run]


def _listed(number: ListNumber, found: Marker | None) -> Marker:
    """The marker of a list number: its form's, or an entry's when it has no heading form."""
    if found and found.end >= len(number.text.rstrip()):
        return found
    return Marker("list", _ENTRY, 0, len(number.text))


def _same_level(number: ListNumber, other: ListNumber | None) -> bool:
    return other is not None and (other.list, other.ilvl) == (number.list, number.ilvl)


def _level(stack: list[Node], depth: int) -> int:
    """The heading level of an open node: its number's form's, else (a heading by its style, an
    entry) its depth."""
    found = stack[depth].marker
    return found.level if found and found.level != _ENTRY else depth


def _place_listed(stack: list[Node], node: Node, in_run: bool) -> None:
    """Put a paragraph the format numbers into the tree. Within its list, its level there
    nests it: under an open entry of a lower level, after one of its own. Else its form's level
    places it, closing open headings of its level or deeper; but the first of a run of entries
    (the next paragraph is its list's next) closes only entries before it, and stands under a
    heading of its level (a list of 一、 under 一、主要做法), as does a number of no heading form."""
    assert node.block and node.block.number and node.marker
    number, level = node.block.number, node.marker.level
    same_list = False
    for depth in range(len(stack) - 1, 0, -1):
        open_block = stack[depth].block
        open_number = open_block.number if open_block else None
        if open_number and open_number.list == number.list:
            same_list = True
            if open_number.ilvl < number.ilvl:
                break
            del stack[depth:]
    if not same_list and level != _ENTRY:
        while len(stack) > 1 and _level(stack, len(stack) - 1) >= level and (not in_run or _is_entry(stack[-1])):
            stack.pop()
    stack[-1].children.append(node)
    stack.append(node)


def _is_entry(node: Node) -> bool:
    """A list entry: a numbered sentence with nothing under it, not a heading."""
    return not node.content and not node.children and node.text.endswith(_SENTENCE_END)


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
    if found.family == "一、" and any(m is None or m.level in (1, 2) for m in open_markers[1:]):
        return None  # a part opens only at the top: 一、 under a part (or a （一） heading) is text
    if found.family == "一、":
        return 1  # entries 1. （1） before the first part close
    return len(open_markers)
