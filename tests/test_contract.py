"""The page's contract with its templates (README, "Templates and blocks"): every element that
carries text becomes a block, which the HTML, the PDF, the DOCX and the text all print; what
one output would print and another not is refused at the template line that writes it, by
the renderer and by ``templates check``."""

from __future__ import annotations

import io
import re

import docx
import pytest
from lxml import html as lxml_html

import civreport
from civreport.cli import main
from civreport.errors import TemplateError
from civreport.rendering.blocks import Paragraph

from conftest import ROOT, closing_block, make_report, office_with_template

LOOSE = ROOT / "tests" / "data" / "templates" / "loose"  # text straight in a section and a div


def visible(text: str) -> str:
    return "".join(text.split())


def outputs_text(page: civreport.Page) -> tuple[str, str, str]:
    """The text of the HTML's body, of the DOCX's body and of the TXT, white space left out."""
    html = lxml_html.document_fromstring(page.html).find("body").text_content()
    document = docx.Document(io.BytesIO(civreport.write(page, "docx")))
    in_docx = "".join(
        t.text or ""
        for t in document.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    )
    return visible(html), visible(in_docx), visible(civreport.write(page, "txt").decode("utf-8"))


def test_text_written_straight_into_a_container_is_a_paragraph_in_every_output():
    report = make_report(closing=["特此报告。", "以上报告，请审阅。"])
    page = civreport.render_page(report, templates=[LOOSE])
    html, in_docx, text = outputs_text(page)
    assert html == in_docx == text
    assert (
        "以下为开头（办公室模板写在容器里的文字）。" in in_docx
        and "（插入的标题类文字）" in text
        and "（结尾）" in in_docx
    )
    paragraphs = [(b.style, b.text) for b in page.blocks if isinstance(b, Paragraph)]
    assert ("body", "以下为开头（办公室模板写在容器里的文字）。") in paragraphs
    assert ("body", "开头之后的说明（插入的标题类文字），与上文分开。") in paragraphs
    assert ("body", "特此报告。\n以上报告，请审阅。\n（结尾）") in paragraphs
    # The page the HTML writer writes carries the paragraphs it made: <p> in the <section>
    # (with the line pitch of a page set closer for the sign-off, if it is on that page).
    assert re.search(r"<section><p( style=\"[^\"]*\")?>以下为开头（办公室模板写在容器里的文字）。\s*</p>", page.html)


@pytest.mark.parametrize(
    ("markup", "refused"),
    [
        ("<ul><li>{{ doc.closing[0] }}</li></ul>", "<ul>"),
        ("<p>结尾</p><img src='seal.png'>", "<img>"),
        ("<p><b>加粗</b>的结尾</p>", "<b>"),
        ("<p><a href='x'>链接</a></p>", "<a>"),
        ("<blockquote>引文</blockquote>", "<blockquote>"),
        ("<script>alert(1)</script>", "<script>"),
        ("<p style='color: red'>红字</p>", "属性 style"),
        ("<p hidden>藏起来的字</p>", "属性 hidden"),
        ("<table><tr><td><p>格中段落</p></td></tr></table>", "<p>"),
        ("<table>表外文字<tr><td>格</td></tr></table>", "单元格之外写了文字"),
    ],
)
def test_what_one_output_would_print_and_another_not_is_refused_at_its_line(tmp_path, markup, refused):
    profile = office_with_template(tmp_path, closing_block(markup))
    template = tmp_path / "templates" / "report.html.j2"
    line = next(n for n, text in enumerate(template.read_text(encoding="utf-8").splitlines(), 1) if markup[:8] in text)
    with pytest.raises(TemplateError) as info:
        civreport.render_page(make_report(closing=["特此报告。"]), office=profile)
    assert f"模板 {template} 第 {line} 行：" in str(info.value) and refused in str(info.value)
    # templates check refuses it too, before any report is rendered.
    assert main(["templates", "check", "--office", str(profile)]) == 2


def test_templates_check_passes_a_template_that_keeps_the_contract():
    assert main(["templates", "check", "--templates", str(LOOSE)]) == 0
