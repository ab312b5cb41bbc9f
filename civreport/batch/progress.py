"""Progress of a run: a bar on a terminal (rich), a line per document otherwise (logs, CI),
nothing with --quiet. Always on standard error: standard output lists the files written."""

from __future__ import annotations

import sys
from typing import Protocol, TextIO

from .jobs import Outcome


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, outcome: Outcome) -> None: ...
    def stop(self) -> None: ...


def _state(outcome: Outcome) -> str:
    return f"失败（{outcome.stage}）" if outcome.failed else "已是最新，跳过" if outcome.skipped else "完成"


class Quiet:
    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: Outcome) -> None:
        pass

    def stop(self) -> None:
        pass


class Lines:
    """``[3/200] 河东街道/2024Q3：完成``, one line per document."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.done, self.total = stream, 0, 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        print(f"[{self.done}/{self.total}] {outcome.name}：{_state(outcome)}", file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class Bar:
    """A rich progress bar with the count, the rate and the time left."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self.task = self.bar.add_task("生成文档", total=0)

    def start(self, total: int) -> None:
        self.bar.update(self.task, total=total)
        self.bar.start()

    def advance(self, outcome: Outcome) -> None:
        self.bar.update(self.task, advance=1, description=f"生成文档 {outcome.name[-30:]}")

    def stop(self) -> None:
        self.bar.stop()


def progress_for(quiet: bool, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    if quiet:
        return Quiet()
    return Bar(stream) if stream.isatty() else Lines(stream)
