"""Speed and memory of civreport, measured side by side with its peers in one run.

Every comparison runs interleaved rounds (A, B, A, B …) and reports medians, so that a
machine that drifts affects both sides alike. Sections (all by default):

  import     ``import civreport`` in fresh processes
  docx       civreport's DOCX (the whole pipeline from the report) against docxtpl filling a
             template with the same composed text
  render     ``civreport render --to html,pdf,docx`` per report, this checkout against the
             version before the one-page pipeline (git revision BEFORE)
  pdf        PDF time per page, and memory over consecutive renders

Usage: python benchmarks/run.py [SECTION ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
BEFORE = "022dc04"  # the last revision whose writers each composed and rendered on their own


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[list[float], list[float]]:
    """Times of ``a`` and ``b``, alternating, after one warm-up each."""
    a(), b()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for fn, out in ((a, times[0]), (b, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return times


# -- import ----------------------------------------------------------------------------------


def bench_import(rounds: int) -> None:
    code = "import time; t = time.perf_counter(); import civreport; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(rounds)]
    print(f"import civreport: median {median_ms(runs):.0f} ms over {rounds} fresh processes "
          f"(min {min(runs) * 1000:.0f}, max {max(runs) * 1000:.0f}); target at most 150 ms")


# -- docx against docxtpl --------------------------------------------------------------------


def docxtpl_template() -> bytes:
    """A docxtpl template of a summary: title, opening, parts with their paragraphs and items,
    sign-off; each in a style of its own, as an office would make one in Word."""
    import docx

    document = docx.Document()
    for line, style in (
        ("{{ title }}", "Title"),
        ("{%p for text in opening %}", None), ("{{ text }}", None), ("{%p endfor %}", None),
        ("{%p for part in parts %}", None), ("{{ part.heading }}", "Heading 1"),
        ("{%p for text in part.texts %}", None), ("{{ text }}", None), ("{%p endfor %}", None),
        ("{%p for item in part.children %}", None), ("{{ item.heading }}", "Heading 2"),
        ("{%p for text in item.texts %}", None), ("{{ text }}", None), ("{%p endfor %}", None),
        ("{%p endfor %}", None), ("{%p endfor %}", None),
        ("{{ signoff }}", None), ("{{ date }}", None),
    ):
        document.add_paragraph(line, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bench_docx(rounds: int) -> None:
    from docxtpl import DocxTemplate

    import civreport
    from civreport.compose import compose

    print("DOCX: civreport (report → page → DOCX) against docxtpl (the same composed text into a template)")
    template = docxtpl_template()
    ratios = []
    for sample in SAMPLES:
        report = civreport.load(sample)
        doc = compose(report)
        context = {
            "title": doc.title, "opening": doc.opening, "signoff": doc.signoff.name, "date": doc.signoff.date,
            "parts": [{"heading": s.heading, "texts": s.texts,
                       "children": [{"heading": c.heading, "texts": c.texts} for c in s.children]}
                      for s in doc.sections],
        }

        def peer(context: dict[str, object] = context) -> bytes:
            filled = DocxTemplate(io.BytesIO(template))
            filled.render(context)
            out = io.BytesIO()
            filled.save(out)
            return out.getvalue()

        ours, theirs = interleaved(lambda report=report: civreport.render_docx(report), peer, rounds)
        ratio = statistics.median(ours) / statistics.median(theirs)
        ratios.append(ratio)
        print(f"  {sample.stem:32s} civreport {median_ms(ours):6.1f} ms   docxtpl {median_ms(theirs):6.1f} ms   "
              f"ratio {ratio:.2f}")
    print(f"  median ratio {statistics.median(ratios):.2f} (target at most 0.70)")


# -- render --to html,pdf,docx, before and after ---------------------------------------------

_WORKER = textwrap.dedent("""\
    import contextlib, io, sys, tempfile, time, warnings
    warnings.simplefilter("ignore")
    sys.path.insert(0, sys.argv[1])
    import civreport.cli as cli
    out = tempfile.mkdtemp()
    for line in sys.stdin:
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the names of the files written
            code = cli.main(["render", line.strip(), "--to", "html,pdf,docx", "--out", out])
        print(time.perf_counter() - start if code == 0 else -1, flush=True)
    """)


class Worker:
    """A process that renders with the civreport found at ``path``, one report per request."""

    def __init__(self, path: Path):
        self.process = subprocess.Popen([sys.executable, "-c", _WORKER, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=path)

    def render(self, sample: Path) -> float:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{sample}\n")
        self.process.stdin.flush()
        seconds = float(self.process.stdout.readline())
        if seconds < 0:
            raise RuntimeError(f"render failed: {sample}")
        return seconds

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def bench_render(rounds: int) -> None:
    print(f"civreport render --to html,pdf,docx, per report: before ({BEFORE}) and now, in-process, warm")
    with tempfile.TemporaryDirectory() as before_dir:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", BEFORE, "civreport", "templates"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", before_dir], input=archive, check=True)
        before, now = Worker(Path(before_dir)), Worker(ROOT)
        try:
            for sample in SAMPLES:
                old, new = interleaved(lambda s=sample: before.render(s), lambda s=sample: now.render(s), rounds)
                print(f"  {sample.stem:32s} before {median_ms(old):6.0f} ms   now {median_ms(new):6.0f} ms   "
                      f"ratio {statistics.median(new) / statistics.median(old):.2f}")
        finally:
            before.close()
            now.close()


# -- pdf -------------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def bench_pdf(rounds: int, renders: int = 100) -> None:
    import gc

    import pymupdf

    import civreport

    print("PDF (WeasyPrint; font configuration and stylesheet reused)")
    for sample in SAMPLES:
        page = civreport.render_page(civreport.load(sample))
        data = civreport.write(page, "pdf")
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            count = pdf.page_count
        times, _ = interleaved(lambda page=page: civreport.write(page, "pdf"), lambda: None, rounds)
        print(f"  {sample.stem:32s} {count:2d} pages  {median_ms(times):5.0f} ms/PDF  "
              f"{median_ms(times) / count:5.1f} ms/page")
    page = civreport.render_page(civreport.load(SAMPLES[0]))
    gc.collect()
    marks = [rss_mb()]
    for i in range(renders):
        civreport.write(page, "pdf")
        if (i + 1) % (renders // 4) == 0:
            gc.collect()
            marks.append(rss_mb())
    print(f"  memory over {renders} renders: " + ", ".join(f"{m:.0f}" for m in marks) + " MB")


SECTIONS = {"import": bench_import, "docx": bench_docx, "render": bench_render, "pdf": bench_pdf}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=", ".join(SECTIONS))
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    warnings.simplefilter("ignore")
    for name in args.sections or SECTIONS:
        SECTIONS[name](args.rounds)


if __name__ == "__main__":
    main()
