"""civreport import: documents back into the model. Samples rendered to DOCX and text import to
summaries that print the same; real summaries from document sites import with the structure a
person reads in them, their website noise dropped and listed; Word files with automatic
numbering and heading styles; bad files refused in Chinese with nothing written."""

from __future__ import annotations

import collections
import dataclasses
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocumentObject

from civreport import ImportResult, Report, import_document, load
from civreport.cli import main
from civreport.compose import Section, Summary, compose
from civreport.errors import InputError
from civreport.model.script import simplified
from civreport.pipeline import render_page
from civreport.readers import read_data
from civreport.writers import write

from conftest import ROOT, SAMPLES, YAML
from wordfiles import FOUR_LEVELS, add_list, build, numbered

SEEDS = ROOT / "tests" / "data" / "seeds"
EXPECTED = read_data(SEEDS / "expected.yaml")[0]
QUARTERS = sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))


# -- the normal form two summaries are compared in --------------------------------------------


def printed(summary: Summary) -> list[tuple[Any, ...]]:
    """What a summary prints, in print order: the normalisation the round trip is equal under.
    The indicator table prints as a table after its part, as an imported one does; a title's
    line breaks are recomposed."""
    out: list[tuple[Any, ...]] = [("title", "".join(summary.title_lines)), ("subtitle", summary.subtitle)]
    out += [("text", t) for t in summary.opening]

    def walk(section: Section) -> None:
        if section.is_heading:
            out.append(("heading", section.level, section.number, section.title, section.run_in))
        out.extend(("text", t) for t in section.texts)
        out.extend(("table", t.title, t.header, t.rows) for t in section.tables)
        for child in section.children:
            walk(child)

    table = summary.table
    if table and table.after is None:
        out.append(("table", table.title, table.header, table.rows))
    for i, section in enumerate(summary.sections):
        walk(section)
        if table and table.after == i:
            out.append(("table", table.title, table.header, table.rows))
    out += [("text", t) for t in summary.closing]
    out.append(("attachments", summary.attachments))
    signoff = summary.signoff
    out.append(("signoff", signoff.names if signoff else None, signoff.date if signoff else None))
    return out


def headings_per_level(report: Report) -> list[int]:
    counts = [0, 0, 0, 0]

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if item.is_heading:
                counts[level - 1] += 1
            walk(item.items, level + 1)

    for _, part in report.all_parts():
        counts[0] += 1
        walk(part.items, part.item_level)
    return counts


# -- round trip ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("path", SAMPLES + QUARTERS, ids=lambda p: p.stem)
def test_a_rendered_sample_imports_to_a_summary_that_prints_the_same(path: Path, fmt: str) -> None:
    report = load(path).report
    result = import_document(write(render_page(report), fmt), format=fmt, name=f"{path.stem}.{fmt}")
    assert printed(compose(result.report)) == printed(compose(report))
    # Parts keep the roles their titles name.
    for (role, part), (imported_role, imported) in zip(report.all_parts(), result.report.all_parts(), strict=True):
        assert imported.title == (part.title or getattr(report.headings, role or "", None))
        if part.title is None or role in (None, imported_role):
            assert imported_role == role or part.title is not None
    assert not result.drops


@pytest.mark.parametrize("path", SAMPLES[:2], ids=lambda p: p.stem)
def test_the_input_file_written_loads_to_the_same_report(path: Path, tmp_path: Path) -> None:
    result = import_document(write(render_page(load(path)), "docx"), format="docx", name="x.docx")
    written = tmp_path / "x.yaml"
    written.write_text(result.to_yaml(indicators=True), encoding="utf-8")
    again = load(written).report
    assert again.model_dump() == result.report.model_dump()
    assert printed(compose(again)) == printed(compose(load(path).report))


# -- real documents --------------------------------------------------------------------------------


def _cases() -> list[tuple[str, int]]:
    return [(name, i) for name, articles in EXPECTED.items() for i in range(len(articles))]


def _articles(name: str) -> list[ImportResult]:
    result = import_document(SEEDS / name)
    return [result, *result.more]


@pytest.mark.parametrize(("name", "index"), _cases(), ids=lambda v: str(v)[:12])
def test_a_real_summary_imports_with_the_structure_a_reader_sees(name: str, index: int) -> None:
    expected = EXPECTED[name][index]
    articles = _articles(name)
    assert len(articles) == len(EXPECTED[name])
    result = articles[index]
    report = result.report
    assert "".join(compose(report).title_lines) == expected["title"]
    if "office" in expected:
        assert report.office == expected["office"]
    assert [[part.title, role] for role, part in report.all_parts()] == expected["parts"]
    assert headings_per_level(report) == expected["headings"]
    assert (
        report.signoff is expected["signoff"] if expected["signoff"] is False else report.signoff == expected["signoff"]
    )
    assert report.date == expected["date"]
    dropped = "\n".join(d.text for d in result.drops)
    for text in expected["dropped"]:
        assert text in dropped
    body = write(render_page(report), "txt").decode()
    for text in expected["kept"]:
        assert text in body
    # The input file sums the drops up, a line per kind: how many, the first with their lines.
    written = result.to_yaml()
    for reason, count in collections.Counter(d.reason for d in result.drops).items():
        first = next(d for d in result.drops if d.reason == reason)
        assert re.search(rf"^# - {reason} {count} 处：第 {first.line} 行“", written, re.M)


_NUMERALS = set("一二三四五六七八九十")  # heading numbers are printed anew, so may change


@pytest.mark.parametrize("name", list(EXPECTED))
def test_no_character_of_a_real_summary_goes_missing_unlisted(name: str) -> None:
    source = (SEEDS / name).read_text(encoding="utf-8")
    if name.startswith("001"):
        source = simplified(source)  # the characters the importer should print
    printed_text = ""
    dropped = ""
    for result in _articles(name):
        printed_text += write(render_page(result.report), "txt").decode()
        dropped += "".join(d.text for d in result.drops)
    han = re.compile(r"[\u4e00-\u9fff]")
    have = collections.Counter(han.findall(printed_text + dropped))
    missing = collections.Counter(c for c in han.findall(source) if c not in _NUMERALS) - have
    assert not missing


def test_traditional_text_is_kept_when_asked() -> None:
    result = import_document(SEEDS / "001_58606f4a823be1ef.part1-5.txt", convert=False)
    assert result.report.opening[0].startswith("按照市創文指揮部")
    assert not any("繁体" in w for w in result.warnings)
    converted = import_document(SEEDS / "001_58606f4a823be1ef.part1-5.txt")
    assert any("已转为简体" in w for w in converted.warnings)


def test_simplified_text_is_not_converted_and_mainland_words_survive_conversion() -> None:
    # tw2sp took 许多工作 for traditional (多工 → 多任务 shifted the comparison) and rewrote
    # 核心 → 内核, 线上 → 在线, 资料 → 数据 in real traditional text.
    text = "关于2024年党建工作的总结\n\n今年以来，我们做了许多工作，坚持以习近平同志为核心的党中央决策部署，建立健全智慧党建平台，新增党员12名。\n"
    result = imported(text)
    assert result.report.opening == [
        "今年以来，我们做了许多工作，坚持以习近平同志为核心的党中央决策部署，建立健全智慧党建平台，新增党员12名。"
    ]
    assert not any("简体" in w for w in result.warnings)
    converted = import_document(
        "社會主義核心價值觀深入人心，線上線下發放宣傳資料，建立健全執行機制。".encode(), format="txt"
    )
    body = write(render_page(converted.report), "txt").decode()
    assert "社会主义核心价值观深入人心，线上线下发放宣传资料，建立健全执行机制。" in body


# -- forms of headings, enumerations, front and back matter ----------------------------------------


def imported(text: str, fmt: str = "txt") -> ImportResult:
    return import_document(text.encode("utf-8"), format=fmt, name=f"总结.{fmt}")


DAMAGED = """××区2024年上半年创建全国文明城市工作总结

区委、区政府：

今年以来，我区扎实推进创建工作。现将有关情况汇报如下：

一、主要做法

(一)加强组织领导，健全工作机制。区委成立领导小组，定期研究创建工作。

二)强化宣传引导

1、在主干道设置公益广告。

2、组织志愿服务活动。一是开展文明交通劝导；二是开展环境卫生整治；三是开展敬老助残服务。

二、存在的问题

一宣传发动还不够深入。部分群众知晓率不高。

二基础设施仍有短板。老旧小区改造任务重。

三、下一步工作打算

第一，持续抓好宣传。第二，补齐设施短板。第三，健全长效机制。

特此报告。

附件：1. 创建工作台账
2. 问题整改清单

××区创建全国文明城市工作领导小组办公室

二〇二四年七月五日
"""


def test_damaged_headings_run_ins_enumerations_and_the_frame() -> None:
    result = imported(DAMAGED)
    report = result.report
    assert (report.office, report.period.code(), report.subject, report.kind) == (
        "××区",
        "2024H1",
        "创建全国文明城市",
        "工作总结",
    )
    assert report.title is None  # composed from office, period, subject and kind as written
    assert report.recipients == "区委、区政府"
    assert report.lead_in is None and report.opening[-1].endswith("汇报如下：")
    measures, problems, plans = report.parts
    assert (measures.role, problems.role, plans.role) == ("measures", "problems", "plans")
    first, second = measures.items
    assert (first.title, first.body) == ("加强组织领导，健全工作机制", ["区委成立领导小组，定期研究创建工作。"])
    assert first.runs_in
    assert second.title == "强化宣传引导" and not second.runs_in
    # A number before one sentence is text under a number; a short first sentence is a title.
    assert [(i.title, i.numbered, i.body) for i in second.items] == [
        (None, True, ["在主干道设置公益广告。"]),
        ("组织志愿服务活动", False, []),
    ]
    assert second.items[1].points == ["开展文明交通劝导；", "开展环境卫生整治；", "开展敬老助残服务。"]
    # 一宣传发动…: a lost-bracket run 一 二 is a run of headings.
    assert [i.title for i in problems.items] == ["宣传发动还不够深入", "基础设施仍有短板"]
    assert plans.points_order == "第一" and len(plans.points) == 3
    assert report.closing == ["特此报告。"]
    assert report.attachments == ["创建工作台账", "问题整改清单"]
    assert report.signoff == "××区创建全国文明城市工作领导小组办公室"
    assert str(report.date) == "2024-07-05"


def test_words_that_open_with_a_numeral_are_not_headings() -> None:
    text = (
        "关于做好创建工作的通知\n\n一些单位认识不到位。\n\n一、总体要求\n\n三大方面问题仍然突出。\n\n一是加强领导。\n"
    )
    report = imported(text).report
    assert report.opening == ["一些单位认识不到位。"]
    assert [p.title for p in report.parts] == ["总体要求"]
    assert report.parts[0].body == ["三大方面问题仍然突出。", "一是加强领导。"]


def test_an_unstructured_text_gets_no_invented_headings() -> None:
    text = "关于春节期间值班安排的通知\n\n各科室：\n\n春节期间实行24小时值班。\n\n请各科室按时报送值班表。\n"
    result = imported(text)
    assert result.report.recipients == "各科室"
    assert not result.report.parts
    assert result.report.opening == ["春节期间实行24小时值班。", "请各科室按时报送值班表。"]
    assert result.report.lead_in is False  # nothing is added between the opening and the end
    assert result.report.title == "关于春节期间值班安排的通知"
    assert "office" in result.guesses and "period" in result.guesses


def test_noise_inside_lines_is_dropped_and_listed() -> None:
    text = (
        "某街道创建工作总结\n\n我街道创(chuàng)建工作扎实推进，"
        "[找范文到某某范文网 www.example.com]取得成效第1页/共3页。\n\n"
        "一、主要做法\n\n加强组织领导，成立领导小组，明确各社区创建工作职责，实行网格化管理，各社区落实到\n\n"
        "2、人，责任到岗。\n\n来源：网络\n\n分享到：\n"
    )
    result = imported(text)
    reasons = {d.reason: d.text for d in result.drops}
    assert reasons["拼音注音"] == "(chuàng)"
    assert "www.example.com" in reasons["广告"]
    assert reasons["网站插入的分段序号"] == "2、"
    assert "来源：网络" in reasons.values()
    assert result.report.opening == ["我街道创建工作扎实推进，取得成效。"]
    assert result.report.parts[0].body == [
        "加强组织领导，成立领导小组，明确各社区创建工作职责，实行网格化管理，各社区落实到人，责任到岗。"
    ]


# Documents written as offices write them, found in a review (their paragraphs set apart by blank lines).
def test_a_sign_off_on_the_line_above_its_date_and_a_part_heading_that_opens_with_a_year() -> None:
    text = (
        "青山区2024年度优化营商环境工作总结\n\n2024年，我区持续深化改革。\n\n一、主要做法\n\n推出改革举措。\n\n"
        "二、2025年工作打算\n\n（一）持续深化改革。对标先进地区。\n\n附件：1.重点任务完成情况表\n2.企业诉求办理台账\n\n"
        "青山区优化营商环境工作领导小组办公室\n二〇二四年十二月三十日\n\n原文地址：https://www.example.com/a/12345.html\n\n"
        "更多精彩内容请访问 http://www.example.com/ 查看\n"
    )
    result = imported(text)
    report = result.report
    assert report.signoff == "青山区优化营商环境工作领导小组办公室" and report.date == date(2024, 12, 30)
    assert report.attachments == ["重点任务完成情况表", "企业诉求办理台账"]
    assert [(p.role, p.title) for p in report.parts] == [("measures", "主要做法"), ("plans", "2025年工作打算")]
    assert {d.reason for d in result.drops} == {"网站的来源、作者或发布信息", "网址", "广告"}


def test_damaged_heading_on_its_own_line_and_a_report_without_a_title() -> None:
    text = (
        "市委、市政府：\n\n现将我局2024年上半年安全生产工作开展情况汇报如下：\n\n一、工作开展情况\n\n"
        "（一加强组织领导，压实安全责任\n局党组先后4次专题研究安全生产工作。\n\n"
        "(二)开展隐患排查，狠抓问题整改\n共检查企业412家。\n\n特此汇报。\n\n东川县应急管理局\n2024年7月5日\n"
    )
    result = imported(text)
    report = result.report
    assert report.recipients == "市委、市政府"
    assert (report.period.code(), report.kind, report.office) == ("2024H1", "工作汇报", "东川县应急管理局")
    assert {"period", "kind", "office"} <= set(result.guesses)
    assert [(i.title, i.body) for i in report.parts[0].items] == [
        ("加强组织领导，压实安全责任", ["局党组先后4次专题研究安全生产工作。"]),
        ("开展隐患排查，狠抓问题整改", ["共检查企业412家。"]),
    ]
    assert report.closing == ["特此汇报。"] and report.signoff == "东川县应急管理局"


def test_an_official_documents_frame_fills_the_frame_fields_and_its_note_is_dropped() -> None:
    """The red header, the number and the 版记 are the document's frame (issue 25): they fill
    the report's fields; the contact note is dropped and listed."""
    text = (
        "河东区创建全国文明城市工作领导小组办公室文件\n\n河文明办〔2024〕12号\n\n"
        "关于2024年上半年创建全国文明城市工作情况的报告\n\n区委、区政府：\n\n今年以来，我区扎实推进创建工作。\n\n"
        "一、主要做法\n\n加强组织领导。\n\n一是责任落实到位\n\n二是督查问效到位\n\n特此报告。\n\n"
        "河东区创建全国文明城市工作领导小组办公室\n2024年7月5日\n\n（联系人：王五，电话：12345678）\n\n"
        "抄送：市文明办。\n\n河东区创建全国文明城市工作领导小组办公室　　2024年7月8日印发\n"
    )
    result = imported(text)
    report = result.report
    assert (report.recipients, report.signoff, report.date) == (
        "区委、区政府",
        "河东区创建全国文明城市工作领导小组办公室",
        date(2024, 7, 5),
    )
    assert report.closing == ["特此报告。"] and report.kind == "工作情况的报告"
    assert [d.reason for d in result.drops] == ["公文的附注（联系人）"]
    assert (report.mark, report.number.text(), report.cc) == (
        "河东区创建全国文明城市工作领导小组办公室文件",
        "河文明办〔2024〕12号",
        ["市文明办"],
    )
    assert (report.printed_by, report.printed_on) == ("河东区创建全国文明城市工作领导小组办公室", date(2024, 7, 8))
    assert "二是督查问效到位" in write(render_page(report), "txt").decode()  # not taken for a sign-off line


def test_a_sentence_cut_off_at_a_line_end_is_joined_in_a_text_without_blank_lines() -> None:
    text = (
        "2024年度全市统计工作总结\n2024年，全市统计系统紧紧围绕中心工作，坚持依法统计、依法治统，统计数据质量\n"
        "稳步提升，较好地完成了全年各项统计任务。\n一、统计调查任务圆满完成\n顺利完成经济普查登记工作。\n"
    )
    report = imported(text).report
    assert report.opening == [
        "2024年，全市统计系统紧紧围绕中心工作，坚持依法统计、依法治统，统计数据质量稳步提升，"
        "较好地完成了全年各项统计任务。"
    ]
    assert [p.title for p in report.parts] == ["统计调查任务圆满完成"]


def test_parts_take_their_roles_from_the_words_offices_use() -> None:
    text = "".join(
        f"{n}、{title}\n\n正文。\n\n"
        for n, title in zip(
            "一二三四五",
            (
                "工作进展情况",
                "2024年工作完成情况",
                "存在的困难和问题",
                "2025年工作思路",
                "健全统计执法机制，提升数据质量",
            ),
        )
    )
    assert [p.role for p in imported("某区2024年统计工作总结\n\n" + text).report.parts] == [
        "measures",
        "measures",
        "problems",
        "plans",
        None,
    ]


def test_a_speech_and_a_notice_keep_their_titles() -> None:
    speech = imported(
        "在全县2025年经济工作会议上的讲话\n县委书记  李建国\n（2025年1月8日）\n\n同志们：\n\n"
        "这次会议的主要任务是部署2025年重点任务。\n"
    ).report
    assert (speech.title, speech.subtitle, speech.recipients) == (
        "在全县2025年经济工作会议上的讲话",
        "县委书记李建国（2025年1月8日）",
        "同志们",
    )
    notice = imported(
        "关于开展2025年元旦春节期间\n安全生产大检查的通知\n\n各乡镇（街道）：\n\n决定开展安全生产大检查。\n"
    ).report
    assert (notice.title, notice.recipients) == ("关于开展2025年元旦春节期间\n安全生产大检查的通知", "各乡镇（街道）")


def test_indicator_suggestions_are_comments_that_load_when_uncommented(tmp_path: Path) -> None:
    result = import_document(SEEDS / "004_3d7b2bcd786030d6.txt")
    text = result.to_yaml(indicators=True)
    assert "#   - {key: figure_1," in text and "宣传资料" in text
    enabled = re.sub(r"^# (indicators:|  - \{key)", r"\1", text, flags=re.M)
    path = tmp_path / "with-indicators.yaml"
    path.write_text(enabled, encoding="utf-8")
    assert load(path).report.indicators  # the suggestions are valid indicators


def test_html_and_markdown_import() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>x</title></head><body><div>当前位置：首页 &gt; 总结</div>"
        "<h1>某局2024年第三季度工作总结</h1><p>本季度工作有序推进。</p><h2>一、主要做法</h2>"
        "<p>（一）强化领导。成立专班。</p><table><tr><td>项目</td><td>数量</td></tr><tr><td>活动</td><td>3场</td></tr>"
        "</table></body></html>"
    )
    report = imported(html, "html").report
    assert (report.office, report.period.code()) == ("某局", "2024Q3")
    assert report.parts[0].items[0].title == "强化领导"
    md = "# 某局2024年工作总结\n\n今年工作\n有序推进。\n\n## 一、主要做法\n\n1. 加强领导\n2. 狠抓落实\n"
    report = imported(md, "md").report
    assert report.opening == ["今年工作有序推进。"]
    assert report.parts[0].item_numbers == "1." and [i.title for i in report.parts[0].items] == ["加强领导", "狠抓落实"]


# -- Word files as offices make them ---------------------------------------------------------------


def _numbered_headings(document: DocumentObject) -> None:
    add_list(document, 7, FOUR_LEVELS, {7: ""})
    for level, name in enumerate(["Heading 1", "Heading 2", "Heading 3", "Heading 4"]):
        style = document.styles[name]
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 7
    document.add_paragraph("某县文明办2024年工作总结", "Title")
    document.add_paragraph("今年，我县文明创建工作取得新进展。现将有关情况总结如下：")
    document.add_paragraph("主要做法", "Heading 1")
    document.add_paragraph("健全机制", "Heading 2")
    document.add_paragraph("制度建设", "Heading 3")
    document.add_paragraph("出台考核办法", "Heading 4")
    document.add_paragraph("办法共二十条。")
    document.add_paragraph("出台奖惩细则", "Heading 4")
    document.add_paragraph("队伍建设", "Heading 3")
    document.add_paragraph("强化宣传", "Heading 2")
    document.add_paragraph("存在的问题", "Heading 1")
    document.add_paragraph("基层力量薄弱。")


def test_word_headings_numbered_by_their_styles_import_at_their_levels() -> None:
    report = import_document(build(_numbered_headings), format="docx", name="总结.docx").report
    assert (report.office, report.period.code(), report.title) == ("某县文明办", "2024", None)
    measures, problems = report.parts
    assert (measures.role, measures.title, problems.role) == ("measures", "主要做法", "problems")
    mechanism, publicity = measures.items
    assert (mechanism.title, publicity.title) == ("健全机制", "强化宣传")
    rules, people = mechanism.items
    assert (rules.title, people.title) == ("制度建设", "队伍建设")
    assert [(i.title, i.body) for i in rules.items] == [("出台考核办法", ["办法共二十条。"]), ("出台奖惩细则", [])]
    assert problems.body == ["基层力量薄弱。"]
    assert headings_per_level(report) == [2, 2, 2, 2]


def test_word_headings_by_outline_level_alone() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("某镇2023年工作总结", "Title")
        document.add_paragraph("一年来，各项工作稳步推进。")
        for text, style in [
            ("工作开展情况", "Heading 1"),
            ("抓党建", "Heading 2"),
            ("党建引领。", None),
            ("抓发展", "Heading 2"),
            ("下一步工作打算", "Heading 1"),
            ("继续努力。", None),
        ]:
            document.add_paragraph(text, style)

    report = import_document(build(fill), format="docx", name="总结.docx").report
    assert [(p.title, p.role) for p in report.parts] == [("工作开展情况", "measures"), ("下一步工作打算", "plans")]
    assert [i.title for i in report.parts[0].items] == ["抓党建", "抓发展"]
    assert report.lead_in is False


def test_word_automatic_numbering_on_body_paragraphs() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 21, FOUR_LEVELS, {21: ""})
        document.add_paragraph("某局2024年第一季度工作总结")
        numbered(document, "主要做法", 21, 0)
        numbered(document, "强化组织领导。成立了领导小组。", 21, 1)
        numbered(document, "明确分工", 21, 1)
        numbered(document, "落实责任到人。", 21, 2)
        numbered(document, "存在的问题", 21, 0)
        numbered(document, "宣传不够。", 21, 2)

    report = import_document(build(fill), format="docx", name="总结.docx").report
    measures, problems = report.parts
    lead, split = measures.items
    assert (lead.title, lead.body, lead.runs_in) == ("强化组织领导", ["成立了领导小组。"], True)
    assert split.title == "明确分工" and split.items[0].body == ["落实责任到人。"] and split.items[0].numbered
    assert problems.item_numbers == "1." and problems.items[0].body == ["宣传不够。"]


# -- bad input -----------------------------------------------------------------------------------------


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * 1_000_000
            for _ in range(300):
                f.write(chunk)
    return out.getvalue()


BAD = {
    "not-a-document.docx": (lambda: "这只是文字，不是 Word 文档".encode(), "不是有效的 Word（.docx）文件"),
    "corrupt.docx": (lambda: build(lambda d: d.add_paragraph("正文"))[:3000], "文件已损坏"),
    "empty.txt": (lambda: b"", "文件是空的"),
    "only-noise.txt": (lambda: "当前位置：首页 > 总结\n\n分享到：\n".encode(), "没有可导入的文字"),
    "bomb.docx": (_bomb, "压缩炸弹"),
    "picture.txt": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), "不是文本文件"),
    "unknown.pdfx": (lambda: b"%PDF-1.7", "无法识别的文件类型"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_files_are_refused_in_chinese_with_nothing_written(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = BAD[name]
    source = tmp_path / name
    source.write_bytes(make())
    with pytest.raises(InputError, match=message):
        import_document(source)
    out = tmp_path / "out"
    assert main(["import", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(100_000_000)  # sparse: 100 MB on paper, nothing on disk
    with pytest.raises(InputError, match="超过了导入的上限"):
        import_document(huge)


def test_cli_writes_one_file_per_article_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEEDS / "001_58606f4a823be1ef.part1-5.txt"
    target = tmp_path / "天门.yaml"
    assert main(["import", str(seed), "-o", str(target)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["天门-2.yaml", "天门-3.yaml", "天门-4.yaml", "天门-5.yaml", "天门.yaml"]
    before = target.read_bytes()
    assert main(["import", str(seed), "-o", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == before
    assert main(["import", str(seed), "-o", str(target), "--force", "--no-convert"]) == 0
    assert "創文" in target.read_text(encoding="utf-8")
    assert main(["render", str(target), "--to", "docx", "--out", str(tmp_path / "out")]) == 0
    assert docx.Document(str(tmp_path / "out" / "天门.docx")).paragraphs


def test_cli_needs_a_directory_for_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SEEDS / "002_98f0556f5988ddd0.txt"
    assert main(["import", str(seed), str(seed), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "--out" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_the_yaml_sample_in_the_test_helpers_survives_an_import(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(YAML, encoding="utf-8")
    report = load(path).report
    result = import_document(write(render_page(report), "txt"), format="txt", name="r.txt")
    assert printed(compose(result.report)) == printed(compose(report))
    assert dataclasses.is_dataclass(result)


def test_a_table_in_the_opening_prints_as_its_rows_and_says_so(tmp_path: Path) -> None:
    text = "某局2024年工作总结\n\n今年工作有序推进。\n\n项目\t数量\n活动\t3场\n\n一、主要做法\n\n加强领导。\n"
    result = imported(text)
    assert result.report.opening == ["今年工作有序推进。", "项目｜数量", "活动｜3场"]
    assert any(w.startswith("第 5 行的表格（首格“项目”）在第一个标题之前") for w in result.warnings)
    written = result.to_yaml()
    path = tmp_path / "x.yaml"
    path.write_text(written, encoding="utf-8")
    assert "活动｜3场" in write(render_page(load(path).report), "txt").decode()
