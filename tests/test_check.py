"""civreport check: each rule fires on a planted case and is silent on every sample; --fix
mends exactly what it claims, keeping the file's comments and layout; text, JSON and SARIF
output; profiles switch rules; render warns, render --strict refuses."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import civreport
from civreport import Report, check
from civreport.checking.proofreader import fix_text
from civreport.checking.rulebook import RULES
from civreport.cli import main
from civreport.model.fields import mapped_texts
from civreport.office.profile import OfficeProfile, Profile
from civreport.readers import roundtrip

from conftest import MINIMAL, ROOT, SAMPLES

QUARTERS = sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))
SEEDS = ROOT / "tests" / "data" / "seeds"

CLEAN: dict[str, Any] = copy.deepcopy(MINIMAL) | {
    "problems": [{"body": ["部分点位长效管理机制仍不健全。背街小巷环境卫生反复较大，市民文明素质有待进一步提高。"]}],
    "indicators": [{"key": "volunteers", "name": "注册志愿者", "value": 1200, "unit": "人", "last_year": 1000}],
}


def report_with(**changes: Any) -> Report:
    data = copy.deepcopy(CLEAN)
    data.update(changes)
    return Report.model_validate(data)


def opening(text: str, **changes: Any) -> Report:
    return report_with(opening=[text], **changes)


# A planted case for every rule: the report, and the rule's fix where it has one.
PLANTED: dict[str, Report] = {
    "CR101": opening("××区今年完成了20xx年确定的各项任务，共开展活动**场。"),
    "CR102": opening("某区今年扎实推进各项创建工作。"),
    "CR201": opening("今年以来,我区扎实推进各项创建工作:成效明显。"),
    "CR202": opening('今年以来，我区扎实推进"文明城市"创建工作。'),
    "CR203": opening("今年以来，我区落实”高峰疏导、平峰管控”要求。"),
    "CR204": opening("今年以来，我区（含开发区扎实推进各项创建工作。"),
    "CR205": opening("今年以来，我区扎实推进各项创建工作，，成效明显。。"),
    "CR206": opening("1-6月，我区扎实推进各项创建工作。"),
    "CR207": opening("今年以来，我区开展活动１２场。"),
    "CR208": opening("今年以来，我区投入 40 万元开展 LED 屏宣传。"),
    "CR301": opening("今年以来，我区投入一百万元开展创建工作，满意度提高了十个百分点。"),
    "CR302": opening("今年以来，我区投入1500000元开展创建工作。"),
    "CR303": opening("截至9月底，注册志愿者1200人，同比增长25%。"),
    "CR304": opening("上半年，我区扎实推进各项创建工作。"),
    "CR305": opening("2024年11月20日，我区召开了创建工作推进会。"),
    "CR401": report_with(problems=[]),
    "CR402": report_with(problems=[{"title": "存在的问题", "body": ["仍有不足。"]}]),
    "CR403": opening("今年以来，我区扎实推进各项创建工作。" * 40),
    "CR404": opening("（一）今年以来，我区扎实推进各项创建工作。"),
    "CR501": opening("今年以來，我區紮實推進各項創建工作。"),
    "CR502": opening("我区坚持原那么，热情效劳群众，夯实创建根底。"),
    "CR306": opening("注册志愿者由1000人增加到1200人，增长25%。"),
    "CR307": opening("全区共3千5百人参与创建工作。"),
    "CR308": opening("集中整治用时三、四天。"),
    "CR309": opening("2024年09月05日召开推进会。"),
    "CR310": opening("2024.9.5召开推进会。"),
    "CR311": opening("新建10KV线路3条。"),
    "CR312": opening("新修道路12公里，改造人行道8km。"),
    "CR405": report_with(headings={"plans": "1、下一步工作打算"}),
    "CR406": report_with(headings={"plans": "下一步工作打算："}),
    "CR407": report_with(
        measures=[
            {
                "items": [
                    {
                        "title": "强化组织领导成立创建工作领导小组定期召开调度会研究解决创建工作中的重大问题确保各项任务落到实处",
                        "body": ["成效明显。"],
                    }
                ]
            }
        ]
    ),
    "CR408": report_with(title="关于对小河区2024年第三季度创建工作情况的报告"),
    "CR409": report_with(title="小河区2024年第三季度创建全国文明城市工作总结报告"),
    "CR410": opening("根据《关于深化创建工作的通知》（小河办发[2024]12号）要求，我区扎实推进创建工作。"),
    "CR503": opening("今年以来，我区组织国小学生参观新时代文明实践站。"),
    "CR504": opening("我区坚持原那么，推动经济社会开展。"),
    "CR601": opening("今年以来，我区创建工作高大上。"),
    "CR602": opening("今年以来，我区扎实推进创文工作。"),
    "CR603": opening("今年以来，小河区创文办扎实推进创建工作。"),
}
# The office the rules of an office's own word lists read.
WORDS = OfficeProfile(
    Profile.model_validate(
        {
            "checks": {
                "words": {
                    "banned": ["高大上"],
                    "preferred": {"创文": "创建全国文明城市"},
                    "names": {"小河区创建全国文明城市工作领导小组办公室": ["小河区创城办"]},
                }
            }
        }
    )
)


def test_every_rule_has_a_planted_case() -> None:
    assert set(PLANTED) == set(RULES)


def test_the_clean_report_is_clean() -> None:
    assert check(report_with()) == []


@pytest.mark.parametrize("code", list(PLANTED))
def test_each_rule_fires_on_its_planted_case_and_its_fix_mends_it(code: str) -> None:
    report, office = PLANTED[code], WORDS if code.startswith("CR6") else None
    found = [f for f in check(report, office) if f.code == code]
    assert found, code
    finding = found[0]
    assert finding.severity == RULES[code].severity and finding.message and finding.path
    assert finding.fixable == RULES[code].fixable
    assert [f for f in check(report) if f.code == code] == [] if office else True  # the office's own words
    if RULES[code].fixable:
        house = (office or OfficeProfile()).settings.house
        mended = mapped_texts(
            report, lambda text, path: fix_text(text, {code}, report, house) if path == finding.path else text
        )
        assert not [f for f in check(mended, office) if f.code == code]


def test_fixes_change_only_what_they_find() -> None:
    report = report_with()
    assert fix_text("今年以来,我区开展活动１２场，，1-6月", set(RULES), report) == "今年以来，我区开展活动12场，1—6月"
    with_tilde = report_with(range_dash="～")
    assert fix_text("1-6月、7—9月", {"CR206"}, with_tilde) == "1～6月、7～9月"
    assert fix_text("地方财政收入3.4亿元, 增长20%", {"CR201", "CR208"}, report) == "地方财政收入3.4亿元，增长20%"


def test_taiwan_words_are_misconverted_but_not_the_mainland_words_that_share_their_characters() -> None:
    text = "随著网路普及，我区著力推进数位化，成效显著手段多，拥有著作权的著名专家带著名单入户。"
    found = [f for f in check(report_with(opening=[text])) if f.code == "CR502"]
    assert [f.message for f in found] == ["疑为繁简转换造成的错词 随著→随着、网路→网络、著力→着力、数位化→数字化"]
    assert fix_text(text, {"CR502"}, report_with()) == (
        "随着网络普及，我区着力推进数字化，成效显著手段多，拥有著作权的著名专家带著名单入户。"
    )


@pytest.mark.parametrize("path", SAMPLES + QUARTERS, ids=lambda p: p.stem)
def test_every_sample_is_clean(path: Path) -> None:
    assert check(civreport.load(path)) == []


def _plant(text: str) -> str:
    """Fixable mistakes in single-line body texts of a sample file: half-width commas and full-width
    digits. Only those lines change."""
    lines = text.splitlines(keepends=True)
    planted = 0
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if (
            stripped.startswith("- ")
            and not stripped.startswith(("- >", "- |", "- {"))
            and "，" in line
            and planted < 3
        ):
            lines[i] = line.replace("，", ",", 1)
            planted += 1
    assert planted
    return "".join(lines)


@pytest.mark.parametrize("path", SAMPLES + QUARTERS[:1], ids=lambda p: p.stem)
def test_fix_mends_the_file_and_changes_nothing_else(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    target = tmp_path / "samples" / path.relative_to(ROOT / "samples")
    original = target.read_text(encoding="utf-8")
    target.write_text(_plant(original), encoding="utf-8")
    assert main(["check", str(target)]) == 1
    assert "CR201" in capsys.readouterr().out
    assert main(["check", str(target), "--fix"]) == 0
    assert target.read_text(encoding="utf-8") == original  # the planted mistakes, and nothing else
    assert "已自动修正" in capsys.readouterr().err


def test_fix_keeps_comments_and_reports_what_it_cannot_mend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.yaml"
    target.write_text(
        "# 我的注释\noffice: 某区创城办   # 单位\nperiod: 2024Q3\nsubject: 创建全国文明城市\n"
        'date: 2024-10-08\nopening:\n  - "今年以来,我区扎实推进\\"文明\\"创建。"\n'
        "problems:\n  - body: [部分点位长效管理机制仍不健全，背街小巷环境卫生反复较大，市民文明素质有待进一步提高。两次暗访发现的问题仍未全部整改。]\n",
        encoding="utf-8",
    )
    assert main(["check", str(target), "--fix"]) == 1  # 某区 cannot be fixed
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 我的注释\noffice: 某区创城办   # 单位\n")
    assert "今年以来，我区扎实推进“文明”创建。" in civreport.load(target).report.opening[0]
    out = capsys.readouterr().out
    assert "CR102" in out and "CR201" not in out


# Odd indentation, comments, a bracketed list the comma warning is about, flow mappings, | and >
# blocks, quoted and plain texts over several lines, each of them with a fixable finding or
# beside one.
UNTIDY = """\
# 报告的注释
office:   小河区创城办      # 单位,全称
period: 2024Q3
subject: 创建全国文明城市
date: 2024-10-08
opening:
   -   今年以来,我区扎实推进创建工作。   # 行尾注释
   - '群众满意度达到９５%。'
measures:
- items:
    - {title: 设置广告１２处, body: [设置公益广告, 开展志愿服务]}
    - title: "强化\\"组织\\"领导"
      body:
        - |
          部分点位,管理机制
          仍不健全。

        - >-   # 折叠
            背街小巷环境卫生
            反复较大,
            正在整改。
problems:
  - body: [部分点位长效管理机制仍不健全。, 两次暗访发现的问题仍未全部整改。]
closing:
  - 下一步,我们将
    继续努力。
attachments: [创建台账,整改清单,２０２４]
"""


def test_fix_changes_only_the_bytes_of_the_fixed_texts(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_bytes(UNTIDY.encode("utf-8"))
    assert main(["check", str(target), "--fix"]) == 0
    expected = UNTIDY
    for old, new in [
        ("以来,我区", "以来，我区"),
        ("'群众满意度达到９５%。'", "'群众满意度达到95%。'"),
        ("广告１２处", "广告12处"),
        ('"强化\\"组织\\"领导"', '"强化“组织”领导"'),
        # A text fixed in a block or over several lines is written on one line of its block.
        ("部分点位,管理机制\n          仍不健全。", "部分点位，管理机制仍不健全。"),
        ("背街小巷环境卫生\n            反复较大,\n            正在整改。", "背街小巷环境卫生反复较大，正在整改。"),
        ("下一步,我们将\n    继续努力。", "下一步，我们将继续努力。"),
        ("２０２４]", '"2024"]'),  # unquoted, 2024 would be a number
    ]:
        assert UNTIDY.count(old) == 1
        expected = expected.replace(old, new)
    assert target.read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("written", "new", "rewritten"),
    [
        ("k: 甲\n", "乙: 丙", 'k: "乙: 丙"\n'),
        ("k: [甲, 乙]  # 注\n", "丙,丁", 'k: [甲, "丙,丁"]  # 注\n'),
        ("k: '甲'\n", "它's", "k: '它''s'\n"),
        ("k: |-\n  甲\n\nn: 1\n", "乙\n丙", "k: |-\n  乙\n  丙\n\nn: 1\n"),
        ("k: >\n  甲\nn: 1\n", "乙\n丙", "k: >\n  乙\n\n  丙\nn: 1\n"),
        ("k: |2  # 注\n    甲\nn: 1\n", "乙", 'k: "乙"  # 注\nn: 1\n'),  # the indentation given: quoted
    ],
)
def test_a_fixed_text_keeps_its_style_where_the_style_can_carry_it(written: str, new: str, rewritten: str) -> None:
    loc = ("k", 1) if written.startswith("k: [") else ("k",)
    assert roundtrip.spliced(written, {loc: new, ("absent",): "x"}, "r.yaml") == (rewritten, 1)


def test_toml_cannot_be_fixed_but_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.toml"
    target.write_text(
        'office = "小河区创城办"\nperiod = "2024Q3"\nsubject = "创建全国文明城市"\n'
        'opening = ["今年以来,我区扎实推进创建工作。"]\n',
        encoding="utf-8",
    )
    assert main(["check", str(target)]) == 1
    capsys.readouterr()
    assert main(["check", str(target), "--fix"]) == 1  # the findings, and a word on why none is fixed
    out, err = capsys.readouterr()
    assert "CR201" in out and f"警告：{target}：只能自动修正 YAML 和 JSON 文件" in err


def test_fix_keeps_the_files_byte_order_mark_line_ends_and_links(tmp_path: Path) -> None:
    target = _planted_file(tmp_path)
    text = target.read_text(encoding="utf-8").replace("今年以来，××", "今年以来,小河区")
    target.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert main(["check", str(link), "--fix"]) == 0
    assert link.is_symlink()
    assert target.read_bytes() == b"\xef\xbb\xbf" + text.replace("以来,", "以来，").replace("\n", "\r\n").encode(
        "utf-8"
    )


def _planted_file(tmp_path: Path) -> Path:
    target = tmp_path / "r.yaml"
    target.write_text(
        "office: 小河区创城办\nperiod: 2024Q3\nsubject: 创建全国文明城市\ndate: 2024-10-08\n"
        "opening:\n  - 今年以来，××扎实推进创建工作。\nproblems:\n  - body: [部分点位长效管理机制仍不健全，背街小巷环境卫生反复较大，"
        "市民文明素质有待进一步提高。两次暗访发现的问题仍未全部整改。]\n",
        encoding="utf-8",
    )
    return target


def test_json_and_sarif_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _planted_file(tmp_path)
    assert main(["check", str(target), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "code": "CR101",
            "name": "占位符",
            "severity": "error",
            "message": rows[0]["message"],
            "file": str(target),
            "line": 6,
            "path": "opening[0]",
            "fixable": False,
            "place": None,
        }
    ]
    assert main(["check", str(target), "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and {r["id"] for r in run["tool"]["driver"]["rules"]} == set(RULES)
    result = run["results"][0]
    assert result["ruleId"] == "CR101" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "CR101"


def test_json_still_carries_the_readable_files_when_another_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _planted_file(tmp_path)
    (tmp_path / "bad.yaml").write_text("office: [\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "bad.yaml"), str(target), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert [row["code"] for row in json.loads(out)] == ["CR101"] and "bad.yaml" in err


def test_a_comma_that_splits_a_bracketed_text_is_a_warning_not_python_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "r.yaml"
    target.write_text(
        "office: 小河区创城办\nperiod: 2024Q3\nsubject: 创建全国文明城市\ndate: 2024-10-08\n"
        'opening: [今年以来,我区扎实推进创建工作。, "文明, 和谐", a,b]\n',
        encoding="utf-8",
    )
    main(["check", str(target)])
    err = capsys.readouterr().err
    assert f"警告：{target}：第 5 行：方括号列表中“今年以来,我区扎实推进”的半角逗号把文字分成了两段" in err
    assert err.count("半角逗号把文字分成了两段") == 1 and "CivreportWarning" not in err


def test_a_roll_up_of_quarters_is_clean_and_a_change_is_said_of_the_nearest_name() -> None:
    # The quarters' own changes (一季度，…… under 第一季度) are not the year's.
    assert check(civreport.rollup(QUARTERS, "2024")) == []
    q3 = civreport.load(QUARTERS[2]).report  # a unit's figures under its name are not the district's
    units = [q3.model_copy(update={"office": name}) for name in ("东区", "西区")]
    assert check(civreport.rollup(units, "2024Q3", office="滨河区创城办")) == []
    q1 = civreport.load(QUARTERS[0]).report

    def said(change: str) -> list[str]:
        text = f"共发现问题点位428个，已整改完成点位386个，问题整改率为90.2%，同比提高{change}个百分点。"
        return [f.message for f in check(q1.model_copy(update={"opening": [text]})) if f.code == "CR303"]

    assert said("5.3") == []
    assert said("6") == [
        "正文写“问题整改率……同比提高6个百分点”，指标 fix_rate 算得“同比提高5.3个百分点”：请改正或写作 {fix_rate.yoy}"
    ]


def test_exit_status_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLES[0])]) == 0
    assert "校对通过" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("office: [\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "Traceback" not in err


def test_a_profile_switches_rules_off_or_changes_their_severity(tmp_path: Path) -> None:
    target = _planted_file(tmp_path)
    profile = tmp_path / "office.yaml"
    profile.write_text("checks:\n  CR101: info\n  CR401: off\n", encoding="utf-8")
    findings = check(civreport.load(target), profile)
    assert [(f.code, f.severity) for f in findings] == [("CR101", "info")]
    profile.write_text("checks:\n  CR101: off\n", encoding="utf-8")
    assert check(civreport.load(target), profile) == []
    profile.write_text("checks:\n  CR999: off\n", encoding="utf-8")
    with pytest.raises(civreport.InputError, match="没有规则 CR999"):
        check(civreport.load(target), profile)


def test_render_warns_and_strict_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _planted_file(tmp_path)
    assert main(["render", str(target), "--to", "html", "--out", str(tmp_path / "out")]) == 0
    assert "警告：" in capsys.readouterr().err and (tmp_path / "out" / "r.html").exists()
    assert main(["render", str(target), "--to", "html", "--out", str(tmp_path / "strict"), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "CR101" in err and "--strict" in err
    assert not (tmp_path / "strict").exists()


def test_check_finds_the_leftovers_of_imported_real_summaries(tmp_path: Path) -> None:
    out = tmp_path / "imported"
    assert main(["import", *map(str, sorted(SEEDS.glob("*.txt"))), "--out", str(out)]) == 0
    codes: dict[str, set[str]] = {}
    for path in sorted(out.glob("*.yaml")):
        codes[path.stem] = {f.code for f in check(civreport.load(path))}
    assert {"CR101", "CR102", "CR501"} <= codes["002_98f0556f5988ddd0"]  # **, 某区, 調査's 査
    assert "CR101" in codes["004_3d7b2bcd786030d6"]  # XXX
    assert "CR101" in codes["001_58606f4a823be1ef.part1-5-4"]  # 20xx年
    assert "CR203" in codes["001_58606f4a823be1ef.part1-5-3"]  # 落实”高峰疏导
    assert "CR401" in codes["001_58606f4a823be1ef.part1-5-2"]  # no part for problems


def test_the_readme_lists_every_rule_as_the_table_in_code_has_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.code} | {rule.name} |" in readme and rule.example in readme


def test_fix_writes_json_back_as_json(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    data = {
        "office": "小河区创城办",
        "period": "2024Q3",
        "subject": "创建全国文明城市",
        "opening": ["今年以来,我区开展活动１２场。"],
        "problems": CLEAN["problems"],
    }
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(target), "--fix"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["opening"] == ["今年以来，我区开展活动12场。"]


# What a review of 15 clean summaries and 70 planted leftovers found: each line is clean text
# that was flagged, or a leftover that was not.
CLEAN_TEXTS = [
    "全区开展集中宣传一两次，三五家单位参与，七八十所学校、三四百人次和几十名志愿者、数十次活动。",
    "我区在全市测评中进入前十名，第二十次荣获表彰。",
    "要求各单位于2024年12月31日前全部整改到位，明确11月30日前完成点位改造。",
    "查处张某某、李某某违纪问题2起。",
    "完成燃气管网路由改造，引导干部扎根底层。",
    "陈昇同志带队督查。",
    "一、二季度，我区扎实推进各项创建工作。",
]


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_clean_text_that_reads_like_a_leftover_is_not_flagged(text: str) -> None:
    assert check(opening(text)) == []


def test_a_short_part_of_several_points_is_not_thin() -> None:
    report = report_with(
        problems=[{"title": "存在的问题", "body": ["一是宣传不够深入；二是整改不够彻底；三是长效机制不健全。"]}]
    )
    assert [f for f in check(report) if f.code == "CR402"] == []


@pytest.mark.parametrize(
    ("report", "code", "found"),
    [
        (report_with(title="小河区2024年上半年创建全国文明城市工作总结"), "CR304", "上半年"),
        (opening("现将上半年创建工作情况总结如下："), "CR304", "现将上半年"),
        (opening("202X年共开展活动12场，2024年X月完成验收，×月×日召开会议。"), "CR101", "202X、X、×"),
        (opening("请【单位名称】于某年某月前报送。"), "CR101", "【单位名称】、某年、某月"),
        (opening("10月20日已完成全部点位验收。"), "CR305", "10月20日"),
        (opening("全年投入五万元，培训一万人。"), "CR301", "五、一"),
        (report_with(headings={"plans": "20xx年工作打算"}), "CR101", "20xx"),
        (
            report_with(
                achievements=[
                    {
                        "body": ["成效明显。"],
                        "tables": [{"title": "XX指标", "header": ["某某", "数量"], "rows": [["甲", "1"]]}],
                    }
                ]
            ),
            "CR101",
            "XX",
        ),
    ],
)
def test_leftovers_a_review_found_missing_are_found(report: Report, code: str, found: str) -> None:
    messages = [f.message for f in check(report) if f.code == code]
    assert messages and all(piece in "".join(messages) for piece in found.split("、")), messages


def test_a_change_said_of_another_subject_is_not_the_indicators() -> None:
    q1 = civreport.load(QUARTERS[0]).report
    text = "发放宣传资料2.68万份，志愿服务队伍同比增长50%。"
    assert [f for f in check(q1.model_copy(update={"opening": [text]})) if f.code == "CR303"] == []


def test_fix_mends_names_too(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_text(
        "office: 滨河区創城辦\nperiod: 2024Q3\nsubject: 创建全国文明城市\ndate: 2024-10-08\nsignoff: 滨河区創城辦\n"
        "opening:\n  - 今年以来，我区扎实推进创建工作。\nproblems:\n  - body: [部分点位长效管理机制仍不健全，背街小巷环境"
        "卫生反复较大。两次暗访发现的问题仍未全部整改。]\nindicators:\n  - {key: a, name: 誌願者, value: 1, unit: 人}\n",
        encoding="utf-8",
    )
    assert main(["check", str(target), "--fix"]) == 0
    report = civreport.load(target).report
    assert (report.office, report.signoff, report.indicators[0].name) == ("滨河区创城办", "滨河区创城办", "志愿者")


def test_a_part_finding_is_at_the_part_it_is_about_not_at_an_empty_one_before_it() -> None:
    report = report_with(measures=[{}, {"title": "强化组织领导"}])
    assert [(f.code, f.path) for f in check(report) if f.code == "CR402"] == [("CR402", "measures[1]")]
    report = report_with(problems=[], measures=[{}, {"title": "强化组织领导", "body": ["成立领导小组。" * 8]}])
    assert [(f.code, f.path) for f in check(report) if f.code == "CR401"] == [("CR401", "measures[1]")]


def test_every_rule_is_stated_whole_in_one_place() -> None:
    """A rule's code, name, severity, example and check live together; the profile, SARIF and
    the README read the one rulebook."""
    for code, rule in RULES.items():
        assert rule.code == code and rule.name and rule.example
        assert (rule.check is None) != (rule.whole is None), code  # reads texts or the whole report
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"| {code} |" in readme or f"`{code}`" in readme for code in RULES)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("注册志愿者1200人，较上年增长25%。", "同比增长20%"),
        ("注册志愿者1200人，比去年同期增长了百分之二十五。", "同比增长20%"),
        ("注册志愿者1200人，与上年相比下降20%。", "同比增长20%"),
        ("注册志愿者1200人，比去年同期增加了300人。", "同比增加200人"),
        ("注册志愿者1200人，较上年增加0.03万人。", "同比增加200人"),
        ("注册志愿者1200人，较上季度提高10%。", "环比增长9.1%"),
        ("注册志愿者1200人，比上月增加50人。", "环比增加100人"),
    ],
)
def test_a_change_is_checked_however_it_is_worded(said: str, expected: str) -> None:
    indicators = [
        {"key": "volunteers", "name": "注册志愿者", "value": 1200, "unit": "人", "last_year": 1000, "previous": 1100}
    ]
    messages = [f.message for f in check(opening(said, indicators=indicators)) if f.code == "CR303"]
    assert len(messages) == 1 and f"算得“{expected}”" in messages[0], messages


@pytest.mark.parametrize(
    "said",
    [
        "注册志愿者1200人，较上年增长20%。",
        "注册志愿者1200人，比去年同期增长百分之二十。",
        "注册志愿者1200人，比去年同期增加了200人。",
        "注册志愿者1200人，较上年增加0.02万人。",
        "注册志愿者1200人，较上季度增长9%。",  # 9.1% rounded to the figure the text gives
        "注册志愿者1200人，比上月增加100人。",
    ],
)
def test_a_change_that_agrees_however_it_is_worded_is_not_flagged(said: str) -> None:
    indicators = [
        {"key": "volunteers", "name": "注册志愿者", "value": 1200, "unit": "人", "last_year": 1000, "previous": 1100}
    ]
    assert [f for f in check(opening(said, indicators=indicators)) if f.code == "CR303"] == []


def test_fix_before_the_input_still_fixes_it_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--fix takes a following .docx as the revised copy of a document; anything else after it is an input."""
    target = tmp_path / "r.json"
    target.write_text(
        json.dumps(
            {"office": "小河区创城办", "period": "2024Q3", "subject": "创建", "opening": ["今年以来,我区开展活动。"]}
        ),
        encoding="utf-8",
    )
    main(["check", "--fix", str(target)])
    assert json.loads(target.read_text(encoding="utf-8"))["opening"] == ["今年以来，我区开展活动。"]
    assert main(["check", "--fix"]) == 2
    assert "缺少要校对的文件" in capsys.readouterr().err
