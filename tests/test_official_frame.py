"""The official frame of a document sent upward (GB/T 9704-2012 7.2, 7.3.6, 7.3.7, 7.4): its
fields and their checks, and where the PDF puts the head, the attachments and the 版记,
measured against the clauses in the PDF of each engine (WeasyPrint and Typst); the DOCX
carries the same as Word content. (LibreOffice's rendering of the sample is compared line by
line with both PDFs in test_docx.py.)"""

from __future__ import annotations

import io
import re

import docx
import pymupdf
import pytest
from ruamel.yaml import YAML

import civreport
from civreport import InputError, render_docx
from civreport.compose import compose
from civreport.office.layout import TABLE_RULE_PT
from civreport.office.profile import load_profile
from civreport.readers.importing import import_document
from civreport.serving.forms import apply_form, form

from conftest import ROOT, W, make_report
from geometry import (
    BLOCK_BOTTOM,
    CHAR,
    LAYOUT,
    PITCH,
    TOP,
    blank_page_frame_report,
    left_edge,
    paragraph,
    quiet_pdf,
    right_edge,
    signers_frame_report,
)
from libreoffice import to_pdf
from pdftext import MM, Line, pages, text_layer, unhinted

SAMPLE = ROOT / "samples" / "frame" / "xiaohe-2024q3-sent-report.yaml"
TOLERANCE = 0.5 * MM  # the measures of issue 25
RED = (1.0, 0.0, 0.0)
BODY, FOOT_SIZE = LAYOUT.body_size_pt, LAYOUT.foot_size_pt


def write(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def near(measured: float, wanted: float) -> bool:
    return abs(measured - wanted) <= TOLERANCE


@pytest.fixture(scope="module", params=["weasyprint", "typst"])
def engine(request) -> str:
    """Each PDF engine: both draw the frame where the clauses put it."""
    return request.param


@pytest.fixture(scope="module")
def sample_pdf(engine) -> bytes:
    return quiet_pdf(civreport.load(SAMPLE).report, pdf_engine=engine)


@pytest.fixture(scope="module")
def laid_out(sample_pdf):
    return pages(sample_pdf)


def rules(data: bytes) -> list[tuple[int, pymupdf.Rect, tuple[float, ...]]]:
    """The rules drawn across the text block, top to bottom: (page, rectangle, colour).
    WeasyPrint draws a border as the even-odd fill between its outer and inner edges;
    Typst and LibreOffice (twice over) stroke a line, as they do a table's thinner lines."""
    found = set()
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for number, page in enumerate(document, 1):
            for drawing in page.get_drawings():
                boxes = [item[1] for item in drawing["items"] if item[0] == "re"]
                lines = [item[1:] for item in drawing["items"] if item[0] == "l"]
                if len(boxes) == 2 and boxes[0].width > 150 * MM and drawing["fill"]:
                    outer, inner = boxes
                    edge = pymupdf.Rect(outer.x0, min(outer.y1, inner.y1), outer.x1, max(outer.y1, inner.y1))
                    found.add((number, tuple(edge), tuple(drawing["fill"])))
                elif (
                    len(lines) == 1
                    and abs(lines[0][1].x - lines[0][0].x) > 150 * MM
                    and (drawing["width"] or 0) > TABLE_RULE_PT  # not a table's
                ):
                    (start, end), half = lines[0], drawing["width"] / 2
                    left, right = sorted((start.x, end.x))
                    edge = pymupdf.Rect(left, start.y - half, right, start.y + half)
                    found.add((number, tuple(round(v, 2) for v in edge), tuple(drawing["color"])))
    return [
        (number, pymupdf.Rect(edge), colour) for number, edge, colour in sorted(found, key=lambda f: (f[0], f[1][1]))
    ]


def line_of(laid_out, text: str):
    return next(line for page in laid_out for line in page if line.text.startswith(text))


def x_of(line: Line, char: str) -> float:
    return next(x for x, _, c in line.chars if c == char)


def page_numbers(data: bytes) -> list[list[str]]:
    return [[line.text for line in page if line.y > BLOCK_BOTTOM] for page in pages(data)]


# --- The fields and their checks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("小河创城办[2024]12号", "年份要用六角括号〔〕括起，不用 []、【】 或 ()"),
        ("小河创城办【2024】12号", "年份要用六角括号〔〕括起"),
        ("小河创城办〔2024〕012号", "序号不编虚位（写 12号，不写 012号）"),
        ("小河创城办〔2024〕第12号", "发文字号“小河创城办〔2024〕第12号”中不加“第”"),
        ("小河创城办〔1850〕12号", "发文字号的年份应在 1900 年到 2100 年之间"),
        ("{year: 2400, serial: 3}", "发文字号的年份应在 1900 年到 2100 年之间"),
    ],
)
def test_a_number_written_otherwise_is_refused_at_its_field(tmp_path, number, message):
    text = f"office: 小河区\nperiod: 2024Q3\nsubject: 创建全国文明城市\nnumber: {number}\n"
    with pytest.raises(InputError) as info:
        civreport.load(write(tmp_path, "r.yaml", text))
    (problem,) = info.value.problems
    assert problem.path == "number（发文字号）" and problem.line == 4
    assert message in problem.message


def test_secrecy_and_urgency_take_only_their_words(tmp_path):
    text = "office: 小河区\nperiod: 2024Q3\nsubject: 创建全国文明城市\nsecrecy: 内部★1年\nurgency: 很急\n"
    with pytest.raises(InputError) as info:
        civreport.load(write(tmp_path, "r.yaml", text))
    assert {p.path for p in info.value.problems} == {"secrecy（密级和保密期限）", "urgency（紧急程度）"}
    assert "密级应为 秘密、机密 或 绝密" in str(info.value)


def test_the_profile_gives_the_mark_the_code_and_the_printing_office(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "frame: {mark: 小河区创城办文件, number_code: 小河创城办, printed_by: 小河区创城办}\n", encoding="utf-8"
    )
    settings = load_profile(tmp_path / "p.yaml").settings
    doc = compose(make_report(number={"year": 2024, "serial": 7}, printed_on="2024-10-09"), settings)
    assert doc.head is not None and doc.foot is not None
    assert (doc.head.mark_lines, doc.head.number) == (["小河区创城办文件"], "小河创城办〔2024〕7号")
    assert (doc.foot.printed_by, doc.foot.printed_on) == ("小河区创城办", "2024年10月9日印发")
    own = compose(make_report(number="区创城办〔2024〕8号", mark="区创城办文件"), settings).head
    assert own is not None and (own.mark_lines, own.number) == (["区创城办文件"], "区创城办〔2024〕8号")
    # A plain summary of that office prints no frame.
    plain = compose(make_report(), settings)
    assert (plain.head, plain.foot, plain.attached) == (None, None, [])


def test_a_plain_summary_has_no_frame_blocks():
    page = civreport.render_page(make_report(attachments=["点位清单"]))
    assert not {b.group for b in page.blocks} & {"head", "attached", "foot"}


def test_a_long_mark_is_set_smaller_to_fit_the_text_block():
    long_name = "小河区创建全国文明城市工作指挥部办公室"  # 19 characters: 初号 would be 42 cm wide
    head = compose(make_report(mark=[long_name, "小河区文明办"], number="小河创城办〔2024〕1号")).head
    assert head is not None and head.mark_size_pt == 20  # 156 mm / (19 + a character's gap + 文件)
    assert compose(make_report(mark="小河区创城办文件", number="小河创城办〔2024〕1号")).head.mark_size_pt == 42


# --- The head in the PDF (7.2) -----------------------------------------------------------------


def test_copy_number_secrecy_and_urgency_stand_top_left_on_the_first_lines(laid_out):
    first = laid_out[0]
    assert [line.text for line in first[:3]] == ["000012", "机密★1年", "特急"]
    for i, line in enumerate(first[:3]):
        assert near(line.x0, left_edge(1))
        assert TOP + i * PITCH < line.top and line.top + line.size < TOP + (i + 1) * PITCH
    assert {"FandolHei-Regular"} == first[1].fonts == first[2].fonts


def test_the_joint_mark_is_red_its_names_stacked_with_the_word_centred_beside_them(sample_pdf, laid_out):
    """7.2.4: the sponsor's name first, the partner's under it, 文件 to their right and centred
    on them down the page; the names and 文件 centred together across the text block, the
    mark's top edge 35 mm under the text block's."""
    sponsor, partner = line_of(laid_out, "小河区创建全国"), line_of(laid_out, "小河区精神文明")
    word = line_of(laid_out, "文件")
    size = sponsor.size
    assert near(sponsor.top, TOP + 35 * MM)
    assert partner.top == pytest.approx(sponsor.top + size, abs=0.1)
    assert near(word.top + size / 2, (sponsor.top + partner.top + size) / 2)
    assert near(word.x0 - sponsor.x1, size)  # a character of the mark between them
    assert near((sponsor.x0 + word.x1) / 2, (left_edge(1) + right_edge(1)) / 2)
    assert near((partner.x0 + partner.x1) / 2, (sponsor.x0 + sponsor.x1) / 2)
    assert word.x1 <= right_edge(1) and sponsor.x0 >= left_edge(1)
    with pymupdf.open(stream=sample_pdf, filetype="pdf") as document:
        colours = {
            span["text"]: span["color"]
            for block in document[0].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
        }
    assert colours["小河区创建全国文明城市工作指挥部办公室"] == colours["文件"] == 0xFF0000


def test_number_and_signer_then_the_red_rule_then_the_title(sample_pdf, laid_out):
    partner = line_of(laid_out, "小河区精神文明")
    number = line_of(laid_out, "小河创城办")
    # Two blank lines under the mark: the number's line starts two pitches below it.
    assert near(number.top - (PITCH - BODY) / 2, partner.top + partner.size + 2 * PITCH)
    # A report sent upward: the number one character in from the left, 签发人 one in from the right.
    assert unhinted(number.text) == "小河创城办〔2024〕12号签发人：王小河"
    assert near(number.x0, left_edge(1) + CHAR)
    assert near(number.x1, right_edge(1) - CHAR)
    # Drawn in reading order, so copied so: the number, then 签发人 (a float came first).
    copied = unhinted(text_layer(sample_pdf).replace("\n", ""))
    assert "小河创城办〔2024〕12号签发人：王小河" in copied and "小河区创城办2024年10月8日印发" in copied
    (red,) = [(page, edge) for page, edge, colour in rules(sample_pdf) if colour == RED]
    page, edge = red
    assert page == 1 and near(edge.y0, number.top + BODY + 4 * MM)
    assert near(edge.x0, left_edge(1)) and near(edge.x1, right_edge(1))
    title = line_of(laid_out, "关于小河区")
    assert near(title.top - (PITCH - LAYOUT.title_size_pt) / 2, edge.y1 + 2 * PITCH)


def test_the_signer_name_is_in_kai_and_the_label_in_fang():
    page = civreport.render_page(civreport.load(SAMPLE).report)
    (line,) = [b for b in page.blocks if getattr(b, "style", None) == "number-signer"]
    assert [(run.text, run.style) for run in line.runs] == [
        ("小河创城办〔2024〕12号", None),
        ("签发人：", "signer"),
        ("王小河", "signer-name"),
    ]
    assert page.styles["signer-name"].font == "heading2" and page.styles["signer"].font == "body"


def test_several_signers_stand_two_to_a_line_with_the_number_on_the_last():
    head = compose(make_report(number="小河创城办〔2024〕3号", signer=["甲", "乙", "丙"])).head
    assert head is not None
    assert [(line.number, line.label, line.names, line.right) for line in head.signer_lines] == [
        (None, "签发人：", ["甲", "乙"], 1),
        ("小河创城办〔2024〕3号", "", ["丙"], 3),  # 甲　乙 is two characters wider than 丙
    ]


def signer_lines(laid_out) -> tuple[Line, Line]:
    first = line_of(laid_out, "签发人：")
    return first, next(line for line in laid_out[0] if line.y > first.y)


def test_the_names_of_later_signers_stand_under_the_first_name(engine):
    """7.2.6: 签发人 on the first line only, the later names from where the first name starts,
    the widest line one character in from the right, the number on the last line, and the
    red rule 4 mm under it."""
    data = quiet_pdf(signers_frame_report(), pdf_engine=engine)
    first, last = signer_lines(pages(data))
    assert unhinted(first.text).replace("\u3000", "") == "签发人：王小河李四"
    assert unhinted(last.text).replace("\u3000", "") == "小河创城办〔2024〕3号欧阳小明"
    assert near(first.x1, right_edge(1) - CHAR) and near(last.x0, left_edge(1) + CHAR)
    assert near(x_of(last, "欧"), x_of(first, "王"))
    assert last.y - first.y == pytest.approx(PITCH, abs=0.1)
    (_, edge, colour), *_ = rules(data)
    assert colour == RED and near(edge.y0, last.top + BODY + 4 * MM)


# --- Attachments of their own (7.3.7) and the 版记 (7.4) ----------------------------------------


def test_each_attachment_starts_a_page_with_its_label_and_its_title_on_the_third_line(laid_out):
    starts = [(n, page[0]) for n, page in enumerate(laid_out, 1) if page[0].text.startswith("附件")]
    assert [(n, line.text) for n, line in starts] == [(3, "附件1"), (4, "附件2")]
    for n, label in starts:
        assert near(label.x0, left_edge(n)) and label.fonts == {"FandolHei-Regular"}
        assert TOP < label.top < TOP + PITCH
        title = laid_out[n - 1][1]
        assert title.top > TOP + 2 * PITCH and title.top + title.size < TOP + 3 * PITCH
    numbers = [line.text for page in laid_out for line in page if line.y > BLOCK_BOTTOM]
    assert numbers == ["— 1 —", "— 2 —", "— 3 —", "— 4 —"]  # continued through the attachments


def test_the_foot_ends_on_the_bottom_edge_of_the_last_even_page(sample_pdf, laid_out):
    drawn = [(page, edge) for page, edge, colour in rules(sample_pdf) if colour != RED]
    assert [page for page, _ in drawn] == [4, 4, 4] and len(laid_out) == 4
    (_, first), (_, thin), (_, last) = drawn
    assert near(last.y1, BLOCK_BOTTOM)
    assert [round(edge.height / MM, 2) for _, edge in drawn] == [0.35, 0.26, 0.35]
    cc, printed = line_of(laid_out, "抄送："), line_of(laid_out, "小河区创城办")
    assert first.y1 <= cc.top and cc.top + cc.size <= thin.y0 <= printed.top and printed.top + printed.size <= last.y0
    assert cc.size == pytest.approx(FOOT_SIZE, abs=0.01) and printed.size == pytest.approx(FOOT_SIZE, abs=0.01)
    assert cc.text == "抄送：市文明办，区委办公室，区政府办公室。"
    assert printed.text == "小河区创城办2024年10月8日印发"
    assert near(cc.x0, left_edge(4) + FOOT_SIZE) and near(printed.x0, left_edge(4) + FOOT_SIZE)
    assert near(printed.x1, right_edge(4) - FOOT_SIZE)


@pytest.mark.parametrize(
    ("paragraphs", "lines"),
    [(1, [20, 6]), (3, [21, 21, 0, 2]), (4, [21, 22, 8, 2]), (6, [21, 22, 22, 6])],
)
def test_the_foot_goes_to_an_even_page_a_blank_one_before_it_where_needed(engine, paragraphs, lines):
    """Ending on an even page with room for it, the 版记 stays there; with no room, a blank
    page comes before the next even one; ending on an odd page, the 版记 takes the next."""
    body = [paragraph(9, i) for i in range(paragraphs)]
    report = make_report(opening=body, cc=["市文明办"], printed_by="小河区创城办", printed_on="2024-10-08")
    laid_out = [
        [line for line in page if line.y < BLOCK_BOTTOM] for page in pages(quiet_pdf(report, pdf_engine=engine))
    ]
    assert [len(page) for page in laid_out] == lines
    assert [line.text for line in laid_out[-1]][-2:] == ["抄送：市文明办。", "小河区创城办2024年10月8日印发"]


def test_neither_the_blank_page_nor_the_foots_page_after_it_is_numbered(engine):
    """7.5: a blank page before the 版记's page, and that page, print no number; without a blank
    page the 版记's page is numbered as any other (the sample's page 4)."""
    data = quiet_pdf(blank_page_frame_report(), pdf_engine=engine)
    assert page_numbers(data) == [["— 1 —"], ["— 2 —"], [], []]
    (_, last), *_ = reversed([(page, edge) for page, edge, _ in rules(data)])
    assert near(last.y1, BLOCK_BOTTOM)


def foot_text(footer) -> str:
    return "".join(t.text for t in footer._element.iter(f"{W}t"))


def test_the_docx_sets_the_unnumbered_pages_in_a_section_without_page_numbers():
    document = docx.Document(io.BytesIO(render_docx(blank_page_frame_report())))
    numbered, unnumbered = document.sections
    for footer in (numbered.footer, numbered.even_page_footer):
        assert [f.get(f"{W}instr") for f in footer._element.iter(f"{W}fldSimple")] == [" PAGE "]
    for footer in (unnumbered.footer, unnumbered.even_page_footer):
        assert not footer.is_linked_to_previous and foot_text(footer) == ""
    # The first section ends with the date; the second starts on the blank page, an empty
    # paragraph alone on it, then the 版记's space starts the next page.
    paragraphs = document.paragraphs
    (end,) = [i for i, p in enumerate(paragraphs) if p._p.find(f"{W}pPr/{W}sectPr") is not None]
    blank, space = paragraphs[end + 1 : end + 3]
    assert paragraphs[end].text == "2024年10月8日" and (blank.text, space.style.name) == ("", "版头间距")
    assert blank._p.find(f"{W}pPr/{W}pageBreakBefore") is None  # the section's break
    assert space._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    # Without a blank page, one section: every page numbered.
    assert len(docx.Document(io.BytesIO(render_docx(civreport.load(SAMPLE).report))).sections) == 1


@pytest.mark.slow
def test_libreoffice_numbers_neither_the_blank_page_nor_the_foots_page(tmp_path):
    (tmp_path / "blank.docx").write_bytes(render_docx(blank_page_frame_report()))
    data = to_pdf([tmp_path / "blank.docx"], tmp_path)["blank"]
    assert page_numbers(data) == [["— 1 —"], ["— 2 —"], [], []]
    theirs, ours = rules(data), rules(quiet_pdf(blank_page_frame_report()))
    assert [page for page, _, _ in theirs] == [page for page, _, _ in ours] == [4, 4, 4]
    for (_, drawn, _), (_, wanted, _) in zip(theirs, ours, strict=True):
        assert near(drawn.y0, wanted.y0) and near(drawn.x0, wanted.x0) and near(drawn.x1, wanted.x1)


@pytest.mark.slow
def test_libreoffice_sets_later_signers_under_the_first_name(tmp_path):
    """Across as the PDF sets them (down, LibreOffice sets every line's text about 2 pt lower in
    its line than WeasyPrint, the body's too: the same lines are compared in test_docx.py)."""
    (tmp_path / "signers.docx").write_bytes(render_docx(signers_frame_report()))
    theirs = signer_lines(pages(to_pdf([tmp_path / "signers.docx"], tmp_path)["signers"]))
    ours = signer_lines(pages(quiet_pdf(signers_frame_report())))
    for drawn, wanted in zip(theirs, ours, strict=True):
        # The ideographic space between names: an advance only in LibreOffice's PDF, a character in Typst's.
        assert drawn.text.replace("\u3000", "") == wanted.text.replace("\u3000", "")
        assert near(drawn.x0, wanted.x0) and near(drawn.x1, wanted.x1)
    assert near(x_of(theirs[1], "欧"), x_of(theirs[0], "王"))
    assert theirs[1].y - theirs[0].y == pytest.approx(PITCH, abs=0.1)


def test_a_note_stands_under_the_date_in_parentheses():
    page = civreport.render_page(make_report(note="此件公开发布"))
    assert [(b.style, b.text) for b in page.blocks][-2:] == [
        ("signoff-date", "2024年10月8日"),
        ("remark", "（此件公开发布）"),
    ]


# --- 套打: the letterhead is printed already ----------------------------------------------------


def test_a_letterhead_leaves_the_mark_and_the_rule_blank_and_keeps_every_other_place(tmp_path, engine):
    (tmp_path / "p.yaml").write_text("frame: {letterhead: true}\n", encoding="utf-8")
    report = civreport.load(SAMPLE).report
    plain = quiet_pdf(report, pdf_engine=engine)
    letterhead = quiet_pdf(report, office=tmp_path / "p.yaml", pdf_engine=engine)
    assert [colour for _, _, colour in rules(letterhead)].count(RED) == 0
    marks = {"小河区创建全国文明城市工作指挥部办公室", "小河区精神文明建设指导委员会办公室", "文件"}

    def lines(data: bytes, leave_out: set[str]) -> list[tuple[int, str, float]]:
        return [
            (line.page, line.text, round(line.y, 1))
            for page in pages(data)
            for line in page
            if not (line.page == 1 and line.text in leave_out)
        ]

    assert lines(letterhead, set()) == lines(plain, marks)  # the sign-off's names still print
    assert len(lines(letterhead, set())) == len(lines(plain, set())) - 3


# --- The DOCX: the frame as Word content --------------------------------------------------------


def test_the_docx_carries_the_mark_as_red_text_and_the_rules_as_paragraph_borders():
    document = docx.Document(io.BytesIO(render_docx(civreport.load(SAMPLE).report)))
    by_style = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p)
    # The joint mark: a table without rules, the names one under another in a cell, 文件
    # in a cell of its own beside them, centred down the row (an empty column either side).
    table = document.tables[0]
    (row,) = table.rows
    assert [cell.text for cell in row.cells] == [
        "",
        "小河区创建全国文明城市工作指挥部办公室\n小河区精神文明建设指导委员会办公室",
        "",
        "文件",
        "",
    ]
    assert {p.style.name for cell in row.cells for p in cell.paragraphs} == {"发文机关标志"}
    assert {b.get(f"{W}val") for b in table._tbl.find(f"{W}tblPr/{W}tblBorders")} == {"nil"}
    assert row.cells[3]._tc.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "center"
    mark = document.styles["发文机关标志"].element
    assert mark.find(f"{W}rPr/{W}color").get(f"{W}val") == "FF0000"
    assert len(by_style["红色分隔线"]) == 1
    border = document.styles["红色分隔线"].element.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (border.get(f"{W}val"), border.get(f"{W}sz"), border.get(f"{W}color")) == ("single", "8", "FF0000")
    (number,) = by_style["发文字号和签发人"]
    assert number.text == "小河创城办〔2024〕12号\t签发人：王小河"
    (tab,) = number._p.findall(f"{W}pPr/{W}tabs/{W}tab")
    assert tab.get(f"{W}val") == "right"
    labels = [p for p in by_style["附件标识"]]
    assert [p.text for p in labels] == ["附件1", "附件2"]
    assert all(p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in labels)
    assert [p.text for p in by_style["抄送机关"]] == ["抄送：市文明办，区委办公室，区政府办公室。"]
    assert [p.text for p in by_style["印发机关和印发日期"]] == ["小河区创城办\t2024年10月8日印发"]
    thin = document.styles["版记细线"].element.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert thin.get(f"{W}sz") == "6"


# --- The importer: a frame in a Word file fills the fields ---------------------------------------

FRAME_FIELDS = ("mark", "number", "signer", "copy_no", "secrecy", "urgency", "attachments", "cc", "printed_by")


def test_a_word_file_with_the_frame_imports_into_the_frame_fields():
    """civreport's own DOCX read back: the joint mark (known by its paragraph style), the
    number with 签发人, the corner, both attachments with their table and text, the 版记."""
    report = civreport.load(SAMPLE).report
    result = import_document(render_docx(report), name="报告.docx")
    assert result.drops == ()
    assert {f: getattr(result.report, f) for f in FRAME_FIELDS} == {f: getattr(report, f) for f in FRAME_FIELDS}
    assert (result.report.printed_on, result.report.signoff) == (report.printed_on, report.signoff)


def test_a_number_line_with_its_signers_in_a_text_file():
    text = (
        "000003\n机密★6个月\n加急\n河东区文明办文件\n河文明办〔2024〕7号　　签发人：张三　李四\n"
        "关于2024年上半年创建全国文明城市工作情况的报告\n区委：\n今年以来，我区扎实推进创建工作。\n"
        "河东区文明办\n2024年7月5日\n"
    )
    report = import_document(text.encode(), name="r.txt").report
    assert (report.copy_no, report.secrecy.text, report.urgency) == ("000003", "机密★6个月", "加急")
    assert (report.mark, report.number.text(), report.signer) == (
        "河东区文明办文件",
        "河文明办〔2024〕7号",
        ["张三", "李四"],
    )
    assert report.opening == ["今年以来，我区扎实推进创建工作。"]


# --- The editor: the frame's fields in a group of their own --------------------------------------


def test_the_editor_groups_the_frame_fields_closed_unless_the_report_has_a_frame():
    data = YAML(typ="safe").load(SAMPLE.read_text(encoding="utf-8"))
    page = str(form(data))
    group = re.search(
        r'<details class="group" id="f-frame" open><summary>版头和版记（公文格式）</summary>(.*?)</details>', page
    )
    assert group is not None
    names = re.findall(r'name="([^"]+)"', group[1])
    assert names == [
        *("copy_no", "secrecy", "urgency", "mark[0]", "mark[1]", "number", "signer", "note"),
        *("cc[0]", "cc[1]", "cc[2]", "printed_by", "printed_on"),
    ]
    assert 'name="secrecy" value="机密★1年"' in group[1] and 'name="copy_no"' not in page[: group.start()]
    # An attachment printed in full shows its title; the edit keeps its text.
    assert 'name="attachments[1].title" rows="1">问题点位整改清单</textarea>' in page
    edited = apply_form(data, [("number", "小河创城办〔2024〕13号"), ("attachments[1].title", "问题点位清单")])
    assert (
        edited["number"] == "小河创城办〔2024〕13号"
        and edited["attachments"][1]["body"] == data["attachments"][1]["body"]
    )
    assert '<details class="group" id="f-frame"><summary>' in str(form({"office": "小河区"}))


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory) -> bytes:
    """The sample's DOCX laid out by LibreOffice, once for both engines' PDFs."""
    work = tmp_path_factory.mktemp("frame")
    (work / "frame.docx").write_bytes(render_docx(civreport.load(SAMPLE).report))
    return to_pdf([work / "frame.docx"], work)["frame"]


@pytest.mark.slow
def test_libreoffice_sets_the_frame_where_the_pdf_does(libreoffice_pdf, sample_pdf, laid_out):
    """The DOCX as LibreOffice lays it out: the mark's top edge, the red rule and the 版记's
    rules within half a millimetre of the PDF's, on the same pages."""
    data = libreoffice_pdf
    for text in ("小河区创建全国", "小河区精神文明", "文件"):
        drawn, wanted = line_of(pages(data), text), line_of(laid_out, text)
        assert near(drawn.top, wanted.top) and near(drawn.x0, wanted.x0) and near(drawn.x1, wanted.x1)
    theirs, ours = rules(data), rules(sample_pdf)
    assert [(page, colour) for page, _, colour in theirs] == [(page, colour) for page, _, colour in ours]
    for (_, drawn, _), (_, wanted, _) in zip(theirs, ours, strict=True):
        assert near(drawn.y0, wanted.y0) and near(drawn.x0, wanted.x0) and near(drawn.x1, wanted.x1)


def test_without_a_signer_the_number_is_centred_under_a_mark_of_one_line(engine):
    report = make_report(mark="小河区创城办文件", number="小河创城办〔2024〕7号")
    data = quiet_pdf(report, pdf_engine=engine)
    laid_out = pages(data)
    mark, number = line_of(laid_out, "小河区创城办文件"), line_of(laid_out, "小河创城办〔")
    assert near(mark.top, TOP + 35 * MM) and mark.size == pytest.approx(42, abs=0.01)
    centre = (left_edge(1) + right_edge(1)) / 2
    assert near((mark.x0 + mark.x1) / 2, centre) and near((number.x0 + number.x1) / 2, centre)
    assert near(number.top - (PITCH - BODY) / 2, mark.top + mark.size + 2 * PITCH)
    (_, edge, colour), *_ = rules(data)
    assert colour == RED and near(edge.y0, number.top + BODY + 4 * MM)
