"""The pipeline: one profile, one composition, one page per report, whatever the formats."""

from __future__ import annotations

import dataclasses
import pickle
from collections import Counter
from pathlib import Path

import pytest

import civreport
import civreport.pipeline as pipeline
import civreport.rendering.page as page_module
import civreport.writers as writers
from civreport import Page, RenderError, Report
from civreport.cli import main
from civreport.office.profile import OfficeProfile

from conftest import SAMPLES, make_report


def counting(calls: Counter, name: str, function):
    def wrapper(*args, **kwargs):
        calls[name] += 1
        return function(*args, **kwargs)

    return wrapper


def test_render_of_every_format_composes_and_renders_once(tmp_path, monkeypatch):
    calls: Counter = Counter()
    pages: list[Page] = []
    resolve = pipeline.resolve

    def resolving(office, *args):  # a profile already resolved is passed through, not resolved again
        calls["resolve"] += not isinstance(office, OfficeProfile)
        return resolve(office, *args)

    monkeypatch.setattr(pipeline, "resolve", resolving)
    monkeypatch.setattr(pipeline, "compose", counting(calls, "compose", pipeline.compose))
    render_template = page_module.render_template

    def rendering(name, *args):  # the report template; the stylesheet is rendered once per office
        calls["render_template" if name == page_module.REPORT_TEMPLATE else name] += 1
        return render_template(name, *args)

    monkeypatch.setattr(page_module, "render_template", rendering)
    monkeypatch.setattr(
        page_module.lxml_html,
        "document_fromstring",
        counting(calls, "parse", page_module.lxml_html.document_fromstring),
    )
    write = writers.write

    def recording(page, fmt, *, diagnostics):
        pages.append(page)
        return write(page, fmt, diagnostics=diagnostics)

    monkeypatch.setattr(pipeline, "write", recording)
    sample = SAMPLES[0]
    assert main(["render", str(sample), "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".civreport") == [
        f"{sample.stem}.{fmt}" for fmt in ("docx", "html", "pdf")
    ]
    # The command resolves each input's office before anything is written (a bad profile
    # stops the run), and hands it to the worker with the report: resolved once.
    # The stylesheet is the office's: made at most once, none if this process made it before.
    assert calls.pop(page_module.STYLESHEET, 0) <= 1
    assert calls == {"resolve": 1, "compose": 1, "render_template": 1, "parse": 1}
    assert len(pages) == 3 and pages[0] is pages[1] is pages[2]
    # The writers see the page, never the report.
    assert not any(isinstance(value, Report) for value in vars(pages[0]).values())


def test_the_page_carries_its_metadata_and_settings():
    page = civreport.render_page(make_report(office="小河区"))
    assert page.meta == civreport.rendering.PageMeta(
        "小河区2024年第三季度创建全国文明城市工作总结", "小河区", "创建全国文明城市", page.meta.created, "civreport"
    )
    assert page.meta.created.isoformat() == "2024-10-08"
    assert page.layout == civreport.Layout() and dict(page.docx_fonts)["body"] == "仿宋_GB2312"
    assert page.resources[-1].name == "templates"
    # The DOCX writes the page's metadata, not the report's: a template's head decides.
    changed = dataclasses.replace(page, meta=dataclasses.replace(page.meta, title="模板定的标题"))
    import io

    import docx

    assert docx.Document(io.BytesIO(civreport.write(changed, "docx"))).core_properties.title == "模板定的标题"


def test_all_outputs_or_none(tmp_path, monkeypatch):
    def broken(page, fmt, *, diagnostics):
        if fmt == "pdf":
            raise RenderError("排版失败")
        return writers.write(page, fmt, diagnostics=diagnostics)

    monkeypatch.setattr(pipeline, "write", broken)
    with pytest.raises(RenderError, match="排版失败"):
        civreport.render(make_report(), tmp_path / "a.html", tmp_path / "a.pdf", tmp_path / "a.docx")
    assert list(tmp_path.iterdir()) == []


def test_unknown_suffix_and_font_role_are_refused_in_chinese(tmp_path):
    with pytest.raises(RenderError, match=r"不支持的输出格式“\.odt”"):
        civreport.render(make_report(), tmp_path / "a.html", tmp_path / "a.odt")
    assert not Path(tmp_path / "a.html").exists()
    with pytest.raises(RenderError, match="未知的字体角色 bodyy；可用：title、heading1、heading2、body、page_number"):
        civreport.render_pdf(make_report(), fonts={"bodyy": "仿宋"})  # type: ignore[dict-item]


def test_an_office_asked_alike_again_keeps_its_stylesheet(monkeypatch):
    """What is kept per office is kept by the profile's content: settings changed alike by the
    caller (a page set-up, PDF/A), and an equal copy of the profile (as a batch's worker process
    receives it with every document), find the stylesheet made for the first; another office
    does not."""
    from civreport.office.profile import changed

    settings = civreport.Profile()
    one_side = civreport.Layout(mirrored=False)
    assert changed(settings) is settings and changed(settings, page=None, pdf_a=None) is settings
    assert changed(settings, page=one_side, pdf_a=True) == changed(
        settings, pdf_a=True, page=civreport.Layout(mirrored=False)
    )
    assert changed(settings, page=one_side) != changed(settings, page=one_side, pdf_a=True)
    assert changed(settings, page=one_side).page == one_side and not changed(settings, page=one_side).pdf_a

    calls: Counter = Counter()
    render_template = page_module.render_template

    def rendering(name, *args):
        calls[name] += 1
        return render_template(name, *args)

    monkeypatch.setattr(page_module, "render_template", rendering)
    report = make_report()
    office = civreport.OfficeProfile(civreport.Profile(office="小河区创城办"))
    for _ in range(3):
        civreport.render_page(report, office=pickle.loads(pickle.dumps(office)), layout=one_side, pdf_a=True)
    assert calls == {page_module.REPORT_TEMPLATE: 3, page_module.STYLESHEET: 1}
    other = civreport.OfficeProfile(civreport.Profile(office="大河区创城办"))
    civreport.render_page(report, office=other, layout=one_side, pdf_a=True)
    assert calls == {page_module.REPORT_TEMPLATE: 4, page_module.STYLESHEET: 2}
