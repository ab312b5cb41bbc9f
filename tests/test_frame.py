"""The frame around the body, placed alike in the PDF and in the DOCX as LibreOffice lays it
out: the attachment note (GB/T 9704 7.3.4), a joint sign-off (7.3.5.2) and the page numbers of
a document printed on one side of the paper (7.5)."""

from __future__ import annotations

import io
import itertools

import docx
import jieba
import pytest

from civreport import Layout, render_docx
from civreport.compose import compose
from civreport.office.textwidth import text_width

from conftest import W, make_report
from geometry import BLOCK_BOTTOM, CHAR, body, paragraph, quiet_pdf
from libreoffice import to_pdf
from pdftext import MM, Line, pages

NAMES = [
    "小河区2024年第三季度创建全国文明城市工作重点任务推进情况及问题整改台账",
    "点位清单",
    "关于进一步加强和改进新时代城市精神文明建设工作的实施意见",
]
JOINT = ["小河区创城办", "小河区精神文明建设指导委员会办公室"]
LAYOUTS = {"both-sides": Layout(), "one-side": Layout(mirrored=False)}


def report():
    """Three pages, so that an even page shows where its number stands."""
    problems = [{"body": [paragraph(9, seed) for seed in range(4)]}]
    return make_report(office="小河区", problems=problems, attachments=NAMES, signoff=JOINT)


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """Each layout's PDF and DOCX (as LibreOffice lays it out), as pages of lines."""
    work = tmp_path_factory.mktemp("frame")
    for name, layout in LAYOUTS.items():
        (work / f"{name}.docx").write_bytes(render_docx(report(), layout=layout))
    converted = to_pdf([work / f"{name}.docx" for name in LAYOUTS], work)
    return {
        (name, output): pages(data)
        for name, layout in LAYOUTS.items()
        for output, data in (("pdf", quiet_pdf(report(), layout=layout)), ("docx", converted[name]))
    }


def left_edge(page: int, layout: str) -> float:
    return (28 if page % 2 or layout == "one-side" else 26) * MM


def lines_of(result: list[list[Line]]) -> list[Line]:
    return [line for page in result for line in body(page)]


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
def test_both_outputs_break_every_line_and_page_alike(laid_out, layout):
    def texts(output):
        return [[line.text for line in body(page)] for page in laid_out[layout, output]]

    assert texts("pdf") == texts("docx")


@pytest.mark.slow
@pytest.mark.parametrize("output", ["pdf", "docx"])
def test_the_attachment_note_numbers_without_a_space_and_wraps_names_between_words(laid_out, output):
    lines = lines_of(laid_out["both-sides", output])
    at = next(i for i, line in enumerate(lines) if line.text.startswith("附件："))
    first, wrapped, second, third, third_wrapped = lines[at : at + 5]
    assert [line.text for line in (first, wrapped, second)] == [
        "附件：1.小河区2024年第三季度创建全国文明城市工作",
        "重点任务推进情况及问题整改台账",
        "2.点位清单",
    ]
    assert third.text.startswith("3.关于") and third.text + third_wrapped.text == "3." + NAMES[2]
    for start, rest, name in ((first, wrapped, NAMES[0]), (third, third_wrapped, NAMES[2])):
        cut = len(name) - len(rest.text)  # where the name breaks
        assert cut in itertools.accumulate(len(word) for word in jieba.cut(name, HMM=False)), "inside a word"
        # Under the name's first character, not under 1. (a cell after the number: the
        # stand-in's full stop is 0.28 em where 仿宋_GB2312's is half a cell, so the name starts
        # up to a quarter character left of its wrapped lines here).
        name_x = start.chars[len(start.text) - cut][0]
        assert 0 <= rest.x0 - name_x <= 0.25 * CHAR
    number_x = first.chars[first.text.index("1")][0]
    assert second.x0 == pytest.approx(number_x, abs=1) and third.x0 == pytest.approx(number_x, abs=1)
    assert first.x0 == pytest.approx(left_edge(first.page, "both-sides") + 2 * CHAR, abs=1)


@pytest.mark.slow
@pytest.mark.parametrize("output", ["pdf", "docx"])
def test_a_joint_signoff_starts_its_names_together_and_the_date_two_characters_right(laid_out, output):
    lines = lines_of(laid_out["both-sides", output])
    sponsor, other, date = lines[-3:]
    assert (sponsor.text, other.text, date.text) == (*JOINT, "2024年10月8日")
    right = left_edge(date.page, "both-sides") + 156 * MM
    assert other.x1 == pytest.approx(right - 2 * CHAR, abs=1.5)  # the longer name: two characters in
    assert sponsor.x0 == pytest.approx(other.x0, abs=1.5)  # the shorter starts where it starts
    assert date.x0 == pytest.approx(other.x0 + 2 * CHAR, abs=1.5)  # two characters right of both


def test_a_joint_signoff_is_composed_alike_for_any_names():
    for names in (JOINT, JOINT[::-1], ["小河区创城办", "小河区文明办"], ["甲办", "小河区文明办"]):
        signoff = compose(make_report(signoff=names)).signoff
        starts = {round(indent + text_width(name), 6) for indent, name in zip(signoff.name_indents, names)}
        assert len(starts) == 1, names
        assert signoff.date_indent + text_width(signoff.date) == pytest.approx(starts.pop() - 2)
        assert min([*signoff.name_indents, signoff.date_indent]) == 2


@pytest.mark.slow
@pytest.mark.parametrize("output", ["pdf", "docx"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_numbers_stand_on_the_outer_edge(laid_out, layout, output):
    """Printed on both sides, right on odd pages and left on even ones; on one side, every page
    is a front page: right, where the binding is not."""
    result = laid_out[layout, output]
    assert len(result) >= 3
    for number, page in enumerate(result, 1):
        footer = [line for line in page if line.y > BLOCK_BOTTOM]
        assert [line.text for line in footer] == [f"— {number} —"]
        left = left_edge(number, layout)
        if number % 2 or layout == "one-side":
            assert footer[0].x1 == pytest.approx(left + 156 * MM - 14, abs=1.5)
        else:
            assert footer[0].x0 == pytest.approx(left + 14, abs=1.5)


def test_a_docx_printed_on_one_side_has_one_footer():
    document = docx.Document(io.BytesIO(render_docx(make_report(), layout=LAYOUTS["one-side"])))
    assert not document.settings.odd_and_even_pages_header_footer
    p = document.sections[0].footer.paragraphs[0]._p
    assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
