"""``civreport import``: existing documents into input files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .parser import ChineseParser

_SAID = 5  # warnings on lines of a document printed; the input file lists them all

if TYPE_CHECKING:  # the importer loads when the command runs
    from ..readers.importing import ImportResult


def add_parser(commands: argparse._SubParsersAction[ChineseParser]) -> None:
    commands.add_parser(
        "import", help="把已有的总结（.docx、.doc、.wps、.txt、.html、.md）导入为输入文件", arguments=_arguments
    )


def _arguments(p: ChineseParser) -> None:
    from ..readers.importing import FORMATS

    p.add_argument("inputs", nargs="+", type=Path, metavar="FILE", help="要导入的文档")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="OUT.yaml", help="输出文件（只导入一个文档时）")
    where.add_argument("--out", type=Path, metavar="DIR", help="输出目录，文件名同文档（默认当前目录）")
    p.add_argument("--format", choices=FORMATS, help="文档格式（默认按后缀判断）")
    p.add_argument("--no-convert", action="store_true", help="保留繁体字（默认把繁体字转为简体）")
    p.add_argument("--indicators", action="store_true", help="把正文中的数字列为指标建议（注释）")
    p.add_argument("--force", action="store_true", help="覆盖已有的输出文件")


def _targets(result: ImportResult, first: Path) -> list[Path]:
    """Where each summary of a document goes: a file holding several gives name-2.yaml …"""
    count = 1 + len(result.more)
    return [first if n == 1 else first.with_name(f"{first.stem}-{n}{first.suffix}") for n in range(1, count + 1)]


def _guessed(result: ImportResult) -> list[str]:
    """What the import guessed, by the names the input file's fields go by, each with its value
    and what it was taken from: 发文机关“××街道办事处”：标题中没有发文机关，取自落款……"""
    from ..model import Report

    report = result.report
    shown = {"period": report.period.label(), "office": report.office, "subject": report.subject, "kind": report.kind}
    return [f"{Report.model_fields[key].title}“{shown.get(key, '')}”：{why}" for key, why in result.guesses.items()]


def run(args: argparse.Namespace) -> int:
    """Import each document; one that cannot be read is reported and the others still go."""
    from ..files import write_atomic
    from ..readers.importing import import_document

    if args.output and len(args.inputs) > 1:
        print("错误：导入多个文档时请用 --out DIR 指定输出目录，不能用 -o", file=sys.stderr)
        return 2
    failed = 0
    for path in args.inputs:
        try:
            result = import_document(path, format=args.format, convert=not args.no_convert)
            targets = _targets(result, args.output or (args.out or Path(".")) / f"{path.stem}.yaml")
            existing = [t for t in targets if t.exists()]
            if existing and not args.force:
                raise InputError.single(existing[0], "输出文件已存在：换一个输出位置，或加 --force 覆盖")
            texts = [r.to_yaml(indicators=args.indicators) for r in (result, *result.more)]
        except InputError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            failed += 1
            continue
        for target, text, part in zip(targets, texts, (result, *result.more)):
            write_atomic(target, text.encode("utf-8"))
            print(target)
            parts = part.data.get("parts", [])
            summary = f"{len(parts)} 个部分" if parts else "没有识别出标题层次，全文作为开头段落"
            notes = [summary]
            if part.drops:
                notes.append(f"删去网站杂项 {len(part.drops)} 处")
            if part.warnings:
                notes.append(f"{len(part.warnings)} 条导入提示")
            print(f"提示：{path} → {target}：{'；'.join(notes)}（详见文件开头的注释）", file=sys.stderr)
            for guess in _guessed(part):
                print(f"请核对：{target}：{guess}", file=sys.stderr)
            # What concerns a line of the source (a guessed title, damaged text) is said here too.
            said = [w for w in part.warnings if w.startswith("第 ")]
            for warning in said[:_SAID]:
                print(f"提示：{path} {warning}", file=sys.stderr)
            if len(said) > _SAID:
                print(f"提示：{path} 另有 {len(said) - _SAID} 条同类提示，见 {target} 开头的注释", file=sys.stderr)
    return 2 if failed else 0
