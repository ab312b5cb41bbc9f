"""What real summaries hold, each construct in both outputs; and the messages a clerk reads
when the input is not what civreport expects."""

from __future__ import annotations

import io
import re
import textwrap

import docx
import pytest

import civreport
from civreport.cli import main
from civreport.compose import compose

from conftest import MINIMAL, YAML, W, make_report
from geometry import body, quiet_pdf
from pdftext import pages


def outputs(report: civreport.Report, **options):
    """The paragraphs of the DOCX (style, text) and the text of the PDF, white space removed."""
    page = civreport.render_page(report, **options)
    document = docx.Document(io.BytesIO(civreport.write(page, "docx")))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    pdf = "".join(line.text for lines in pages(quiet_pdf(report, **options)) for line in body(lines))
    return paragraphs, pdf


def assert_printed(report: civreport.Report, expected: list[tuple[str, str]], **options) -> list[tuple[str, str]]:
    """Each (style, text) is a paragraph of the DOCX, in this order, and its text is in the PDF."""
    paragraphs, pdf = outputs(report, **options)
    at = 0
    for style, text in expected:
        assert (style, text) in paragraphs[at:], (style, text, paragraphs)
        at = paragraphs.index((style, text), at) + 1
        assert text.replace("\n", "") in pdf
    return paragraphs


# -- points -------------------------------------------------------------------------------------


def test_points_as_separate_paragraphs_per_part_or_item():
    report = make_report(
        measures=[
            {
                "items": [
                    {
                        "title": "强化宣传发动，营造良好氛围",
                        "points_style": "paragraphs",
                        "points": ["加大资金投入，增加公益广告", "设置户外广告宣传牌"],
                    },
                    {"title": "强化组织领导", "points": ["成立领导小组", "明确分工"]},
                ]
            }
        ],
        plans=[{"points": ["持续抓好问题整改", "健全常态长效机制"], "points_style": "paragraphs"}],
    )
    assert_printed(
        report,
        [
            ("二级标题", "（一）强化宣传发动，营造良好氛围"),  # points in paragraphs: the title stands alone
            ("公文正文", "一是加大资金投入，增加公益广告。"),
            ("公文正文", "二是设置户外广告宣传牌。"),
            ("公文正文", "（二）强化组织领导。一是成立领导小组；二是明确分工。"),
            ("公文正文", "一是持续抓好问题整改。"),
            ("公文正文", "二是健全常态长效机制。"),
        ],
    )


def test_lead_in_phrase_and_trailing_text_share_the_points_paragraph():
    report = make_report(
        measures=[
            {
                "items": [
                    {
                        "title": "抓好环境整治",
                        "points_lead": "按照区委、区政府部署，",
                        "points": ["清理卫生黑点", "整治马路市场"],
                        "points_tail": "同时，建立长效管理机制。",
                    }
                ]
            }
        ]
    )
    assert_printed(
        report,
        [
            (
                "公文正文",
                "（一）抓好环境整治。按照区委、区政府部署，一是清理卫生黑点；二是整治马路市场。同时，建立长效管理机制。",
            ),
        ],
    )


def test_points_with_title_sentences_beside_items_with_headings():
    report = make_report(
        measures=[
            {
                "items": [
                    {"title": "强化组织领导", "body": ["成立领导小组。"]},
                    {
                        "title": "创新宣传方式",
                        "points_style": "paragraphs",
                        "points": [
                            {"title": "“静态宣传”有新意", "body": ["在主次干道设置公益广告。"]},
                            {"title": "“动态宣传”有声势", "body": ["组织志愿者上街宣传。", "全年开展活动120场。"]},
                        ],
                    },
                ]
            }
        ]
    )
    assert_printed(
        report,
        [
            ("公文正文", "（一）强化组织领导。成立领导小组。"),
            ("二级标题", "（二）创新宣传方式"),
            ("公文正文", "一是“静态宣传”有新意。在主次干道设置公益广告。"),
            ("公文正文", "二是“动态宣传”有声势。组织志愿者上街宣传。"),
            ("公文正文", "全年开展活动120场。"),  # a point of more than one paragraph
        ],
    )


@pytest.mark.parametrize(
    ("order", "text"),
    [
        ("第一", "第一，加强领导；第二，强化宣传；第三，狠抓落实。"),
        ("首先", "首先，加强领导；其次，强化宣传；最后，狠抓落实。"),
    ],
)
def test_points_counted_first_second_or_first_then_finally(order, text):
    report = make_report(plans=[{"points": ["加强领导", "强化宣传", "狠抓落实"], "points_order": order}])
    assert_printed(report, [("公文正文", text)])


def test_first_then_finally_takes_four_points_at_most(tmp_path):
    data = dict(MINIMAL, plans=[{"points": ["一", "二", "三", "四", "五"], "points_order": "首先"}])
    problem = load_problem(tmp_path, data)
    assert (problem.path, problem.message) == (
        "plans[0]（下一步工作打算）",
        "“首先……其次……最后”至多四点，这里有 5 点：请改用 一是 或 第一",
    )


def test_the_authors_separators_between_points():
    report = make_report(plans=[{"points": ["加强领导。协调推进", "强化宣传。", "狠抓落实；"]}])
    assert compose(report).sections[-1].texts == ["一是加强领导。协调推进；二是强化宣传。三是狠抓落实。"]


# -- items ----------------------------------------------------------------------------------------


def test_numbered_items_without_a_title_and_parts_that_go_straight_to_one():
    report = make_report(
        measures=[
            {
                "item_numbers": "1.",
                "body": ["全面开展城乡环境保洁。"],
                "items": [
                    {"body": ["对核心区实行全天候保洁。"], "numbered": True},
                    {"body": ["对城郊结合部开展集中整治。"], "numbered": True},
                    {"title": "绿化养护", "items": [{"title": "补植苗木", "body": ["补植苗木2000株。"]}]},
                ],
            }
        ]
    )
    assert_printed(
        report,
        [
            ("公文正文", "全面开展城乡环境保洁。"),
            ("公文正文", "1.对核心区实行全天候保洁。"),
            ("公文正文", "2.对城郊结合部开展集中整治。"),
            ("三级标题", "3.绿化养护"),
            ("公文正文", "（1）补植苗木。补植苗木2000株。"),
        ],
    )
    document = docx.Document(io.BytesIO(civreport.render_docx(report)))
    run = next(p for p in document.paragraphs if p.text.startswith("1.对核心区")).runs[0]
    assert (run.text, run.style.name) == ("1.", "三级标题文字")  # the number runs in, in the heading's look


def test_the_third_level_written_1_with_a_comma_as_an_office_habit(tmp_path):
    (tmp_path / "p.yaml").write_text("numbering: {level3: 1、}\n", encoding="utf-8")
    report = make_report(
        measures=[{"items": [{"title": "强化领导", "items": [{"title": "健全机构", "body": ["成立小组。"]}]}]}]
    )
    assert_printed(
        report, [("二级标题", "（一）强化领导"), ("公文正文", "1、健全机构。成立小组。")], office=tmp_path / "p.yaml"
    )


def test_an_untitled_child_does_not_change_how_its_parent_prints():
    report = make_report(
        measures=[
            {
                "items": [
                    {"title": "强化领导", "body": ["成立小组。"], "items": [{"body": ["另有说明。"]}]},
                    {"title": "加强宣传", "body": ["设置广告。"]},
                ]
            }
        ]
    )
    children = compose(report).sections[0].children
    assert [(c.heading, c.run_in) for c in children] == [("（一）强化领导。", True), ("（二）加强宣传。", True)]
    assert_printed(
        report,
        [
            ("公文正文", "（一）强化领导。成立小组。"),
            ("公文正文", "另有说明。"),
            ("公文正文", "（二）加强宣传。设置广告。"),
        ],
    )


# -- parts and the frame --------------------------------------------------------------------------


def test_parts_in_the_order_written_keep_their_roles():
    report = make_report(
        measures=[],
        problems=[],
        plans=[],
        parts=[
            {"role": "achievements", "body": ["城市环境明显改善。"]},
            {"role": "measures", "items": [{"title": "强化领导", "body": ["成立小组。"]}]},
            {"title": "健全机制，增强创建工作实效", "body": ["建立长效机制。"]},
            {"role": "problems", "title": "存在的困难和问题", "body": ["短板仍然存在。"]},
        ],
    )
    assert [(role, part.title) for role, part in report.all_parts()] == [
        ("achievements", None),
        ("measures", None),
        (None, "健全机制，增强创建工作实效"),
        ("problems", "存在的困难和问题"),
    ]
    assert_printed(
        report,
        [
            ("一级标题", "一、主要成效"),
            ("一级标题", "二、主要做法"),
            ("一级标题", "三、健全机制，增强创建工作实效"),
            ("一级标题", "四、存在的困难和问题"),
        ],
    )


def test_no_opening_no_lead_in_no_signoff_and_no_date_yet():
    report = make_report(opening=[], lead_in=False, signoff=False, date=None)
    paragraphs, pdf = outputs(report)
    assert paragraphs[2] == ("一级标题", "一、主要做法")  # title, blank line, then the body at once
    assert not [p for p in paragraphs if p[0] in ("署名", "成文日期")]
    assert "现将" not in pdf and "年10月" not in pdf
    assert docx.Document(io.BytesIO(civreport.render_docx(report))).core_properties.created is None


def test_a_joint_signoff_of_several_offices():
    report = make_report(signoff=["小河区创城办", "小河区文明办"])
    paragraphs = assert_printed(
        report, [("署名", "小河区创城办"), ("署名", "小河区文明办"), ("成文日期", "2024年10月8日")]
    )
    assert paragraphs[-3:] == [("署名", "小河区创城办"), ("署名", "小河区文明办"), ("成文日期", "2024年10月8日")]


@pytest.mark.parametrize(
    "lead_in",
    ["现将有关工作向各位领导作如下汇报：", "具体情况如下：", "现将有关情况报告如下：", "现将工作情况汇报如下："],
)
def test_lead_ins_as_offices_write_them_are_recognised(lead_in):
    opening = ["今年以来成效明显。" + lead_in]
    assert compose(make_report(opening=opening)).opening == opening  # nothing added after it


def test_body_tables_in_both_outputs():
    report = make_report(
        problems=[
            {
                "body": ["部分社区办公场所狭窄："],
                "tables": [
                    {
                        "title": "社区办公用房面积",
                        "header": ["面积", "社区数"],
                        "rows": [["150㎡以下", "8"], ["150—300㎡", "5"]],
                    }
                ],
            }
        ]
    )
    document = docx.Document(io.BytesIO(civreport.render_docx(report)))
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [
        ["面积", "社区数"],
        ["150㎡以下", "8"],
        ["150\u2060—300㎡", "5"],  # the joiner that keeps the range dash off a line's start
    ]
    _, pdf = outputs(report)
    assert all(cell in pdf for cell in ("社区办公用房面积", "面积", "社区数", "150㎡以下", "150—300㎡"))


@pytest.mark.parametrize(
    ("kind", "title", "lead_in"),
    [
        (
            "工作情况汇报",
            "小河区2024年第三季度创建全国文明城市工作情况汇报",
            "现将2024年第三季度创建全国文明城市工作情况汇报如下：",
        ),
        (
            "工作情况的报告",
            "关于小河区2024年第三季度创建全国文明城市工作情况的报告",
            "现将2024年第三季度创建全国文明城市工作情况报告如下：",
        ),
    ],
)
def test_kinds_of_upward_reports(kind, title, lead_in):
    doc = compose(make_report(office="小河区", kind=kind))
    assert (doc.title, doc.opening[-1][-len(lead_in) :]) == (title, lead_in)


# -- figures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "printed"),
    [
        ({"value": 45000, "unit": "条", "approx": "余"}, "4.5万余条"),
        ({"value": 300000, "unit": "元", "approx": "多"}, "30万多元"),
        ({"value": 100, "unit": "人", "approx": "近"}, "近100人"),
        ({"value": 10000, "unit": "人", "approx": "超过"}, "超过1万人"),
        ({"value": 73, "unit": "个"}, "73个"),
    ],
)
def test_approximate_figures(indicator, printed):
    report = make_report(
        indicators=[{"key": "ads", "name": "广告", **indicator}], achievements=[{"body": ["共播放标语{ads}。"]}]
    )
    assert_printed(report, [("公文正文", f"共播放标语{printed}。")])


# -- what the user typed --------------------------------------------------------------------------


def test_numbers_typed_before_titles_and_points_are_dropped_with_a_warning():
    with pytest.warns(civreport.CivreportWarning) as caught:
        report = make_report(
            measures=[
                {
                    "items": [
                        {
                            "title": "（一）强化组织领导",
                            "points": ["一是加强领导", "第二，强化宣传", "3.做好保障", "（四）开展督查"],
                        },
                        {"title": "1.加强宣传", "body": ["x"]},
                    ]
                }
            ]
        )
    assert sorted(str(w.message) for w in caught) == [
        "字段 measures[0].items[0].points[0]：去掉了手写的序号“一是”，序号由 civreport 生成",
        "字段 measures[0].items[0].points[1]：去掉了手写的序号“第二，”，序号由 civreport 生成",
        "字段 measures[0].items[0].points[2]：去掉了手写的序号“3.”，序号由 civreport 生成",
        "字段 measures[0].items[0].points[3]：去掉了手写的序号“（四）”，序号由 civreport 生成",
        "字段 measures[0].items[0].title：去掉了手写的序号“（一）”，序号由 civreport 生成",
        "字段 measures[0].items[1].title：去掉了手写的序号“1.”，序号由 civreport 生成",
    ]
    assert [c.heading for c in compose(report).sections[0].children] == ["（一）强化组织领导。", "（二）加强宣传。"]


def load_problem(tmp_path, data=None, text=None, name="r.json"):
    import json

    path = tmp_path / name
    path.write_text(text if text is not None else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(civreport.InputError) as info:
        civreport.load(path)
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def test_the_half_width_colon_trap_gets_its_own_hint(tmp_path):
    problem = load_problem(
        tmp_path, text=YAML.replace("- 成立创建工作领导小组。", "- 主要成效: 明显改善"), name="r.yaml"
    )
    assert (problem.line, problem.path) == (11, "measures[0].items[0].body[0]（正文）")
    assert problem.message == (
        "应为文本，实际是键值映射。文字里的半角冒号加空格（如“主要成效: 明显改善”）会被读成键值："
        "请给这段文字加引号，或把冒号改成全角“：”"
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "  - body: [部分点位长效管理机制仍不健全。]",
            "  - body: [部分点位",
            17,
            "文件格式有误：方括号 [ ] 中的列表写法有误：各项之间用逗号分隔，最后要有“]”",
        ),
        ("period: 2024Q3", 'period: "2024Q3', 19, "文件格式有误：文件意外结束：有引号或括号没有闭合"),
        ("        body:", "       body:", 10, "文件格式有误：缩进不一致：这一行的缩进与上面同级的内容不同"),
        ("  - body: [部分", "\t- body: [部分", 16, "文件格式有误：不能用制表符（Tab）缩进，请改用空格"),
        (
            "date: 2024-10-08",
            "date: 2024-10-08 # 成文日期 @ 今天\nx: @x",
            5,
            "文件格式有误：这个字符不能出现在值的开头，请用引号把这段文字括起来",
        ),
    ],
)
def test_yaml_syntax_errors_in_chinese_with_the_line_and_a_hint(tmp_path, old, new, line, message):
    problem = load_problem(tmp_path, text=YAML.replace(old, new), name="r.yaml")
    assert (problem.line, problem.message) == (line, message)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.mark.parametrize(
    ("change", "fragment", "path", "message"),
    [
        (
            ("missing]", "missing]"),
            "of: [a, missing]",
            "indicators[1].of（比率的分子和分母）",
            "引用了不存在的指标 missing",
        ),
        (
            ("key: b,", "key: a,"),
            "key: a, name: 比率",
            "indicators[1].key（键）",
            "指标键 a 重复（indicators[0] 已用过）",
        ),
        (
            ("开展活动{a}", "开展活动{nope}"),
            "开展活动{nope}",
            "achievements[0].body[0]（正文）",
            "引用了不存在的指标 nope",
        ),
        (
            ("{key: a,", "{key: 2a,"),
            "key: 2a",
            "indicators[0].key（键）",
            "“2a”不能作键：键只能用英文字母、数字和下划线，且不以数字开头",
        ),
    ],
)
def test_indicator_errors_name_their_line_and_field(tmp_path, change, fragment, path, message):
    text = YAML + textwrap.dedent("""\
        indicators:
          - {key: a, name: 活动, value: 1}
          - {key: b, name: 比率, value: 50, unit: "%", aggregate: ratio, of: [a, missing]}
        achievements:
          - body:
              - 开展活动{a}。
        """)
    if change[0] != "missing]":
        text = text.replace("missing]", "a]")
    text = text.replace(*change)
    problem = load_problem(tmp_path, text=text, name="r.yaml")
    assert (problem.line, problem.path, problem.message) == (line_of(text, fragment), path, message)


def write(tmp_path, text):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_empty_part_is_accepted_and_left_out(tmp_path):
    report = civreport.load(write(tmp_path, YAML + "achievements:\nsuggestions: [{}]\n")).report
    assert [role for role, _ in report.all_parts()] == ["measures", "problems", "plans"]


@pytest.mark.parametrize("period", ["2024年第三季度", "2024年三季度", "2024q3", "２０２４Ｑ３", "2024Q3"])
def test_periods_as_people_type_them(tmp_path, period):
    report = civreport.load(write(tmp_path, YAML.replace("period: 2024Q3", f"period: {period}"))).report
    assert report.period.code() == "2024Q3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "civreport：缺少参数：命令"),
        (["imprt"], "civreport：“imprt”不是可用的命令（可用："),
        (["render"], "civreport render：缺少参数：INPUT"),
        (["render", "x.yaml", "--to"], "civreport render：--to 后面要写一个值"),
        (["render", "x.yaml", "--bogus"], "civreport：无法识别的参数：--bogus"),
        (
            ["rollup", "a.yaml", "--period", "2024", "--date", "2024-13-01"],
            "civreport rollup：--date：“2024-13-01”不是日期，应写作 YYYY-MM-DD",
        ),
    ],
)
def test_the_command_line_speaks_chinese(capsys, args, message):
    with pytest.raises(SystemExit) as info:
        main(args)
    err = capsys.readouterr().err
    assert info.value.code == 2 and message in err and "用法：civreport" in err
    assert not re.search(r"\b(usage|error|invalid|required|argument)\b", err)


def test_help_and_version_speak_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["-h"])
    out = capsys.readouterr().out
    assert "用法：civreport" in out and "显示本帮助并退出" in out and "usage" not in out and "show this help" not in out
    with pytest.raises(SystemExit):
        main(["--version"])
    assert re.fullmatch(r"civreport \d+\.\d+\.\d+\n", capsys.readouterr().out)


def test_docx_table_cells_and_points_stay_in_their_styles():
    report = make_report(plans=[{"points": ["a", "b"], "points_style": "paragraphs"}])
    document = docx.Document(io.BytesIO(civreport.render_docx(report)))
    assert {p.style.name for p in document.paragraphs if p.text.startswith(("一是", "二是"))} == {"公文正文"}
    assert document.element.body.find(f"{W}p") is not None


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"lead_in": ["a"]}, "lead_in（引出语）", "应为文本、false，实际是列表"),
        ({"signoff": {"a": 1}}, "signoff（署名）", "应为文本、列表、false，实际是键值映射（字段: 值）"),
        (
            {"measures": [{"points": [["a"]]}]},
            "measures[0].points[0]（列举要点）",
            "应为文本、键值映射（字段: 值），实际是列表",
        ),
        (
            {"measures": [{"tables": [{"header": ["项目", "数量"], "rows": [["制造业", 215.6]]}]}]},
            "measures[0].tables[0].rows[0][1]（行）",
            '应为文本，实际是数字。表格中的数字请加引号（如 "215.60"），YAML 才会照写法保留它',
        ),
    ],
)
def test_a_value_of_the_wrong_shape_says_which_shapes_the_field_takes(tmp_path, data, path, message):
    problem = load_problem(tmp_path, {"office": "小河区创城办", "period": "2024Q3", "subject": "创建", **data})
    assert (problem.path, problem.message) == (path, message)
