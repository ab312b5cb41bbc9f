"""Run a batch: the documents in waves (a roll-up after its sources), each wave spread over the
executor, each document all or nothing; then what to tell the user: the warnings (once when
every document raised the same one), the failures as a table."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, as_completed
from contextlib import ExitStack
from typing import TextIO

from ..errors import FontSubstitutionWarning
from .executors import in_worker, interrupt, open_executor, process_pool
from .jobs import Job, Outcome
from .progress import Progress, Quiet
from .worker import DOCUMENTS_PER_WORKER, is_fresh, run_job


def waves(jobs: Sequence[Job]) -> list[list[Job]]:
    """The jobs in the order they may run: each wave after the jobs its jobs wait for."""
    names = {job.name for job in jobs}
    done: set[str] = set()
    left = list(jobs)
    out: list[list[Job]] = []
    while left:
        ready = [job for job in left if all(name in done or name not in names for name in job.after)]
        if not ready:
            raise ValueError("roll-ups wait for each other in a cycle")  # the manifest refuses cycles first
        out.append(ready)
        done |= {job.name for job in ready}
        left = [job for job in left if job not in ready]
    return out


def _run_on(
    pool: Executor,
    jobs: list[Job],
    outcomes: dict[str, Outcome],
    progress: Progress,
    task: Callable[[Job], Outcome] = run_job,
) -> None:
    futures = {pool.submit(task, job): job for job in jobs}
    try:
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcomes[job.name] = future.result()
            except Exception as exc:  # the worker itself died (killed, out of memory)
                outcomes[job.name] = Outcome(
                    job.name, stage="内部错误", message=f"工作进程异常退出（{type(exc).__name__}）"
                )
            progress.advance(outcomes[job.name])
    except KeyboardInterrupt:  # stop at once: what has not started never does
        for future in futures:
            future.cancel()
        raise


def _waited_for(job: Job, outcomes: dict[str, Outcome], rollups: set[str]) -> Outcome | None:
    """A roll-up is not made from what a lower roll-up that failed in this run left before
    (a street's failure it meets itself, reading the street's input, and says where)."""
    failed = [name for name in job.after if name in rollups and name in outcomes and outcomes[name].failed]
    if not failed:
        return None
    return Outcome(job.name, stage="汇总", message=f"下级汇总报告 {'、'.join(failed)} 没有生成，本报告未更新")


def run(
    jobs: Sequence[Job],
    *,
    executor: Executor | str | None = None,
    workers: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Make every document of ``jobs``; their outcomes, in the jobs' order.

    ``executor`` is any :class:`concurrent.futures.Executor`, or the name of one
    (``process``, ``thread``, ``dask``, ``dask://host:port``); by default a pool of ``workers``
    processes (the number of cores), replaced every DOCUMENTS_PER_WORKER documents a worker so
    memory stays flat, or this process alone when there is one worker or one document."""
    workers = workers or os.cpu_count() or 1
    progress = progress or Quiet()
    outcomes: dict[str, Outcome] = {}
    progress.start(len(jobs))
    pool: Executor | None = executor if isinstance(executor, Executor) else None
    own_pool = executor in (None, "process")
    rollups = {job.name for job in jobs if job.sources}
    with ExitStack() as stack:
        stack.callback(progress.stop)
        for wave in waves(jobs):
            stale = []
            for job in wave:  # up-to-date documents are skipped here: no worker starts for them
                if blocked := _waited_for(job, outcomes, rollups):
                    outcomes[job.name] = blocked
                    progress.advance(blocked)
                elif not force and is_fresh(job):
                    outcomes[job.name] = Outcome(job.name, skipped=True)
                    progress.advance(outcomes[job.name])
                else:
                    stale.append(job)
            if not stale:
                continue
            if own_pool and (workers == 1 or len(jobs) == 1):
                for job in stale:
                    outcomes[job.name] = run_job(job)
                    progress.advance(outcomes[job.name])
            elif own_pool:
                size = min(workers, len(stale))
                for start in range(0, len(stale), size * DOCUMENTS_PER_WORKER):
                    with process_pool(size) as fresh:  # new workers: memory stays flat on long runs
                        try:
                            _run_on(
                                fresh, stale[start : start + size * DOCUMENTS_PER_WORKER], outcomes, progress, in_worker
                            )
                        except KeyboardInterrupt:
                            interrupt(fresh)  # SIGTERM comes to this process alone: the workers stop too
                            raise
            else:
                if pool is None:
                    assert isinstance(executor, str)
                    pool = open_executor(executor, workers, stack)
                _run_on(pool, stale, outcomes, progress)
    return [outcomes[job.name] for job in jobs]


def shared_warnings(outcomes: Sequence[Outcome]) -> tuple[list[str], dict[str, list[str]]]:
    """The warnings of a run: those said once for all (the fonts that stood in for the
    official ones, in one line; what every document written raised alike), and each
    document's own."""
    made = [o for o in outcomes if not o.skipped]
    written = [o for o in made if o.written]
    messages = {o.name: [str(d) for d in o.diagnostics if d.kind is not FontSubstitutionWarning] for o in made}
    counts = Counter(m for found in messages.values() for m in dict.fromkeys(found))
    common = [m for m, n in counts.items() if n > 1 and all(m in messages[o.name] for o in written)]
    fonts = list(dict.fromkeys(str(d) for o in made for d in o.diagnostics if d.kind is FontSubstitutionWarning))
    if fonts:
        common.insert(
            0,
            f"本机没有公文字体，PDF 用替代字体印出（DOCX 仍写公文字体的名称）：{'；'.join(fonts)}；"
            "装上所缺的字体后重新生成即可",
        )
    own = {name: [m for m in dict.fromkeys(found) if m not in common] for name, found in messages.items()}
    return common, {name: found for name, found in own.items() if found}


def report(outcomes: Sequence[Outcome], out: TextIO) -> None:
    """The warnings and failures of a run, and its totals, for a person."""
    common, own = shared_warnings(outcomes)
    alike = "（各份报告相同）" if sum(not o.skipped for o in outcomes) > 1 else ""
    for warning in common:
        print(f"警告{alike}：{warning}", file=out)
    for name, found in own.items():
        for warning in found:
            print(f"警告：{name}：{warning}", file=out)
    failed = [o for o in outcomes if o.failed]
    if failed:
        rest = "（其余已生成）" if len(failed) < len(outcomes) else ""
        print(f"错误：{len(failed)} 份报告没有生成{rest}：", file=out)
        print("  报告｜阶段｜原因", file=out)
        for o in failed:
            print(f"  {o.name}｜{o.stage}｜{o.message}", file=out)
    made = sum(1 for o in outcomes if o.written)
    skipped = sum(o.skipped for o in outcomes)
    if len(outcomes) > 1 or skipped:
        print(
            f"共 {len(outcomes)} 份：生成 {made}，已是最新而跳过 {skipped}（--force 重新生成），失败 {len(failed)}",
            file=out,
        )
