"""Figures as summaries write them, references from text to indicators, the table."""

from __future__ import annotations

import io
import itertools
import json

import docx
import pytest
from pydantic import ValidationError

import civreport
from civreport import render_docx
from civreport.cli import main
from civreport.model.figures import amount, change, completion, percent

from conftest import MINIMAL, W, make_report
from geometry import body, quiet_pdf
from pdftext import pages


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0, "个", "0个"),
        (73, "个", "73个"),
        (9999, "份", "9999份"),
        (10000, "份", "1万份"),
        (115000, "份", "11.5万份"),
        (123456, "人", "12.35万人"),
        (99_994_999, "元", "9999.5万元"),
        (99_999_999, "元", "1亿元"),  # 9999.9999万 rounds to 10000万: written as 1亿
        (120_000_000, "元", "1.2亿元"),
        (-25000, "元", "-2.5万元"),
        (100, "万元", "100万元"),  # already in 万: never rescaled
        (2.675, "", "2.68"),  # half up, not banker's rounding
        (12.345, "%", "12.3%"),
    ],
)
def test_amounts_scale_at_wan_and_yi(value, unit, text):
    assert amount(value, unit) == text


@pytest.mark.parametrize(
    ("current", "base", "rate", "text"),
    [
        (120, 100, False, "同比增长20%"),
        (95, 100, False, "同比下降5%"),
        (100.04, 100, False, "同比持平"),  # +0.04% rounds to 0.0
        (100.05, 100, False, "同比增长0.1%"),
        (-10, -20, False, "同比增长50%"),  # a smaller loss is growth
        (0, 0, False, "同比持平"),
        (5, 0, False, "同比增加5个"),  # from zero there is no percentage
        (0, 5, False, "同比下降100%"),
        (60, 50, True, "同比提高10个百分点"),
        (50.5, 60, True, "同比降低9.5个百分点"),
        (49.96, 50, True, "同比持平"),
    ],
)
def test_changes_choose_the_verb_by_sign(current, base, rate, text):
    assert change(current, base, rate=rate, prefix="同比", unit="个") == text


def test_completion_and_percent():
    assert completion(115000, 150000) == "完成年度目标的76.7%"
    assert completion(150000, 150000) == "完成年度目标的100%"
    assert percent(99.95) == "100%"
    with pytest.raises(ValueError):
        completion(1, 0)


INDICATORS = [
    {"key": "materials", "name": "宣传资料发放", "value": 115000, "unit": "份", "last_year": 95800, "target": 150000},
    {"key": "rate", "name": "问题整改率", "value": 96.5, "unit": "%", "last_year": 86.5},
    {"key": "volunteers", "name": "注册志愿者", "value": 12000, "unit": "人", "previous": 11000, "aggregate": "latest"},
]
SENTENCE = "{materials.name}{materials}，{materials.yoy}，{materials.target}；整改率{rate}，{rate.yoy}；志愿者{volunteers}，{volunteers.mom}。"


def test_text_refers_to_indicators_by_key():
    report = make_report(indicators=INDICATORS, achievements=[{"body": [SENTENCE]}])
    assert (
        "宣传资料发放11.5万份，同比增长20%，完成年度目标的76.7%；整改率96.5%，同比提高10个百分点；志愿者1.2万人，环比增长9.1%。"
        in civreport.render_html(report)
    )


def test_item_indicators_are_referenced_too():
    item = {
        "title": "志愿服务",
        "body": ["开展活动{acts}。"],
        "indicators": [{"key": "acts", "name": "活动", "value": 320, "unit": "场"}],
    }
    assert "开展活动320场。" in civreport.render_html(make_report(measures=[{"items": [item]}]))


@pytest.mark.parametrize(
    ("change_", "message"),
    [
        ({"achievements": [{"body": ["共{unknown}。"]}]}, "achievements[0].body[0]：引用了不存在的指标 unknown"),
        ({"achievements": [{"body": ["{volunteers.yoy}"]}]}, "需要指标 volunteers 填写 last_year"),
        (
            {"indicators": [*INDICATORS, INDICATORS[0]]},
            "indicators[3].key：指标键 materials 重复（indicators[0] 已用过）",
        ),
        (
            {"indicators": [{"key": "r", "name": "率", "value": 1, "unit": "%", "aggregate": "ratio"}]},
            "of 写明分子和分母",
        ),
        (
            {"indicators": [{"key": "r", "name": "率", "value": 1, "aggregate": "ratio", "of": ["a", "b"]}]},
            "不存在的指标 a、b",
        ),
        ({"table": {"keys": ["nope"]}}, "table.keys：引用了不存在的指标 nope"),
        (
            {"indicators": [{"key": "2bad", "name": "x", "value": 1}]},
            "“2bad”不能作键：键只能用英文字母、数字和下划线，且不以数字开头",
        ),
    ],
)
def test_bad_indicators_and_references_are_refused(change_, message):
    data = {"indicators": INDICATORS, **change_}
    with pytest.raises(ValidationError) as info:
        make_report(**data)
    assert message in str(info.value)


def test_indicator_table_in_both_outputs():
    report = make_report(
        indicators=INDICATORS, table={"title": "主要指标完成情况"}, achievements=[{"body": ["成效明显。"]}]
    )
    rows = [
        ["指标", "数值", "单位", "同比", "目标完成"],
        ["宣传资料发放", "11.5万", "份", "增长20%", "76.7%"],
        ["问题整改率", "96.5", "%", "提高10个百分点", "—"],
        ["注册志愿者", "1.2万", "人", "—", "—"],
    ]
    document = docx.Document(io.BytesIO(render_docx(report)))
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == rows
    styles = [[c.paragraphs[0].style.name for c in row.cells] for row in table.rows]
    assert styles == [["表格表头"] * 5] + [["表格首列"] + ["表格文字"] * 4] * 3
    for name in ("表格表头", "表格文字"):  # cells sit on the line grid: each cell line is a grid line
        spacing = document.styles[name].element.find(f"{W}pPr/{W}spacing")
        assert spacing is None or spacing.get(f"{W}lineRule") != "auto"
    # Column widths are stated in the grid (WPS reads nothing else) and fill the text block.
    grid = [int(col.get(f"{W}w")) for col in table._tbl.find(f"{W}tblGrid")]
    cells = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in table.rows[1]._tr.iter(f"{W}tc")]
    assert grid == cells and abs(sum(grid) - 156 * 72 / 25.4 * 20) <= 5
    assert grid[0] > grid[1] > grid[2]  # 宣传资料发放 is wider than 11.5万, which is wider than 份
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    # The table follows 主要成效 and comes before 存在的问题, with a blank line after it, in the DOCX …
    order = [p.text for p in document.paragraphs]
    assert order.index("主要指标完成情况") == order.index("成效明显。") + 1
    body_element = document.element.body
    table_at = list(body_element).index(table._tbl)
    assert [p.text for p in document.paragraphs if list(body_element).index(p._p) > table_at][:2] == [
        "",
        "三、存在的问题",
    ]
    # … and in the PDF, each row on one line between the same neighbours, its text off the body grid.
    lines = [line for page in pages(quiet_pdf(report)) for line in body(page)]
    texts = [line.text for line in lines]
    start = texts.index("主要指标完成情况")
    assert texts[start - 1] == "成效明显。" and texts[start + 1 + len(rows)] == "三、存在的问题"
    for row, line in zip(rows, lines[start + 1 :]):
        assert line.text == "".join(row)
        assert line.size == pytest.approx(14, abs=0.1)
    # Each row takes a grid line (and its half-point border), so the text after it stays on the grid.
    table = lines[start + 1 : start + 1 + len(rows)]
    pitches = [b.y - a.y for a, b in itertools.pairwise([*table, lines[start + 1 + len(rows)]])]
    assert all(abs(p - 28.95) < 0.15 for p in pitches[:-1]), pitches  # row to row
    # The text after the table (a blank line under it) is on the grid of the text before it.
    title, after = lines[start], lines[start + 1 + len(rows)]
    assert abs(after.y - title.y - 28.95 * (len(rows) + 2)) < 0.2


def test_office_templates_can_use_the_figure_filters(tmp_path):
    (tmp_path / "report.html.j2").write_text(
        '{% extends "civreport/report.html.j2" %}{% block closing %}'
        '<p class="body">{% for i in report.indicators %}{{ i.name }}{{ i.value | amount(i.unit) }}'
        "{% if i.last_year is not none %}，{{ i | yoy }}{% endif %}；{% endfor %}</p>{% endblock %}",
        encoding="utf-8",
    )
    page = civreport.render_html(make_report(indicators=INDICATORS), templates=[tmp_path])
    assert "宣传资料发放11.5万份，同比增长20%；问题整改率96.5%，同比提高10个百分点；注册志愿者1.2万人；" in page


@pytest.mark.parametrize(
    ("base", "field"), [(5e-324, "last_year"), (1e-300, "previous"), (0.005, "target"), (-1e-9, "value")]
)
def test_a_figure_too_small_to_print_is_refused_at_its_field(tmp_path, base, field):
    """A tiny non-zero base made the change ratio astronomical and the render an internal error."""
    indicator = {"key": "a", "name": "活动", "value": 5.8e14, "last_year": 1, "previous": 1, "target": 1} | {
        field: base
    }
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(MINIMAL | {"indicators": [indicator], "opening": ["{a.yoy}{a.mom}{a.target}"]}), encoding="utf-8"
    )
    with pytest.raises(civreport.InputError) as info:
        civreport.load(path)
    problem = info.value.problems[0]
    assert problem.path.startswith(f"indicators[0].{field}") and "不为零却小于 0.01" in problem.message


@pytest.mark.parametrize(
    "figures",
    [
        {"value": 1e15, "last_year": -1e15, "previous": 0.01, "target": 0.01},
        {"value": -1e15, "last_year": 0.01, "previous": -0.01, "target": 1e15},
        {"value": 0, "last_year": 0, "previous": 0.01, "target": -0.01},
    ],
)
@pytest.mark.parametrize("unit", ["", "%", "万元", "元"])
def test_extreme_figures_render_in_every_text(figures, unit):
    texts = "{a}{a.yoy}{a.mom}{a.target}"
    report = make_report(
        indicators=[{"key": "a", "name": "活动", "unit": unit, **figures}],
        table={"title": "表" + texts},
        lead_in="现将" + texts + "报告如下：",
        closing=[texts],
        achievements=[{"body": [texts], "tables": [{"title": texts, "header": [texts], "rows": [[texts]]}]}],
    )
    page = civreport.render_page(report)
    assert "{" not in civreport.write(page, "txt").decode("utf-8")


@pytest.mark.parametrize(
    ("change_", "path", "message"),
    [
        (
            {"achievements": [{"tables": [{"title": "{nokey}", "header": ["甲"], "rows": [["乙"]]}]}]},
            "achievements[0].tables[0].title",
            "引用了不存在的指标 nokey",
        ),
        (
            {"achievements": [{"tables": [{"header": ["{rate.mom}"], "rows": [["乙"]]}]}]},
            "achievements[0].tables[0].header[0]",
            "引用 {rate.mom} 需要指标 rate 填写 previous",
        ),
        ({"lead_in": "现将{nokey}报告如下："}, "lead_in", "引用了不存在的指标 nokey"),
        ({"table": {"title": "{nokey}"}}, "table.title", "引用了不存在的指标 nokey"),
        ({"attachments": ["{nokey}台账"]}, "attachments[0]", "引用了不存在的指标 nokey"),
        ({"headings": {"plans": "下步{nokey}"}}, "headings.plans", "引用了不存在的指标 nokey"),
    ],
)
def test_a_reference_in_any_text_is_checked_at_load_with_its_field_and_line(tmp_path, change_, path, message):
    """Table titles and headers, the lead-in, the indicator table's title, attachments and
    renamed headings are filled and checked like the body: refused at load, at their line."""
    file = tmp_path / "r.json"
    file.write_text(
        json.dumps(MINIMAL | {"indicators": INDICATORS} | change_, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    with pytest.raises(civreport.InputError) as info:
        civreport.load(file)
    problem = info.value.problems[0]
    assert problem.path.startswith(path) and problem.message == message
    assert main(["check", str(file)]) == 2  # check says so too, instead of 校对通过


def test_every_text_that_may_refer_is_filled():
    report = make_report(
        indicators=INDICATORS,
        lead_in="现将{materials}发放情况报告如下：",
        table={"title": "{rate}的整改"},
        attachments=["{volunteers}名志愿者名单"],
        achievements=[
            {
                "body": ["成效明显。"],
                "tables": [{"title": "资料{materials}", "header": ["{rate.name}"], "rows": [["{rate.yoy}"]]}],
            }
        ],
    )
    text = civreport.write(civreport.render_page(report), "txt").decode("utf-8")
    for filled in (
        "现将11.5万份发放情况报告如下：",
        "96.5%的整改",
        "附件：1.2万人名志愿者名单",
        "资料11.5万份",
        "整改率",
        "提高10个百分点",
    ):
        assert filled in text, filled
    assert "{" not in text
