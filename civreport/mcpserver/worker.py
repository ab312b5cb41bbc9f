"""The tool calls' process: each call runs in a worker process of its own, one at a time and
bounded in time. A call that overruns is stopped with its process (a running render cannot be
stopped otherwise), and so is one whose process dies; the next call starts a new process. The
bounds on what a call reads (the file and value limits, the importer's, the template budget)
keep the work of a call in proportion to its size; the time bound is the backstop."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")


class Stopped(Exception):
    """A call that did not finish: its text says why and what to do, in Chinese."""


def _serve(connection: Connection) -> None:
    # The server stops its worker itself: a Ctrl-C a terminal sends to the whole group is not
    # the worker's to die of, with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            function, args = connection.recv()
        except EOFError:  # the server has gone
            return
        connection.send(function(*args))


class Worker:
    """Runs functions (which return and never raise) in a process of its own, each call within
    ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in the worker; Stopped when it overruns or its process dies."""
        connection = self._started()
        connection.send((function, args))
        if not connection.poll(self.seconds):
            self.stop()
            raise Stopped(
                f"这次调用超过 {self.seconds:g} 秒还没有完成，已停止：报告或文件是否太大？"
                "可以拆成几份分别处理，或请用户以更大的 --timeout 启动 civreport mcp"
            )
        try:
            result: T = connection.recv()
        except (EOFError, OSError):
            self.stop()
            raise Stopped(
                "处理这次调用的进程意外退出（可能是内存不足），已重新启动：请再试一次，或把报告拆小"
            ) from None
        return result

    def _started(self) -> Connection:
        if self._connection is None or self._process is None or not self._process.is_alive():
            self.stop()
            # forkserver: the server runs threads (the transport's), which a fork would copy mid-step.
            context = multiprocessing.get_context("forkserver")
            ours, theirs = context.Pipe()
            self._process = context.Process(target=_serve, args=(theirs,), daemon=True, name="civreport-mcp-worker")
            self._process.start()
            theirs.close()
            self._connection = ours
        return self._connection

    def stop(self) -> None:
        """End the worker process, whatever it is doing."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
