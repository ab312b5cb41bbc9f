"""argparse in Chinese: usage, help and every error a clerk can meet on the command line.

argparse writes its messages in English through gettext; rather than change that for the
whole process, this parser translates what it prints (a table of argparse's own phrases).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

EXIT_USAGE = 2

# argparse's phrases (Python 3.11 and later), and what a clerk reads instead.
_PHRASES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"),
        lambda m: f"“{m[2]}”不是可用的{_what(m[1])}（可用：{_choices(m[3])}）",
    ),
    (
        re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)"),
        lambda m: f"“{m[1]}”无效（可用：{_choices(m[2])}）",
    ),
    (re.compile(r"the following arguments are required: (.*)"), lambda m: f"缺少参数：{m[1].replace(', ', '、')}"),
    (re.compile(r"unrecognized arguments: (.*)"), lambda m: f"无法识别的参数：{m[1]}"),
    (re.compile(r"argument (\S+): expected one argument"), lambda m: f"{m[1]} 后面要写一个值"),
    (re.compile(r"argument (\S+): expected at least one argument"), lambda m: f"{m[1]} 后面至少要写一个值"),
    (re.compile(r"argument (\S+): invalid \S+ value: '([^']*)'"), lambda m: f"{m[1]} 的值“{m[2]}”无效"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), lambda m: f"{m[1]} 不能与 {m[2]} 同时使用"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), lambda m: f"选项 {m[1]} 不明确，可能是 {m[2]}"),
    (re.compile(r"argument (\S+): (.*)"), lambda m: f"{m[1]}：{m[2]}"),  # our own type errors, already Chinese
)


def _what(argument: str) -> str:
    return "命令" if argument in ("命令", "动作") else "值"


def _choices(text: str) -> str:
    return "、".join(re.findall(r"'([^']*)'", text)) or text


def translate(message: str) -> str:
    for pattern, replacement in _PHRASES:
        match = pattern.fullmatch(message)
        if match:
            return replacement(match)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An argument parser whose usage, help and errors are in Chinese; a usage error exits
    with status 2 and a message, never a traceback.

    ``arguments`` adds the parser's arguments when it first parses: a command's arguments may
    need what its command imports (a list of formats), and only the command that runs should
    import it — ``civreport --version`` and ``--help`` none."""

    def __init__(self, *args: Any, arguments: Callable[[ChineseParser], None] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # ours, in Chinese, below
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        self._arguments = arguments

    def parse_known_args(  # type: ignore[override]  # typeshed's overloads, one signature here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._arguments is not None:
            arguments, self._arguments = self._arguments, None
            arguments(self)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：{translate(message)}\n")
