"""civreport mcp: the tool server for assistants, started as a subprocess and driven with the MCP
SDK's stdio client as an assistant's client drives it; and its parts (the locked facts, the
arguments, the worker's time bound) in this process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import docx
import pymupdf
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult

import civreport
from civreport.diagnostics import Diagnostics
from civreport.errors import CivreportWarning
from civreport.mcpserver import tools
from civreport.mcpserver.arguments import ArgumentError, CheckArguments, NewArguments, RenderArguments, parsed
from civreport.mcpserver.facts import breaches
from civreport.mcpserver.worker import Stopped, Worker
from civreport.readers import load_text

from conftest import ROOT, YAML

T = TypeVar("T")
SAMPLE = "hedong-street-2021.yaml"

# A report whose figures are its indicators': the locked-facts tests change one thing in it.
FACTS = textwrap.dedent("""\
    office: 小河区创建全国文明城市工作领导小组办公室
    period: 2024Q3
    subject: 创建全国文明城市
    date: 2024-10-08
    indicators:
      - {key: materials, name: 宣传资料发放, value: 115000, unit: 份, last_year: 95800}
      - {key: fix_rate, name: 问题整改率, value: 96.5, unit: "%"}
    achievements:
      - body:
          - 宣传资料发放{materials}，{materials.yoy}；问题整改率{fix_rate}。
    problems:
      - body: [部分点位长效管理机制仍不健全。背街小巷环境卫生反复较大。]
    """)
ACHIEVEMENT = "宣传资料发放{materials}，{materials.yoy}；问题整改率{fix_rate}。"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with a sample report, the sample office profiles and the report above."""
    space = tmp_path / "报告"
    space.mkdir()
    shutil.copy(ROOT / "samples" / SAMPLE, space / SAMPLE)
    shutil.copytree(ROOT / "samples" / "offices", space / "offices")
    (space / "q3.yaml").write_text(FACTS, encoding="utf-8")
    return space


def talk(workspace: Path, script: Callable[[Client], Awaitable[T]], mode: str = "auto") -> T:
    """What ``script`` gets from a server started as an assistant's client starts one: the
    ``civreport mcp`` command, in another folder than the workspace; the server's standard
    error must carry no traceback and no English."""
    errors = workspace.parent / "server-stderr.txt"
    command = StdioServerParameters(
        command=sys.executable,
        args=["-m", "civreport", "mcp", "--workspace", str(workspace)],
        cwd=str(workspace.parent),
    )

    async def run() -> T:
        with errors.open("w", encoding="utf-8") as log:
            async with Client(stdio_client(command, errlog=log), mode=mode) as client:  # type: ignore[arg-type]
                return await script(client)

    result = anyio.run(run)
    logged = errors.read_text(encoding="utf-8")
    assert "Traceback" not in logged and "Error" not in logged, logged
    return result


def call(workspace: Path, name: str, arguments: dict[str, Any]) -> CallToolResult:
    async def script(client: Client) -> CallToolResult:
        result = await client.call_tool(name, arguments)
        assert isinstance(result, CallToolResult)
        return result

    return talk(workspace, script)


def text_of(result: CallToolResult) -> str:
    (content,) = result.content
    assert content.type == "text"
    return content.text


def replaced(old: str, new: str) -> str:
    assert old in FACTS
    return FACTS.replace(old, new)


# -- through the SDK's stdio client --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["auto", "legacy"])  # legacy: the initialize handshake older clients use
def test_the_tools_are_listed_with_schemas_from_the_model(workspace: Path, mode: str) -> None:
    async def script(client: Client) -> Any:
        return (await client.list_tools()).tools

    listed = {tool.name: tool for tool in talk(workspace, script, mode)}
    assert set(listed) == {"schema", "new", "validate", "check", "fix", "render", "import", "rollup"}
    for tool in listed.values():
        assert tool.input_schema["type"] == "object" and tool.input_schema["additionalProperties"] is False
        descriptions = [tool.description, *(p.get("description", "") for p in tool.input_schema["properties"].values())]
        assert all(any("\u4e00" <= c <= "\u9fff" for c in d) for d in descriptions if d), tool.name
    new = listed["new"].input_schema
    assert new["required"] == ["office", "period"]
    assert new["properties"]["period"]["examples"] == ["2024Q3", "2024H1", "2024Q1-Q3", "2024"]  # the model's Period
    assert new["properties"]["office"]["maxLength"] == 100  # the model's Name
    render = listed["render"].input_schema["properties"]
    assert render["formats"]["items"]["enum"] == ["html", "pdf", "docx", "txt"]
    assert listed["render"].annotations.read_only_hint is False and listed["check"].annotations.read_only_hint


@pytest.mark.slow
def test_validate_names_each_problem_by_its_field_path_in_chinese(workspace: Path) -> None:
    bad = "office: 小河区创城办\nperiod: 2024Q5\nsubject: 创建全国文明城市\nmeasures:\n  - items:\n      - titel: 强化组织领导\n"
    result = call(workspace, "validate", {"report": bad})
    data = result.structured_content
    assert not result.is_error and data["valid"] is False
    assert [(p["path"], p["line"]) for p in data["problems"]] == [
        ("period（工作期间）", 2),
        ("measures[0].items[0].titel", 6),
    ]
    text = text_of(result)
    assert "字段 period（工作期间）：无法识别的期间“2024Q5”，应写作 2024Q3" in text
    assert "字段 measures[0].items[0].titel：未知字段" in text


@pytest.mark.slow
def test_render_writes_files_that_open_inside_the_workspace(workspace: Path) -> None:
    result = call(workspace, "render", {"file": SAMPLE, "formats": ["pdf", "docx", "html"]})
    assert not result.is_error, text_of(result)
    files = result.structured_content["files"]
    stem = Path(SAMPLE).stem
    assert files == [f"out/{stem}.pdf", f"out/{stem}.docx", f"out/{stem}.html"]
    assert all(f"- {file}" in text_of(result) for file in files)
    title = civreport.render_page(civreport.load(workspace / SAMPLE)).meta.title
    with pymupdf.open(workspace / files[0]) as pdf:
        assert pdf.page_count >= 2
        first = pdf[0].get_text()
    assert title.replace("\n", "")[:10] in first.replace("\n", "")
    document = docx.Document(str(workspace / files[1]))
    assert any(title[:10] in paragraph.text for paragraph in document.paragraphs)
    assert (workspace / files[2]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.slow
def test_paths_and_links_out_of_the_workspace_are_refused(workspace: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(YAML.replace("小河区", "机密区"), encoding="utf-8")
    (workspace / "link.yaml").symlink_to(secret)
    (workspace / "linked").symlink_to(tmp_path, target_is_directory=True)
    calls = [
        ("validate", {"file": "../secret.yaml"}, "用“..”指向了上级目录"),
        ("check", {"file": str(secret)}, "是绝对路径"),
        ("render", {"file": "link.yaml"}, "是指向工作目录之外的链接"),
        ("render", {"file": "q3.yaml", "out": "linked"}, "是指向工作目录之外的链接"),
        ("render", {"file": "q3.yaml", "out": "../elsewhere"}, "用“..”指向了上级目录"),
        ("import", {"file": "linked/secret.yaml"}, "是指向工作目录之外的链接"),
        ("rollup", {"files": ["q3.yaml", "~/q3.yaml"], "period": "2024"}, "是绝对路径"),
        ("check", {"file": ".hidden.yaml"}, "是隐藏文件"),
    ]

    async def script(client: Client) -> list[CallToolResult]:
        return [await client.call_tool(name, arguments) for name, arguments, _ in calls]  # type: ignore[misc]

    for (name, _, why), result in zip(calls, talk(workspace, script)):
        text = text_of(result)
        assert result.is_error and why in text and "只能使用工作目录中的文件" in text, (name, text)
        assert "机密区" not in text  # nothing of the file out there was read
    # Nothing was written, in the workspace or beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.yaml", "server-stderr.txt", "报告"]
    assert not (workspace / "out").exists()


@pytest.mark.slow
def test_render_refuses_a_figure_that_contradicts_the_indicators(workspace: Path) -> None:
    invented = replaced(ACHIEVEMENT, "宣传资料发放12万份，同比增长30%；问题整改率达到97%。")
    result = call(workspace, "render", {"report": invented})
    assert result.is_error and result.structured_content["refused"] is True
    locked = [(b["code"], b["path"], b["line"]) for b in result.structured_content["locked"]]
    where = ("achievements[0].body[0]", 10)
    assert locked == [("CR303", *where), ("LF101", *where), ("LF101", *where)]
    text = text_of(result)
    assert "不生成" in text and "字段 achievements[0].body[0]（第 10 行）" in text
    assert "正文写“宣传资料发放12万份”，指标 materials 是“11.5万份”" in text and "写作 {materials}" in text
    assert "正文写“问题整改率达到97%”，指标 fix_rate 是“96.5%”" in text
    assert "指标 materials 算得“同比增长20%”" in text
    assert not (workspace / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("blank", "code", "said"),
    [
        ("待补充", "LF102", "有未完成的占位“待补充”"),
        ("××", "CR101", "有未填写的占位符 ××"),
        ("X万份", "LF102", "有未完成的占位“X万份”"),
    ],
)
def test_render_refuses_a_placeholder_left_open(workspace: Path, blank: str, code: str, said: str) -> None:
    draft = replaced("部分点位长效管理机制仍不健全。", f"部分点位发放宣传资料{blank}。")
    result = call(workspace, "render", {"report": draft, "formats": ["html"]})
    assert result.is_error and [b["code"] for b in result.structured_content["locked"]] == [code]
    assert said in text_of(result) and "字段 problems[0].body[0]" in text_of(result)
    assert not (workspace / "out").exists()


@pytest.mark.slow
def test_render_keeps_the_facts_of_the_facts_file(workspace: Path) -> None:
    """An assistant that changes an indicator to suit its text is refused, given the facts file."""
    changed = replaced("value: 115000", "value: 120000").replace("date: 2024-10-08", "date: 2024-10-09")

    async def script(client: Client) -> list[Any]:
        return [
            await client.call_tool("render", {"report": changed, "facts": "q3.yaml", "formats": ["html"]}),
            await client.call_tool(
                "render", {"report": FACTS, "facts": "q3.yaml", "formats": ["html"], "name": "终稿"}
            ),
        ]

    refused, rendered = talk(workspace, script)
    assert refused.is_error and [(b["code"], b["path"]) for b in refused.structured_content["locked"]] == [
        ("LF103", "date"),
        ("LF103", "indicators"),
    ]
    assert "成文日期与事实文件 q3.yaml 不同（事实是“2024-10-08”，报告写“2024-10-09”）" in text_of(refused)
    assert "指标 materials（宣传资料发放）的数值与事实文件 q3.yaml 不同" in text_of(refused)
    assert not rendered.is_error and rendered.structured_content["files"] == ["out/终稿.html"]


@pytest.mark.slow
def test_check_fix_new_import_and_rollup(workspace: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples" / "quarterly", workspace / "quarters")
    civreport.render(civreport.load(workspace / SAMPLE), workspace / "旧稿" / "去年.docx")
    (workspace / "big.txt").write_bytes(b"")
    os.truncate(workspace / "big.txt", 21_000_000)  # past the importer's limit, and sparse
    draft = "office: 小河区创城办\nperiod: 2024Q3\nsubject: 创建全国文明城市\n# 开头\nopening:\n  - 今年以来,我区扎实推进创建工作。\n"

    async def script(client: Client) -> list[Any]:
        return [
            await client.call_tool("check", {"report": draft}),
            await client.call_tool("fix", {"report": draft}),
            await client.call_tool("new", {"office": "小河区创城办", "period": "2024Q3"}),
            await client.call_tool("import", {"file": "旧稿/去年.docx"}),
            await client.call_tool("import", {"file": "big.txt"}),
            await client.call_tool(
                "rollup", {"files": [f"quarters/2024q{n}.yaml" for n in (1, 2, 3, 4)], "period": "2024"}
            ),
            await client.call_tool("new", {"office": "", "period": "2024Q5", "extra": 1}),
        ]

    checked, fixed, new, imported, too_big, rolled, bad = talk(workspace, script)
    findings = checked.structured_content["findings"]
    assert [(f["code"], f["path"], f["line"], f["fixable"]) for f in findings] == [("CR201", "opening[0]", 6, True)]
    assert "字段 opening[0]（第 6 行）：错误 CR201 半角标点" in text_of(checked)
    assert fixed.structured_content["report"] == draft.replace("以来,", "以来，")  # the comment kept
    assert fixed.structured_content["remaining"] == []
    starter = load_text(new.structured_content["report"], "起始报告").report
    assert (starter.office, starter.period.code(), str(starter.date)) == ("小河区创城办", "2024Q3", "2024-10-31")
    report = load_text(imported.structured_content["report"], "导入").report
    assert report.office == civreport.load(workspace / SAMPLE).report.office and not imported.is_error
    assert too_big.is_error and "文件超过了导入的上限 20 MB" in text_of(too_big)
    year = load_text(rolled.structured_content["report"], "汇总").report
    assert year.period.code() == "2024" and [s.period.code() for s in year.sources] == [
        f"2024Q{n}" for n in (1, 2, 3, 4)
    ]
    assert str(workspace) not in text_of(rolled)  # the sources are named relative to the workspace
    assert bad.is_error and text_of(bad).splitlines() == [
        "错误：参数 office：不能为空",
        "参数 period：无法识别的期间“2024Q5”，应写作 2024Q3、2024H1、2024Q1-Q3、2024、2024-07 或 2024-01..2024-09（也可写 2024年第三季度、2024年上半年）",
        "参数 extra：没有这个参数（可用：office、period）",
    ]


@pytest.mark.slow
def test_resources_are_the_guide_the_samples_and_the_workspaces_profiles(workspace: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "profile.yaml").write_text("signoff: 外单位\n", encoding="utf-8")
    (workspace / "offices" / "外单位").symlink_to(elsewhere, target_is_directory=True)

    async def script(client: Client) -> tuple[list[str], str, str, str, str]:
        listed = [resource.uri for resource in (await client.list_resources()).resources]
        guide = (await client.read_resource("civreport://genre")).contents[0]
        sample = (await client.read_resource(f"civreport://samples/{SAMPLE}")).contents[0]
        files = (await client.read_resource("civreport://workspace")).contents[0]
        with pytest.raises(MCPError) as refused:
            await client.read_resource("civreport://offices/外单位")
        return listed, guide.text, sample.text, files.text, refused.value.error.message

    listed, guide, sample, files, refused = talk(workspace, script)
    assert {"civreport://genre", "civreport://workspace", f"civreport://samples/{SAMPLE}"} <= set(listed)
    assert "civreport://samples/quarterly/2024q1.yaml" in listed and not any("samples/offices" in u for u in listed)
    assert [uri for uri in listed if uri.startswith("civreport://offices/")] == [
        "civreport://offices/common-practice",
        "civreport://offices/gbt9704",
    ]
    assert "正文里的数字一律引用指标" in guide and "存在的问题（problems）" in guide
    assert sample == (ROOT / "samples" / SAMPLE).read_text(encoding="utf-8")
    assert files.splitlines() == [
        "hedong-street-2021.yaml",
        "q3.yaml",
        "offices/common-practice/profile.yaml",
        "offices/gbt9704/profile.yaml",
    ]
    assert refused.startswith("没有资源“civreport://offices/外单位”：可读的有 civreport://genre")


@pytest.mark.slow
def test_a_report_naming_a_profile_outside_the_workspace_is_refused(workspace: Path) -> None:
    draft = FACTS + "profile: ../../etc\n"
    result = call(workspace, "check", {"report": draft})
    assert result.is_error and "字段 profile：办公室配置“../../etc”不在工作目录的 offices 文件夹中" in text_of(result)
    assert "请改用其中的一个（common-practice、gbt9704）" in text_of(result)


# -- the command -------------------------------------------------------------------------------


def test_the_command_line_loads_no_mcp_sdk_until_the_command_runs() -> None:
    script = "import sys\nfrom civreport.cli.commands import build_parser\nbuild_parser()\nprint(sorted(m for m in ('mcp', 'anyio', 'mcp_types') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_workspace_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "civreport", "mcp", "--workspace", str(tmp_path / "无")], capture_output=True, text=True
    )
    assert result.returncode == 2 and f"错误：{tmp_path / '无'}：不是文件夹" in result.stderr


# -- in this process -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (ACHIEVEMENT, []),
        ("宣传资料发放11.5万份，宣传资料发放115000份；问题整改率96.5%。", []),  # as printed, and exactly
        ("宣传资料发放12万份。", ["LF101"]),
        ("宣传资料发放近12万份，宣传资料发放超过11万份。", []),  # approximate, and true
        ("宣传资料发放超过12万份。", ["LF101"]),
        ("问题整改率同比提高5%。", []),  # a change is not the figure (CR303's)
        ("第三季度，宣传资料发放{materials}；截至8月底，宣传资料发放8万份。", []),  # a part of the period
        ("宣传资料发放{materials}，此处待核实。", ["LF102"]),
    ],
)
def test_locked_facts(text: str, codes: list[str]) -> None:
    document = load_text(replaced(ACHIEVEMENT, text), "报告")
    assert [b.code for b in breaches(document)] == codes


def test_the_samples_and_their_roll_up_break_no_fact() -> None:
    for sample in [
        *sorted((ROOT / "samples").glob("*.yaml")),
        *sorted((ROOT / "samples" / "quarterly").glob("*.yaml")),
    ]:
        assert breaches(civreport.load(sample)) == [], sample
    year = civreport.rollup(sorted((ROOT / "samples" / "quarterly").glob("*.yaml")), "2024")
    assert breaches(civreport.LoadedReport(year)) == []


def test_arguments_are_checked_in_chinese() -> None:
    with pytest.raises(ArgumentError, match="report 和 file 要写一个且只写一个"):
        parsed(RenderArguments, {})
    with pytest.raises(ArgumentError, match="参数 formats\\[0\\]：“odt”不可用：应为以下之一：html、pdf、docx、txt"):
        parsed(RenderArguments, {"file": "q3.yaml", "formats": ["odt"]})
    with pytest.raises(ArgumentError) as refused:
        parsed(RenderArguments, {"report": 5})
    assert str(refused.value) == "参数 report：应为报告的 YAML 或 JSON 文本，或按 schema 工具所给格式的对象"
    assert parsed(NewArguments, {"office": "小河区创城办", "period": "2024年第三季度"}).period.code() == "2024Q3"


def test_an_unexpected_failure_is_a_chinese_message(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise KeyError("english")

    monkeypatch.setattr(tools, "TOOLS", {**tools.TOOLS, "check": tools.Tool("校对", "", CheckArguments, broken)})
    answer = tools.call(str(workspace), "check", {"file": "q3.yaml"})
    assert answer.error and answer.text == "错误：civreport 内部错误（KeyError）：请把这次调用的工具和参数报告给开发者"


@pytest.mark.slow
def test_a_call_past_its_time_is_stopped_and_the_next_one_runs() -> None:
    worker = Worker(0.5)
    try:
        with pytest.raises(Stopped, match=r"超过 0\.5 秒还没有完成，已停止"):
            worker.call(time.sleep, 3600)
        assert worker.call(json.dumps, ["甲"]) == '["\\u7532"]'
    finally:
        worker.stop()


def test_no_english_sentence_reaches_the_assistant() -> None:
    found = Diagnostics()
    found.add(CivreportWarning, "PDF 排版提示：Ignored `color: rde` at 1:5, invalid value.")
    found.add(CivreportWarning, "正文（仿宋）的字体 FandolFang-Regular 没有“査”（U+67FB），改用 Noto Serif CJK SC 印出")
    found.add(CivreportWarning, "已阻止加载模板或正文引用的文件 http://example.com/a.png")
    assert tools._warnings(found) == [
        "PDF 排版提示：（英文原文从略）",
        "正文（仿宋）的字体 FandolFang-Regular 没有“査”（U+67FB），改用 Noto Serif CJK SC 印出",
        "已阻止加载模板或正文引用的文件 http://example.com/a.png",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_the_server_while_its_client_holds_stdin_open(workspace: Path, signum: int, status: int) -> None:
    hello = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "测试", "version": "1"}},
    }
    with subprocess.Popen(
        [sys.executable, "-m", "civreport", "mcp", "--workspace", str(workspace)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as server:
        assert server.stdin and server.stdout and server.stderr
        server.stdin.write(json.dumps(hello) + "\n")
        server.stdin.flush()
        answer = json.loads(server.stdout.readline())  # serving: the transport's thread waits on stdin
        assert answer["result"]["serverInfo"]["name"] == "civreport"
        server.send_signal(signum)
        assert server.wait(timeout=120) == status  # stdin still open
        said = server.stderr.read()
    assert "已中断" in said and "Traceback" not in said, said


def test_a_name_made_from_the_office_stays_in_the_folder(workspace: Path) -> None:
    report = FACTS.replace("office: 小河区", "office: ../小河区/")
    answer = tools.call(str(workspace), "render", {"report": report, "formats": ["html"]})
    assert not answer.error, answer.text
    assert answer.data["files"] == ["out/2024Q3-.._小河区_创建全国文明城市工作领导小组办公室.html"]
    assert (workspace / answer.data["files"][0]).is_file()
