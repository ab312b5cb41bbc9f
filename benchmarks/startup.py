"""Start-up: what ``import civreport``, ``civreport --version`` and ``civreport --help`` cost,
this checkout against a revision before (BEFORE), each in fresh processes, interleaved rounds,
medians of CPU time (user and system: the machine is shared, and wall time measures its load).

  import     ``import civreport``: CPU seconds of the import inside the process, and the sum
             of ``-X importtime``'s own times of every module it loads
  version    ``civreport --version``: the whole process (interpreter start-up included), and
             ``-X importtime``'s sum of what it imports
  help       ``civreport --help``, the same

Usage: python benchmarks/startup.py [SECTION ...] [--rounds N]
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from run import ROOT, checkout, chosen, installed_env, process_cpu

BEFORE = "076f775"  # the last revision whose command line imported every command to start

_IMPORT_CPU = "import time; t = time.process_time(); import civreport; print(time.process_time() - t)"
_IMPORT_TIME = re.compile(r"import time:\s+(\d+) \|")


def _env(tree: Path) -> dict[str, str]:
    return installed_env() | {"PYTHONPATH": str(tree)}


def _python(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Run in the tree: -c and -m put the working directory first on the path.
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True, env=_env(tree), cwd=tree)


def _process_cpu(tree: Path, *args: str) -> float:
    """CPU seconds of one whole process (user and system)."""
    return process_cpu([sys.executable, *args], env=_env(tree), cwd=tree)[1]


def _importtime(tree: Path, *args: str) -> float:
    """Seconds of ``-X importtime``'s own times, summed over every module the process loads."""
    lines = _python(tree, "-X", "importtime", *args).stderr
    return sum(int(m[1]) for m in _IMPORT_TIME.finditer(lines)) / 1e6


def _measures(section: str) -> dict[str, Callable[[Path], float]]:
    if section == "import":
        return {
            "CPU of the import": lambda tree: float(_python(tree, "-c", _IMPORT_CPU).stdout),
            "-X importtime sum": lambda tree: _importtime(tree, "-c", "import civreport"),
        }
    argument = f"--{section}"
    return {
        "CPU of the process": lambda tree: _process_cpu(tree, "-m", "civreport", argument),
        "-X importtime sum": lambda tree: _importtime(tree, "-m", "civreport", argument),
    }


def main() -> None:
    names, rounds = chosen(__doc__ or "", ("import", "version", "help"), rounds=15)
    with tempfile.TemporaryDirectory() as before_dir:
        trees = {"before": checkout(BEFORE, before_dir), "now": ROOT}
        for tree in trees.values():
            _python(tree, "-m", "civreport", "--help")  # bytecode written before the rounds
        for section in names:
            for measure, run in _measures(section).items():
                times: dict[str, list[float]] = {name: [] for name in trees}
                for _ in range(rounds):
                    for name, tree in trees.items():
                        times[name].append(run(tree))
                before, now = (statistics.median(times[name]) * 1000 for name in trees)
                print(
                    f"{section:8} {measure:20} before ({BEFORE}) {before:6.1f} ms, now {now:6.1f} ms "
                    f"(medians of {rounds}; ratio {now / before:.2f})"
                )


if __name__ == "__main__":
    main()
