"""Input files in three formats, and what a user is told when one is wrong."""

import json
import textwrap

import pytest

import civreport
from civreport import InputError

from conftest import MINIMAL, YAML

TOML = textwrap.dedent("""\
    office = "小河区创建全国文明城市工作领导小组办公室"
    period = "2024Q3"
    subject = "创建全国文明城市"
    date = 2024-10-08
    opening = ["今年以来，我区坚持以创促建、以创惠民，扎实推进各项创建工作。"]

    [[measures]]
    [[measures.items]]
    title = "强化组织领导"
    body = ["成立创建工作领导小组。", "定期召开调度会。"]
    [[measures.items]]
    title = "加强宣传引导"
    points = ["设置公益广告1200处", "开展志愿服务活动"]

    [[problems]]
    body = ["部分点位长效管理机制仍不健全。"]

    [[plans]]
    points = ["持续抓好问题整改", "健全常态长效机制"]
    """)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_three_formats_give_the_same_report(tmp_path):
    from_yaml = civreport.load(write(tmp_path, "r.yaml", YAML))
    from_json = civreport.load(write(tmp_path, "r.json", json.dumps(MINIMAL, ensure_ascii=False)))
    from_toml = civreport.load(write(tmp_path, "r.toml", TOML))
    assert from_yaml.report.model_dump() == from_json.report.model_dump() == from_toml.report.model_dump()
    assert from_yaml.path == tmp_path / "r.yaml"
    assert from_yaml.report.period.label() == "2024年第三季度"
    assert from_yaml.report.measures[0].items[1].points == ["设置公益广告1200处", "开展志愿服务活动"]


def problem_of(tmp_path, name, text):
    with pytest.raises(InputError) as info:
        civreport.load(write(tmp_path, name, text))
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def test_wrong_type(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML.replace("  - body: [部分点位长效管理机制仍不健全。]", "  - body: 部分点位"))
    assert (p.path, p.line) == ("problems[0].body（正文）", 16)
    assert p.message == "应为列表，实际是文本"
    assert str(p) == f"{tmp_path / 'r.yaml'}，第 16 行：字段 problems[0].body（正文）：应为列表，实际是文本"


def test_unknown_field_is_an_error_not_dropped(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML.replace("      - title: 加强宣传引导", "      - titel: 加强宣传引导"))
    assert (p.path, p.line) == ("measures[0].items[1].titel", 13)
    assert p.message.startswith("未知字段")


def test_missing_required_field(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML.replace("subject: 创建全国文明城市\n", ""))
    assert p.path == "subject（工作主题）" and p.message == "缺少必填字段"


def test_invalid_period(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML.replace("period: 2024Q3", "period: 2024Q5"))
    assert (p.path, p.line) == ("period（工作期间）", 2)
    assert "无法识别的期间“2024Q5”" in p.message


def test_invalid_date(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML.replace("date: 2024-10-08", "date: 2024年10月8日"))
    assert (p.path, p.line, p.message) == ("date（成文日期）", 4, "应为日期，写作 YYYY-MM-DD")


def test_malformed_yaml(tmp_path):
    p = problem_of(
        tmp_path, "r.yaml", YAML.replace("  - body: [部分点位长效管理机制仍不健全。]", "  - body: [部分点位")
    )
    assert p.message == "文件格式有误：方括号 [ ] 中的列表写法有误：各项之间用逗号分隔，最后要有“]”"
    assert p.line == 17 and p.path == ""


def test_duplicate_key_in_yaml(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML + "period: 2024Q4\n")
    assert p.line == 19 and p.message == "字段“period”重复出现（第一次在第 2 行）"


def test_malformed_json_and_toml_name_the_line(tmp_path):
    p = problem_of(tmp_path, "r.json", '{\n  "office": "x",\n  "period": }')
    assert p.message == "JSON 格式有误（第 13 列）：缺少值，或用了 JSON 不允许的写法（如单引号、注释）" and p.line == 3
    p = problem_of(tmp_path, "r.toml", 'office = "x"\nperiod = \n')
    assert p.message == "TOML 格式有误（第 10 列）：值的写法有误：文字要用引号括起来" and p.line == 2


def test_validation_errors_in_json_name_the_field(tmp_path):
    data = dict(MINIMAL, kind="总结")
    p = problem_of(tmp_path, "r.json", json.dumps(data, ensure_ascii=False))
    assert (
        p.path == "kind（文种）"
        and p.message == "应为以下之一：工作总结、工作汇报、工作情况汇报、工作情况报告、工作情况的报告"
    )


def test_every_problem_is_reported_at_once(tmp_path):
    text = YAML.replace("period: 2024Q3", "period: 2024Q5").replace("subject: 创建全国文明城市\n", "")
    with pytest.raises(InputError) as info:
        civreport.load(write(tmp_path, "r.yaml", text))
    assert {p.path for p in info.value.problems} == {"period（工作期间）", "subject（工作主题）"}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("r.txt", "x", "不支持的文件类型"),
        ("r.yaml", "- a\n- b\n", "文件内容应为键值映射"),
        ("r.yaml", "", "文件内容应为键值映射"),
    ],
)
def test_file_level_problems(tmp_path, name, text, message):
    assert problem_of(tmp_path, name, text).message.startswith(message)


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        civreport.load(tmp_path / "none.yaml")
    (tmp_path / "gbk.yaml").write_bytes("period: 2024Q3\noffice: 小河区".encode("gbk"))
    with pytest.raises(InputError) as info:
        civreport.load(tmp_path / "gbk.yaml")
    assert (
        str(info.value)
        == f"{tmp_path / 'gbk.yaml'}，第 2 行：文件不是 UTF-8 编码（可能是 GBK）：请在编辑器或记事本中“另存为”UTF-8 编码后再用"
    )
    (tmp_path / "utf16.yaml").write_bytes("office: 小河区".encode("utf-16"))
    with pytest.raises(InputError, match="文件不是 UTF-8 编码（是 UTF-16）"):
        civreport.load(tmp_path / "utf16.yaml")
    with pytest.raises(civreport.TemplateError, match="模板目录不存在：/nonexistent"):
        civreport.render_html(civreport.load(write(tmp_path, "r.yaml", YAML)), templates=["/nonexistent"])


def test_empty_text_is_refused(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML.replace("subject: 创建全国文明城市", "subject: '  '"))
    assert (p.path, p.message) == ("subject（工作主题）", "不能为空")


def test_empty_item_is_refused(tmp_path):
    p = problem_of(
        tmp_path,
        "r.yaml",
        YAML.replace(
            "      - title: 加强宣传引导\n        points: [设置公益广告1200处, 开展志愿服务活动]", "      - {}"
        ),
    )
    assert p.path == "measures[0].items[1]（条目）" and p.message.startswith("条目为空")


def test_exponents_are_numbers_as_in_json(tmp_path):
    path = write(tmp_path, "r.yaml", YAML + "indicators: [{key: a, name: 宣传资料, value: 1.5e3, unit: 份}]\n")
    assert civreport.load(path).report.indicators[0].value == 1500


def test_plain_values_are_read_as_yaml_1_2_reads_them(tmp_path):
    """true/false only (yes, no, on and off are text), decimal numbers (010 is ten), no
    sexagesimal (8:30 is text), dates as text; a %YAML 1.1 directive changes none of it."""
    from civreport.readers.data import read_data

    text = (
        "a: [yes, no, on, off, True, false, ~, null, '']\nb: [010, 0o17, 0x1F, 1_000, -.5, 1e3, .inf]\n"
        "c: [8:30, 2024-10-08, 2024Q3, =]\n"
    )
    for header in ("", "%YAML 1.1\n---\n"):
        data, _ = read_data(write(tmp_path, "r.yaml", header + text))
        assert data == {
            "a": ["yes", "no", "on", "off", True, False, None, None, ""],
            "b": [10, 15, 31, 1000, -0.5, 1000.0, float("inf")],
            "c": ["8:30", "2024-10-08", "2024Q3", "="],
        }


def test_yes_and_no_are_text_where_false_is_asked_for_and_true_false_where_a_switch_is(tmp_path):
    # YAML 1.1 read them as true and false: a sign-off or lead-in of "no" is refused, not printed.
    for field in ("lead_in", "signoff"):
        p = problem_of(tmp_path, "r.yaml", YAML + f"{field}: no\n")
        assert (p.line, p.message) == (19, "“no”会被当作文字印出；如果是不要，请写 false")
    report = civreport.load(
        write(
            tmp_path,
            "r.yaml",
            YAML.replace("      - title: 强化组织领导\n", "      - title: 强化组织领导\n        run_in: off\n")
            + "lead_in: false\n",
        )
    ).report
    assert report.measures[0].items[0].run_in is False and report.lead_in is False
    report = civreport.load(write(tmp_path, "r.yaml", YAML + "title: 8:30\nsubtitle: yes\n")).report
    assert (report.title, report.subtitle) == ("8:30", "yes")


def test_a_tag_that_does_not_fit_its_value_is_refused(tmp_path):
    p = problem_of(tmp_path, "r.yaml", YAML + "title: !!int 十二\n")
    assert (p.line, p.message) == (19, "文件格式有误：“十二”不能读作 !!int，请去掉这个标记")
    p = problem_of(tmp_path, "r.yaml", YAML + "a: &x 1\nb: &x 2\n")
    assert (p.line, p.message) == (20, "文件格式有误：同一个锚点 &名称 定义了两次")
