"""Titles as GB/T 9704 7.3.1 wants them, on real and real-looking titles of 10 to 80 characters
(tests/data/titles.yaml): the fewest lines of at most four fifths of the line, shaped as a
trapezoid or a diamond, broken only between words, and the same lines in the PDF and in
LibreOffice."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import jieba
import pytest
from ruamel.yaml import YAML

from civreport import Report, render_docx
from civreport.compose import compose
from civreport.compose.wrapping import line_words
from civreport.office.layout import Layout
from civreport.office.textwidth import text_width

from conftest import make_report
from geometry import quiet_pdf
from libreoffice import to_pdf
from pdftext import MM, Line, pages

ENTRIES = YAML(typ="safe").load((Path(__file__).parent / "data" / "titles.yaml").read_text(encoding="utf-8"))
FIELDS = ("title", "office", "period", "subject", "kind")
LINE = Layout().title_chars_per_line  # cells of 22 pt in the 156 mm line: 20.1
LIMIT = 0.8 * LINE


def report(entry: dict[str, str]) -> Report:
    fields = {key: str(value) for key, value in entry.items() if key in FIELDS}
    return make_report(**fields, opening=["正文。"], measures=[], problems=[], plans=[], lead_in=False, signoff=False)


def ident(entry: dict[str, str]) -> str:
    return entry.get("title") or entry["office"] + str(entry["period"])


@cache
def composed(index: int) -> list[str]:
    return compose(report(ENTRIES[index])).title_lines


def word_ends(index: int) -> set[int]:
    """Where the title may break: between the segmenter's words of the whole title (a number
    and the character after it are one: 2024年, 16篇), and between the report's fields of a
    composed one; never before closing punctuation or after opening punctuation."""
    r = report(ENTRIES[index])
    text = "".join(composed(index))
    ends, at = set(), 0
    for word in jieba.cut(text, HMM=False):
        at += len(word)
        ends.add(at)
    if not r.title:
        ends |= set(itertools.accumulate(len(piece.text) for piece in r.title_segments()))
    return {
        at
        for at in ends - {len(text)}
        if not text[at - 1].isdigit() and text[at] not in "，、：；。）》”" and text[at - 1] not in "（《“"
    }


def rises_after_falling(widths: list[float]) -> bool:
    fallen = False
    for a, b in itertools.pairwise(widths):
        if fallen and b > a + 1e-9:
            return True
        fallen = fallen or b < a - 1e-9
    return False


def partitions(text: str, ends: set[int], width: float, count: int | None = None):
    """Every way to set ``text`` in lines of at most ``width`` cells broken at ``ends`` (in
    ``count`` lines), as lists of line widths."""

    def rest(start: int, left: int | None):
        if start == len(text):
            if left in (None, 0):
                yield []
            return
        if left == 0:
            return
        for end in sorted(e for e in ends | {len(text)} if e > start):
            w = text_width(text[start:end])
            if w > width:
                break
            for tail in rest(end, None if left is None else left - 1):
                yield [w, *tail]

    return rest(0, count)


def fewest_lines(text: str, ends: set[int]) -> int:
    count, start = 0, 0
    while start < len(text):
        start = max(e for e in ends | {len(text)} if e > start and text_width(text[start:e]) <= LIMIT)
        count += 1
    return count


def test_the_title_set_spans_10_to_80_characters():
    lengths = sorted(len("".join(composed(i))) for i in range(len(ENTRIES)))
    assert lengths[0] == 10 and lengths[-1] >= 80 and len(lengths) >= 35
    assert {len(composed(i)) for i in range(len(ENTRIES))} >= {1, 2, 3, 4, 5}


@pytest.mark.parametrize("index", range(len(ENTRIES)), ids=[ident(e) for e in ENTRIES])
def test_titles_take_the_fewest_lines_shaped_and_broken_between_words(index):
    lines = composed(index)
    text = "".join(lines)
    r = report(ENTRIES[index])
    assert text == (r.title or r.composed_title())
    ends = word_ends(index)
    breaks = set(itertools.accumulate(len(line) for line in lines[:-1]))
    assert breaks <= ends, "a line breaks inside a word"
    count = fewest_lines(text, ends)
    assert len(lines) == count
    widths = [text_width(line) for line in lines]
    assert not rises_after_falling(widths), "neither a trapezoid nor a diamond"
    # Four fifths of the line, unless no lines that many make the shape within it: then up to
    # the whole line (a few tight titles of several lines).
    shaped = any(not rises_after_falling(w) for w in partitions(text, ends, LIMIT, count))
    assert max(widths) <= (LIMIT if shaped else LINE) + 1e-9


def test_a_tight_title_keeps_its_shape_in_a_little_more_than_four_fifths():
    # 4 lines within four fifths can only be 16 | 12.4 | 15 | 15: an hourglass.
    lines = compose(
        make_report(
            office="云江市滨河区创建全国文明城市工作领导小组办公室",
            period="2024Q1-Q3",
            subject="创建全国文明城市和国家卫生城市巩固提升",
            kind="工作情况的报告",
        )
    ).title_lines
    assert lines == [
        "关于云江市滨河区创建全国",
        "文明城市工作领导小组办公室2024年",
        "前三季度创建全国文明城市和国家",
        "卫生城市巩固提升工作情况的报告",
    ]
    assert LIMIT < text_width(lines[1]) < 0.85 * LINE


def title_lines(result: list[list[Line]]) -> list[Line]:
    return [line for line in result[0] if line.size > 20]  # 22 pt: the title's size


@pytest.fixture(scope="module")
def title_pdfs():
    return [pages(quiet_pdf(report(entry))) for entry in ENTRIES]


def test_the_pdf_sets_the_composed_lines_centred_within_four_fifths(title_pdfs):
    left, width = 28 * MM, 156 * MM
    for index, result in enumerate(title_pdfs):
        lines = title_lines(result)
        assert [line.text for line in lines] == composed(index)
        for line in lines:
            assert line.x1 - line.x0 <= max(LIMIT, text_width(line.text)) * 22 + 1, line.text
            assert (line.x0 - left) == pytest.approx(left + width - line.x1, abs=1.5), line.text  # centred


@pytest.mark.slow
def test_libreoffice_sets_the_same_title_lines(title_pdfs, tmp_path):
    files = []
    for index, entry in enumerate(ENTRIES):
        (tmp_path / f"{index}.docx").write_bytes(render_docx(report(entry)))
        files.append(tmp_path / f"{index}.docx")
    converted = to_pdf(files, tmp_path)
    for index, pdf in enumerate(title_pdfs):
        docx_lines = [line.text for line in title_lines(pages(converted[str(index)]))]
        assert docx_lines == [line.text for line in title_lines(pdf)] == composed(index), ident(ENTRIES[index])


def test_lines_found_between_characters_are_those_between_words(monkeypatch):
    """A title whose best lines between any characters break only between its pieces is set
    without the word segmenter (its dictionary loads in some 0.1 s); its lines are those found
    between the words, on the titles here, their offices, subjects and kinds in other
    combinations and lines of 8 to 24 cells."""
    from civreport.compose import title

    composed_ones = [report(entry) for entry in ENTRIES if not entry.get("title")]
    offices = {r.office for r in composed_ones}
    tails = {(r.period, r.subject, r.kind) for r in composed_ones}
    reports = [*map(report, ENTRIES)] + [
        make_report(office=office, period=period, subject=subject, kind=kind)
        for office, (period, subject, kind) in itertools.product(sorted(offices), sorted(tails, key=str))
    ]
    cut = []
    monkeypatch.setattr(title, "line_words", lambda text: cut.append(text) or line_words(text))
    shortcut = between_words = 0
    for r in reports:
        pieces = [title.TitlePiece(r.title)] if r.title else r.title_segments()
        for width in range(8, 25, 2):
            cut.clear()
            lines = title.balance_lines(pieces, width, width * 1.25)
            units, between = title._units(pieces, width, line_words)
            ends = title._best(units, between, width, width * 1.25)[0]
            assert lines == title._lines(units, ends), (pieces, width)
            shortcut += len(lines) > 1 and not cut
            between_words += bool(cut)
    assert shortcut >= 100 and between_words >= 100, (shortcut, between_words)
