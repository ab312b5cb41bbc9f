"""What civreport import takes from a document's title, opening and sign-off: the office, period
and kind, and, where it had to guess, what each guess was taken from (the 请核对 notes of the
input file and of the command line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from civreport import import_document
from civreport.cli import main


def summary(title: str, opening: str, end: str = "") -> bytes:
    return f"{title}\n\n{opening}\n\n一、主要做法\n\n加强组织领导。\n\n二、2025年工作打算\n\n到2025年底完成全部整改。\n\n{end}\n".encode()


# title, opening, sign-off and date; office, period, kind; what each guess says it was taken from
CASES = {
    "issuer before 关于": (
        "××街道办事处关于2024年上半年工作情况的报告",
        "今年以来，街道扎实推进各项工作。现将有关情况报告如下：",
        "",
        ("××街道办事处", "2024H1", "工作情况的报告"),
        {},
    ),
    "上半年 with the year of the date, office from the sign-off": (
        "上半年工作总结",
        "今年上半年，我局认真贯彻落实区委区政府决策部署。",
        "××区应急管理局\n2024年7月5日",
        ("××区应急管理局", "2024H1", "工作总结"),
        {"office": "取自落款“××区应急管理局”", "period": "取自标题的“上半年”，年份按成文日期 2024年7月5日"},
    ),
    "a seal note after the sign-off": (
        "安全生产工作总结",
        "截至2023年底，全街道累计排查隐患120处。今年上半年，我们继续推进隐患整改。",
        "××县市场监督管理局（盖章）\n2024年7月5日",
        ("××县市场监督管理局", "2024H1", "工作总结"),
        {"office": "取自落款“××县市场监督管理局”", "period": "取自开头的“上半年”"},
    ),
    "1999年以来 is not the period": (
        "工作总结",
        "1999年以来，我镇坚持发展不动摇。2023年，全镇经济社会发展取得新成效。",
        "",
        ("××镇", "2023", "工作总结"),
        {"office": "开头称“我镇”", "period": "年份取开头中最近的年份 2023"},
    ),
    "1999年以来 alone: the year of the date": (
        "工作总结",
        "1999年以来，我镇坚持发展不动摇，全年各项工作稳步推进。",
        "××镇人民政府\n2024年12月30日",
        ("××镇人民政府", "2024", "工作总结"),
        {"office": "取自落款“××镇人民政府”", "period": "取自开头的“全年”，年份按成文日期 2024年12月30日"},
    ),
    "年底 with the year the opening names": (
        "年底工作总结",
        "2023年，××街道办事处认真履行职责，各项工作取得明显成效。",
        "",
        ("××街道办事处", "2023", "工作总结"),
        {"office": "取自开头的“××街道办事处”", "period": "取自标题的“年底”，年份取开头中最近的年份 2023"},
    ),
    "an annual summary written in January is last year's": (
        "工作总结",
        "一年来，我局坚持稳中求进，各项工作取得新进展。",
        "××县财政局\n2025年1月10日",
        ("××县财政局", "2024", "工作总结"),
        {"office": "取自落款“××县财政局”", "period": "取自开头的“一年来”，年份按成文日期 2025年1月10日"},
    ),
    "no period named, written mid-year: that year": (
        "工作总结",
        "各项工作稳步推进。",
        "××县财政局\n2024年7月5日",
        ("××县财政局", "2024", "工作总结"),
        {"office": "取自落款“××县财政局”", "period": "原文没有写明期间，按全年，年份按成文日期 2024年7月5日"},
    ),
    "a person signing is not the office": (
        "在全县2025年经济工作会议上的讲话",
        "同志们，这次会议的主要任务是部署2025年重点任务。",
        "李建国\n2025年1月8日",
        ("××", "2025", "工作总结"),
        {"office": "原文没有写明发文机关，请填写"},
    ),
    "我区 and the 区 the title names": (
        "关于2024年度长宁区创建全国文明城区工作情况的报告",
        "今年以来，我区扎实推进全国文明城区创建工作。",
        "",
        ("长宁区", "2024", "工作情况的报告"),
        {},
    ),
    "我区 and a title naming no office": (
        "2024年度创建全国文明城区工作总结",
        "今年以来，我区扎实推进全国文明城区创建工作。",
        "",
        ("××区", "2024", "工作总结"),
        {"office": "开头称“我区”，请把“××”改为区名"},
    ),
    "XX街道办事处 named in the opening": (
        "2024年工作总结",
        "2024年，XX街道办事处认真贯彻区委区政府决策部署，较好地完成了全年目标任务。",
        "",
        ("XX街道办事处", "2024", "工作总结"),
        {"office": "取自开头的“XX街道办事处”"},
    ),
    "the office opening the subject after the period": (
        "2024年上半年XX街道安全生产工作总结",
        "今年以来，我街道扎实推进安全生产工作。",
        "",
        ("XX街道", "2024H1", "工作总结"),
        {},
    ),
    "a quarter in the opening, with its year": (
        "季度工作汇报",
        "现将我局2024年第三季度工作情况汇报如下：",
        "",
        ("××局", "2024Q3", "工作汇报"),
        {"office": "开头称“我局”", "period": "取自开头的“2024年第三季度”"},
    ),
    "the latest year, not a target or a span's end": (
        "工作总结",
        "“十四五”（2021—2025年）以来，2022年和2024年，我局两次获评先进单位，力争到2026年再上台阶。",
        "",
        ("××局", "2024", "工作总结"),
        {"office": "开头称“我局”", "period": "年份取开头中最近的年份 2024"},
    ),
    "情况汇报 from the title": (
        "××县2024年上半年安全生产工作情况汇报",
        "今年上半年，全县安全生产形势总体平稳。",
        "",
        ("××县", "2024H1", "工作情况汇报"),
        {},
    ),
    "no title: the kind from the lead-in": (
        "市委、市政府：",
        "现将我局2024年上半年安全生产工作开展情况汇报如下：",
        "东川县应急管理局\n2024年7月5日",
        ("东川县应急管理局", "2024H1", "工作汇报"),
        {
            "office": "取自落款“东川县应急管理局”",
            "period": "取自开头的“2024年上半年”",
            "kind": "取自开头的“汇报”",
            "subject": "原文没有标题",
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_office_period_and_kind_from_the_document(case: str) -> None:
    title, opening, end, expected, guessed = CASES[case]
    result = import_document(summary(title, opening, end), format="txt", name="总结.txt")
    report = result.report
    assert (report.office, report.period.code(), report.kind) == expected
    assert set(result.guesses) == set(guessed)
    for key, source in guessed.items():
        assert source in result.guesses[key]
    written = result.to_yaml()
    for key in guessed:
        assert f"# 请核对：{result.guesses[key]}" in written.split(f"\n{key}:")[1].split("\n")[0]


def test_the_command_line_names_each_guess_with_its_value_and_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "总结.txt"
    source.write_bytes(
        summary("上半年工作总结", "今年上半年，我局认真贯彻落实区委区政府决策部署。", "××区应急管理局\n2024年7月5日")
    )
    assert main(["import", str(source), "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    target = tmp_path / "总结.yaml"
    assert f"请核对：{target}：发文机关“××区应急管理局”：标题中没有发文机关，取自落款“××区应急管理局”" in err
    assert f"请核对：{target}：工作期间“2024年上半年”：取自标题的“上半年”，年份按成文日期 2024年7月5日" in err
    assert "office" not in err and "period" not in err


@pytest.mark.parametrize(
    ("title", "role", "told"),
    [
        ("成就与不足", None, "既是“主要成效”又是“存在的问题”"),
        ("成绩和问题", None, "既是“主要成效”又是“存在的问题”"),
        ("主要做法及成效", "measures", None),
        ("存在问题及整改措施", "problems", None),
        ("下一步措施", "plans", None),
        ("存在的不足", "problems", None),
    ],
)
def test_a_part_takes_the_role_its_heading_means(title: str, role: str | None, told: str | None) -> None:
    result = import_document(
        summary("某局2024年工作总结", "今年工作有序推进。").replace("主要做法".encode(), title.encode()),
        format="txt",
        name="总结.txt",
    )
    part = result.report.parts[0]
    assert (part.title, part.role) == (title, role)
    assert [w for w in result.warnings if "保留为一个部分" in w] == (
        [f"第 5 行的部分“{title}”{told}：保留为一个部分，不归入其中一类；如要分开，请拆成两个部分"] if told else []
    )
