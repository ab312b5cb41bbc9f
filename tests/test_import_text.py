"""Reading plain text, web pages and Markdown back for `civreport import`: encodings, what is
not text, blocks and their lines, tables, and hostile input refused in Chinese."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civreport import InputError, import_document
from civreport.readers.importing.htmlsource import read_html
from civreport.readers.importing.mdsource import read_markdown
from civreport.readers.importing.source import MAX_BLOCKS, SourceBlock
from civreport.readers.importing.textsource import decode_text, read_txt

SUMMARY = "关于2024年创建工作的总结\n今年以来，我区坚持以创促建。\n一、主要工作\n完成12项重点任务，〇八年以来首次。"


def refused(error: pytest.ExceptionInfo[InputError] | InputError, *fragments: str) -> str:
    """The error's message, after checking it is one Chinese message holding ``fragments``, with
    no English from a codec or parser in it."""
    [problem] = (error if isinstance(error, InputError) else error.value).problems
    message = problem.message
    for fragment in fragments:
        assert fragment in message
    assert re.search("[\u4e00-\u9fff]", message)
    assert not re.search(r"[A-Za-z]{6,}", message), message  # UTF-8, PDF, Word are fine; "codec", "Error" are not
    return message


def texts(blocks: list[SourceBlock]) -> list[str]:
    return [block.text for block in blocks]


# -- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        SUMMARY.encode("utf-8"),
        codecs.BOM_UTF8 + SUMMARY.encode("utf-8"),
        codecs.BOM_UTF16_LE + SUMMARY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SUMMARY.encode("utf-16-be"),
        SUMMARY.encode("utf-16-le"),  # Windows Notepad's "Unicode", without its BOM
        SUMMARY.encode("utf-16-be"),
        SUMMARY.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "gb18030"],
)
def test_encodings(encoded: bytes) -> None:
    assert decode_text(encoded, "a.txt") == SUMMARY


def test_utf16_without_bom_ascii_and_gb18030_rare_characters() -> None:
    assert decode_text("Summary 2024\nline two".encode("utf-16-le"), "a.txt") == "Summary 2024\nline two"
    # 一 最 退 刀 have a zero byte too, on the other side from ASCII's.
    heavy = "一是统一思想，一以贯之；\n二是最大限度退出。\n第一季度完成10项。"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_text(heavy.encode(codec), "a.txt") == heavy
    rare = "〇𠀀𪚥丨\n𠀀是扩展B区的第一个字"
    encoded = rare.encode("gb18030")
    assert b"\x95\x32\x82\x36" in encoded  # 𠀀 takes GB18030's four-byte form
    assert decode_text(encoded, "a.txt") == rare


def test_line_ends_become_newlines() -> None:
    assert decode_text(b"a\r\nb\rc\n\r\nd", "a.txt") == "a\nb\nc\n\nd"
    blocks = read_txt("第一行\r\n\r\n第三行\r第四行".encode("gb18030"), "a.txt")
    assert [(block.text, block.line) for block in blocks] == [("第一行", 1), ("第三行", 3), ("第四行", 4)]


def test_undecodable_bytes() -> None:
    with pytest.raises(InputError) as error:
        decode_text(b"\x80\x81\xff abc", "a.txt")
    assert refused(error, "无法识别文件的文字编码", "UTF-8") == "无法识别文件的文字编码：请另存为 UTF-8 文本后再导入"
    assert error.value.problems[0].file == "a.txt"
    # UTF-8 damaged on its third line: the line is named.
    with pytest.raises(InputError) as error:
        decode_text("第一行\n第二行\n".encode() + b"\xff\xfe\xfd\n", "b.txt")
    refused(error, "无法识别文件的文字编码")
    assert error.value.problems[0].line == 3
    with pytest.raises(InputError) as error:
        decode_text(codecs.BOM_UTF32_LE + "文字".encode("utf-32-le"), "c.txt")
    refused(error, "UTF-32", "UTF-8")
    with pytest.raises(InputError) as error:
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8", "d.txt")  # a lone surrogate
    refused(error, "无法识别文件的文字编码")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (_zip(), "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".doc"),
        (bytes(range(256)) * 8, "二进制"),
    ],
)
def test_binary_disguised_as_text(data: bytes, what: str) -> None:
    for reader in (decode_text, read_txt, read_html, read_markdown):
        with pytest.raises(InputError) as error:
            reader(data, "总结.txt")
        refused(error, "不是文本文件", what)


# -- plain text -------------------------------------------------------------------------------


def test_txt_lines_blank_lines_and_indents() -> None:
    text = (
        "关于2024年工作的总结\n\n\u3000\u3000今年以来，我区坚持以创促建。  \n"
        "\xa0\xa0一、主要工作\t\n   \n\ufeff# 不是标题\n"
    )
    blocks = read_txt(text.encode(), "a.txt")
    assert [(block.text, block.line) for block in blocks] == [
        ("关于2024年工作的总结", 1),
        ("今年以来，我区坚持以创促建。", 3),
        ("一、主要工作", 4),
        ("# 不是标题", 6),
    ]
    assert all(block.style is None and block.level is None and block.rows is None for block in blocks)
    assert read_txt(b"", "a.txt") == []
    assert read_txt("\n \u3000\n\t\n".encode(), "a.txt") == []


def test_txt_tab_tables() -> None:
    text = (
        "主要指标完成情况\n"
        "\t2023年\t2024年\n"  # a header with an empty corner cell
        "公益广告（处）\t1000\t1200\n"
        "志愿服务（次）\t\t36\n"
        "合计\t5\n"  # another number of cells: not this table's
        "\n"
        "一、\t主要工作\n"  # Word's list numbering copied with its tab: a line
        "（一）\t强化组织领导\n"
        "项目\t负责单位\n"
    )
    blocks = read_txt(text.encode("gb18030"), "a.txt")
    assert blocks[0] == SourceBlock("主要指标完成情况", 1)
    assert blocks[1] == SourceBlock(
        "", 2, rows=(("", "2023年", "2024年"), ("公益广告（处）", "1000", "1200"), ("志愿服务（次）", "", "36"))
    )
    assert blocks[2] == SourceBlock("", 5, rows=(("合计", "5"),))
    assert blocks[3:] == [
        SourceBlock("一、主要工作", 7),
        SourceBlock("（一）强化组织领导", 8),
        SourceBlock("", 9, rows=(("项目", "负责单位"),)),
    ]


def test_too_many_blocks() -> None:
    with pytest.raises(InputError) as error:
        read_txt(b"x\n" * (MAX_BLOCKS + 1), "a.txt")
    refused(error, "段落过多")
    assert len(read_txt(b"x\n" * MAX_BLOCKS, "a.txt")) == MAX_BLOCKS
    with pytest.raises(InputError) as error:
        read_html(b"<p>x</p>" * (MAX_BLOCKS + 1), "a.html")
    refused(error, "段落过多")


# -- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>网页标题</title>
<style>p { color: red }</style></head>
<body>
<div>前言文字
  <div>内层<b>加粗</b>的<a href="x.html">链接</a>文字</div>
  两块之间的文字
  <p>第一行<br>第二行<br/><br>新的一段</p>
</div>
<h1>关于2024年<br>工作总结</h1>
<h3>（一）强化组织领导</h3>
<script>document.write("脚本")</script><noscript>不显示</noscript><template><p>模板</p></template>
<!-- 注释
     不显示 -->
<p>今年以来，我区
坚持 A&amp;B&nbsp;&nbsp;C&lt;D&gt;　全角空格&#x4E2D;&copy;</p>
<ol start="3"><li>第三项</li><li><p>第四项</p></li></ol>
<ul><li>要点</li></ul>
</body></html>"""


def test_html_blocks() -> None:
    blocks = read_html(PAGE.encode(), "a.html")
    assert [(block.text, block.line, block.soft_break) for block in blocks] == [
        ("前言文字", 5, False),
        ("内层加粗的链接文字", 6, False),
        ("两块之间的文字", 7, False),
        ("第一行", 8, False),
        ("第二行", 8, True),
        ("新的一段", 8, False),
        ("关于2024年", 10, False),
        ("工作总结", 10, True),
        ("（一）强化组织领导", 11, False),
        ("今年以来，我区坚持 A&B C<D>\u3000全角空格中©", 15, False),
        ("3.第三项", 17, False),
        ("4.第四项", 17, False),
        ("要点", 18, False),
    ]
    assert [(block.style, block.level) for block in blocks if block.level] == [("h1", 1), ("h1", 1), ("h3", 3)]
    assert all(block.style is None for block in blocks if not block.level)
    joined = "".join(texts(blocks))
    for hidden in ("网页标题", "color", "脚本", "不显示", "模板", "注释"):
        assert hidden not in joined


def test_html_tables() -> None:
    page = """<body><p>表格前</p>
<table border="1"><caption>表1 主要指标</caption>
<thead><tr><th>项目</th><th colspan="2">完成情况</th></tr></thead>
<tbody><tr><td>公益广告</td><td rowspan="2">已完成</td><td><p>1200</p><p>处</p></td></tr>
<tr><td>志愿<br>服务</td><td>36</td></tr></tbody></table>
表格后
<table><tr><td><p>整页排在一个单元格里的正文。</p><p>第二段。</p></td></tr></table>
</body>"""
    blocks = read_html(page.encode(), "a.html")
    assert blocks[0] == SourceBlock("表格前", 1)
    assert blocks[1] == SourceBlock("表1 主要指标", 2)
    assert blocks[2] == SourceBlock(
        "", 2, rows=(("项目", "完成情况", ""), ("公益广告", "已完成", "1200\n处"), ("志愿\n服务", "", "36"))
    )
    assert blocks[3].text == "表格后"
    # A table of one column lays out the page: its paragraphs are read as paragraphs.
    assert [(block.text, block.rows) for block in blocks[4:]] == [
        ("整页排在一个单元格里的正文。", None),
        ("第二段。", None),
    ]


def test_html_table_spans_cannot_blow_up() -> None:
    page = "<table><tr>" + '<td colspan="1000">x</td><td>y</td>' * 300 + "</tr></table>"
    with pytest.raises(InputError) as error:
        read_html(page.encode(), "a.html")
    refused(error, "表格过大")


def test_html_list_numbers() -> None:
    page = (
        '<ol><li value="x">甲</li><li value="7">乙</li><li>丙</li><li></li></ol>'
        '<ol type="a" start="27"><li>丁</li></ol><ol type="I" start="4"><li>戊</li></ol>'
        "<ol><li><ul><li>要点</li></ul></li><li>己</li></ol>"
    )  # a browser shows "1. • 要点"
    assert texts(read_html(page.encode(), "a.html")) == ["1.甲", "7.乙", "8.丙", "aa.丁", "IV.戊", "1.要点", "2.己"]


def test_html_declared_encodings() -> None:
    gbk = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>关于〇八年的总结</p></body></html>"
    ).encode("gbk")
    assert texts(read_html(gbk, "a.html")) == ["关于〇八年的总结"]
    gbk = '<meta charset="GBK"><p>中文网页</p>'.encode("gbk")
    assert texts(read_html(gbk, "a.html")) == ["中文网页"]
    # Re-saved as UTF-8, the declaration left stale.
    assert texts(read_html('<meta charset="gb2312"><p>其实是UTF-8</p>'.encode(), "a.html")) == ["其实是UTF-8"]
    assert texts(read_html('<meta charset="iso-8859-1"><p>其实是UTF-8</p>'.encode(), "a.html")) == ["其实是UTF-8"]
    # Undeclared: read as a text file is.
    assert texts(read_html("<p>没有声明编码</p>".encode("gb18030"), "a.html")) == ["没有声明编码"]
    assert texts(read_html(codecs.BOM_UTF16_LE + "<p>带BOM</p>".encode("utf-16-le"), "a.html")) == ["带BOM"]
    # Not an encoding of web pages: ignored, not used.
    assert texts(read_html(b'<meta charset="unicode_escape"><p>\\u4e2d</p>', "a.html")) == ["\\u4e2d"]


def test_html_without_text() -> None:
    for page in (
        b"",
        b"   \n",
        b"<!-- only a comment -->",
        b"<html><head><title>t</title></head></html>",
        b"<p>\xc2\xa0</p><p> </p>",
    ):
        assert read_html(page, "a.html") == []


def test_html_pre_and_cjk_line_wrapping() -> None:
    page = "<body>\n<pre>\n第一行  保留空格\n\n  第三行</pre>\n<p>源码里\n  换行的中文\nand English\nwords</p></body>"
    blocks = read_html(page.encode(), "a.html")
    assert [(block.text, block.line) for block in blocks] == [
        ("第一行  保留空格", 3),
        ("第三行", 5),
        ("源码里换行的中文 and English words", 6),
    ]


def test_hostile_html_entities_and_external_entities() -> None:
    passwd = Path("/etc/passwd")
    secret = passwd.read_text(errors="replace").split(":")[0] + ":x:" if passwd.exists() else "root:x:"
    page = """<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<html><body><p>开始 &lol3; &xxe; 结束</p>
<iframe src="file:///etc/passwd"></iframe><img src="file:///etc/passwd"><object data="file:///etc/passwd"></object>
</body></html>"""
    blocks = read_html(page.encode(), "a.html")
    joined = "\n".join(texts(blocks))
    assert secret not in joined and "lollol" not in joined
    assert blocks == [SourceBlock("开始 &lol3; &xxe; 结束", 9)]  # no "]>" left over from the DOCTYPE either


def test_deeply_nested_html() -> None:
    depth = 10_000
    for page in (
        "<html><body>" + "<div>层" * depth + "</div>" * depth + "</body></html>",
        "<table><tr><td>" * depth + "最深处",
        "<ol><li>" * depth + "最深处",
        "<span>" * depth + "最深处",
    ):
        try:
            blocks = read_html(page.encode(), "deep.html")
        except InputError as error:
            refused(error, "嵌套过深")
        else:  # read in full, or not at all: never the top of the page only
            assert "最深处" in "".join(texts(blocks)) or texts(blocks).count("层") == depth


# -- Markdown ---------------------------------------------------------------------------------

MARKDOWN = """# 关于2024年工作的总结

今年以来，我区坚持以创促建，
扎实推进各项创建工作，\\
取得明显成效。

## 一、主要工作

3. 强化组织领导
4. 加强**宣传**引导，见[附件](http://example.com/a.docx)
   - 设置公益广告![广告照片](a.png)
   - 开展志愿服务

<div onclick="alert(1)">原样的<b>网页代码</b></div>
<script>alert("x")</script>

| 指标 | 完成 |
|------|-----:|
| 公益广告 | `1200` |
| 志愿服务 | 36 |

```text
代码第一行
  代码第二行
```

> 引用的一段
> 接着引用

---
"""


def test_markdown_blocks() -> None:
    blocks = read_markdown(MARKDOWN.encode(), "a.md")
    assert [
        (block.text, block.line, block.style, block.level, block.soft_break) for block in blocks if not block.rows
    ] == [
        ("关于2024年工作的总结", 1, "h1", 1, False),
        ("今年以来，我区坚持以创促建，", 3, None, None, False),
        ("扎实推进各项创建工作，", 4, None, None, True),
        ("取得明显成效。", 5, None, None, True),
        ("一、主要工作", 7, "h2", 2, False),
        ("3.强化组织领导", 9, None, None, False),
        ("4.加强宣传引导，见附件 http://example.com/a.docx", 10, None, None, False),
        ("设置公益广告广告照片", 11, None, None, False),
        ("开展志愿服务", 12, None, None, False),
        ('<div onclick="alert(1)">原样的<b>网页代码</b></div>', 14, None, None, False),
        ('<script>alert("x")</script>', 15, None, None, True),
        ("代码第一行", 23, None, None, False),
        ("代码第二行", 24, None, None, False),
        ("引用的一段", 27, None, None, False),
        ("接着引用", 28, None, None, True),
    ]
    [table] = [block for block in blocks if block.rows]
    assert table == SourceBlock("", 17, rows=(("指标", "完成"), ("公益广告", "1200"), ("志愿服务", "36")))
    # A link's address follows its text, for the importer to drop and list as a URL.
    result = import_document(MARKDOWN.encode(), format="md")
    assert [(d.line, d.text, d.reason) for d in result.drops] == [(10, "http://example.com/a.docx", "网址")]


def test_markdown_bold_run_in_headings_and_list_items() -> None:
    # CommonMark leaves ** literal after 。 before a letter; list items are paragraphs.
    source = (
        "# 关于2024年乡村振兴工作情况的报告\n\n## 一、存在的问题\n\n**（一）产业链条短。**农产品附加值不高。\n\n"
        "**（二）资金投入不足。**村集体经济薄弱。\n\n## 二、主要做法\n\n- 完成户厕改造620户；\n- 新建污水处理站4座；\n\n"
        "占位符**不动**，**××**也不动。\n"
    )
    report = import_document(source.encode(), format="md").report
    problems, measures = report.parts
    assert [(item.title, item.body) for item in problems.items] == [
        ("产业链条短", ["农产品附加值不高。"]),
        ("资金投入不足", ["村集体经济薄弱。"]),
    ]
    assert measures.body == ["完成户厕改造620户；", "新建污水处理站4座；", "占位符不动，**××**也不动。"]


def test_markdown_lists_and_empty() -> None:
    blocks = read_markdown("1) 甲\n1) 乙\n\n- 丙\n* 丁\n\n10. 十\n".encode(), "a.md")
    assert texts(blocks) == ["1)甲", "2)乙", "丙", "丁", "10.十"]
    assert read_markdown(b"", "a.md") == []
    assert read_markdown(b"---\n\n[ref]: http://example.com\n", "a.md") == []


def test_deeply_nested_markdown() -> None:
    # Deeper than markdown-it's default limit (20), where it would drop the text unsaid.
    assert texts(read_markdown((">" * 30 + " 深处的话\n\n之后").encode(), "a.md")) == ["深处的话", "之后"]
    nested = "".join("  " * level + f"- 第{level}层\n" for level in range(15))
    assert texts(read_markdown(nested.encode(), "a.md"))[-1] == "第14层"
    with pytest.raises(InputError) as error:
        read_markdown((">" * 10_000 + " x").encode(), "a.md")
    refused(error, "嵌套过深")


# -- any input: blocks or a Chinese refusal, nothing else ----------------------------------------


@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    for reader in (read_txt, read_html, read_markdown):
        try:
            blocks = reader(data, "x")
        except InputError as error:
            assert re.search("[\u4e00-\u9fff]", str(error))
        else:
            assert all(block.line >= 1 and block.text == block.text.strip() for block in blocks)


@given(st.text(max_size=300))
def test_any_text_in_utf8(text: str) -> None:
    data = text.encode("utf-8", errors="replace")
    if "\x00" in text:
        return
    assert decode_text(data, "x") == text.replace("\r\n", "\n").replace("\r", "\n") or data.startswith(codecs.BOM_UTF8)
    for reader in (read_txt, read_html, read_markdown):
        reader(data, "x")
