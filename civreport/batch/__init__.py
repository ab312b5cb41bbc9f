"""Many documents in one run: render's --jobs, and ``civreport batch`` over a manifest of units
and periods with roll-ups up the organisation tree. Each document is made whole or not at all
in a worker (process, thread or Dask); a run resumes where its outputs are up to date.

>>> jobs = load_manifest("batch.yaml")                 # doctest: +SKIP
>>> outcomes = run(jobs, workers=2)                    # doctest: +SKIP
>>> outcomes = run(jobs, executor=my_executor)         # any concurrent.futures.Executor  # doctest: +SKIP
"""

from __future__ import annotations

from .executors import DASK_SETTINGS, EXECUTOR_HELP
from .jobs import Job, Outcome, Read
from .manifest import load_manifest
from .progress import Progress, progress_for
from .runner import report, run, shared_warnings
from .worker import WORKER_MEMORY_MB

__all__ = [
    "DASK_SETTINGS",
    "EXECUTOR_HELP",
    "WORKER_MEMORY_MB",
    "Job",
    "Outcome",
    "Progress",
    "Read",
    "load_manifest",
    "progress_for",
    "report",
    "run",
    "shared_warnings",
]
