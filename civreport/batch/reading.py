"""A run's inputs read before any of its documents is made, so that one bad input writes
nothing: on the cores the documents will take, when there are many. Reading a report (its YAML,
the model) takes some 6 ms; read here one after another, 1,000 inputs kept a core idle for 6 s
before the workers started (render --jobs 2 made them 1.75× faster than one process, not 1.9×)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Diagnostics
from ..errors import InputError, Problem
from ..readers import LoadedReport, load
from .jobs import worker_count

# Fewer inputs are read in this process: sooner than processes start and import the model.
PARALLEL_FROM = 64

# A report with what reading it had to tell, or what is wrong with the input.
Reading = tuple[LoadedReport, Diagnostics] | list[Problem]


def read_one(path: Path) -> Reading:
    """The report ``path`` holds, with what reading it had to tell; or what is wrong with it."""
    diagnostics = Diagnostics()
    try:
        return load(path, diagnostics=diagnostics), diagnostics
    except InputError as exc:
        return list(exc.problems)


def read_inputs(paths: Sequence[Path], workers: int | None = None) -> list[Reading]:
    """Each of ``paths`` read (:func:`read_one`), in order; on up to ``workers`` processes (by
    default, and at most, the cores) when there are :data:`PARALLEL_FROM` or more."""
    workers = min(worker_count(workers), worker_count())
    if workers < 2 or len(paths) < PARALLEL_FROM:
        return [read_one(path) for path in paths]
    from .executors import reading_pool

    pool = reading_pool(workers)
    try:
        return list(pool.map(read_one, paths, chunksize=max(1, len(paths) // (8 * workers))))
    except KeyboardInterrupt:  # what has not started never does
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown()
