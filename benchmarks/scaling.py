"""How the cost of a report grows with its size, before (git revision BEFORE) and now: each in a
process of its own, in interleaved rounds, medians of the seconds (CPU time of the worker, so
that a busy machine moves the figures less). Sections (all by default):

  title      composing a report whose title has 50, 100, 150 and 200 characters (the word
             segmenter loaded before)
  paragraph  a report with one paragraph of 25,000, 50,000 and 100,000 Chinese characters,
             from its page to PDF bytes
  yaml       reading a file of 100,000 keys (within the bound on values; the model refuses it)
             and of 300,000 keys (past it)
  template   the template budget now: how long templates that do too much run before they are
             refused, and what the shipped template spends on the largest reports
  threads    a template that renders alone in about 2 s, rendered by 8 threads at once: before
             (a budget in seconds) and now (in work)

Usage: python benchmarks/scaling.py [SECTION ...] [--rounds N]
"""

from __future__ import annotations

import json
import statistics
import tempfile
import textwrap
from typing import Any

from run import ROOT, WEASYPRINT_CHOSEN, Worker, checkout, chosen

BEFORE = "a070070"  # the last revision before issue 20's superlinear costs were removed

# Answers each JSON request on stdin with the CPU seconds it took (or a word of what happened).
_WORKER = (
    textwrap.dedent("""\
    import json, sys, time, warnings, tempfile, pathlib, threading
    warnings.simplefilter("ignore")
    sys.path.insert(0, sys.argv[1])
    import civreport
    from civreport.compose import compose
    from civreport.errors import InputError, TemplateError
    from civreport.rendering import sandbox
""")
    + WEASYPRINT_CHOSEN
    + textwrap.dedent("""\

    BASE = {"office": "小河区创建全国文明城市工作领导小组办公室", "period": "2024Q3", "subject": "创建全国文明城市",
            "date": "2024-10-08", "measures": [{"items": [{"title": "强化组织领导", "body": ["成立创建工作领导小组。"]}]}]}
    SENTENCE = "我区坚持以创促建、以创惠民，围绕城市环境、公共秩序和市民素质，扎实推进各项创建工作，群众满意度持续提升。"
    TITLE = "关于进一步加强和改进新时代城市精神文明建设工作情况的报告"
    scratch = pathlib.Path(tempfile.mkdtemp())

    def report(**fields):
        return civreport.Report.model_validate({**BASE, **fields})

    def office(template):
        directory = scratch / str(abs(hash(template)))
        (directory / "templates").mkdir(parents=True, exist_ok=True)
        (directory / "templates" / "report.html.j2").write_text(
            '{% extends "civreport/report.html.j2" %}{% block closing %}' + template + "{% endblock %}", encoding="utf-8")
        (directory / "p.yaml").write_text("templates: templates\\n", encoding="utf-8")
        return directory / "p.yaml"

    def timed(action):
        start = time.process_time()
        try:
            action()
            outcome = "done"
        except (InputError, TemplateError) as exc:
            outcome = str(exc).rsplit("：", 1)[-1][:40]
        return {"seconds": time.process_time() - start, "outcome": outcome}

    pages = {}
    for line in sys.stdin:
        ask = json.loads(line)
        kind, size = ask["kind"], ask.get("size")
        if kind == "title":
            title = (TITLE * 10)[:size]
            answer = timed(lambda: compose(report(title=title)))
        elif kind == "pdf":
            if size not in pages:
                text = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
                pages[size] = civreport.render_page(report(opening=[text]), **WEASYPRINT)
            answer = timed(lambda: civreport.write(pages[size], "pdf"))
        elif kind == "yaml":
            path = scratch / f"keys{size}.yaml"
            if not path.exists():
                path.write_text("".join(f"k{i}: 值\\n" for i in range(size)), encoding="utf-8")
            answer = timed(lambda: civreport.load(path))
        elif kind == "template":
            profile = office(ask["template"])
            answer = timed(lambda: civreport.render_page(report(), office=profile))
        elif kind == "work":
            spent = []
            run = sandbox.Budget.run
            def recording(budget, chunks):
                try:
                    return run(budget, chunks)
                finally:
                    spent.append(budget.work)
            sandbox.Budget.run = recording
            answer = timed(lambda: civreport.render_page(report(**ask["fields"])))
            sandbox.Budget.run = run
            answer["share"] = spent[-1] / sandbox.MAX_WORK
        elif kind == "threads":
            profile = office(ask["template"])
            outcomes = []
            def render():
                try:
                    civreport.render_page(report(), office=profile)
                    outcomes.append("rendered")
                except TemplateError as exc:
                    outcomes.append("refused")
            start = time.perf_counter()
            threads = [threading.Thread(target=render) for _ in range(ask["threads"])]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            answer = {"seconds": time.perf_counter() - start, "outcome": ", ".join(sorted(outcomes))}
        print(json.dumps(answer), flush=True)
    """)
)


def ask(worker: Worker, **request: Any) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(worker.ask(json.dumps(request, ensure_ascii=False)))
    return answer


def side_by_side(before: Worker, now: Worker, kind: str, sizes: list[int], rounds: int, unit: str) -> None:
    """Medians of ``kind`` at each size, before and now; ×: the time over the row above's."""
    for worker in (before, now):
        ask(worker, kind=kind, size=sizes[0])  # warm-up: imports, fonts, the word segmenter
    medians: dict[str, list[float]] = {"before": [], "now": []}
    outcome = ""
    print(f"  {'':19s}{'before':>11s}{'now':>11s}{'×before':>9s}{'×now':>7s}")
    for size in sizes:
        times: dict[str, list[float]] = {"before": [], "now": []}
        for _ in range(rounds):
            for name, worker in (("before", before), ("now", now)):
                answer = ask(worker, kind=kind, size=size)
                times[name].append(float(answer["seconds"]))
                outcome = answer["outcome"]
        for name in medians:
            medians[name].append(statistics.median(times[name]))
        growth = "".join(f"{m[-1] / m[-2]:7.2f}" if len(m) > 1 else f"{'':7s}" for m in medians.values())
        print(
            f"  {size:>8,} {unit:10s}"
            + "".join(f"{m[-1]:9.3f} s" for m in medians.values())
            + f"  {growth}   {outcome}"
        )


def bench_title(before: Worker, now: Worker, rounds: int) -> None:
    print(f"Title into lines (compose), before ({BEFORE}) / now, CPU seconds")
    side_by_side(before, now, "title", [50, 100, 150, 200], rounds, "characters")


def bench_paragraph(before: Worker, now: Worker, rounds: int) -> None:
    print(f"One long paragraph, page to PDF bytes, before ({BEFORE}) / now, CPU seconds")
    side_by_side(before, now, "pdf", [25_000, 50_000, 100_000], max(rounds // 3, 1), "characters")


def bench_yaml(before: Worker, now: Worker, rounds: int) -> None:
    print(f"A file of many keys read (or refused), before ({BEFORE}) / now, CPU seconds")
    side_by_side(before, now, "yaml", [100_000, 300_000], max(rounds // 3, 1), "keys")


def _loop(body: str) -> str:
    return f"{{% for k in range(1000) %}}{{% for i in range(1000) %}}{body}{{% endfor %}}{{% endfor %}}"


# Templates that do too much, each in a different way; the slowest filters per character.
HOSTILE = {
    "expressions": _loop("{% set x = i * 2 + i // 3 - i %}{% set y = x > 3 and i < 5 or not x %}"),
    "macro calls": "{% macro f(a) %}{{ a }}{% endmacro %}" + _loop("{% set x %}{{ f(i) }}{% endset %}"),
    "the document printed": _loop("{% set x %}{{ doc }}{% endset %}"),
    "upper, 1M characters": "{% set s = '文' * 1000000 %}" + _loop("{% set t = s|upper %}"),
    "map over 100,000": "{% set l = range(100000)|map('string')|list %}" + _loop("{% set t = l|map('upper')|list %}"),
    "sort 100,000": "{% set l = range(100000)|list|reverse|list %}" + _loop("{% set t = l|sort %}"),
    "pprint 100,000": "{% set l = range(100000)|list %}" + _loop("{% set t = l|pprint %}"),
    "urlize": "{% set s = 'a http://b.c ' * 50000 %}" + _loop("{% set t = s|urlize %}"),
    "wordwrap": "{% set s = 'ab ' * 300000 %}" + _loop("{% set t = s|wordwrap(10) %}"),
    "title": "{% set s = 'ab ' * 300000 %}" + _loop("{% set t = s|title %}"),
    "striptags": "{% set s = '<b>a</b> ' * 100000 %}" + _loop("{% set t = s|striptags %}"),
    "wordcount": "{% set s = 'ab ' * 300000 %}" + _loop("{% set t = s|wordcount %}"),
}


def bench_template(before: Worker, now: Worker, rounds: int) -> None:
    print("Template budget now: CPU seconds until a template that does too much is refused, and why")
    for name, template in HOSTILE.items():
        answer = ask(now, kind="template", template=template)
        print(f"  {name:24s}{float(answer['seconds']):7.2f} s   {answer['outcome']}")
    print("  What the shipped template spends of the budget:")
    items = [{"title": f"条目{i}", "body": ["成立创建工作领导小组，定期召开调度会。" * 5] * 3} for i in range(150)]
    for name, fields in (
        ("150 items", {"measures": [{"items": items}]}),
        ("a paragraph of 100,000 characters", {"opening": ["我区扎实推进各项创建工作。" * 8000]}),
        ("160,000 paragraphs", {"measures": [{"items": [{"title": "条目", "body": ["正文内容。"] * 200}] * 4}] * 200}),
    ):
        answer = ask(now, kind="work", fields=fields)
        print(f"  {name:34s}{float(answer['share']):7.1%}  ({float(answer['seconds']):.1f} s to the page)")


def bench_threads(before: Worker, now: Worker, rounds: int) -> None:
    template = (
        "{% for k in range(900) %}{% for i in range(1000) %}{% set x = i * 2 + i // 3 - i %}{% endfor %}{% endfor %}"
    )
    alone = ask(now, kind="template", template=template)
    print(f"A template that renders alone in {float(alone['seconds']):.1f} s (now), by 8 threads at once:")
    for name, worker in (("before", before), ("now", now)):
        answer = ask(worker, kind="threads", template=template, threads=8)
        print(f"  {name:7s}{float(answer['seconds']):6.1f} s wall   {answer['outcome']}")


SECTIONS = {
    "title": bench_title,
    "paragraph": bench_paragraph,
    "yaml": bench_yaml,
    "template": bench_template,
    "threads": bench_threads,
}


def main() -> None:
    names, rounds = chosen(__doc__ or "", SECTIONS, rounds=9)
    with tempfile.TemporaryDirectory() as before_dir:
        before, now = Worker(checkout(BEFORE, before_dir), _WORKER), Worker(ROOT, _WORKER)
        try:
            for name in names:
                SECTIONS[name](before, now, rounds)
        finally:
            before.close()
            now.close()


if __name__ == "__main__":
    main()
