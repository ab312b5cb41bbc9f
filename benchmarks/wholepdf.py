"""One PDF, the whole process: ``civreport render REPORT --to pdf`` from the command line, with
each PDF engine, against LibreOffice converting the same report's DOCX (``soffice --headless
--convert-to pdf``, its profile made before the rounds), each run a fresh process, in
interleaved rounds; medians of wall time and of CPU time (user and system, child processes
included), and each engine's ratio to LibreOffice. civreport runs with its bytecode written and
read, as an installed package has it.

Usage: python benchmarks/wholepdf.py [REPORT ...] [--rounds N]   (REPORT: a sample's name, all by default)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import ROOT, SAMPLES, chosen, installed_env, process_cpu

REPORTS = [*SAMPLES, ROOT / "samples" / "quarterly" / "2024q3.yaml"]


def main() -> None:
    names, rounds = chosen(__doc__ or "", [report.stem for report in REPORTS], rounds=7)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed: run make setup")
    env = installed_env()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        profile = f"-env:UserInstallation={(out / 'lo-profile').as_uri()}"
        runs = {}
        for report in (r for r in REPORTS if r.stem in names):
            civreport = [sys.executable, "-m", "civreport", "render", str(report), "--out", str(out), "--quiet"]
            process_cpu([*civreport, "--to", "docx"], cwd=ROOT, env=env)  # the DOCX LibreOffice converts
            docx = out / f"{report.stem}.docx"
            runs[report.stem] = {
                engine: [*civreport, "--to", "pdf", "--pdf-engine", engine, "--force"]
                for engine in ("weasyprint", "typst")
            } | {
                "libreoffice": [
                    soffice,
                    profile,
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out / "lo"),
                    str(docx),
                ]
            }
        for argvs in runs.values():  # warm-up: bytecode, the LibreOffice profile, the font caches
            for argv in argvs.values():
                process_cpu(argv, cwd=ROOT, env=env)
        print(f"one PDF, whole process, medians of {rounds} interleaved rounds (wall / CPU ms; ratio to LibreOffice)")
        for name, argvs in runs.items():
            times: dict[str, list[tuple[float, float]]] = {who: [] for who in argvs}
            for _ in range(rounds):
                for who, argv in argvs.items():
                    times[who].append(process_cpu(argv, cwd=ROOT, env=env))
            wall = {who: statistics.median(t[0] for t in ts) * 1000 for who, ts in times.items()}
            cpu = {who: statistics.median(t[1] for t in ts) * 1000 for who, ts in times.items()}
            peer = ("libreoffice", wall["libreoffice"], cpu["libreoffice"])
            shown = [f"LibreOffice {peer[1]:.0f} / {peer[2]:.0f}"]
            shown += [
                f"{who} {wall[who]:.0f} / {cpu[who]:.0f} ({wall[who] / peer[1]:.2f}× / {cpu[who] / peer[2]:.2f}×)"
                for who in ("weasyprint", "typst")
            ]
            print(f"{name:32} " + "; ".join(shown))


if __name__ == "__main__":
    main()
