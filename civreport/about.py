"""civreport's own version, for --version, SARIF output and resume stamps."""

from __future__ import annotations

import functools
import importlib.metadata


@functools.cache  # read once: every resume stamp of a batch asks for it
def version() -> str:
    try:
        return importlib.metadata.version("civreport")
    except importlib.metadata.PackageNotFoundError:  # a source tree that was never installed
        return "未安装"
