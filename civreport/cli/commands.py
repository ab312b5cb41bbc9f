"""The commands of the ``civreport`` command line: render, batch, check, import, serve, mcp, new,
schema, rollup, templates check, fontconfig (the entry point is :func:`civreport.cli.main`)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..about import version
from ..errors import CivreportError, InputError, Problem, TemplateError
from ..writers import DEFAULT_FORMATS, FORMATS
from . import checkcmd, importcmd, internal_error, mcpcmd, servecmd
from .parser import EXIT_USAGE, ChineseParser

# What a command uses is imported when it runs: --version and --help import none of it.
if TYPE_CHECKING:
    from ..batch import Job
    from ..diagnostics import Diagnostics
    from ..model import Period
    from ..readers import LoadedReport

EXIT_INPUT = EXIT_USAGE  # bad input or bad usage
EXIT_RENDER = 1  # the input was fine but an output could not be made
EXIT_CLOSED = 141  # what read the output went away: the status a shell gives a command SIGPIPE ended


def _formats(text: str) -> list[str]:
    formats = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"不支持的格式 {'、'.join(unknown) or '（空）'}，可用：{','.join(FORMATS)}")
    return formats


def _period(text: str) -> Period:
    from ..model import Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _directory(text: str) -> Path:
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"模板目录不存在：{text}")
    return Path(text)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，应写作 YYYY-MM-DD") from None


def _length(text: str) -> float | None:
    """--length: times the longest source, or 0 for no limit."""
    try:
        times = float(text)
    except ValueError:
        times = -1.0
    if not 0 <= times < float("inf"):
        raise argparse.ArgumentTypeError(f"“{text}”不是倍数：写 1.5 这样的正数，写 0 表示不限篇幅")
    return times or None


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="civreport", description="把工作期间的事实写成可直接印发的工作总结。")
    parser.add_argument("--version", action="version", version=f"civreport {version()}", help="显示版本并退出")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="命令", parser_class=ChineseParser, title="命令"
    )

    commands.add_parser("render", help="把输入文件渲染为 HTML、PDF 或 DOCX", arguments=_render_arguments)
    commands.add_parser("batch", help="按清单批量生成各单位、各期间的报告，并逐级汇总", arguments=_batch_arguments)
    checkcmd.add_parser(commands)
    importcmd.add_parser(commands)
    servecmd.add_parser(commands)
    mcpcmd.add_parser(commands)
    commands.add_parser("new", help="输出一个带注释的 YAML 起始文件", arguments=_new_arguments)

    p = commands.add_parser("schema", help="输出输入文件的 JSON Schema，供编辑器校验和补全")
    p.add_argument("--profile", action="store_true", help="输出办公室配置文件的 JSON Schema")

    p = commands.add_parser("rollup", help="把多个报告汇总为更长期间或更高一级单位的报告")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="要汇总的报告文件")
    p.add_argument("--period", type=_period, required=True, help="汇总后的期间，如 2024H1、2024")
    p.add_argument("--office", help="按单位汇总时，汇总后的单位名称")
    p.add_argument("--date", type=_day, help="成文日期 YYYY-MM-DD（默认取各报告中最晚的）")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.yaml", help="输出文件（默认输出到屏幕）")
    p.add_argument("--explain", action="store_true", help="列出合并了哪些条目、删去了什么及原因")
    p.add_argument(
        "--length",
        type=_length,
        default=argparse.SUPPRESS,
        metavar="倍数",
        help="篇幅上限，为最长来源的倍数（默认 1.5）；超出时删去说得最少的句子，在 --explain 中列出；0 表示不限",
    )

    p = commands.add_parser(
        "fontconfig", help="输出 fontconfig 文件：在没有公文字体的电脑上用 LibreOffice 如实预览 DOCX"
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="写入文件（默认输出到屏幕）")

    p = commands.add_parser("templates", help="检查模板和办公室配置")
    actions = p.add_subparsers(dest="action", required=True, metavar="动作", parser_class=ChineseParser, title="动作")
    _office_options(actions.add_parser("check", help="不渲染报告，检查模板和办公室配置"))
    return parser


def _render_arguments(p: ChineseParser) -> None:
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help=".yaml、.yml、.json 或 .toml 输入文件")
    p.add_argument(
        "--to",
        type=_formats,
        default=list(DEFAULT_FORMATS),
        metavar="FORMATS",
        help=f"输出格式，逗号分隔：{','.join(FORMATS)}（默认 {','.join(DEFAULT_FORMATS)}）",
    )
    p.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="输出目录（默认 out）")
    _office_options(p)

    from ..office.profile import PDF_ENGINES

    p.add_argument(
        "--pdf-engine",
        type=_pdf_engine,
        metavar="ENGINE",
        help=f"PDF 排版引擎：{'、'.join(PDF_ENGINES)}（默认按办公室配置的 pdf_engine，未配置为 auto：用 typst，模板带自己的样式表时用 weasyprint）",
    )
    p.add_argument("--strict", action="store_true", help="校对（civreport check）发现问题时不渲染")
    _run_options(p)


def _batch_arguments(p: ChineseParser) -> None:
    p.add_argument("manifest", type=Path, metavar="MANIFEST", help="清单：.yaml（或 .json、.toml）或 .csv")
    p.add_argument(
        "--period",
        type=_period,
        action="append",
        default=[],
        help="期间，可重复；CSV 清单必填，YAML 清单中的 periods 被替换",
    )
    p.add_argument("--out", type=Path, metavar="DIR", help="输出目录（替换清单中的 out）")
    p.add_argument(
        "--to", type=_formats, metavar="FORMATS", help=f"输出格式，逗号分隔：{','.join(FORMATS)}（替换清单中的 to）"
    )
    _run_options(p)


def _new_arguments(p: ChineseParser) -> None:
    from ..rendering.starter import DEFAULT_OFFICE

    p.add_argument("--period", type=_period, help="工作期间，如 2024Q3（默认本季度）")
    p.add_argument("--office", default=DEFAULT_OFFICE, help="发文机关名称")


def _run_options(p: argparse.ArgumentParser) -> None:
    from .. import batch

    p.add_argument("--jobs", "-j", type=_positive, metavar="N", help="同时生成的份数（默认 CPU 核数）")
    p.add_argument("--executor", default="process", metavar="SPEC", help=f"在哪里生成：{batch.EXECUTOR_HELP}")
    p.add_argument(
        "--worker-memory",
        type=_positive,
        default=batch.WORKER_MEMORY_MB,
        metavar="MB",
        help=f"工作进程的内存上限（MB，默认 {batch.WORKER_MEMORY_MB}）：超过后做完手上的文档即退出，由新进程接替",
    )
    p.add_argument("--force", action="store_true", help="重新生成已是最新的文档")
    p.add_argument(
        "--pdf-a", action="store_true", help="PDF 写成 PDF/A-2b 归档格式（也可在办公室配置中写 pdf_a: true）"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="不显示进度")


def _pdf_engine(text: str) -> str:
    from ..office.profile import PDF_ENGINES

    if text not in PDF_ENGINES:
        raise argparse.ArgumentTypeError(f"没有 PDF 排版引擎“{text}”；可用：{'、'.join(PDF_ENGINES)}")
    return text


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数")
    return int(text)


def _office_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--office", metavar="PROFILE", help="办公室配置：配置文件路径，或配置目录中的名称（优先于报告中的 profile）"
    )
    p.add_argument("--offices", type=Path, metavar="DIR", help="办公室配置目录（默认 $CIVREPORT_OFFICES 或 ./offices）")
    p.add_argument(
        "--templates",
        type=_directory,
        action="append",
        default=[],
        metavar="DIR",
        help="模板目录，先于配置和内置模板查找；可重复",
    )


def _load_all(
    inputs: list[Path], workers: int | None = 1
) -> tuple[list[tuple[LoadedReport, Diagnostics]], list[Problem]]:
    """Every input that loads, with what loading it had to tell, and the problems of all that
    do not: all are reported at once. Many are read on ``workers`` processes (None: one a core;
    batch.reading)."""
    from ..batch.reading import read_inputs

    problems: list[Problem] = []
    loaded: list[tuple[LoadedReport, Diagnostics]] = []
    for reading in read_inputs(inputs, workers):
        if isinstance(reading, list):
            problems.extend(reading)
        else:
            loaded.append(reading)
    return loaded, problems


def _pdf_a_without_pdf(args: argparse.Namespace) -> None:
    """--pdf-a asked for where no PDF is written is a mistake, not something to pass over."""
    if args.pdf_a and args.to is not None and "pdf" not in args.to:
        raise InputError.single(
            "--pdf-a", f"--to {','.join(args.to)} 不写 PDF，--pdf-a 无从生效：在 --to 中加上 pdf，或去掉 --pdf-a"
        )


def _render(args: argparse.Namespace) -> int:
    """Load every input first (any bad: nothing is written), then make the documents in a
    worker pool: each all or nothing, failures tabled at the end."""
    from ..batch import Job, Read
    from ..pipeline import check, office_of

    _pdf_a_without_pdf(args)

    inputs: list[Path] = args.inputs
    loaded, problems = _load_all(inputs, args.jobs)
    reads: list[Read] = []  # sent to the workers: each input is read once
    for document, told in loaded:
        try:
            reads.append(Read(document, office_of(document, args.office, args.offices), tuple(told)))
        except InputError as exc:
            problems.extend(exc.problems)
    stems = [path.stem for path in inputs]
    for stem in sorted({s for s in stems if stems.count(s) > 1}):
        same = "、".join(str(p) for p in inputs if p.stem == stem)
        problems.append(Problem(same, f"多个输入文件同名（{stem}），输出会互相覆盖"))
    if args.strict:
        findings = [finding for read in reads for finding in check(read.document, read.office)]
        for finding in findings:
            print(f"错误：{finding}", file=sys.stderr)
        if findings:
            print(
                f"错误：校对发现问题（{checkcmd.summary(findings)}），按 --strict 不渲染；修正后再渲染，"
                "或用 civreport check --fix 自动修正",
                file=sys.stderr,
            )
            return EXIT_INPUT
    if problems:
        # Nothing is written unless every input is good: a batch never half-succeeds. A profile
        # that several inputs share is reported once.
        for problem in dict.fromkeys(problems):
            print(f"错误：{problem}", file=sys.stderr)
        return EXIT_INPUT
    jobs = [
        Job(
            str(path),
            str(path),
            tuple(str(args.out / f"{path.stem}.{fmt}") for fmt in args.to),
            args.office,
            str(args.offices) if args.offices else None,
            tuple(map(str, args.templates)),
            pdf_a=args.pdf_a,
            pdf_engine=args.pdf_engine,
            read=read,
        )
        for path, read in zip(inputs, reads, strict=True)
    ]
    return _run(jobs, args)


def _run(jobs: list[Job], args: argparse.Namespace) -> int:
    from .. import batch

    outcomes = batch.run(
        jobs,
        executor=args.executor,
        workers=args.jobs,
        force=args.force,
        progress=batch.progress_for(args.quiet),
        worker_memory=args.worker_memory,
    )
    for outcome in outcomes:
        for file in outcome.written:
            print(file)
    batch.report(outcomes, sys.stderr)
    return EXIT_RENDER if any(o.failed for o in outcomes) else 0


def _batch(args: argparse.Namespace) -> int:
    from .. import batch

    _pdf_a_without_pdf(args)

    jobs = batch.load_manifest(
        args.manifest,
        periods=[p.code() for p in args.period] or None,
        out=str(args.out) if args.out else None,
        to=args.to,
    )
    return _run([dataclasses.replace(job, pdf_a=True) for job in jobs] if args.pdf_a else jobs, args)


def _new(period: Period | None, office: str) -> int:
    from ..rendering.starter import starter_file

    sys.stdout.write(starter_file(office, period, label="--office"))
    return 0


def _rollup(args: argparse.Namespace) -> int:
    inputs: list[Path] = args.inputs
    output: Path | None = args.output
    if output is not None and output.resolve() in {path.resolve() for path in inputs}:
        raise InputError.single(output, "输出文件是汇总的输入之一，写入会覆盖它：请用 -o 指定另一个文件")
    from ..diagnostics import Diagnostics
    from ..rollups import Decisions, explanation, rollup, to_yaml
    from .notices import tell

    loaded, problems = _load_all(inputs)
    for document, told in loaded:
        assert document.path is not None  # each was read from its file
        tell(document.path, told)
    if problems:
        raise InputError(problems)
    reports = [document for document, _ in loaded]
    diagnostics = Diagnostics()
    decisions = Decisions()
    rolled = rollup(
        reports,
        args.period,
        office=args.office,
        day=args.date,
        diagnostics=diagnostics,
        decisions=decisions,
        **({"length": args.length} if "length" in args else {}),  # the library's default else
    )
    text = to_yaml(rolled)
    tell(output or Path("汇总"), diagnostics)
    if args.explain:  # beside the file, or on stderr when the file goes to stdout
        print(explanation(decisions), end="", file=sys.stdout if output else sys.stderr)
    return _emit(text, output)


def _emit(text: str, output: Path | None) -> int:
    """A command's text on standard output, or into ``output`` (whole, its name printed)."""
    from ..files import write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text.encode("utf-8"))
        print(output)
    return 0


def _fontconfig(output: Path | None) -> int:
    from ..writers.docx.preview import fonts_conf  # reads the stand-in fonts' files

    return _emit(fonts_conf(), output)


def _check(office: str | None, offices: Path | None, templates: list[Path]) -> int:
    from ..office.profile import resolve
    from ..rendering import check_templates

    profile = resolve(office, offices=offices)
    names = check_templates(profile, templates)
    print(f"模板检查通过（办公室配置：{profile.name}）：{'、'.join(names)}")
    return 0


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names; its exit status."""
    return _command(build_parser().parse_args(argv))


def _command(args: argparse.Namespace) -> int:
    try:
        if args.command == "render":
            return _render(args)
        if args.command == "serve":
            return servecmd.run(args)
        if args.command == "mcp":
            return mcpcmd.run(args)
        if args.command == "batch":
            return _batch(args)
        if args.command == "check":
            return checkcmd.run(args, version())
        if args.command == "import":
            return importcmd.run(args)
        if args.command == "new":
            return _new(args.period, args.office)
        if args.command == "rollup":
            return _rollup(args)
        if args.command == "templates":
            return _check(args.office, args.offices, args.templates)
        if args.command == "fontconfig":
            return _fontconfig(args.output)
        from ..model import Report
        from ..office.profile import Profile

        model = Profile if args.profile else Report
        print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    except (InputError, TemplateError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except CivreportError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_RENDER
    except (KeyboardInterrupt, BrokenPipeError):
        raise  # no defect: main says so
    except Exception as exc:  # a defect of civreport: a message, never a traceback
        internal_error(type(exc))
        return EXIT_RENDER
