"""Choosing a writer by file suffix, and writing files so that none is ever half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import RenderError
from .model import Report
from .profile import OfficeProfile
from .templating import render_html


def _html(report: Report, **options: Any) -> bytes:
    return render_html(report, **options).encode("utf-8")


def _pdf(report: Report, **options: Any) -> bytes:
    from .pdf_writer import render_pdf  # WeasyPrint loads only when a PDF is asked for

    return render_pdf(report, **options)


def _docx(report: Report, **options: Any) -> bytes:
    from .docx_writer import render_docx  # python-docx loads only when a DOCX is asked for

    return render_docx(report, **options)


WRITERS: dict[str, Callable[..., bytes]] = {"html": _html, "pdf": _pdf, "docx": _docx}


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a reader never sees a partial file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(
    report: Report,
    path: str | Path,
    *,
    office: str | Path | OfficeProfile | None = None,
    templates: Sequence[str | Path] = (),
) -> Path:
    """Render ``report`` to ``path``, choosing the format by its suffix (.html, .pdf or .docx);
    ``office`` and ``templates`` as for :func:`civreport.render_html`."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in WRITERS:
        raise RenderError(f"不支持的输出格式“{path.suffix or '无后缀'}”，应为 {'、'.join('.' + f for f in WRITERS)}")
    write_atomic(path, WRITERS[fmt](report, office=office, templates=templates))
    return path
