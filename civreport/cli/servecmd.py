"""``civreport serve``: the web editor on this machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..files import reason
from .parser import ChineseParser


def add_parser(commands: argparse._SubParsersAction[ChineseParser]) -> None:
    p = commands.add_parser("serve", help="启动本机网页编辑器：填写表单、即时预览、下载 PDF 和 DOCX")
    p.add_argument(
        "--workspace",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="工作目录：报告文件所在的文件夹（默认当前目录；不存在时新建）",
    )
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）；只在本机 127.0.0.1 上提供")


def run(args: argparse.Namespace) -> int:
    try:
        from ..serving.app import create_app
        from ..serving.server import serve
    except ImportError:
        print("错误：网页编辑器需要安装 civreport[serve]：pip install 'civreport[serve]'", file=sys.stderr)
        return 2
    if not 1 <= args.port <= 65535:
        print(f"错误：端口 {args.port} 无效，应为 1–65535", file=sys.stderr)
        return 2
    workspace: Path = args.workspace
    created = not workspace.exists()
    if created:
        try:
            workspace.mkdir(parents=True)
        except OSError as exc:
            print(
                f"错误：{workspace}：无法新建工作目录（{reason(exc)}）：请换一个 --workspace，或检查上级目录",
                file=sys.stderr,
            )
            return 2
        print(f"已新建工作目录 {workspace}：新建或导入的报告保存在这里", file=sys.stderr)
    elif not workspace.is_dir():
        print(f"错误：{workspace}：这是文件，不是文件夹：--workspace 应为报告文件所在的文件夹", file=sys.stderr)
        return 2
    print(
        f"civreport 编辑器：http://127.0.0.1:{args.port}/  工作目录 {workspace.resolve()}（按 Ctrl+C 退出）",
        file=sys.stderr,
    )
    try:
        serve(create_app(workspace, port=args.port, created=created, warm=True), args.port)
    except OSError as exc:
        print(f"错误：无法在端口 {args.port} 启动（{reason(exc)}）：换一个 --port", file=sys.stderr)
        return 2
    return 0
