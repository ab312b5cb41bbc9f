"""The live preview: the draft rendered to PDF and its pages drawn as images (pypdfium2), in
worker processes so the page never waits; a newer edit supersedes an older preview, which is
cancelled if it has not started and discarded if it has. The workers can be started with the
server, each rendering a starter report first, so that the clerk's first preview does not wait
for the PDF engine to load and read its fonts (WeasyPrint 2–3 s)."""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

from ..diagnostics import Diagnostic, Diagnostics
from ..errors import RenderError
from ..office import OfficeProfile
from ..readers import LoadedReport, validate
from .spots import Source, sources

T = TypeVar("T")

SCALE = 1.5  # 72 dpi × 1.5: an A4 page 893 pixels wide, sharp enough to read


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: tuple[bytes, ...]  # PNG images
    diagnostics: tuple[Diagnostic, ...]  # of rendering (missing glyphs, fonts); the form has the rest
    sources: tuple[Source, ...] = ()  # the paragraphs that print fields, for the page's spots (spots.py)


def render_preview(data: dict[str, Any], source: str, office: OfficeProfile) -> Rendered:
    """The PDF of a draft and its pages as images (runs in the worker process), under ``office``
    (the editor chose it, not the draft)."""
    import pypdfium2

    from ..pipeline import render_page
    from ..writers import write

    document = LoadedReport(validate(data, source, {}, Diagnostics()), Path(source))  # the form tells of reading
    diagnostics = Diagnostics()
    page = render_page(document, office=office, diagnostics=diagnostics)
    pdf = write(page, "pdf", diagnostics=diagnostics)
    rendered = pypdfium2.PdfDocument(pdf)
    pages = []
    for drawn in rendered:
        image = drawn.render(scale=SCALE).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=False)
        pages.append(out.getvalue())
    rendered.close()
    return Rendered(pdf, tuple(pages), tuple(diagnostics), sources(page.blocks))


PREVIEW_WORKERS = 2
_RESTARTED = "预览进程意外退出，已重新启动：请再修改一次以更新预览"  # a worker died (killed, out of memory)


def _leave_interrupts() -> None:
    """A worker leaves Ctrl-C to the server, which closes the pool: a terminal sends it to every
    process of the group, and an idle worker would die of it with a traceback. SIGTERM ends it
    normally, so that its finalizers run (WeasyPrint's copy of the fonts is removed; killed, a
    worker left it in the temporary folder)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end)


def _end(signum: int, frame: FrameType | None) -> None:
    sys.exit(0)


def starter() -> dict[str, Any]:
    """The report ``civreport new`` starts from, as data: what warming up renders."""
    from ..readers.yamlfile import read_yaml
    from ..rendering.starter import starter_file

    data: dict[str, Any] = read_yaml(starter_file(), "新报告.yaml")[0]
    return data


def _warm_worker() -> None:
    """A new worker, ready: Ctrl-C left to the server, and a starter report rendered and drawn."""
    from ..office.profile import default_profile

    _leave_interrupts()
    try:
        render_preview(starter(), "新报告.yaml", default_profile())
    except Exception:  # a failed warm-up would break the pool: the clerk's preview tells what fails
        return


def _started() -> None:
    """Nothing: a task that has the pool start a worker."""


class Previewer:
    """One preview at a time per report, the newest winning."""

    def __init__(self, warm: bool = False) -> None:
        self.warm = warm  # each worker renders a starter report when it starts
        self.pool = self._pool()
        self.latest: dict[str, int] = {}  # report → the generation of its newest edit
        self.pending: dict[str, Future[Rendered]] = {}
        self.done: dict[str, tuple[int, Rendered]] = {}

    def _pool(self) -> ProcessPoolExecutor:
        # Two: a long draft rendering (a running render cannot be stopped) holds up neither a
        # newer edit of it nor another page's preview.
        return ProcessPoolExecutor(
            max_workers=PREVIEW_WORKERS,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=_warm_worker if self.warm else _leave_interrupts,
        )

    def start(self) -> None:
        """Start the workers now rather than at the first preview (the pool starts one a task
        while none is idle)."""
        for _ in range(PREVIEW_WORKERS):
            self.pool.submit(_started)

    def submit(self, name: str, generation: int, data: dict[str, Any], source: str, office: OfficeProfile) -> None:
        older = self.pending.pop(name, None)
        if older is not None:
            older.cancel()  # not started yet: it never runs; started: its result is dropped
        self.latest[name] = generation
        try:
            self.pending[name] = self.pool.submit(render_preview, data, source, office)
        except BrokenProcessPool:  # the worker died (killed, out of memory): a new one takes over
            self.pool = self._pool()
            self.pending[name] = self.pool.submit(render_preview, data, source, office)

    async def result(self, name: str, generation: int) -> Rendered | None:
        """The preview of ``generation``, or None when a newer edit superseded it."""
        if self.latest.get(name) != generation:
            return None
        done = self.done.get(name)
        if done and done[0] == generation:
            return done[1]
        future = self.pending.get(name)
        if future is None:
            return None
        try:
            rendered = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            return None
        except BrokenProcessPool:
            self.pool = self._pool()  # the next edit renders in a new worker
            raise RenderError(_RESTARTED) from None
        if self.latest.get(name) != generation:
            return None
        self.done[name] = (generation, rendered)
        return rendered

    async def aside(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in a worker, not in the server's process, where it would hold up the
        edits' answers (the page at once) as long as it runs."""
        try:
            return await asyncio.wrap_future(self.pool.submit(work, *args))
        except BrokenProcessPool:
            self.pool = self._pool()
            raise RenderError(_RESTARTED) from None

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)
