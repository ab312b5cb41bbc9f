"""A character and the combining marks on it, drawn in one font.

Pango gives each character the first font of its role's stack that has it, so a mark the
role's font lacks is drawn from another font, unattached to its base: the acute of x́ lands
on the next character. Such a character and its marks are set, in the page the PDF is laid
out from, in the first font that draws all of them: the role's font for marks
(:data:`~civreport.office.fonts.MARKS`), its own fonts, the fallbacks (the choice is
:meth:`.fonts.FontPlan.whole`'s, which the Typst PDF makes too).
"""

from __future__ import annotations

from lxml import html as lxml_html

from ...office.fonts import FontRole
from ...office.styles import BODY, StyleTable
from ...rendering.blocks import has_marks
from ...rendering.css import css_family
from ...rendering.linebreaks import put
from ...rendering.page import Page, parse, serialize
from .fonts import FontPlan


def _style(element: lxml_html.HtmlElement, styles: StyleTable) -> str:
    """The page style text directly in ``element`` is drawn in: the nearest class of the page's
    styles, or the style its element takes when it names none (see rendering.blocks)."""
    for el in (element, *element.iterancestors()):
        style = next((t for t in (el.get("class") or "").split() if t in styles), None) or styles.default_for(el.tag)
        if style:
            return style
    return BODY


def _set_whole(text: str, role: FontRole, plan: FontPlan) -> list[str | lxml_html.HtmlElement]:
    """``text`` as texts and spans, each span a cluster in the one face that draws it."""
    parts: list[str | lxml_html.HtmlElement] = []
    for part, face in plan.whole(role, text):
        if face is None:
            parts.append(part)
        else:
            span = lxml_html.Element("span", style=f"font-family: {css_family(face.family)}")
            span.text = part
            parts.append(span)
    return parts if isinstance(parts[0], str) else ["", *parts]


def whole_clusters(page: Page, plan: FontPlan) -> str:
    """The page for the PDF (``print_html``), each character whose marks its role's fonts
    would draw apart set in one face."""
    if not has_marks(page.blocks):
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
            parts = _set_whole(text, page.styles[_style(element, page.styles)].font, plan)
            if len(parts) > 1:
                put(holder, attr, parts)
    return serialize(root)
