"""Batch throughput: 1,000 reports (the samples, each office renamed) to DOCX and PDF with
``civreport render --jobs 1`` and ``--jobs 2``, wall time and the peak memory of the largest
process (a worker, or the one process with --jobs 1), in rounds that alternate the two.

Usage: python benchmarks/batch.py [--reports N] [--rounds N]
Targets (issue 14): at least 1.8× from the second core; under 2 minutes for 1,000 on 2 cores.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
CLI = Path(sys.executable).parent / "civreport"


def _peaks(root: int) -> dict[int, int]:
    """The peak resident set (VmHWM, kB) of ``root`` and every process under it, now."""
    parents: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
            parents[int(status.parent.name)] = int(fields["PPid"])
        except (OSError, KeyError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    peaks = {}
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = int(line.split()[1])
        except OSError:
            continue
    return peaks


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


def run_once(inputs: list[Path], out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds of one run that makes every document anew, the peak MB of its main process
    and of its largest worker (polled from /proc while it runs)."""
    command = [
        str(CLI),
        "render",
        *map(str, inputs),
        "--to",
        "docx,pdf",
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--force",
        "--quiet",
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid, peak in _peaks(process.pid).items():
            peaks[pid] = max(peak, peaks.get(pid, 0))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"civreport render failed ({process.returncode})")
    main_peak = peaks.pop(process.pid, 0)
    return wall, main_peak / 1024, max(peaks.values(), default=main_peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = make_inputs(Path(tmp), args.reports)
        runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
        for _ in range(args.rounds):
            for jobs in (1, 2):
                runs[jobs].append(run_once(inputs, Path(tmp) / f"out{jobs}", jobs))
    one, two = (statistics.median(t for t, _, _ in runs[j]) for j in (1, 2))
    print(f"batch: {args.reports} reports to DOCX+PDF, median of {args.rounds} round(s)")
    for jobs, wall in ((1, one), (2, two)):
        main_peak, worker_peak = max(m for _, m, _ in runs[jobs]), max(w for _, _, w in runs[jobs])
        workers = f", largest worker {worker_peak:.0f} MB" if jobs > 1 else ""
        print(
            f"  --jobs {jobs}: {wall:.1f} s ({wall / args.reports * 1000:.0f} ms a report), "
            f"main process {main_peak:.0f} MB{workers}"
        )
    print(
        f"  speed-up from the second core: {one / two:.2f}× (target at least 1.8×); "
        f"{two:.0f} s for {args.reports} on 2 cores (target under 120 s for 1,000)"
    )


if __name__ == "__main__":
    main()
