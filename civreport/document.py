"""Read the rendered HTML back as a flat list of blocks and runs.

This is the document tree the non-HTML writers share: the DOCX writer turns each block
into a paragraph, the font check walks the same text the PDF will draw. Only the classes
that the templates document are meaningful; any other element contributes its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html as lxml_html

# Rendered pages are UTF-8 whether or not a template declares it.
UTF8 = lxml_html.HTMLParser(encoding="utf-8")

BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p"}
KEEP_TOGETHER = {"signoff", "attachments"}


@dataclass(frozen=True)
class Run:
    """Text with one look: ``style`` is the class of its ``<span>``, ``None`` for the block's own."""

    text: str
    style: str | None = None
    line_break: bool = False  # a <br>: the run is a line break, its text empty


@dataclass(frozen=True)
class Block:
    """A paragraph of the document, named by its template class (``body``, ``heading-1`` …)."""

    style: str
    runs: list[Run]
    attrs: dict[str, str] = field(default_factory=dict)
    group: str | None = None  # a KEEP_TOGETHER container the block sits in
    rows: list[list[str]] | None = None  # a <table>: the text of each cell, header row first

    @property
    def text(self) -> str:
        return "".join("\n" if r.line_break else r.text for r in self.runs)


@dataclass(frozen=True)
class Document:
    title: str
    meta: dict[str, str]
    blocks: list[Block]


def _runs(element: lxml_html.HtmlElement) -> list[Run]:
    runs: list[Run] = []

    def add(text: str | None, style: str | None) -> None:
        if text:
            runs.append(Run(text, style))

    def walk(el: lxml_html.HtmlElement, style: str | None) -> None:
        add(el.text, style)
        for child in el:
            if child.tag == "br":
                runs.append(Run("", style, line_break=True))
            else:
                walk(child, child.get("class") or style)
            add(child.tail, style)

    walk(element, None)
    return runs


def parse(page: str) -> Document:
    root = lxml_html.document_fromstring(page.encode("utf-8"), parser=UTF8)
    blocks: list[Block] = []

    def walk(el: lxml_html.HtmlElement, group: str | None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions
            if child.tag in BLOCK_TAGS:
                attrs = {k: v for k, v in child.attrib.items() if k.startswith("data-")}
                blocks.append(Block(child.get("class") or "body", _runs(child), attrs, group))
            elif child.tag == "table":
                rows = [[cell.text_content().strip() for cell in row.iter("th", "td")] for row in child.iter("tr")]
                blocks.append(Block(child.get("class") or "table", [], {}, group, rows))
            elif child.tag not in ("script", "style", "template"):
                css_class = child.get("class")
                walk(child, css_class if css_class in KEEP_TOGETHER else group)

    body = root.find("body")
    if body is not None:
        walk(body, None)
    meta = {m.get("name"): m.get("content", "") for m in root.iter("meta") if m.get("name")}
    title_el = root.find(".//title")
    return Document(title_el.text_content() if title_el is not None else "", meta, blocks)
