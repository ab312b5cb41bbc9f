"""What a report template may write in the page's ``<body>``: the elements every writer prints
alike. The HTML and the PDF show whatever HTML says; the DOCX and the text are written from the
page's blocks. So the body holds only what becomes a block, and text outside a paragraph is
made one:

- paragraphs: ``p`` and ``h1``–``h6``, holding text, ``span`` (a class of the style table) and ``br``;
- tables: ``table`` with ``thead``, ``tbody``, ``tfoot``, ``tr`` and cells ``th``/``td`` holding
  text, ``span`` and ``br``;
- containers: ``div`` and ``section``; text written straight into one (or into ``body``)
  becomes a paragraph of the container's class, wrapped in a ``<p>`` the page then carries;
- attributes: ``class``, ``id``, ``lang``, ``title`` and the ``indent`` macro's ``data-indent-*``.

Anything else (``img``, ``li``, ``b``, ``a``, ``script``, a ``style`` attribute …) would print
in one output and not another, and is refused with the template line that writes it.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from ..errors import TemplateError
from ..office.styles import StyleTable

PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
CONTAINER_TAGS = frozenset({"div", "section"})
TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr"})
CELL_TAGS = frozenset({"th", "td"})
INLINE_TAGS = frozenset({"span", "br"})
ATTRIBUTES = frozenset({"class", "id", "lang", "title", "data-indent-left", "data-indent-right", "data-indent-hanging"})

_ALLOWED = (
    "段落 p、h1–h6 和表格的 th、td（内含文字、span、br），表格 table（thead、tbody、tfoot、tr），容器 div、section"
)


class ContractError(TemplateError):
    """Something in the page that the writers cannot all print; ``pattern`` finds the template
    line that writes it."""

    def __init__(self, pattern: re.Pattern[str], message: str) -> None:
        super().__init__(message)
        self.pattern = pattern


def _excerpt(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())[:20] or f"<{element.tag}>"


def _refuse(element: lxml_html.HtmlElement, what: str) -> ContractError:
    return ContractError(
        re.compile(rf"<{re.escape(str(element.tag))}\b", re.IGNORECASE),
        f"模板在“{_excerpt(element)}”处用了 {what}：页面上只能有{_ALLOWED}，否则 HTML、PDF 与 DOCX 印出的内容不同",
    )


def _attributes(element: lxml_html.HtmlElement) -> None:
    for name in element.attrib:
        if name not in ATTRIBUTES:
            raise ContractError(
                re.compile(rf"<[^>]*\s{re.escape(name)}\b", re.IGNORECASE),
                f"模板在“{_excerpt(element)}”处的 <{element.tag}> 用了属性 {name}：DOCX 无法照样印出；"
                "外观请用样式类（办公室配置的 styles）和 indent 宏",
            )


def _has_text(text: str | None) -> bool:
    return bool(text and text.strip())


def _inline(element: lxml_html.HtmlElement) -> None:
    """The inside of a paragraph or a cell: spans and line breaks."""
    cell = element.tag in CELL_TAGS
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment
        if child.tag not in INLINE_TAGS:
            raise _refuse(child, f"<{child.tag}>（{'表格' if cell else '段落'}里只能有文字、span 和 br）")
        _attributes(child)
        _inline(child)


def _table(element: lxml_html.HtmlElement) -> None:
    """A table's parts and cells; text only inside the cells."""
    structure = [element]  # the table and its parts: no text of their own
    for part in element.iterdescendants():
        if not isinstance(part.tag, str) or any(a.tag in CELL_TAGS for a in part.iterancestors()):
            continue  # a comment, or what a cell holds (checked with the cell)
        _attributes(part)
        if part.tag in CELL_TAGS:
            _inline(part)
        elif part.tag in TABLE_PARTS:
            structure.append(part)
        else:
            raise _refuse(part, f"<{part.tag}>（表格里只能有 thead、tbody、tfoot、tr、th、td）")
    loose = [t for node in structure for t in (node.text, *(child.tail for child in node)) if _has_text(t)]
    if loose:
        raise ContractError(
            re.compile(r"<table\b", re.IGNORECASE),
            f"模板在表格中单元格之外写了文字“{loose[0].strip()[:20]}”：文字要写在 th 或 td 里",
        )


def _wrapped(
    nodes: list[str | lxml_html.HtmlElement], container: lxml_html.HtmlElement, styles: StyleTable
) -> lxml_html.HtmlElement:
    """Loose text and inline elements as one ``<p>`` of the container's class."""
    paragraph = lxml_html.Element("p")
    own = (container.get("class") or "").split()
    if len(own) == 1 and own[0] in styles and styles.default_for("p") != own[0]:
        paragraph.set("class", own[0])
    last: lxml_html.HtmlElement | None = None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                paragraph.text = (paragraph.text or "") + node
            else:
                last.tail = (last.tail or "") + node
        else:
            paragraph.append(node)
            last = node
    return paragraph


def _container(element: lxml_html.HtmlElement, styles: StyleTable) -> None:
    """Check a container's blocks, and make a paragraph of text written straight into it."""
    nodes: list[str | lxml_html.HtmlElement] = [element.text or ""]
    for child in element:
        nodes.append(child)
        nodes.append(child.tail or "")
        child.tail = None
    element.text = None
    for child in list(element):
        element.remove(child)
    loose: list[str | lxml_html.HtmlElement] = []

    def flush() -> None:
        if any(
            _has_text(n)
            if isinstance(n, str)
            else isinstance(n.tag, str) and (n.tag == "br" or _has_text(n.text_content()))
            for n in loose
        ):
            element.append(_wrapped(loose, element, styles))
        # White space between blocks stays where it was (the last child found from the end:
        # len() counts every child, which made a page of many blocks quadratic).
        elif (last := next(element.iterchildren(reversed=True), None)) is not None:
            last.tail = (last.tail or "") + "".join(n for n in loose if isinstance(n, str))
        else:
            element.text = "".join(n for n in loose if isinstance(n, str))
        loose.clear()

    for node in nodes:
        if isinstance(node, str) or not isinstance(node.tag, str) or node.tag in INLINE_TAGS:
            if not isinstance(node, str) and isinstance(node.tag, str):
                _attributes(node)
                _inline(node)
            loose.append(node)
            continue
        flush()
        element.append(node)
        if node.tag not in PARAGRAPH_TAGS | CONTAINER_TAGS | {"table"}:
            raise _refuse(node, f"<{node.tag}>")
        _attributes(node)
        if node.tag in PARAGRAPH_TAGS:
            _inline(node)
        elif node.tag == "table":
            _table(node)
        else:
            _container(node, styles)
    flush()


def enforce(body: lxml_html.HtmlElement, styles: StyleTable) -> None:
    """Hold the page's body to the contract above: refuse what a writer could not print, and
    wrap loose text in paragraphs."""
    _container(body, styles)
