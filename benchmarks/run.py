"""Speed and memory of the writers, reported as numbers (targets in the README).

Usage: python benchmarks/run.py [--renders N]
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pymupdf

import civreport

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def bench_pdf(renders: int) -> None:
    print("PDF (WeasyPrint; font configuration and stylesheet reused)")
    start = time.perf_counter()
    first = civreport.render_pdf(civreport.load(SAMPLES[0]))
    print(f"  first render incl. import and font set-up: {time.perf_counter() - start:.2f} s")
    del first
    for sample in SAMPLES:
        report = civreport.load(sample)
        data = civreport.render_pdf(report)
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            n = doc.page_count
        t = statistics.median(timed(lambda report=report: civreport.render_pdf(report), 5))
        print(f"  {sample.stem:36s} {n:2d} pages  {t:.3f} s/PDF  {n / t:5.1f} pages/s")
    report = civreport.load(SAMPLES[0])
    gc.collect()
    before = rss_mb()
    marks = []
    for i in range(renders):
        civreport.render_pdf(report)
        if (i + 1) % (renders // 4 or 1) == 0:
            gc.collect()
            marks.append(rss_mb())
    print(f"  memory over {renders} renders: start {before:.0f} MB, then " + ", ".join(f"{m:.0f}" for m in marks) + " MB")


def bench_docx() -> None:
    print("DOCX (python-docx; prepared template reused)")
    start = time.perf_counter()
    civreport.render_docx(civreport.load(SAMPLES[0]))
    print(f"  first render incl. import and template set-up: {time.perf_counter() - start:.2f} s")
    for sample in SAMPLES:
        report = civreport.load(sample)
        t = statistics.median(timed(lambda report=report: civreport.render_docx(report), 20))
        print(f"  {sample.stem:36s} {t * 1000:6.1f} ms/DOCX")
    script = (f"import sys, civreport.cli as c; c.main(['render', {str(SAMPLES[0])!r}, '--to', 'docx', '--out', '/tmp']); "
              "print('weasyprint' in sys.modules)")
    imported = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout.split()[-1]
    print(f"  `civreport render --to docx` imports WeasyPrint: {imported}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=100)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    bench_docx()
    bench_pdf(args.renders)


if __name__ == "__main__":
    main()
