"""The DOCX: styles, geometry and footers read with python-docx, then the same file laid
out by LibreOffice and compared line by line with the PDF civreport draws itself; and where
the lines of both start and end."""

from __future__ import annotations

import io
import itertools
import subprocess
import sys
import warnings
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

import civreport
from civreport import render_docx
from civreport.office.textwidth import is_ideograph, is_latin
from civreport.rendering.blocks import Table, flush_right_from
from civreport.writers.docx import DocxWriter

from conftest import ROOT, SAMPLES, W, assert_valid_docx, make_report, page_text
from geometry import (
    BLOCK_BOTTOM,
    CHAR,
    FRAMED,
    LAYOUT,
    body,
    closing_report,
    dash_report,
    empty_at_foot,
    grid_report,
    items_report,
    leading_headings,
    left_edge,
    long_table_report,
    margins,
    mixed_report,
    owners,
    paragraph_lines,
    quiet_pdf,
    range_dash_report,
    right_edge,
    signoff_report,
    table_foot_report,
    tables_report,
    title_joint_report,
)
from libreoffice import to_pdf
from pdftext import pages, text_layer, unhinted
from rollupmeasures import SETS, roll


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def sample_docx():
    return {s.stem: render_docx(civreport.load(s)) for s in SAMPLES}


# Closing paragraphs of one line to a page's worth, ending 0 to 3 lines from a page's foot.
SIGNOFF_CASES = [(lines, free) for lines in (1, 2, 5, 9, 19, 20, 21) for free in (0, 1, 2, 3)]
# Reports of many short items (title-only ones among them, alone and in runs) whose page
# ends fall on runs of title-only items, on headings over text and before the sign-off.
ITEM_SEEDS = (0, 1, 3, 5, 11, 15, 21, 25, 29, 30)
# What the PDF and LibreOffice must lay out alike: every sample, full pages, every way the
# sign-off can meet a page end, the dash —— at line ends, Latin runs and figures at both ends of
# lines, and reports where keeping text together could leave pages half empty.
COMPARED = {
    **{s.stem: (lambda s=s: civreport.load(s)) for s in SAMPLES},
    **{s.stem: (lambda s=s: civreport.load(s)) for s in sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))},
    "grid": grid_report,
    **{
        f"signoff-{lines}-{free}": (lambda lines=lines, free=free: signoff_report(lines, free))
        for lines, free in SIGNOFF_CASES
    },
    "dash": dash_report,
    "range-dash": range_dash_report,
    **{f"tables-{before}": (lambda before=before: tables_report(before)) for before in (1, 5, 9, 14)},
    "mixed-table": lambda: _mixed_table(),
    # A name longer than a line wraps; the date keeps its room (it fell apart a character a line).
    **{f"long-signoff-{n}": (lambda n=n: _long_signoff(n)) for n in (1, 2)},
    # Roll-ups: merged items, quarters' facts side by side, the figures' statement and the table.
    **{f"rollup-{name}": (lambda name=name: roll(name).report) for name in SETS},
    **{f"items-{seed}": (lambda seed=seed: items_report(seed)) for seed in ITEM_SEEDS},
    # A long closing paragraph before the attachments and the sign-off.
    **{f"closing-{lines}": (lambda lines=lines: closing_report(lines)) for lines in (15, 17, 18, 19)},
    "closing-one-attachment": lambda: closing_report(19, attachments=1),
    "long-table": long_table_report,
    # A table down to the foot of a page, then the closing and the sign-off.
    **{f"table-foot-{lines}": (lambda lines=lines: table_foot_report(lines)) for lines in (1, 2)},
    # A sixty-character title and a sign-off of three offices.
    "title-joint": title_joint_report,
    **FRAMED,
    # Dense figures and Latin words, starting and ending lines.
    "mixed": mixed_report,
}


BODY_ONLY = [name for name in COMPARED if name not in FRAMED]


def _mixed_table() -> civreport.Report:
    """Narrow cells of Chinese with figures, which wrap where the space between the two falls
    (LibreOffice spaces them in cells as in paragraphs)."""
    rows = [
        [
            str(i),
            f"{i}号路段改造",
            f"沿线{12 * i}户群众诉求未解决，涉及{i + 2}家单位管线迁改，8月起停工{20 + i}天",
            f"行“两班倒”施工，PM2.5监测{i}次",
            f"区住建局、{i}号街道",
        ]
        for i in range(1, 6)
    ]
    table = {
        "title": "进度滞后项目情况",
        "header": ["序号", "项目名称", "滞后原因", "推进措施", "责任单位"],
        "rows": rows,
    }
    return make_report(
        office="小河区", achievements=[{"tables": [table], "body": ["以上项目均已明确责任单位和完成时限。"]}]
    )


def _long_signoff(names: int) -> civreport.Report:
    long = "中共云江市滨河区委员会宣传部、云江市滨河区精神文明建设指导委员会办公室"
    with pytest.warns(civreport.CivreportWarning, match="长于一行，会折成两行"):
        report = make_report(signoff=[long] * names if names > 1 else long)
        civreport.render_page(report)
    return report


@pytest.fixture(scope="module")
def drawn(print_pdfs):
    """Every laid-out report's page, and its PDF as WeasyPrint draws it read back, once."""
    return {name: (page, pages(pdf)) for name, (page, pdf) in print_pdfs.items()}


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory):
    """Every report laid out as DOCX by LibreOffice, in one LibreOffice run."""
    work = tmp_path_factory.mktemp("libreoffice")
    files = []
    for name, make in COMPARED.items():
        (work / f"{name}.docx").write_bytes(render_docx(make()))
        files.append(work / f"{name}.docx")
    return {name: pages(pdf) for name, pdf in to_pdf(files, work).items()}


def rpr_fonts(style) -> dict[str, str]:
    rfonts = style.element.find(f"{W}rPr/{W}rFonts")
    return {k.removeprefix(W): v for k, v in rfonts.attrib.items()}


# -- the DOCX itself ----------------------------------------------------------------------


def test_styles_have_chinese_names_fonts_and_outline_levels(sample_docx):
    styles = open_docx(sample_docx["district-2023-civilized-city"]).styles
    expected = {
        "公文标题": ("方正小标宋简体", None),
        "一级标题": ("黑体", 0),
        "二级标题": ("楷体_GB2312", 1),
        "三级标题": ("仿宋_GB2312", 2),
        "四级标题": ("仿宋_GB2312", 3),
        "公文正文": ("仿宋_GB2312", None),
        "署名": ("仿宋_GB2312", None),
        "成文日期": ("仿宋_GB2312", None),
        "附件说明": ("仿宋_GB2312", None),
        "页码": ("宋体", None),
        "二级标题文字": ("楷体_GB2312", None),
    }
    for name, (font, outline) in expected.items():
        style = styles[name]
        fonts = rpr_fonts(style)
        assert fonts["eastAsia"] == fonts["ascii"] == fonts["hAnsi"] == font, name
        assert fonts["hint"] == "eastAsia" and not any(k.endswith("Theme") or k == "cstheme" for k in fonts)
        lang = style.element.find(f"{W}rPr/{W}lang")
        assert lang.get(f"{W}eastAsia") == "zh-CN"
        level = style.element.find(f"{W}pPr/{W}outlineLvl")
        assert (int(level.get(f"{W}val")) if level is not None else None) == outline, name
        if outline is not None:
            assert style.paragraph_format.keep_with_next
    assert styles["公文标题"].font.size.pt == 22 and styles["页码"].font.size.pt == 14


def test_body_text_is_on_the_grid_with_tracking_and_indent(sample_docx):
    document = open_docx(sample_docx["district-2023-civilized-city"])
    normal = document.styles["Normal"]
    spacing = normal.element.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    assert normal.element.find(f"{W}pPr/{W}widowControl").get(f"{W}val") == "0"
    assert normal.element.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"  # −0.25 pt, the PDF's tracking too
    assert normal.font.size.pt == 16
    ind = document.styles["公文正文"].element.find(f"{W}pPr/{W}ind")
    assert (ind.get(f"{W}firstLineChars"), ind.get(f"{W}firstLine")) == ("200", "630")  # two pitches of 15.75 pt
    for name in ("公文标题", "署名", "成文日期", "页码"):
        ind = document.styles[name].element.find(f"{W}pPr/{W}ind")
        assert ind.get(f"{W}firstLineChars") == "0", name


def test_word_and_wps_are_told_the_chinese_line_rules(sample_docx):
    """Written out, as the specification means them, not left to each program's defaults."""
    document = open_docx(sample_docx["hedong-street-2021"])
    ppr = document.styles["Normal"].element.find(f"{W}pPr")
    rules = {tag: ppr.find(f"{W}{tag}").get(f"{W}val") for tag in ("kinsoku", "wordWrap", "overflowPunct")}
    rules |= {tag: ppr.find(f"{W}{tag}").get(f"{W}val") for tag in ("topLinePunct", "autoSpaceDE", "autoSpaceDN")}
    assert rules == {
        "kinsoku": "1",
        "wordWrap": "1",
        "overflowPunct": "0",  # on would let punctuation hang in the margin
        "topLinePunct": "0",
        "autoSpaceDE": "1",
        "autoSpaceDN": "1",
    }
    settings = document.settings.element
    assert settings.find(f"{W}characterSpacingControl").get(f"{W}val") == "doNotCompress"
    kinsoku = settings.find(f"{W}noLineBreaksAfter")
    assert kinsoku.get(f"{W}lang") == "zh-CN" and "—" in kinsoku.get(f"{W}val") and "（" in kinsoku.get(f"{W}val")
    mode = [s for s in settings.iter(f"{W}compatSetting") if s.get(f"{W}name") == "compatibilityMode"]
    assert [s.get(f"{W}val") for s in mode] == ["15"]  # Word 2013 and later: no 兼容模式
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"


def _font_table(data: bytes) -> dict[str, dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/fontTable.xml"))
    return {
        font.get(f"{W}name"): {child.tag.removeprefix(W): child.get(f"{W}val") for child in font}
        for font in root.iter(f"{W}font")
    }


@pytest.mark.parametrize(
    ("names", "body", "heading2"), [("official", "仿宋_GB2312", "楷体_GB2312"), ("windows", "仿宋", "楷体")]
)
def test_the_font_table_names_each_font_with_its_alternate(tmp_path, names, body, heading2):
    profile = tmp_path / "profile.yaml"
    profile.write_text(f"fonts: {{names: {names}}}\n", encoding="utf-8")
    data = render_docx(make_report(), office=profile)
    styles = open_docx(data).styles
    assert rpr_fonts(styles["公文正文"])["eastAsia"] == body
    assert rpr_fonts(styles["二级标题"])["eastAsia"] == heading2
    table = _font_table(data)
    assert list(table) == ["方正小标宋简体", "黑体", heading2, body, "宋体"]
    other = {"仿宋": "仿宋_GB2312", "仿宋_GB2312": "仿宋", "楷体": "楷体_GB2312", "楷体_GB2312": "楷体"}
    assert table[body] == {"altName": other[body], "charset": "86", "family": "modern", "pitch": "fixed"}
    assert table[heading2]["altName"] == other[heading2]
    assert table["黑体"]["altName"] == "SimHei" and table["宋体"]["altName"] == "SimSun"


def test_a_font_the_table_does_not_know_is_named_alone():
    data = render_docx(make_report(), fonts={"body": "Source Han Serif SC"})
    assert _font_table(data)["Source Han Serif SC"] == {}


def test_section_geometry(sample_docx):
    document = open_docx(sample_docx["district-2023-civilized-city"])
    section = document.sections[0]
    measured = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    for value, mm in zip(measured, (210, 297, 37, 35, 28, 26)):
        assert abs(value - Mm(mm)) < Mm(0.05)  # stored in whole twips
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")
    assert document.settings.element.find(qn("w:mirrorMargins")) is not None


def test_mirrored_margins_are_an_option():
    data = render_docx(make_report(), layout=civreport.Layout(mirrored=False))
    assert open_docx(data).settings.element.find(qn("w:mirrorMargins")) is None


def test_odd_and_even_footers_carry_the_page_field(sample_docx):
    document = open_docx(sample_docx["district-2023-civilized-city"])
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        p = footer.paragraphs[0]
        assert p.style.name == "页码"
        assert p._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align
        assert p._p.find(f"{W}pPr/{W}ind").get(f"{W}{side}") == "280"
        field = p._p.find(f"{W}fldSimple")
        assert field.get(f"{W}instr").strip() == "PAGE"
        texts = [t.text for t in p._p.iter(f"{W}t")]
        assert texts == ["— ", "1", " —"]


def test_core_properties_and_identical_bytes(tmp_path, sample_docx):
    data = sample_docx["district-2023-civilized-city"]
    props = open_docx(data).core_properties
    assert props.title == "云江市滨河区2023年创建全国文明城市工作总结"
    assert props.author == "云江市滨河区"
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2024-01-08"
    sample = SAMPLES[0]
    out = tmp_path / "again.docx"
    code = f"import civreport; open({str(out)!r}, 'wb').write(civreport.render_docx(civreport.load({str(sample)!r})))"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert out.read_bytes() == sample_docx[sample.stem] == render_docx(civreport.load(sample))


def test_headings_and_run_in_titles_take_their_styles(sample_docx):
    paragraphs = open_docx(sample_docx["district-2023-civilized-city"]).paragraphs
    by_text = {p.text: p for p in paragraphs}
    assert by_text["一、创建基本情况"].style.name == "一级标题"
    run_in = next(p for p in paragraphs if p.text.startswith("（一）强化领导"))
    assert run_in.style.name == "公文正文"
    assert (
        run_in.runs[0].style.name == "二级标题文字"
        and run_in.runs[0].text == "（一）强化领导，夯实责任，确保创建工作开展。"
    )
    assert paragraphs[0].style.name == "公文标题"
    assert [r.text for r in paragraphs[0].runs] == ["云江市滨河区2023年", "\n", "创建全国文明城市工作总结"]


def test_every_paragraph_and_table_holds_the_pdfs_text():
    for sample in SAMPLES:
        report = civreport.load(sample)
        document = open_docx(render_docx(report))
        # Paragraphs and cells, in order; the joiners before range dashes draw nothing.
        docx_text = "".join(t.text or "" for t in document.element.body.iter(f"{W}t")).replace("\u2060", "")
        pdf_text = "".join(line.text for page in pages(quiet_pdf(report)) for line in body(page))
        assert docx_text == pdf_text, sample.stem


def test_unprintable_text_is_handled_alike_in_both_outputs():
    with pytest.warns(civreport.CivreportWarning, match="U\\+0007、U\\+001F"):
        report = make_report(opening=["控制\x07字符\x0b都\x1f去掉。"])  # \x0b: a line break, joined
    docx_text = [p.text for p in open_docx(render_docx(report)).paragraphs]
    assert "控制字符都去掉。现将2024年第三季度创建全国文明城市工作情况总结如下：" in docx_text
    pdf_text = "".join(line.text for page in pages(quiet_pdf(report)) for line in body(page))
    assert "控制字符都去掉。" in pdf_text


def test_docx_rendering_never_imports_weasyprint(tmp_path):
    code = (
        "import sys, civreport.cli as cli; "
        f"code = cli.main(['render', {str(SAMPLES[0])!r}, '--to', 'docx', '--out', {str(tmp_path)!r}]); "
        "assert code == 0 and 'weasyprint' not in sys.modules, sorted(m for m in sys.modules if 'weasy' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (tmp_path / f"{SAMPLES[0].stem}.docx").is_file()


# -- the DOCX in a real word processor ----------------------------------------------------


@pytest.mark.slow
def test_libreoffice_full_pages_hold_22_lines_of_28(libreoffice):
    grid = libreoffice["grid"]
    assert len(grid) >= 5
    for lines in grid[1:-1]:
        b = body(lines)
        assert len(b) == 22
        full = [line.text for line in b if not line.text.endswith("。") and line.x0 < left_edge(line.page) + 1]
        assert full and all(len(text) == 28 for text in full)


@pytest.mark.slow
def test_libreoffice_page_numbers_alternate_sides(libreoffice, drawn):
    """Every page numbered on its outer side, but the blank page before a 版记 and the 版记's
    page, which carry none (GB/T 9704 7.5), as in the PDF."""
    unnumbered = 0
    for name, result in libreoffice.items():
        for number, (lines, printed) in enumerate(zip(result, drawn[name][1], strict=True), 1):
            footer = [line for line in lines if line.y > BLOCK_BOTTOM]
            if not [line for line in printed if line.y > BLOCK_BOTTOM]:
                assert footer == [], name
                unnumbered += 1
                continue
            assert [line.text for line in footer] == [f"— {number} —"], name
            if number % 2:
                assert abs(footer[0].x1 - (right_edge(number) - 14)) < 1.5, name
            else:
                assert abs(footer[0].x0 - (left_edge(number) + 14)) < 1.5, name
    assert unnumbered == 2  # frame-blank-page's blank page and its 版记 page


def _page_lines(result) -> list[list[str]]:
    """Each page's lines; an ideographic space (between two signers) LibreOffice draws as a
    character and WeasyPrint as an advance only."""
    return [[line.text.replace("\u3000", "") for line in body(lines)] for lines in result]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(COMPARED))
def test_pdf_and_libreoffice_break_every_line_and_page_alike(libreoffice, drawn, name):
    """Page by page, line by line: the PDF civreport draws and the DOCX as LibreOffice lays it out."""
    assert _page_lines(libreoffice[name]) == _page_lines(drawn[name][1])


@pytest.fixture(scope="module")
def typst_drawn(print_pdfs):
    """The same pages laid out by the second PDF engine, Typst, read back."""
    return {
        name: pages(civreport.write(replace(page, pdf_engine="typst"), "pdf")) for name, (page, _) in print_pdfs.items()
    }


def _held(result) -> list[list[str]]:
    """Each page's lines, each as its text without line-break hints."""
    return [[unhinted(line.text) for line in body(lines)] for lines in result]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(COMPARED))
def test_typst_and_libreoffice_break_every_line_and_page_alike(libreoffice, typst_drawn, name):
    """Page by page, line by line: the PDF Typst lays out and the DOCX as LibreOffice lays it out,
    the characters of each line in their order."""
    assert _held(libreoffice[name]) == _held(typst_drawn[name])


# Pinyin letters with combining marks the body's face lacks, which both PDF engines draw in one
# face of their own (writers/pdf/fonts.py FontPlan.whole): in Chinese text, before a closing mark,
# between spaces, in quotes, between digits, side by side.
MARKED = ("ê\u030c", "x\u0301", "ê\u030c，", "pin ê\u030c yin", "“ê\u030c”", "2ê\u030c3", "ê\u030cê\u030c")


@pytest.mark.slow
def test_typst_breaks_lines_and_pages_with_letters_with_marks_as_libreoffice(tmp_path):
    """Each letter with marks at each place around a line's end: the lines and pages of the
    Typst PDF, which draws the letter as a text of its own, hold the characters of LibreOffice's
    (without the joiners the program puts where a line may not break at the spacing around such
    a letter, lines broke there). Each line's characters are compared as a multiset: a
    mark's origin is its letter's right edge, which a reading by position may put after the
    next character."""
    text = "甲乙丙丁戊己庚辛壬癸" * 6
    report = make_report(opening=[text[:n] + marked + text[30:] for marked in MARKED for n in range(20, 29)])
    (tmp_path / "marks.docx").write_bytes(render_docx(report))

    def held(pdf: bytes) -> list[list[list[str]]]:
        return [[sorted("".join(unhinted(line.text).split())) for line in body(lines)] for lines in pages(pdf)]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the stand-in fonts of this machine
        typst = civreport.write(civreport.render_page(report, pdf_engine="typst"), "pdf")
    assert held(typst) == held(to_pdf([tmp_path / "marks.docx"], tmp_path)["marks"])


def _both(libreoffice, drawn, name):
    """The page, and how each output lays it out: the PDF, the DOCX in LibreOffice."""
    page, pdf = drawn[name]
    return page, {"PDF": pdf, "LibreOffice": libreoffice[name]}


@pytest.mark.slow
@pytest.mark.parametrize("name", BODY_ONLY)
def test_no_page_but_the_last_ends_more_than_three_lines_short(libreoffice, drawn, name):
    """Only what must stay together is kept together: no page but the last leaves more than
    three of its 22 lines empty at its foot, in either output."""
    _, outputs = _both(libreoffice, drawn, name)
    for output, result in outputs.items():
        assert all(empty_at_foot(page) <= 3 for page in result[:-1]), (output, [empty_at_foot(p) for p in result])


@pytest.mark.slow
@pytest.mark.parametrize("name", BODY_ONLY)
def test_no_page_ends_with_a_heading_over_text(libreoffice, drawn, name):
    """A heading with something under it (text, a table, a lower heading) never ends a page;
    an item that is only a title may."""
    page, outputs = _both(libreoffice, drawn, name)
    headings = leading_headings(page)
    for output, result in outputs.items():
        line_owners = owners(page, result)
        for lines in result[:-1]:
            assert line_owners.get(body(lines)[-1]) not in headings, (output, body(lines)[-1])


@pytest.mark.slow
# One line of text between a table at a page's foot and the sign-off moves with the
# sign-off alone: a table is not kept with the text after it.
@pytest.mark.parametrize("name", [name for name in BODY_ONLY if name != "table-foot-1"])
def test_the_signoff_shares_its_page_with_the_last_two_lines_of_text(libreoffice, drawn, name):
    """However the text above it meets the end of a page, the sign-off is on the page of the
    text's last two lines at least: the paragraph before it leaves it two lines when it
    breaks, a last line that is a block of its own brings the block before it, and where the
    sign-off would not fit under them the page sets its lines closer (GB/T 9704 7.3.5.5)
    rather than moving text (a page ends at most three lines short, above)."""
    page, outputs = _both(libreoffice, drawn, name)
    signoff = {i for i, block in enumerate(page.blocks) if block.group == "signoff"}
    for output, result in outputs.items():
        line_owners = owners(page, result)
        name = min(
            (line for line, index in line_owners.items() if index in signoff), key=lambda line: (line.page, line.y)
        )
        on_its_page = body(result[name.page - 1])
        above = [line for line in on_its_page[: on_its_page.index(name)] if line_owners.get(line) not in signoff]
        assert len(above) >= 2, (output, [line.text for line in on_its_page])
        assert [line.text for line in body(result[-1])][-1] == page.blocks[-1].text


@pytest.mark.slow
def test_the_dash_stays_whole_and_with_what_follows_it(libreoffice):
    """—— never splits, and never ends a line (Word's kinsoku list as the DOCX states it):
    where it does not fit, it starts the next line."""
    lines = [line for page in _page_lines(libreoffice["dash"]) for line in page]
    assert sum(line.startswith("——") for line in lines) >= 2
    assert not any(line.endswith("—") for line in lines)


@pytest.mark.slow
def test_the_dash_of_a_range_never_starts_a_line(libreoffice):
    """GB/T 15834: 20—27日 and 1～6月 never start a line with their dash; both Pango and
    LibreOffice would break before it (8月20 | —27日), and after — the kinsoku list forbids a
    break, so the range moves as a whole."""
    for result in (libreoffice["range-dash"], pages(quiet_pdf(range_dash_report()))):
        lines = [line for page in _page_lines(result) for line in page]
        starts = [line for line in lines if line[0] == "～" or (line[0] == "—" and line[1] != "—")]
        assert not starts, starts
        # The places tried include those where the line was full up to the dash.
        assert any(line.endswith("8月") or line.startswith(("20—27日", "1～6月")) for line in lines)


def test_the_docx_adds_only_word_joiners_before_range_dashes():
    text = "".join(t.text for t in open_docx(render_docx(range_dash_report())).element.body.iter(f"{W}t"))
    assert text.count("\u2060") == 14 and "20\u2060—27日" in text and "1\u2060～6月" in text


@pytest.mark.slow
def test_punctuation_hanging_in_word_would_fail_the_comparison(tmp_path):
    """The comparison reads the DOCX as Word does: a file that let punctuation hang past the
    margin in Word (w:overflowPunct on) lays out differently from the PDF."""
    report = civreport.load(SAMPLES[0])
    good = render_docx(report)
    hanging = _with_member(
        good, "word/styles.xml", lambda xml: xml.replace(b'overflowPunct w:val="0"', b'overflowPunct w:val="1"')
    )
    assert hanging != good
    (tmp_path / "good.docx").write_bytes(good)
    (tmp_path / "hanging.docx").write_bytes(hanging)
    laid_out = {
        name: _page_lines(pages(pdf))
        for name, pdf in to_pdf([tmp_path / "good.docx", tmp_path / "hanging.docx"], tmp_path).items()
    }
    expected = _page_lines(pages(quiet_pdf(report)))
    assert laid_out["good"] == expected
    assert laid_out["hanging"] != expected


def _with_member(data: bytes, name: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = source.read(info)
            target.writestr(info, change(member) if info.filename == name else member)
    return out.getvalue()


def test_every_docx_is_audited_and_the_audit_finds_faults():
    assert DocxWriter.write.__name__ == "audited"  # conftest's session fixture checks every DOCX written
    data = _with_member(
        render_docx(make_report()),
        "word/document.xml",  # w:jc before w:pStyle: out of schema order
        lambda xml: xml.replace(b'<w:pStyle w:val="CivBody"/>', b'<w:jc w:val="both"/><w:pStyle w:val="CivBody"/>', 1),
    )
    with pytest.raises(AssertionError, match="Unexpected element 'pStyle'"):
        assert_valid_docx(data)


# -- how lines end: at the margin on both sides --------------------------------------------------


@pytest.fixture(scope="module")
def print_pdfs() -> dict[str, tuple[civreport.Page, bytes]]:
    """Every report of COMPARED: its page, and the PDF WeasyPrint draws of it (the default
    engine's, Typst's, is ``typst_drawn``)."""
    drawn = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, make in COMPARED.items():
            page = civreport.render_page(make(), pdf_engine="weasyprint")
            drawn[name] = (page, civreport.write(page, "pdf"))
    return drawn


def test_justified_lines_end_at_the_margin(print_pdfs):
    """Every line of a justified paragraph but its last ends at the right margin, within a point:
    the slack of a line that breaks short (before a run of figures, before a closing mark) is
    spread between its characters, as word processors do (before, 44% of the samples' such
    lines ended more than a point short, 28% 4 pt or more)."""
    short, lines_seen = [], 0
    for name, (page, pdf) in print_pdfs.items():
        for block, lines in paragraph_lines(page, pages(pdf)):
            if page.styles[block.style].align != "both":
                continue
            for line in lines[:-1]:
                right = margins(page, block, line)[2]
                lines_seen += 1
                if line.x1 < right - 1:
                    short.append((name, line.text, round(right - line.x1, 2)))
                assert line.x1 < right + 0.5, (name, line.text, line.x1 - right)
    assert lines_seen > 1000 and len(short) <= lines_seen / 100, short  # 1,551 lines


def test_the_slack_goes_between_chinese_characters_and_latin_runs_keep_their_spacing(print_pdfs):
    """In each justified line, Chinese characters stand at one pitch, and the letters and digits
    of a Latin run at their own width plus the tracking, as in a line that is not justified."""
    page, pdf = print_pdfs["mixed"]
    spread = 0
    for block, lines in paragraph_lines(page, pages(pdf)):
        for line in lines[:-1] if page.styles[block.style].align == "both" else ():
            pairs = list(itertools.pairwise(line.chars))
            pitches = [b[0] - a[0] for a, b in pairs if is_ideograph(a[2]) and is_ideograph(b[2])]
            assert max(pitches) - min(pitches) < 0.05, line.text
            spread += min(pitches) > CHAR + 0.05
            for a, b in pairs:
                if a[2].isascii() and b[2].isascii():
                    assert abs(b[0] - a[1] - LAYOUT.char_spacing_pt) < 0.05, (line.text, a, b)
    assert spread


@pytest.mark.parametrize("renderer", ["pdf", pytest.param("libreoffice", marks=pytest.mark.slow)])
def test_no_line_starts_with_the_space_between_chinese_and_latin(print_pdfs, request, renderer):
    """A line of a start-aligned or justified paragraph starts at its margin (or its first-line
    indent), also where it starts with a Latin letter or digit that follows a Chinese character:
    word processors drop the space between them there, and the PDF does too (it kept it: 3.5 pt)."""
    laid_out = request.getfixturevalue("libreoffice") if renderer == "libreoffice" else None
    misplaced, latin = [], 0
    for name, (page, pdf) in print_pdfs.items():
        for block, lines in paragraph_lines(page, laid_out[name] if laid_out else pages(pdf)):
            if page.styles[block.style].align not in ("both", "left") or flush_right_from(block, page.styles) == 0:
                continue  # (a line of 签发人 alone: all of it flush right)
            for n, line in enumerate(lines):
                start = margins(page, block, line)[0 if n == 0 else 1]
                latin += n > 0 and is_latin(line.text[0])
                if abs(line.x0 - start) > 0.5:
                    misplaced.append((name, line.text, round(line.x0 - start, 2)))
    assert latin and not misplaced, misplaced


def test_the_pdfs_copied_text_has_no_added_spaces(print_pdfs):
    """Justified lines copy as their characters alone: the extra space is letter spacing, not
    text. Reports with tables hold their spaces only: a reader copies cells in its own order, and
    a header row as often as it is repeated on a page. (An ideographic space, between two
    signers, WeasyPrint draws as an advance, which copies as nothing.)"""
    for name, (page, pdf) in print_pdfs.items():
        copied = text_layer(pdf, BLOCK_BOTTOM).replace("\n", "")
        text = page_text(page).replace("\n", "").replace("\u3000", "")
        assert copied.count(" ") == text.count(" "), name
        if not any(isinstance(block, Table) for block in page.blocks):
            assert copied == text, name
