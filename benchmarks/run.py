"""Speed and memory of civreport, measured side by side with its peers in one run.

Every comparison runs interleaved rounds (A, B, A, B …) and reports medians, so that a
machine that drifts affects both sides alike. Sections (all by default):

  docx       civreport's DOCX (the whole pipeline from the report) against docxtpl filling a
             template with the same composed text
  render     ``civreport render --to html,pdf,docx`` per report, this checkout against the
             version before the one-page pipeline (git revision BEFORE)
  pdf        PDF time per page, civreport's part and WeasyPrint's phases, this checkout against
             the version before the PDF's markup was cut (git revision BEFORE_PDF); memory over
             consecutive renders
  refusals   hostile inputs of the test suite (templates, YAML, alias and zip bombs) refused,
             and the longest titles composed: the slowest of each kind

Usage: python benchmarks/run.py [SECTION ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from collections.abc import Callable, Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
BEFORE = "022dc04"  # the last revision whose writers each composed and rendered on their own
BEFORE_PDF = "6c2cfb4"  # the last revision whose PDFs parsed the page's stylesheets anew and styled spans inline


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def interleaved(*functions: Callable[[], object], rounds: int) -> list[list[float]]:
    """Times of each of ``functions``, one after the other in each round, after one warm-up each."""
    for fn in functions:
        fn()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(rounds):
        for fn, out in zip(functions, times):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return times


def installed_env() -> dict[str, str]:
    """This environment with bytecode written and read, as an installed package has it: without
    it every module of civreport is compiled from source on each start (some 0.1 s a process)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def process_cpu(argv: list[str], **options: object) -> tuple[float, float]:
    """Wall and CPU seconds (user and system, its children's included) of one whole process."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, **options)  # type: ignore[call-overload]
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# -- docx against docxtpl --------------------------------------------------------------------


def docxtpl_template() -> bytes:
    """A docxtpl template of a summary: title, opening, parts with their paragraphs and items,
    sign-off; each in a style of its own, as an office would make one in Word."""
    import docx

    document = docx.Document()
    for line, style in (
        ("{{ title }}", "Title"),
        ("{%p for text in opening %}", None),
        ("{{ text }}", None),
        ("{%p endfor %}", None),
        ("{%p for part in parts %}", None),
        ("{{ part.heading }}", "Heading 1"),
        ("{%p for text in part.texts %}", None),
        ("{{ text }}", None),
        ("{%p endfor %}", None),
        ("{%p for item in part.children %}", None),
        ("{{ item.heading }}", "Heading 2"),
        ("{%p for text in item.texts %}", None),
        ("{{ text }}", None),
        ("{%p endfor %}", None),
        ("{%p endfor %}", None),
        ("{%p endfor %}", None),
        ("{{ signoff }}", None),
        ("{{ date }}", None),
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
        doc = compose(report.report)
        context = {
            "title": doc.title,
            "opening": doc.opening,
            "signoff": doc.signoff.name,
            "date": doc.signoff.date,
            "parts": [
                {
                    "heading": s.heading,
                    "texts": s.texts,
                    "children": [{"heading": c.heading, "texts": c.texts} for c in s.children],
                }
                for s in doc.sections
            ],
        }

        def peer(context: dict[str, object] = context) -> bytes:
            filled = DocxTemplate(io.BytesIO(template))
            filled.render(context)
            out = io.BytesIO()
            filled.save(out)
            return out.getvalue()

        ours, theirs = interleaved(lambda report=report: civreport.render_docx(report), peer, rounds=rounds)
        ratio = statistics.median(ours) / statistics.median(theirs)
        ratios.append(ratio)
        print(
            f"  {sample.stem:32s} civreport {median_ms(ours):6.1f} ms   docxtpl {median_ms(theirs):6.1f} ms   "
            f"ratio {ratio:.2f}"
        )
    print(f"  median ratio {statistics.median(ratios):.2f} (target at most 0.70)")


# -- render --to html,pdf,docx, before and after ---------------------------------------------

_WORKER = textwrap.dedent("""\
    import contextlib, io, sys, tempfile, time, warnings
    warnings.simplefilter("ignore")
    sys.path.insert(0, sys.argv[1])
    import civreport.cli as cli
    for line in sys.stdin:
        out = tempfile.mkdtemp()  # a fresh folder: nothing is up to date, everything is made
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the names of the files written
            code = cli.main(["render", line.strip(), "--to", "html,pdf,docx", "--out", out])
        print(time.perf_counter() - start if code == 0 else -1, flush=True)
    """)


class Worker:
    """A process that runs ``script`` with the civreport found at ``path``: one line in, one
    line out per report."""

    def __init__(self, path: Path, script: str = _WORKER):
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=path,
        )

    def ask(self, sample: Path) -> str:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{sample}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"render failed: {sample}")
        return answer

    def render(self, sample: Path) -> float:
        seconds = float(self.ask(sample))
        if seconds < 0:
            raise RuntimeError(f"render failed: {sample}")
        return seconds

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def checkout(revision: str, directory: str) -> Path:
    """The package and templates of ``revision``, in ``directory``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "civreport", "templates"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", directory], input=archive, check=True)
    return Path(directory)


def bench_render(rounds: int) -> None:
    print(f"civreport render --to html,pdf,docx, per report: before ({BEFORE}) and now, in-process, warm")
    with tempfile.TemporaryDirectory() as before_dir:
        before, now = Worker(checkout(BEFORE, before_dir)), Worker(ROOT)
        try:
            for sample in SAMPLES:
                try:
                    before.render(sample)
                except RuntimeError:  # a construct added since BEFORE
                    print(f"  {sample.stem:32s} (the version before cannot read this sample)")
                    before.close()
                    before = Worker(Path(before_dir))
                    continue
                old, new = interleaved(
                    lambda s=sample, b=before: b.render(s), lambda s=sample: now.render(s), rounds=rounds
                )
                print(
                    f"  {sample.stem:32s} before {median_ms(old):6.0f} ms   now {median_ms(new):6.0f} ms   "
                    f"ratio {statistics.median(new) / statistics.median(old):.2f}"
                )
        finally:
            before.close()
            now.close()


# -- pdf -------------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


# A worker's line that asks for WeasyPrint's PDF where the checkout has engines to choose from
# (the revisions measured before had WeasyPrint only): ``render_page(report, **WEASYPRINT)``.
WEASYPRINT_CHOSEN = (
    "import inspect\n"
    "WEASYPRINT = {'pdf_engine': 'weasyprint'} "
    "if 'pdf_engine' in inspect.signature(civreport.render_page).parameters else {}\n"
)

# Renders a report to its page and its PDF and answers, as JSON, the PDF's page count and the
# seconds spent: civreport's part (compose, Jinja, page build) and each phase of WeasyPrint's.
# Each phase is timed by a timer around WeasyPrint's function for it, less the phases it calls
# (a stylesheet parsed while styles are computed counts as parsing). Not cProfile: it doubles
# the time of the phases written in Python (styles, layout) and leaves those in C (subsetting,
# zlib) as they are, which skews the split.
_PDF_WORKER = (
    textwrap.dedent("""\
    import json, sys, time, warnings
    warnings.simplefilter("ignore")
    sys.path.insert(0, sys.argv[1])
    import pydyf, pymupdf, weasyprint, weasyprint.document as document, weasyprint.pdf as pdf
    import civreport
""")
    + WEASYPRINT_CHOSEN
    + textwrap.dedent("""

    spent, inner = {}, []

    def timed(phase, function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            inner.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                elapsed, nested = time.perf_counter() - start, inner.pop()
                spent[phase] = spent.get(phase, 0.0) + elapsed - nested
                if inner:
                    inner[-1] += elapsed
        return run

    def timed_pages(function):  # a generator: time each page it makes
        def run(*args, **kwargs):
            pages = function(*args, **kwargs)
            step = timed("layout", lambda: next(pages, None))
            while (page := step()) is not None:
                yield page
        return run

    weasyprint.HTML.__init__ = timed("parse", weasyprint.HTML.__init__)
    weasyprint.CSS.__init__ = timed("parse", weasyprint.CSS.__init__)
    document.get_all_computed_styles = timed("styles", document.get_all_computed_styles)
    document.build_formatting_structure = timed("layout", document.build_formatting_structure)
    document.layout_document = timed_pages(document.layout_document)
    document.Page.paint = timed("draw", document.Page.paint)
    pdf.build_fonts_dictionary = timed("fonts", pdf.build_fonts_dictionary)
    pydyf.PDF.write = timed("write", pydyf.PDF.write)

    reports = {}
    for line in sys.stdin:
        path = line.strip()
        if path not in reports:
            reports[path] = civreport.load(path)
        report = reports[path]
        spent.clear()
        start = time.perf_counter()
        page = civreport.render_page(report, **WEASYPRINT)
        middle = time.perf_counter()
        data = civreport.write(page, "pdf")
        end = time.perf_counter()
        with pymupdf.open(stream=data, filetype="pdf") as read:
            count = read.page_count
        print(json.dumps({"pages": count, "total": end - start, "ours": middle - start,
                          "other": end - middle - sum(spent.values()), **spent}), flush=True)
    """)
)

# The columns of the split, each the median over the rounds (so they need not add up to the total).
PDF_PHASES = {
    "ours": "compose, Jinja and the page build",
    "parse": "HTML and CSS parsed",
    "styles": "cascade and computed styles",
    "layout": "boxes, lines and pages",
    "draw": "the pages drawn",
    "fonts": "fonts subset and their PDF objects made",
    "write": "the file serialized and compressed (the font subsets most of it)",
    "other": "the rest (civreport's glyph check, PDF metadata)",
}


def bench_pdf(rounds: int, renders: int = 100) -> None:
    import gc

    import civreport

    print(f"PDF, ms per page, warm: before ({BEFORE_PDF}) and now, median of {rounds} interleaved rounds")
    for name, meaning in PDF_PHASES.items():
        print(f"  {name:7s} {meaning}")
    width = max(len(sample.stem) for sample in SAMPLES) + 12
    print(f"  {'':{width + 7}s}{'total':>7s}" + "".join(f"{name:>7s}" for name in PDF_PHASES))
    ratios = []
    with tempfile.TemporaryDirectory() as before_dir:
        before = Worker(checkout(BEFORE_PDF, before_dir), _PDF_WORKER)
        now = Worker(ROOT, _PDF_WORKER)
        try:
            for sample in SAMPLES:
                runs: tuple[list[dict[str, float]], list[dict[str, float]]] = ([], [])
                for worker in (before, now):
                    worker.ask(sample)  # warm-up
                for _ in range(rounds):
                    for worker, out in zip((before, now), runs):
                        out.append(json.loads(worker.ask(sample)))
                rows = [
                    {
                        key: statistics.median(run.get(key, 0.0) for run in side) * 1000 / side[0]["pages"]
                        for key in ("total", *PDF_PHASES)
                    }
                    for side in runs
                ]
                ratios.append(rows[1]["total"] / rows[0]["total"])
                for label, side, row in zip(
                    (f"{sample.stem} ({runs[0][0]['pages']:.0f} pages)", ""), ("before", "now"), rows
                ):
                    print(
                        f"  {label:{width}s}{side:>7s}" + "".join(f"{row[key]:7.1f}" for key in ("total", *PDF_PHASES))
                    )
        finally:
            before.close()
            now.close()
    print(f"  median ratio now / before {statistics.median(ratios):.2f}")
    page = civreport.render_page(civreport.load(SAMPLES[0]))
    civreport.write(page, "pdf")  # the default engine loaded and its fonts set up: what follows should stay flat
    gc.collect()
    marks = [rss_mb()]
    for i in range(renders):
        civreport.write(page, "pdf")
        if (i + 1) % (renders // 4) == 0:
            gc.collect()
            marks.append(rss_mb())
    print(f"  memory over {renders} renders: " + ", ".join(f"{m:.0f}" for m in marks) + " MB")


# -- refusals --------------------------------------------------------------------------------


def slowest(cases: dict[str, Callable[[], object]], rounds: int) -> tuple[str, float]:
    """The case with the longest median time over ``rounds``, and that median in seconds."""
    medians = {}
    for name, case in cases.items():
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            case()
            times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times)
    name = max(medians, key=medians.__getitem__)
    return name, medians[name]


def refusing(attempt: Callable[[], object], error: type[Exception]) -> Callable[[], None]:
    def case() -> None:
        with contextlib.suppress(error):
            attempt()

    return case


# A long office name composed in a fresh process: the first title loads jieba's dictionary.
FIRST_TITLE = """\
import sys, time, warnings
warnings.simplefilter("ignore")
import civreport
from civreport.compose import compose
report = civreport.Report.model_validate({"office": sys.argv[1], "period": "2024Q3", "subject": "创建全国文明城市"})
start = time.perf_counter()
compose(report)
print(time.perf_counter() - start)
"""


def bench_refusals(rounds: int) -> None:
    """The cases of the test suite's hostile-input tests, timed (the tests check what each gives;
    how long it takes depends on the machine, so it is measured here)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_hardening import ALIAS_BOMBS, HOSTILE_TEMPLATES, HOSTILE_YAML, LONG_OFFICE, LONG_TITLES
    from test_import_docx import bomb

    import civreport
    from civreport.compose import compose
    from civreport.readers.importing.word.body import read_docx

    from conftest import YAML, closing_block, make_report, office_with_template

    rounds = min(rounds, 3)  # the slowest cases take up to a second: three rounds give a steady median
    print(f"refusals and long titles, the slowest case of each kind (median of {rounds} rounds)")
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        (work / "r.yaml").write_text(YAML, encoding="utf-8")
        report = civreport.load(work / "r.yaml")
        templates = {}
        for n, (template, _) in enumerate(HOSTILE_TEMPLATES):
            profile = office_with_template(work / f"t{n}", closing_block(template))
            templates[template] = refusing(
                lambda p=profile: civreport.render_page(report, office=p), civreport.TemplateError
            )
        files = {}
        for n, text in enumerate([YAML + change for change, _ in HOSTILE_YAML]):
            (work / f"y{n}.yaml").write_text(text, encoding="utf-8")
            files[text[len(YAML) :]] = refusing(lambda n=n: civreport.load(work / f"y{n}.yaml"), civreport.InputError)
        bombs = {}
        for name, text in ALIAS_BOMBS.items():
            (work / f"{name}.yaml").write_text(text, encoding="utf-8")
            bombs[name] = refusing(lambda name=name: civreport.load(work / f"{name}.yaml"), civreport.InputError)
        zips = {}
        for size in (300_000_000, 20_000_000):
            data = bomb(size)
            zips[f"{size // 1_000_000} MB"] = refusing(
                lambda data=data: read_docx(data, "总结.docx"), civreport.InputError
            )
        titles = {
            f"title of {len(title)}": lambda title=title: compose(make_report(title=title)) for title in LONG_TITLES
        }
        titles["office of 100"] = lambda: compose(make_report(office=LONG_OFFICE))
        kinds = [
            ("hostile templates, refused", templates, 5.0),
            ("hostile YAML, refused", files, 2.0),
            ("alias bombs, refused", bombs, 3.0),
            ("zip bombs, refused", zips, 0.5),
            ("long titles, composed", titles, 2.0),
        ]
        for kind, cases, target in kinds:
            name, seconds = slowest(cases, rounds)
            print(
                f"  {kind:28s} {len(cases):3d} cases   slowest {seconds * 1000:7.1f} ms   target at most {target:g} s"
                f"   ({name[:40]!r})"
            )
    first = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_TITLE, LONG_OFFICE], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(rounds)
    ]
    print(
        f"  {'first title of a process':28s}   1 case    median  {median_ms(first):7.1f} ms   target at most 2 s"
        "   (the word dictionary loads)"
    )


SECTIONS = {
    "docx": bench_docx,
    "render": bench_render,
    "pdf": bench_pdf,
    "refusals": bench_refusals,
}


def chosen(description: str, sections: Collection[str], rounds: int) -> tuple[list[str], int]:
    """The sections named on the command line (all when none are) and the rounds asked for."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=", ".join(sections))
    parser.add_argument("--rounds", type=int, default=rounds)
    args = parser.parse_args()
    unknown = set(args.sections) - set(sections)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args.sections or list(sections), args.rounds


def main() -> None:
    names, rounds = chosen(__doc__ or "", SECTIONS, rounds=15)
    warnings.simplefilter("ignore")
    for name in names:
        SECTIONS[name](rounds)


if __name__ == "__main__":
    main()
