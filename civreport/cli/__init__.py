"""The ``civreport`` command line. This module is the entry point and imports nothing heavy:
Ctrl-C (SIGINT) and SIGTERM are taken in hand before the commands (:mod:`.commands`) and the
pipeline load, so that whenever they come, a run stops the same way: what is written is
whole, what is not is not there, a Chinese line says so, no traceback, exit status 130 for
Ctrl-C and 143 for SIGTERM (as a shell reports a command those signals ended)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn, TextIO

EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
EXIT_CLOSED = 128 + signal.SIGPIPE  # what read the output went away
INTERRUPTED = "已中断：已写好的文件完整保留，没写完的一个也没有留下"


class _Terminated(KeyboardInterrupt):
    """SIGTERM, stopping the run as Ctrl-C does (every stage that stops on Ctrl-C stops on it)."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def internal_error(kind: type[BaseException]) -> None:
    """A defect of civreport, said as one line for a person, never as a traceback."""
    print(f"错误：civreport 内部错误（{kind.__name__}），请把命令和输入文件报告给开发者", file=sys.stderr)


def _warned(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    # civreport's own warnings in its words; a library's (English, about its own code) not at all.
    from ..errors import CivreportWarning

    if issubclass(category, CivreportWarning):
        print(f"警告：{message}", file=sys.stderr)


def _in_thread(args: threading.ExceptHookArgs) -> None:
    if not issubclass(args.exc_type, (KeyboardInterrupt, SystemExit)):
        internal_error(args.exc_type)


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    if not issubclass(unraisable.exc_type, (KeyboardInterrupt, BrokenPipeError)):
        internal_error(unraisable.exc_type)


@contextmanager
def _for_a_person() -> Iterator[None]:
    """No traceback and no English reach the person at the terminal, from any thread: warnings
    in Chinese or not at all, an error in another thread or a destructor as one Chinese line."""
    hooks = threading.excepthook, sys.unraisablehook
    threading.excepthook, sys.unraisablehook = _in_thread, _unraisable
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _warned
            yield
    finally:
        threading.excepthook, sys.unraisablehook = hooks


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command (``argv``, else the command line's); its exit status."""
    here = threading.current_thread() is threading.main_thread()  # only there may signals be taken
    before = signal.signal(signal.SIGTERM, _terminate) if here else None
    try:
        from .commands import run

        with _for_a_person():
            status = run(argv)
        sys.stdout.flush()  # here rather than at exit, where a closed output could not be met quietly
    except KeyboardInterrupt as stop:
        print(INTERRUPTED, file=sys.stderr)
        status = EXIT_TERMINATED if isinstance(stop, _Terminated) else EXIT_INTERRUPTED
    except BrokenPipeError:
        # What read the output has gone (civreport schema | head -1): stop without a word, as
        # other commands do. Output is sent nowhere, so that Python's flush at exit fails no more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_CLOSED
    finally:
        if here:
            signal.signal(signal.SIGTERM, before)
    return status


def entry() -> NoReturn:
    """The ``civreport`` command: :func:`main`, then exit with its status. The run is over
    then: a signal during the exit would only turn it into a death by that signal."""
    status = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(status)
