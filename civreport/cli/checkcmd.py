"""``civreport check``: the proofreader on input files and on the clerk's own documents, and its
findings in text, JSON or SARIF; a Word document's findings as comments and its fixes as tracked
changes in a copy of it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, OutputError, Problem
from .parser import ChineseParser

if TYPE_CHECKING:  # the proofreader and the pipeline load when the command runs
    from ..checking.document import DocumentCheck
    from ..checking.finding import Finding

EXIT_FINDINGS = 1
EXIT_OUTPUT = 1  # an output that could not be written
# Input files of civreport's own; anything else is a document the importer reads (.docx, .txt …).
_INPUT_FILES = (".yaml", ".yml", ".json", ".toml")


def add_parser(commands: argparse._SubParsersAction[ChineseParser]) -> None:
    p = commands.add_parser("check", help="校对输入文件或 Word、文本、网页文稿：占位符、标点、数字、结构、繁体字等")
    p.add_argument(
        "inputs",
        nargs="*",  # one at least; --fix may have taken the first (check --fix q3.yaml), see _outputs
        type=Path,
        metavar="INPUT",
        help="输入文件（.yaml、.yml、.json、.toml）或文稿（.docx、.doc、.wps、.txt、.html、.md）",
    )
    p.add_argument(
        "--fix",
        nargs="?",
        const=True,
        metavar="OUT.docx",
        help="自动修正可安全修正的问题：输入文件就地改写（保留注释和格式）；Word 文稿写成带修订的副本 OUT.docx，原文件不动",
    )
    p.add_argument(
        "--annotate", type=Path, metavar="OUT.docx", help="把每处问题写成批注，存为 Word 文稿的副本 OUT.docx"
    )
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="输出格式（默认 text）")
    p.add_argument("--office", metavar="PROFILE", help="办公室配置（其 checks 可关闭规则、改变级别、加本单位词表）")
    p.add_argument("--offices", type=Path, metavar="DIR", help="办公室配置目录")


def summary(findings: list[Finding]) -> str:
    counts = {
        name: sum(f.severity == severity for f in findings)
        for severity, name in (("error", "错误"), ("warning", "警告"), ("info", "提示"))
    }
    return f"共 {len(findings)} 处：" + "，".join(f"{name} {n}" for name, n in counts.items())


def _is_document(path: Path) -> bool:
    return path.suffix.lower() not in _INPUT_FILES


def _outputs(args: argparse.Namespace) -> tuple[list[Path], bool, Path | None]:
    """The inputs, whether to fix input files in place, and the revised copy to write. ``--fix``
    takes a following .docx as the copy; anything else after it is an input (``check --fix a.yaml``)."""
    inputs: list[Path] = list(args.inputs)
    fix = args.fix
    if isinstance(fix, str) and not fix.lower().endswith(".docx"):
        return [Path(fix), *inputs], True, None
    return inputs, fix is True, Path(fix) if isinstance(fix, str) else None


def _refusal(inputs: list[Path], annotate: Path | None, revised: Path | None, in_place: bool) -> str | None:
    """Why the command line cannot be carried out, before anything is read."""
    if not inputs:
        return "缺少要校对的文件：civreport check 输入文件或文稿……"
    if (annotate or revised) and (len(inputs) != 1 or not _is_document(inputs[0])):
        return "--annotate 和 --fix 输出.docx 把一份 Word 文稿的问题写进它的副本：只能给一个 .docx 文稿"
    if in_place and revised:
        return "--fix 只能写一次"
    return None


def run(args: argparse.Namespace, version: str) -> int:
    """Check every input; exit 0 clean, 1 with findings or an output that could not be written,
    2 when an input cannot be read."""
    inputs, in_place, revised = _outputs(args)
    annotate: Path | None = args.annotate
    from ..checking.reporting import as_json, as_sarif, as_text
    from ..proofing import check_document

    refused = _refusal(inputs, annotate, revised, in_place)
    if refused:
        print(f"错误：{refused}", file=sys.stderr)
        return 2
    problems: list[Problem] = []
    findings: list[Finding] = []
    written: list[str] = []
    fixed = 0
    try:
        for path in inputs:
            try:
                if _is_document(path):
                    checked = check_document(path, args.office, args.offices)
                    found = checked.findings
                    if in_place:
                        print(f"警告：{path}：文稿不就地改写：请用 --fix 修订稿.docx 把修正写成修订", file=sys.stderr)
                    written += _reviews(path, checked, annotate, revised)
                else:
                    found, changed = _check_input(path, args, in_place)
                    fixed += changed
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            findings += found
    except OutputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_OUTPUT
    output = {"json": as_json, "text": as_text}.get(args.format)
    # The findings of the files that could be read, also when others could not: a tool
    # reading JSON or SARIF always gets a whole document.
    sys.stdout.write(output(findings) if output else as_sarif(findings, version))
    for line in written:
        print(line, file=sys.stderr)
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


def _check_input(path: Path, args: argparse.Namespace, in_place: bool) -> tuple[list[Finding], int]:
    """An input file's findings, fixed in place first when asked; and how many fields were fixed."""
    from ..checking.fixing import CANNOT_FIX, FIXABLE_SUFFIXES, fix_file
    from ..diagnostics import Diagnostics
    from ..pipeline import check, office_of
    from ..readers import load
    from .notices import tell

    diagnostics = Diagnostics()
    document = load(path, diagnostics=diagnostics)
    tell(path, diagnostics)
    office = office_of(document, args.office, args.offices)
    found = check(document, office)
    if not (in_place and any(f.fixable for f in found)):
        return found, 0
    if path.suffix.lower() not in FIXABLE_SUFFIXES:
        print(f"警告：{path}：{CANNOT_FIX}", file=sys.stderr)
        return found, 0
    fixed = fix_file(path, document.report, found, office.settings.house)
    return check(load(path, diagnostics=Diagnostics()), office), fixed  # told above


def _reviews(source: Path, checked: DocumentCheck, annotated: Path | None, revised: Path | None) -> list[str]:
    """Write the annotated and the revised copy of a Word document; what to tell of them."""
    from ..proofing import review_document

    if not (annotated or revised):
        return []
    said = []
    for out, review in review_document(source, checked, annotated=annotated, revised=revised):
        what = [
            f"批注 {review.comments} 条" if review.comments else "",
            f"修订 {review.changes} 处" if review.changes else "",
        ]
        said.append(f"已写出 {out}：{'，'.join(w for w in what if w) or '没有要写的批注或修订'}（原文件未改动）")
        if review.changes:
            said.append("  在 Word 或 WPS 的“审阅”中逐条接受或拒绝修订")
        if review.unplaced:
            said.append(f"  有 {len(review.unplaced)} 段的修正落在自动编号等无法写成修订的地方，已写成批注，请手工修改")
    return said
