"""A clean install: every module civreport imports is declared in pyproject.toml, and the wheel,
installed with no extras into a fresh virtual environment, runs each command on a terminal and
off one; a command that needs an extra it lacks names the extra, in Chinese."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import civreport

from conftest import ROOT, YAML, unit_input

PACKAGE = ROOT / "civreport"
OPTIONAL = ("serve", "dask", "mcp")  # the extras a user may leave out (test is the developers')


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", Requirement(requirement).name).lower()


def _guarded(node: ast.Try) -> bool:
    """Whether ``node`` handles a missing module (the command then names the extra to install)."""
    caught = {
        n.id for handler in node.handlers if handler.type for n in ast.walk(handler.type) if isinstance(n, ast.Name)
    }
    return bool(caught & {"ImportError", "ModuleNotFoundError"})


def third_party_imports() -> dict[str, set[tuple[str, bool]]]:
    """Each top-level module that civreport imports (dynamically too), with the files that import
    it and whether each import may fail: in the web editor's or the tool server's package (whose
    commands name their extra), or under a guard."""
    found: dict[str, set[tuple[str, bool]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        file = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        guarded = {
            id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) and _guarded(t) for s in t.body for n in ast.walk(s)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "import_module"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and not str(node.args[0].value).startswith(".")
            ):
                modules = [str(node.args[0].value)]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top != "civreport":
                    optional = file.startswith(("civreport/serving/", "civreport/mcpserver/")) or id(node) in guarded
                    found.setdefault(top, set()).add((file, optional))
    return found


def test_every_module_civreport_imports_is_declared() -> None:
    """A module imported on every install is a dependency; one the web editor or a Dask cluster
    needs may be in its extra instead, when the code that imports it says which extra is missing."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {_name(r) for r in project["dependencies"]}
    extras = {_name(r) for extra in OPTIONAL for r in project["optional-dependencies"][extra]}
    distributions = importlib.metadata.packages_distributions()
    imports = third_party_imports()
    assert {"rich", "jinja2", "weasyprint", "starlette", "dask", "mcp"} <= set(imports)  # the walk finds them
    undeclared = []
    for module, places in sorted(imports.items()):
        names = {re.sub(r"[-_.]+", "-", d).lower() for d in distributions.get(module, [])}
        declared = required if any(not optional for _, optional in places) else required | extras
        if not names & declared:
            undeclared.append(f"{module} ({', '.join(sorted(f for f, _ in places))})")
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


# -- the wheel in a fresh virtual environment ------------------------------------------------


def _ran(command: list[str | Path]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def clean_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a virtual environment holding civreport's wheel and only what it
    declares (no extras), from the package index; made once for the module's tests."""
    root = tmp_path_factory.mktemp("install")
    _ran([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", root / "dist", ROOT])
    (wheel,) = (root / "dist").glob("civreport-*.whl")
    # No pip inside: this environment's pip installs into it, which saves bootstrapping one.
    _ran([sys.executable, "-m", "venv", "--without-pip", root / "venv"])
    _ran([sys.executable, "-m", "pip", "--python", root / "venv" / "bin" / "python", "install", "--quiet", wheel])
    return root / "venv" / "bin"


def in_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Exit status and output of ``command`` with a pseudo-terminal as its standard input,
    output and error, as on a clerk's screen."""
    leader, follower = os.openpty()
    with subprocess.Popen(command, cwd=cwd, env=env, stdin=follower, stdout=follower, stderr=follower) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: every process that had the terminal open has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
    return process.returncode, b"".join(chunks).decode("utf-8", "replace")


def off_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Exit status and output of ``command`` with pipes for its output (a script, a log)."""
    result = subprocess.run(
        command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
    )
    return result.returncode, result.stdout + result.stderr


MANIFEST = """\
periods: [2024Q3]
out: out
to: [pdf, docx]
inputs: "{unit}.yaml"
units:
  - {unit: district, name: 小河区创城办, rollup: true}
  - {unit: east, parent: district}
  - {unit: west, parent: district}
"""

# Each command, the files it must make, and what it must say (in either output).
COMMANDS = {
    "render": (["render", "q3.yaml", "--out", "out"], ["out/q3.html", "out/q3.pdf", "out/q3.docx"], "out/q3.pdf"),
    "check": (["check", "q1.yaml"], [], "校对通过"),
    "import": (["import", "summary.docx", "--out", "imported"], ["imported/summary.yaml"], "imported/summary.yaml"),
    "rollup": (["rollup", "q1.yaml", "q2.yaml", "--period", "2024H1", "-o", "h1.yaml"], ["h1.yaml"], "h1.yaml"),
    "batch": (
        ["batch", "batch.yaml"],
        [f"out/district/{unit}2024Q3.{fmt}" for unit in ("", "east/", "west/") for fmt in ("pdf", "docx")],
        "生成 3",
    ),
    "new": (["new", "--period", "2024Q3", "--office", "小河区创城办"], [], "office: 小河区创城办"),
}
RUNNERS = {"terminal": in_terminal, "pipe": off_terminal}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The inputs of every command."""
    (tmp_path / "q3.yaml").write_text(YAML, encoding="utf-8")
    for quarter in ("q1", "q2"):
        shutil.copy(ROOT / "samples" / "quarterly" / f"2024{quarter}.yaml", tmp_path / f"{quarter}.yaml")
    civreport.render(civreport.load(tmp_path / "q3.yaml"), tmp_path / "summary.docx")
    (tmp_path / "batch.yaml").write_text(MANIFEST, encoding="utf-8")
    for unit, name in (("east", "东"), ("west", "西")):
        (tmp_path / f"{unit}.yaml").write_text(unit_input(name), encoding="utf-8")
    return tmp_path


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return dict(env, TERM="xterm-256color")


@pytest.mark.slow
@pytest.mark.parametrize("where", RUNNERS)
@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_runs_from_a_clean_install(clean_install: Path, workspace: Path, name: str, where: str) -> None:
    arguments, made, said = COMMANDS[name]
    status, output = RUNNERS[where]([str(clean_install / "civreport"), *arguments], workspace, _environment())
    assert status == 0 and "内部错误" not in output and "Traceback" not in output, output
    assert said in output and all((workspace / file).stat().st_size > 0 for file in made), output
    if name in ("render", "batch"):  # the progress: a bar on a terminal, a line per document off one
        assert ("生成文档" in output) == (where == "terminal") and ("[1/" in output) == (where == "pipe"), output


@pytest.mark.slow
@pytest.mark.parametrize("where", RUNNERS)
@pytest.mark.parametrize(
    ("arguments", "extra"),
    [
        (["serve", "--workspace", "."], "serve"),
        (["mcp", "--workspace", "."], "mcp"),
        (["render", "q3.yaml", "--executor", "dask"], "dask"),
        (["batch", "batch.yaml", "--executor", "dask://127.0.0.1:8786"], "dask"),
    ],
)
def test_a_missing_extra_is_named(
    clean_install: Path, workspace: Path, arguments: list[str], extra: str, where: str
) -> None:
    status, output = RUNNERS[where]([str(clean_install / "civreport"), *arguments], workspace, _environment())
    assert status == 2 and f"pip install 'civreport[{extra}]'" in output, output
    assert "内部错误" not in output and "Traceback" not in output and not (workspace / "out").exists()
