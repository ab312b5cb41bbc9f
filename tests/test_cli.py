"""The command line: exit statuses, messages, and files written or not written."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

import civreport
from civreport.cli import main

from conftest import YAML


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "civreport", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "q3.yaml"
    path.write_text(YAML, encoding="utf-8")
    return path


def test_render_html(good, tmp_path):
    result = run("render", str(good), "--to", "html", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "q3.html").read_text(encoding="utf-8")
    assert "小河区创建全国文明城市工作<br>领导小组办公室2024年第三季度<br>创建全国文明城市工作总结" in html
    assert result.stdout.strip() == str(tmp_path / "out" / "q3.html")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("period: 2024Q3", "period: 2024Q5"), "，第 2 行：字段 period（工作期间）：无法识别的期间“2024Q5”"),
        (("subject: 创建全国文明城市\n", ""), "字段 subject（工作主题）：缺少必填字段"),
        (
            ("      - title: 强化组织领导", "      - titel: 强化组织领导"),
            "，第 9 行：字段 measures[0].items[0].titel：未知字段",
        ),
        (
            ("  - body: [部分点位长效管理机制仍不健全。]", "  - body: 7"),
            "，第 16 行：字段 problems[0].body（正文）：应为列表，实际是整数",
        ),
        (("opening:", "opening: [x"), "文件格式有误"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(tmp_path, good, change, expected):
    bad = tmp_path / "bad.yaml"
    bad.write_text(YAML.replace(*change), encoding="utf-8")
    result = run("render", str(good), str(bad), "--to", "html", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"错误：{bad}" in result.stderr and expected in result.stderr
    assert not (tmp_path / "out").exists()  # nothing is written when any input is bad


def test_unknown_format_and_missing_file_are_usage_errors(tmp_path, good, capsys):
    with pytest.raises(SystemExit) as info:
        main(["render", str(good), "--to", "odt"])
    assert info.value.code == 2
    assert "不支持的格式 odt" in capsys.readouterr().err
    assert main(["render", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "out")]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_inputs_with_the_same_name_would_overwrite_each_other(tmp_path, good, capsys):
    other = tmp_path / "other"
    other.mkdir()
    (other / "q3.yaml").write_text(YAML, encoding="utf-8")
    assert main(["render", str(good), str(other / "q3.yaml"), "--to", "html", "--out", str(tmp_path / "out")]) == 2
    assert "多个输入文件同名（q3）" in capsys.readouterr().err


def test_new_prints_a_starter_that_loads(tmp_path, capsys):
    assert main(["new", "--period", "2024H1", "--office", "小河区创城办"]) == 0
    starter = tmp_path / "new.yaml"
    starter.write_text(capsys.readouterr().out, encoding="utf-8")
    report = civreport.load(starter).report
    assert (report.office, report.period.code()) == ("小河区创城办", "2024H1")
    assert "#" in starter.read_text(encoding="utf-8")  # commented for the author


@pytest.mark.parametrize(
    ("period", "day"),
    [
        ("2024Q3", date(2024, 10, 31)),  # a quarter's summary is written in the month after it
        ("2024Q4", date(2025, 1, 31)),
        ("2024H1", date(2024, 7, 31)),
        ("2024Q1-Q3", date(2024, 10, 31)),
        ("2024", date(2025, 1, 31)),
        ("2024-01", date(2024, 2, 29)),
        ("2023-11..2024-06", date(2024, 7, 31)),
        ("2100Q4", date(2100, 12, 31)),  # no later than a report may be dated
    ],
)
def test_new_dates_the_starter_after_its_period(tmp_path, capsys, period, day):
    assert main(["new", "--period", period]) == 0
    starter = tmp_path / "new.yaml"
    starter.write_text(capsys.readouterr().out, encoding="utf-8")
    assert civreport.load(starter).report.date == day


@pytest.mark.parametrize(
    ("office", "loaded"),
    [
        ('小河区"创城办: x', '小河区"创城办: x'),
        ("某区 # 创城办", "某区 # 创城办"),
        ("a\nperiod: 1999\nb", "a period: 1999 b"),  # no line of the starter comes from the option
    ],
)
def test_new_writes_any_office_name_as_one_value(tmp_path, capsys, office, loaded):
    assert main(["new", "--period", "2024H1", "--office", office]) == 0
    starter = tmp_path / "new.yaml"
    starter.write_text(capsys.readouterr().out, encoding="utf-8")
    report = civreport.load(starter).report
    assert (report.office, report.period.code()) == (loaded, "2024H1")


def test_new_refuses_a_bad_office_name(capsys):
    assert main(["new", "--office", "长" * 300]) == 2
    assert "错误：--office：太长：最多 100 个字符" in capsys.readouterr().err


def test_new_refuses_a_bad_period(capsys):
    with pytest.raises(SystemExit) as info:
        main(["new", "--period", "2024Q9"])
    assert info.value.code == 2 and "无法识别的期间" in capsys.readouterr().err


def test_schema_is_json_schema_of_the_input(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"office", "period", "subject"}  # a draft has no date yet
    assert schema["properties"]["period"]["examples"][0] == "2024Q3"
    assert schema["properties"]["office"]["title"] == "发文机关"


def test_schema_of_the_profile_format(capsys):
    assert main(["schema", "--profile"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "civreport 办公室配置" and "numbering" in schema["properties"]


def test_render_prints_each_warning_of_loading_once(tmp_path, capsys):
    path = tmp_path / "r.yaml"
    path.write_text(
        YAML.replace(
            "  - 今年以来，我区坚持以创促建、以创惠民，扎实推进各项创建工作。",
            '  - "\\x07今年以来，扎实推进各项创建工作。"',
        ),
        encoding="utf-8",
    )
    assert main(["render", str(path), "--to", "html", "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err.count("已删除无法打印的字符 U+0007") == 1


def test_a_profile_error_shared_by_inputs_is_said_once(tmp_path, capsys):
    (tmp_path / "p.yaml").write_text("templates: nowhere\n", encoding="utf-8")
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text("profile: p.yaml\n" + YAML, encoding="utf-8")
    assert main(["render", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.count("模板目录不存在") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["new", "--period", "2024Q3"],
        ["check", "{q3}", "--format", "json"],
        ["rollup", "{q3}", "--period", "2024Q3", "--office", "小河区"],
        ["render", "{q3}", "--to", "html", "--out", "{out}", "--quiet"],
    ],
)
def test_a_closed_output_ends_a_command_quietly(good, tmp_path, args):
    """As ``civreport schema | head -1`` once the reader has gone: no message, the status a
    command that a closed pipe ended has, and whatever was written is whole."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written
    try:
        command = [arg.format(q3=good, out=tmp_path / "out") for arg in args]
        result = subprocess.run(
            [sys.executable, "-m", "civreport", *command], stdout=write, stderr=subprocess.PIPE, text=True, cwd=tmp_path
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (141, "")
    if args[0] == "render":
        assert (tmp_path / "out" / "q3.html").read_text(encoding="utf-8").endswith("</html>")


@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
def test_render_loads_neither_the_importer_nor_the_other_engine(tmp_path, engine):
    """A render pays for what it uses: not the importer of Word files (its proofreading of a
    clerk's document lives apart, in civreport.proofing), nor roll-ups, nor the PDF engine it
    does not use, nor, for one document made in this process, an executor or multiprocessing.
    Counted in a fresh process, as the command ends."""
    (tmp_path / "q3.yaml").write_text(YAML, encoding="utf-8")
    args = [str(tmp_path / "q3.yaml"), "--to", "pdf", "--pdf-engine", engine, "--out", str(tmp_path), "--quiet"]
    other = "typst" if engine == "weasyprint" else "weasyprint"
    script = (
        f"import sys\nfrom civreport.cli import main\nassert main(['render', *{args!r}, '--jobs', '1']) == 0\n"
        "heavy = ('civreport.readers.importing', 'civreport.rollups', 'civreport.proofing', 'docx', "
        f"'concurrent', 'multiprocessing', '{other}')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("argument", ["--version", "--help"])
def test_version_and_help_import_no_command(argument):
    # What makes start-up slow is what is imported: the model (pydantic), the page (Jinja),
    # the writers. Counted in a fresh process, as the command starts.
    script = (
        "import sys\nfrom civreport.cli import main\n"
        f"try:\n    main([{argument!r}])\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'civreport.model', 'jinja2', 'weasyprint', 'docx', 'lxml', 'ruamel', 'civreport.batch')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
