"""Reading YAML input: the PyYAML loader civreport had (git revision BEFORE) against the
ruamel.yaml one it has now, and what reading costs against a whole render.

For each sample and a large generated report, in interleaved rounds with medians: ``read_yaml``
(parsing, the checks, the line map) with the loader before and now, each in a process of its own,
and ``civreport render --to html,pdf,docx`` of the same report with this checkout, in process and
warm. Then, once each: how long each loader takes to refuse a file of 300,000 keys (past the
bound of 200,000 values).

Usage: python benchmarks/yaml_loaders.py [--rounds N]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import textwrap
from pathlib import Path

from run import ROOT, SAMPLES, Worker, checkout, median_ms

BEFORE = "c5a7437"  # the last revision that read YAML with PyYAML

# Reads each file named on stdin with the read_yaml of the civreport at argv[1]; answers the
# seconds it took (a refusal is timed as well).
_READ_WORKER = textwrap.dedent("""\
    import sys, time, warnings
    warnings.simplefilter("ignore")
    sys.path.insert(0, sys.argv[1])
    from civreport.errors import InputError
    from civreport.readers.yamlfile import read_yaml
    for line in sys.stdin:
        text = open(line.strip(), encoding="utf-8").read()
        start = time.perf_counter()
        try:
            read_yaml(text, line.strip())
        except InputError:
            pass
        print(time.perf_counter() - start, flush=True)
    """)


def large_report(directory: Path) -> Path:
    """A report many times the size of a real one: 10 parts of 10 items, each with a title, three
    paragraphs and two points (about 140 KB)."""
    sentence = (
        "我区坚持以创促建、以创惠民，围绕城市环境、公共秩序和市民素质，扎实推进各项创建工作，群众满意度持续提升。"
    )
    lines = [
        "office: 小河区创建全国文明城市工作领导小组办公室",
        "period: 2024Q3",
        "subject: 创建全国文明城市",
        "date: 2024-10-08",
        "opening:",
        f"  - {sentence}",
        "measures:",
    ]
    for part in range(10):
        lines += [f"  - title: 第{part + 1}方面的工作", "    items:"]
        for item in range(10):
            lines += [
                f"      - title: 强化第{item + 1}项措施",
                "        body:",
                *[f"          - {sentence}"] * 3,
                "        points: [设置公益广告1200处, 开展志愿服务活动]",
            ]
    path = directory / "large.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def too_many_keys(directory: Path) -> Path:
    path = directory / "keys.yaml"
    path.write_text("".join(f"k{i}: 值\n" for i in range(300_000)), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as before_dir, tempfile.TemporaryDirectory() as scratch:
        reports = [*SAMPLES, large_report(Path(scratch))]
        # The loader before needs PyYAML, which civreport no longer depends on.
        before = Worker(checkout(BEFORE, before_dir), _READ_WORKER) if importlib.util.find_spec("yaml") else None
        now, render = Worker(ROOT, _READ_WORKER), Worker(ROOT)
        print(
            f"Reading YAML (read_yaml): PyYAML ({BEFORE}) / ruamel.yaml (now), and render --to html,pdf,docx "
            "of the same report now, in process, warm"
        )
        print(f"  {'report':34s}{'PyYAML':>10s}{'ruamel':>10s}{'ratio':>7s}{'render':>9s}   ruamel / render")
        shares = []
        try:
            for report in reports:
                times: list[list[float]] = [[], [], []]
                for worker in (before, now):
                    if worker:
                        worker.ask(report)  # warm-up
                render.render(report)
                for _ in range(args.rounds):
                    for worker, out in zip((before, now), times):
                        if worker:
                            out.append(float(worker.ask(report)))
                    times[2].append(render.render(report))
                old, new, whole = (statistics.median(t) if t else None for t in times)
                assert new is not None and whole is not None
                shares.append(new / whole)
                old_ms = f"{old * 1000:8.1f}ms" if old is not None else f"{'-':>10s}"
                ratio = f"{new / old:7.2f}" if old else f"{'-':>7s}"
                print(
                    f"  {report.stem:34s}{old_ms}{median_ms(times[1]):8.1f}ms{ratio}{median_ms(times[2]):7.0f}ms"
                    f"   {new / whole:6.1%}"
                )
            print(
                f"  YAML parse as a share of a render: {min(shares):.1%}–{max(shares):.1%} "
                "(ruamel.yaml; the decision's bound: at most 20%)"
            )
            keys = too_many_keys(Path(scratch))
            for name, worker in (("PyYAML", before), ("ruamel.yaml", now)):
                if worker:
                    print(f"  300,000 keys refused, {name}: {float(worker.ask(keys)):.1f} s")
        finally:
            for worker in (before, now, render):
                if worker:
                    worker.close()
    if not before:
        print("  (PyYAML is not installed: the loader before was not measured)")


if __name__ == "__main__":
    main()
