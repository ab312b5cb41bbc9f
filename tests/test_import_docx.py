"""Reading .docx files back (civreport import): text as Word displays it, numbering, outline
levels, tables, and the refusal of broken, encrypted or hostile files; converting older formats
with LibreOffice."""

from __future__ import annotations

import io
import os
import random
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import olefile
import pytest
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from civreport.errors import InputError
from civreport.readers.importing.source import SourceBlock
from civreport.readers.importing.sources import read_source
from civreport.readers.importing.word import body, convert, convert_with_libreoffice, is_encrypted, package, read_docx

from libreoffice import soffice_to_doc
from wordfiles import FOUR_LEVELS, NS, add_list, add_xml, build, lvl, numbered


def read(fill: Callable[[DocumentObject], object]) -> list[SourceBlock]:
    return read_docx(build(fill), "总结.docx")


def texts(blocks: list[SourceBlock]) -> list[str]:
    return [block.text for block in blocks]


# ---------------------------------------------------------------------------------------------
# Numbering


def test_four_levels_of_official_numbering_restart_under_their_parent() -> None:
    outline = [
        (0, "总体情况"),
        (1, "主要工作"),
        (2, "抓学习"),
        (3, "周一"),
        (3, "周二"),
        (2, "抓落实"),
        (3, "周三"),
        (1, "其他工作"),
        (2, "抓服务"),
        (0, "存在问题"),
        (1, "问题一"),
    ]

    def fill(document: DocumentObject) -> None:
        add_list(document, 90, FOUR_LEVELS, {90: ""})
        for ilvl, text in outline:
            numbered(document, text, 90, ilvl)
        for n in range(3, 12):
            numbered(document, f"第{n}部分", 90, 0)

    blocks = read(fill)
    assert texts(blocks)[:11] == [
        "一、总体情况",
        "（一）主要工作",
        "1.抓学习",
        "（1）周一",
        "（2）周二",
        "2.抓落实",
        "（1）周三",
        "（二）其他工作",
        "1.抓服务",
        "二、存在问题",
        "（一）问题一",
    ]
    assert texts(blocks)[-2:] == ["十、第10部分", "十一、第11部分"]
    assert [b.line for b in blocks[:3]] == [1, 2, 3]
    assert all(b.style == "Normal" and b.level is None for b in blocks)


def test_numbering_from_the_heading_styles() -> None:
    def fill(document: DocumentObject) -> None:
        # Level 1 is linked to Heading 1 through the level's pStyle; Heading 2 names its ilvl.
        levels = lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>') + lvl(
            1, "chineseCounting", "（%2）"
        )
        add_list(document, 91, levels, {91: ""})
        for name, ilvl in (("Heading 1", None), ("Heading 2", 1)):
            num_pr = document.styles[name].element.get_or_add_pPr().get_or_add_numPr()
            if ilvl is not None:
                num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = 91
        document.add_heading("总体情况", 1)
        document.add_heading("主要工作", 2)
        document.add_heading("其他工作", 2)
        document.add_heading("存在问题", 1)
        document.add_paragraph("正文不编号。")
        numbered(document, "附件", 0, None, "Heading 1")  # numId 0: this heading has no number
        document.add_heading("下步打算", 1)
        document.add_heading("继续努力", 2)

    blocks = read(fill)
    assert [(b.text, b.style, b.level) for b in blocks] == [
        ("一、总体情况", "Heading 1", 1),
        ("（一）主要工作", "Heading 2", 2),
        ("（二）其他工作", "Heading 2", 2),
        ("二、存在问题", "Heading 1", 1),
        ("正文不编号。", "Normal", None),
        ("附件", "Heading 1", 1),
        ("三、下步打算", "Heading 1", 1),
        ("（一）继续努力", "Heading 2", 2),
    ]


def test_start_override_restarts_a_list_sharing_the_counters() -> None:
    def fill(document: DocumentObject) -> None:
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{}"/></w:lvlOverride>'
        add_list(document, 92, lvl(0, "decimal", "%1."), {92: "", 93: override.format(1), 94: override.format(5)})
        for num_id in (92, 92, 93, 93, 92, 94, 94):
            numbered(document, "项", num_id)

    assert texts(read(fill)) == ["1.项", "2.项", "1.项", "2.项", "3.项", "5.项", "6.项"]


def test_level_restart_and_legal_numbering() -> None:
    def fill(document: DocumentObject) -> None:
        levels = (
            lvl(0, "chineseCounting", "第%1章")
            + lvl(1, "chineseCounting", "%1.%2", extra="<w:isLgl/>")
            + lvl(2, "decimal", "%3)", extra='<w:lvlRestart w:val="0"/>')
        )
        add_list(document, 95, levels, {95: ""})
        for ilvl in (0, 1, 2, 1, 2, 0, 1, 2):
            numbered(document, "文", 95, ilvl)

    # Level 3 never restarts; level 2 shows level 1 in Arabic digits (isLgl).
    assert texts(read(fill)) == ["第一章文", "1.1文", "1)文", "1.2文", "2)文", "第二章文", "2.1文", "3)文"]


@pytest.mark.parametrize(
    ("fmt", "text", "start", "expected"),
    [
        ("ideographTraditional", "%1、", 1, ["甲、", "乙、", "丙、"]),
        ("decimalEnclosedCircle", "%1", 19, ["⑲", "⑳", "㉑"]),
        ("upperLetter", "%1.", 25, ["Y.", "Z.", "AA."]),
        ("lowerLetter", "(%1)", 1, ["(a)", "(b)", "(c)"]),
        ("upperRoman", "%1.", 3, ["III.", "IV.", "V."]),
        ("lowerRoman", "%1.", 8, ["viii.", "ix.", "x."]),
        ("decimalFullWidth", "%1．", 9, ["９．", "１０．", "１１．"]),
        ("chineseCounting", "第%1条", 98, ["第九十八条", "第九十九条", "第一〇〇条"]),
        ("chineseCountingThousand", "%1、", 104, ["一百零四、", "一百零五、", "一百零六、"]),
        ("japaneseCounting", "%1", 110, ["百十", "百十一", "百十二"]),
        ("taiwaneseCountingThousand", "%1、", 9, ["九、", "十、", "十一、"]),  # what LibreOffice writes for 一、
        ("decimalZero", "%1", 9, ["09", "10", "11"]),
        ("bullet", "\uf0b7", 1, ["", "", ""]),
        ("none", "%1", 1, ["", "", ""]),
    ],
)
def test_number_formats(fmt: str, text: str, start: int, expected: list[str]) -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 96, lvl(0, fmt, text, start), {96: ""})
        for _ in expected:
            numbered(document, "内容", 96)

    assert texts(read(fill)) == [number + "内容" for number in expected]


def test_a_list_defined_by_a_numbering_style() -> None:
    """Word's list styles: the num's abstractNum only names the style (numStyleLink); the style's
    num leads to the abstractNum with the levels (styleLink), whose counters both share."""

    def fill(document: DocumentObject) -> None:
        add_list(document, 80, '<w:styleLink w:val="GongWenList"/>' + FOUR_LEVELS, {80: ""})
        add_list(document, 81, '<w:numStyleLink w:val="GongWenList"/>', {81: ""})
        document.styles.element.append(
            parse_xml(
                f'<w:style {NS} w:type="numbering" w:styleId="GongWenList"><w:name w:val="公文编号"/>'
                '<w:pPr><w:numPr><w:numId w:val="80"/></w:numPr></w:pPr></w:style>'
            )
        )
        numbered(document, "甲", 81, 0)
        numbered(document, "乙", 81, 1)
        numbered(document, "丙", 80, 1)

    assert texts(read(fill)) == ["一、甲", "（一）乙", "（二）丙"]


def test_a_format_in_alternate_content() -> None:
    """Word 2010 writes custom formats for itself and a plain format for others."""

    def fill(document: DocumentObject) -> None:
        mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        level = (
            f'<w:lvl w:ilvl="0"><w:start w:val="8"/><mc:AlternateContent xmlns:mc="{mc}">'
            '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
            '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
            '<w:lvlText w:val="%1 "/></w:lvl>'
        )
        add_list(document, 82, level, {82: ""})
        numbered(document, "条", 82)
        numbered(document, "款", 82)

    assert texts(read(fill)) == ["08 条", "09 款"]


def test_a_missing_level_or_list_gives_no_number() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 97, lvl(0, "decimal", "%1."), {97: ""})
        numbered(document, "没有这一级", 97, 5)
        numbered(document, "没有这个编号", 404, 0)
        numbered(document, "有", 97, 0)

    assert texts(read(fill)) == ["没有这一级", "没有这个编号", "1.有"]


# ---------------------------------------------------------------------------------------------
# Styles and outline levels


def outline_level(paragraph_or_style_ppr: object, value: int) -> None:
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(value))
    paragraph_or_style_ppr.append(element)  # type: ignore[attr-defined]


def test_outline_levels_from_paragraph_style_and_heading_names() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("二〇二四年工作总结", "Title")
        small = document.styles.add_style("公文小标题", WD_STYLE_TYPE.PARAGRAPH)
        outline_level(small.element.get_or_add_pPr(), 2)
        document.add_paragraph("小标题", "公文小标题")
        derived = document.styles.add_style("我的二级", WD_STYLE_TYPE.PARAGRAPH)
        derived.base_style = document.styles["Heading 2"]
        document.add_paragraph("继承二级", "我的二级")
        document.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)  # WPS names; no outlineLvl anywhere
        document.add_paragraph("按名称三级", "标题 3")
        own = document.add_paragraph("段落自带二级")
        outline_level(own._p.get_or_add_pPr(), 1)
        body_text = document.add_heading("标题样式但标为正文", 1)
        outline_level(body_text._p.get_or_add_pPr(), 9)
        document.add_paragraph("目录", "TOC Heading")  # based on Heading 1, but outlineLvl 9
        document.add_heading("一级标题", 1)
        document.add_paragraph("正文")

    assert [(b.text, b.style, b.level) for b in read(fill)] == [
        ("二〇二四年工作总结", "Title", None),
        ("小标题", "公文小标题", 3),
        ("继承二级", "我的二级", 2),
        ("按名称三级", "标题 3", 3),
        ("段落自带二级", "Normal", 2),
        ("标题样式但标为正文", "Heading 1", None),
        ("目录", "TOC Heading", None),
        ("一级标题", "Heading 1", 1),
        ("正文", "Normal", None),
    ]


# ---------------------------------------------------------------------------------------------
# Text as Word shows it


def test_manual_line_and_page_breaks_split_a_paragraph_into_lines_it_goes_on_with() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("前言")
        document.add_paragraph("")
        run = document.add_paragraph().add_run("第一行")
        run.add_break()
        run.add_text("第二行")
        run.add_break()
        run.add_text("  \t ")  # a blank line between: dropped
        run.add_break()
        run.add_text("第三行")
        run.add_break(WD_BREAK.PAGE)
        run.add_text("分页之后")
        run.add_break()
        run.add_text("再换行")
        opening = document.add_paragraph().add_run()
        opening.add_break()
        opening.add_text("以换行开头")
        add_xml(document, f"<w:p {NS}><w:r><w:t>回车</w:t><w:cr/><w:t>之后</w:t></w:r></w:p>")

    blocks = read(fill)
    assert [(b.text, b.line, b.soft_break) for b in blocks] == [
        ("前言", 1, False),
        ("第一行", 3, False),
        ("第二行", 3, True),
        ("第三行", 3, True),
        ("分页之后", 3, True),
        ("再换行", 3, True),
        ("以换行开头", 4, False),
        ("回车", 5, False),
        ("之后", 5, True),
    ]


def test_revisions_links_fields_and_special_characters() -> None:
    def fill(document: DocumentObject) -> None:
        add_xml(
            document,
            f"""<w:p {NS}>
          <w:r><w:t xml:space="preserve">保留</w:t></w:r>
          <w:del w:id="1" w:author="审稿人"><w:r><w:delText>删掉的</w:delText></w:r></w:del>
          <w:ins w:id="2" w:author="审稿人"><w:r><w:t>插入的</w:t></w:r></w:ins>
          <w:moveFrom w:id="3" w:author="审稿人"><w:r><w:t>移走的</w:t></w:r></w:moveFrom>
          <w:hyperlink r:id="rId99"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>
          <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
          <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
          <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>/9</w:t></w:r></w:fldSimple>
          <w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>北京</w:t></w:r></w:smartTag>
          <w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:noBreakHyphen/><w:t>丙</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>
          <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>
          <w:r><w:footnoteReference w:id="1"/></w:r>
        </w:p>""",
        )
        # A field inside another field's code: only the outer result shows.
        add_xml(
            document,
            f"""<w:p {NS}>
          <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>
          <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>
          <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
          <w:r><w:instrText> = 3 "是" "否"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>
          <w:r><w:t>结果是</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>。</w:t></w:r>
        </w:p>""",
        )

    assert texts(read(fill)) == ["保留插入的链接文字7/9北京甲 乙-丙", "结果是。"]


def test_content_controls_keep_their_paragraphs() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("之前")
        add_xml(
            document,
            f"""<w:sdt {NS}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>
          <w:p><w:r><w:t>控件第一段</w:t></w:r></w:p>
          <w:p><w:r><w:t>控件第二段，</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt></w:p>
        </w:sdtContent></w:sdt>""",
        )
        document.add_paragraph("之后")

    assert [(b.text, b.line) for b in read(fill)] == [
        ("之前", 1),
        ("控件第一段", 2),
        ("控件第二段，行内控件", 3),
        ("之后", 4),
    ]


def test_a_table_with_merged_cells_and_a_nested_table() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("表前")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "项目"
        table.cell(0, 2).text = "完成情况"
        table.cell(1, 0).text = "学习"
        table.cell(1, 1).text = "12 次"
        table.cell(1, 2).merge(table.cell(2, 2)).text = "全部完成"
        table.cell(2, 0).text = "调研"
        inner = table.cell(2, 0).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "内表甲"
        inner.cell(0, 1).text = "内表乙"
        table.cell(2, 1).text = "3 次"
        table.cell(2, 1).add_paragraph("另有\t1 次")
        document.add_paragraph("表后")

    blocks = read(fill)
    assert [(b.text, b.line, b.rows is None) for b in blocks] == [("表前", 1, True), ("", 2, False), ("表后", 3, True)]
    assert blocks[1].level is None
    # A cell spanning two columns leaves the next cell in its column.
    assert blocks[1].rows == (
        ("项目", "", "完成情况"),
        ("学习", "12 次", "全部完成"),
        ("调研\n内表甲 内表乙", "3 次\n另有 1 次", ""),
    )


def test_too_many_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body, "MAX_BLOCKS", 5)
    with pytest.raises(InputError, match="段落过多"):
        read(lambda document: [document.add_paragraph(f"第{n}段") for n in range(6)])


# ---------------------------------------------------------------------------------------------
# Files that are not a readable .docx


def refused(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_docx(data, "总结.docx")
    message = str(caught.value)
    assert message.startswith("总结.docx：")
    return message


def zip_of(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def entries_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


SIMPLE = build(lambda document: document.add_paragraph("正文"))


def cfb(streams: list[str]) -> bytes:
    """A minimal OLE compound file (version 3) whose directory lists ``streams``, all empty."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)
    directory = b""
    for index, (name, kind) in enumerate([("Root Entry", 5), *((s, 2) for s in streams)]):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[: len(encoded)] = encoded
        right = index + 1 if 0 < index < len(streams) else free
        struct.pack_into("<HBBIII", entry, 64, len(encoded), kind, 1, free, right, 1 if index == 0 else free)
        struct.pack_into("<II", entry, 116, end, 0)
        directory += entry
    return bytes(header) + fat + directory.ljust(512, b"\0")


def test_not_a_zip() -> None:
    assert "不是有效的 Word（.docx）文件" in refused(os.urandom(4096))
    assert "不是有效的 Word（.docx）文件" in refused("第一季度工作总结\n一、总体情况\n".encode())
    assert "不是有效的 Word（.docx）文件" in refused(b"")


def test_encrypted() -> None:
    assert "文件已加密，请在 Word 中取消密码后另存再导入" in refused(
        cfb(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"])
    )
    # An OLE file without it is an old .doc (or .wps), not an encrypted .docx.
    assert "旧版 Word（.doc）" in refused(cfb(["WordDocument", "1Table"]))
    # A zip whose entries are encrypted (zip passwords): the general-purpose flag's bit 0.
    data = bytearray(SIMPLE)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        data[central + 8] |= 0x1
        central = data.find(b"PK\x01\x02", central + 4)
    assert "文件已加密" in refused(bytes(data))


def test_a_zip_without_a_word_body() -> None:
    entries = entries_of(SIMPLE)
    del entries["word/document.xml"]
    assert "没有 Word 正文" in refused(zip_of(entries))
    assert "不是有效的 Word（.docx）文件" in refused(zip_of({"readme.txt": b"hello"}))


def bomb(size: int) -> bytes:
    """A zip whose word/document.xml unpacks to ``size`` bytes of zeros, written as it compresses."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as stream:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                stream.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize("size", [300_000_000, 20_000_000])  # too big in all; a ratio no document has
def test_zip_bombs_are_refused_before_anything_is_unpacked(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = bomb(size)
    assert len(data) < 2_000_000
    opened: list[str] = []
    open_entry = zipfile.ZipFile.open

    def recorded(archive: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: Any, **kwargs: Any) -> IO[bytes]:
        opened.append(str(name))
        return open_entry(archive, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recorded)
    assert "解压缩后异常膨胀（疑似压缩炸弹）" in refused(data)
    assert opened == []  # refused from the sizes the archive states: not a byte was inflated


_W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def dense_styles(
    size: int, style: str = '<w:style w:type="paragraph" w:styleId="s{m}"><w:name w:val="s{n}"/></w:style>'
) -> bytes:
    """SIMPLE with a styles.xml of ``size`` bytes of ``style`` (``{n}`` counting, ``{m}`` modulo
    100), written as it compresses: a few MB of file, well under the ratio and total limits."""
    chunk = "".join(style.format(n=n, m=n % 100) for n in range(10_000)).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in entries_of(SIMPLE).items():
            if name != "word/styles.xml":
                archive.writestr(name, data)
        with archive.open("word/styles.xml", "w", force_zip64=True) as stream:
            stream.write(b'<?xml version="1.0" encoding="UTF-8"?><w:styles ' + _W_NS + b">")
            for _ in range(size // len(chunk)):
                stream.write(chunk)
            stream.write(b"</w:styles>")
    return out.getvalue()


@pytest.fixture(scope="module")
def dense_xml_bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dense-XML bomb found (a styles.xml of 190 MB in a file of a few MB, which took 2.9 GB
    to import), one whose styles.xml is under the limit of a part but is all markup, and the
    densest markup the importer takes (1,400,000 tags and attributes)."""
    folder = tmp_path_factory.mktemp("bombs")
    bombs = {
        "190 MB": dense_styles(190_000_000),
        "19 MB": dense_styles(19_000_000, "<w:style/><w:style/>"),
        "accepted": dense_styles(14_000_000, "<w:style/><w:style/>"),
    }
    for name, data in bombs.items():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/styles.xml")
        assert len(data) < 20_000_000 and info.file_size < 200 * info.compress_size  # under the old limits
        (folder / f"{name}.docx").write_bytes(data)
    return {name: folder / f"{name}.docx" for name in bombs}


def test_a_dense_xml_bomb_is_refused_before_python_docx_opens_it(
    dense_xml_bombs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object) -> None:
        raise AssertionError("python-docx opened the package")

    monkeypatch.setattr(package.docx, "Document", never)
    assert "文件中的 word/styles.xml 解压后超过 20 MB，远超正常文档（疑似压缩炸弹）" in refused(
        dense_xml_bombs["190 MB"].read_bytes()
    )
    assert "文件中的排版数据（XML）远多于正常文档（word/styles.xml 处已超过 1,500,000 个标记）" in refused(
        dense_xml_bombs["19 MB"].read_bytes()
    )


@pytest.mark.parametrize("bomb", ["190 MB", "19 MB", "accepted"])
def test_importing_a_dense_xml_bomb_takes_little_memory(dense_xml_bombs: dict[str, Path], bomb: str) -> None:
    """Peak memory of a process that imports the file (2.9 GB for the first before the limits):
    little more than Python's and civreport's own for what is refused, and for the densest XML
    taken python-docx's trees within a few hundred MB."""
    code = (
        "import resource, sys, civreport\n"
        "try:\n"
        "    print(civreport.import_document(sys.argv[1]).report.title)\n"
        "except civreport.InputError as error:\n"
        "    print(error)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    # Started by a shell in the background, not by this process: a process started from a
    # large one (pytest) counts that one's memory in its ru_maxrss, which exec keeps.
    done = subprocess.run(
        ["sh", "-c", '"$@" & wait $!', "sh", sys.executable, "-c", code, str(dense_xml_bombs[bomb])],
        capture_output=True,
        text=True,
        check=True,
    )
    outcome, peak_mb = done.stdout.splitlines()
    assert outcome == "正文" if bomb == "accepted" else "已拒绝读取" in outcome
    assert int(peak_mb) < (300 if bomb == "accepted" else 150)


def test_a_lying_size_in_the_archive() -> None:
    """The central directory says the body is 1 000 bytes; it holds 2 MB."""
    entries = entries_of(SIMPLE)
    entries["word/document.xml"] = entries["word/document.xml"].replace(b"</w:body>", b" " * 2_000_000 + b"</w:body>")
    data = bytearray(zip_of(entries))
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, central + 24, 1000)
        central = data.find(b"PK\x01\x02", central + 4)
    assert "文件已损坏" in refused(bytes(data))


def test_a_truncated_or_broken_docx() -> None:
    assert "文件已损坏" in refused(SIMPLE[: len(SIMPLE) // 2])
    entries = entries_of(SIMPLE)
    entries["word/document.xml"] = b"<w:document><w:body><w:p>"
    assert "文件已损坏" in refused(zip_of(entries))
    entries = entries_of(SIMPLE)
    del entries["[Content_Types].xml"]
    assert "文件已损坏" in refused(zip_of(entries))


def test_a_template_or_macro_document() -> None:
    entries = entries_of(SIMPLE)
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(b"document.main+xml", b"template.main+xml")
    assert ".dotx/.docm" in refused(zip_of(entries))


def test_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    entries = entries_of(SIMPLE)
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}"><!ENTITY y "内部实体">]>'.encode()
    xml = entries["word/document.xml"]
    xml = xml.replace(b"?>", b"?>" + doctype, 1).replace("正文".encode(), "正文&x;&y;".encode())
    entries["word/document.xml"] = xml
    try:
        blocks = read_docx(zip_of(entries), "总结.docx")
    except InputError:
        return
    assert not any("机密" in block.text for block in blocks)


# ---------------------------------------------------------------------------------------------
# Older formats through LibreOffice


@pytest.mark.slow
def test_a_doc_converted_by_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 90, FOUR_LEVELS, {90: ""})
        document.add_heading("工作总结", 1)
        numbered(document, "总体情况", 90, 0)
        numbered(document, "主要工作", 90, 1)
        numbered(document, "第二项", 90, 1)
        table = document.add_table(rows=2, cols=2)
        for (row, column), text in {(0, 0): "指标", (0, 1): "完成", (1, 0): "会议", (1, 1): "12"}.items():
            table.cell(row, column).text = text
        document.add_paragraph("全文完。")

    doc = soffice_to_doc(build(fill), tmp_path)
    assert doc.startswith(b"\xd0\xcf\x11\xe0")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    blocks = read_docx(convert_with_libreoffice(doc, ".doc", "总结.doc"), "总结.doc")
    assert not list((tmp_path / "temp").iterdir())  # its temporary directory is gone
    assert [(b.text, b.level) for b in blocks if b.rows is None] == [
        ("工作总结", 1),
        ("一、总体情况", None),
        ("（一）主要工作", None),
        ("（二）第二项", None),
        ("全文完。", None),
    ]
    assert [b.rows for b in blocks if b.rows is not None] == [(("指标", "完成"), ("会议", "12"))]


def test_a_doc_whose_text_is_junk_is_refused(tmp_path: Path) -> None:
    """A real .doc whose WordDocument stream is junk after its header: LibreOffice converts it
    into a line of random characters, which imported with exit status 0."""
    doc = tmp_path / "总结.doc"
    doc.write_bytes(
        soffice_to_doc(
            build(lambda document: document.add_paragraph("今年以来，我局认真贯彻落实各项工作部署。")), tmp_path
        )
    )
    assert "今年以来" in read_source(doc.read_bytes(), "总结.doc")[0].text  # as LibreOffice made it: readable
    with olefile.OleFileIO(str(doc), write_mode=True) as ole:
        stream = ole.openstream("WordDocument").read()
        junk = random.Random(1).randbytes(len(stream) - 0x200)
        ole.write_stream("WordDocument", stream[:0x200] + junk)  # the header (FIB) kept, the text junk
    with pytest.raises(InputError) as caught:
        read_source(doc.read_bytes(), "总结.doc")
    assert str(caught.value) == (
        "总结.doc：没有读到可以辨认的文字：LibreOffice 转换出的内容是空的或一串乱码，文件可能已损坏。"
        "请在 Word/WPS 中打开它，确认内容正常后另存为 .docx 再导入"
    )


def test_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(
        InputError, match=r"需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer）"
    ):
        convert_with_libreoffice(b"{\\rtf1 hello}", ".rtf", "总结.rtf")


def fake_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, script: str) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: str(program) if name == "soffice" else None)
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "temp"))


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def test_a_conversion_that_hangs_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    child = tmp_path / "child.pid"
    fake_soffice(monkeypatch, tmp_path, f'sleep 60 &\necho $! > "{child}.new" && mv "{child}.new" "{child}"\nwait\n')
    monkeypatch.setattr(convert, "LIBREOFFICE_TIMEOUT", 0.5)
    wait = subprocess.Popen.wait

    def once_started(process: subprocess.Popen[bytes], timeout: float | None = None) -> int:
        # The time-out runs from when the stand-in has started its child, however busy the machine.
        while not child.exists() and process.poll() is None:
            time.sleep(0.01)
        return wait(process, timeout)

    monkeypatch.setattr(subprocess.Popen, "wait", once_started)
    with pytest.raises(InputError, match="LibreOffice 无法转换此文件"):
        convert_with_libreoffice(b"{\\rtf1 hello}", ".rtf", "总结.rtf")
    pid = int(child.read_text())
    deadline = time.monotonic() + 60  # a bound for a defect, not a measure: SIGKILL ends it at once
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid)  # what LibreOffice started is killed with it
    assert not list((tmp_path / "temp").iterdir())


def test_the_converted_file_is_returned_within_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(
        monkeypatch,
        tmp_path,
        'while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
        'mkdir -p "$out" && head -c 2000 /dev/zero > "$out/source.docx"\n',
    )
    assert convert_with_libreoffice(b"{\\rtf1 hello}", ".rtf", "总结.rtf") == bytes(2000)
    monkeypatch.setattr(convert, "MAX_IMPORT_BYTES", 1000)
    with pytest.raises(InputError, match="超过了导入的上限"):
        convert_with_libreoffice(b"{\\rtf1 hello}", ".rtf", "总结.rtf")
    assert not list((tmp_path / "temp").iterdir())


def test_a_conversion_without_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(monkeypatch, tmp_path, "exit 0\n")
    with pytest.raises(InputError, match="LibreOffice 无法转换此文件：文件可能已损坏或已加密"):
        convert_with_libreoffice(b"{\\rtf1 hello}", ".rtf", "总结.rtf")
    assert not list((tmp_path / "temp").iterdir())
    # Binary junk never reaches LibreOffice, which would import it as plain text.
    with pytest.raises(InputError, match="LibreOffice 无法转换此文件"):
        convert_with_libreoffice(bytes(range(256)) * 8, ".doc", "总结.doc")


def test_a_doc_that_holds_no_word_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid OLE header over junk (olefile finds no stream in it), and files that are no OLE
    file at all, named .doc or .wps: a Chinese error naming the file, and LibreOffice, which
    would import the junk as text, is never run."""
    fake_soffice(monkeypatch, tmp_path, f'touch "{tmp_path / "ran"}"\n')
    header = cfb(["WordDocument", "1Table"])[:512]
    junk = bytes(range(256)) * 16
    for data, message in (
        (header + junk, "文件已损坏，无法读取：请在 Word/WPS 中打开，另存为 .docx 后再导入"),
        (header + bytes(4096), "文件已损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + junk, "文件已损坏"),
        ("第一季度工作总结\n一、总体情况\n".encode(), "文件内容与后缀不符"),
        (junk, "文件内容与后缀不符"),
    ):
        for name in ("总结.doc", "总结.wps"):
            assert not is_encrypted(data)
            with pytest.raises(InputError) as caught:
                read_source(data, name)
            assert str(caught.value).startswith(f"{name}：") and message in str(caught.value)
    assert not (tmp_path / "ran").exists()


# ---------------------------------------------------------------------------------------------
# What a review of Word files as offices make them found


_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
_WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
_V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _box(text: str) -> str:
    return f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"


def test_text_boxes_are_read_once_and_placeholders_and_contents_left_out() -> None:
    def fill(document: DocumentObject) -> None:
        # A table of contents: a TOC field whose result repeats the headings with page numbers.
        add_xml(
            document,
            f'<w:p {NS}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t>一、主要工作</w:t></w:r><w:r><w:tab/><w:t>1</w:t></w:r></w:p>",
        )
        add_xml(
            document,
            f"<w:p {NS}><w:r><w:t>二、存在问题</w:t></w:r><w:r><w:tab/><w:t>2</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        )
        document.add_paragraph("一、主要工作")
        # A text box as Word writes it: for new readers and again for old ones.
        add_xml(
            document,
            f"<w:p {NS} {_MC} {_WPS} {_V}><w:r><w:t>见专栏。</w:t></w:r><w:r><mc:AlternateContent>"
            f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{_box("专栏：典型经验")}</wps:txbx></w:drawing>'
            f"</mc:Choice><mc:Fallback><w:pict><v:textbox>{_box('专栏：典型经验')}</v:textbox></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r></w:p>",
        )
        # Word's prompt in an empty content control, in a block and inline.
        add_xml(
            document,
            f"<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>"
            "<w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        )
        add_xml(
            document,
            f"<w:p {NS}><w:r><w:t>悬挂横幅</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
            "<w:sdtContent><w:r><w:t>单击此处输入数字。</w:t></w:r></w:sdtContent></w:sdt>"
            "<w:r><w:t>条。</w:t></w:r></w:p>",
        )

    assert texts(read(fill)) == ["一、主要工作", "见专栏。", "专栏：典型经验", "悬挂横幅条。"]


def test_a_paragraph_deleted_with_its_mark_takes_no_number_and_footnotes_follow_their_paragraph() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 91, FOUR_LEVELS, {91: ""})
        numbered(document, "强化组织领导", 91, 1)
        numbered(document, "已删去的一条", 91, 1)
        deleted = document.paragraphs[-1]._p
        deleted.get_or_add_pPr().append(
            parse_xml(f'<w:rPr {NS}><w:del w:id="9" w:author="a" w:date="2024-07-01T00:00:00Z"/></w:rPr>')
        )
        run = deleted.find(qn("w:r"))
        run.find(qn("w:t")).tag = qn("w:delText")
        holder = parse_xml(f'<w:del {NS} w:id="10" w:author="a" w:date="2024-07-01T00:00:00Z"/>')
        run.addprevious(holder)
        holder.append(run)
        numbered(document, "加强宣传引导", 91, 1)
        add_xml(
            document,
            f'<w:p {NS}><w:r><w:t>数据见统计公报</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>'
            "<w:r><w:t>。</w:t></w:r></w:p>",
        )

    data = build(fill)
    # A footnotes part, as Word adds one: the separators, then the note.
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/footnotes.xml"] = (
        f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:t>数据来源于区统计局。</w:t></w:r></w:p></w:footnote></w:footnotes>'
    ).encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    blocks = read_docx(out.getvalue(), "总结.docx")
    assert texts(blocks) == ["（一）强化组织领导", "（二）加强宣传引导", "数据见统计公报。", "注：数据来源于区统计局。"]


def test_a_paragraph_whose_mark_alone_is_deleted_runs_on_into_the_next() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("部分单位存在")
        document.paragraphs[-1]._p.get_or_add_pPr().append(
            parse_xml(f'<w:rPr {NS}><w:del w:id="7" w:author="a" w:date="2024-07-01T00:00:00Z"/></w:rPr>')
        )
        document.add_paragraph("重突击、轻常态的现象。")
        document.add_paragraph("最后一段")
        document.paragraphs[-1]._p.get_or_add_pPr().append(
            parse_xml(f'<w:rPr {NS}><w:del w:id="8" w:author="a" w:date="2024-07-01T00:00:00Z"/></w:rPr>')
        )

    assert texts(read(fill)) == ["部分单位存在重突击、轻常态的现象。", "最后一段"]


def test_a_title_in_a_one_cell_table_and_a_sign_off_table_are_read_as_text() -> None:
    from civreport import import_document

    def fill(document: DocumentObject) -> None:
        document.add_table(rows=1, cols=1).cell(0, 0).text = "河东区2024年上半年创建全国文明城市工作总结"
        document.add_paragraph("今年以来，我区扎实推进创建工作。")
        document.add_paragraph("一、主要做法")
        document.add_paragraph("加强组织领导。")
        table = document.add_table(rows=2, cols=1)
        table.cell(0, 0).text = "河东区创建全国文明城市工作领导小组办公室"
        table.cell(1, 0).text = "2024年7月5日"

    report = import_document(build(fill), format="docx").report
    assert (report.office, report.period.code(), report.subject) == ("河东区", "2024H1", "创建全国文明城市")
    assert report.signoff == "河东区创建全国文明城市工作领导小组办公室" and str(report.date) == "2024-07-05"
