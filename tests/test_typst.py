"""The Typst PDF (the second engine, civreport.writers.typst), read back: the text complete
and in order, the grid, page numbers, fonts embedded, metadata, the same bytes for the same
page, hostile text printed as it is, and the engine's choice on the command line and in a
profile."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import warnings
from dataclasses import replace

import pikepdf
import pymupdf
import pytest

import civreport
from civreport.diagnostics import Diagnostics
from civreport.errors import MissingGlyphWarning, UnreadStylesheetWarning
from civreport.rendering.blocks import Paragraph, Table
from civreport.writers.typst import TypstWriter

from conftest import ROOT, SAMPLES, cli_env, make_report, office_with_template
from geometry import (
    BLOCK_BOTTOM,
    CHAR,
    FRAMED,
    assert_page_number,
    body,
    grid_report,
    items_report,
    left_edge,
    margins,
    mixed_report,
    paragraph_lines,
    right_edge,
)
from pdftext import Line, metadata, pages, spans, stroked, text_layer, unhinted
from rollupmeasures import roll

FRAME_SAMPLE = ROOT / "samples" / "frame" / "xiaohe-2024q3-sent-report.yaml"


def typst_pdf(report: civreport.Report) -> tuple[civreport.Page, bytes]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the stand-in fonts of this machine
        page = civreport.render_page(report, pdf_engine="typst")
        return page, civreport.write(page, "pdf")


@pytest.fixture(scope="module")
def sample_pdfs():
    return {s.stem: typst_pdf(civreport.load(s)) for s in SAMPLES}


@pytest.fixture(scope="module")
def grid():
    return pages(typst_pdf(grid_report())[1])


def _plain(text: str) -> str:
    return unhinted("".join(text.split()))


def test_the_typst_pdf_holds_every_paragraph_in_order(sample_pdfs):
    for name, (page, pdf) in sample_pdfs.items():
        copied = _plain(text_layer(pdf, BLOCK_BOTTOM))
        at = 0
        for block in page.blocks:
            texts = [block.text] if isinstance(block, Paragraph) else [c.text for row in block.rows for c in row]
            for text in map(_plain, texts):
                found = copied.find(text, at)
                assert found >= 0, (name, text, copied[at : at + 40])
                at = found + len(text)
        if not any(isinstance(block, Table) for block in page.blocks):
            assert at == len(copied), name  # nothing but the page's text


def test_lines_read_by_position_hold_their_text_in_order_without_hints():
    """Read as readers copy a PDF, by each character's position, every line holds its own text in
    order and no line-break hint. A hint within a text was shaped into its neighbour's glyph,
    which then copied as two characters, and the PDF wrote that glyph's other occurrences with
    their text apart (ActualText), which readers put at the end of the line before: in the
    roll-up of xiaohe the first digit of 100.4% and of 116.7% ended the line above."""
    page, pdf = typst_pdf(roll("xiaohe").report)
    laid_out = pages(pdf)
    assert not [line.text for lines in laid_out for line in lines if "\u2060" in line.text]
    found = paragraph_lines(page, laid_out)  # each paragraph's text, line after line
    starts = ["".join(lines[k].text.split())[:6] for _, lines in found for k in range(1, len(lines))]
    assert "100.4%" in starts and "116.7%" in starts


def test_justified_lines_end_at_the_margin():
    """Every line of a justified paragraph but its last ends at the right margin, within a point,
    as in the WeasyPrint PDF and in Word, where a line breaks well short of it (before figures that
    do not fit) too: on these three reports, 43 of 73 such lines ended more than a point short
    (29 more than 4 pt, at most 24 pt). Typst justifies a paragraph's lines to the paragraph's
    width, which was its widest line's, and to a line's last character only where the line ends in
    text, not in spacing."""
    seen = 0
    for report in (roll("xiaohe").report, items_report(0), mixed_report()):
        page, pdf = typst_pdf(report)
        for block, lines in paragraph_lines(page, pages(pdf)):
            for line in lines[:-1] if page.styles[block.style].align == "both" else ():
                seen += 1
                assert abs(line.x1 - margins(page, block, line)[2]) < 1, (line.text, line.x1)
    assert seen > 70  # 73


def test_an_opening_mark_that_starts_a_line_after_a_break_is_whole():
    """An opening bracket or quote that starts a line inside a paragraph stands at the margin as
    wide as a character, as word processors set it: Typst set it half as wide, its next character
    half a character to the left (the dense mixed report has （站） and “滨河好人” there)."""
    page, pdf = typst_pdf(mixed_report())
    starts = 0
    for block, lines in paragraph_lines(page, pages(pdf)):
        for line in lines[1:]:
            if line.text[0] in "（《【〔“‘":
                starts += 1
                assert abs(line.x0 - margins(page, block, line)[1]) < 0.5, line.text
                assert line.chars[1][0] - line.chars[0][0] > CHAR - 0.1, line.text
    assert starts >= 2


def test_full_pages_hold_22_lines_of_28_characters(grid):
    assert len(grid) >= 5
    for lines in grid[1:-1]:
        assert len(body(lines)) == 22
        full = [line for line in body(lines) if not line.text.endswith("。") and line.x0 < left_edge(line.page) + 1]
        assert full and all(len(line.text) == 28 for line in full)
        assert all(abs(line.x1 - right_edge(line.page)) < 1 for line in full)
    # The same grid as the WeasyPrint PDF: page 1 ends where the full pages end.
    assert abs(body(grid[0])[-1].y - body(grid[1])[-1].y) < 0.5


def test_page_numbers_alternate_sides_below_the_text_block(sample_pdfs):
    for name, (_, pdf) in sample_pdfs.items():
        for number, lines in enumerate(pages(pdf), 1):
            footer = [line for line in lines if line.y > BLOCK_BOTTOM]
            assert len(footer) == 1, name
            assert_page_number(footer[0], number)


def test_fonts_are_embedded_and_drawn_by_role(sample_pdfs):
    _, pdf = sample_pdfs["district-2023-civilized-city"]
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        fonts = {font[0]: font for p in doc for font in p.get_fonts(full=True)}
        embedded = {doc.extract_font(xref)[0]: len(doc.extract_font(xref)[3]) for xref in fonts}
    assert embedded and all(size > 0 for size in embedded.values()), embedded
    drawn = {line.text: line.fonts for p in pages(pdf) for line in p}
    title = next(text for text in drawn if "工作总结" in text)
    assert drawn[title] == {"FandolSong-Bold"}
    assert {"FandolFang-Regular", "FandolHei-Regular"} <= set().union(*drawn.values())


def test_metadata(sample_pdfs):
    meta = metadata(sample_pdfs["district-2023-civilized-city"][1])
    assert meta["title"] == "云江市滨河区2023年创建全国文明城市工作总结"
    assert meta["author"] == "云江市滨河区"
    assert meta["subject"] == "创建全国文明城市"
    assert meta["creationDate"].startswith("D:20240108")


def test_same_page_same_bytes_from_a_new_writer(sample_pdfs):
    page, pdf = sample_pdfs["hedong-street-2021"]
    assert civreport.write(page, "pdf") == pdf
    assert TypstWriter(dict(page.pdf_fonts)).write(page, Diagnostics()) == pdf


def test_a_writer_leaves_no_font_folder_behind(sample_pdfs, tmp_path, monkeypatch):
    """Typst reads fonts from folders only: the writer's folder of links to the plan's faces
    lives only while Typst reads it, so a process killed later (a batch's or the editor's
    worker) leaves none; Typst loads each face from its own file."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    page, pdf = sample_pdfs["hedong-street-2021"]
    writer = TypstWriter(dict(page.pdf_fonts))
    assert list(tmp_path.iterdir()) == []
    assert writer.write(page, Diagnostics()) == pdf


def test_bold_headings_in_a_face_without_bold_are_stroked_only_where_the_office_wants():
    """As the WeasyPrint PDF draws them (tests/test_offices.py): 仿宋 has no bold face."""
    items = [{"title": "健全机构", "body": ["成立领导小组。"]}, {"title": "完善制度", "items": [{"title": "建立台账"}]}]
    report = make_report(office="小河区", measures=[{"items": [{"title": "强化组织领导", "items": items}]}])
    offices = ROOT / "samples" / "offices"
    for profile, bold in (("gbt9704", ""), ("common-practice", "1.健全机构。2.完善制度")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            page = civreport.render_page(report, office=offices / profile / "profile.yaml", pdf_engine="typst")
        assert "".join(stroked(civreport.write(page, "pdf"))) == bold


def test_a_character_the_roles_font_lacks_is_reported_and_drawn_by_the_fallback():
    page, _ = typst_pdf(make_report(opening=["发放调査问卷五千份。"]))
    diagnostics = Diagnostics()
    pdf = civreport.write(page, "pdf", diagnostics=diagnostics)
    missing = [d.message for d in diagnostics if d.kind is MissingGlyphWarning]
    assert len(missing) == 1 and "“査”（U+67FB）" in missing[0] and "Noto Serif CJK SC" in missing[0]
    drawn = {font for p in spans(pdf) for text, font in [p[1:3]] if "査" in text}
    assert drawn == {"NotoSerifCJKsc-Regular"}


@pytest.mark.parametrize("report", [SAMPLES[0], FRAME_SAMPLE], ids=["plain", "framed"])
def test_pdf_a_is_asked_of_typst_as_of_weasyprint(report):
    """PDF/A-2b by Typst's own export where the page asks for it (README “PDF/A for archives”),
    the same bytes each time; a plain PDF where it does not; with the official frame as without."""
    for pdf_a in (True, False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            page = civreport.render_page(civreport.load(report), pdf_engine="typst", pdf_a=pdf_a)
        pdf = civreport.write(page, "pdf")
        assert civreport.write(page, "pdf") == pdf
        with pikepdf.open(io.BytesIO(pdf)) as document:
            meta = document.open_metadata()
            identified = (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"))
            assert identified == (("2", "B") if pdf_a else (None, None))
            assert ("/OutputIntents" in document.Root) == pdf_a


HOSTILE = [
    '#import "/etc/passwd": *',
    '#read("/etc/passwd") #eval("1+1") #{ panic("x") }',
    "] [ $x^2$ \\ \\n *粗* _斜_ `raw` <label> @ref",
    "= 标题 - 列表 + 编号 / 术语: // 注释 /* 块 */ ~ --- ... 'a' \"b\"",
    "#set text(size: 100pt) #show: none #let x = 1",
]


def test_hostile_text_is_printed_as_it_is():
    _, pdf = typst_pdf(make_report(opening=HOSTILE))
    copied = _plain(text_layer(pdf, BLOCK_BOTTOM))
    for text in HOSTILE:
        assert _plain(text) in copied, text
    assert "root:" not in copied
    assert {round(line.size) for p in pages(pdf) for line in body(p)} <= {16, 22}


def test_render_picks_the_engine_from_the_command_line(tmp_path):
    render = [sys.executable, "-m", "civreport", "render", str(SAMPLES[0]), "--to", "pdf", "-q"]
    done = subprocess.run(
        [*render, "--out", str(tmp_path), "--pdf-engine", "typst"],
        capture_output=True,
        text=True,
        env=cli_env(),
    )
    assert done.returncode == 0, done.stderr
    assert metadata((tmp_path / f"{SAMPLES[0].stem}.pdf").read_bytes())["creator"].startswith("Typst")
    wrong = subprocess.run(
        [*render, "--out", str(tmp_path), "--pdf-engine", "latex"],
        capture_output=True,
        text=True,
        env=cli_env(),
    )
    assert wrong.returncode == 2
    assert "没有 PDF 排版引擎“latex”；可用：auto、weasyprint、typst" in wrong.stderr


def test_a_typst_pdf_never_imports_weasyprint(tmp_path):
    code = (
        "import sys, warnings, civreport; warnings.simplefilter('ignore');"
        f"civreport.write(civreport.render_page(civreport.load({str(SAMPLES[0])!r}), pdf_engine='typst'), 'pdf');"
        "print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_profile_chooses_the_engine_and_is_told_what_engines_there_are(tmp_path):
    (tmp_path / "office.yaml").write_text("pdf_engine: typst\n", encoding="utf-8")
    page = civreport.render_page(civreport.load(SAMPLES[0]), office=tmp_path / "office.yaml")
    assert page.pdf_engine == "typst"
    (tmp_path / "bad.yaml").write_text("pdf_engine: latex\n", encoding="utf-8")
    with pytest.raises(civreport.InputError) as raised:
        civreport.render_page(civreport.load(SAMPLES[0]), office=tmp_path / "bad.yaml")
    message = str(raised.value)
    assert "pdf_engine" in message and "weasyprint" in message and "typst" in message
    assert not any(word in message for word in ("Input should", "literal"))


SEAL = "<style>.signoff { background: url(seal.png) no-repeat right; }</style>"


@pytest.mark.parametrize(
    ("head", "engine"),
    [
        ("{{ super() }}", "typst"),  # the shipped stylesheet alone
        ("<meta charset='utf-8'><style>{{ stylesheet }}</style>", "typst"),  # written out again
        ("{{ super() }}" + SEAL, "weasyprint"),
        ('{{ super() }}<link rel="stylesheet" href="office.css">', "weasyprint"),
    ],
)
def test_auto_is_typst_unless_the_office_brings_a_stylesheet(tmp_path, head, engine):
    """The default engine, ``auto``: Typst, but WeasyPrint where an office's template adds a
    stylesheet of its own (a seal, a letterhead), which only WeasyPrint reads; the PDF says
    which engine made it."""
    office = office_with_template(
        tmp_path, '{% extends "civreport/report.html.j2" %}{% block head %}' + head + "{% endblock %}"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = civreport.render_page(make_report(), office=office)
        pdf = civreport.write(page, "pdf")
    assert civreport.load_profile(office).settings.pdf_engine == "auto"
    assert (page.pdf_engine, page.styled) == (engine, engine == "weasyprint")
    made_by = metadata(pdf)["creator"] if engine == "typst" else metadata(pdf)["producer"]
    assert made_by.lower().startswith(engine)


def test_typst_chosen_for_a_styled_office_says_what_it_leaves_out(tmp_path):
    office = office_with_template(
        tmp_path, '{% extends "civreport/report.html.j2" %}{% block head %}{{ super() }}' + SEAL + "{% endblock %}"
    )
    page = civreport.render_page(make_report(), office=office, pdf_engine="typst")
    found = Diagnostics()
    civreport.write(page, "pdf", diagnostics=found)
    (message,) = [d.message for d in found if d.kind is UnreadStylesheetWarning]
    assert message.startswith(f"模板 {tmp_path / 'templates' / 'report.html.j2'} 第 1 行：办公室模板带有自己的样式表")
    assert "pdf_engine 改为 auto 或 weasyprint" in message
    plain = Diagnostics()
    civreport.write(civreport.render_page(make_report(), pdf_engine="typst"), "pdf", diagnostics=plain)
    assert not [d for d in plain if d.kind is UnreadStylesheetWarning]


@pytest.mark.parametrize("name", list(FRAMED))
def test_the_official_frame_is_laid_out_as_the_weasyprint_pdf_lays_it_out(name):
    """The frame drawn from the page's blocks: every line of both PDFs on the same page,
    holding the same characters, at the same height to half a point (a table's rows stand
    up to a third of a point apart). The WeasyPrint PDF's lines are LibreOffice's
    (tests/test_docx.py); where the frame stands is measured for both in
    test_official_frame.py."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = civreport.render_page(FRAMED[name]())
    typst = civreport.write(page, "pdf", diagnostics=Diagnostics())
    weasyprint = civreport.write(replace(page, pdf_engine="weasyprint"), "pdf", diagnostics=Diagnostics())
    assert metadata(typst)["creator"].startswith("Typst")

    ours, theirs = (pages(data) for data in (typst, weasyprint))

    def held(laid_out: list[list[Line]]) -> list[list[str]]:
        return [["".join(sorted(_plain(line.text))) for line in body(p)] for p in laid_out]

    assert held(ours) == held(theirs)
    heights = [(a.y, b.y) for p, q in zip(ours, theirs) for a, b in zip(body(p), body(q))]
    assert all(abs(a - b) < 0.5 for a, b in heights)
