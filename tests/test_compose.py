"""Numbering, titles and lead-ins: what the author does not type."""

import itertools

import pytest
from pydantic import ValidationError

from civreport.compose import compose
from civreport.compose.title import balance_lines
from civreport.model import TitlePiece, cn_date, cn_number, heading_number
from civreport.office.textwidth import text_width

from conftest import make_report


def numbered(sections, depth=0):
    out = []
    for s in sections:
        out.append(("  " * depth) + s.heading)
        out.extend(numbered(s.children, depth + 1))
    return out


def test_chinese_numerals():
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 999)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
        "一百",
        "一百零五",
        "一百一十",
        "九百九十九",
    ]


def test_heading_numbers_of_the_four_levels():
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    with pytest.raises(ValueError):
        heading_number(5, 1)


def test_four_levels_are_numbered_in_order():
    item4 = {"title": "细项", "body": ["正文。"]}
    item3 = {"title": "小项", "items": [item4, item4]}
    item2 = {"title": "大项", "items": [item3, item3]}
    report = make_report(measures=[{"items": [item2, item2]}], problems=[], plans=[])
    assert numbered(compose(report).sections) == [
        "一、主要做法",
        "  （一）大项",
        "    1.小项",
        "      （1）细项。",
        "      （2）细项。",
        "    2.小项",
        "      （1）细项。",
        "      （2）细项。",
        "  （二）大项",
        "    1.小项",
        "      （1）细项。",
        "      （2）细项。",
        "    2.小项",
        "      （1）细项。",
        "      （2）细项。",
    ]


def test_a_fifth_level_is_refused():
    deep = {"title": "五", "body": ["x"]}
    for title in ("四", "三", "二"):
        deep = {"title": title, "items": [deep]}
    with pytest.raises(ValidationError) as info:
        make_report(measures=[{"items": [deep]}])
    assert "标题最多四级" in str(info.value)


def test_missing_parts_close_up_the_numbers():
    report = make_report(achievements=[], problems=[{"items": []}], plans=[{"body": ["继续努力。"]}])
    assert [s.heading for s in compose(report).sections] == ["一、主要做法", "二、下一步工作打算"]


def test_parts_come_in_role_order_with_renamed_and_topical_headings():
    report = make_report(
        measures=[
            {"title": "健全机制，增强创建工作实效", "body": ["a"]},
            {"title": "广泛宣传，营造浓厚氛围", "body": ["b"]},
        ],
        suggestions=[{"body": ["建议。"]}],
        achievements=[{"body": ["成效。"]}],
        headings={"plans": "下半年工作安排"},
    )
    assert [s.heading for s in compose(report).sections] == [
        "一、健全机制，增强创建工作实效",
        "二、广泛宣传，营造浓厚氛围",
        "三、主要成效",
        "四、存在的问题",
        "五、下半年工作安排",
        "六、相关建议",
    ]


def test_untitled_items_are_plain_paragraphs_and_take_no_number():
    report = make_report(
        measures=[
            {"items": [{"body": ["引言。"]}, {"title": "第一项", "body": ["x"]}, {"title": "第二项", "body": ["y"]}]}
        ]
    )
    part = compose(report).sections[0]
    assert [(c.number, c.texts) for c in part.children] == [("", ["引言。"]), ("（一）", ["x"]), ("（二）", ["y"])]


def test_run_in_headings_by_default_only_over_leaf_items_with_text():
    report = make_report(
        measures=[
            {
                "items": [
                    {"title": "接正文", "body": ["正文。"]},
                    {"title": "另起一行", "body": ["正文。"], "run_in": False},
                    {"title": "有下级", "body": ["导语。"], "items": [{"title": "下级", "body": ["x"]}]},
                ]
            }
        ]
    )
    children = compose(report).sections[0].children
    assert [(c.heading, c.run_in) for c in children] == [
        ("（一）接正文。", True),
        ("（二）另起一行", False),
        ("（三）有下级", False),
    ]


@pytest.mark.parametrize(
    ("points", "text"),
    [
        (["加强领导", "强化宣传；", "狠抓落实。"], "一是加强领导；二是强化宣传；三是狠抓落实。"),
        # The separator is the author's: a point that ends a sentence keeps its 。
        (["加强领导。协调推进", "强化宣传。", "狠抓落实；"], "一是加强领导。协调推进；二是强化宣传。三是狠抓落实。"),
    ],
)
def test_points_keep_the_authors_separators(points, text):
    assert compose(make_report(plans=[{"points": points}])).sections[2].texts == [text]


def test_points_become_one_paragraph_by_default():
    sections = compose(make_report()).sections
    assert sections[0].children[1].texts == ["一是设置公益广告1200处；二是开展志愿服务活动。"]
    assert sections[2].texts == ["一是持续抓好问题整改；二是健全常态长效机制。"]


def test_title_is_composed_and_balanced():
    summary = compose(make_report())
    assert summary.title == "小河区创建全国文明城市工作领导小组办公室2024年第三季度创建全国文明城市工作总结"
    # A line takes at most four fifths of the 156 mm line, 16 characters of 22 pt (the space
    # around 2024 counts too); a diamond here.
    assert summary.title_lines == [
        "小河区创建全国文明城市工作",
        "领导小组办公室2024年第三季度",
        "创建全国文明城市工作总结",
    ]
    # 17.4 characters: two lines, broken between the year and the subject rather than in it.
    assert compose(make_report(office="某区", period="2024")).title_lines == ["某区2024年", "创建全国文明城市工作总结"]
    assert compose(make_report(office="小河区")).title_lines == ["小河区2024年第三季度", "创建全国文明城市工作总结"]
    assert compose(make_report(office="某区", subject="创文")).title_lines == ["某区2024年第三季度创文工作总结"]


def test_title_does_not_double_gongzuo_and_follows_kind():
    report = make_report(office="小河区", subject="创建全国文明城市工作", kind="工作汇报", period="2024H1")
    assert compose(report).title == "小河区2024年上半年创建全国文明城市工作汇报"


def test_explicit_title_keeps_the_authors_line_breaks():
    report = make_report(title="关于小河区2024年上半年\n创建全国文明城市工作情况的报告")
    assert compose(report).title_lines == ["关于小河区2024年上半年", "创建全国文明城市工作情况的报告"]


def test_balanced_lines_fit_and_keep_words_whole():
    # GB/T 9704 7.3.1: a title line keeps its words whole (词意完整), so 城市 and 精神文明 stay whole.
    assert balance_lines([TitlePiece("关于加强和改进新时代城市精神文明建设工作的情况报告")], 20) == [
        "关于加强和改进新时代城市",
        "精神文明建设工作的情况报告",
    ]
    # Of equally even choices, the longer line comes first; a word of the genre's stays whole.
    pieces = [TitlePiece("一二三", False), TitlePiece("四五", False), TitlePiece("六七八", False)]
    assert balance_lines(pieces, 5) == ["一二三四五", "六七八"]


def test_long_titles_break_between_pieces_then_words():
    # What breaking them costs: tests/test_scaling.py; titles of all lengths: tests/test_titles.py.
    office = "某市某区某街道创建全国文明城市工作领导小组办公室和某某委员会联合办公室关于进一步加强基层治理体系建设"
    report = make_report(office=office[:100])
    lines = compose(report).title_lines
    assert "".join(lines).startswith(office[:100]) and all(text_width(line) <= 16.1 for line in lines)
    import jieba

    ends, at = set(), 0
    for word in jieba.cut(office[:100], HMM=False):
        at += len(word)
        ends.add(at)
    pieces = list(itertools.accumulate(len(piece.text) for piece in report.title_segments()))
    breaks = set(itertools.accumulate(len(line) for line in lines[:-1]))
    assert breaks <= ends | set(pieces)  # in the office where a word ends, else between pieces
    assert lines[-2:] == ["治理体系建设2024年第三季度", "创建全国文明城市工作总结"]
    # The roll-up's title: the office's name torn only between its words (not 工作领导小 / 组办公室).
    assert compose(make_report(period="2024")).title_lines == [
        "小河区创建全国文明城市",
        "工作领导小组办公室2024年",
        "创建全国文明城市工作总结",
    ]


def test_lead_in_is_generated_per_kind():
    assert (
        compose(make_report())
        .opening[-1]
        .endswith("扎实推进各项创建工作。现将2024年第三季度创建全国文明城市工作情况总结如下：")
    )
    assert compose(make_report(kind="工作情况报告")).opening[-1].endswith("工作情况报告如下：")
    assert compose(make_report(opening=[])).opening == ["现将2024年第三季度创建全国文明城市工作情况总结如下："]


def test_existing_lead_in_is_not_repeated():
    opening = ["按照市创文指挥部统一部署，现将工作情况汇报如下："]
    assert compose(make_report(opening=opening)).opening == opening


def test_custom_lead_in_and_missing_full_stop():
    report = make_report(opening=["今年以来成效明显"], lead_in="现将有关情况报告如下：")
    assert compose(report).opening == ["今年以来成效明显。现将有关情况报告如下："]


def test_dates_print_without_zero_padding():
    from datetime import date

    assert cn_date(date(2024, 7, 5)) == "2024年7月5日"
    assert compose(make_report()).signoff.date == "2024年10月8日"


def test_signoff_places_the_date_two_characters_right_of_the_name():
    long_name = compose(make_report(signoff="小河区创建全国文明城市工作领导小组办公室")).signoff
    assert long_name.name_indent == 2
    # name starts at indent + width(name); the date starts two characters further right.
    assert long_name.date_indent + text_width(long_name.date) == long_name.name_indent + text_width(long_name.name) - 2
    short = compose(make_report(signoff="小河区")).signoff
    assert short.date_indent == 2  # the date is longer: it takes the inset, the name moves
    assert short.date_indent + text_width(short.date) == short.name_indent + text_width(short.name) - 2


def test_paragraph_lines_wrapped_in_yaml_join_without_spaces():
    report = make_report(opening=["今年以来，我区坚持\n以创促建。Open\nData 平台", "YAML 折叠块 >- 留下的 空格 也去掉"])
    assert report.opening == ["今年以来，我区坚持以创促建。Open Data 平台", "YAML 折叠块 >- 留下的空格也去掉"]


def test_the_frame_is_composed_not_left_to_templates():
    """Recipients take their colon, attachments their label, numbers and indents, the document
    its metadata, in composition: a template prints them as they are."""
    from datetime import date

    summary = compose(
        make_report(recipients="市创城办:", attachments=["创建工作台账", "点位清单"], date=date(2024, 10, 8))
    )
    assert summary.recipients == "市创城办："
    # GB/T 9704 7.3.4: 附件：1.名称, no space; the names start a cell after the number, 2. under 1.
    assert [(a.text, a.left, a.hanging) for a in summary.attachments] == [
        ("附件：1.创建工作台账", 6, 4),
        ("2.点位清单", 6, 1),
    ]
    assert [a.text for a in compose(make_report(attachments=["台账"])).attachments] == ["附件：台账"]
    assert (summary.meta.title, summary.meta.author, summary.meta.created) == (
        summary.title,
        make_report().office,
        date(2024, 10, 8),
    )
    assert compose(make_report()).recipients is None
