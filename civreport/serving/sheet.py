"""The preview shown at once: the page's blocks as the HTML writer writes them, each marked with
the fields its text comes from, for the editor to put in place of the blocks an edit changed
while the PDF's pages are drawn (a few milliseconds for a block; the PDF takes seconds on a long
report). The blocks are the page's own, so they hold what the download will; only the line and
page breaks wait for the PDF."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import html as lxml_html

from ..model.walk import FieldText
from ..rendering.blocks import Block, Paragraph, Table, read_blocks
from ..rendering.page import Page, parse

# The page's stylesheet names the document's ``html`` and ``body``; in the preview's shadow tree
# those are the tree's host and the <article> that holds the blocks.
_ROOTS = {"html": ":host", "body": "article"}
_ROOT_SELECTOR = re.compile(r"(?<![\w.#:-])(html|body)(?![\w-])")
_WHITE = re.compile(r"\s+")
_IN_TABLES = frozenset({"header", "cell", "name"})  # texts printed in a table's cells (an indicator's name)
_PREFIX = 8  # characters of a text that find its block when the page prints it changed (a 。 added)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # an indicator's figure, printed as its value


@dataclass(frozen=True)
class Sheet:
    """The page for the preview pane: its stylesheet, for a shadow tree whose host is the sheet
    of paper ``width`` millimetres wide (for the pane to scale it without measuring it), and its blocks in reading order, each an element's HTML with ``data-paths``: the
    field paths of its text (as the form names its fields), space-separated."""

    css: str
    width: float
    blocks: tuple[str, ...]


def sheet(page: Page, texts: Sequence[FieldText]) -> Sheet:
    """The blocks of ``page`` marked with the fields of ``texts`` (the report's, in reading order)."""
    root = parse(page.html)
    body = root.find("body")
    found = read_blocks(body, page.styles, page.layout) if body is not None else []
    paths = _paths([block for _, block in found], texts)
    blocks = []
    for (element, _), at in zip(found, paths):
        element.tail = None
        element.set("data-paths", " ".join(at))
        blocks.append(str(lxml_html.tostring(element, encoding="unicode", method="html")))
    return Sheet(_stylesheet(root, page), page.layout.page_width_mm, tuple(blocks))


def _stylesheet(root: lxml_html.HtmlElement, page: Page) -> str:
    layout = page.layout
    paper = (
        f":host {{ box-sizing: border-box; width: {layout.page_width_mm}mm;"
        f" padding: {layout.margin_top_mm}mm {layout.margin_outer_mm}mm {layout.margin_bottom_mm}mm"
        f" {layout.margin_inner_mm}mm; background: #fff; color: #000; text-align: left; }}\n"
    )
    own = "\n".join(style.text or "" for style in root.iter("style"))
    return paper + _ROOT_SELECTOR.sub(lambda m: _ROOTS[m[1]], own)


def _key(text: str) -> str:
    return _WHITE.sub("", text)


def _text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "".join(cell.text for row in block.rows for cell in row)


def _paths(blocks: Sequence[Block], texts: Sequence[FieldText]) -> list[list[str]]:
    """For each block, the fields whose text it prints: a text is looked for from the block of the
    text before it on (the page prints them in reading order, a frame's corner or the indicator
    table aside), then from the top, a cell's among the tables and the rest among the paragraphs;
    a text the page prints changed (a number before it, a 。 after, its figures filled in) by the
    first characters of its longest stretch outside ``{figures}``."""
    keys = [_key(_text(block)) for block in blocks]
    out: list[list[str]] = [[] for _ in blocks]
    at = 0
    for field in texts:
        wanted = _key(field.text)
        if not wanted:
            continue
        order = [
            i for i in (*range(at, len(keys)), *range(at)) if (field.kind in _IN_TABLES) == isinstance(blocks[i], Table)
        ]
        found = next((i for i in order if wanted in keys[i]), None)
        if found is None:
            piece = max(_PLACEHOLDER.split(wanted), key=len)[:_PREFIX]
            found = next((i for i in order if piece and piece in keys[i]), None)
        if found is not None:
            out[found].append(field.path)
            at = found
    return out
