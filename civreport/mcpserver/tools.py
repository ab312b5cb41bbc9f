"""The tools an assistant calls, as plain functions of the workspace and their arguments on top of
civreport's public API (the readers, ``check``, ``render``, ``import_document``, ``rollup``).
Each returns an :class:`Answer`: the Chinese text an assistant reads, and the same as data.
They run in the worker process (:mod:`.worker`); :func:`call` never raises."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..batch.jobs import Outcome
from ..batch.runner import shared_warnings
from ..checking.finding import Finding
from ..checking.fixing import CANNOT_FIX
from ..checking.proofreader import fix_text
from ..checking.rule import SEVERITY_NAMES
from ..diagnostics import Diagnostics
from ..errors import CivreportError, InputError
from ..model import Report
from ..model.report import field_loc
from ..office import Profile
from ..pipeline import check, render
from ..readers import load_text, roundtrip
from ..readers.importing import import_document
from ..rendering.starter import starter_file
from ..rollups import rollup, to_yaml
from ..workspace import OutsideWorkspace, Workspace
from . import reports
from .arguments import (
    ArgumentError,
    Arguments,
    CheckArguments,
    FixArguments,
    ImportArguments,
    NewArguments,
    RenderArguments,
    ReportArguments,
    RollupArguments,
    SchemaArguments,
    chinese,
    parsed,
)
from .facts import Breach, breaches


@dataclass(frozen=True)
class Answer:
    """What a tool call gives back: the text an assistant reads, the same as data, and whether
    the call was refused (the text says why and what to do)."""

    text: str
    data: dict[str, Any]
    error: bool = False


def _refused(message: str, **data: Any) -> Answer:
    return Answer(f"错误：{message}", {"error": message, **data}, True)


# -- how the answers write what was found ----------------------------------------------------


def _where(path: str, line: int | None) -> str:
    return f"字段 {path}" + (f"（第 {line} 行）" if line else "") if path else (f"第 {line} 行" if line else "全文")


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "fixable": f.fixable,
    }


def _finding_line(f: Finding) -> str:
    fix = "（fix 工具可自动修正）" if f.fixable else ""
    return f"- {_where(f.path, f.line)}：{SEVERITY_NAMES[f.severity]} {f.code} {f.name}：{f.message}{fix}"


def _breach(b: Breach) -> dict[str, Any]:
    return {"code": b.code, "name": b.name, "message": b.message, "path": b.path, "line": b.line}


def _breach_line(b: Breach) -> str:
    return f"- {_where(b.path, b.line)}：{b.code} {b.name}：{b.message}"


# A library's English sentence (what WeasyPrint logs, say), not a font's name (Noto Serif CJK SC):
# an assistant reads Chinese only.
_ENGLISH = re.compile(r"[A-Za-z][a-z]*(?:[\s,.:;'`()\-]+(?:[a-z]+|\d+(?::\d+)?)){2,}[.]?")


def _warnings(found: Diagnostics) -> list[str]:
    """What the work had to tell, each once: the fonts that stood in for the official ones in
    one line, as the command line says them."""
    common, own = shared_warnings([Outcome("报告", ("报告",), diagnostics=tuple(found))])
    return [_ENGLISH.sub("（英文原文从略）", message) for message in [*common, *own.get("报告", [])]]


def _listed(lines: list[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def _text(lead: str, *sections: tuple[str, Iterable[str]]) -> str:
    """The lead, then each section that has lines: its heading and its lines."""
    out = [lead] if lead else []
    for heading, lines in sections:
        lines = list(lines)
        if lines:
            out.append("\n".join([heading, *lines]))
    return "\n\n".join(out)


# -- the tools ---------------------------------------------------------------------------------


def _schema(space: Workspace, args: SchemaArguments) -> Answer:
    schema = chinese((Profile if args.profile else Report).model_json_schema())
    return Answer(json.dumps(schema, ensure_ascii=False, indent=2), {"schema": schema})


def _new(space: Workspace, args: NewArguments) -> Answer:
    text = starter_file(args.office, args.period, label="office")
    lead = (
        f"{args.office}{args.period.label()}的起始报告（YAML）。把示例文字换成本单位的实际情况；"
        "数字写在 indicators 中，正文用 {键} 引用；成文日期请改为实际日期："
    )
    return Answer(f"{lead}\n\n{text}", {"report": text})


def _validate(space: Workspace, args: ReportArguments) -> Answer:
    found = Diagnostics()
    try:
        given = reports.given(space, args.report, args.file, found)
    except InputError as exc:
        problems = [{"file": p.file, "path": p.path, "line": p.line, "message": p.message} for p in exc.problems]
        return Answer(
            _text("", (f"报告有 {len(problems)} 个问题，改正后才能使用：", [f"- {p}" for p in exc.problems])),
            {"valid": False, "problems": problems},
        )
    warnings = _warnings(found)
    text = _text(f"格式正确：{given.label}可以校对和生成。", ("提示：", _listed(warnings)))
    return Answer(text, {"valid": True, "problems": [], "warnings": warnings})


def _check(space: Workspace, args: CheckArguments) -> Answer:
    found = Diagnostics()
    given = reports.given(space, args.report, args.file, found)
    office = reports.office(space, given, args.profile)
    facts = reports.facts(space, args.facts).report if args.facts else None
    findings = check(given.document, office)
    locked = breaches(given.document, facts, args.facts or "")
    blocking = {(b.code, b.path) for b in locked}
    listed = {(f.code, f.path) for f in findings}
    own = [b for b in locked if (b.code, b.path) not in listed]  # the proofreader's are said once
    warnings = _warnings(found)
    text = _text(
        "",
        (
            f"校对发现 {len(findings)} 处：",
            [_finding_line(f) + ("；不改正 render 不生成" if (f.code, f.path) in blocking else "") for f in findings],
        ),
        (f"与事实不符或未完成 {len(own)} 处（不改正 render 不生成）：", map(_breach_line, own)),
        ("提示：", _listed(warnings)),
    )
    return Answer(
        text or "校对通过：没有发现问题。",
        {"findings": [_finding(f) for f in findings], "locked": [_breach(b) for b in locked], "warnings": warnings},
    )


def _fix(space: Workspace, args: FixArguments) -> Answer:
    given = reports.given(space, args.report, args.file, Diagnostics())
    office = reports.office(space, given, args.profile)
    report = given.document.report
    rules: dict[str, set[str]] = {}
    for finding in check(given.document, office):
        # The office and the indicators are facts: a fix there is the facts' keeper's to make.
        if finding.fixable and not finding.path.startswith(("office", "indicators")):
            rules.setdefault(finding.path, set()).add(finding.code)
    texts = {t.path: t.text for t in report.all_texts()}
    house = office.settings.house
    fixed = {
        path: new
        for path, codes in rules.items()
        if (new := fix_text(texts[path], codes, report, house)) != texts[path]
    }
    if given.yaml:
        text, _ = roundtrip.spliced(given.text, {field_loc(path): new for path, new in fixed.items()}, given.label)
    elif given.label.lower().endswith(".toml"):
        return _refused(CANNOT_FIX)
    else:
        text = _json_fixed(given.text, fixed)
    remaining = check(load_text(text, given.label, diagnostics=Diagnostics()), office)
    return Answer(
        _text(
            f"已修正 {len(fixed)} 处字段：{'、'.join(fixed) or '无'}。修正后的报告：\n{text}",
            (f"仍有 {len(remaining)} 处要手工改正：", map(_finding_line, remaining)),
        ),
        {"report": text, "fixed": list(fixed), "remaining": [_finding(f) for f in remaining]},
    )


def _json_fixed(text: str, fixed: dict[str, str]) -> str:
    """A JSON report with the fixed texts in it, written again as JSON; a text the report does
    not write (a default) stays unwritten."""
    data = json.loads(text)
    for path, new in fixed.items():
        *parents, last = field_loc(path)
        node = data
        try:
            for key in parents:
                node = node[key]
            node[last]  # raises for a text the report does not write
        except (KeyError, IndexError, TypeError):
            continue
        node[last] = new
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_STEM = re.compile(r"[^/\\\x00]{1,100}")
_UNSAFE = re.compile(r"^\.+|[/\\\x00]")  # what a name made from an office's may not hold


def _render(space: Workspace, args: RenderArguments) -> Answer:
    found = Diagnostics()
    given = reports.given(space, args.report, args.file, found)
    office = reports.office(space, given, args.profile)
    facts = reports.facts(space, args.facts).report if args.facts else None
    locked = breaches(given.document, facts, args.facts or "")
    if locked:
        return _refused(
            _text(
                "",
                (
                    f"不生成：报告的正文与事实不符或有未完成之处（{len(locked)} 处）。报告的指标、期间、发文机关和日期是事实，"
                    "正文须与之一致：请按下列各处改正（数字写作 {键}），再生成：",
                    map(_breach_line, locked),
                ),
            ),
            refused=True,
            locked=[_breach(b) for b in locked],
        )
    report = given.document.report
    name = args.name
    if name is None:  # the file's, or one made of the period and the office
        made = Path(given.label).stem if args.file else f"{report.period.code()}-{report.office}"
        name = _UNSAFE.sub("_", made)[:100]
    if not _STEM.fullmatch(name) or name.startswith("."):
        return _refused(f"文件名“{name}”不能含 / 或 \\，也不能以 . 开头：文件夹请写在 out 参数中")
    folder = space.file(args.out)
    outputs = [space.file(str(PurePosixPath(args.out, f"{name}.{fmt}"))) for fmt in args.formats]
    folder.mkdir(parents=True, exist_ok=True)
    written = render(given.document, *outputs, office=office, diagnostics=found)
    files = [path.relative_to(space.root).as_posix() for path in written]
    findings = check(given.document, office)
    warnings = _warnings(found)
    return Answer(
        _text(
            "",
            ("已生成（工作目录中）：", [f"- {file}" for file in files]),
            (f"校对还发现 {len(findings)} 处（未阻止生成）：", map(_finding_line, findings)),
            ("提示：", _listed(warnings)),
        ),
        {"files": files, "findings": [_finding(f) for f in findings], "warnings": warnings},
    )


def _import(space: Workspace, args: ImportArguments) -> Answer:
    result = import_document(space.file(args.file), format=args.format, name=args.file)
    summaries = [result, *result.more]
    texts = [summary.to_yaml(indicators=True) for summary in summaries]
    guesses = [f"- {field}：{why}" for field, why in result.guesses.items()]
    drops = [f"- 第 {d.line} 行［{d.reason}］{d.text[:60]}" for d in result.drops]
    more = f"（文件中共有 {len(texts)} 篇，其余见 data.more）" if result.more else ""
    return Answer(
        _text(
            f"已从 {args.file} 读出报告{more}。标有“请核对”的字段是推断的，请核对后再用。",
            ("推断的字段：", guesses),
            (f"删去的内容（{len(drops)} 处）：", drops),
            ("导入时的提示：", [f"- {w}" for w in result.warnings]),
            ("报告（YAML）：", [texts[0]]),
        ),
        {
            "report": texts[0],
            "guesses": result.guesses,
            "drops": [{"line": d.line, "reason": d.reason, "text": d.text} for d in result.drops],
            "warnings": list(result.warnings),
            "more": texts[1:],
        },
    )


def _rollup(space: Workspace, args: RollupArguments) -> Answer:
    found = Diagnostics()
    documents = [reports.given(space, None, file, found).document for file in args.files]
    documents += [
        reports.given(space, report, None, found, label=f"reports[{i}]").document
        for i, report in enumerate(args.reports)
    ]
    text = to_yaml(rollup(documents, args.period, office=args.office, day=args.date, diagnostics=found))
    warnings = _warnings(found)
    return Answer(
        _text(f"已汇总为{args.period.label()}的报告（YAML）：\n{text}", ("提示：", _listed(warnings))),
        {"report": text, "warnings": warnings},
    )


@dataclass(frozen=True)
class Tool:
    title: str
    description: str
    arguments: type[Arguments]
    run: Callable[[Workspace, Any], Answer]
    writes: bool = False  # whether it writes files into the workspace


TOOLS: dict[str, Tool] = {
    "schema": Tool(
        "报告格式",
        "报告（或办公室配置）格式的 JSON Schema：每个字段的中文标题和说明。起草前先读它，"
        "再读资源 civreport://genre（各部分怎么写）。",
        SchemaArguments,
        _schema,
    ),
    "new": Tool(
        "起始报告",
        "给一个办公室和工作期间生成带注释的起始报告（YAML），从它开始起草。",
        NewArguments,
        _new,
    ),
    "validate": Tool(
        "检查格式",
        "检查报告能否读入：每个问题的字段路径、行号和改法。",
        ReportArguments,
        _validate,
    ),
    "check": Tool(
        "校对",
        "校对报告：每处发现的规则代码（CR101……）、级别、字段路径、说明，能自动修正的标明；"
        "另列正文与事实（指标、期间、发文机关、日期）不符或未完成的占位之处，这些不改正 render 不生成。",
        CheckArguments,
        _check,
    ),
    "fix": Tool(
        "自动修正",
        "修正校对中能安全修正的问题（半角标点、繁体字、数字写法等），返回修正后的报告（YAML 保留注释和格式）；"
        "不改动发文机关和指标，也不写文件。",
        FixArguments,
        _fix,
    ),
    "render": Tool(
        "生成文件",
        "把报告生成为 PDF、DOCX、HTML 文件，写在工作目录中，返回相对路径。报告的指标、期间、发文机关和日期是事实："
        "正文的数字与指标不符、留有占位（××、待补充）、期间或日期与报告不符时不生成，并列出各处。",
        RenderArguments,
        _render,
        writes=True,
    ),
    "import": Tool(
        "导入旧文档",
        "把工作目录中的旧文档（.docx、.doc、.wps、.txt、.html、.md）读成报告（YAML），"
        "并列出推断的字段、删去的网站杂项和未能放入的内容。",
        ImportArguments,
        _import,
    ),
    "rollup": Tool(
        "汇总",
        "把几份报告汇总为更长期间（季度→半年、全年）或上一级单位的报告（YAML）：指标按各自的汇总方式合计。",
        RollupArguments,
        _rollup,
    ),
}


def call(root: str, name: str, arguments: dict[str, Any]) -> Answer:
    """Run the tool ``name`` over the workspace ``root``: its answer, or a refusal saying why in
    Chinese; never an exception. Paths in the answer are relative to the workspace."""
    space = Workspace(Path(root))
    tool = TOOLS[name]
    try:
        answer = tool.run(space, parsed(tool.arguments, arguments))
    except InputError as exc:
        problems = [{"file": p.file, "path": p.path, "line": p.line, "message": p.message} for p in exc.problems]
        answer = _refused(str(exc), problems=problems)
    except (ArgumentError, OutsideWorkspace, CivreportError) as exc:
        answer = _refused(str(exc))
    except Exception as exc:  # a defect of civreport: a message, never a traceback
        answer = _refused(f"civreport 内部错误（{type(exc).__name__}）：请把这次调用的工具和参数报告给开发者")
    return _relative(answer, space.root)


def _relative(answer: Answer, root: Path) -> Answer:
    """``answer`` naming files as the assistant does, relative to the workspace."""
    prefix = f"{root}/"

    def strip(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(prefix, "")
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return Answer(strip(answer.text), strip(answer.data), answer.error)
