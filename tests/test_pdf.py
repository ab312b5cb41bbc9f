"""The PDF, read back: geometry of GB/T 9704-2012, fonts per role, metadata, safety."""

from __future__ import annotations

import http.server
import importlib.metadata
import inspect
import io
import itertools
import subprocess
import sys
import threading
import tomllib
import unicodedata
import warnings
from pathlib import Path
from typing import ClassVar

import docx
import pytest
from lxml import html as lxml_html
from packaging.requirements import Requirement

import civreport
from civreport import render_pdf
from civreport.diagnostics import Diagnostics
from civreport.errors import (
    BlockedResourceWarning,
    FontSubstitutionWarning,
    MissingGlyphWarning,
    SlowFontSubsettingWarning,
    UnprintableTextWarning,
)
from civreport.model.fields import DIAGNOSTICS
from civreport.office.profile import PDF_ENGINES, PdfEngine
from civreport.rendering.blocks import Paragraph

from conftest import MINIMAL, ROOT, SAMPLES, make_report, page_text
from geometry import (
    BLOCK_BOTTOM,
    CHAR,
    MM,
    PITCH,
    TOP,
    assert_page_number,
    body,
    cjk,
    empty_at_foot,
    grid_report,
    left_edge,
    paragraph,
    quiet_pdf,
    right_edge,
)
from pdftext import metadata, page_size, pages, spans, text_layer


@pytest.fixture(scope="module")
def grid_pdf():
    return pages(quiet_pdf(grid_report()))


@pytest.fixture(scope="module")
def sample_pdfs():
    return {s.stem: quiet_pdf(civreport.load(s)) for s in SAMPLES}


def test_a4_pages(sample_pdfs):
    for data in sample_pdfs.values():
        assert all(abs(w - 595.28) < 0.1 and abs(h - 841.89) < 0.1 for w, h in page_size(data))


def test_full_pages_hold_22_lines(grid_pdf):
    assert len(grid_pdf) >= 5
    for lines in grid_pdf[1:-1]:
        assert len(body(lines)) == 22
    # Page 1: two title lines, a blank line and 19 lines of text, ending where the others end.
    first = body(grid_pdf[0])
    assert len(first) == 21
    assert abs(first[-1].y - body(grid_pdf[1])[-1].y) < 0.5


def test_full_lines_hold_28_characters_from_edge_to_edge(grid_pdf):
    counts = set()
    for lines in grid_pdf[1:-1]:
        for line in body(lines):
            if line.text.endswith("。"):
                continue  # a paragraph's last line
            first_line = abs(line.x0 - left_edge(line.page) - 2 * CHAR) < 1
            counts.add((first_line, len(line.text)))
            assert abs(line.x1 - right_edge(line.page)) < 1.0, line
    assert counts == {(False, 28), (True, 26)}


def test_figures_fit_a_line_without_their_space_to_the_chinese_its_ends():
    """Word processors leave the space between Chinese and a Latin run out where the run ends or
    starts a line, and do not count it when they fit the line: 1.52 fits after 26 characters,
    and 26 after it (LibreOffice puts them so; the PDF, counting the space, put 1.52 on the next
    line, and the 26th character after it). Each line ends at the margin."""
    at_end = cjk(26) + cjk(26, 3) + "1.52" + cjk(30, 5) + "。"
    at_start = cjk(26) + cjk(27, 3) + "1.52" + cjk(30, 5) + "。"
    report = make_report(office="小河区", opening=[at_end, at_start], measures=[], problems=[], plans=[])
    lines = {line.text: line for page in pages(quiet_pdf(report)) for line in body(page)}
    for text in (cjk(26, 3) + "1.52", cjk(27, 3), "1.52" + cjk(26, 5)):
        assert abs(lines[text].x1 - right_edge(lines[text].page)) < 0.5, text


def test_text_block_position_mirrors_on_even_pages(grid_pdf):
    for lines in grid_pdf[1:-1]:
        b = body(lines)
        unindented = [line for line in b if abs(line.x0 - left_edge(line.page)) < 0.5]
        assert unindented, f"no line starts at the left margin on page {b[0].page}"
        # The first baseline sits in the first grid line under the 37 mm top margin.
        assert TOP < b[0].y < TOP + PITCH
        assert b[-1].y < BLOCK_BOTTOM
        assert abs(b[-1].y - b[0].y - 21 * PITCH) < 0.5


def _on_grid(step: float, pitch: float) -> bool:
    return abs(step / pitch - round(step / pitch)) < 0.02


def test_every_line_sits_on_the_grid(sample_pdfs):
    """Every body line on the grid, but where the sign-off's page sets its lines closer to
    fit it (GB/T 9704 7.3.5.5): from some line of the last page on, they sit on a grid of
    their own, the pitch the page gives them."""
    for sample in SAMPLES:
        result = pages(sample_pdfs[sample.stem])
        page = civreport.render_page(civreport.load(sample))
        closer = {b.line_twips / 20 for b in page.blocks if isinstance(b, Paragraph) and b.line_twips}
        for lines in result:
            b = [line for line in body(lines) if abs(line.size - 16) < 0.5]
            steps = [after.y - before.y for before, after in itertools.pairwise(b)]
            on_grid = [_on_grid(step, PITCH) for step in steps]
            if lines is result[-1] and closer:
                pitch = closer.pop()
                on_closer = [_on_grid(step, pitch) for step in steps]
                assert any(all(on_grid[:k]) and all(on_closer[k + 1 :]) for k in range(len(steps))), sample.stem
                assert not all(on_grid), sample.stem
            else:
                assert all(on_grid), (sample.stem, lines[0].page)
            assert all(line.x1 <= right_edge(line.page) + 0.5 for line in b), sample.stem


def test_page_numbers_alternate_sides_below_the_text_block(sample_pdfs):
    for data in sample_pdfs.values():
        for number, lines in enumerate(pages(data), 1):
            footer = [line for line in lines if line.y > BLOCK_BOTTOM]
            assert len(footer) == 1
            assert_page_number(footer[0], number)


def test_title_is_centred_22pt_in_balanced_lines(sample_pdfs):
    first = pages(sample_pdfs["district-2023-civilized-city"])[0]
    title = [line for line in first if abs(line.size - 22) < 0.1]
    assert [line.text for line in title] == ["云江市滨河区2023年", "创建全国文明城市工作总结"]
    centre = left_edge(1) + 78 * MM
    for line in title:
        assert line.fonts == {"FandolSong-Bold"}
        assert abs((line.x0 + line.x1) / 2 - centre) < 2
    assert TOP < title[0].y < TOP + PITCH


def test_fonts_per_role(sample_pdfs):
    found = {}
    for _, text, font, _ in spans(sample_pdfs["district-2023-civilized-city"]):
        for marker, role in (("一、", "heading1"), ("（一）", "heading2"), ("2023年是全国文明城市", "body")):
            if text.startswith(marker):
                found[role] = font
    assert found == {"heading1": "FandolHei-Regular", "heading2": "FandolKai-Regular", "body": "FandolFang-Regular"}


def test_signoff_position(sample_pdfs):
    last = pages(sample_pdfs["district-2023-civilized-city"])[-1]
    name, day = [line for line in body(last)][-2:]
    assert (name.text, day.text) == ("云江市滨河区人民政府", "2024年1月8日")
    page = name.page
    assert abs(name.x1 - (right_edge(page) - 2 * CHAR)) < 2
    assert abs(day.x0 - (name.x0 + 2 * CHAR)) < 2
    date = civreport.render_page(civreport.load(SAMPLES[0])).blocks[-1]
    assert date.text == day.text
    assert abs(day.y - name.y - (date.line_twips or PITCH * 20) / 20) < 0.1  # on the line under the name


def test_the_signoff_shares_its_page_with_the_last_two_lines_of_text():
    # Title and blank line, then 20 lines of opening: 19 would fill page 1, and the sign-off
    # would start page 2 alone. The paragraph before the sign-off leaves two lines for it.
    report = make_report(
        office="小河区", opening=[paragraph(20)[:-1] + "现将工作情况总结如下："], measures=[], problems=[], plans=[]
    )
    result = pages(quiet_pdf(report))
    assert len(result) == 2
    assert empty_at_foot(result[0]) == 1
    page_two = [line.text for line in body(result[1])]
    assert len(page_two) == 4 and page_two[1].endswith("现将工作情况总结如下："), page_two
    assert page_two[-2:] == ["小河区", "2024年10月8日"]


def test_heading_never_sits_alone_at_the_bottom():
    # 18 lines of opening under the title leave the 22nd line of page 1 for the heading: it
    # must move on.
    report = make_report(
        office="小河区",
        opening=[paragraph(18)[:-1] + "现将工作情况总结如下："],
        measures=[{"body": [paragraph(3, 5)]}],
        problems=[],
        plans=[],
    )
    result = pages(quiet_pdf(report))
    assert body(result[0])[-1].text.endswith("总结如下：") and empty_at_foot(result[0]) == 1
    assert body(result[1])[0].text == "一、主要做法"


def test_metadata(sample_pdfs):
    meta = metadata(sample_pdfs["district-2023-civilized-city"])
    assert meta["title"] == "云江市滨河区2023年创建全国文明城市工作总结"
    assert meta["author"] == "云江市滨河区"
    assert meta["subject"] == "创建全国文明城市"
    assert meta["creationDate"].startswith("D:20240108")


@pytest.mark.slow
def test_same_input_same_bytes_across_processes(tmp_path, sample_pdfs):
    sample = SAMPLES[0]
    out = tmp_path / "again.pdf"
    code = (
        f"import warnings; warnings.simplefilter('ignore'); import civreport; "
        f"open({str(out)!r}, 'wb').write(civreport.render_pdf(civreport.load({str(sample)!r})))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert out.read_bytes() == sample_pdfs[sample.stem] == quiet_pdf(civreport.load(sample))


def test_missing_glyphs_are_reported_with_their_position():
    report = make_report(opening=["发放调査问卷五千份。"])  # 査 is Japanese; the GB fonts lack it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_pdf(report)
    missing = [str(w.message) for w in caught if issubclass(w.category, MissingGlyphWarning)]
    assert len(missing) == 1
    assert not any(".notdef" in str(w.message) for w in caught)  # no duplicate English notice
    assert "“査”（U+67FB）" in missing[0] and "正文" in missing[0]
    assert "第 2 段第 4 字（“发放调査问卷五千份。" in missing[0]


@pytest.mark.parametrize("face", ["FandolFang-Regular.otf", "FandolSong-Bold.otf"])
def test_a_fonts_coverage_is_its_cmap_without_control_characters(face):
    """What the glyph report reads a font's coverage from (fontconfig's charset, fast) is what
    the font's cmap maps, read with fontTools, but for control characters no text prints."""
    from fontTools.ttLib import TTFont

    from civreport.writers.pdf.fonts import coverage

    file = f"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/{face}"
    with TTFont(file, lazy=True) as font:
        cmap = frozenset(font.getBestCmap())
    printed = frozenset(code for code in cmap if unicodedata.category(chr(code)) != "Cc")
    assert len(printed) > 10_000 and coverage(file) == printed
    assert coverage("/no/such/font.otf") == frozenset()


def test_faces_read_together_cover_what_each_read_alone_covers(tmp_path, monkeypatch):
    """The faces of a plan are read in one fc-query; a face it cannot read, a file of a name
    one line cannot hold and a face at another index are each read as alone, with the same
    coverage."""
    from civreport.writers.pdf import fonts

    fandol = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
    odd = tmp_path / "a\tb\nc.otf"
    odd.symlink_to(fandol / "FandolKai-Regular.otf")
    faces = [
        (str(fandol / "FandolFang-Regular.otf"), 0),
        ("/no/such/font.otf", 0),
        (str(odd), 0),
        (str(fandol / "FandolSong-Bold.otf"), 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        (str(fandol / "FandolHei-Regular.otf"), 1),  # no such face
    ]
    monkeypatch.setattr(fonts, "_COVERAGE", {})
    fonts.read_coverage(faces)
    together = dict(fonts._COVERAGE)
    alone = {}
    for face in faces:
        monkeypatch.setattr(fonts, "_COVERAGE", {})
        alone[face] = fonts.coverage(*face)
    assert together == alone
    assert [len(together[face]) > 10_000 for face in faces] == [True, False, True, True, True, False]
    started, run = [], subprocess.run
    monkeypatch.setattr(fonts, "_COVERAGE", {})
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: started.append(a) or run(*a, **k))
    fonts.read_coverage([faces[0], faces[3]])
    assert len(started) == 1 and {face: alone[face] for face in (faces[0], faces[3])} == fonts._COVERAGE


def test_substitutions_are_reported_per_role():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_pdf(make_report())
    messages = [str(w.message) for w in caught if issubclass(w.category, FontSubstitutionWarning)]
    assert any(
        m.startswith("正文（仿宋）：未安装 仿宋_GB2312") and m.endswith("改用 FandolFang-Regular") for m in messages
    )
    assert len(messages) == 5


def test_configured_font_file_comes_first(tmp_path):
    kai = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolKai-Regular.otf"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render_pdf(make_report(), fonts={"body": kai, "heading1": ["不存在的字体", kai]})
    messages = [str(w.message) for w in caught]
    assert not any(m.startswith("正文") for m in messages)
    assert any("一级标题（黑体）：找不到配置的字体 不存在的字体" in m for m in messages)
    body_fonts = {font for _, text, font, _ in spans(data) if text.startswith("今年以来")}
    assert body_fonts == {"FandolKai-Regular"}


def test_slow_subsetting_is_detected_and_reported(monkeypatch):
    import civreport.writers.pdf.writer as pdf

    assert pdf.harfbuzz_subsetting()  # make test installs libharfbuzz-subset0
    monkeypatch.setattr(pdf, "harfbuzz_subsetting", lambda: False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_pdf(make_report(), pdf_engine="weasyprint")  # Typst subsets fonts itself
    slow = [str(w.message) for w in caught if issubclass(w.category, SlowFontSubsettingWarning)]
    assert len(slow) == 1 and "libharfbuzz-subset0" in slow[0]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests.clear()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_hostile_user_text_fetches_nothing(server):
    report = make_report(opening=[f'<img src="{server}/user.png">', '<img src="file:///etc/passwd">'])
    text = "".join(t for _, t, _, _ in spans(quiet_pdf(report)))
    assert f'<img src="{server}/user.png">' in text  # printed as text, not loaded
    assert _Recorder.requests == []


def test_hostile_template_fetches_nothing(server, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.css").write_text('body::before { content: "LEAKED" }', encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.html.j2").write_text(
        f'<html><head><link rel="stylesheet" href="{(outside / "leak.css").as_uri()}">'
        f'<style>@import url("{server}/import.css"); body {{ background: url("{server}/template.png") }}'
        f' p {{ background: url("file:///etc/passwd") }}</style></head><body><p>{{{{ report.office }}}}</p></body></html>',
        encoding="utf-8",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render_pdf(make_report(), templates=[templates])
    blocked = " ".join(str(w.message) for w in caught if issubclass(w.category, BlockedResourceWarning))
    assert _Recorder.requests == []
    text = "".join(t for _, t, _, _ in spans(data))
    assert "LEAKED" not in text and "root:" not in text and "小河区" in text
    for url in ("leak.css", "/import.css", "/template.png", "file:///etc/passwd"):
        assert url in blocked


@pytest.mark.slow
def test_cli_renders_pdf_and_prints_warnings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "civreport", "render", str(SAMPLES[0]), "--to", "pdf", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{SAMPLES[0].stem}.pdf").read_bytes().startswith(b"%PDF")
    # The stand-ins are said once a run, in one line, with the fonts to install.
    fonts = [line for line in result.stderr.splitlines() if "未安装" in line]
    assert len(fonts) == 1 and fonts[0].startswith("警告：本机没有公文字体，PDF 用替代字体印出")
    assert "正文（仿宋）：未安装 仿宋_GB2312" in fonts[0] and fonts[0].endswith("装上所缺的字体后重新生成即可")


def test_missing_glyphs_in_a_table_are_reported_with_their_cell():
    report = make_report(
        indicators=[{"key": "q", "name": "调査问卷", "value": 5000, "unit": "份"}],
        table={"title": "主要指标"},
        achievements=[{"body": ["成效明显。"]}],
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_pdf(report)
    missing = [str(w.message) for w in caught if issubclass(w.category, MissingGlyphWarning)]
    assert missing == [
        "正文（仿宋）的字体 FandolFang-Regular 没有“査”（U+67FB），改用 Noto Serif CJK SC 印出；"
        "共 1 处，如表格第 2 行第 1 列第 2 字（“调査问卷”）"
    ]


def _head_template(tmp_path, head):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.html.j2").write_text(
        '{% extends "civreport/report.html.j2" %}{% block head %}{{ super() }}' + head + "{% endblock %}",
        encoding="utf-8",
    )
    return templates


def test_stylesheets_are_parsed_once_and_their_problems_reported_for_every_pdf(tmp_path):
    """The writer parses a stylesheet once for all the pages that carry it, and the PDF is the
    same either way; a sheet whose parsing reports a problem is parsed, and reported, each time."""
    from civreport.writers.pdf.writer import _writer

    page = civreport.render_page(make_report(), templates=[_head_template(tmp_path, "<style>p { colr: red }</style>")])
    assert "<style" not in page.print_html and len(page.print_css) == 3  # civreport's, the office's, the hints'
    outputs, problems = [], []
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            outputs.append(civreport.write(page, "pdf"))
        problems.append([str(w.message) for w in caught if "colr" in str(w.message)])
    assert outputs[0] == outputs[1]
    assert len(problems[0]) == 1 and problems[1] == problems[0]
    kept = {text for _, text in _writer(page.pdf_fonts, page.resources).stylesheets}
    assert {page.print_css[0], page.print_css[2]} <= kept and page.print_css[1] not in kept


def test_a_page_that_links_a_stylesheet_keeps_its_stylesheets(tmp_path):
    """Taken out, the page's own stylesheets would lose their place in the cascade against a
    linked one."""
    templates = _head_template(tmp_path, '<link rel="stylesheet" href="office.css">')
    (templates / "office.css").write_text(".body { text-indent: 0 }", encoding="utf-8")
    page = civreport.render_page(make_report(), templates=[templates])
    assert page.print_css == () and page.print_html.count("<style>") == 2


# -- the text layer: what a reader copies is what the page says ----------------------------------


def rendered(
    diagnostics: Diagnostics, engine: PdfEngine | None = None, **changes: object
) -> tuple[civreport.Page, bytes]:
    """The minimal report with ``changes``, laid out by ``engine`` (the default without it)."""
    report = civreport.Report.model_validate({**MINIMAL, **changes}, context={DIAGNOSTICS: diagnostics})
    page = civreport.render_page(report, diagnostics=diagnostics, pdf_engine=engine)
    return page, civreport.write(page, "pdf", diagnostics=diagnostics)


def visible(text: str) -> str:
    """Less white space and the line-break hints of the PDF's page (U+2060, U+200B)."""
    return "".join(c for c in "".join(text.split()) if c not in "\u2060\u200b")


# Found by the property tests (101 of 628 PDFs): a mark after a letter copied as U+FFFD (the
# letter's span left it a text box of its own, drawn on a dotted circle); after characters of
# every kind, drawn by the role's font or a fallback; as the last character of a paragraph.
@pytest.mark.parametrize(
    "text",
    [
        "字e\u0301字",
        "字x\u0301字",
        "字ê\u030c字",
        "字\u0301字",
        "字\U00020000\u0301字",
        "字ა\u0301字",
        "字e\u20dd字",
        "正文\U00020000\u0300",
        "字ﬁ字",
    ],
)
@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_the_pdfs_copied_text_is_the_pages_text(text: str, engine: PdfEngine) -> None:
    page, pdf = rendered(Diagnostics(), engine, opening=[text])
    assert visible(text_layer(pdf, BLOCK_BOTTOM)) == visible(page_text(page))
    assert unicodedata.normalize("NFC", text) in page_text(page)


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_a_letter_and_its_marks_are_drawn_in_one_font_that_places_them(engine: PdfEngine) -> None:
    """FandolFang has x and ê but no combining marks, and the CJK fonts that have them set
    them beside their letter: x́ and ê̌ (pinyin) are drawn in DejaVu Serif, by either engine
    (Typst drew them in Noto Serif CJK, the next face of the role that had the marks), and
    copy out as themselves."""
    _, pdf = rendered(Diagnostics(), engine, opening=["字x\u0301字ê\u030c字。"])
    # The same face's PostScript name, as each engine writes it (DejaVu-Serif, DejaVuSerif).
    drawn = {text: font.replace("-", "") for _, text, font, _ in spans(pdf) if "\u0301" in text or "\u030c" in text}
    assert drawn == {"x\u0301": "DejaVuSerif", "ê\u030c": "DejaVuSerif"}
    assert "字x\u0301字ê\u030c字。" in visible(text_layer(pdf, BLOCK_BOTTOM))


@pytest.mark.parametrize("engine", PDF_ENGINES)
@pytest.mark.parametrize("drawn_apart", ["x\u0301", "\U00020000"], ids=["pinyin", "a rare character"])
def test_a_line_drawn_partly_by_another_font_keeps_the_pitch(engine: PdfEngine, drawn_apart: str) -> None:
    """A letter with marks (DejaVu Serif) or a character the body's font lacks (HanaMin) made
    WeasyPrint's line as high as that font asks, half a point or more above the pitch: a full
    page held 21 lines, not the DOCX's 22. Each line here holds one."""
    text = "字" + drawn_apart + "城市文明建设工作" * 4 + "。"
    _, pdf = rendered(Diagnostics(), engine, opening=[text] * 40)
    full = pages(pdf)[1]
    assert len(body(full)) == 22
    assert all(abs(b.y - a.y - PITCH) < 0.1 for a, b in itertools.pairwise(body(full)))


def test_a_mark_is_composed_with_its_letter_where_unicode_has_one_character_for_them() -> None:
    # Found by the property tests: marks composed before a control character between them went,
    # and left out of order (the PDF then drew them apart).
    report = civreport.Report.model_validate(
        {**MINIMAL, "opening": ["字e\u0301字", "兀\ufa0c字x\u0301", "字e\u0365\x07\u20e6"]},
        context={DIAGNOSTICS: Diagnostics()},
    )
    # NFC's other changes are not made: U+FA0C is GBK's 兀.
    assert report.opening == ["字é字", "兀\ufa0c字x\u0301", "字e\u20e6\u0365"]


def test_characters_no_font_draws_are_dropped_from_every_output_naming_the_field() -> None:
    """Before, the PDF drew each as the same empty box, which copied as one of them: 𪛗𪛘 as 𪛘𪛘."""
    diagnostics = Diagnostics()
    page, pdf = rendered(diagnostics, opening=["调查\U0002a6d7\U0002a6d8\u0301问卷。"])
    assert [(d.kind, str(d)) for d in diagnostics if d.kind is UnprintableTextWarning] == [
        (
            UnprintableTextWarning,
            "字段 opening[0]：已删除本机没有字体能印出的字符“𪛗”“𪛘”（U+2A6D7、U+2A6D8）"
            "（“调查问卷。”）；要印出它们，请安装含这些字的字体（或在 fonts 中配置字体文件）后重新生成",
        )
    ]
    assert "调查问卷。" in visible(text_layer(pdf, BLOCK_BOTTOM))
    html = lxml_html.document_fromstring(page.html).find("body").text_content()
    document = docx.Document(io.BytesIO(civreport.write(page, "docx", diagnostics=diagnostics)))
    for output in (html, "".join(p.text for p in document.paragraphs), page_text(page)):
        assert "调查问卷。" in output and "\U0002a6d7" not in output and "\U0002a6d8" not in output


def test_a_text_of_nothing_a_font_draws_is_refused_naming_the_field() -> None:
    with pytest.raises(civreport.InputError) as caught:
        rendered(Diagnostics(), signoff=["小河区创城办", "\U0002a6d7\U0002a6d8"])
    assert str(caught.value) == (
        "报告：字段 signoff[1]：只有本机没有字体能印出的字符“𪛗”“𪛘”（U+2A6D7、U+2A6D8）："
        "请改写这段文字，或安装含这些字的字体后重新生成"
    )


# -- WeasyPrint's internals that civreport.writers.pdf.lines relies on -----------------------


def test_weasyprint_is_a_version_whose_lines_civreport_finishes() -> None:
    """The PDF's lines are broken, justified and trimmed by replacing four functions of
    WeasyPrint's inline layout and subclassing its Pango layout (tests/test_docx.py checks the
    lines): a WeasyPrint outside the range pyproject.toml allows, or whose functions changed,
    fails here."""
    from weasyprint.layout import inline
    from weasyprint.text.line_break import Layout, get_log_attrs

    from civreport.writers.pdf import lines

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    allowed = next(r for r in map(Requirement, dependencies) if r.name == "weasyprint").specifier
    assert importlib.metadata.version("weasyprint") in allowed
    signatures = {
        inline.text_align: ["context", "line", "available_width", "last"],
        inline.justify_line: ["context", "line", "extra_width"],
        inline.split_inline_box: [
            "context",
            "box",
            "position_x",
            "max_x",
            "bottom_space",
            "skip_stack",
            "containing_block",
            "absolute_boxes",
            "fixed_boxes",
            "line_placeholders",
            "waiting_floats",
            "line_children",
            "first_letter_style",
            "first_line_style",
        ],
        inline.trailing_whitespace_size: ["context", "box"],
        Layout.set_text: ["self", "text", "justify"],
        Layout.reactivate: ["self", "style"],
        Layout.deactivate: ["self"],
        get_log_attrs: ["text", "lang"],
    }
    for function, parameters in signatures.items():
        assert list(inspect.signature(function).parameters) == parameters, function
    # Replaced only while a PDF is laid out.
    quiet_pdf(make_report())
    assert (inline.text_align, inline.justify_line, inline.split_inline_box, inline.trailing_whitespace_size) == (
        lines._WEASYPRINT_TEXT_ALIGN,
        lines._WEASYPRINT_JUSTIFY_LINE,
        lines._WEASYPRINT_SPLIT_INLINE_BOX,
        lines._WEASYPRINT_TRAILING_SPACE,
    )


# -- pydyf's compression and WeasyPrint's font bytes, taken over while a PDF is written ------


def test_the_pdfs_streams_are_compressed_at_level_six() -> None:
    """civreport.writers.pdf.compression: every compressed stream of the PDF is what zlib
    level 6 makes of its content (pydyf would write level 9); fails if pydyf stops
    compressing through the module it is given."""
    import zlib

    import pymupdf

    pdf = pymupdf.open(stream=render_pdf(civreport.load(SAMPLES[0])), filetype="pdf")
    compressed = [
        xref
        for xref in range(1, pdf.xref_length())
        if pdf.xref_is_stream(xref) and "FlateDecode" in pdf.xref_object(xref)
    ]
    assert len(compressed) > 10
    levels = {
        level
        for xref in compressed
        for level in (6, 9)
        if zlib.compress(pdf.xref_stream(xref), level) == pdf.xref_stream_raw(xref)
    }
    assert levels == {6}


def test_a_writer_reads_each_font_files_bytes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """civreport.writers.pdf.fontbytes: the fonts of a second PDF hold the very bytes the
    first read, not a new copy of the file; fails if WeasyPrint stops reading them this way."""
    import weasyprint.pdf.fonts

    read: list[list[bytes]] = []  # the bytes themselves: kept alive, no two share an id
    build = weasyprint.pdf.fonts.Font.__init__

    def recording(self: object, *args: object, **kwargs: object) -> None:
        build(self, *args, **kwargs)
        read[-1].append(self.file_content)  # type: ignore[attr-defined]

    monkeypatch.setattr(weasyprint.pdf.fonts.Font, "__init__", recording)
    report = civreport.load(SAMPLES[0])
    for _ in range(2):
        read.append([])
        render_pdf(report, pdf_engine="weasyprint")
    assert len(read[0]) >= 3
    assert [id(data) for data in read[0]] == [id(data) for data in read[1]]
