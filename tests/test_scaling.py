"""What a report costs grows in proportion to its size: each defect that made a step
superlinear, caught by counting the operations that were repeated (never by timing them).
``benchmarks/scaling.py`` prints the times."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from civreport.office.profile import Profile
from civreport.rendering.contract import enforce


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
        root = lxml_html.document_fromstring("<html><body>" + "<p>正文</p>\n" * blocks + "</body></html>", parser=parser)
        enforce(root.find("body"), Profile().style_table)
        assert len(root.find("body").findall("p")) == blocks
        return walked[0]

    assert cost(400) <= 2.2 * cost(200)
