"""civreport import of Word files of the shapes offices send (tests/wordcorpus.py): Word's own
numbering makes headings and entries, never a website's chunk numbers."""

from __future__ import annotations

from civreport import ImportResult, import_document
from civreport.pipeline import render_page
from civreport.writers import write

from wordcorpus import CORPUS


def imported(name: str) -> ImportResult:
    return import_document(CORPUS[name](), format="docx", name=f"{name}.docx")


def printed(result: ImportResult) -> str:
    return write(render_page(result.report), "txt").decode()


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
