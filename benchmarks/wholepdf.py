"""One PDF, the whole process: ``civreport render REPORT --to pdf`` from the command line, with
each PDF engine, against LibreOffice converting the same report's DOCX (``soffice --headless
--convert-to pdf``, its profile made before the rounds), each run a fresh process, in
interleaved rounds; medians of wall time and of CPU time (user and system, child processes
included), and each engine's ratio to LibreOffice; Typst at the revision before its process's
own cuts too (``BEFORE``). civreport runs with its bytecode written and read, as an installed
package has it.

Usage: python benchmarks/wholepdf.py [REPORT ...] [--rounds N]   (REPORT: a sample's name, all by default)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import ROOT, SAMPLES, checkout, chosen, installed_env, process_cpu

REPORTS = [*SAMPLES, ROOT / "samples" / "quarterly" / "2024q3.yaml"]
# The revision before the Typst process's own cuts (its fonts read once, one fc-query for the
# plan's faces, no executor or multiprocessing loaded for one document): measured beside now.
BEFORE = "c082b92"


def main() -> None:
    names, rounds = chosen(__doc__ or "", [report.stem for report in REPORTS], rounds=7)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed: run make setup")
    env = installed_env()
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as before_dir:
        out = Path(scratch)
        before = checkout(BEFORE, before_dir)  # run from its folder: -m puts it first on the path
        profile = f"-env:UserInstallation={(out / 'lo-profile').as_uri()}"
        runs: dict[str, dict[str, tuple[list[str], Path]]] = {}
        for report in (r for r in REPORTS if r.stem in names):
            civreport = [sys.executable, "-m", "civreport", "render", str(report), "--out", str(out), "--quiet"]
            process_cpu([*civreport, "--to", "docx"], cwd=ROOT, env=env)  # the DOCX LibreOffice converts
            docx = out / f"{report.stem}.docx"
            pdf = [*civreport, "--to", "pdf", "--force", "--pdf-engine"]
            lo = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx)]
            runs[report.stem] = {
                "weasyprint": ([*pdf, "weasyprint"], ROOT),
                "typst": ([*pdf, "typst"], ROOT),
                f"typst at {BEFORE}": ([*pdf, "typst"], before),
                "libreoffice": (lo, ROOT),
            }
        for argvs in runs.values():  # warm-up: bytecode, the LibreOffice profile, the font caches
            for argv, cwd in argvs.values():
                process_cpu(argv, cwd=cwd, env=env)
        print(f"one PDF, whole process, medians of {rounds} interleaved rounds (wall / CPU ms; ratio to LibreOffice)")
        for name, argvs in runs.items():
            times: dict[str, list[tuple[float, float]]] = {who: [] for who in argvs}
            for _ in range(rounds):
                for who, (argv, cwd) in argvs.items():
                    times[who].append(process_cpu(argv, cwd=cwd, env=env))
            wall = {who: statistics.median(t[0] for t in ts) * 1000 for who, ts in times.items()}
            cpu = {who: statistics.median(t[1] for t in ts) * 1000 for who, ts in times.items()}
            shown = [f"LibreOffice {wall['libreoffice']:.0f} / {cpu['libreoffice']:.0f}"]
            shown += [
                f"{who} {wall[who]:.0f} / {cpu[who]:.0f} "
                f"({wall[who] / wall['libreoffice']:.2f}× / {cpu[who] / cpu['libreoffice']:.2f}×)"
                for who in argvs
                if who != "libreoffice"
            ]
            print(f"{name:32} " + "; ".join(shown))


if __name__ == "__main__":
    main()
