"""``civreport mcp``: the tool server for assistants, over stdin and stdout. The MCP SDK is
imported only when the command runs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import EXIT_INTERRUPTED, EXIT_TERMINATED, INTERRUPTED, _Terminated
from .parser import ChineseParser

DEFAULT_SECONDS = 300.0  # a call on the largest report a file may hold takes about a minute here


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"“{text}”应为 1 天以内的秒数，如 300")
    return value


def add_parser(commands: argparse._SubParsersAction[ChineseParser]) -> None:
    p = commands.add_parser(
        "mcp",
        help="启动给智能助手用的工具服务（Model Context Protocol，经标准输入输出）：在工作目录中起草、校对、生成报告",
    )
    p.add_argument(
        "--workspace",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="工作目录：只在这里读写文件（默认当前目录）",
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_SECONDS,
        metavar="SECONDS",
        help=f"每次调用的时限，超过即停止（默认 {DEFAULT_SECONDS:g} 秒）",
    )


def run(args: argparse.Namespace) -> int:
    try:
        from ..mcpserver.server import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("mcp", "mcp_types", "anyio"):  # the extra's, not ours
            raise
        print("错误：工具服务需要安装 civreport[mcp]：pip install 'civreport[mcp]'", file=sys.stderr)
        return 2
    workspace: Path = args.workspace
    if not workspace.is_dir():
        print(f"错误：{workspace}：不是文件夹：--workspace 应为已有的工作目录", file=sys.stderr)
        return 2
    print(f"civreport 工具服务：工作目录 {workspace.resolve()}（由助手的客户端启动和关闭）", file=sys.stderr)
    try:
        serve(workspace, args.timeout)
    except KeyboardInterrupt as stop:
        # Stopped by a signal while the client still holds stdin open: the transport's thread
        # waiting on it would hold the process at Python's exit, so the process ends here, as
        # the entry point would end it (its worker is stopped already).
        print(INTERRUPTED, file=sys.stderr)
        sys.stderr.flush()
        os._exit(EXIT_TERMINATED if isinstance(stop, _Terminated) else EXIT_INTERRUPTED)
    return 0
