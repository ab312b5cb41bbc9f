"""The page's own account of where its pages break (civreport.rendering.pagination), held
to the PDF."""

from __future__ import annotations

import pytest

import civreport
from civreport.rendering.pagination import measure, paginate

from conftest import ROOT, SAMPLES
from geometry import (
    closing_report,
    items_report,
    long_table_report,
    owners,
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
    fall) are those of the PDF."""
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
