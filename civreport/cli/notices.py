"""Warnings raised while a command handles a file, printed for a person: 警告：file：message."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def warnings_of(path: Path) -> Iterator[None]:
    """Print the warnings raised while handling ``path`` as 警告：file：message, once each."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for message in dict.fromkeys(str(w.message) for w in caught):
        print(f"警告：{path}：{message}", file=sys.stderr)
