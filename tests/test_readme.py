"""Every example in the README runs as written.

Blocks marked ``yaml`` are reports (the first is ``q3.yaml``; the others are fragments that
change it) or profile fragments; ``sh`` blocks run in a folder with ``q3.yaml`` and the samples
(``make`` lines are what ``make test`` itself runs); ``python`` blocks run there too; ``json``
blocks are an MCP client's configuration, whose command line civreport takes. Blocks marked
``text`` or nothing are output or synopses.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import civreport
from civreport.cli.commands import build_parser
from civreport.office.profile import Profile
from civreport.readers.yamlfile import read_yaml

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [(lang, text) for lang, text in re.findall(r"^```(\w*)\n(.*?)^```", README, re.S | re.M)]
REPORTS = [text for lang, text in BLOCKS if lang == "yaml"]


def test_the_readme_has_examples_of_every_kind():
    kinds = {lang for lang, _ in BLOCKS}
    assert {"yaml", "sh", "python", "json"} <= kinds and kinds <= {"yaml", "sh", "python", "json", "text", ""}, kinds
    assert len(REPORTS) >= 8


@pytest.fixture
def workspace(tmp_path):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    (tmp_path / "q3.yaml").write_text(REPORTS[0], encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text", REPORTS[1:], ids=lambda t: t.split("\n")[0][:30])
def test_yaml_examples_load_and_render(workspace, text):
    fragment = read_yaml(text, "README.md")[0]
    if set(fragment) <= set(Profile.model_fields) and not set(fragment) <= set(civreport.Report.model_fields):
        (workspace / "profile.yaml").write_text(text, encoding="utf-8")
        office = civreport.load_profile(workspace / "profile.yaml")
        civreport.render_page(civreport.load(workspace / "q3.yaml"), office=office)
        return
    report = read_yaml(REPORTS[0], "README.md")[0] | fragment
    (workspace / "r.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = civreport.render_page(civreport.load(workspace / "r.json"))
    assert page.blocks


@pytest.mark.slow
@pytest.mark.parametrize("text", [t for lang, t in BLOCKS if lang == "sh"], ids=lambda t: t.split("\n")[0][:30])
def test_shell_examples_run(workspace, text):
    script = "\n".join(line for line in text.splitlines() if not line.startswith("make "))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(
        ["bash", "-e", "-c", script], cwd=workspace, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", [t for lang, t in BLOCKS if lang == "python"])
def test_python_examples_run(workspace, monkeypatch, text):
    monkeypatch.chdir(workspace)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(text, "README.md", "exec"), {})
    assert (workspace / "out" / "q3.pdf").is_file()


@pytest.mark.parametrize("text", [t for lang, t in BLOCKS if lang == "json"])
def test_json_examples_start_the_tool_server(text):
    servers = json.loads(text)["mcpServers"]
    assert servers
    for server in servers.values():
        arguments = build_parser().parse_args(server["args"])
        assert server["command"] == "civreport" and arguments.command == "mcp", server
