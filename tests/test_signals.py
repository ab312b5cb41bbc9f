"""Ctrl-C and SIGTERM, whenever they come, stop a run the same way: every file written is
whole, none is half there, the last line says 已中断, no traceback, exit 130 (Ctrl-C, which a
terminal sends to the whole process group) or 143 (SIGTERM, which a service manager sends to
the main process alone), and no process of the run is left behind.

Each run holds a report of 1,300,000 characters, some minutes of work, so it cannot end
before the signal; the signal comes at the start (while civreport loads) or once a document
is said to be made: states, not times. "At the start" is as soon as civreport's entry point
runs, which the kernel shows as the process catching SIGTERM: before that, Python itself is
starting, and no program can do anything about a signal."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import alive, cli_env, unit_input

pytestmark = pytest.mark.slow

LONG = "closing:\n" + "".join(f"  - {'我区扎实推进各项创建工作。' * 1000}\n" for _ in range(100))
SMALL = [f"u{n:02d}" for n in range(1, 9)]


def inputs(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text(unit_input("big") + LONG, encoding="utf-8")
    for unit in SMALL:
        (tmp_path / f"{unit}.yaml").write_text(unit_input(unit), encoding="utf-8")
    (tmp_path / "batch.yaml").write_text(
        'periods: [2024Q3]\nout: out\nto: [pdf, docx]\ninputs: "{unit}.yaml"\nunits:\n'
        + "".join(f"  - {{unit: {u}}}\n" for u in ["big", *SMALL]),
        encoding="utf-8",
    )


COMMANDS = {
    # One process: the small report, then the long one.
    "render": ["render", "u01.yaml", "big.yaml", "--jobs", "1", "--to", "pdf,docx", "--out", "out"],
    # Two workers: one on the long report, the other through the small ones.
    "render --jobs 2": [
        "render",
        "big.yaml",
        *(f"{u}.yaml" for u in SMALL),
        "--jobs",
        "2",
        "--to",
        "pdf,docx",
        "--out",
        "out",
    ],
    "batch": ["batch", "batch.yaml", "--jobs", "2"],
}
SIGNALS = {"Ctrl-C": (signal.SIGINT, True, 130), "SIGTERM": (signal.SIGTERM, False, 143)}


def catches(pid: int, number: int) -> bool:
    """Whether process ``pid`` has a handler of its own for signal ``number`` (SigCgt)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (number - 1) & 1)
    return False


@pytest.mark.parametrize("moment", ["at the start", "once a document is made"])
@pytest.mark.parametrize("sent", list(SIGNALS))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_signal_stops_a_run_whole_at_any_moment(tmp_path: Path, command: str, sent: str, moment: str) -> None:
    inputs(tmp_path)
    number, to_group, status = SIGNALS[sent]
    process = subprocess.Popen(
        ["civreport", *COMMANDS[command]],
        cwd=tmp_path,
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    hung = threading.Timer(600, os.killpg, (process.pid, signal.SIGKILL))  # a hang fails the test, not the suite
    hung.start()
    said: list[str] = []
    if moment == "at the start":
        while not catches(process.pid, signal.SIGTERM):  # civreport.cli.main has begun
            time.sleep(0.001)
    else:
        said.append(process.stderr.readline())
        while said[-1] and not said[-1].startswith("[1/"):  # the first document made, the progress says
            said.append(process.stderr.readline())
        assert said[-1].endswith("：完成\n"), said
    (os.killpg if to_group else os.kill)(process.pid, number)
    err = "".join(said) + process.stderr.read()
    process.wait()
    while alive(process.pid):  # the workers, the fork server and the resource tracker close after it
        time.sleep(0.05)
    hung.cancel()
    assert process.returncode == status, err
    assert err.splitlines()[-1] == "已中断：已写好的文件完整保留，没写完的一个也没有留下", err
    assert "Traceback" not in err and "Exception" not in err, err
    assert not list(tmp_path.rglob("*.tmp"))  # a file being written is staged as .NAME.*.tmp
    for pdf in (tmp_path / "out").rglob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:], pdf
    assert not (tmp_path / "out" / "big.pdf").exists()  # the long report was stopped, not finished
