"""The GB/T 9704 page in points, and reports built to fill it exactly."""

from __future__ import annotations

import warnings

from civreport import render_pdf
from civreport.office.layout import Layout

from conftest import make_report
from pdftext import MM

LAYOUT = Layout()
PITCH = LAYOUT.line_pitch  # 28.95
CHAR = LAYOUT.char_pitch_pt  # 15.79
BLOCK_BOTTOM = 297 * MM - 35 * MM
TOP = 37 * MM
CJK = "创建全国文明城市工作取得明显成效群众满意度持续提升环境面貌焕然一新"


def left_edge(page: int) -> float:
    return (28 if page % 2 else 26) * MM


def right_edge(page: int) -> float:
    return left_edge(page) + 156 * MM


def quiet_pdf(report, **options) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return render_pdf(report, **options)


def cjk(n: int, offset: int = 0) -> str:
    return "".join(CJK[(offset + i) % len(CJK)] for i in range(n))


def paragraph(lines: int, seed: int = 0, last: int = 10) -> str:
    """Pure CJK text that fills exactly ``lines`` lines: 26 on the first, 28 on full lines."""
    if lines == 1:
        return cjk(last, seed) + "。"
    return cjk(26 + 28 * (lines - 2) + last, seed) + "。"


def body(lines_of_page):
    return [line for line in lines_of_page if line.y < BLOCK_BOTTOM]


def grid_report():
    """Sixteen paragraphs of unpunctuated text: every page but the last is full."""
    return make_report(
        office="小河区",
        opening=[paragraph(9, i) for i in range(16)],
        measures=[],
        problems=[],
        plans=[],
        lead_in="现将有关情况总结如下：",
    )


def signoff_report(lines: int, free: int):
    """A closing paragraph of ``lines`` lines that ends with ``free`` grid lines left on page 2,
    so that the sign-off (a blank line, the name and the date) fits under it or does not.
    Page 1 holds 19 body lines under the title; the lead-in takes one line."""
    filler = 19 + 22 - free - lines - 1
    opening, seed = [], 0
    while filler > 0:
        n = min(9, filler)
        opening.append(paragraph(n, seed))
        filler -= n
        seed += 1
    return make_report(
        office="小河区",
        opening=[*opening, "现将有关情况总结如下："],
        measures=[],
        problems=[],
        plans=[],
        closing=[paragraph(lines, 7)],
    )


def dash_report():
    """The dash —— where a line ends: after 25 characters on a first line (26 fit), after 53
    (the second line's last place), and elsewhere."""
    return make_report(
        office="小河区",
        opening=[cjk(at) + "——" + cjk(40, at) + "。" for at in (25, 53, 24, 26, 0)],
        measures=[],
        problems=[],
        plans=[],
        lead_in="现将有关情况总结如下：",
    )


def tables_report(before: int):
    """Tables after ``before`` lines of text: where the last row meets the end of a page, and
    where a table runs over it (its header row repeats); one has a cell that wraps."""
    rows = [[f"第{i}项", cjk(6, i), f"{i * 7}个"] for i in range(1, 9)]
    rows[3][1] = cjk(40, 3)  # three lines in its cell
    opening = [paragraph(min(9, before - n), n) for n in range(0, before, 9)]
    return make_report(
        office="小河区",
        opening=[*opening, "现将有关情况总结如下："],
        measures=[],
        problems=[],
        plans=[],
        closing=[paragraph(3, 2)],
        achievements=[
            {
                "tables": [{"title": "主要工作完成情况", "header": ["项目", "内容", "数量"], "rows": rows}],
                "body": [paragraph(2, 1)],
            }
        ],
    )
