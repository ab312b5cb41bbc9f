"""Functions of WeasyPrint (and of pydyf, its PDF writer) replaced while civreport writes a
PDF, and put back after: where neither has a setting for what civreport needs (see the modules
that use it: lines, emboldening, compression, fontbytes)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def replaced(module: Any, **attributes: Any) -> Iterator[None]:
    """``module``'s ``attributes`` replaced by these meanwhile. They are the module's, seen by
    every thread: the PDF writer's lock keeps other PDFs out while they are."""
    saved = {name: getattr(module, name) for name in attributes}
    for name, value in attributes.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
