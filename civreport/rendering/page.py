"""The page: the one rendered document that every writer writes.

A summary is rendered through the report template once; the result is read once into
blocks (for the DOCX writer and the glyph check) and metadata, dressed with what the
template stated only as data (indents, column widths), and serialized twice: as the HTML
page, and as the same page with line-break hints and long texts cut into runs for layout
engines (the PDF), its stylesheets apart where they can be.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from lxml import html as lxml_html
from markupsafe import Markup

from ..compose import Summary
from ..errors import TemplateError
from ..model.text import XML_ILLEGAL
from ..office.fonts import FontChoice, FontRole, as_list, docx_names
from ..office.layout import TWIPS, Layout
from ..office.profile import PdfEngine, PdfEngineChoice, PerProfile, Profile
from ..office.styles import Style, StyleTable
from .blocks import INDENT_SIDES, Block, Paragraph, Table, read_blocks
from .context import plain
from .contract import ContractError, enforce
from .css import TEXT_ALIGN, UNNUMBERED_PAGE, font_stacks
from .frame import place_foot, set_head
from .keeps import keep
from .linebreaks import hint
from .runs import cut_long_runs
from .sources import field_paths
from .templating import REPORT_TEMPLATE, STYLESHEET, loaded_templates, render_template, shipped_templates

# Rendered pages are UTF-8 whether or not a template declares it.
_UTF8 = lxml_html.HTMLParser(encoding="utf-8")


@dataclass(frozen=True)
class PageMeta:
    """What the page's ``<head>`` says about the document (PDF and DOCX properties)."""

    title: str
    author: str
    subject: str
    created: date | None
    generator: str = ""  # the application that made it (<meta name="generator">): the PDF's Creator


@dataclass(frozen=True)
class Page:
    """One rendered summary, and everything a writer needs to write it."""

    html: str  # the page as the HTML writer writes it
    print_html: str  # the same with line-break hints and long texts in runs, for layout engines (the PDF)
    print_css: tuple[str, ...]  # print_html's stylesheets, when taken out of it (see _lift_stylesheets)
    blocks: tuple[Block, ...]
    meta: PageMeta
    layout: Layout
    styles: StyleTable
    pdf_fonts: tuple[tuple[FontRole, tuple[str, ...]], ...]  # files or families per role, first choice first
    docx_fonts: tuple[tuple[FontRole, str], ...]  # the names the DOCX asks for
    resources: tuple[Path, ...]  # the template directories: the only places the page may load files from
    pdf_a: bool  # the PDF is written as PDF/A-2b, for archives (the profile's pdf_a)
    pdf_engine: PdfEngine  # what lays its PDF out (the profile's pdf_engine, ``auto`` resolved: see _engine)
    styled: bool  # the office's templates bring stylesheets of their own, which only WeasyPrint reads


def _breaks(block: Paragraph, style: Style) -> list[str]:
    """How page breaks treat the paragraph where its class says otherwise (a class that
    keeps with the next block is also kept whole), and its line pitch, in CSS: what the
    DOCX writer states in the paragraph's properties."""
    rules = []
    if block.keep_next != style.keep_next:
        rules.append(f"break-after: {'avoid' if block.keep_next else 'auto'}")
    if block.whole != style.keep_next:
        rules.append(f"break-inside: {'avoid' if block.whole else 'auto'}")
    if block.two_lines:
        rules.append("orphans: 2; widows: 2")
    if block.line_twips is not None:
        pitch = f"{block.line_twips / TWIPS}pt"
        rules.append(f"line-height: {pitch}" + (f"; height: {pitch}" if style.spacer else ""))
    if block.size_pt is not None:
        rules.append(f"font-size: {block.size_pt}pt")
    if block.break_before:
        # Two: the next even page (only a document printed on both sides asks for it).
        rules.append(f"break-before: {'left' if block.break_before > 1 else 'page'}")
    if block.unnumbered:
        rules.append(f"page: {UNNUMBERED_PAGE}")
    return rules


def _dress(element: lxml_html.HtmlElement, block: Block, styles: StyleTable, layout: Layout) -> None:
    """State what the template gave as data in CSS, for the HTML and the PDF."""
    if isinstance(block, Paragraph) and block.indent is not None:
        pitch, indent = layout.char_pitch_pt, block.indent
        rules = [f"margin-left: {indent.left * pitch:.2f}pt", f"margin-right: {indent.right * pitch:.2f}pt"]
        if indent.hanging:  # otherwise the first line keeps its class's indent
            rules.append(f"text-indent: {-indent.hanging * pitch:.2f}pt")
        element.set("style", "; ".join(rules))
        for side in INDENT_SIDES:
            element.attrib.pop(f"data-indent-{side}", None)
    if isinstance(block, Paragraph):
        rules = [r for r in (element.get("style"), *_breaks(block, styles[block.style])) if r]
        if rules:
            element.set("style", "; ".join(rules))
    elif isinstance(block, Table):
        columns = lxml_html.Element("colgroup")
        for width in block.widths:
            columns.append(lxml_html.Element("col", style=f"width: {width * 100:.2f}%"))
        element.insert(0, columns)
        rules = [f"line-height: {block.line_twips / TWIPS}pt"] if block.line_twips is not None else []
        if block.size_pt is not None:
            rules.append(f"font-size: {block.size_pt}pt")
        for cell in element.iter("td", "th") if rules else ():
            cell.set("style", "; ".join(rules))


def _meta(root: lxml_html.HtmlElement) -> PageMeta:
    meta = {m.get("name"): m.get("content", "") for m in root.iter("meta") if m.get("name")}
    title = root.find(".//title")
    created = meta.get("dcterms.created", "")[:10]
    try:
        day = date.fromisoformat(created) if created else None
    except ValueError:
        raise TemplateError(f"模板的 dcterms.created 不是日期：{created}") from None
    return PageMeta(
        title.text_content() if title is not None else "",
        meta.get("author", ""),
        meta.get("description", ""),
        day,
        meta.get("generator", ""),
    )


def _lift_stylesheets(root: lxml_html.HtmlElement) -> tuple[str, ...]:
    """Take the page's stylesheets out of it when they are all plain ``<style>`` elements, in
    document order: pages of one office carry the same stylesheets, which a layout engine
    can then parse once for all of them instead of once a page (the PDF writer does). A page
    that links a stylesheet or qualifies a ``<style>`` (``media``, ``type``) keeps them all,
    so that their cascade stays the document's."""
    styles = list(root.iter("style"))
    if _linked(root) or any(style.attrib for style in styles):
        return ()
    for style in styles:
        style.drop_tree()
    return tuple(style.text or "" for style in styles)


# Where a template writes a stylesheet (the body may hold none, see :mod:`.contract`).
STYLESHEET_TAG = re.compile(r"<(style|link)\b", re.IGNORECASE)


def _linked(root: lxml_html.HtmlElement) -> bool:
    return any("stylesheet" in (link.get("rel") or "").lower().split() for link in root.iter("link"))


def _styled(root: lxml_html.HtmlElement, shipped: str) -> bool:
    """Whether the page carries a stylesheet other than the shipped one: a linked one, or a
    ``<style>`` an office's template writes."""
    return _linked(root) or any((style.text or "").strip() != shipped.strip() for style in root.iter("style"))


def _engine(choice: PdfEngineChoice, styled: bool) -> PdfEngine:
    """The engine that lays the PDF out: ``auto`` is Typst, some 12× faster with the same lines
    and pages, unless the page has a stylesheet of the office's own, which Typst cannot read."""
    if choice != "auto":
        return choice
    return "weasyprint" if styled else "typst"


def parse(html: str) -> lxml_html.HtmlElement:
    """A page's HTML as a tree, read as UTF-8."""
    return lxml_html.document_fromstring(html.encode("utf-8"), parser=_UTF8)


def serialize(root: lxml_html.HtmlElement) -> str:
    return "<!DOCTYPE html>\n" + str(lxml_html.tostring(root, encoding="unicode", method="html"))


def page_context(summary: Summary, settings: Profile, pdf_fonts: FontChoice) -> dict[str, object]:
    """What the report template is given (as plain data: see :mod:`.context`)."""
    return {"report": summary.report, "doc": summary, **office_context(settings, pdf_fonts)}


# What the template is given of the office, kept per profile and font choice (a few: a caller
# passing other fonts each time makes them anew): the office's plain data and the rendered
# stylesheet depend on nothing else, and making them was 30% of a DOCX.
_OFFICE_CONTEXTS: PerProfile[dict[str, object]] = PerProfile(kept=4)


def office_context(settings: Profile, pdf_fonts: FontChoice) -> dict[str, object]:
    """The profile's settings, page set-up, font stacks and style table as template data, and
    ``stylesheet``: the shipped ``report.css.j2`` rendered with them (an office cannot replace
    it, see :data:`.checks.UNREPLACEABLE`, so it depends on nothing else)."""
    choice = tuple(sorted((role, tuple(str(s) for s in as_list(spec))) for role, spec in pdf_fonts.items()))
    return _OFFICE_CONTEXTS.get(settings, choice, lambda: _office_context(settings, pdf_fonts))


def _office_context(settings: Profile, pdf_fonts: FontChoice) -> dict[str, object]:
    context: dict[str, object] = {
        "layout": plain(settings.page),
        "profile": plain(settings),
        "fonts": plain({role: Markup(stack) for role, stack in font_stacks(pdf_fonts).items()}),
        "styles": plain(settings.style_table.styles),
        "text_align": TEXT_ALIGN,
        "unnumbered_page": UNNUMBERED_PAGE,
    }
    context["stylesheet"] = Markup(render_template(STYLESHEET, context, (shipped_templates(),)))
    return context


def written_at(dirs: Sequence[Path], pattern: re.Pattern[str]) -> str:
    """Where a template writes what ``pattern`` finds: 模板 FILE 第 N 行：, else nothing. Only
    the templates renders have read are searched, as they were read: no other file is opened."""
    for file, source in loaded_templates(dirs):
        for number, line in enumerate(source.splitlines(), 1):
            if pattern.search(line):
                return f"模板 {file} 第 {number} 行："
    return ""


def build_page(
    summary: Summary,
    settings: Profile,
    dirs: Sequence[Path],
    pdf_fonts: FontChoice,
    docx_fonts: Mapping[FontRole, str],
) -> Page:
    """Render ``summary`` through the report template found in ``dirs``, once."""
    styles = settings.style_table
    context = page_context(summary, settings, pdf_fonts)
    text = render_template(REPORT_TEMPLATE, context, dirs)
    illegal = XML_ILLEGAL.search(text)
    if illegal:  # the model's text is clean: the template printed it
        context_text = text[max(illegal.start() - 20, 0) : illegal.start()].strip()
        raise TemplateError(
            f"模板 {REPORT_TEMPLATE}（或它引用的模板）输出了无法打印的字符 U+{ord(illegal[0]):04X}"
            f"（在“{context_text}”之后），请从模板中删除"
        )
    root = parse(text)
    body = root.find("body")
    try:
        if body is not None:
            enforce(body, styles)
        found = read_blocks(body, styles, settings.page) if body is not None else []
    except ContractError as exc:
        raise TemplateError(f"{written_at(dirs, exc.pattern)}{exc}") from None
    framed = set_head([block for _, block in found], summary.head, styles, settings.page)
    placed = place_foot(keep(framed, styles, settings.page), styles, settings.page)
    blocks = [replace(block, paths=paths) for block, paths in zip(placed, field_paths(placed, summary.report))]
    for (element, _), block in zip(found, blocks):
        _dress(element, block, styles, settings.page)
        if block.paths:  # for the editor: a paragraph of its preview opens its field
            element.set("data-path", " ".join(block.paths))
    html = serialize(root)
    styled = _styled(root, str(context["stylesheet"]))
    hint(root)
    if body is not None:
        cut_long_runs(body)
    print_css = _lift_stylesheets(root)
    return Page(
        html=html,
        print_html=serialize(root),
        print_css=print_css,
        blocks=tuple(blocks),
        meta=_meta(root),
        layout=settings.page,
        styles=styles,
        pdf_fonts=tuple((role, tuple(str(s) for s in as_list(spec))) for role, spec in pdf_fonts.items()),
        docx_fonts=tuple(docx_names(docx_fonts, settings.fonts.names).items()),
        resources=tuple(dirs),
        pdf_a=settings.pdf_a,
        pdf_engine=_engine(settings.pdf_engine, styled),
        styled=styled,
    )
