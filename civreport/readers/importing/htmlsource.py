"""Web pages (.html) into source blocks: block elements in document order, headings with their
levels, <br> as manual line breaks, data tables as tables; scripts and styles never read."""

from __future__ import annotations

import codecs
import contextlib
import re
from typing import Any

import lxml.html
from lxml import etree

from ...errors import InputError
from .source import TOO_DEEP, BlockList, SourceBlock, strip_edges
from .textsource import decode_as, decode_text, refuse_non_text

Element = etree._Element

_BAD_HTML = "不是可以读取的网页（HTML）文件：请用浏览器打开确认，或另存为 UTF-8 文本后再导入"
_HTML_TOO_DEEP = "网页的结构嵌套过深（超过 256 层），无法完整读取：请用浏览器打开后另存为 UTF-8 文本再导入"
_HTML_TOO_COMPLEX = "网页过大或结构过于复杂，无法完整读取：请用浏览器打开后另存为 UTF-8 文本再导入"
_TABLE_TOO_BIG = "表格过大（单元格超过 {cells} 个），无法导入：请确认选对了文件，或删去这个表格后再导入"


# Elements that start and end a block of text; the rest (span, a, b, font, o:p …) are inline.
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Never shown by a browser. Everything shown stays, navigation and footers too: the recogniser
# drops noise itself and lists what it drops.
_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})
_LAYOUT_CELL_TEXT = 500  # characters: a cell holding more is a page laid out in a table, not data
_MAX_TABLE_CELLS = 200_000

_MOSTLY_WIDE = 0.3  # of a page's bytes past ASCII: more than a Western text ever has
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# GBK and GB2312 are subsets of GB18030, which also reads what a page declared "gb2312" but wrote in GBK.
_GB = frozenset(
    {
        "gb2312",
        "gbk",
        "x-gbk",
        "gb18030",
        "cp936",
        "csgb2312",
        "chinese",
        "euc-cn",
        "windows-936",
        "gb_2312-80",
        "iso-ir-58",
    }
)
# Encodings a web page may declare (Python's names); not Python's own codecs (unicode_escape…).
# A declared UTF-16 in a page whose <meta> could be read byte by byte is UTF-8, as browsers take it.
_DECLARABLE = frozenset(
    {
        "utf-8",
        "gb18030",
        "big5",
        "big5hkscs",
        "cp950",
        "shift_jis",
        "cp932",
        "euc_jp",
        "euc_kr",
        "cp949",
        "koi8-r",
        "koi8-u",
        "cp866",
        "mac-roman",
    }
)
_SINGLE_BYTE = ("cp125", "iso8859-", "koi8-", "cp866", "mac-")


def read_html(data: bytes, file: str) -> list[SourceBlock]:
    """A block per paragraph, heading, list item … of the page's body, as a browser shows it:
    its text with whitespace collapsed, split at <br>; a data table as one block."""
    text = _html_text(data, file)
    if not text.strip():
        return []
    # No network, no external or internal DTD: a DOCTYPE's entity definitions are never used.
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(_without_internal_subset(text).encode("utf-8"), parser=parser)
    except etree.ParserError:  # "Document is empty": comments and declarations only
        return []
    except etree.LxmlError as error:
        raise InputError.single(file, _BAD_HTML) from error
    # Past its limits (256 levels deep, 10 MB in one text) libxml2 drops the rest of the page
    # with no more than an entry in the log: refuse rather than import part of a page.
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            message = _HTML_TOO_DEEP if "depth" in entry.message else _HTML_TOO_COMPLEX
            raise InputError.single(file, message, line=entry.line or None)
    out = BlockList(file)
    body = root.find("body")
    try:
        _HtmlWalker(out).walk(root if body is None else body)
    except RecursionError as error:  # the walk is iterative; this guards lxml's own code
        raise InputError.single(file, TOO_DEEP) from error
    return out.items


def _html_text(data: bytes, file: str) -> str:
    """The page's text in the encoding it declares (<meta charset>, http-equiv, <?xml encoding?>),
    else as a text file is read. A BOM wins over the declaration, as in browsers; so does valid
    UTF-8; a declaration the bytes contradict is ignored."""
    refuse_non_text(data, file)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, file)
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    codec = _codec(found.group(1).decode("ascii")) if found else None
    if codec is not None:
        # Valid UTF-8 is UTF-8 whatever the page says: re-saved pages keep a stale declaration,
        # and text in another encoding is valid UTF-8 by chance only if it is a few characters.
        # A page said to be Western whose bytes are mostly past ASCII is Chinese (GB18030) if
        # they read so: the declaration is a server's or an editor's default (a Western text
        # has a few accented letters, a Chinese one two bytes a character).
        wide = sum(byte >= 0x80 for byte in data[:65536]) / max(min(len(data), 65536), 1)
        chinese = ("gb18030",) if codec == "cp1252" and wide > _MOSTLY_WIDE else ()
        for candidate in ("utf-8", *chinese, codec):
            try:
                return decode_as(data, candidate, file)
            except UnicodeError:
                continue
    return decode_text(data, file)


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    if label in _GB:
        return "gb18030"
    if label.startswith(("utf-16", "utf16", "ucs-2", "unicode")):
        return "utf-8"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("iso8859-1", "ascii"):
        name = "cp1252"  # what browsers read these labels as
    return name if name in _DECLARABLE or name.startswith(_SINGLE_BYTE) else None


_INTERNAL_SUBSET = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(<!DOCTYPE[^\[>]*\[.*?\]\s*>)", re.I | re.S)


def _without_internal_subset(text: str) -> str:
    """The page with a DOCTYPE's internal subset ([<!ENTITY …>]) removed: HTML has none, and
    the HTML parser would show its end as text. The line count stays."""
    found = _INTERNAL_SUBSET.match(text)
    if found is None:
        return text
    doctype = "<!DOCTYPE html>" + "\n" * found.group(1).count("\n")
    return text[: found.start(1)] + doctype + text[found.end(1) :]


_CJK = "\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
# A line break in the source between two Chinese characters is no space (CSS Text's segment
# break rule): text wrapped in the HTML source joins up again.
_CJK_WRAP = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")
_SPACES = re.compile("[ \t\n\r\f]+")


def _collapse(text: str) -> str:
    text = _CJK_WRAP.sub("", text.replace("\xa0", " "))
    return strip_edges(_SPACES.sub(" ", text))


def _tag(element: Element) -> str | None:
    """The element's tag, None for a comment, processing instruction or entity."""
    tag: Any = element.tag
    return tag if isinstance(tag, str) else None


def _sourceline(element: Element) -> int:
    line: Any = getattr(element, "sourceline", None)
    return line if isinstance(line, int) and line > 0 else 0


def _span(value: str | None) -> int:
    """A colspan or rowspan: at least 1, at most HTML's 1000 (rowspans are cut at the table's end)."""
    try:
        return min(max(int((value or "1").strip()), 1), 1000)
    except ValueError:
        return 1


class _HtmlWalker:
    """Walks an element tree in document order, without recursion (a page may nest thousands
    deep), gathering the text of each block."""

    def __init__(self, out: BlockList, in_cell: bool = False) -> None:
        self.out = out
        self.in_cell = in_cell  # a table in a table cell is read as text
        self.run: list[tuple[str, int]] = []  # the current block's text pieces, each with its line
        self.line = 1  # where the walk is in the source
        self.soft = False  # the next block follows a <br> in the same block
        self.prefix = ""  # the number of the current <ol> item, for its first block
        self.headings: list[int] = []
        self.lists: list[list[Any]] = []  # each open <ol>/<ul>: [next number, numbering type]

    def walk(self, top: Element) -> None:
        stack: list[tuple[Element, bool]] = [(top, False)]
        while stack:
            element, done = stack.pop()
            tag = _tag(element)
            if done:
                self.leave(element, tag or "")
            elif tag is None or tag in _DROPPED:
                pass
            elif tag == "br":
                self.line = max(self.line, _sourceline(element))
                # What follows a <br> after text is the same paragraph's next line; after two
                # <br> in a row, or one at the start of a block, it is a paragraph of its own.
                self.soft = self.flush()
            elif tag == "pre":
                self.pre(element)
            elif tag == "table" and self.table(element):
                pass
            else:
                self.enter(element, tag)
                self.text(element.text)
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))
                continue
            if element is not top:
                self.text(element.tail)

    def text(self, text: str | None) -> None:
        if not text:
            return
        stripped = text.lstrip(" \t\r\n\f")
        self.run.append((text, self.line + text[: len(text) - len(stripped)].count("\n")))
        self.line += text.count("\n")

    def flush(self) -> bool:
        """Ends the current block; whether it had text."""
        text = _collapse("".join(piece for piece, _ in self.run))
        line = next((line for piece, line in self.run if piece.strip()), self.line)
        self.run = []
        if not text:
            return False
        if self.prefix:
            text, self.prefix = self.prefix + text, ""
        level = self.headings[-1] if self.headings else None
        self.out.add(
            SourceBlock(text, line or 1, style=f"h{level}" if level else None, level=level, soft_break=self.soft)
        )
        self.soft = False
        return True

    def enter(self, element: Element, tag: str) -> None:
        self.line = max(self.line, _sourceline(element))
        if tag not in _BLOCK:
            return
        self.flush()
        self.soft = False
        if tag in _HEADINGS:
            self.headings.append(_HEADINGS[tag])
        elif tag in ("ol", "ul", "dir", "menu"):
            start = element.get("start", "1") if tag == "ol" else None
            try:
                number = int(start) if start is not None else None
            except ValueError:
                number = 1
            self.lists.append([number, element.get("type", "1")])
        elif tag == "li" and self.lists and self.lists[-1][0] is not None:
            with contextlib.suppress(ValueError):  # no value="", or not a number
                self.lists[-1][0] = int(element.get("value") or "")
            self.prefix = _list_number(self.lists[-1][0], self.lists[-1][1])
            self.lists[-1][0] += 1

    def leave(self, element: Element, tag: str) -> None:
        if tag not in _BLOCK:
            return
        self.flush()
        self.soft = False
        if tag in _HEADINGS:
            self.headings.pop()
        elif tag in ("ol", "ul", "dir", "menu"):
            self.lists.pop()
        elif tag == "li":
            self.prefix = ""  # an item without text: its number goes with it

    def pre(self, element: Element) -> None:
        """Preformatted text: a block per line, its spaces kept."""
        self.flush()
        self.soft = False
        self.line = max(self.line, _sourceline(element))
        pieces: list[str] = []
        stack: list[tuple[Element, bool]] = [(element, False)]
        while stack:
            current, done = stack.pop()
            tag = _tag(current)
            if not done:
                if tag == "br":
                    pieces.append("\n")
                elif tag is not None and tag not in _DROPPED:
                    pieces.append(current.text or "")
                    stack.append((current, True))
                    stack.extend((child, False) for child in reversed(current))
                    continue
            if current is not element:
                pieces.append(current.tail or "")
        text = "".join(pieces)
        if text.startswith("\n"):  # the line break right after <pre> is not part of its text
            text, self.line = text[1:], self.line + 1
        for offset, raw in enumerate(text.split("\n")):
            line = strip_edges(raw.replace("\xa0", " "))
            if line:
                self.out.add(SourceBlock(line, self.line + offset))
        self.line += text.count("\n")

    def table(self, element: Element) -> bool:
        """Reads a data table into one block; False for a table that lays out a page (a single
        column, long texts, headings or tables in cells), to be read as text."""
        if self.in_cell or element.get("role") in ("presentation", "none"):
            return False
        rows = [(row, [cell for cell in row if _tag(cell) in ("td", "th")]) for row in _table_rows(element)]
        if not rows:
            return False
        texts: list[list[str]] = []
        for _, cells in rows:
            for cell in cells:
                if next(cell.iter("table", *_HEADINGS), None) is not None:
                    return False
            row_texts = [self.cell_text(cell) for cell in cells]
            if any(len(text) > _LAYOUT_CELL_TEXT for text in row_texts):
                return False
            texts.append(row_texts)
        if all(sum(1 for text in row if text) <= 1 for row in texts):
            return False
        self.flush()
        self.soft = False
        self.line = max(self.line, _sourceline(element))
        line = self.line
        for caption in element.iterchildren("caption"):
            _HtmlWalker(self.out, in_cell=True).walk(caption)  # in_cell: no table in it recurses
        grid = self.grid(rows, texts)
        if any(any(row) for row in grid):
            self.out.add(SourceBlock("", line, rows=tuple(tuple(row) for row in grid)))
        self.line += sum(str(text).count("\n") for text in element.itertext())
        return True

    def cell_text(self, cell: Element) -> str:
        blocks = BlockList(self.out.file)
        walker = _HtmlWalker(blocks, in_cell=True)
        walker.line = _sourceline(cell)
        walker.walk(cell)
        walker.flush()
        return "\n".join(block.text for block in blocks.items)

    def grid(self, rows: list[tuple[Element, list[Element]]], texts: list[list[str]]) -> list[list[str]]:
        """The cells' texts on the table's grid: a spanned cell's text in its first place, ""
        in the places it spans."""
        too_big = InputError.single(self.out.file, _TABLE_TOO_BIG.format(cells=_MAX_TABLE_CELLS), line=self.line)
        covered: dict[int, int] = {}  # column → the last row a rowspan from above covers
        grid: list[list[str]] = []
        count = 0  # places on the grid so far: spans make a few bytes of HTML into many
        for index, ((_, cells), row_texts) in enumerate(zip(rows, texts)):
            row: list[str] = []
            for cell, text in zip(cells, row_texts):
                while covered.get(len(row), -1) >= index:
                    row.append("")
                    count += 1
                rowspan, colspan = _span(cell.get("rowspan")), _span(cell.get("colspan"))
                count += colspan
                if count > _MAX_TABLE_CELLS:
                    raise too_big
                for offset in range(colspan):
                    if rowspan > 1:
                        covered[len(row)] = index + rowspan - 1
                    row.append("" if offset else text)
            while covered.get(len(row), -1) >= index:
                row.append("")
                count += 1
            grid.append(row)
        width = max(len(row) for row in grid)
        if width * len(grid) > _MAX_TABLE_CELLS:
            raise too_big
        return [row + [""] * (width - len(row)) for row in grid]


def _table_rows(table: Element) -> list[Element]:
    rows: list[Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if _tag(row) == "tr")
    return rows


def _list_number(number: int, kind: str) -> str:
    """An <ol> item's number as the browser shows it, the type="a", "A", "i", "I" ones too."""
    if kind in ("a", "A") and number > 0:
        letters = ""
        while number > 0:
            number, digit = divmod(number - 1, 26)
            letters = chr(ord("a") + digit) + letters
        return (letters.upper() if kind == "A" else letters) + "."
    if kind in ("i", "I") and 0 < number < 4000:
        roman = ""
        for value, numeral in (
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ):
            count, number = divmod(number, value)
            roman += numeral * count
        return (roman.upper() if kind == "I" else roman) + "."
    return f"{number}."
