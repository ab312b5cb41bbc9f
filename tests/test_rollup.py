"""Roll-ups: quarters into a half-year and a year, streets into a district, and refusals."""

from __future__ import annotations

import copy
import functools
import os
import re
import subprocess
import sys

import pytest

import civreport
from civreport import InputError, to_yaml
from civreport.cli import main
from civreport.model.limits import ROLLUP_LENGTH
from civreport.rollups import Decisions

from conftest import MINIMAL, ROOT
from rollupmeasures import (
    SETS,
    headings_after_a_part,
    length,
    openings,
    plans_for_the_past,
    ratio,
    repeated,
    roll,
    unaccounted,
)

QUARTERLY = sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))
# What the rules of steps 1 to 7 make, before the length is kept to (tested on its own, below).
rollup = functools.partial(civreport.rollup, length=None)


def rules(name: str):
    return roll(name, length=None)


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
    # The two quarters' items name nearly the same work: one item, each quarter's facts under it.
    [item] = h1.measures[0].items
    assert item.title == "第1季度的做法" and item.body == ["正文。"]  # both quarters say it: said once
    deepest = item.items[0].items[0]
    assert deepest.title == "再下级" and deepest.body == [
        "第一季度，开展{acts_2024q1}。",
        "第二季度，开展{acts_2024q2}。",
    ]
    # Item indicators get the source's tag, and the texts that use them follow.
    assert [i.key for i in item.indicators] == ["acts_2024q1", "acts_2024q2"]
    html = civreport.render_html(h1)
    assert "2024年上半年" in html and "开展1场。" in html and "开展2场。" in html
    assert "第一季度</" not in html and "（一）第1季度的做法" in html
    # Sources' lead-ins go; the roll-up gets its own.
    assert h1.opening == ["第1季度开头。", "第2季度开头。"]
    assert "现将2024年上半年创建全国文明城市工作情况总结如下：" in html


def test_half_years_into_a_year():
    h1 = rollup([quarter(1), quarter(2)], "2024H1")
    h2 = rollup([quarter(3), quarter(4)], "2024H2")
    year = rollup([h1, h2], "2024")
    assert by_key(year)["materials"].value == 10000 and by_key(year)["rate"].value == 80
    [item] = year.measures[0].items  # 上半年 and 下半年 are no headings; the facts keep the time they name
    assert item.items[0].items[0].body == [
        "第一季度，开展{acts_2024q1_2024h1}。",
        "第二季度，开展{acts_2024q2_2024h1}。",
        "第三季度，开展{acts_2024q3_2024h2}。",
        "第四季度，开展{acts_2024q4_2024h2}。",
    ]


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
    [item] = district.measures[0].items  # what every unit says, said once, of them all
    assert item.body == ["各街道正文。"] and item.title == "第3季度的做法"
    assert item.items[0].items[0].body == ["东街道开展{acts_u1}。", "西街道开展{acts_u2}。", "南街道开展{acts_u3}。"]
    assert [i.key for i in item.indicators] == ["acts_u1", "acts_u2", "acts_u3"]
    assert district.opening == ["第3季度开头。"]  # the units' common framing, once


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
    assert loaded.model_dump() == civreport.rollup(paths, "2024H1", day=loaded.date).model_dump()
    assert main(["rollup", *map(str, paths), "--period", "2024Q1-Q3"]) == 2
    err = capsys.readouterr().err
    assert "错误：" in err and "期间有缺口" in err and str(paths[1]) in err  # the gap follows q2


def test_quarterly_samples_roll_up_into_the_year():
    assert [p.stem for p in QUARTERLY] == ["2024q1", "2024q2", "2024q3", "2024q4"]
    year = rollup(QUARTERLY, "2024")
    assert year.period.code() == "2024" and len(year.sources) == 4
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


def test_parts_keep_their_role_and_title_and_units_their_names():
    q1, q2 = quarter(1), quarter(2)
    titled = [
        q.model_copy(update={"measures": [q.measures[0].model_copy(update={"title": "整治攻坚"})]}) for q in (q1, q2)
    ]
    half = rollup(titled, "2024H1")
    assert half.measures[0].title == "整治攻坚" and civreport.render_html(half).count("一、整治攻坚") == 1
    alone = rollup([quarter(3)], "2024Q3", office="小河区文明办")  # one unit of a higher one
    assert alone.measures[0].items[0].body == ["小河区创城办正文。"]
    referring = [q.model_copy(update={"opening": ["其中活动{acts}。"]}) for q in (q1, q2)]
    text = civreport.render_html(rollup(referring, "2024H1"))
    assert "其中活动1场。" in text and "其中活动2场。" in text


def test_items_below_the_fourth_level_become_text():
    """A source with two titled parts of a role: each becomes an item (（一）), its items go a
    level down, and what would fall below the fourth level runs into its parent's text."""
    data = copy.deepcopy(MINIMAL)
    deep = {"title": "三级", "items": [{"title": "四级", "items": [{"title": "五级", "body": ["最深处的正文。"]}]}]}
    data["measures"] = [{"title": "甲部分", "items": [deep]}, {"title": "乙部分", "body": ["乙的正文。"]}]
    year = rollup([civreport.Report.model_validate(data)], "2024Q3", office="小河区")
    first, second = year.measures[0].items
    assert (first.title, second.title, second.body) == (
        "甲部分",
        "乙部分",
        ["小河区创建全国文明城市工作领导小组办公室乙的正文。"],
    )
    fourth = first.items[0].items[0]
    assert (
        fourth.title == "四级"
        and fourth.items == []
        and fourth.body == ["五级：小河区创建全国文明城市工作领导小组办公室最深处的正文。"]
    )


def test_the_roll_up_file_writes_figures_as_people_do(tmp_path):
    text = to_yaml(rollup(QUARTERLY, "2024"))
    assert "value: 142600\n" in text and "value: 93.917\n" in text and ".0\n" not in text
    (tmp_path / "y.yaml").write_text(text, encoding="utf-8")
    assert civreport.load(tmp_path / "y.yaml").report.indicators[0].value == 142600


# -- the measures of a roll-up that synthesises, on four sets of real-shaped sources ----------


@pytest.fixture(scope="module", params=list(SETS))
def rolled(request):
    return roll(request.param)


def test_no_heading_is_named_after_a_quarter_or_a_unit(rolled):
    assert headings_after_a_part(rolled) == []


def test_no_sentence_is_said_twice(rolled):
    assert repeated(rolled) == []


def test_no_plan_is_for_a_period_the_roll_up_covers(rolled):
    assert plans_for_the_past(rolled) == []


def test_one_opening(rolled):
    assert openings(rolled) == []
    assert len(rolled.report.opening) <= max(len(s.opening) for s in rolled.sources)


def test_every_source_sentence_is_in_the_roll_up_once_or_left_out_by_a_rule(rolled):
    assert unaccounted(rolled) == []
    reasons = {d.why for d in rolled.decisions if d.what in ("删去", "只写一次", "改写")}
    assert reasons and all(reasons), "every text left out says why"


# The roll-up's length, as many times its longest source. The rules leave distinct facts, about
# twice the longest source (bounds a hair above today's values: a rule that stops dropping what it
# should, or a step that writes something twice, fails here); the length step keeps them to 1.5
# times (README, Roll-ups, Length).
RULES_ONLY = {"samples": 2.31, "hedong": 1.94, "xiaohe": 2.02, "district": 2.01}


def test_the_roll_up_is_kept_to_its_length(rolled):
    assert ratio(rolled) <= ROLLUP_LENGTH
    assert length(rolled.report) <= 0.5 * sum(length(s) for s in rolled.sources)
    everything = roll(rolled.name, length=None)
    assert 1.9 <= ratio(everything) <= RULES_ONLY[rolled.name]
    assert not [d for d in everything.decisions if d.why.startswith("篇幅")]


def test_what_the_length_leaves_out_says_least_and_is_named(rolled):
    """Sentences without figures go before those with them (but for one that gives its
    quarter's time to the sentences after it, which may go once they have gone); each is named
    with why, and the roll-up without a limit has it (the clerk puts it back from --explain)."""
    cuts = [d for d in rolled.decisions if d.why.startswith("篇幅")]
    assert cuts and all(re.search(r"最长来源的1\.5倍（约\d+字）为限", d.why) for d in cuts)
    untimed = [d for d in cuts if d.what == "删去" and not re.match(r"第[一二三四]季度，", d.text)]
    assert untimed
    figures = [bool(re.search(r"\d", d.text)) for d in untimed]
    assert figures == sorted(figures), "a sentence with figures went before one without"
    printed, whole = _text(rolled.report), _text(roll(rolled.name, length=None).report)
    for cut in (d for d in cuts if d.what == "删去"):
        piece = cut.text.split("，")[-1][:12]
        assert piece in whole and piece not in printed, piece


def test_a_sentence_loses_its_last_clause_only_when_no_sentence_can_go(rolled):
    """A last clause goes after every sentence that can; it has no figures, two clauses at
    least stay, and the sentence did not open with what the clause completes."""
    clauses = [d for d in rolled.decisions if "句末说得最少的" in d.why]
    kinds = [d in clauses for d in rolled.decisions if d.why.startswith("篇幅")]
    assert kinds == sorted(kinds), "a clause went before a sentence"
    for d in clauses:
        tail, kept = re.search(r"句末说得最少的“(.+?)”删去：“(.+)”$", d.why).groups()
        assert not re.search(r"\d", tail) and d.text.startswith(kept[:-1]) and kept.endswith("。")
        assert kept.count("，") >= 1 and not re.match(r"(第.季度，)?(通过|为|按照)", d.text)


def test_the_samples_works_each_stay_their_sentences_shortened():
    """The samples' eleven works are each one sentence once no sentence can go: 1.5 times is
    reached by their last clauses, every work kept."""
    rolled = roll("samples")
    assert len([d for d in rolled.decisions if "句末说得最少的" in d.why]) > 5
    titles = [i.title for i in rolled.report.measures[0].items]
    assert titles == [i.title for i in rules("samples").report.measures[0].items] and len(titles) == 11
    printed = "区创城办组织4个督查组，对全区主次干道、农贸市场、背街小巷、老旧小区等实地测评点位开展拉网式排查。"
    assert printed in _text(rolled.report)


def test_the_length_keeps_what_each_item_is_and_each_problem(rolled):
    """An item keeps text under its title; a problem keeps its title at least (改写, its
    explanation left out); a part's enumeration keeps two points or goes whole."""
    everything = roll(rolled.name, length=None).report
    for role, block in rolled.report.all_parts():
        for item in block.items:
            assert item.body or item.points or item.items or role == "problems", item.title
            assert len(item.points) != 1, item.title
    before = [i.title for role, b in everything.all_parts() if role == "problems" for i in b.items]
    after = [i.title for role, b in rolled.report.all_parts() if role == "problems" for i in b.items]
    assert after == before
    shortened = [d for d in rolled.decisions if d.what == "改写" and "问题只留标题" in d.why]
    assert all(d.why.endswith(f"“{d.text.split('。')[0]}”") for d in shortened)


@pytest.mark.parametrize(("given", "cut"), [("0", False), ("1.2", True), ("3", False)])
def test_length_on_the_command_line(tmp_path, capsys, given, cut):
    files = SETS["hedong"][0]
    out = tmp_path / "r.yaml"
    args = ["rollup", *map(str, files), "--period", "2023", "-o", str(out), "--explain", "--length", given]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert ("篇幅：汇总报告以最长来源的1.2倍" in said) is cut and ("篇幅：" in said) is cut
    if cut:
        longest = max(length(civreport.load(f).report) for f in files)
        assert length(civreport.load(out).report) <= 1.2 * longest


@pytest.mark.parametrize("given", ["abc", "-1", "inf", "nan"])
def test_a_length_that_is_not_a_number_is_refused_in_chinese(capsys, given):
    with pytest.raises(SystemExit) as info:
        main(["rollup", *map(str, QUARTERLY), "--period", "2024", f"--length={given}"])
    assert info.value.code == 2
    said = capsys.readouterr().err
    assert f"“{given}”不是倍数" in said and "Traceback" not in said


def test_the_help_names_the_default_length(capsys):
    with pytest.raises(SystemExit):
        main(["rollup", "--help"])
    assert f"默认 {ROLLUP_LENGTH:g}" in capsys.readouterr().out


def test_the_roll_up_passes_the_proofreader_and_loads_from_its_file(rolled, tmp_path):
    from civreport.mcpserver.facts import breaches

    assert civreport.check(rolled.report) == []
    assert breaches(civreport.LoadedReport(rolled.report)) == []  # nor breaks the assistant's locked facts
    (tmp_path / "r.yaml").write_text(to_yaml(rolled.report), encoding="utf-8")
    assert civreport.load(tmp_path / "r.yaml").report.model_dump() == rolled.report.model_dump()


# -- what each rule does --------------------------------------------------------------------


def _text(report: civreport.Report) -> str:
    return civreport.write(civreport.render_page(report), "txt").decode("utf-8")


def test_like_items_merge_under_one_title_their_facts_in_time_order():
    year = rules("samples").report
    titles = [item.title for item in year.measures[0].items]
    # 动员群众 (Q1) and 推进志愿服务常态化 (Q2) share the key term 志愿; 督查 (Q2) and 整改“回头看” (Q3) 整改.
    assert "提质扩面，推进志愿服务常态化" not in titles and "开展整改“回头看”，防止问题反弹" not in titles
    volunteers = year.measures[0].items[titles.index("动员群众，壮大志愿力量")]
    assert volunteers.body[0].startswith("第一季度，以“学雷锋志愿服务月”为契机")
    assert volunteers.body[1].startswith("第二季度，围绕“五四”青年节") and len(volunteers.points) == 3
    # Items only one quarter has stay their own, without a quarter's name (the year's work).
    parking = year.measures[0].items[titles.index("治理停车秩序，破解群众出行难题")]
    assert parking.body[0].startswith("交警三大队")
    # The same title each quarter, and what each quarter says again, said once (hedong).
    hedong = rules("hedong").report
    lead = hedong.measures[0].items[0]
    assert lead.title == "强化组织领导，从严压实责任" and _text(hedong).count("街道党工委每月召开创文工作推进会") == 1


def test_one_opening_of_the_shared_framing_and_the_periods_own_lead_in():
    year = rules("samples").report
    assert year.opening[0] == "2024年是新一轮全国文明城市创建周期的第一年。"
    assert not any(text.startswith(("一季度", "二季度", "三季度", "四季度")) for text in year.opening)
    assert "现将2024年创建全国文明城市工作情况总结如下：" in _text(year)


def test_the_achievements_state_the_periods_figures_in_the_indicator_wording():
    year = rules("samples").report
    statement = year.achievements[0].body[0]
    assert statement.startswith("全年累计宣传资料发放{materials}，{materials.target}，{materials.yoy}。")
    assert "截至12月底，注册志愿者达到{volunteers}，{volunteers.yoy}。" in statement
    text = _text(year)
    assert "全年累计宣传资料发放14.26万份，完成年度目标的95.1%，同比增长23.9%。" in text
    assert "问题整改率为93.9%，同比提高6.5个百分点。" in text
    # A quarter's sentence that only stated its own figures is gone; one with a fact of its own stays.
    assert "一季度，全区共发放宣传资料" not in text
    assert "二季度投入创建资金560万元，同比增长19.1%，重点用于背街小巷和老旧小区基础设施改造。" in text
    district = _text(rules("district").report)
    assert "第三季度，各街道合计宣传资料发放1.4万份，完成年度目标的26.9%，同比增长12.9%。" in district


def test_figures_the_whole_states_are_cut_from_a_sentence_and_its_remark_stays():
    rolled = rules("samples")
    text = _text(rolled.report)
    # The quarter's figures go (the year's total and its change on last year are stated); what
    # the sentence says besides, of what the figures were about, stays with its time.
    assert "三季度，暑期志愿服务参与人次创历年新高。" in text and "3.98万份" not in text
    assert "截至12月底，志愿者队伍规模创历史新高。" in text and "环比增长10.1%" not in text
    cut = [d for d in rolled.decisions if d.what == "改写" and d.where == ("第三季度 achievements[0].body[0]",)]
    assert [d.why for d in cut] == [
        "只写了本期的数字，已由汇总的数字代替，只留其余的话：“三季度，暑期志愿服务参与人次创历年新高。”"
    ]
    assert cut[0].text.startswith("三季度，全区发放宣传资料3.98万份，同比增长18.5%；开展志愿服务活动312场")
    # A remark that needs its figures keeps them (the money 重点用于……).
    assert "二季度投入创建资金560万元，同比增长19.1%，重点用于背街小巷" in text
    assert "截至12月底，志愿服务实现常态化、制度化。" in _text(rules("hedong").report)


def test_an_item_whose_figures_the_whole_states_goes_with_its_title_recorded():
    """A quarter's item that only stated its own part of the figures goes whole, and its title
    is named with why, as every text left out is."""
    first = quarter(1).model_copy(
        update={
            "achievements": [
                civreport.Part(
                    items=[{"title": "宣传成效", "body": ["一季度，全区共发放宣传资料{materials}，{materials.yoy}。"]}]
                )
            ]
        }
    )
    decisions = Decisions()
    year = rollup([first, quarter(2), quarter(3), quarter(4)], "2024", decisions=decisions)
    assert "宣传成效" not in _text(year)
    titles = [d for d in decisions if d.where == ("第一季度 achievements[0].items[0].title",)]
    assert [(d.what, d.text, d.why) for d in titles] == [
        ("删去", "宣传成效", "标题下的话都只写了本期的数字，已由汇总的数字代替")
    ]


def _quarters(*bodies: list[str]) -> tuple[civreport.Report, Decisions]:
    """Quarters from the first on, each with one item of the same title and ``bodies``' text,
    rolled up."""
    reports = []
    for q, body in enumerate(bodies, 1):
        data = copy.deepcopy(MINIMAL)
        data.update(
            period=f"2024Q{q}",
            date=f"2024-{3 * q:02d}-28",
            measures=[{"items": [{"title": "深化志愿服务", "body": body}]}],
        )
        reports.append(civreport.Report.model_validate(data))
    decisions = Decisions()
    return rollup(reports, "2024" if len(bodies) == 4 else f"2024Q1-Q{len(bodies)}", decisions=decisions), decisions


def test_a_running_total_is_said_once_with_the_latest_figures():
    year, decisions = _quarters(
        ["一季度以来，累计开展志愿服务活动300场，参与志愿者5000人次。"],
        ["截至6月底，累计开展志愿服务活动640场，参与志愿者1.1万人次。每周五开展“清洁家园”活动。"],
        ["今年以来，累计开展志愿服务活动1200场，参与志愿者2.1万人次，服务群众8万人次。"],
    )
    [item] = year.measures[0].items
    assert item.title == "深化志愿服务" and item.body == [
        "第二季度，每周五开展“清洁家园”活动。",
        "今年以来，累计开展志愿服务活动1200场，参与志愿者2.1万人次，服务群众8万人次。",  # its own time
    ]
    dropped = {d.where[0]: d.why for d in decisions if d.what == "删去" and d.why.startswith("较新的累计数")}
    assert dropped == {
        f"{q} measures[0].items[0].body[0]": "较新的累计数：第三季度“今年以来，累计开展志愿服务活动1200场，"
        "参与志愿者2.1万人次，服务群众8万人次。”是同一累计数的较新数字，只写最新的"
        for q in ("第一季度", "第二季度")
    }
    # The first quarter's item said nothing else: its title goes too, and says why.
    assert [d.why for d in decisions if d.where == ("第一季度 measures[0].items[0].title",) and d.what == "删去"] == [
        "标题下的内容其他各期都已写出（较新的累计数或更全的说法）"
    ]


def test_each_quarters_own_count_stays():
    """A count without the words of a running total is the quarter's own (二季度以来 is the
    second quarter's): the quarters' counts are two facts."""
    half, decisions = _quarters(["一季度以来，开展志愿服务活动186场。"], ["二季度以来，开展志愿服务活动264场。"])
    assert half.measures[0].items[0].body == [
        "一季度以来，开展志愿服务活动186场。",
        "二季度以来，开展志愿服务活动264场。",
    ]
    assert not any(d.why.startswith(("较新的累计数", "同一事实的另一说法")) for d in decisions)


def test_a_fact_restated_is_said_once_as_the_fullest_says_it():
    year, decisions = _quarters(
        ["街道党工委每月召开创文工作推进会，研究解决点位整治中的难点问题。清理楼道堆放杂物3.2吨。"],
        ["街道党工委每月召开一次创文工作推进会，专题研究解决点位整治中的难点问题和群众反映的热点问题。"],
        ["街道党工委每月召开创文工作推进会。清理楼道堆放杂物5吨。"],
    )
    text = _text(year)
    assert text.count("每月召开") == 1 and "第二季度，街道党工委每月召开一次创文工作推进会，专题研究" in text
    assert "清理楼道堆放杂物3.2吨" in text and "清理楼道堆放杂物5吨" in text  # two quarters' own counts
    restated = sorted(
        d.where[0] for d in decisions if d.why.startswith("同一事实的另一说法：第二季度“街道党工委每月召开一次")
    )
    assert restated == ["第一季度 measures[0].items[0].body[0]", "第三季度 measures[0].items[0].body[0]"]


def test_what_units_say_alike_is_each_units_own():
    streets = []
    for name, said in (
        ("东街道", "每月召开创文工作推进会，研究解决难点问题。"),
        ("西街道", "每月召开一次创文工作推进会，专题研究解决点位整治中的难点问题。"),
    ):
        data = copy.deepcopy(MINIMAL)
        data.update(office=name, measures=[{"items": [{"title": "强化组织领导", "body": [said]}]}])
        streets.append(civreport.Report.model_validate(data))
    body = rollup(streets, "2024Q3", office="小河区").measures[0].items[0].body
    assert body == [
        "东街道每月召开创文工作推进会，研究解决难点问题。",
        "西街道每月召开一次创文工作推进会，专题研究解决点位整治中的难点问题。",
    ]


def test_problems_once_marked_as_raised_again_and_the_solved_left_out():
    rolled = rules("hedong")
    problems = rolled.report.problems[0]
    titles = [item.title for item in problems.items]
    assert titles == ["墙体乱张贴问题反复出现", "车辆乱停乱放现象比较严重", "垃圾分类推广不够", "市民参与度不够"]
    parking = problems.items[1]  # raised by every quarter: the last quarter's words, marked
    assert parking.body[-1].endswith("这一问题各期均有反映。")
    # 无人管理小区消防 (Q2) the fourth quarter's measures say is solved: left out, with why.
    why = [d.why for d in rolled.decisions if d.what == "删去" and "未安装消防器材" in d.text]
    assert why == [
        "第四季度写明已解决：“为189个未安装消防器材的无人管理小区全部配齐灭火器，无人管理小区消防设施缺失问题已全部解决。”"
    ]
    # 社区办公场所狭窄: the fourth quarter says so among its problems: that sentence goes to the achievements.
    assert (
        rolled.report.achievements[0].body[-1]
        == "上半年反映的社区办公场所狭窄问题，随着岭咀社区党群服务中心建成投入使用，已得到解决。"
    )
    assert "办公场所狭窄" not in "".join(t.text for t in problems_texts(rolled.report))


def problems_texts(report):
    return [t for t in report.all_texts() if t.role == "problems"]


def test_plans_look_forward():
    year = rules("samples").report
    assert year.plans[0].body == ["明年，区创城办将重点抓好以下工作："]
    assert year.plans[0].points[0].startswith("研究制定《滨河区2025年创建全国文明城市工作实施方案》")
    h1 = rollup(QUARTERLY[:2], "2024H1")  # the second quarter's plans, for the third: the half-year's next
    assert h1.plans[0].body == ["下半年是创建工作的关键时期，区创城办将重点抓好以下工作："]
    assert "二季度，区创城办将聚焦问题短板" not in _text(h1)


def test_units_are_the_subjects_of_their_facts_and_like_facts_are_said_of_them_all():
    district = rules("district").report
    lead = district.measures[0].items[0]
    assert lead.body[0] == "各街道按照区创城办统一部署，成立创建工作领导小组，由街道党工委书记任组长。"
    assert "西城街道班子成员分片包干社区，每周到包干社区巡查一次。" in lead.body
    assert "东城街道实行网格化管理，划分16个网格，网格员每日巡查，发现问题及时整改。" in lead.body  # 我街道 named
    assert district.plans[0].body[:2] == [
        "第四季度，各街道将重点抓好以下工作：开展停车秩序专项整治，施划停车泊位。",
        "东城街道推进无物业小区托管，建立长效管护机制。",
    ]
    parking = district.problems[0].items[0]
    assert parking.title == "车辆乱停乱放现象比较严重" and parking.body[-1].endswith("各街道均反映了这一问题。")


def test_topical_parts_keep_their_order_and_merge_by_title():
    year = rules("xiaohe").report
    assert [(p.role, p.title) for p in year.parts] == [
        (None, "健全机制，增强创建工作实效"),
        (None, "广泛宣传、大力发动，营造浓郁的创建氛围"),
        (None, "以为民办实事为突破口，全面推进文明城区创建"),
        ("achievements", None),
        ("problems", "存在的问题"),
        ("plans", "下一步工作打算"),
    ]
    # A problem a later quarter's topical part says is solved is left out.
    assert "西工住宅小区乱摆摊点" not in "".join(t.text for t in problems_texts(year))


def test_every_text_records_its_sources_in_the_model_and_in_the_file():
    year = rules("samples").report
    q1, q2 = year.sources[0], year.sources[1]
    volunteers = next(i for i, item in enumerate(year.measures[0].items) if item.title == "动员群众，壮大志愿力量")
    title = f"measures[0].items[{volunteers}].title"
    assert q1.texts[title] == ["measures[0].items[2].title"] and q2.texts[title] == ["measures[0].items[1].title"]
    assert q2.texts[f"measures[0].items[{volunteers}].body[1]"] == ["measures[0].items[1].body[0]"]
    assert all(s.texts["achievements[0].body[0]"] == ["indicators"] for s in year.sources)
    recorded = {path for s in year.sources for path in s.texts}
    printed = {t.path for t in year.all_texts() if t.kind in ("paragraph", "point", "title", "lead")}
    assert printed == recorded  # every text, and nothing else
    line = next(line for line in to_yaml(year).splitlines() if "动员群众，壮大志愿力量" in line)
    assert line.endswith("# 来源：第一季度 measures[0].items[2].title；第二季度 measures[0].items[1].title")


def test_explain_says_what_was_merged_and_dropped_and_why(tmp_path, capsys):
    out = tmp_path / "2024.yaml"
    assert main(["rollup", *map(str, QUARTERLY), "--period", "2024", "-o", str(out), "--explain", "--length", "0"]) == 0
    said = capsys.readouterr().out
    assert (
        "合并：第一季度 measures[0].items[2].title；第二季度 measures[0].items[1].title“动员群众，壮大志愿力量”："
        "同一项工作：第二季度“提质扩面，推进志愿服务常态化”（关键词相同：志愿）"
    ) in said
    assert (
        "删去：第一季度 plans[0].body[0]“二季度，区创城办将聚焦问题短板，持续用力推进创建工作。”：计划的期间（2024年第二季度）已在汇总的2024年之内"
        in said
    )
    assert (
        "改写：第四季度 plans[0].body[0]“2025年一季度，区创城办将重点抓好以下工作：”：汇总报告的计划是明年的，原写“2025年一季度”"
        in said
    )
    assert said.splitlines()[-2] == "共合并 3 处，删去 38 处，改写 3 处" and said.splitlines()[-1] == str(out)
    prose = re.sub(r"[a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*", "", said.replace(str(out), ""))
    assert not re.search("[A-Za-z]", prose)  # in Chinese, but for the field paths


def test_the_readmes_roll_up_after_example_is_what_a_roll_up_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("After, one item for the work", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    printed = _text(rules("samples").report)
    for line in after.splitlines():
        for piece in filter(None, line.split("……")):
            assert piece in printed, piece


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("强化组织领导，从严压实责任", "强化组织领导，从严压实责任", "标题相同"),
        ("强化组织领导，从严压实责任", "强化组织领导，压实工作责任", "标题相近"),
        ("动员群众，壮大志愿力量", "提质扩面，推进志愿服务常态化", "关键词相同：志愿"),
        ("谋划部署，压实创建责任", "严格督查，压紧压实整改责任", None),  # their texts: 责任; 督查 and 整改
        ("治理停车秩序，破解群众出行难题", "集中攻坚，破解难点问题", None),  # 破解 alone in common
    ],
)
def test_titles_name_the_same_work_by_their_words_or_key_terms(a, b, why):
    from civreport.rollups.terms import alike, framing, title

    words = framing("创建全国文明城市")
    # Each title's own text uses the words that name its work (and not its verbs).
    own = {
        "动员群众，壮大志愿力量": "组织志愿服务活动",
        "提质扩面，推进志愿服务常态化": "开展志愿服务",
        "谋划部署，压实创建责任": "将158项指标细化分解到34个责任单位",
        "严格督查，压紧压实整改责任": "联合督查室开展月督查，将问题整改纳入考核",
    }
    assert alike(title(a, own.get(a, ""), words), title(b, own.get(b, ""), words)) == why


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("我街道实行网格化管理。", "东街道实行网格化管理。"),
        ("街道党工委每月召开推进会。", "东街道党工委每月召开推进会。"),
        ("7月，组织志愿者开展劝导。", "7月，东街道组织志愿者开展劝导。"),
        ("四季度，我街道将重点抓好以下工作：", "四季度，东街道将重点抓好以下工作："),
        ("东街道成立领导小组。", "东街道成立领导小组。"),
        ("成立领导小组。", "东街道成立领导小组。"),
    ],
)
def test_a_unit_is_the_subject_of_its_sentence(text, said):
    from civreport.rollups.sentences import subjected

    assert subjected(text, "东街道", "街道") == said


@pytest.mark.parametrize(
    ("period", "word"),
    [
        ("2024", "明年"),
        ("2024H1", "下半年"),
        ("2024Q3", "第四季度"),
        ("2024Q4", "明年第一季度"),
        ("2024Q1-Q3", "下一步"),
    ],
)
def test_the_plans_name_the_period_after_the_roll_up(period, word):
    from civreport.rollups.plans import next_period

    assert next_period(civreport.Period.parse(period)) == word


def test_a_roll_up_is_the_same_whatever_the_hash_seed(tmp_path):
    """Sets of sentences never decide an order: the file and --explain are the same in every run."""
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "civreport", "rollup", *map(str, QUARTERLY), "--period", "2024", "--explain"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.append((result.stdout, result.stderr))
    assert outputs[0] == outputs[1] and "合并：" in outputs[0][1]


def test_the_readmes_length_lines_are_what_explain_prints(tmp_path, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("puts back what the office wants:", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert main(["rollup", *map(str, QUARTERLY), "--period", "2024", "-o", str(tmp_path / "r.yaml"), "--explain"]) == 0
    said = capsys.readouterr().out
    assert block.splitlines() and all(line in said for line in block.splitlines())
