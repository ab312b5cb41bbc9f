"""A document a batch makes: what it is read or rolled up from, where it goes, and how the
run ended for it. Plain, picklable data: jobs cross process and machine boundaries."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..office.profile import PdfEngineChoice

if TYPE_CHECKING:
    from ..office.profile import OfficeProfile
    from ..readers import LoadedReport


@dataclass(frozen=True)
class Read:
    """An input its caller has read and resolved already (``render`` reads every input before
    any document is made): the worker makes the document from it and does not read the file
    again. Sending it costs a worker 0.1–0.2 ms of unpickling against 4–10 ms of reading a
    sample's YAML and 4 ms its profile's (README, "Many offices: batches")."""

    document: LoadedReport
    office: OfficeProfile
    diagnostics: tuple[Diagnostic, ...] = ()  # what reading it had to tell


@dataclass(frozen=True)
class Job:
    name: str  # how progress and the failure table name it: the input file, or unit/period
    input: str  # the input file; for a roll-up, where the rolled-up input file is written
    outputs: tuple[str, ...]  # the files to write, each format by its suffix
    office: str | None = None  # the office profile (path or name); None: the report's own
    offices: str | None = None  # the directory profile names are looked up in
    templates: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # a roll-up's input files (leaves' inputs or lower roll-ups')
    period: str | None = None  # a roll-up's period
    unit: str | None = None  # a roll-up's unit name (the office the higher report is from)
    after: tuple[str, ...] = ()  # names of the jobs that must run first (a roll-up's sources)
    pdf_a: bool = False  # PDF/A-2b whatever the profile says (--pdf-a)
    pdf_engine: PdfEngineChoice | None = None  # what lays the PDF out; None: the profile's choice
    read: Read | None = field(default=None, compare=False)  # the input as its caller read it


@dataclass(frozen=True)
class Outcome:
    """How one job ended: written, skipped (up to date) or failed at a stage, with the
    diagnostics of making it (its own: never another job's)."""

    name: str
    written: tuple[str, ...] = ()
    skipped: bool = False
    stage: str | None = None  # 读取, 配置, 汇总, 模板, 输出, 内部错误: where it failed
    message: str | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.stage is not None


def worker_count(asked: int | None = None) -> int:
    """How many documents a run makes at once: as many as asked, else one a core."""
    return asked or os.cpu_count() or 1
