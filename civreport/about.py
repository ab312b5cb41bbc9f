"""civreport's version, for --version, SARIF output, the tool server and resume stamps. Written
here and nowhere else: the package's metadata takes it from this file (``[tool.hatch.version]``),
and reading it costs nothing (``importlib.metadata`` was most of what ``--version`` imported)."""

from __future__ import annotations

__version__ = "0.1.0"


def version() -> str:
    return __version__
