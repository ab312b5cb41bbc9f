"""The PDF's streams compressed at zlib level 6 instead of 9.

pydyf, WeasyPrint's PDF writer, compresses its content and object streams at level 9 and has
no setting for it. Level 6 (zlib's default) takes half the time for 0.4% more bytes on the
samples (``benchmarks/compression.py``): the compression was a tenth of a PDF's time.
:func:`level_six` gives pydyf a ``zlib`` that compresses at level 6 while a PDF is written;
tests/test_pdf.py fails if pydyf stops compressing through it.
"""

from __future__ import annotations

import zlib
from contextlib import AbstractContextManager
from types import SimpleNamespace
from typing import Any

import pydyf

from .patching import replaced

LEVEL = 6


def _compressobj(level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:
    return zlib.compressobj(LEVEL, *args, **kwargs)


def _compress(data: bytes, level: int = LEVEL, *args: Any, **kwargs: Any) -> bytes:
    return zlib.compress(data, LEVEL, *args, **kwargs)


_LEVEL_SIX = SimpleNamespace(**{**vars(zlib), "compressobj": _compressobj, "compress": _compress})


def level_six() -> AbstractContextManager[None]:
    """pydyf compressing at level 6, for the PDFs written meanwhile."""
    return replaced(pydyf, zlib=_LEVEL_SIX)
