"""``civreport check``: the proofreader on input files, and its findings in text, JSON or SARIF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checking.finding import Finding
from ..checking.fixing import CANNOT_FIX, FIXABLE_SUFFIXES, fix_file
from ..checking.reporting import as_json, as_sarif, as_text
from ..diagnostics import Diagnostics
from ..errors import InputError, Problem
from ..pipeline import check, office_of
from ..readers import load
from .notices import tell
from .parser import ChineseParser

EXIT_FINDINGS = 1


def add_parser(commands: argparse._SubParsersAction[ChineseParser]) -> None:
    p = commands.add_parser("check", help="校对输入文件：占位符、标点、数字、结构、繁体字等")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help=".yaml、.yml、.json 或 .toml 输入文件")
    p.add_argument("--fix", action="store_true", help="自动修正可安全修正的问题，改写输入文件（保留注释和格式）")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="输出格式（默认 text）")
    p.add_argument("--office", metavar="PROFILE", help="办公室配置（其 checks 可关闭规则或改变级别）")
    p.add_argument("--offices", type=Path, metavar="DIR", help="办公室配置目录")


def summary(findings: list[Finding]) -> str:
    counts = {
        name: sum(f.severity == severity for f in findings)
        for severity, name in (("error", "错误"), ("warning", "警告"), ("info", "提示"))
    }
    return f"共 {len(findings)} 处：" + "，".join(f"{name} {n}" for name, n in counts.items())


def run(args: argparse.Namespace, version: str) -> int:
    """Check every input; exit 0 clean, 1 with findings, 2 when an input cannot be read."""
    problems: list[Problem] = []
    findings: list[Finding] = []
    fixed = 0
    for path in args.inputs:
        try:
            diagnostics = Diagnostics()
            document = load(path, diagnostics=diagnostics)
            tell(path, diagnostics)
            office = office_of(document, args.office, args.offices)
            found = check(document, office)
            if args.fix and any(f.fixable for f in found):
                if path.suffix.lower() not in FIXABLE_SUFFIXES:
                    print(f"警告：{path}：{CANNOT_FIX}", file=sys.stderr)
                else:
                    fixed += fix_file(path, document.report, found, office.settings.house)
                    document = load(path, diagnostics=Diagnostics())  # told above
                    found = check(document, office)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        findings += found
    output = {"json": as_json, "text": as_text}.get(args.format)
    # The findings of the files that could be read, also when others could not: a tool
    # reading JSON or SARIF always gets a whole document.
    sys.stdout.write(output(findings) if output else as_sarif(findings, version))
    if problems:
        for problem in problems:
            print(f"错误：{problem}", file=sys.stderr)
        return 2
    if fixed:
        print(f"已自动修正 {fixed} 个字段", file=sys.stderr)
    if findings:
        print(summary(findings), file=sys.stderr)
        return EXIT_FINDINGS
    print("校对通过，没有发现问题", file=sys.stderr)
    return 0
