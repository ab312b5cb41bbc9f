"""What a report costs grows in proportion to its size: each defect that made a step
superlinear, caught by counting the operations that were repeated (never by timing them).
``benchmarks/scaling.py`` prints the times."""

from __future__ import annotations

import random

import pytest
import weasyprint.layout.inline as weasyprint_inline
from lxml import etree
from lxml import html as lxml_html

import civreport
from civreport.compose import compose, title
from civreport.model import TitlePiece
from civreport.office.profile import Profile
from civreport.office.textwidth import line_count, text_width
from civreport.rendering import keeps, pagination, runs
from civreport.rendering.blocks import Paragraph, Run
from civreport.rendering.contract import enforce
from civreport.rendering.linebreaks import hint

import pdftext
from conftest import make_report

TITLE = "关于进一步加强和改进新时代城市精神文明建设工作情况的报告"


def counted(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Patch ``owner.name`` to count its calls in the list returned."""
    calls = [0]
    function = getattr(owner, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return function(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_a_title_is_measured_in_proportion_to_its_length(monkeypatch):
    # Balancing a title's lines measured the text of every line it tried: 0.28 s at 150
    # characters, 0.75 s at 200, cubic in the pieces.
    calls = counted(monkeypatch, title, "text_width")
    lines = {}

    def cost(length: int) -> int:
        calls[0] = 0
        lines[length] = compose(make_report(title=(TITLE * 10)[:length])).title_lines
        return calls[0]

    assert cost(200) <= 2.2 * cost(100)
    assert "".join(lines[200]) == (TITLE * 10)[:200] and all(text_width(line) <= 20 for line in lines[200])


def test_balancing_lines_tries_a_linear_number_of_line_ends(monkeypatch):
    calls = counted(monkeypatch, title._Runs, "width")

    def cost(length: int) -> int:
        calls[0] = 0
        title.balance_lines([TitlePiece("中" * length, named=False)], 20)
        return calls[0]

    # Every line but the last full, the last half: the same room to balance at either length.
    assert cost(2010) <= 2.2 * cost(1010)


def test_balanced_lines_are_never_empty_or_too_long():
    # Found with the above: the fewest lines were counted without the space between Chinese and
    # Latin across pieces, and a title that needed one more line came out as an empty line and
    # one too long.
    pieces = [
        "小河区",
        "工作总结",
        "某某委员会联合办公室",
        "A1",
        "创建",
        "小河区",
        "某某委员会联合办公室",
        "和改进",
        "2024年",
    ]
    lines = title.balance_lines([TitlePiece(piece) for piece in pieces], 20)
    assert lines == ["小河区工作总结某某委员会联合办公室", "A1创建小河区某某委员会联合", "办公室和改进2024年"]
    assert all(text_width(line) <= 20 for line in lines)


def test_making_a_page_of_many_blocks_walks_its_children_a_linear_number_of_times():
    # len() of an lxml element counts its children: asked once per block, a page of 160,000
    # paragraphs took minutes.
    walked = [0]

    class Counting(lxml_html.HtmlElement):
        def __len__(self) -> int:
            count = super().__len__()
            walked[0] += count
            return count

    parser = lxml_html.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=Counting))

    def cost(blocks: int) -> int:
        walked[0] = 0
        root = lxml_html.document_fromstring(
            "<html><body>" + "<p>正文</p>\n" * blocks + "</body></html>", parser=parser
        )
        enforce(root.find("body"), Profile().style_table)
        assert len(root.find("body").findall("p")) == blocks
        return walked[0]

    assert cost(400) <= 2.2 * cost(200)


def test_a_paragraph_of_one_long_latin_word_is_one_word_to_the_line_estimate():
    # Latin words were grown a character at a time, each copy as long as the word so far, in C
    # where no count sees it: benchmarks/scaling.py times it (0.65 s at 200,000 letters, 5.6 s at 400,000).
    assert line_count("a" * 200_000, 28) == 1
    assert line_count("中" + "a" * 200_000 + "中", 28) == 3


def test_line_break_hints_place_their_spans_in_a_linear_number_of_steps():
    # Each span between Chinese and Latin was inserted by its index, which walks the children
    # before it: a paragraph alternating 中 and a took 15 s at 50,000 characters.
    walked = [0]

    class Counting(lxml_html.HtmlElement):
        def insert(self, index: int, element: lxml_html.HtmlElement) -> None:
            walked[0] += index
            super().insert(index, element)

    parser = lxml_html.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=Counting))

    def cost(pairs: int) -> int:
        walked[0] = 0
        root = lxml_html.document_fromstring(
            f"<html><head></head><body><p>{'a中' * pairs}</p></body></html>", parser=parser
        )
        hint(root)
        paragraph = root.find("body/p")
        assert paragraph.text_content() == "a中" * pairs and len(paragraph.findall("span")) == pairs
        return walked[0]

    assert cost(2000) <= 2.2 * cost(1000)


def test_keeping_a_page_places_each_block_a_bounded_number_of_times(monkeypatch):
    # The page is paginated to find where the sign-off falls; a block that moves to the
    # next page with the heading kept with it is placed again, but only those on that page.
    placed = counted(monkeypatch, pagination, "_paragraph")
    heading = Paragraph("heading-1", (Run("一、主要做法"),), keep_next=True, whole=True)
    text = Paragraph("body", (Run("正文" * 40),))
    signoff = [Paragraph("blank", (), group="signoff"), Paragraph("signoff-name", (Run("小河区"),), group="signoff")]
    settings = Profile()

    def cost(pairs: int) -> int:
        placed[0] = 0
        kept = keeps.keep([heading, text] * pairs + signoff, settings.style_table, settings.page)
        assert [block.keep_next for block in kept[:4]] == [True, False, True, False]
        return placed[0]

    assert cost(2000) <= 2.2 * cost(1000)


PHRASES = [
    "我区坚持以创促建",
    "以创惠民",
    "围绕城市环境",
    "公共秩序和市民素质",
    "扎实推进各项创建工作",
    "“文明城市”",
    "（试点）",
    "《实施方案》",
    "——",
    "……",
    "建立健全长效机制",
    "群众满意度持续提升",
]


def chinese(length: int, seed: int = 0) -> str:
    """Varied Chinese text with its punctuation, no Latin letters or digits."""
    pick = random.Random(seed)
    text = ""
    while len(text) < length:
        text += pick.choice(PHRASES) + pick.choice(["，", "、", "。", "；", ""])
    return text[: length - 1] + "。"


def test_a_long_paragraph_costs_its_pdf_layout_the_same_per_line(monkeypatch):
    # WeasyPrint encodes the whole text node a line is in for every line it sets: a paragraph
    # of 100,000 characters took 2.5-3 times as long as one of 50,000. The page cuts it into runs.
    monkeypatch.setattr(runs, "MAX_RUN", 500)
    encoded = [0]
    split_text_box = weasyprint_inline.split_text_box

    def counting(context, box, *args, **kwargs):
        encoded[0] += len(box.text)
        return split_text_box(context, box, *args, **kwargs)

    monkeypatch.setattr(weasyprint_inline, "split_text_box", counting)

    def cost(length: int) -> int:
        encoded[0] = 0
        page = civreport.render_page(make_report(opening=[chinese(length)]))
        assert max(len(text) for text in page_texts(page.print_html)) <= 500
        civreport.write(page, "pdf")
        return encoded[0]

    assert cost(8000) <= 2.2 * cost(4000)


def page_texts(html: str) -> list[str]:
    body = lxml_html.document_fromstring(html).find("body")
    return [text for node in body.iter() for text in (node.text, node.tail) if text]


def test_cutting_a_paragraph_into_runs_keeps_its_lines(monkeypatch):
    report = make_report(opening=[chinese(6000, seed=1), chinese(3000, seed=2)])
    monkeypatch.setattr(runs, "MAX_RUN", 10**9)
    whole = pdftext.pages(civreport.render_pdf(report))
    monkeypatch.setattr(runs, "MAX_RUN", 300)
    page = civreport.render_page(report)
    assert page.print_html.count("<span>") >= 25  # cut every 300 characters or so
    cut = pdftext.pages(civreport.write(page, "pdf"))
    assert [[line.text for line in lines] for lines in cut] == [[line.text for line in lines] for lines in whole]
    # Where a line holds a cut, what follows it moves by at most four tenths of a point (0.351 measured).
    for lines_cut, lines_whole in zip(cut, whole):
        for a, b in zip(lines_cut, lines_whole):
            assert a.x0 == b.x0 and abs(a.x1 - b.x1) <= 0.4
