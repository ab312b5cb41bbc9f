"""Batch throughput, side by side in one run: N reports (the samples, each office renamed) to
DOCX and PDF with ``civreport render`` on one process (``--jobs 1``), on a pool of two worker
processes (``--jobs 2``) and on a local Dask cluster of two workers (``--executor dask --jobs
2``), in interleaved rounds, medians. For each: wall seconds, CPU a report (every process of
the run: the main process, the workers, the fork server), and the resident memory of the
largest worker early in the run and late in it (flat or not), with how many worker processes
the run used (a worker is retired past the memory limit and replaced). Each side also makes a
quarter of the reports in each round: the difference is the CPU of a report past what a run
costs once (starting workers or a cluster, loading the PDF writer), which short runs hide.

Usage: python benchmarks/batch.py [--reports N] [--rounds N] [--worker-memory MB]
Goals (issue 28): at least 1.85× from the second core, at most 120 s for 1,000 on 2 cores;
Dask's CPU a report that of the pool; worker memory flat.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from run import installed_env

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
CLI = Path(sys.executable).parent / "civreport"
SIDES = {
    "pool, --jobs 1": ["--jobs", "1"],
    "pool, --jobs 2": ["--jobs", "2"],
    "Dask local cluster, --jobs 2": ["--jobs", "2", "--executor", "dask"],
}
WORKER_MB = 50  # a process of the run with no child, larger than this, is a worker (not the fork server)


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, every process of the run
    early: float  # MB: the largest worker's resident memory in the run's second fifth
    late: float  # MB: and in its last fifth
    workers: int  # worker processes seen


def _workers(root: int) -> dict[int, int]:
    """The resident memory (kB) of the workers under ``root``, now."""
    parents, rss = {}, {}
    # Not Path.glob: it stats each entry it lists, and raised for a process gone in between.
    for pid in (int(name) for name in os.listdir("/proc") if name.isdigit()):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
            parents[pid] = int(fields["PPid"])
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
        except (OSError, KeyError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    leaves = tree - {root} - {parents[pid] for pid in tree if pid in parents}
    return {pid: rss[pid] for pid in leaves if rss.get(pid, 0) > WORKER_MB * 1024}


def _reap_orphans() -> None:
    """Wait for the run's processes that outlived their parents (the fork server): this
    process is their subreaper, so their CPU time counts in RUSAGE_CHILDREN."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_inputs(directory: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        sample = SAMPLES[n % len(SAMPLES)]
        text = sample.read_text(encoding="utf-8")
        text = re.sub(r"^office: .*$", f"office: 第{n + 1}街道办事处", text, count=1, flags=re.M)
        path = directory / f"r{n:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run_once(inputs: list[Path], out: Path, options: list[str], worker_memory: int) -> Run:
    """One run that makes every document anew, its memory polled from /proc while it runs."""
    command = [str(CLI), "render", *map(str, inputs), "--to", "docx,pdf", "--out", str(out), "--force", "--quiet"]
    command += [*options, "--worker-memory", str(worker_memory)]
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=installed_env()
    )
    samples: list[tuple[float, int]] = []  # (seconds, the largest worker's kB)
    seen: set[int] = set()
    while process.poll() is None:
        workers = _workers(process.pid)
        seen |= set(workers)
        samples.append((time.perf_counter() - start, max(workers.values(), default=0)))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    _, err = process.communicate()
    _reap_orphans()
    if process.returncode:
        raise SystemExit(f"civreport render {' '.join(options)} failed ({process.returncode}): {err[-2000:]}")

    def largest(low: float, high: float) -> float:
        return max((kb for t, kb in samples if low * wall <= t < high * wall), default=0) / 1024

    return Run(wall, _children_cpu() - cpu, largest(0.2, 0.4), largest(0.8, 1.0), len(seen))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker-memory", type=int, default=None, help="MB (default civreport's)")
    args = parser.parse_args()
    from civreport.batch import WORKER_MEMORY_MB

    memory = args.worker_memory or WORKER_MEMORY_MB
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans of a run are reaped here
    runs: dict[str, list[Run]] = {side: [] for side in SIDES}
    quarters: dict[str, list[Run]] = {side: [] for side in SIDES}
    quarter = max(1, args.reports // 4)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = make_inputs(Path(tmp), args.reports)
        for _ in range(args.rounds):
            for n, (side, options) in enumerate(SIDES.items()):
                runs[side].append(run_once(inputs, Path(tmp) / f"out{n}", options, memory))
                quarters[side].append(run_once(inputs[:quarter], Path(tmp) / f"quarter{n}", options, memory))
    print(
        f"batch: {args.reports} reports to DOCX+PDF, medians of {args.rounds} interleaved round(s); "
        f"workers retired past {memory} MB"
    )
    print(
        "  side                            wall s   ms a report   CPU ms a report (past the first quarter)   "
        "largest worker early/late MB   workers"
    )
    median: dict[str, Run] = {}
    marginal: dict[str, float] = {}  # CPU seconds a report past the first quarter
    for side, done in runs.items():
        median[side] = Run(*(statistics.median(getattr(r, f) for r in done) for f in Run.__dataclass_fields__))
        m = median[side]
        marginal[side] = statistics.median(
            (r.cpu - q.cpu) / (args.reports - quarter) for r, q in zip(done, quarters[side], strict=True)
        )
        cpu_text = f"{m.cpu / args.reports * 1000:.0f} ({marginal[side] * 1000:.0f})"
        memory_text = f"{m.early:.0f} / {m.late:.0f}" if m.workers else "(no worker: the main process)"
        print(
            f"  {side:<30} {m.wall:7.1f}   {m.wall / args.reports * 1000:11.0f}   "
            f"{cpu_text:>42}   {memory_text:>28}   {m.workers:7.0f}"
        )
    alone, pool, dask = SIDES
    print(
        f"  speed-up from the second core (pool): {median[alone].wall / median[pool].wall:.2f}× "
        f"(goal at least 1.85×); {median[pool].wall / args.reports * 1000:.0f} s for 1,000 on 2 cores "
        "at this rate (goal at most 120 s)"
    )
    print(
        f"  CPU a report, Dask / pool: {median[dask].cpu / median[pool].cpu:.2f}; past the first quarter "
        f"{marginal[dask] / marginal[pool]:.2f} (goal 1.0)"
    )


if __name__ == "__main__":
    main()
