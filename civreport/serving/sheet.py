"""The preview shown at once: the page's blocks as the HTML writer writes them, each with the
``data-path`` of the fields it prints (civreport.rendering.sources), for the editor to put in
place of the blocks an edit changed while the PDF's pages are drawn (a few milliseconds for a
block; the PDF takes seconds on a long report). The blocks are the page's own, so they hold what
the download will; only the line and page breaks wait for the PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from ..rendering.blocks import read_blocks
from ..rendering.page import Page, parse

# The page's stylesheet names the document's ``html`` and ``body``; in the preview's shadow tree
# those are the tree's host and the <article> that holds the blocks.
_ROOTS = {"html": ":host", "body": "article"}
_ROOT_SELECTOR = re.compile(r"(?<![\w.#:-])(html|body)(?![\w-])")


@dataclass(frozen=True)
class Sheet:
    """The page for the preview pane: its stylesheet, for a shadow tree whose host is the sheet
    of paper ``width`` millimetres wide (for the pane to scale it without measuring it), and its
    blocks' HTML in reading order."""

    css: str
    width: float
    blocks: tuple[str, ...]


def sheet(page: Page) -> Sheet:
    """The blocks of ``page`` and its stylesheet, for the preview's sheet."""
    root = parse(page.html)
    body = root.find("body")
    found = read_blocks(body, page.styles, page.layout) if body is not None else []
    blocks = []
    for element, _ in found:
        element.tail = None
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
