"""Where documents are made: a pool of worker processes on this machine (the default), threads,
or a Dask cluster (``civreport[dask]``): a scheduler's address, or a local cluster."""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import os
import signal
import sys
import threading
import uuid
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .jobs import Job, Outcome
from .worker import resident_mb, run_job, run_jobs, warm_up

if TYPE_CHECKING:
    from concurrent.futures import Executor, ProcessPoolExecutor

Task = Callable[[Sequence[Job]], list[Outcome]]

EXECUTOR_HELP = "process（默认，本机多进程）、thread、dask（本机 Dask 集群）或 dask://主机:端口（已有的 Dask 集群）"

# What Dask does beside the documents, cut: the local cluster's settings, and those to give a
# cluster of one's own (README, "A province on a cluster").
DASK_SETTINGS = Path(__file__).with_name("dask.yaml")

# Dask's own work around each task (some 4.5 ms of CPU over the client, scheduler and worker,
# against 80-180 ms a document) is shared by the documents of a task: four keep it within
# 1-2% of a document's CPU, and each thread of the cluster still gets several tasks.
DASK_MOST_PER_TASK = 4

# In a pool's worker process: whether Ctrl-C has come, and whether a document is being made.
_interrupted = False
_busy = False


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C reaches the workers too (the terminal signals the whole process group). It stops
    the document in hand; a worker between documents would die with a traceback in the pool's
    own code, so it goes on quietly until the pool is closed."""
    global _interrupted
    _interrupted = True
    if _busy:
        raise KeyboardInterrupt


def _start_worker() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)  # ignored from the fork until now: see _deaf_forkserver
    warm_up()


def in_worker(job: Job, memory_mb: float) -> tuple[Outcome, bool]:
    """``run_job`` in a pool's worker, and whether the worker has passed ``memory_mb`` and is to
    be retired; none starts once Ctrl-C has come (the documents already queued for the worker
    cannot be cancelled)."""
    global _busy
    if _interrupted:
        raise KeyboardInterrupt
    _busy = True
    try:
        return run_job(job), resident_mb() > memory_mb
    finally:
        _busy = False


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Workers that load the PDF writer once (forkserver: fresh processes, without the parent's
    state); their documents are made with ``in_worker``. Not max_tasks_per_child: it deadlocks
    once workers are replaced (CPython gh-115634, 3.11 to 3.14), and the executor takes a
    worker that ends on its own for a broken pool; so the runner replaces the whole pool, each
    worker ending normally, once a worker says it has passed the memory limit."""
    return _forkserver_pool(workers, _start_worker)


def reading_pool(workers: int) -> ProcessPoolExecutor:
    """Processes that read a run's inputs before its documents are made (batch.reading): fresh
    from the fork server, as the workers are, without the PDF writer they load. Ctrl-C stops the
    run in the main process; these finish the file in hand and end with the pool."""
    return _forkserver_pool(workers, None)


def _forkserver_pool(workers: int, initializer: Callable[[], None] | None) -> ProcessPoolExecutor:
    # Imported here: a render of one document, in this process, need not load them (some 10 ms).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _deaf_forkserver()
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("forkserver"), initializer=initializer
    )


class _Stopped(BaseException):
    """Raised in a Dask worker's thread making a document of a run stopped by Ctrl-C; not an
    Exception, so that no stage of the document takes it for a failure of its own."""


# In a Dask worker: the runs stopped by Ctrl-C, and which run each thread's document is of.
_stopped_runs: set[str] = set()
_making: dict[int, str] = {}
_making_lock = threading.Lock()


def in_dask_worker(jobs: Sequence[Job], memory_mb: float, run_id: str) -> list[Outcome]:
    """``run_job`` for each of ``jobs`` on a Dask worker, which retires once it has passed
    ``memory_mb``; none starts once its run is stopped."""
    outcomes = []
    for job in jobs:
        with _making_lock:  # a stop comes before this, and the document never starts, or after
            if run_id in _stopped_runs:
                raise _Stopped
            _making[threading.get_ident()] = run_id
        try:
            outcomes.append(run_job(job))
        finally:
            with _making_lock:  # the stop is raised here or not at all: never in Dask's own code
                del _making[threading.get_ident()]
    if resident_mb() > memory_mb:
        # Only ever run on a Dask worker, whose process has loaded distributed already.
        distributed: Any = sys.modules["distributed"]
        worker = distributed.get_worker()
        worker.loop.add_callback(_retire, worker, worker.get_current_task())
    return outcomes


def _stop_run(run_id: str) -> None:
    """On each Dask worker when Ctrl-C stops a run: its documents in hand stop, as a pool's
    do when the signal reaches them (Dask cancels a task only before it starts), and none of
    its tasks that the cancellation has not reached yet starts."""
    with _making_lock:
        _stopped_runs.add(run_id)
        for ident, run in _making.items():
            if run == run_id:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Stopped))


async def _retire(worker: Any, key: object) -> None:
    """Once the client has the document's outcome (it lets go of it, and the worker forgets the
    task), the worker retires as one at the end of its ``--lifetime`` does: it takes no new
    task, hands its results over, ends normally (its finalizers run) and its nanny starts a new
    one. Retiring before that lost the outcome when the other workers were retiring too, and
    the document was made again, and again."""
    import asyncio  # in a Dask worker only: a render need not load it

    while key in worker.state.tasks:
        await asyncio.sleep(0.05)
    await worker.close_gracefully(restart=True, reason="civreport-worker-memory")


def _deaf_forkserver() -> None:
    """Start the fork server with Ctrl-C ignored: an ignored signal stays ignored across exec,
    so Python starts there ignoring it, and the workers it forks start ignoring it too, until
    their handler is in place (_start_worker). A Ctrl-C while the fork server started, or
    between a worker's fork and its handler, killed them with tracebacks and broke the pool."""
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()  # only the main thread may touch signals: start it as it is
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupt(pool: ProcessPoolExecutor) -> None:
    """Stop the documents a pool's workers have in hand, as Ctrl-C does when it reaches them:
    a run stopped by SIGTERM to its main process alone stops at once too, and leaves no worker
    behind once the pool is closed."""
    # The executor keeps no public list of its workers; _processes is CPython's own (3.9–3.14).
    for process in list((pool._processes or {}).values()):
        with contextlib.suppress(ProcessLookupError):
            if process.pid:
                os.kill(process.pid, signal.SIGINT)


@dataclass(frozen=True)
class Workers:
    """An executor, what it runs for each task (a few jobs), how Ctrl-C stops the documents in
    hand, how many documents it makes at once and the most a task may hold."""

    executor: Executor
    task: Task = run_jobs
    stop: Callable[[], object] = lambda: None
    threads: int = 1
    most_per_task: int = 1


def open_executor(spec: str, workers: int, memory_mb: float, stack: ExitStack) -> Workers:
    """The executor ``spec`` names (other than the default process pool), closed with ``stack``."""
    if spec == "thread":
        from concurrent.futures import ThreadPoolExecutor

        return Workers(stack.enter_context(ThreadPoolExecutor(max_workers=workers)), threads=workers)
    if spec == "dask" or spec.startswith(("dask://", "tcp://")):
        client, run_id = dask_client(spec, workers, stack), uuid.uuid4().hex
        return Workers(
            client.get_executor(pure=False),
            partial(in_dask_worker, memory_mb=memory_mb, run_id=run_id),
            partial(client.run, _stop_run, run_id),
            threads=sum(client.nthreads().values()) or workers,
            most_per_task=DASK_MOST_PER_TASK,
        )
    raise InputError.single(spec, f"未知的执行方式：应为 {EXECUTOR_HELP}")


def _settings(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A Dask configuration file's settings by their dotted names, as ``dask.config.set``
    takes them (a nested mapping would replace whole sections)."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= _settings(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def dask_client(spec: str, workers: int, stack: ExitStack) -> Any:
    """A client of the Dask cluster ``spec`` names (``dask``: a local cluster of ``workers``
    processes, with civreport's Dask settings), closed with ``stack``."""
    try:
        dask: Any = importlib.import_module("dask")  # untyped: used through Any
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError:
        raise InputError.single(spec, "需要安装 Dask：pip install 'civreport[dask]'") from None
    if spec == "dask":
        # Set while the cluster runs: a nanny reads Dask's settings again for each worker it
        # starts in place of one retired (its copy shares Dask's own).
        stack.enter_context(dask.config.set(_settings(next(dask.config.collect_yaml([str(DASK_SETTINGS)])))))
        # memory_limit=0: no memory monitor of Dask's own (every 100 ms); civreport's limit
        # recycles the workers.
        cluster = stack.enter_context(
            distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=0
            )
        )
        return stack.enter_context(distributed.Client(cluster))
    host, _, port = spec.removeprefix("dask://").removeprefix("tcp://").rpartition(":")
    if not host or not port.isdigit():
        raise InputError.single(spec, "Dask 集群的地址应写作 dask://主机:端口，如 dask://10.0.0.5:8786")
    address = f"tcp://{host}:{port}"
    try:
        return stack.enter_context(distributed.Client(address, timeout=30))
    except (OSError, ValueError):  # its messages are English: say what to check instead
        raise InputError.single(
            spec, f"无法在 30 秒内连接 Dask 集群 {address}：请确认调度器已启动、地址和端口无误、本机能访问它"
        ) from None
