"""Page breaks decided on the page (civreport.rendering.keeps, .pagination): what the page
says it keeps, as the DOCX states it and the PDF lays it out; and the page's own account of
where its pages break, held to the PDF."""

from __future__ import annotations

import io
import itertools

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING

import civreport
from civreport import render_docx
from civreport.rendering.blocks import Paragraph
from civreport.rendering.keeps import TIGHTEST
from civreport.rendering.pagination import measure, paginate

from conftest import ROOT, SAMPLES, W, make_report
from geometry import (
    PITCH,
    body,
    closing_report,
    empty_at_foot,
    items_report,
    long_table_report,
    owners,
    paragraph,
    quiet_pdf,
    signoff_report,
    table_foot_report,
    tables_report,
)
from pdftext import pages

QUARTERLY = sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))
REPORTS = {
    **{s.stem: (lambda s=s: civreport.load(s)) for s in [*SAMPLES, *QUARTERLY]},
    **{f"items-{seed}": (lambda seed=seed: items_report(seed)) for seed in range(12)},
    **{f"closing-{lines}": (lambda lines=lines: closing_report(lines)) for lines in (12, 16, 17, 18, 19, 20)},
    **{
        f"signoff-{lines}-{free}": (lambda lines=lines, free=free: signoff_report(lines, free))
        for lines, free in [(5, 0), (9, 2), (20, 1)]
    },
    **{f"tables-{before}": (lambda before=before: tables_report(before)) for before in (1, 9, 14)},
    "long-table": long_table_report,
    "table-foot": lambda: table_foot_report(2),
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_page_knows_where_its_pages_break(name):
    """The pages the page works out for each paragraph (where its first and its last line
    fall) are those of the PDF: what it sets closer for the sign-off rests on them."""
    report = REPORTS[name]()
    page = civreport.render_page(report)
    places = paginate(page.blocks, [measure(b, page.styles, page.layout) for b in page.blocks], page.layout)
    result = pages(quiet_pdf(report))
    drawn: dict[int, list[int]] = {}
    for line, index in owners(page, result).items():
        drawn.setdefault(index, []).append(line.page)
    assert drawn
    for index, numbers in drawn.items():
        assert (places[index].page, places[index].end_page) == (min(numbers), max(numbers)), page.blocks[index]
    assert places[-1].end_page == len(result)


def _docx_paragraphs(report):
    """The DOCX's body paragraphs beside the page's paragraphs they were written from."""
    page = civreport.render_page(report)
    written = docx.Document(io.BytesIO(render_docx(report))).paragraphs
    return list(zip([b for b in page.blocks if isinstance(b, Paragraph)], written, strict=True))


def test_a_heading_keeps_with_what_stands_under_it_and_a_title_only_item_with_nothing():
    report = make_report(
        measures=[
            {
                "items": [
                    {"title": "强化组织领导", "items": [{"title": "成立领导小组"}, {"title": "定期召开调度会"}]},
                    {"title": "加强宣传引导", "run_in": False, "body": [paragraph(5)]},
                ]
            }
        ]
    )
    formats = {p.text: p.paragraph_format for _, p in _docx_paragraphs(report)}
    assert formats["（一）强化组织领导"].keep_with_next is None  # as its style says: with 1. under it
    assert formats["1.成立领导小组"].keep_with_next is False  # title-only items: with nothing
    assert formats["2.定期召开调度会"].keep_with_next is False
    assert formats["（二）加强宣传引导"].keep_with_next is None
    assert formats[paragraph(5)].widow_control  # two lines of its text kept with it
    assert formats["（一）强化组织领导"].widow_control is None  # the text's rule, not the headings'
    style = docx.Document(io.BytesIO(render_docx(report))).styles["三级标题"].paragraph_format
    assert style.keep_with_next and style.keep_together


def test_the_text_under_a_heading_keeps_its_first_two_lines_with_it():
    # 17 lines of opening under the title leave two lines of page 1: the heading and one
    # line of its text would fit, but the heading goes on with two lines of it.
    report = make_report(
        office="小河区",
        opening=[paragraph(17)[:-1] + "现将工作情况总结如下："],
        measures=[{"title": "主要做法", "body": [paragraph(5, 5)]}],
        problems=[],
        plans=[],
    )
    result = pages(quiet_pdf(report))
    assert body(result[0])[-1].text.endswith("总结如下：") and empty_at_foot(result[0]) == 2
    assert body(result[1])[0].text == "一、主要做法"


def test_the_signoff_page_is_set_closer_but_not_too_close():
    """Where the sign-off would not fit under the text above it, the page's lines from the
    first paragraph that starts on it are set closer, off the grid (GB/T 9704 7.3.5.5): in
    the DOCX as exact spacing, in the PDF as the distance between baselines; never closer
    than TIGHTEST times the type size."""
    report = signoff_report(9, 0)
    pairs = _docx_paragraphs(report)
    closer = [(block, p) for block, p in pairs if block.line_twips]
    assert closer and closer[-1][1].text == "2024年10月8日"
    twips = {block.line_twips for block, _ in closer}
    assert len(twips) == 1 and TIGHTEST * 16 * 20 <= twips.pop() < PITCH * 20
    for block, p in closer:
        assert p.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert p.paragraph_format.line_spacing.twips == block.line_twips
        assert p._p.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val") == "0"
    result = pages(quiet_pdf(report))
    last = body(result[-1])
    pitch = closer[0][0].line_twips / 20
    steps = [(after.y - before.y) / pitch for before, after in itertools.pairwise(last[-6:])]
    assert all(abs(step - round(step)) < 0.02 for step in steps) and abs(steps[-1] - 1) < 0.02
    assert len(result) == 2 and [line.text for line in last[-2:]] == ["小河区", "2024年10月8日"]


def test_a_page_too_full_of_table_to_set_closer_moves_the_closing_with_the_signoff():
    # A table down to three lines from the foot of page 2, then two lines of closing: the
    # page has too few lines of text to make room for the sign-off by setting them closer.
    report = table_foot_report(2)
    assert not any(isinstance(b, Paragraph) and b.line_twips for b in civreport.render_page(report).blocks)
    result = pages(quiet_pdf(report))
    assert empty_at_foot(result[1]) == 3
    assert [line.text for line in body(result[2])][-2:] == ["小河区", "2024年10月8日"]
    assert len(body(result[2])) == 4
