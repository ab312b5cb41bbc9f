"""Read plain text (.txt), web pages (.html) and Markdown (.md) into source blocks: the text as
its reader sees it, line by line or block by block, with the hints the format gives (heading
levels, tables, manual line breaks). Recognising a summary in the blocks is not done here."""

from __future__ import annotations

import codecs
import contextlib
import re
from typing import Any

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ...errors import InputError
from .source import MAX_BLOCKS, MAX_IMPORT_BYTES, SourceBlock

Element = etree._Element

_TOO_BIG = f"文件过大（超过 {MAX_IMPORT_BYTES // 1_000_000} MB）：一份工作总结用不了这么大，请确认选对了文件，或拆成几个文件后分别导入"
_TOO_MANY = f"段落过多（超过 {MAX_BLOCKS} 段），无法导入：请把文件拆成几个文件后分别导入"
_UNKNOWN_ENCODING = "无法识别文件的文字编码：请另存为 UTF-8 文本后再导入"
_UTF32 = "无法识别文件的文字编码（文件是 UTF-32 编码）：请另存为 UTF-8 文本后再导入"
_BINARY = "不是文本文件（含有二进制数据）：请确认选对了文件，或另存为 UTF-8 文本后再导入"
_BAD_HTML = "不是可以读取的网页（HTML）文件：请用浏览器打开确认，或另存为 UTF-8 文本后再导入"
_TOO_DEEP = "文件的结构嵌套过深，无法完整读取：请另存为 UTF-8 文本后再导入"
_HTML_TOO_DEEP = "网页的结构嵌套过深（超过 256 层），无法完整读取：请用浏览器打开后另存为 UTF-8 文本再导入"
_HTML_TOO_COMPLEX = "网页过大或结构过于复杂，无法完整读取：请用浏览器打开后另存为 UTF-8 文本再导入"
_TABLE_TOO_BIG = "表格过大（单元格超过 {cells} 个），无法导入：请确认选对了文件，或删去这个表格后再导入"

# What a file that is not text starts with, and what to tell its owner.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "不是文本文件，而是 PDF 文件：请导入原始的 Word 文档，或把文字复制到文本文件（UTF-8）后再导入"),
    (b"\x89PNG\r\n\x1a\n", "不是文本文件，而是图片（PNG）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"\xff\xd8\xff", "不是文本文件，而是图片（JPEG）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"GIF87a", "不是文本文件，而是图片（GIF）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"GIF89a", "不是文本文件，而是图片（GIF）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"PK\x03\x04", "不是文本文件，而是 Word 文档（.docx）或压缩包：Word 文档请以 .docx 扩展名导入，其他文件请解压或另存为 UTF-8 文本后再导入"),
    (b"PK\x05\x06", "不是文本文件，而是压缩包：请解压后导入其中的文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "不是文本文件，而是旧版 Word 或 WPS 文档（.doc、.wps）：请以 .doc 扩展名导入，或在 Word/WPS 中另存为 .docx 后再导入"),
    (b"{\\rtf", "不是文本文件，而是 RTF 文档：请在 Word/WPS 中另存为 .docx 后再导入"),
    (b"\x1f\x8b", "不是文本文件，而是压缩包（gzip）：请解压后导入其中的文档"),
    (b"7z\xbc\xaf\x27\x1c", "不是文本文件，而是压缩包（7z）：请解压后导入其中的文档"),
    (b"Rar!\x1a\x07", "不是文本文件，而是压缩包（RAR）：请解压后导入其中的文档"),
)

# Whitespace at the ends of a line or block: Unicode spaces (U+3000, NBSP…) and the invisible
# characters editors leave there (a BOM of a file pasted into another, zero-width spaces).
_EDGE = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$")


def _strip(text: str) -> str:
    return _EDGE.sub("", text)


class _Blocks:
    """The blocks read so far; refuses the one past MAX_BLOCKS."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[SourceBlock] = []

    def add(self, block: SourceBlock) -> None:
        if len(self.items) >= MAX_BLOCKS:
            raise InputError.single(self.file, _TOO_MANY, line=block.line)
        self.items.append(block)


# ---------------------------------------------------------------------------------------------
# Encodings


def decode_text(data: bytes, file: str) -> str:
    """The text of a text file, its line ends made \\n: UTF-8 (with or without a BOM), UTF-16
    (with a BOM, or without one, told by its zero bytes) or GB18030 (which includes GBK and GB2312)."""
    _refuse_non_text(data, file)
    return _newlines(_decode(data, file))


def _refuse_non_text(data: bytes, file: str) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(file, _TOO_BIG)
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise InputError.single(file, message)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError.single(file, _UTF32)


def _decode(data: bytes, file: str) -> str:
    # Hand-written rather than a guessing library: Chinese offices write in three encodings
    # only, and a guesser's wider choice (Big5, Shift-JIS, Latin-1…) only adds wrong answers.
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _checked(_strict(data[len(bom):], codec, file), file)
    if b"\x00" in data:  # no text in UTF-8 or GB18030 has a zero byte; UTF-16 has them
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError.single(file, _BINARY)
        return _checked(text, file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        # GB18030 reads most byte strings; control characters show it read something else.
        if not _CONTROLS.search(text):
            return text
    # Valid UTF-8 before the bad byte means a UTF-8 file damaged there: say where.
    before = data[:utf8_error.start]
    line = before.count(b"\n") + 1 if not before.isascii() else None
    raise InputError.single(file, _UNKNOWN_ENCODING, line=line)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")  # not \t \n \v \f \r, DOS's end of file, ESC


def _strict(data: bytes, codec: str, file: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError.single(file, _UNKNOWN_ENCODING) from error


def _checked(text: str, file: str) -> str:
    if "\x00" in text:
        raise InputError.single(file, _BINARY)
    return text


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Characters a Chinese text is made of: ASCII, Latin-1, general and CJK punctuation, symbols,
# kana and bopomofo, CJK ideographs (the supplementary planes too), full-width forms.
_TEXTY = re.compile(
    "[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2100-\u27bf\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
# U+0100, U+0200 … U+FF00: what ASCII becomes read with the wrong byte order. Some are
# ideographs (一 is U+4E00), so they count as noise in either order.
_SWAPPED_ASCII = {code << 8: "\ufffd" for code in range(1, 256)}


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 data without a BOM, or None if it is not UTF-16 text. ASCII puts its
    zero byte at odd positions in little-endian, even ones in big-endian; but Chinese text has
    few ASCII characters and ideographs like 一 (U+4E00) put zeros on the other side, so the
    byte order is the one that reads as more plausible text."""
    if len(data) % 2:
        return None
    sample = data[:65536]
    zeros_odd, zeros_even = sample[1::2].count(0), sample[0::2].count(0)
    orders = ("utf-16-le", "utf-16-be") if zeros_odd >= zeros_even else ("utf-16-be", "utf-16-le")
    best, best_score = None, 0.8  # below this share of plausible characters it is not text
    for codec in orders:
        text = sample.decode(codec, errors="replace").translate(_SWAPPED_ASCII)
        score = len(_TEXTY.findall(text)) / max(len(text), 1)
        if score > best_score:
            best, best_score = codec, score
    if best is None:
        return None
    try:
        return data.decode(best)
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------
# Plain text

# A numbering marker followed by a tab, as Word's list numbering is copied into text: a line,
# not a table row.
_MARKER = re.compile(
    r"(?:[（(][一二三四五六七八九十百零〇\d]{1,4}[)）]|[一二三四五六七八九十百零〇]{1,4}[、.．]"
    r"|\d{1,3}[、.．)）]|[①-⑳⑴-⒇⒈-⒛]|第[一二三四五六七八九十百零〇\d]{1,4}[章节条部分篇])"
)


def read_txt(data: bytes, file: str) -> list[SourceBlock]:
    """A block per non-blank line; runs of tab-separated lines with as many cells (a table
    copied from Excel or Word) become one table block."""
    out = _Blocks(file)
    rows: list[tuple[str, ...]] = []
    first = 0
    for number, raw in enumerate(decode_text(data, file).split("\n"), 1):
        cells = _tab_cells(raw)
        if rows and cells is not None and len(cells) == len(rows[0]) and any(cells):
            rows.append(cells)
            continue
        if rows:
            out.add(SourceBlock("", first, rows=tuple(rows)))
            rows = []
        if cells is not None and sum(1 for cell in cells if cell) >= 2:
            filled = [cell for cell in cells if cell]
            if len(filled) == 2 and _MARKER.fullmatch(filled[0]):
                out.add(SourceBlock(filled[0] + filled[1], number))
            else:
                rows, first = [cells], number
            continue
        text = _strip(raw)
        if text:
            out.add(SourceBlock(text, number))
    if rows:
        out.add(SourceBlock("", first, rows=tuple(rows)))
    return out.items


def _tab_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a tab-separated line, None if it has no tab between its text. Only other
    whitespace is stripped from the ends first: a leading tab is an empty corner cell."""
    if "\t" not in _strip(line):
        return None
    return tuple(_strip(cell) for cell in line.strip(" \u3000\xa0\v\f").split("\t"))


# ---------------------------------------------------------------------------------------------
# HTML

# Elements that start and end a block of text; the rest (span, a, b, font, o:p …) are inline.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Never shown by a browser. Everything shown stays, navigation and footers too: the recogniser
# drops noise itself and lists what it drops.
_DROPPED = frozenset({"script", "style", "noscript", "template", "head", "title"})
_LAYOUT_CELL_TEXT = 500  # characters: a cell holding more is a page laid out in a table, not data
_MAX_TABLE_CELLS = 200_000

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# GBK and GB2312 are subsets of GB18030, which also reads what a page declared "gb2312" but wrote in GBK.
_GB = frozenset({"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "csgb2312", "chinese", "euc-cn", "windows-936",
                 "gb_2312-80", "iso-ir-58"})
# Encodings a web page may declare (Python's names); not Python's own codecs (unicode_escape…).
# A declared UTF-16 in a page whose <meta> could be read byte by byte is UTF-8, as browsers take it.
_DECLARABLE = frozenset({"utf-8", "gb18030", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
                         "euc_kr", "cp949", "koi8-r", "koi8-u", "cp866", "mac-roman"})
_SINGLE_BYTE = ("cp125", "iso8859-", "koi8-", "cp866", "mac-")


def read_html(data: bytes, file: str) -> list[SourceBlock]:
    """A block per paragraph, heading, list item … of the page's body, as a browser shows it:
    its text with whitespace collapsed, split at <br>; a data table as one block."""
    text = _html_text(data, file)
    if not text.strip():
        return []
    # No network, no external or internal DTD: a DOCTYPE's entity definitions are never used.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False)
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
    out = _Blocks(file)
    body = root.find("body")
    try:
        _HtmlWalker(out).walk(root if body is None else body)
    except RecursionError as error:  # the walk is iterative; this guards lxml's own code
        raise InputError.single(file, _TOO_DEEP) from error
    return out.items


def _html_text(data: bytes, file: str) -> str:
    """The page's text in the encoding it declares (<meta charset>, http-equiv, <?xml encoding?>),
    else as a text file is read. A BOM wins over the declaration, as in browsers; so does valid
    UTF-8; a declaration the bytes contradict is ignored."""
    _refuse_non_text(data, file)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, file)
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    codec = _codec(found.group(1).decode("ascii")) if found else None
    if codec is not None:
        # Valid UTF-8 is UTF-8 whatever the page says: re-saved pages keep a stale declaration,
        # and text in another encoding is valid UTF-8 by chance only if it is a few characters.
        for candidate in ("utf-8", codec):
            try:
                return _newlines(_checked(data.decode(candidate), file))
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
    return text[:found.start(1)] + doctype + text[found.end(1):]


_CJK = "\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
# A line break in the source between two Chinese characters is no space (CSS Text's segment
# break rule): text wrapped in the HTML source joins up again.
_CJK_WRAP = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")
_SPACES = re.compile("[ \t\n\r\f]+")


def _collapse(text: str) -> str:
    text = _CJK_WRAP.sub("", text.replace("\xa0", " "))
    return _strip(_SPACES.sub(" ", text))


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

    def __init__(self, out: _Blocks, in_cell: bool = False) -> None:
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
        self.run.append((text, self.line + text[:len(text) - len(stripped)].count("\n")))
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
        self.out.add(SourceBlock(text, line or 1, style=f"h{level}" if level else None, level=level,
                                 soft_break=self.soft))
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
            line = _strip(raw.replace("\xa0", " "))
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
        blocks = _Blocks(self.out.file)
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
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            count, number = divmod(number, value)
            roman += numeral * count
        return (roman.upper() if kind == "I" else roman) + "."
    return f"{number}."


# ---------------------------------------------------------------------------------------------
# Markdown


def read_markdown(data: bytes, file: str) -> list[SourceBlock]:
    """A block per line of each paragraph and heading (the recogniser joins wrapped lines), per
    list item paragraph (an ordered list's number written in front), per code line; a table as
    one block. Raw HTML is text here, as written: nothing of it is interpreted."""
    text = decode_text(data, file)
    # markdown-it drops what lies deeper than maxNesting (20 in CommonMark) without a word: lift
    # the limit, and refuse what its recursive parser cannot reach instead.
    parser = MarkdownIt("commonmark", {"html": False, "maxNesting": 100_000}).enable("table")
    try:
        tokens = parser.parse(text)
    except RecursionError as error:
        raise InputError.single(file, _TOO_DEEP) from error
    return _MarkdownReader(_Blocks(file)).read(tokens)


class _MarkdownReader:
    def __init__(self, out: _Blocks) -> None:
        self.out = out
        self.level: int | None = None  # of the open heading
        self.prefix = ""  # the number of the open ordered list item, for its first block
        self.lists: list[list[Any] | None] = []  # each open list: [next number, delimiter], None if bulleted
        self.rows: list[tuple[str, ...]] | None = None  # of the open table
        self.table_line = 1
        self.row: list[str] = []

    def read(self, tokens: list[Token]) -> list[SourceBlock]:
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                self.level = int(token.tag[1:])
            elif kind == "heading_close":
                self.level = None
            elif kind == "ordered_list_open":
                start = token.attrGet("start")
                self.lists.append([int(start) if isinstance(start, int | str) else 1, token.markup or "."])
            elif kind == "bullet_list_open":
                self.lists.append(None)
            elif kind in ("ordered_list_close", "bullet_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                numbering = self.lists[-1] if self.lists else None
                if numbering is not None:
                    self.prefix = f"{numbering[0]}{token.markup or numbering[1]}"
                    numbering[0] += 1
            elif kind == "list_item_close":
                self.prefix = ""
            elif kind == "table_open":
                self.rows, self.table_line = [], _line(token)
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close" and self.rows is not None:
                self.rows.append(tuple(self.row))
            elif kind == "table_close" and self.rows is not None:
                if any(any(row) for row in self.rows):
                    self.out.add(SourceBlock("", self.table_line, rows=tuple(self.rows)))
                self.rows = None
            elif kind == "inline":
                self.inline(token)
            elif kind in ("fence", "code_block"):
                first = _line(token) + (1 if kind == "fence" else 0)  # a fence's text starts below ```
                for offset, line in enumerate(token.content.split("\n")):
                    self.add(line, first + offset, soft=False)
        return self.out.items

    def inline(self, token: Token) -> None:
        lines = _inline_lines(token)
        if self.rows is not None:  # a table cell
            self.row.append(_strip(" ".join(_strip(line) for line in lines)))
            return
        emitted = False
        for offset, line in enumerate(lines):
            emitted = self.add(line, _line(token) + offset, soft=emitted) or emitted

    def add(self, text: str, line: int, soft: bool) -> bool:
        text = _strip(text.replace("\xa0", " "))
        if not text:
            return False
        if self.prefix:
            text, self.prefix = self.prefix + text, ""
        style = f"h{self.level}" if self.level else None
        self.out.add(SourceBlock(text, line, style=style, level=self.level, soft_break=soft))
        return True


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _inline_lines(token: Token) -> list[str]:
    """The text of an inline token, a string per source line: markup left out, a link's text
    without its address, an image's alt text."""
    lines = [""]
    stack = list(reversed(token.children or []))
    while stack:
        child = stack.pop()
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline", "html_inline"):
            lines[-1] += child.content
        elif child.type == "image":
            stack.extend(reversed(child.children or []))
    return lines
