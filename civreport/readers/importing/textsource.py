"""Plain text (.txt) into source blocks, and the decoding every text format shares: UTF-8,
UTF-16 and GB18030 detected."""

from __future__ import annotations

import codecs
import re

from ...errors import InputError
from .source import MAX_IMPORT_BYTES, TOO_BIG, BlockList, SourceBlock, strip_edges

_UNKNOWN_ENCODING = "无法识别文件的文字编码：请另存为 UTF-8 文本后再导入"
_UTF32 = "无法识别文件的文字编码（文件是 UTF-32 编码）：请另存为 UTF-8 文本后再导入"
_BINARY = "不是文本文件（含有二进制数据）：请确认选对了文件，或另存为 UTF-8 文本后再导入"

# What a file that is not text starts with, and what to tell its owner.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "不是文本文件，而是 PDF 文件：请导入原始的 Word 文档，或把文字复制到文本文件（UTF-8）后再导入"),
    (b"\x89PNG\r\n\x1a\n", "不是文本文件，而是图片（PNG）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"\xff\xd8\xff", "不是文本文件，而是图片（JPEG）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"GIF87a", "不是文本文件，而是图片（GIF）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (b"GIF89a", "不是文本文件，而是图片（GIF）：请导入文字稿（.docx、.txt、.md 或 .html）"),
    (
        b"PK\x03\x04",
        "不是文本文件，而是 Word 文档（.docx）或压缩包：Word 文档请以 .docx 扩展名导入，其他文件请解压或另存为 UTF-8 文本后再导入",
    ),
    (b"PK\x05\x06", "不是文本文件，而是压缩包：请解压后导入其中的文档"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "不是文本文件，而是旧版 Word 或 WPS 文档（.doc、.wps）：请以 .doc 扩展名导入，或在 Word/WPS 中另存为 .docx 后再导入",
    ),
    (b"{\\rtf", "不是文本文件，而是 RTF 文档：请在 Word/WPS 中另存为 .docx 后再导入"),
    (b"\x1f\x8b", "不是文本文件，而是压缩包（gzip）：请解压后导入其中的文档"),
    (b"7z\xbc\xaf\x27\x1c", "不是文本文件，而是压缩包（7z）：请解压后导入其中的文档"),
    (b"Rar!\x1a\x07", "不是文本文件，而是压缩包（RAR）：请解压后导入其中的文档"),
)


def decode_text(data: bytes, file: str) -> str:
    """The text of a text file, its line ends made \\n: UTF-8 (with or without a BOM), UTF-16
    (with a BOM, or without one, told by its zero bytes) or GB18030 (which includes GBK and GB2312)."""
    refuse_non_text(data, file)
    return _newlines(_decode(data, file))


def refuse_non_text(data: bytes, file: str) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(file, TOO_BIG)
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise InputError.single(file, message)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError.single(file, _UTF32)


def _decode(data: bytes, file: str) -> str:
    # Hand-written rather than a guessing library: Chinese offices write in three encodings
    # only, and a guesser's wider choice (Big5, Shift-JIS, Latin-1…) only adds wrong answers.
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], codec, file), file)
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
    before = data[: utf8_error.start]
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


def decode_as(data: bytes, codec: str, file: str) -> str:
    """``data`` in ``codec``, strictly, with its line ends made \\n; raises UnicodeError."""
    return _newlines(_checked(data.decode(codec), file))


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
    out = BlockList(file)
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
        text = strip_edges(raw)
        if text:
            out.add(SourceBlock(text, number))
    if rows:
        out.add(SourceBlock("", first, rows=tuple(rows)))
    return out.items


def _tab_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a tab-separated line, None if it has no tab between its text. Only other
    whitespace is stripped from the ends first: a leading tab is an empty corner cell."""
    if "\t" not in strip_edges(line):
        return None
    return tuple(strip_edges(cell) for cell in line.strip(" \u3000\xa0\v\f").split("\t"))
