"""The page as a flat list of blocks: paragraphs of runs, and tables.

This is the document tree the non-HTML writers share: the DOCX writer turns each block into
a paragraph or a table, the PDF's glyph check walks the same text the PDF draws. A block's
class must be one of the page's styles (:mod:`civreport.office.styles`); an element that
names no class is body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import html as lxml_html

from ..errors import TemplateError
from ..model.text import is_mark
from ..office.layout import TABLE_PADDING_PT, Layout
from ..office.styles import BODY, GROUPS, StyleTable
from ..office.textwidth import text_width
from .contract import PARAGRAPH_TAGS, ContractError

INDENT_SIDES = ("left", "right", "hanging")


@dataclass(frozen=True)
class Run:
    """Text with one look: ``style`` is the class of its ``<span>``, ``None`` for the block's own."""

    text: str
    style: str | None = None
    line_break: bool = False  # a <br>: the run is a line break, its text empty


@dataclass(frozen=True)
class Indent:
    """Indents in characters; ``hanging`` pulls the first line back to ``left - hanging``."""

    left: float = 0
    right: float = 0
    hanging: float = 0


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the page, named by its class (``body``, ``heading-1`` …)."""

    style: str
    runs: tuple[Run, ...]
    indent: Indent | None = None  # set by the template's ``indent`` macro
    group: str | None = None  # the GROUPS container the paragraph sits in
    # How page breaks treat it (civreport.rendering.keeps): kept on the page of the next
    # block, kept whole, parted only with two lines or more on either side; and its lines
    # this far apart, off the grid, rather than at the layout's pitch.
    keep_next: bool = False
    whole: bool = False
    two_lines: bool = False
    line_twips: int | None = None
    # Set by the official frame (civreport.rendering.frame): the pages broken before it (1: it
    # starts a new page; 2: a blank page comes first), and its type size where the style's is
    # too large (a long mark); ``unnumbered``: the page it stands on, and the blank page
    # before it, print no page number (the 版记's page after a blank page, GB/T 9704 7.5).
    break_before: int = 0
    size_pt: float | None = None
    unnumbered: bool = False
    paths: tuple[str, ...] = ()  # the report's fields it prints (civreport.rendering.sources)

    @property
    def text(self) -> str:
        return "".join("\n" if r.line_break else r.text for r in self.runs)


def flush_right_from(block: Paragraph, styles: StyleTable) -> int | None:
    """Where the runs that stand flush right start (签发人, the date of printing: their
    class's ``right``), the runs before them flush left; None in a paragraph not so split."""
    if styles[block.style].right is None:
        return None
    return next((i for i, run in enumerate(block.runs) if run.style not in (None, block.style)), None)


@dataclass(frozen=True)
class Cell:
    text: str  # its lines parted by "\n" (a <br>)
    style: str


@dataclass(frozen=True)
class Table:
    """A table: rows of cells, the first ``header_rows`` repeated on each page, column
    widths as fractions of the text width. ``style``: the table's own class, if any (a
    frameless one sets text out: the joint mark). Set by the official frame, as on a
    paragraph: its cells' lines this far apart, off the grid, and their type size where
    their style's is too large."""

    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int
    widths: tuple[float, ...]
    group: str | None = None
    style: str | None = None
    line_twips: int | None = None
    size_pt: float | None = None
    paths: tuple[str, ...] = ()  # the report's fields it prints (civreport.rendering.sources)


Block = Paragraph | Table


def _class_error(names: tuple[str, ...], message: str) -> ContractError:
    """An element of the page whose class the style table does not allow, found in the
    templates by its classes ``names``."""
    return ContractError(
        re.compile(r"""class\s*=\s*["'][^"']*\b(?:""" + "|".join(map(re.escape, names)) + r""")\b"""), message
    )


def class_of(element: lxml_html.HtmlElement, styles: StyleTable, default: str | None) -> str | None:
    """The page style an element names, else ``default``; a class the styles do not know is
    a template error."""
    tokens = (element.get("class") or "").split()
    known = [t for t in tokens if t in styles]
    unknown = [t for t in tokens if t not in styles]
    if unknown or len(known) > 1:
        problem = f"未定义的样式类“{' '.join(unknown)}”" if unknown else f"多个样式类“{' '.join(known)}”"
        raise _class_error(
            tuple(unknown or known),
            f"模板在“{_excerpt(element)}”处使用了{problem}：每个元素只能用一个样式类，可用的有 {'、'.join(styles.names)}；"
            "本单位的新类请在办公室配置的 styles 中定义",
        )
    return known[0] if known else default


def _excerpt(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())[:20]


def _runs(element: lxml_html.HtmlElement, styles: StyleTable) -> tuple[Run, ...]:
    runs: list[Run] = []

    def add(text: str | None, style: str | None) -> None:
        if text:
            runs.append(Run(text, style))

    def walk(el: lxml_html.HtmlElement, style: str | None) -> None:
        add(el.text, style)
        for child in el:
            if not isinstance(child.tag, str):
                pass  # a comment: only its tail is text
            elif child.tag == "br":
                runs.append(Run("", style, line_break=True))
            else:
                own = class_of(child, styles, default=style)
                if own is not None and own != style and not styles[own].run_in:
                    raise TemplateError(
                        f"模板在“{_excerpt(child)}”处把段落样式类“{own}”用在了段内文字上；"
                        "段内只能用标题类 heading-1 … heading-4"
                    )
                walk(child, own)
            add(child.tail, style)

    walk(element, None)
    return _collapsed(runs)


# What HTML collapses (CSS white-space: normal): spaces, tabs and line ends, not U+3000 or U+00A0.
_WHITE = re.compile(r"[ \t\n\r\f]+")


def _collapsed(runs: list[Run]) -> tuple[Run, ...]:
    """The runs as HTML shows them: white space collapsed to one space, none at the start or
    end of a line, so the DOCX and the text carry what the HTML and the PDF print."""
    out: list[Run] = []
    at_line_start = True
    for run in runs:
        if run.line_break:
            if out and not out[-1].line_break:
                out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
            out.append(run)
            at_line_start = True
            continue
        text = _WHITE.sub(" ", run.text)
        if at_line_start:
            text = text.lstrip(" ")
        if text:
            out.append(replace(run, text=text))
            at_line_start = text.endswith(" ")
    if out and not out[-1].line_break:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
    return tuple(run for run in out if run.text or run.line_break)


def collapse(text: str) -> str:
    """A text's white space as HTML shows it (see :func:`_collapsed`)."""
    return _WHITE.sub(" ", text).strip(" ")


def indent_of(element: lxml_html.HtmlElement) -> Indent | None:
    values = {side: element.get(f"data-indent-{side}") for side in INDENT_SIDES}
    if all(v is None for v in values.values()):
        return None
    try:
        return Indent(**{side: float(v or 0) for side, v in values.items()})
    except ValueError:
        raise TemplateError(f"模板在“{_excerpt(element)}”处的缩进不是数字") from None


def cell_text(cell: lxml_html.HtmlElement) -> str:
    """A cell's text as HTML shows it, its lines (parted by ``<br>``) by "\n"."""
    parts: list[str] = []

    def walk(el: lxml_html.HtmlElement) -> None:
        parts.append(el.text or "")
        for child in el:
            if child.tag == "br":
                parts.append("\n")
            elif isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(cell)
    return "\n".join(collapse(line) for line in "".join(parts).split("\n"))


def column_widths(rows: list[tuple[Cell, ...]], available: float) -> tuple[float, ...]:
    """Column widths as fractions of the table: each column as wide as its longest cell (plus
    a character) when they all fit in ``available`` characters, spread out to fill it; when
    they do not, the narrow columns keep their width and the wide ones share the rest, so
    that only long texts wrap."""
    columns = max((len(r) for r in rows), default=0)
    natural = [
        1 + max((text_width(line) for r in rows if c < len(r) for line in r[c].text.split("\n")), default=0)
        for c in range(columns)
    ]
    if sum(natural) > available:
        kept: dict[int, float] = {}
        while True:
            fair = (available - sum(kept.values())) / max(columns - len(kept), 1)
            narrow = {c: n for c, n in enumerate(natural) if c not in kept and n <= fair}
            if not narrow:
                break
            kept |= narrow
        natural = [kept.get(c, max(fair, 1.0)) for c in range(columns)]
    total = sum(natural) or 1
    return tuple(round(n / total, 4) for n in natural)


def _table(element: lxml_html.HtmlElement, styles: StyleTable, group: str | None, layout: Layout) -> Table:
    rows: list[tuple[Cell, ...]] = []
    header_rows = 0
    for tr in element.iter("tr"):
        cells = []
        for cell in tr:
            if cell.tag in ("th", "td"):
                style = class_of(cell, styles, styles.default_for(cell.tag)) or BODY
                cells.append(Cell(cell_text(cell), style))
        if cells:
            rows.append(tuple(cells))
            in_head = tr.getparent() is not None and tr.getparent().tag == "thead"
            if header_rows == len(rows) - 1 and (in_head or all(c.tag == "th" for c in tr)):
                header_rows += 1
    # The width in characters of the table's type, less each column's padding.
    padding = 2 * TABLE_PADDING_PT * max((len(r) for r in rows), default=0)
    available = (layout.text_width_pt - padding) / layout.table_size_pt
    return Table(tuple(rows), header_rows, column_widths(rows, available), group, class_of(element, styles, None))


def read_blocks(
    body: lxml_html.HtmlElement, styles: StyleTable, layout: Layout
) -> list[tuple[lxml_html.HtmlElement, Block]]:
    """The blocks of a page's ``<body>`` in reading order, each with its element (the body
    holds to :mod:`.contract`: paragraphs, tables and containers of them)."""
    found: list[tuple[lxml_html.HtmlElement, Block]] = []

    def walk(el: lxml_html.HtmlElement, group: str | None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue  # a comment
            if child.tag in PARAGRAPH_TAGS:
                style = class_of(child, styles, styles.default_for(child.tag)) or BODY
                keep = styles[style].keep_next  # as its class says, until the page is kept (keeps.py)
                paragraph = Paragraph(style, _runs(child, styles), indent_of(child), group, keep, whole=keep)
                found.append((child, paragraph))
            elif child.tag == "table":
                found.append((child, _table(child, styles, group, layout)))
            else:
                css_class = child.get("class")
                walk(child, css_class if css_class in GROUPS else group)

    walk(body, None)
    return found


def block_text(block: Block) -> str:
    """A block's text as printed: a paragraph's runs, a table's cells in reading order."""
    if isinstance(block, Paragraph):
        return block.text
    return "".join(cell.text for row in block.rows for cell in row)


def has_marks(blocks: tuple[Block, ...]) -> bool:
    """Whether any block holds a combining mark: rare, so the PDF writers look for letters
    with marks to set in a face of their own only then."""
    chars: set[str] = set()
    for block in blocks:
        chars.update(block_text(block))
    return any(map(is_mark, chars))
