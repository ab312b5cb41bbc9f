"""A character and the combining marks on it, drawn in one font.

Pango gives each character the first font of its role's stack that has it, so a mark the
role's font lacks is drawn from another font, unattached to its base: the acute of x́ lands
on the next character. Such a character and its marks are set, in the page the PDF is laid
out from, in the first font that draws all of them: the role's font for marks
(:data:`~civreport.office.fonts.MARKS`), its own fonts, the fallbacks.
"""

from __future__ import annotations

import unicodedata

from lxml import html as lxml_html

from ...model.text import is_mark, marked
from ...office.styles import BODY, StyleTable
from ...rendering.blocks import block_text
from ...rendering.css import css_family
from ...rendering.linebreaks import put
from ...rendering.page import Page, parse, serialize
from .fonts import Face, FontPlan, coverage


def _draws(face: Face, text: str) -> bool:
    own = coverage(face.file, face.index)
    return all(ord(char) in own for char in text)


def _in_order(cluster: str) -> bool:
    """Whether the marks after the character need not go between its own (ë with a mark
    below: HarfBuzz takes the ë apart to reorder them, and WeasyPrint's text layer copies
    the pieces of one character as U+FFFD)."""
    return unicodedata.normalize("NFD", cluster) == unicodedata.normalize("NFD", cluster[0]) + cluster[1:]


def _one_face(cluster: str, stack: tuple[Face, ...], marks: tuple[Face, ...]) -> Face | None:
    """The face to draw ``cluster`` in where the first of its role's ``stack`` cannot: the
    first of ``marks`` and the stack that draws all of it (the CJK fonts that would draw it
    all set the marks beside their letter)."""
    if (stack and _draws(stack[0], cluster)) or not _in_order(cluster):
        return None
    return next((face for face in (*marks, *stack) if _draws(face, cluster)), None)


def _style(element: lxml_html.HtmlElement, styles: StyleTable) -> str:
    """The page style text directly in ``element`` is drawn in: the nearest class of the page's
    styles, or the style its element takes when it names none (see rendering.blocks)."""
    for el in (element, *element.iterancestors()):
        style = next((t for t in (el.get("class") or "").split() if t in styles), None) or styles.default_for(el.tag)
        if style:
            return style
    return BODY


def _set_whole(text: str, stack: tuple[Face, ...], marks: tuple[Face, ...]) -> list[str | lxml_html.HtmlElement]:
    """``text`` as texts and spans, each span a cluster in the one face that draws it."""
    parts: list[str | lxml_html.HtmlElement] = []
    last = 0
    for start, end in marked(text):
        face = _one_face(text[start:end], stack, marks)
        if face is not None:
            span = lxml_html.Element("span", style=f"font-family: {css_family(face.family)}")
            span.text = text[start:end]
            parts += [text[last:start], span]
            last = end
    return [*parts, text[last:]]


def whole_clusters(page: Page, plan: FontPlan) -> str:
    """The page for the PDF (``print_html``), each character whose marks its role's fonts
    would draw apart set in one face."""
    chars: set[str] = set()
    for block in page.blocks:
        chars.update(block_text(block))
    if not any(map(is_mark, chars)):
        return page.print_html
    root = parse(page.print_html)
    body = root.find("body")
    for node in list(body.iter()) if body is not None else ():
        holders = [(node, "text")] if isinstance(node.tag, str) else []
        if node is not body:
            holders.append((node, "tail"))
        for holder, attr in holders:
            text = getattr(holder, attr)
            if not text:
                continue
            element = holder if attr == "text" else holder.getparent()
            role = page.styles[_style(element, page.styles)].font
            marks = (plan.marks[role],) if role in plan.marks else ()
            parts = _set_whole(text, (*plan.roles[role], *plan.fallback), marks)
            if len(parts) > 1:
                put(holder, attr, parts)
    return serialize(root)
