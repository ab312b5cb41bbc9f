"""civreport import of Word files of the shapes offices send (tests/wordcorpus.py): each imports,
renders, and prints the text it shows or says what it left out; Word's own numbering makes
headings and entries, never a website's chunk numbers; tables keep their content, a document
laid out in a table reads label → paragraph."""

from __future__ import annotations

import collections
import io
import re
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.table import Table

from civreport import ImportResult, import_document, load
from civreport.model.limits import MAX_ITEMS
from civreport.model.parts import MAX_ROWS
from civreport.pipeline import render_page
from civreport.writers import write

from wordcorpus import CORPUS, LONG
from wordfiles import FOUR_LEVELS, add_list, build, lvl, numbered

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = set("一二三四五六七八九十")  # heading numbers are printed anew


def visible_text(data: bytes) -> str:
    """The text Word shows: every paragraph, and every cell once (a merged cell is one cell)."""
    out: list[str] = []

    def walk(container: object) -> None:
        out.extend(p.text for p in getattr(container, "paragraphs", []))
        for table in getattr(container, "tables", []):
            assert isinstance(table, Table)
            seen: set[object] = set()  # holding the elements keeps their proxies, so each is one object
            for row in table.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        walk(cell)

    walk(docx.Document(io.BytesIO(data)))
    return "\n".join(out)


def imported(name: str) -> ImportResult:
    return import_document(CORPUS[name](), format="docx", name=f"{name}.docx")


def printed(result: ImportResult) -> str:
    return write(render_page(result.report), "txt").decode()


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_word_file_prints_what_it_shows_or_names_what_it_left_out(name: str, tmp_path: Path) -> None:
    data = CORPUS[name]()
    result = import_document(data, format="docx", name=f"{name}.docx")
    shown = collections.Counter(c for c in _HAN.findall(visible_text(data)) if c not in _NUMERALS)
    missing = shown - collections.Counter(_HAN.findall(printed(result)))
    assert sum(missing.values()) <= 0.1 * sum(shown.values())
    told = "".join(result.warnings)
    assert [c for c in missing if c not in told] == []
    # The input file written loads to a report that prints the same.
    path = tmp_path / f"{name}.yaml"
    path.write_text(result.to_yaml(), encoding="utf-8")
    assert write(render_page(load(path).report), "txt").decode() == printed(result)


# -- Word's own numbering ------------------------------------------------------------------------


def test_word_list_numbers_after_an_unfinished_paragraph_are_items_not_chunk_numbers() -> None:
    result = imported("numbered_items_after_unfinished_paragraphs")
    assert not result.drops
    work, problems, plans = result.report.parts
    assert problems.points[0] == "部分企业主体责任落实不到位；"
    duty, checks = work.items
    assert [i.title for i in duty.items] == [
        "局党组先后5次专题研究安全生产工作，制定年度工作要点",
        "与各股室、市场监管所签订安全生产目标责任书23份",
        "将安全生产纳入年度目标考核，实行一票否决",
    ]
    # Word counts on across the part (4、 5、); they are the items of （二）, numbered anew.
    assert [i.title for i in checks.items] == [
        "特种设备安全专项整治，检验电梯、锅炉等特种设备1120台",
        "食品生产企业安全检查，督促企业落实主体责任",
    ]
    assert checks.body == [
        "全年共出动执法人员1260人次，检查各类生产经营单位856家，发现隐患312处，已整改309处，整改率99%，重点抓了"
    ]
    assert [i.body for i in plans.items] == [
        ["持续压实各方责任，层层传导压力。"],
        ["深化重点领域专项整治。"],
        ["强化执法队伍建设，提升监管能力。"],
    ]
    text = printed(result)
    assert "\n1.特种设备安全专项整治" in text and "\n2.食品生产企业安全检查" in text


def test_one_list_through_the_heading_styles_nests_four_levels() -> None:
    report = imported("outline_numbered_by_heading_styles").report
    assert [p.title for p in report.parts] == ["主要做法", "成就与不足", "下一步工作打算"]
    party = report.parts[0].items[0]
    assert [i.title for i in party.items] == ["深化网格化管理", "推进红色物业"]
    assert [i.title for i in party.items[0].items] == ["开展网格员培训", "建立考核机制"]


def test_a_list_of_sentences_under_a_heading_is_its_items_not_parts() -> None:
    report = imported("a_list_of_sentences_under_styled_headings").report
    assert [p.title for p in report.parts] == ["工作开展情况", "存在的问题", "下一步工作打算"]
    entries = report.parts[0].items
    assert len(entries) == 8 and all(e.numbered and not e.title for e in entries)
    assert entries[0].body == ["召开创建工作推进会6次，研究解决重点难点问题42个。"]
    assert [i.title for i in report.parts[2].items] == ["强化常态长效", "补齐设施短板"]


def test_a_bare_list_stays_text_of_the_opening_as_written() -> None:
    result = imported("a_bare_list_after_the_opening")
    report = result.report
    assert not report.parts
    assert report.opening[1:3] == [
        "1.2024年1—6月，完成地区生产总值28.6亿元，同比增长6.5%。",
        "2.完成固定资产投资9.2亿元，同比增长8%。",
    ]
    assert len(report.opening) == 9 and report.closing == ["特此汇报。"]


def test_circled_numbers_are_entries_of_the_item_over_them() -> None:
    report = imported("circled_numbers_and_bullets").report
    opening_work = report.parts[0].items[0]
    assert [(i.title, i.body) for i in opening_work.items] == [
        (None, ["校舍安全检查，排查校舍126栋；"]),
        (None, ["食品安全检查，覆盖学校食堂58个；"]),
        (None, ["消防安全检查，整改隐患31处。"]),
    ]


def test_typed_numbers_in_word_paragraphs_are_not_chunk_numbers() -> None:
    result = imported("page_breaks_and_manual_numbers")
    assert not result.drops
    assert [i.body for i in result.report.parts[0].items] == [
        ["招商引资工作，全年引进项目16个。"],
        ["城市管理工作，整治违法建设面积3.6万平方米，拆除违章广告牌210块。"],
    ]


# -- tables --------------------------------------------------------------------------------------


def test_an_application_form_reads_label_to_paragraph() -> None:
    result = imported("an_application_form")
    report = result.report
    assert report.opening[:2] == ["项目名称：老旧小区“微治理”示范项目", "申报单位：××街道××社区居民委员会"]
    assert [(p.title, p.role) for p in report.parts] == [
        ("项目简介", None),
        ("工作开展情况", "measures"),
        ("主要成效", "achievements"),
        ("存在问题", "problems"),
        ("下一步打算", "plans"),
        ("街道意见", None),
    ]
    assert len(report.parts[1].body) == 2 and report.parts[5].body == ["同意申报。"]
    assert (report.signoff, str(report.date)) == ("××街道办事处（盖章）", "2024-12-20")
    assert report.office == "××社区" and "office" not in result.guesses  # the title names it
    assert any(w.startswith("第 2 行的表格（首格“项目名称”）是表格式的文稿") for w in result.warnings)


def test_a_report_form_with_its_title_and_sign_off_in_the_table() -> None:
    result = imported("a_report_form")
    report = result.report
    assert report.title == "××镇2024年上半年河长制工作情况报告表"
    assert [p.title for p in report.parts] == ["基本情况", "主要做法及成效", "存在的问题", "下一步工作计划"]
    assert (report.office, report.period.code(), report.signoff, str(report.date)) == (
        "××镇",
        "2024H1",
        "××镇人民政府",
        "2024-07-08",
    )
    assert any("末行的填报单位和日期作为落款和成文日期" in w for w in result.warnings)


def test_a_table_of_19_rows_under_its_caption_and_a_table_in_the_opening() -> None:
    result = imported("a_statistics_table_of_19_rows")
    report = result.report
    (table,) = report.parts[0].tables
    assert table.title == "表1 2024年重点项目推进情况表"
    assert table.header == ["序号", "项目名称", "计划投资（万元）", "完成投资（万元）", "完成率", "备注"]
    assert len(table.rows) == 18 and table.rows[-1][:2] == ["17", "第17号道路改造工程"]
    assert report.opening[1:3] == ["指标｜年度目标｜完成情况", "完成投资（亿元）｜85｜91.3"]
    assert any(w.startswith("第 3 行的表格（首格“指标”）在第一个标题之前") for w in result.warnings)


def test_a_table_longer_than_a_body_table_is_cut_and_named() -> None:
    result = imported("a_table_of_250_rows")
    tables = result.report.parts[0].tables
    assert [len(t.rows) for t in tables] == [MAX_ROWS, 250 - MAX_ROWS]
    assert [t.title for t in tables] == ["附表：2024年隐患排查整改台账", "附表：2024年隐患排查整改台账（续）"]
    assert tables[1].header == ["序号", "单位", "隐患内容", "整改情况"] and tables[1].rows[0][0] == str(MAX_ROWS + 1)
    (warning,) = result.warnings
    assert warning.startswith("第 6 行的表格“附表：2024年隐患排查整改台账”有 250 行") and "rows" not in warning


def test_a_wide_table_and_a_table_of_one_row_print_as_rows() -> None:
    result = imported("wide_and_one_row_tables")
    lines = printed(result).splitlines()
    assert lines[lines.index("全年各月规模以上工业增加值增速如下。") + 2].startswith("指标｜1月｜2月")
    assert "增速（%）｜6.1｜7.2｜8.3｜5.4｜6.5｜7.6｜8.7｜5.8｜6.9｜7.10｜8.11｜5.12｜6.8" in lines
    assert lines[lines.index("主要统计调查任务：") + 2] == "人口抽样调查｜经济普查｜农业调查｜劳动力调查"
    assert [w.split("：")[0] for w in result.warnings] == [
        "第 4 行的表格（首格“指标”）有 14 列，表格最多 12 列",
        "第 6 行的表格（首格“人口抽样调查”）只有一行，已按段落导入，每行一段（各格以“｜”分隔）",
    ]


def test_a_document_framed_by_one_cell_keeps_its_headings_and_its_table() -> None:
    report = imported("a_document_in_a_frame_of_one_cell").report
    assert report.title == "××乡2024年度农业农村工作总结"
    assert [p.title for p in report.parts] == ["主要成效", "存在的问题"]
    assert report.parts[0].tables[0].rows == [["水稻", "21000", "9800"], ["玉米", "11000", "4200"]]
    assert report.signoff == "××乡人民政府"


def test_more_paragraphs_than_a_place_holds_run_together_and_say_where() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("××县2024年度工作总结")
        for n in range(1, 251):
            document.add_paragraph(f"第{n}项工作按计划完成。")

    result = import_document(build(fill), format="docx", name="总结.docx")
    opening = result.report.opening
    assert len(opening) == MAX_ITEMS and opening[-1].startswith(f"第{MAX_ITEMS}项工作按计划完成。第{MAX_ITEMS + 1}项")
    assert opening[-1].endswith("第250项工作按计划完成。")
    assert result.warnings == (
        f"开头有 250 段，一处最多 {MAX_ITEMS} 段：第 {MAX_ITEMS} 段起的 51 段已连成一段，请核对，把它们分到各部分或删减",
    )


def test_a_table_of_long_texts_under_a_heading_is_a_body_table_not_a_form() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("××局2024年工作总结")
        document.add_paragraph("一、重点任务完成情况")
        rows = [
            ["工作任务", "完成情况"],
            ["党建引领", LONG["开展"]],
            ["项目建设", LONG["开展2"]],
            ["民生实事", LONG["成效"]],
        ]
        table = document.add_table(rows=0, cols=2)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
        document.add_paragraph("二、存在的问题")
        document.add_paragraph("发展不平衡。")

    result = import_document(build(fill), format="docx", name="总结.docx")
    assert [p.title for p in result.report.parts] == ["重点任务完成情况", "存在的问题"]
    (table,) = result.report.parts[0].tables
    assert table.header == ["工作任务", "完成情况"] and table.rows[0] == ["党建引领", LONG["开展"]]
    assert not result.warnings


def test_text_after_a_table_under_a_fourth_level_heading_joins_the_text_before_it() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 80, FOUR_LEVELS, {80: ""})
        document.add_paragraph("××局2024年工作总结")
        for ilvl, text in enumerate(["主要做法", "强化保障", "资金保障", "专项资金"]):
            numbered(document, text, 80, ilvl)
        document.add_paragraph("全年安排专项资金如下。")
        table = document.add_table(rows=0, cols=2)
        for row in (["项目", "金额（万元）"], ["培训", "120"]):
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
        document.add_paragraph("资金已全部拨付到位。")

    result = import_document(build(fill), format="docx", name="总结.docx")
    (fund,) = result.report.parts[0].items[0].items[0].items
    assert (fund.title, fund.body, fund.items) == ("专项资金", ["全年安排专项资金如下。", "资金已全部拨付到位。"], [])
    assert fund.tables[0].rows == [["培训", "120"]]
    assert result.warnings == ("第 8 行：第四级标题下表格之后的文字已移到表格之前（标题最多四级），请核对",)


def test_a_list_of_more_entries_than_a_heading_holds_keeps_the_rest_as_text() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 81, lvl(0, "decimal", "%1."), {81: ""})
        document.add_paragraph("××局2024年工作总结")
        document.add_paragraph("一、主要做法")
        for n in range(1, 251):
            numbered(document, f"第{n}项工作按计划完成。", 81)

    result = import_document(build(fill), format="docx", name="总结.docx")
    items = result.report.parts[0].items
    assert len(items) == MAX_ITEMS and items[0].body == ["第1项工作按计划完成。"]
    assert items[-1].title == f"第{MAX_ITEMS}项工作按计划完成"
    assert items[-1].body[:2] == [
        f"{MAX_ITEMS + 1}.第{MAX_ITEMS + 1}项工作按计划完成。",
        f"{MAX_ITEMS + 2}.第{MAX_ITEMS + 2}项工作按计划完成。",
    ]
    assert items[-1].body[-1] == "250.第250项工作按计划完成。"
    assert result.warnings == (
        f"第 {MAX_ITEMS + 3} 行起：一处最多 {MAX_ITEMS} 个条目，这里有 250 个：第 {MAX_ITEMS} 个之后的条目已作为它的正文，"
        "序号照原文，请核对，把它们分到几处或删减",
    )


def test_a_title_too_long_for_an_office_or_subject_keeps_them_to_fill_in() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("关于" + "加强和改进" * 25 + "局2024年上半年工作总结", "Title")
        document.add_paragraph("今年以来工作顺利。")

    result = import_document(build(fill), format="docx", name="总结.docx")
    report = result.report
    assert (report.office, report.period.code(), report.title) == (
        "××",
        "2024H1",
        "关于" + "加强和改进" * 25 + "局2024年上半年工作总结",
    )
    assert result.guesses["office"] == "原文没有写明发文机关，请填写"


def test_a_part_after_a_bare_list_opens_at_the_top() -> None:
    def fill(document: DocumentObject) -> None:
        document.add_paragraph("××局2024年工作总结")
        document.add_paragraph("今年各项工作稳步推进，主要指标全面完成。")
        for text in ("地区生产总值增长6%。", "固定资产投资增长8%。"):
            document.add_paragraph(text, "List Number")
        document.add_paragraph("一、主要做法")
        document.add_paragraph("加强组织领导。")

    report = import_document(build(fill), format="docx", name="总结.docx").report
    assert report.opening == [
        "今年各项工作稳步推进，主要指标全面完成。",
        "1.地区生产总值增长6%。",
        "2.固定资产投资增长8%。",
    ]
    assert [(p.title, p.body) for p in report.parts] == [("主要做法", ["加强组织领导。"])]


def test_a_number_typed_after_words_own_is_dropped_and_said() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 82, lvl(0, "chineseCounting", "%1、"), {82: ""})
        document.add_paragraph("××局2024年工作总结")
        numbered(document, "（一）主要做法", 82)
        document.add_paragraph("加强组织领导。")

    result = import_document(build(fill), format="docx", name="总结.docx")
    assert [(p.title, p.body) for p in result.report.parts] == [("主要做法", ["加强组织领导。"])]
    assert result.warnings == (
        "第 2 行的标题“一、（一）主要做法”有两个序号：手写的“（一）”已去掉，序号由 civreport 生成",
    )


def test_a_paragraph_word_numbers_is_never_the_title() -> None:
    def fill(document: DocumentObject) -> None:
        add_list(document, 83, lvl(0, "chineseCounting", "%1、"), {83: ""})
        numbered(document, "主要做法", 83)
        document.add_paragraph("加强组织领导。")
        numbered(document, "存在的问题", 83)
        document.add_paragraph("宣传不够。")

    result = import_document(build(fill), format="docx", name="总结.docx")
    assert [p.title for p in result.report.parts] == ["主要做法", "存在的问题"]
    assert result.report.title is None and "subject" in result.guesses
