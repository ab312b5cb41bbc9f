"""Roll-ups: quarters into a half-year and a year, streets into a district, and refusals."""

from __future__ import annotations

import copy

import pytest

import civreport
from civreport import InputError, rollup, to_yaml
from civreport.cli import main

from conftest import MINIMAL, ROOT

QUARTERLY = sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))


def quarter(q: int, *, office: str = "小河区创城办", period: str | None = None, **values: float) -> civreport.Report:
    data = copy.deepcopy(MINIMAL)
    v = {
        "materials": 1000 * q,
        "volunteers": 100 + 10 * q,
        "found": 10 * q,
        "fixed": 8 * q,
        "satisfaction": 90 + q,
        **values,
    }
    data.update(
        office=office,
        period=period or f"2024Q{q}",
        date=f"2024-{3 * q:02d}-28",
        opening=[f"第{q}季度开头。现将有关情况总结如下："],
        indicators=[
            {
                "key": "materials",
                "name": "宣传资料",
                "value": v["materials"],
                "unit": "份",
                "last_year": 500 * q,
                "target": 20000,
            },
            {
                "key": "volunteers",
                "name": "志愿者",
                "value": v["volunteers"],
                "unit": "人",
                "aggregate": "latest",
                "last_year": 90 + q,
                "previous": 95,
            },
            {"key": "found", "name": "发现问题", "value": v["found"], "unit": "个"},
            {"key": "fixed", "name": "整改问题", "value": v["fixed"], "unit": "个"},
            {
                "key": "rate",
                "name": "整改率",
                "value": v["fixed"] / v["found"] * 100,
                "unit": "%",
                "aggregate": "ratio",
                "of": ["fixed", "found"],
            },
            {
                "key": "satisfaction",
                "name": "满意度",
                "value": v["satisfaction"],
                "unit": "%",
                "aggregate": "average",
                "last_year": 88,
            },
        ],
        measures=[
            {
                "items": [
                    {
                        "title": f"第{q}季度的做法",
                        "body": ["正文。"],
                        "indicators": [{"key": "acts", "name": "活动", "value": q, "unit": "场"}],
                        "items": [{"title": "下级", "items": [{"title": "再下级", "body": ["开展{acts}。"]}]}],
                    }
                ]
            }
        ],
    )
    return civreport.Report.model_validate(data)


def by_key(report):
    return {i.key: i for i in report.indicators}


def test_each_aggregation_rule_over_quarters():
    year = rollup([quarter(q) for q in (1, 2, 3, 4)], "2024")
    ind = by_key(year)
    assert ind["materials"].value == 10000 and ind["materials"].last_year == 5000  # sum
    assert ind["materials"].target == 20000  # an annual target is kept, not added up
    assert ind["volunteers"].value == 140 and ind["volunteers"].last_year == 94  # latest
    assert ind["satisfaction"].value == 92.5 and ind["satisfaction"].last_year == 88  # average
    assert ind["found"].value == 100 and ind["fixed"].value == 80
    assert ind["rate"].value == 80  # ratio: recomputed from the totals, not averaged
    assert all(i.previous is None for i in year.indicators)  # no source's previous period is the year's


def test_ratio_is_recomputed_not_averaged():
    h1 = rollup([quarter(1, found=10, fixed=10), quarter(2, found=90, fixed=45)], "2024H1")
    assert by_key(h1)["rate"].value == 55  # 55/100, where the average of 100% and 50% would be 75%


def test_quarters_into_a_half_year():
    h1 = rollup([quarter(2), quarter(1)], "2024H1")  # any order
    assert (h1.period.code(), h1.office, str(h1.date)) == ("2024H1", "小河区创城办", "2024-06-28")
    assert [(s.period.code(), s.office) for s in h1.sources] == [("2024Q1", "小河区创城办"), ("2024Q2", "小河区创城办")]
    gathered = h1.measures[0].items
    assert [i.title for i in gathered] == ["第一季度", "第二季度"]
    assert gathered[0].items[0].title == "第1季度的做法"
    # Item indicators get the source's tag, and the texts that use them follow.
    assert gathered[0].items[0].indicators[0].key == "acts_2024q1"
    # The fourth level is the deepest: what would fall below it becomes text.
    deepest = gathered[0].items[0].items[0]
    assert deepest.items == [] and deepest.body == ["再下级：开展{acts_2024q1}。"]
    html = civreport.render_html(h1)
    assert "2024年上半年" in html and "开展1场。" in html
    assert "（一）第一季度" in html and "1.第1季度的做法" in html
    # Sources' lead-ins go; the roll-up gets its own.
    assert h1.opening == ["第1季度开头。", "第2季度开头。"]
    assert "现将2024年上半年创建全国文明城市工作情况总结如下：" in html


def test_half_years_into_a_year():
    h1 = rollup([quarter(1), quarter(2)], "2024H1")
    h2 = rollup([quarter(3), quarter(4)], "2024H2")
    year = rollup([h1, h2], "2024")
    assert by_key(year)["materials"].value == 10000 and by_key(year)["rate"].value == 80
    assert [i.title for i in year.measures[0].items] == ["上半年", "下半年"]  # the year is the roll-up's


def test_units_into_a_district():
    streets = [
        quarter(3, office=name, **{"materials": m}) for name, m in (("东街道", 300), ("西街道", 500), ("南街道", 200))
    ]
    district = rollup(streets, "2024Q3", office="小河区创城办")
    ind = by_key(district)
    assert district.office == "小河区创城办" and district.period.code() == "2024Q3"
    assert ind["materials"].value == 1000 and ind["materials"].target == 60000  # targets add up across units
    assert ind["volunteers"].value == 3 * 130  # each unit's latest stock, added up
    assert ind["satisfaction"].value == 93  # average across units
    assert [i.title for i in district.measures[0].items] == ["东街道", "西街道", "南街道"]
    assert district.measures[0].items[1].items[0].indicators[0].key == "acts_u2"
    assert district.opening == [
        "东街道：第3季度开头。",
        "西街道：第3季度开头。",
        "南街道：第3季度开头。",
    ]  # whose it is


@pytest.mark.parametrize(
    ("reports", "period", "office", "message"),
    [
        (lambda: [quarter(1), quarter(1, period="2024H1")], "2024H1", None, "期间重叠：2024年第一季度 与 2024年上半年"),
        (lambda: [quarter(1), quarter(3)], "2024Q1-Q3", None, "期间有缺口：2024年4月起到 2024年第三季度 之前没有报告"),
        (lambda: [quarter(1), quarter(2)], "2024Q1-Q3", None, "期间有缺口：2024年7月起到 2024年前三季度 结束没有报告"),
        (lambda: [quarter(1), quarter(2), quarter(3)], "2024H1", None, "期间 2024年第三季度 超出要汇总的 2024年上半年"),
        (lambda: [quarter(1), quarter(2, office="别的单位")], "2024H1", None, "应来自同一单位"),
        (
            lambda: [quarter(3, office="东街道"), quarter(3, office="东街道")],
            "2024Q3",
            "区",
            "同一单位出现多次：东街道",
        ),
        (lambda: [quarter(3, office="东街道"), quarter(3, office="西街道")], "2024Q3", None, "须用 --office 写明"),
    ],
)
def test_refusals_name_the_files(tmp_path, reports, period, office, message):
    paths = []
    for i, report in enumerate(reports()):
        path = tmp_path / f"r{i}.yaml"
        path.write_text(to_yaml(report), encoding="utf-8")
        paths.append(path)
    with pytest.raises(InputError) as info:
        rollup(paths, period, office=office)
    assert message in str(info.value)
    assert str(paths[-1]) in str(info.value) or str(paths[0]) in str(info.value)


def test_same_key_with_different_units_is_refused(tmp_path):
    second = quarter(2)
    second = second.model_copy(
        update={
            "indicators": [
                i.model_copy(update={"unit": "万份"}) if i.key == "materials" else i for i in second.indicators
            ]
        }
    )
    with pytest.raises(InputError, match="指标 materials 的单位不一致：份、万份：请在各文件中改用同一单位后再汇总"):
        rollup([quarter(1), second], "2024H1")


def test_rollup_file_is_an_ordinary_report(tmp_path, capsys):
    paths = []
    for q in (1, 2):
        paths.append(tmp_path / f"q{q}.yaml")
        paths[-1].write_text(to_yaml(quarter(q)), encoding="utf-8")
    out = tmp_path / "h1.yaml"
    assert main(["rollup", *map(str, paths), "--period", "2024H1", "-o", str(out), "--date", "2024-07-05"]) == 0
    loaded = civreport.load(out).report
    assert str(loaded.date) == "2024-07-05" and [s.file for s in loaded.sources] == [str(p) for p in paths]
    assert loaded.model_dump() == rollup(paths, "2024H1", day=loaded.date).model_dump()
    assert main(["rollup", *map(str, paths), "--period", "2024Q1-Q3"]) == 2
    err = capsys.readouterr().err
    assert "错误：" in err and "期间有缺口" in err and str(paths[1]) in err  # the gap follows q2


def test_quarterly_samples_roll_up_into_the_year():
    assert [p.stem for p in QUARTERLY] == ["2024q1", "2024q2", "2024q3", "2024q4"]
    year = rollup(QUARTERLY, "2024")
    assert year.period.code() == "2024" and len(year.sources) == 4
    assert [i.title for i in year.measures[0].items] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    quarters = [civreport.load(p).report for p in QUARTERLY]
    assert by_key(year)["materials"].value == sum(by_key(q)["materials"].value for q in quarters)
    assert by_key(year)["volunteers"].value == by_key(quarters[-1])["volunteers"].value
    civreport.render_html(year)


def _without(report: civreport.Report, key: str) -> civreport.Report:
    return report.model_copy(update={"indicators": [i for i in report.indicators if i.key != key]})


def _zero(report: civreport.Report) -> civreport.Report:
    """No problem found, none fixed: the rate of 0 of 0 is no figure."""
    return report.model_copy(
        update={
            "indicators": [
                i.model_copy(update={"value": 0}) if i.key in ("found", "fixed") else i for i in report.indicators
            ]
        }
    )


def test_an_indicator_some_sources_lack_is_left_out_with_a_warning():
    with pytest.warns(civreport.CivreportWarning) as caught:
        year = rollup([quarter(1), quarter(2), _without(quarter(3), "materials"), quarter(4)], "2024")
    assert "materials" not in {i.key for i in year.indicators} and "satisfaction" in {i.key for i in year.indicators}
    assert [str(w.message) for w in caught] == [
        "指标 materials（宣传资料）没有汇总：<报告 3> 没有这个指标；汇总报告的正文仍写各来源自己的数字"
    ]
    with pytest.warns(civreport.CivreportWarning, match="指标 rate（整改率）没有汇总：分母合计为零，无法计算"):
        half = rollup([_zero(quarter(1)), _zero(quarter(2))], "2024H1")
    assert "rate" not in {i.key for i in half.indicators}


def test_parts_keep_their_role_and_title_units_their_names_and_item_figures_their_tags():
    q1, q2 = quarter(1), quarter(2)
    titled = [
        q.model_copy(update={"measures": [q.measures[0].model_copy(update={"title": "整治攻坚"})]}) for q in (q1, q2)
    ]
    half = rollup(titled, "2024H1")
    assert (
        civreport.render_html(half).count("一、主要做法") == 1
        and "整治攻坚" in half.measures[0].items[0].items[0].title
    )
    alone = rollup([quarter(3)], "2024Q3", office="小河区文明办")  # one unit of a higher one
    assert [item.title for item in alone.measures[0].items] == ["小河区创城办"]
    referring = [q.model_copy(update={"opening": ["其中活动{acts}。"]}) for q in (q1, q2)]
    text = civreport.render_html(rollup(referring, "2024H1"))
    assert "其中活动1场。" in text and "其中活动2场。" in text


def test_the_roll_up_file_writes_figures_as_people_do(tmp_path):
    text = to_yaml(rollup(QUARTERLY, "2024"))
    assert "value: 142600\n" in text and "value: 93.917\n" in text and ".0\n" not in text
    (tmp_path / "y.yaml").write_text(text, encoding="utf-8")
    assert civreport.load(tmp_path / "y.yaml").report.indicators[0].value == 142600
