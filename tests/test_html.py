"""The rendered HTML document: the one source of every output."""

from lxml import html as lxml_html

import civreport
from civreport.compose import compose
from civreport.rendering.blocks import Paragraph

from conftest import SAMPLES, make_report


def body_blocks(report):
    root = lxml_html.fromstring(civreport.render_html(report).encode())
    return [(el.get("class"), el.text_content()) for el in root.body.iter("h1", "h2", "h3", "h4", "h5", "p")]


def test_document_structure_and_classes():
    blocks = body_blocks(make_report(recipients="市创城办", attachments=["创建工作台账"]))
    assert blocks[:4] == [
        ("title", "小河区创建全国文明城市工作领导小组办公室2024年第三季度创建全国文明城市工作总结"),
        ("blank", ""),
        ("recipients", "市创城办："),
        (
            "body",
            "今年以来，我区坚持以创促建、以创惠民，扎实推进各项创建工作。现将2024年第三季度创建全国文明城市工作情况总结如下：",
        ),
    ]
    assert ("heading-1", "一、主要做法") in blocks
    assert ("body", "（一）强化组织领导。成立创建工作领导小组。") in blocks
    assert blocks[-5:] == [
        ("blank", ""),
        ("attachment", "附件：创建工作台账"),
        ("blank", ""),
        ("signoff-name", "小河区创建全国文明城市工作领导小组办公室"),
        ("signoff-date", "2024年10月8日"),
    ]


def test_user_text_is_escaped():
    text = '<img src="http://example.com/x.png">&<script>alert(1)</script>'
    page = civreport.render_html(make_report(opening=[text]))
    assert "<img" not in page and "<script>" not in page
    assert '&lt;img src="http://example.com/x.png"&gt;&amp;&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert ("body", text + "。现将2024年第三季度创建全国文明城市工作情况总结如下：") in body_blocks(
        make_report(opening=[text])
    )


def test_metadata_comes_from_the_report():
    root = lxml_html.fromstring(civreport.render_html(make_report()).encode())
    meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    assert meta["author"] == "小河区创建全国文明城市工作领导小组办公室"
    assert meta["dcterms.created"].startswith("2024-10-08")
    assert root.find(".//title").text.endswith("工作总结")


PART_HEADINGS = {
    "district-2023-civilized-city": ["一、创建基本情况", "二、存在的问题", "三、下一步工作计划"],
    "hedong-street-2021": ["一、主要工作措施及成效", "二、存在的主要问题", "三、下一步工作计划"],
    "industrial-park-2017": ["一、主要做法", "二、存在的问题", "三、下段工作打算", "四、相关建议"],
    "xiaohe-civilized-district": [
        "一、健全机制，增强创建工作实效",
        "二、广泛宣传、大力发动，营造浓郁的创建氛围",
        "三、以为民办实事为突破口，以点带面，全面推进文明区创建工作",
        "四、存在的问题",
    ],
}


def expected_blocks(doc):
    """What the report template prints for a composed summary, block by block."""
    out = [("title", "\n".join(doc.title_lines))]
    out += [("subtitle", doc.subtitle)] if doc.subtitle else []
    out.append(("blank", ""))
    out += [("recipients", doc.recipients)] if doc.recipients else []
    out += [("body", t) for t in doc.opening]

    def table(t):
        out.extend([("table-title", t.title)] if t.title else [])
        out.append(("table", [t.header, *t.rows]))
        out.append(("blank", ""))

    def walk(sections):
        for s in sections:
            if s.level == 1 or (s.is_heading and not s.run_in):
                out.append((f"heading-{s.level}", s.heading))
            texts = s.texts
            if s.run_in and texts:
                texts = [s.heading + texts[0], *texts[1:]]
            out.extend(("body", t) for t in texts)
            for t in s.tables:
                table(t)
            walk(s.children)

    walk(doc.sections)
    out += [("body", t) for t in doc.closing]
    if doc.attachments:
        out.append(("blank", ""))
        out += [("attachment", "\n".join(line.lines)) for line in doc.attachments]
    return [*out, ("blank", ""), ("signoff-name", doc.signoff.name), ("signoff-date", doc.signoff.date)]


def test_every_sample_renders_block_for_block():
    assert sorted(PART_HEADINGS) == [s.stem for s in SAMPLES]
    for sample in SAMPLES:
        report = civreport.load(sample).report
        blocks = [
            (b.style, b.text) if isinstance(b, Paragraph) else ("table", [[c.text for c in row] for row in b.rows])
            for b in civreport.render_page(report).blocks
        ]
        assert blocks == expected_blocks(compose(report)), sample.stem
        assert [text for style, text in blocks if style == "heading-1"] == PART_HEADINGS[sample.stem]
        # What the HTML shows is what the paragraphs say.
        assert body_blocks(report) == [(style, text.replace("\n", "")) for style, text in blocks if style != "table"]


def test_unprintable_characters_are_dropped_once_with_a_warning_naming_the_field(tmp_path):
    import json

    import pytest

    from conftest import MINIMAL

    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            dict(MINIMAL, opening=["控制\x07字符\x00都去掉。"], subtitle="副\x1f标题", subject="创建\ud800文明城市")
        ),
        encoding="utf-8",
    )
    with pytest.warns(civreport.CivreportWarning) as caught:
        report = civreport.load(path)
    assert sorted(str(w.message) for w in caught) == [
        "字段 opening[0]：已删除无法打印的字符 U+0000、U+0007（“控制字符都去掉。”）",
        "字段 subject：已删除无法打印的字符 U+D800（“创建文明城市”）",
        "字段 subtitle：已删除无法打印的字符 U+001F（“副标题”）",
    ]
    page = civreport.render_html(report)
    assert "控制字符都去掉。" in page and "副标题" in page and "创建文明城市" in page
    assert not any(c in page for c in "\x00\x07\x1f\ud800")


def test_each_paragraph_names_the_fields_it_prints():
    """For the editor (issue 26.1): a paragraph's data-path names the report's fields it prints,
    whatever the composition made of them (a number before a title, 一是 before a point, a
    point's end mark); the paragraph, the points and the table of every sample each once."""
    for sample in SAMPLES:
        report = civreport.load(sample).report
        page = civreport.render_page(report)
        root = lxml_html.fromstring(page.html.encode())
        named = [path for el in root.body.iter() for path in (el.get("data-path") or "").split()]
        assert named == [path for block in page.blocks for path in block.paths], sample.stem
        wanted = [t.path for t in report.all_texts() if t.kind in ("paragraph", "point", "lead", "cell", "caption")]
        assert sorted(set(wanted) - set(named)) == [], sample.stem
        assert len(named) == len(set(named)), sample.stem
    page = civreport.render_page(make_report(recipients="市创城办"))
    shown = {block.text.replace("\n", ""): block.paths for block in page.blocks if isinstance(block, Paragraph)}
    assert shown["（一）强化组织领导。成立创建工作领导小组。"] == (
        "measures[0].items[0].title",
        "measures[0].items[0].body[0]",
    )
    assert shown["（二）加强宣传引导。一是设置公益广告1200处；二是开展志愿服务活动。"] == (
        "measures[0].items[1].title",
        "measures[0].items[1].points[0]",
        "measures[0].items[1].points[1]",
    )
    assert shown["市创城办："] == ("recipients",)
    assert shown["一、主要做法"] == shown[""] == ()  # a heading the page names itself, a blank line: no field
