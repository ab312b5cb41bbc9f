"""Office profiles and template overrides: the same report, two offices, both outputs."""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
import textwrap

import docx
import pytest

import civreport
from civreport import InputError, TemplateError, load_profile, render_docx
from civreport.cli import main
from civreport.compose import compose
from civreport.writers.pdf import writer as pdf_writer

from conftest import ROOT, YAML, W, closing_block, make_report, office_with_template
from geometry import MM, body, paragraph, quiet_pdf, right_edge
from libreoffice import to_pdf
from pdftext import pages, spans, stroked

OFFICES = ROOT / "samples" / "offices"
STRICT = OFFICES / "gbt9704" / "profile.yaml"
COMMON = OFFICES / "common-practice" / "profile.yaml"
OFFICES_BY_NAME = (("strict", STRICT), ("common", COMMON))

LEVEL3 = [{"title": "强化组织领导", "items": [{"title": "健全机构", "body": ["成立创建工作领导小组。"]}]}]


def report():
    """Two pages and more, so that even pages show their margins."""
    return make_report(
        office="小河区", measures=[{"items": LEVEL3}], problems=[{"body": [paragraph(9, seed) for seed in range(4)]}]
    )


@pytest.fixture(scope="module")
def outputs():
    out = {}
    for name, profile in (("strict", STRICT), ("common", COMMON)):
        r = report()
        pdf = quiet_pdf(r, office=profile)
        out[name] = (pages(pdf), spans(pdf), docx.Document(io.BytesIO(render_docx(r, office=profile))))
    return out


def test_child_profile_inherits_what_it_does_not_override():
    common = load_profile(COMMON)
    assert [f.name for f in common.files] == ["profile.yaml", "profile.yaml"] and common.name == "common-practice"
    s = common.settings
    assert (s.headings.plans, s.headings.achievements) == ("下半年工作安排", "主要成效")  # own, inherited
    assert s.fonts.docx == {
        "title": "方正小标宋简体",
        "heading1": "黑体",
        "heading2": "楷体",
        "body": "仿宋",
        "page_number": "宋体",
    }
    assert (s.page.line_pitch, s.page.mirrored, s.page.margin_top_mm, s.page.chars_per_line) == (28.0, False, 37, 28)
    assert s.numbering.bold_level3 and s.numbering.items == "headings"
    assert [d.name for d in common.template_dirs] == ["templates"]


def test_headings_differ_in_both_outputs(outputs):
    for name, first in (("strict", "一、主要做法"), ("common", "一、工作开展情况")):
        pdf_pages, _, document = outputs[name]
        assert first in [line.text for page in pdf_pages for line in page]
        assert first in [p.text for p in document.paragraphs]
    assert "三、下半年工作安排" in [p.text for p in outputs["common"][2].paragraphs]


def test_docx_names_each_offices_fonts(outputs):
    for name, body_font, kai in (("strict", "仿宋_GB2312", "楷体_GB2312"), ("common", "仿宋", "楷体")):
        styles = outputs[name][2].styles
        assert styles["公文正文"].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == body_font
        assert styles["二级标题"].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == kai


def test_line_spacing_differs_in_both_outputs(outputs):
    for name, pitch, twips in (("strict", 28.95, "579"), ("common", 28.0, "560")):
        pdf_pages, _, document = outputs[name]
        ys = [line.y for line in body(pdf_pages[0]) if abs(line.size - 16) < 0.5]
        assert min(b - a for a, b in itertools.pairwise(ys)) == pytest.approx(
            pitch, abs=0.1
        )  # baselines read to 0.1 pt
        spacing = document.styles["Normal"].element.find(f"{W}pPr/{W}spacing")
        assert spacing.get(f"{W}line") == twips
        assert document.sections[0]._sectPr.find(f"{W}docGrid").get(f"{W}linePitch") == twips


# A run-in “1.” heading and one on its own line.
BOLD = [
    {
        "title": "强化组织领导",
        "items": [
            {"title": "健全机构", "body": ["成立创建工作领导小组。"]},
            {"title": "完善制度", "items": [{"title": "建立台账", "body": ["逐项登记。"]}]},
        ],
    }
]


@pytest.fixture(scope="module")
def bold_headings():
    r = make_report(office="小河区", measures=[{"items": BOLD}])
    return {name: (quiet_pdf(r, office=profile), render_docx(r, office=profile)) for name, profile in OFFICES_BY_NAME}


def test_third_level_headings_bold_only_where_the_office_wants(bold_headings):
    """仿宋 has no bold face: the PDF draws the “1.” headings filled and stroked, as Word and
    LibreOffice draw a bold run of such a face; nothing else."""
    for name, bold in (("strict", False), ("common", True)):
        pdf, data = bold_headings[name]
        # "1." is a Latin run of its own on the page, so it may be drawn apart.
        assert "".join(stroked(pdf)) == ("1.健全机构。2.完善制度" if bold else "")
        document = docx.Document(io.BytesIO(data))
        assert bool(document.styles["三级标题文字"].font.bold) == bold
        assert bool(document.styles["三级标题"].font.bold) == bold


@pytest.mark.slow
def test_libreoffice_draws_the_bold_headings_as_the_pdf_does(bold_headings, tmp_path):
    (tmp_path / "bold.docx").write_bytes(bold_headings["common"][1])
    drawn = to_pdf([tmp_path / "bold.docx"], tmp_path)["bold"]
    assert "".join(stroked(drawn)) == "".join(stroked(bold_headings["common"][0])) == "1.健全机构。2.完善制度"


def test_bold_that_the_pdf_cannot_draw_is_said(monkeypatch):
    monkeypatch.setattr(pdf_writer, "AVAILABLE", False)
    with pytest.warns(civreport.CivreportWarning, match="样式“三级标题”在 DOCX 中加粗，在 PDF 中不加粗"):
        civreport.render_pdf(make_report(), office=COMMON, pdf_engine="weasyprint")  # Typst strokes it


def test_overridden_signoff_block_in_both_outputs(outputs):
    def insets(name):
        pdf_pages, _, document = outputs[name]
        name_line, date_line = body(pdf_pages[-1])[-2:]
        assert (name_line.text, date_line.text) == ("小河区", "2024年10月8日")
        edge = right_edge(name_line.page)
        docx_insets = [
            p._p.find(f"{W}pPr/{W}ind").get(f"{W}rightChars")
            for p in document.paragraphs
            if p.style.name in ("署名", "成文日期")
        ]
        return name_line, date_line, edge, docx_insets

    # GB/T 9704: the longer date takes the two-character inset, the name starts two characters left of it.
    name_line, date_line, edge, docx_insets = insets("strict")
    assert date_line.x1 == pytest.approx(edge - 2 * 15.79, abs=2)
    assert name_line.x0 == pytest.approx(date_line.x0 - 2 * 15.79, abs=2)
    assert docx_insets[1] == "200" and docx_insets[0] != "400"
    # The office's own block: both lines four characters in.
    name_line, date_line, edge, docx_insets = insets("common")
    assert name_line.x1 == pytest.approx(edge - 4 * 15.79, abs=2)
    assert date_line.x1 == pytest.approx(edge - 4 * 15.79, abs=2)
    assert docx_insets == ["400", "400"]


def test_unmirrored_pages_keep_the_binding_margin_left(outputs):
    strict, common = outputs["strict"][0], outputs["common"][0]
    assert len(common) >= 2 and len(strict) >= 2
    for page in (0, 1):  # the common practice prints single-sided: the binding side stays left
        assert min(line.x0 for line in body(common[page])) == pytest.approx(28 * MM, abs=0.5)
    assert min(line.x0 for line in body(strict[0])) == pytest.approx(28 * MM, abs=0.5)
    assert min(line.x0 for line in body(strict[1])) == pytest.approx(26 * MM, abs=0.5)
    assert outputs["common"][2].settings.element.find(f"{W}mirrorMargins") is None
    assert outputs["strict"][2].settings.element.find(f"{W}mirrorMargins") is not None


def test_profile_habits_in_composition(tmp_path):
    (tmp_path / "p.yaml").write_text(
        textwrap.dedent("""\
        signoff: 小河区创城办
        numbering: {items: enumeration}
        date_style: chinese
        range_dash: ～
        subtitle: （{office}{period}）
        """),
        encoding="utf-8",
    )
    profile = load_profile(tmp_path / "p.yaml")
    r = make_report(
        office="小河区",
        period="2024-02..2024-05",
        measures=[
            {
                "items": [
                    {"title": "强化组织领导", "body": ["成立领导小组。"]},
                    {"title": "加强宣传", "points": ["设广告", "办活动"]},
                ]
            }
        ],
    )
    doc = compose(r, profile.settings)
    assert [s.texts for s in doc.sections[0].children] == [
        ["一是强化组织领导。成立领导小组。"],
        ["二是加强宣传。一是设广告；二是办活动。"],
    ]
    assert doc.signoff.name == "小河区创城办" and doc.signoff.date == "二〇二四年十月八日"
    assert doc.subtitle == "（小河区2024年2～5月）"
    assert compose(make_report(signoff="报告自己的署名"), profile.settings).signoff.name == "报告自己的署名"


def test_report_names_its_profile_and_the_caller_overrides(tmp_path):
    (tmp_path / "offices" / "district").mkdir(parents=True)
    (tmp_path / "offices" / "district" / "profile.yaml").write_text(
        "headings: {plans: 下段工作打算}\n", encoding="utf-8"
    )
    (tmp_path / "offices" / "city.yaml").write_text("headings: {plans: 明年工作安排}\n", encoding="utf-8")
    (tmp_path / "q3.yaml").write_text(f"profile: {COMMON}\n" + YAML, encoding="utf-8")
    r = civreport.load(tmp_path / "q3.yaml")
    assert "三、下半年工作安排" in civreport.render_html(r)
    assert "三、下段工作打算" in civreport.render_html(r, office=tmp_path / "offices" / "district" / "profile.yaml")
    out = tmp_path / "out"
    for office, plans in (("city", "明年工作安排"), ("district", "下段工作打算")):
        render = ["render", str(tmp_path / "q3.yaml"), "--to", "html", "--out", str(out)]
        assert main([*render, "--offices", str(tmp_path / "offices"), "--office", office]) == 0
        assert f"三、{plans}" in (out / "q3.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"p.yaml": "headings:\n  plans: 下段\n  plan: 错字\n"}, "p.yaml，第 3 行：字段 headings.plan：未知字段"),
        ({"p.yaml": "page:\n  margin_top_mm: 很宽\n"}, "p.yaml，第 2 行：字段 page.margin_top_mm（天头（毫米））"),
        ({"p.yaml": "extends: q.yaml\n", "q.yaml": "extends: p.yaml\n"}, "办公室配置循环继承"),
        ({"p.yaml": "extends: none.yaml\n"}, "p.yaml，第 1 行：字段 extends：找不到上级配置“none.yaml”"),
        ({"p.yaml": "templates: nowhere\n"}, "模板目录不存在"),
        ({"p.yaml": "page:\n  page_width_mm: 0\n"}, "字段 page.page_width_mm（纸张宽度（毫米））：应大于 0"),
        ({"p.yaml": "page:\n  page_width_mm: 100000\n"}, "字段 page.page_width_mm（纸张宽度（毫米））：不能大于 1200"),
        ({"p.yaml": "page:\n  body_size_pt: .nan\n"}, "字段 page.body_size_pt（正文字号（磅））：应为有限的数"),
        (
            {"p.yaml": "fonts:\n  pdf:\n    body: fonts/nope.ttf\n"},
            "p.yaml，第 3 行：字段 fonts.pdf.body：字体文件不存在：fonts/nope.ttf",
        ),
        (
            {"p.yaml": 'subtitle: "——{office}{quarter}"\n'},
            "字段 subtitle（标题下一行）：不认识的占位符 {quarter}：只能用 {office}、{period}、{year}",
        ),
    ],
)
def test_bad_profiles_are_reported(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(tmp_path / "p.yaml")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "不允许访问内部属性"),
        ("{{ report.__class__.__init__.__globals__ }}", "不允许访问内部属性"),
        ("{{ report._source }}", "不存在的字段或变量 _source"),  # templates hold plain data: no such thing
        ("{{ doc.report.__dict__ }}", "不存在的字段或变量 __dict__"),
        ("{% include '/etc/passwd' %}", "找不到模板“/etc/passwd”"),
        ("{% include '../../../../../../etc/passwd' %}", "找不到模板"),
        ("{{ lipsum() }}", "不存在的字段或变量 lipsum"),
    ],
)
def test_sandbox_escapes_are_refused(tmp_path, template, message):
    profile = office_with_template(
        tmp_path, '{% extends "civreport/report.html.j2" %}{% block title %}' + template + "{% endblock %}"
    )
    with pytest.raises(TemplateError, match=message) as info:
        civreport.render_html(report(), office=profile)
    assert "report.html.j2 第 1 行" in str(info.value)
    assert "root:" not in str(info.value)


def test_symlinks_out_of_the_template_directory_are_refused(tmp_path):
    profile = office_with_template(tmp_path, "{% include 'leak.txt' %}")
    os.symlink("/etc/passwd", tmp_path / "templates" / "leak.txt")
    with pytest.raises(TemplateError, match=r"找不到模板“leak\.txt”"):
        civreport.render_html(report(), office=profile)


def test_unknown_field_fails_templates_check_with_its_line(tmp_path, capsys):
    profile = office_with_template(
        tmp_path,
        textwrap.dedent("""\
        {% extends "civreport/report.html.j2" %}
        {% block closing %}
        <p class="body">{{ report.closing_words }}</p>
        {% endblock %}
        """),
    )
    assert main(["templates", "check", "--office", str(profile)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'templates' / 'report.html.j2'} 第 3 行" in err and "closing_words" in err


def test_syntax_error_fails_templates_check_with_its_line(tmp_path, capsys):
    profile = office_with_template(tmp_path, "ok\n{% if %}\n", name="extra.html.j2")
    assert main(["templates", "check", "--office", str(profile)]) == 2
    assert "extra.html.j2 第 2 行语法错误：此处缺少表达式（在“%}”之前）" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "source", "message"),
    [
        (
            "report.html.j2",
            '{% extends "civreport/report.html.j2" %}\n{% block signof %}（印章）{% endblock %}\n',
            "第 2 行：“civreport/report.html.j2”中没有名为“signof”的块，这里写的内容不会印出；可覆盖的块：attachments、closing",
        ),
        ("report.css.j2", ".body { color: #c00; }\n", "report.css.j2 不能由办公室替换"),
        ("macros.html.j2", "{% macro indent() %}{% endmacro %}\n", "macros.html.j2 不能由办公室替换"),
    ],
)
def test_templates_check_refuses_overrides_that_would_print_nothing(tmp_path, capsys, name, source, message):
    profile = office_with_template(tmp_path, source, name=name)
    assert main(["templates", "check", "--office", str(profile)]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% if x %}", "模板结束了，但 {% if %} 还没有对应的 {% endif %}"),
        ("{% endfor %}", "不认识的标签“endfor”"),
        ("{{ a b }}", "此处应为“}}”，实际是“b”"),
        ("{{ a $ }}", "出现了不该有的字符“$”"),
    ],
)
def test_template_syntax_errors_are_explained_in_chinese(tmp_path, capsys, source, message):
    profile = office_with_template(tmp_path, source, name="extra.html.j2")
    assert main(["templates", "check", "--office", str(profile)]) == 2
    err = capsys.readouterr().err
    assert message in err and not re.search(r"expect|token|encounter|block|statement|looking", err, re.IGNORECASE)


def test_example_offices_pass_templates_check():
    for profile in (STRICT, COMMON):
        result = subprocess.run(
            [sys.executable, "-m", "civreport", "templates", "check", "--office", str(profile)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "模板检查通过" in result.stdout


def test_caller_templates_come_before_the_profiles(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "report.html.j2").write_text(
        '{% extends "civreport/report.html.j2" %}{% block closing %}<p class="body">来自调用者的模板。</p>{% endblock %}',
        encoding="utf-8",
    )
    page = civreport.render_html(report(), office=COMMON, templates=[tmp_path / "mine"])
    assert "来自调用者的模板。" in page
    assert 'data-indent-right="4"' not in page  # the profile's sign-off override is not reached


# How each engine names a font it embeds from a file: WeasyPrint a @font-face font by its CSS
# family (the file's name), Typst by the font's own name (it reads no other font than the plan's).
@pytest.mark.parametrize(("engine", "embedded"), [("weasyprint", "kai"), ("typst", "FandolKai-Regular")])
def test_profile_pdf_fonts_are_files_relative_to_the_profile(tmp_path, engine, embedded):
    import shutil

    (tmp_path / "fonts").mkdir()
    shutil.copy(
        "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolKai-Regular.otf",
        tmp_path / "fonts" / "kai.otf",
    )
    (tmp_path / "p.yaml").write_text("fonts:\n  pdf:\n    body: fonts/kai.otf\n", encoding="utf-8")
    data = quiet_pdf(report(), office=tmp_path / "p.yaml", pdf_engine=engine)
    assert {f for _, text, f, _ in spans(data) if text.startswith("今年以来")} == {embedded}


def test_an_office_class_reaches_every_output(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.html.j2").write_text(
        '{% extends "civreport/report.html.j2" %}{% block closing %}<p class="note">本单位的说明文字。</p>{% endblock %}',
        encoding="utf-8",
    )
    (tmp_path / "p.yaml").write_text(
        textwrap.dedent("""\
        templates: templates
        styles:
          note: {name: 说明文字, like: body, font: heading2, align: right, first_line: 0, bold: true}
        """),
        encoding="utf-8",
    )
    r = report()
    page = civreport.render_page(r, office=tmp_path / "p.yaml")
    note = next(b for b in page.blocks if b.text == "本单位的说明文字。")
    assert note.style == "note"
    assert page.styles["note"].style_id == "CivOfficeNote"
    # The DOCX: a paragraph in the office's Word style, right-aligned, 楷体, bold, no indent.
    document = docx.Document(io.BytesIO(civreport.write(page, "docx")))
    paragraph = next(p for p in document.paragraphs if p.text == "本单位的说明文字。")
    style = paragraph.style
    assert style.name == "说明文字" and style.base_style.name == "Normal"
    assert style.element.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
    assert style.element.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "0"
    assert style.element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312" and style.font.bold
    # The PDF: right-aligned against the text block, in the 楷体 stand-in, bold.
    pdf = quiet_pdf(r, office=tmp_path / "p.yaml")
    line = next(line for page_lines in pages(pdf) for line in page_lines if line.text == "本单位的说明文字。")
    assert line.x1 == pytest.approx(right_edge(line.page), abs=1)
    # 楷体 has no bold face: drawn bold, stroked (WeasyPrint names the font it strokes "-Bold").
    fonts = {font.removesuffix("-Bold") for _, text, font, _ in spans(pdf) if text == "本单位的说明文字。"}
    assert fonts == {"FandolKai-Regular"}
    assert "".join(stroked(pdf)) == "本单位的说明文字。"  # (Typst strokes the closing mark apart)


@pytest.mark.parametrize(
    ("template", "styles", "message"),
    [
        ('<p class="memo">x</p>', "", "使用了未定义的样式类“memo”"),
        ('<p class="body title">x</p>', "", "使用了多个样式类“body title”"),
        ('<p class="body"><span class="body">x</span></p>', "", "把段落样式类“body”用在了段内文字上"),
        ('<p class="x">x</p>', "styles: {title: {name: 标题}}\n", "类名 title 已是内置类"),
        ('<p class="x">x</p>', "styles: {x: {name: 某, like: nothing}}\n", "没有内置类“nothing”"),
    ],
)
def test_classes_outside_the_table_are_refused(tmp_path, template, styles, message):
    profile = office_with_template(tmp_path, closing_block(template))
    profile.write_text(profile.read_text(encoding="utf-8") + styles, encoding="utf-8")
    with pytest.raises(civreport.CivreportError, match=message) as info:
        civreport.render_page(report(), office=profile)
    if "使用了" in message:  # the template line that wrote the class is named
        assert f"模板 {tmp_path / 'templates' / 'report.html.j2'} 第 " in str(info.value)
