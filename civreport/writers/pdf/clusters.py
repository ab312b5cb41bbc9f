"""A character and the combining marks on it, drawn in one font.

Pango gives each character the first font of its role's stack that has it, so a mark the
role's font lacks is drawn from another font, unattached to its base: the acute of x́ lands
on the next character. Such a character and its marks are set, in the page the PDF is laid
out from, in the first font that draws all of them: the role's font for marks
(:data:`~civreport.office.fonts.MARKS`), its own fonts, the fallbacks (the choice is
:meth:`.fonts.FontPlan.whole`'s, which the Typst PDF makes too).

Such a cluster, and any character the role's first font lacks (drawn by another), is set with
no line height of its own: WeasyPrint made a line holding one as high as that other font's
ascent and descent asked, half a point or more above the page's line pitch, and the page held
21 lines, not the 22 of the DOCX and the Typst PDF.
"""

from __future__ import annotations

from itertools import groupby

from lxml import html as lxml_html

from ...office.fonts import FontRole
from ...office.styles import BODY, StyleTable
from ...rendering.blocks import block_text, has_marks
from ...rendering.css import css_family
from ...rendering.linebreaks import put
from ...rendering.page import Page, parse, serialize
from .fonts import FontPlan, coverage


def _style(element: lxml_html.HtmlElement, styles: StyleTable) -> str:
    """The page style text directly in ``element`` is drawn in: the nearest class of the page's
    styles, or the style its element takes when it names none (see rendering.blocks)."""
    for el in (element, *element.iterancestors()):
        style = next((t for t in (el.get("class") or "").split() if t in styles), None) or styles.default_for(el.tag)
        if style:
            return style
    return BODY


# A span with no height of its own on the line: the line keeps the page's pitch.
_NO_HEIGHT = "line-height: 0"


def _span(text: str, style: str) -> lxml_html.HtmlElement:
    span = lxml_html.Element("span", style=style)
    span.text = text
    return span


def _lacking(text: str, own: frozenset[int]) -> list[str | lxml_html.HtmlElement]:
    """``text`` as texts and spans, each span a run of characters the role's first face lacks."""
    runs = [(lacks, "".join(g)) for lacks, g in groupby(text, lambda c: ord(c) not in own and not c.isspace())]
    return [_span(run, _NO_HEIGHT) if lacks else run for lacks, run in runs]


def _set_whole(text: str, role: FontRole, plan: FontPlan) -> list[str | lxml_html.HtmlElement]:
    """``text`` as texts and spans: each cluster in the one face that draws it, each run of
    characters the role's first face lacks, both without a height of their own."""
    first = plan.primary(role)
    own = coverage(first.file, first.index) if first else None
    parts: list[str | lxml_html.HtmlElement] = []
    for part, face in plan.whole(role, text):
        if face is not None:
            parts.append(_span(part, f"font-family: {css_family(face.family)}; {_NO_HEIGHT}"))
        else:
            parts += _lacking(part, own) if own is not None else [part]
    return parts if isinstance(parts[0], str) else ["", *parts]


def _drawn_by_the_first_faces(page: Page, plan: FontPlan) -> bool:
    """Whether each character of the page is in every role's first face (as on most pages):
    then no text needs a span."""
    plan.read_primaries()
    owns = [coverage(face.file, face.index) for face in map(plan.primary, plan.roles) if face]
    chars = {ord(char) for block in page.blocks for char in block_text(block) if not char.isspace()}
    return all(chars <= own for own in owns)


def whole_clusters(page: Page, plan: FontPlan) -> str:
    """The page for the PDF (``print_html``), each character whose marks its role's fonts
    would draw apart set in one face, and what another face than the role's first draws set
    without a line height of its own."""
    if not has_marks(page.blocks) and _drawn_by_the_first_faces(page, plan):
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
