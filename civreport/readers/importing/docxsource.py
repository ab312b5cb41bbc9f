"""Read the body of a Word document (.docx) into source blocks, as Word displays it:
automatic numbering written in front of the text, deleted revisions and field codes left out;
and convert the older formats (.doc, .wps, .rtf, .odt) to .docx with LibreOffice first."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import cast

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap
from docx.oxml.parser import parse_xml
from docx.styles import BabelFish
from lxml import etree

from ...errors import InputError
from ...model.numerals import cn_number
from .source import MAX_BLOCKS, MAX_IMPORT_BYTES, MAX_UNPACKED_BYTES, TOO_BIG, TOO_MANY, SourceBlock

Element = etree._Element
_W = f"{{{nsmap['w']}}}"  # WordprocessingML, for lxml tags and paths

LIBREOFFICE_TIMEOUT = 120.0  # seconds; a long .doc converts in a few
_BOMB_RATIO, _BOMB_ENTRY_BYTES = 200, 10_000_000  # real parts compress 10:1 at most; zeros 1000:1
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, .wps, encrypted .docx
_DOCUMENT_XML = "word/document.xml"

_NOT_DOCX = "不是有效的 Word（.docx）文件：请确认选对了文件，或在 Word/WPS 中另存为 .docx 后再导入"
_OLD_FORMAT = ("不是有效的 Word（.docx）文件：它是旧版 Word（.doc）或 WPS 格式，"
               "请在 Word/WPS 中另存为 .docx，或以 .doc 扩展名导入")
_NO_BODY = "不是有效的 Word（.docx）文件：压缩包里没有 Word 正文（word/document.xml），请在 Word/WPS 中另存为 .docx 后再导入"
_TEMPLATE = "不是有效的 Word（.docx）文件：它是 Word 模板或启用宏的文档（.dotx/.docm），请在 Word 中另存为 .docx 后再导入"
_ENCRYPTED = "文件已加密，请在 Word 中取消密码后另存再导入"
_CORRUPT = "文件已损坏，无法读取：请在 Word/WPS 中打开，另存为 .docx 后再导入"
_BOMB = "文件解压缩后异常膨胀（疑似压缩炸弹），已拒绝读取：请确认文件来源，或在 Word 中另存为 .docx 后再导入"
_NO_LIBREOFFICE = ("读取 .doc/.wps 文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer），"
                   "或在 Word/WPS 中另存为 .docx 后再导入")
_CONVERT_FAILED = "LibreOffice 无法转换此文件：文件可能已损坏或已加密"
_CONVERT_TIMEOUT = (f"LibreOffice 无法转换此文件：转换超过 {LIBREOFFICE_TIMEOUT:.0f} 秒仍未完成，已中止；"
                    "文件可能已损坏，请在 Word/WPS 中另存为 .docx 后再导入")


# ---------------------------------------------------------------------------------------------
# Reading a .docx


def read_docx(data: bytes, file: str) -> list[SourceBlock]:
    """The body of a .docx, paragraph by paragraph and table by table, in reading order."""
    _check_package(data, file)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx, zipfile and lxml raise a dozen kinds on a broken package
        raise InputError.single(file, _TEMPLATE if "not a Word file" in str(error) else _CORRUPT) from error
    body = cast("Element | None", document.element.body)
    if body is None:
        return []
    part = document.part
    try:
        numbering = cast("Element | None", getattr(part.part_related_by(RT.NUMBERING), "element", None))
    except (KeyError, ValueError):  # none, or more than one: Word shows no numbers then either
        numbering = None
    reader = _Reader(_Styles(part.styles.element), numbering, file)
    for relation, tag in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
        try:
            notes = parse_xml(part.part_related_by(relation).blob)  # python-docx's parser: no entities resolved
        except (KeyError, ValueError, etree.XMLSyntaxError):
            continue
        for note in notes.iterfind(f"{_W}{tag}"):
            if note.get(f"{_W}type") in (None, "normal"):  # not the separator lines
                reader.notes[(f"{_W}{tag}Reference", note.get(f"{_W}id", ""))] = note
    return reader.read(body)


def _check_package(data: bytes, file: str) -> None:
    """Refuse, before python-docx unpacks anything, what is not a Word package or would unpack
    to far more than a document holds."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(file, TOO_BIG)
    if data.startswith(_CFB_MAGIC):  # Word saves a password-protected .docx as an OLE file
        raise InputError.single(file, _ENCRYPTED if _cfb_has_stream(data, "EncryptedPackage") else _OLD_FORMAT)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # zipfile raises BadZipFile, OSError, ValueError… on junk
        raise InputError.single(file, _CORRUPT if data.startswith(b"PK") else _NOT_DOCX) from error
    with archive:
        infos = archive.infolist()
        if any(info.flag_bits & 0x1 for info in infos):
            raise InputError.single(file, _ENCRYPTED)
        if _DOCUMENT_XML not in {info.filename for info in infos}:
            raise InputError.single(file, _NO_BODY)
        if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES or any(
            info.file_size > _BOMB_ENTRY_BYTES and info.file_size > _BOMB_RATIO * max(info.compress_size, 1)
            for info in infos
        ):
            raise InputError.single(file, _BOMB)
        # The sizes above are what the archive claims: unpack the body in chunks to see what it holds.
        unpacked = 0
        try:
            with archive.open(_DOCUMENT_XML) as stream:
                while chunk := stream.read(1 << 20):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise InputError.single(file, _BOMB)
        except InputError:
            raise
        except Exception as error:  # bad CRC, truncated data, an unknown compression method
            raise InputError.single(file, _CORRUPT) from error


def is_encrypted(data: bytes) -> bool:
    """Whether ``data`` is a password-protected Word file (an OLE file holding the encrypted package)."""
    return data.startswith(_CFB_MAGIC) and _cfb_has_stream(data, "EncryptedPackage")


def _cfb_has_stream(data: bytes, name: str) -> bool:
    """Whether an OLE compound file has a stream called ``name``: a directory entry is 128 bytes
    on a 128-byte boundary, its name in UTF-16 (64 bytes), the name's size, then the type (2)."""
    encoded = name.encode("utf-16-le")
    start = data.find(encoded, 512)
    while start != -1:
        if (start % 128 == 0 and int.from_bytes(data[start + 64:start + 66], "little") == len(encoded) + 2
                and data[start + 66:start + 67] == b"\x02"):
            return True
        start = data.find(encoded, start + 1)
    return False


class _Break(Enum):
    SOFT = "soft"  # a manual line, page or column break: the paragraph goes on, on a new line
    HARD = "hard"  # the paragraph's end


_P, _TBL, _TR, _TC, _R, _T, _BR, _SDT, _SDT_CONTENT, _FLD_CHAR, _VAL = (
    _W + tag for tag in ("p", "tbl", "tr", "tc", "r", "t", "br", "sdt", "sdtContent", "fldChar", "val"))
# Containers whose content Word shows in line with the text around them.
_INLINE = frozenset(_W + tag for tag in ("hyperlink", "smartTag", "fldSimple", "ins", "moveTo", "customXml", "dir", "bdo"))
# What other run content Word shows: w:instrText (field codes), w:delText, w:sym, soft hyphens
# and note references are not in it.
_RUN_CONTENT: dict[str, str | _Break] = {
    f"{_W}tab": " ", f"{_W}ptab": " ", f"{_W}noBreakHyphen": "-", f"{_W}cr": _Break.SOFT}
_BLOCK = frozenset((_SDT, f"{_W}customXml"))
_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_CONTENTS_STYLE = re.compile(r"(?:toc|目录)\s*[1-9]$", re.IGNORECASE)
_NOTE_REFERENCES = frozenset((f"{_W}footnoteReference", f"{_W}endnoteReference"))
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TXBX = f"{_W}txbxContent"
_INSTR = f"{_W}instrText"


def _text_boxes(p: Element) -> list[Element]:
    """The text boxes anchored in paragraph ``p``: each once (Word writes a box twice, for new
    and old readers, in mc:Choice and mc:Fallback) and not those inside another (read with it)."""
    boxes = []
    for box in p.iter(_TXBX):
        between = []
        for ancestor in box.iterancestors():
            if ancestor is p:
                break
            between.append(ancestor.tag)
        if _MC_FALLBACK not in between and _TXBX not in between:
            boxes.append(box)
    return boxes


def _val(element: Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(_VAL) if found is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(element: Element | None) -> bool:
    """A toggle such as <w:vanish/>: on unless its value says off."""
    return element is not None and element.get(_VAL) not in ("0", "false", "off")


def _placeholder(sdt: Element) -> bool:
    """A content control still showing Word's prompt (单击或点击此处输入文字。): no one wrote it."""
    return sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _items(container: Element, tags: frozenset[str]) -> Iterator[Element]:
    """The children of ``container`` with one of ``tags``, looking inside content controls and
    custom XML, whose content is part of the text."""
    for child in container:
        if child.tag in tags:
            yield child
        elif child.tag == _SDT and _placeholder(child):
            continue
        elif child.tag in _BLOCK:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _items(content, tags)


class _Styles:
    """The paragraph styles: names, basedOn chains, outline levels and numbering."""

    def __init__(self, styles: Element) -> None:
        self.by_id: dict[str, Element] = {}  # paragraph styles
        self.lists: dict[str, Element] = {}  # numbering styles, which a numStyleLink names
        self.default: str | None = None
        for style in styles.iterfind(f"{_W}style"):
            style_id, kind = style.get(f"{_W}styleId"), style.get(f"{_W}type", "paragraph")
            if style_id is not None and kind == "numbering":
                self.lists.setdefault(style_id, style)
            if style_id is None or kind != "paragraph":
                continue
            self.by_id.setdefault(style_id, style)
            if self.default is None and style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = style_id

    def of(self, p: Element) -> str | None:
        """The id of the paragraph's style; Word uses the default style for an unknown one."""
        style_id = _val(p, f"{_W}pPr/{_W}pStyle")
        return style_id if style_id in self.by_id else self.default

    def chain(self, style_id: str | None) -> list[tuple[str, Element]]:
        """The style and those it is based on, nearest first (a cycle ends it)."""
        chain: list[tuple[str, Element]] = []
        while style_id is not None and style_id in self.by_id and all(style_id != s for s, _ in chain):
            style = self.by_id[style_id]
            chain.append((style_id, style))
            style_id = _val(style, f"{_W}basedOn")
        return chain

    def name(self, style_id: str | None) -> str | None:
        name = _val(self.by_id.get(style_id or ""), f"{_W}name")
        return BabelFish.internal2ui(name) if name is not None else None


def _outline(ppr: Element | None) -> int | None:
    """w:outlineLvl: 0–8 a level, 9 body text; None when not set."""
    value = _int(_val(ppr, f"{_W}outlineLvl"), -1)
    return min(value, 9) if value >= 0 else None


class _Numbering:
    """Word's automatic numbering: the number each numbered paragraph displays."""

    def __init__(self, numbering: Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.nums: dict[str, Element] = {}
        self.abstracts: dict[str, Element] = {}
        if numbering is not None:
            for num in numbering.iterfind(f"{_W}num"):
                self.nums.setdefault(num.get(f"{_W}numId", ""), num)
            for abstract in numbering.iterfind(f"{_W}abstractNum"):
                self.abstracts.setdefault(abstract.get(f"{_W}abstractNumId", ""), abstract)
        self.counters: dict[str, list[int | None]] = {}  # per abstractNum, shared by its nums
        self.overridden: set[tuple[str, int]] = set()  # (numId, ilvl) whose startOverride has restarted it
        self.levels: dict[tuple[int, int], Element | None] = {}  # (id of the num, ilvl) → its w:lvl

    def number(self, p: Element, chain: list[tuple[str, Element]]) -> str | None:
        """Advance the counters for paragraph ``p`` and give its number, None for no number or a bullet."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        num_id, ilvl = _val(num_pr, f"{_W}numId"), _val(num_pr, f"{_W}ilvl")
        owner = None  # the style that gives the numbering
        for style_id, style in chain if num_id is None else ():
            style_pr = style.find(f"{_W}pPr/{_W}numPr")
            num_id, ilvl = _val(style_pr, f"{_W}numId"), ilvl or _val(style_pr, f"{_W}ilvl")
            if num_id is not None:
                owner = style_id
                break
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        num = self.nums[num_id]
        resolved = self._abstract(num)
        if resolved is None:
            return None
        abstract_id, abstract = resolved
        if ilvl is None and owner is not None:  # a list linked to styles: the level that names the style
            ilvl = next((lvl.get(f"{_W}ilvl") for lvl in abstract.iterfind(f"{_W}lvl")
                         if _val(lvl, f"{_W}pStyle") == owner), None)
        level = _int(ilvl, 0)
        lvl = self._lvl(num, abstract, level) if 0 <= level <= 8 else None
        if lvl is None:  # Word shows no number for a level the list does not define
            return None
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        override = _val(num.find(f"{_W}lvlOverride[@{_W}ilvl='{level}']"), f"{_W}startOverride")
        if override is not None and (num_id, level) not in self.overridden:
            self.overridden.add((num_id, level))
            counters[level] = _int(override, 0)
        else:
            current = counters[level]
            counters[level] = _int(_val(lvl, f"{_W}start"), 0) if current is None else current + 1
        for deeper in range(level + 1, 9):  # lvlRestart: restart after a level up to this one (0: never)
            restart = _int(_val(self._lvl(num, abstract, deeper), f"{_W}lvlRestart"), deeper)
            if level < restart:
                counters[deeper] = None
        fmt = _num_fmt(lvl)
        text = _val(lvl, f"{_W}lvlText")
        if fmt == "bullet" or lvl.find(f"{_W}lvlPicBulletId") is not None or not text:
            return None
        legal = _on(lvl.find(f"{_W}isLgl"))

        def placeholder(match: re.Match[str]) -> str:
            n = int(match.group(1)) - 1
            other = lvl if n == level else self._lvl(num, abstract, n)
            value = counters[n]
            if value is None:  # a level not used yet shows its start value
                value = _int(_val(other, f"{_W}start"), 0)
            return _format(value, "decimal" if legal else _num_fmt(other))

        return re.sub(r"%([1-9])", placeholder, text) or None

    def _abstract(self, num: Element) -> tuple[str, Element] | None:
        """The abstractNum of a num, following a numStyleLink to the list its style defines."""
        for _ in range(4):
            abstract_id = _val(num, f"{_W}abstractNumId") or ""
            abstract = self.abstracts.get(abstract_id)
            link = _val(abstract, f"{_W}numStyleLink")
            if abstract is None or link is None:
                return (abstract_id, abstract) if abstract is not None else None
            link_num_id = _val(self.styles.lists.get(link), f"{_W}pPr/{_W}numPr/{_W}numId")
            linked = self.nums.get(link_num_id or "")
            if linked is None:
                return None
            num = linked
        return None

    def _lvl(self, num: Element, abstract: Element, level: int) -> Element | None:
        """The definition of a level: the num's override if it gives one, else the abstractNum's."""
        key = (id(num), level)
        if key not in self.levels:
            override = num.find(f"{_W}lvlOverride[@{_W}ilvl='{level}']/{_W}lvl")
            self.levels[key] = override if override is not None else abstract.find(f"{_W}lvl[@{_W}ilvl='{level}']")
        return self.levels[key]


def _num_fmt(lvl: Element | None) -> str:
    if lvl is None:
        return "decimal"
    fmt = _val(lvl, f"{_W}numFmt")
    if fmt is None:  # Word 2010 puts custom formats in mc:AlternateContent with a plain fallback
        mc = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
        fmt = _val(lvl, f"{mc}AlternateContent/{mc}Fallback/{_W}numFmt")
    return fmt or "decimal"


_ZERO_TO_NINE = "〇一二三四五六七八九"
_COUNTING = ("chineseCounting", "taiwaneseCounting")  # 一 to 九十九, then digit by digit
_COUNTING_THOUSAND = ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCounting")
_DIGITAL = ("ideographDigital", "taiwaneseDigital")  # digit by digit: 一〇


def _format(n: int, fmt: str) -> str:
    """A counter in a w:numFmt, as Word writes it; formats Word has no digits for fall back to 1, 2, 3."""
    if fmt == "none":
        return ""
    zero = n == 0 and fmt in _COUNTING + _COUNTING_THOUSAND
    if n >= 0 and (fmt in _DIGITAL or (fmt in _COUNTING and n >= 100) or zero):
        return "".join(_ZERO_TO_NINE[int(d)] for d in str(n))
    if fmt in _COUNTING and n > 0:
        return cn_number(n)
    if fmt == "japaneseCounting" and 0 < n < 10000:
        return _japanese(n)
    if fmt in _COUNTING_THOUSAND and 0 < n < 10000:
        return cn_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 50:
        return chr((0x2460 - 1 if n <= 20 else 0x3251 - 21 if n <= 35 else 0x32B1 - 36) + n)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 - 1 + n)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 - 1 + n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2") and n >= 0:
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter") and n > 0:  # 27 is AA, as Word counts
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _japanese(n: int) -> str:
    """百十 for 110, not 一百一十: no 一 before 十, 百, 千 and no 零."""
    out = ""
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit:
            out += ("" if digit == 1 and name else _ZERO_TO_NINE[digit]) + name
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


@dataclass
class _Field:
    """A field being read: in its code (PAGE, TOC \\o "1-3" …) until its result begins."""

    in_code: bool = True
    code: str = ""


def _mark_deleted(p: Element) -> bool:
    """Whether a tracked change deleted the paragraph's mark: in Word's final view it runs on
    into the next paragraph."""
    return p.find(f"{_W}pPr/{_W}rPr/{_W}del") is not None


class _Reader:
    def __init__(self, styles: _Styles, numbering: Element | None, file: str) -> None:
        self.styles = styles
        self.numbering = _Numbering(numbering, styles)
        self.file = file
        self.blocks: list[SourceBlock] = []
        self.fields: list[_Field] = []  # the open fields, innermost last (fields span runs)
        self.in_contents = False  # the paragraph being read shows a table of contents field's result
        self.notes: dict[tuple[str, str], Element] = {}  # (reference tag, id) → the footnote or endnote
        self.notes_due: list[str] = []  # the notes the current paragraph refers to, as 注：……
        self.carried: list[str] = []  # text of paragraphs whose mark was deleted, for the next one

    def read(self, body: Element) -> list[SourceBlock]:
        line = 0
        for line, item in enumerate(_items(body, frozenset((_P, _TBL))), start=1):
            self._block(item, line)
        self._flush_carried(line)
        return self.blocks

    def _block(self, item: Element, line: int) -> None:
        """A paragraph or table of the body or of a text box; after a paragraph, the notes it
        refers to and the text boxes anchored in it."""
        if item.tag == _TBL:
            self._flush_carried(line)
            self._emit(SourceBlock(text="", line=line, rows=self._rows(item)))
            return
        style_id = self.styles.of(item)
        style = self.styles.name(style_id)
        if any(_CONTENTS_STYLE.match(name or "") for name in (style, _val(item, f"{_W}pPr/{_W}pStyle"))):
            return  # a table of contents repeats the headings, with page numbers
        chain = self.styles.chain(style_id)
        level = self._level(item, chain)
        segments = self._paragraph(item, chain)
        if segments and _mark_deleted(item):
            self.carried += [text for text, _ in segments]  # its mark deleted: it runs on into the next
            return
        if self.carried and segments:
            segments[0] = ("".join(self.carried) + segments[0][0], segments[0][1])
            self.carried = []
        self._flush_carried(line)
        for text, soft in segments:
            self._emit(SourceBlock(text=text, line=line, style=style, level=level, soft_break=soft))
        for note in self.notes_due:
            self._emit(SourceBlock(text=note, line=line))
        self.notes_due = []
        for box in _text_boxes(item):
            for inner in _items(box, frozenset((_P, _TBL))):
                self._block(inner, line)

    def _flush_carried(self, line: int) -> None:
        """Text whose paragraph mark was deleted, with no paragraph after it to run on into."""
        if self.carried:
            self._emit(SourceBlock(text="".join(self.carried), line=line))
            self.carried = []

    def _emit(self, block: SourceBlock) -> None:
        if len(self.blocks) >= MAX_BLOCKS:
            raise InputError.single(self.file, TOO_MANY)
        self.blocks.append(block)

    def _level(self, p: Element, chain: list[tuple[str, Element]]) -> int | None:
        """The outline level: the paragraph's own, else its style chain's (outlineLvl or a heading name)."""
        outline = _outline(p.find(f"{_W}pPr"))
        for chain_id, style in chain if outline is None else ():
            outline = _outline(style.find(f"{_W}pPr"))
            if outline is None and (heading := _HEADING_NAME.fullmatch(self.styles.name(chain_id) or "")):
                outline = int(heading.group(1)) - 1
            if outline is not None:
                break
        return outline + 1 if outline is not None and outline < 9 else None

    def _paragraph(self, p: Element, chain: list[tuple[str, Element]]) -> list[tuple[str, bool]]:
        """The paragraph's non-empty lines, its number in front of the first, each with whether
        a manual line break (not a page break) separates it from the line before."""
        tokens: list[str | _Break] = []
        self.in_contents = False
        self._inline(p, tokens)
        if self.in_contents:
            return []  # an entry of a table of contents: the heading it repeats follows
        mark_deleted = _mark_deleted(p)
        if mark_deleted and not "".join(t for t in tokens if isinstance(t, str)).strip():
            return []  # deleted, mark and all: in Word's final view it is gone, and takes no number
        # A paragraph whose mark is deleted runs on into the next, whose mark (and number) it takes.
        number = None if mark_deleted else self.numbering.number(p, chain)
        segments: list[tuple[str, bool]] = []
        text: list[str] = []
        soft = False
        for token in [*tokens, _Break.HARD]:
            if isinstance(token, str):
                text.append(token)
                continue
            line = "".join(text).strip()
            if line:
                segments.append(((number or "") + line if not segments else line, soft and bool(segments)))
            text, soft = [], token is _Break.SOFT
        return segments

    def _inline(self, parent: Element, out: list[str | _Break]) -> None:
        for child in parent:
            if child.tag == _R:
                self._run(child, out)
            elif child.tag in _INLINE:
                self._inline(child, out)
            elif child.tag == _SDT and not _placeholder(child):
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, out)
            # Anything else shows no text of its own here: w:del and w:moveFrom (deleted revisions),
            # properties, bookmarks, comments, drawings and text boxes.

    def _run(self, run: Element, out: list[str | _Break]) -> None:
        hidden = _on(run.find(f"{_W}rPr/{_W}vanish"))
        for child in run:
            tag = child.tag
            if tag == _FLD_CHAR:  # fields: begin, code, separate, result (what Word shows), end
                kind = child.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].in_code = False
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == _INSTR and self.fields and self.fields[-1].in_code:
                self.fields[-1].code += child.text or ""
            elif hidden or any(f.in_code for f in self.fields):
                continue
            elif tag == _T:
                self.in_contents = self.in_contents or any(f.code.lstrip().upper().startswith("TOC") for f in self.fields)
                out.append(child.text or "")
            elif tag == _BR:
                # A page or column break inside a paragraph moves the rest of it on, like a line
                # break: the paragraph goes on (a sentence may run across it).
                out.append(_Break.SOFT)
            elif tag in _RUN_CONTENT:
                out.append(_RUN_CONTENT[tag])
            elif tag in _NOTE_REFERENCES:  # the note follows its paragraph as 注：……
                note = self.notes.get((tag, child.get(f"{_W}id", "")))
                if note is not None:
                    lines = [text for p in _items(note, frozenset((_P,)))
                             for text, _ in self._paragraph(p, self.styles.chain(self.styles.of(p)))]
                    if lines:
                        self.notes_due.append("注：" + "".join(lines))

    def _rows(self, table: Element) -> tuple[tuple[str, ...], ...]:
        rows: list[tuple[str, ...]] = []
        for tr in _items(table, frozenset((_TR,))):
            if tr.find(f"{_W}trPr/{_W}del") is not None:  # a deleted row
                continue
            cells: list[str] = []
            for tc in _items(tr, frozenset((_TC,))):
                tc_pr = tc.find(f"{_W}tcPr")
                text = self._cell(tc)  # read even when merged away: numbering and fields count on
                if _val(tc_pr, f"{_W}hMerge") not in (None, "restart"):
                    continue  # the old way of merging across: the cell shows as part of the one before
                vmerge = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
                cells.append("" if vmerge is not None and vmerge.get(_VAL) != "restart" else text)
                # A cell spanning columns: the columns after it stay in their places.
                cells.extend([""] * (min(_int(_val(tc_pr, f"{_W}gridSpan"), 1), 64) - 1))
            rows.append(tuple(cells))
        return tuple(rows)

    def _cell(self, tc: Element) -> str:
        lines: list[str] = []
        for item in _items(tc, frozenset((_P, _TBL))):
            if item.tag == _TBL:  # a nested table: a line per row
                lines.extend(" ".join(cell for cell in row if cell) for row in self._rows(item))
            else:
                lines.extend(text for text, _ in self._paragraph(item, self.styles.chain(self.styles.of(item))))
        return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------
# Converting older formats


def convert_with_libreoffice(data: bytes, suffix: str, file: str) -> bytes:
    """The .docx bytes LibreOffice makes of a .doc, .wps, .rtf or .odt document."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(file, TOO_BIG)
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise InputError.single(file, _NO_LIBREOFFICE)
    head = data[:4096]
    # LibreOffice imports any file it does not recognise as plain text: refuse binary junk
    # (a document in a known format, or text such as HTML saved as .doc, goes through).
    if not data or (b"\x00" in head and not head.startswith((_CFB_MAGIC, b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff"))):
        raise InputError.single(file, _CONVERT_FAILED)
    extension = suffix.lower().lstrip(".")
    if not re.fullmatch(r"[a-z0-9]{1,8}", extension):
        extension = "doc"  # LibreOffice recognises the format from the content anyway
    with tempfile.TemporaryDirectory(prefix="civreport-import-") as tmp:
        work = Path(tmp)
        source = work / f"source.{extension}"
        source.write_bytes(data)
        command = [
            program, f"-env:UserInstallation={(work / 'profile').as_uri()}",  # its own profile: no clash with a running LibreOffice
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, cwd=tmp, env=dict(os.environ, HOME=tmp),
                                       start_new_session=True)
        except OSError as error:
            raise InputError.single(file, _NO_LIBREOFFICE) from error
        try:
            process.wait(timeout=LIBREOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise InputError.single(file, _CONVERT_TIMEOUT) from None
        finally:
            if process.poll() is None:  # timed out or interrupted: end LibreOffice and what it started
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        result = work / "out" / "source.docx"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise InputError.single(file, _CONVERT_FAILED)
        if result.stat().st_size > MAX_IMPORT_BYTES:
            raise InputError.single(file, TOO_BIG)
        return result.read_bytes()
