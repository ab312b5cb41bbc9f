"""Run a batch: the documents in waves (a roll-up after its sources), each wave spread over the
executor, each document all or nothing; then what to tell the user: the warnings (once when
every document raised the same one), the failures as a table."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, TextIO

from ..errors import FontSubstitutionWarning
from .executors import Workers, in_worker, interrupt, open_executor, process_pool
from .jobs import Job, Outcome, worker_count
from .progress import Progress, Quiet
from .worker import WORKER_MEMORY_MB, run_job, to_make

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future


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


def tasks(jobs: Sequence[Job], threads: int, most: int) -> list[tuple[Job, ...]]:
    """The jobs in tasks of up to ``most`` each, in order; fewer, so that each of ``threads``
    gets four tasks or more, when there are few jobs: no thread idles while another makes a
    long task at the end."""
    size = max(1, min(most, len(jobs) // (4 * threads)))
    return [tuple(jobs[start : start + size]) for start in range(0, len(jobs), size)]


def _run_on(on: Workers, jobs: list[Job], outcomes: dict[str, Outcome], progress: Progress) -> None:
    """The jobs in tasks on the executor. The documents of a task of several whose worker died
    (run_job itself never raises) are handed out again, a document a task, once the others are
    made: only the document that killed its worker, if one did, fails, not those it went with."""
    from concurrent.futures import as_completed  # here: one document in this process needs no executor

    again = tasks(jobs, on.threads, on.most_per_task)
    while again:
        futures = {on.executor.submit(on.task, task): task for task in again}
        again = []
        try:
            for future in as_completed(futures):
                task = futures.pop(future)  # let go: a Dask worker then drops the result it holds
                try:
                    made = future.result()
                except Exception as exc:
                    if len(task) > 1:
                        again += [(job,) for job in task]
                        continue
                    made = [_died(task[0], exc)]
                for outcome in made:
                    outcomes[outcome.name] = outcome
                    progress.advance(outcome)
        except KeyboardInterrupt:  # stop at once: what has not started never does
            for future in futures:
                future.cancel()
            on.stop()
            raise


def _died(job: Job, exc: Exception) -> Outcome:
    """The outcome of a job whose worker itself died (killed, out of memory)."""
    return Outcome(job.name, stage="内部错误", message=f"工作进程异常退出（{type(exc).__name__}）")


def _run_on_pools(
    jobs: list[Job], workers: int, memory_mb: float, outcomes: dict[str, Outcome], progress: Progress
) -> None:
    """The jobs on pools of ``workers`` processes, handed out one at a time (one spare, so that
    no worker waits): once a worker has passed ``memory_mb``, none is handed out, the pool ends
    when those in hand are made (each worker normally: its finalizers run) and a new one takes
    the rest. A worker that dies (killed, out of memory) takes the pool and the documents in hand
    with it: a new pool makes each of those again on its own, so that only a document that kills
    its worker fails, then the rest."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    left = deque(jobs)
    alone: deque[Job] = deque()  # in hand when a worker died
    while left or alone:
        with process_pool(workers) as pool:
            in_hand: dict[Future[tuple[Outcome, bool]], Job] = {}
            on_its_own: set[Future[tuple[Outcome, bool]]] = set()
            retiring = False  # a worker passed the memory limit, or died
            try:
                while in_hand or ((left or alone) and not retiring):
                    while not retiring and (not in_hand if alone else left and len(in_hand) <= workers):
                        queue = alone or left
                        job = queue.popleft()
                        try:
                            future = pool.submit(in_worker, job, memory_mb)
                        except BrokenProcessPool:  # a worker died since the last wait: not started
                            queue.appendleft(job)
                            retiring = True
                            break
                        in_hand[future] = job
                        if queue is alone:
                            on_its_own.add(future)
                    done, _ = wait(in_hand, return_when=FIRST_COMPLETED)
                    for future in done:
                        job = in_hand.pop(future)
                        try:
                            outcome, full = future.result()
                        except Exception as exc:  # its worker died (in_worker returns failures)
                            retiring = True
                            if future not in on_its_own:
                                alone.append(job)
                                continue
                            outcome, full = _died(job, exc), False
                        retiring |= full
                        outcomes[job.name] = outcome
                        progress.advance(outcome)
            except KeyboardInterrupt:
                for future in in_hand:
                    future.cancel()
                interrupt(pool)  # SIGTERM comes to this process alone: the workers stop too
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
    worker_memory: float = WORKER_MEMORY_MB,
) -> list[Outcome]:
    """Make every document of ``jobs``; their outcomes, in the jobs' order.

    ``executor`` is any :class:`concurrent.futures.Executor`, or the name of one
    (``process``, ``thread``, ``dask``, ``dask://host:port``); by default a pool of ``workers``
    processes (the number of cores), or this process alone when there is one worker or one
    document. A process worker, or a Dask worker with a nanny, whose resident memory has passed
    ``worker_memory`` MB after a document is retired and replaced: memory stays flat."""
    workers = worker_count(workers)
    progress = progress or Quiet()
    outcomes: dict[str, Outcome] = {}
    progress.start(len(jobs))
    on: Workers | None = None
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
                elif force:
                    stale.append(job)
                elif made := to_make(job):
                    stale.append(made)
                else:
                    outcomes[job.name] = Outcome(job.name, skipped=True)
                    progress.advance(outcomes[job.name])
            if not stale:
                continue
            if own_pool and (workers == 1 or len(jobs) == 1):
                for job in stale:
                    outcomes[job.name] = run_job(job)
                    progress.advance(outcomes[job.name])
            elif own_pool:
                _run_on_pools(stale, min(workers, len(stale)), worker_memory, outcomes, progress)
            else:
                if on is None:
                    assert executor is not None
                    on = (
                        open_executor(executor, workers, worker_memory, stack)
                        if isinstance(executor, str)
                        else Workers(executor)
                    )
                _run_on(on, stale, outcomes, progress)
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
