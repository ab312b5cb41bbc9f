"""The benchmarks still run against today's API: each cheap section once, one round (`make
bench` runs them all, with their rounds; the figures are theirs, not the tests')."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (["run.py", "docx"], "median ratio"),
        (["compression.py"], "level 6"),
        (["engines.py", "--no-libreoffice"], "median ratio Typst / bare"),
        (["preview.py", "server", "--sizes", "5"], "edit posted → updated preview"),
        (["wholepdf.py", "hedong-street-2021"], "ratio to LibreOffice"),
    ],
    ids=["docx-against-docxtpl", "compression", "pdf-engines", "editor-preview", "whole-pdf"],
)
def test_a_benchmark_runs(script: list[str], expected: str) -> None:
    done = subprocess.run(
        [sys.executable, *script, "--rounds", "1"],
        cwd=ROOT / "benchmarks",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in done.stdout
