"""One document, start to finish, in whichever process or machine runs it: read (or roll up),
resolve the office, check, render once, write every format; all or nothing, with the
diagnostics it collected and the stage it failed at."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Diagnostics
from ..errors import CivreportError, ProofreadingWarning, TemplateError
from ..files import write_atomic
from ..model import Report
from ..office.profile import OfficeProfile, changed, resolve
from ..pipeline import check, office_of, render_page, write_all
from ..readers import LoadedReport, load
from .jobs import Job, Outcome, Read
from .stamps import has_stamp, record, stamp, up_to_date

# A worker process whose resident memory has passed this many MB after a document is retired
# (it ends normally, so its finalizers run) and a new one takes over: memory stays flat on long
# runs. A worker making the samples one after another levels off at about 210 MB; a document
# of thousands of pages takes it past the limit, and its worker is replaced after it.
WORKER_MEMORY_MB = 400


def resident_mb() -> float:
    """This process's resident memory, in MB."""
    import psutil  # imported in the workers that measure, not by the CLI

    return float(psutil.Process().memory_info().rss) / 2**20


class _Failed(Exception):
    def __init__(self, stage: str, message: str):
        self.stage, self.message = stage, message


def _stage(stage: str, exc: BaseException) -> _Failed:
    if isinstance(exc, TemplateError):
        return _Failed("模板", str(exc))
    if isinstance(exc, CivreportError):
        return _Failed(stage, str(exc))
    return _Failed("内部错误", f"{type(exc).__name__}（请把输入文件报告给开发者）")


def _read(job: Job, diagnostics: Diagnostics) -> tuple[LoadedReport, list[Path]]:
    """The job's report, and the files it was made from."""
    if job.read:
        diagnostics.extend(job.read.diagnostics)
        return job.read.document, [Path(job.input)]
    if not job.sources:
        try:
            return load(job.input, diagnostics=diagnostics), [Path(job.input)]
        except Exception as exc:
            raise _stage("读取", exc) from None
    from ..rollups import rollup, to_yaml  # loaded only for a job that rolls up

    try:
        assert job.period is not None
        rolled = rollup([Path(s) for s in job.sources], job.period, office=job.unit, diagnostics=diagnostics)
        write_atomic(job.input, to_yaml(rolled).encode("utf-8"))
        return load(job.input, diagnostics=Diagnostics()), [Path(s) for s in job.sources]  # told once, rolling up
    except Exception as exc:
        raise _stage("汇总", exc) from None


def _as_asked(job: Job, office: OfficeProfile) -> OfficeProfile:
    """The office with what the job asks beyond it (PDF/A, the PDF engine), which its stamp
    then records."""
    settings = changed(office.settings, pdf_a=job.pdf_a or None, pdf_engine=job.pdf_engine or None)
    return office if settings is office.settings else dataclasses.replace(office, settings=settings)


def _office(job: Job, document: LoadedReport) -> OfficeProfile:
    if job.read:
        return _as_asked(job, job.read.office)
    try:
        return _as_asked(job, office_of(document, job.office, job.offices))
    except Exception as exc:
        raise _stage("配置", exc) from None


def _stamp(job: Job, made_from: list[Path], office: OfficeProfile) -> str:
    # A roll-up is also made from its unit's name and its period, which only the manifest holds.
    return stamp(made_from, office, [Path(t) for t in job.templates], list(job.outputs), f"{job.unit}|{job.period}")


def _read_here(job: Job) -> Read:
    diagnostics = Diagnostics()
    document = load(job.input, diagnostics=diagnostics)
    return Read(document, office_of(document, job.office, job.offices), tuple(diagnostics))


def to_make(job: Job) -> Job | None:
    """The job, unless its outputs are up to date (checked before a worker is started for it);
    with its input as read here when it had to be read to tell, so that the worker does not
    read it again."""
    if not has_stamp(list(job.outputs)):
        return job  # never made: no need to read anything
    try:
        if job.sources:
            if not Path(job.input).is_file():
                return job  # the rolled-up input file is one of the roll-up's outputs
            made_from = [Path(s) for s in job.sources]
            office = resolve(job.office, None, None, job.offices)
        else:
            made_from = [Path(job.input)]
            read = job.read or _read_here(job)
            job, office = dataclasses.replace(job, read=read), read.office
        return None if up_to_date(list(job.outputs), _stamp(job, made_from, _as_asked(job, office))) else job
    except Exception:  # whatever is wrong, the worker will say it
        return job


def run_job(job: Job) -> Outcome:
    """Make one document. Never raises: a failure is the outcome's stage and message."""
    diagnostics = Diagnostics()
    try:
        document, made_from = _read(job, diagnostics)
        office = _office(job, document)
        templates = [Path(t) for t in job.templates]
        value = _stamp(job, made_from, office)
        for finding in check(document, office):
            diagnostics.add(ProofreadingWarning, f"校对：{finding}")
        try:
            page = render_page(document, office=office, templates=templates, diagnostics=diagnostics)
        except Exception as exc:
            raise _stage("渲染", exc) from None
        try:
            written = write_all(page, list(job.outputs), diagnostics=diagnostics)
            record(list(job.outputs), value)
        except Exception as exc:
            raise _stage("输出", exc) from None
    except _Failed as failed:
        return Outcome(job.name, stage=failed.stage, message=failed.message, diagnostics=tuple(diagnostics))
    return Outcome(job.name, written=tuple(str(p) for p in written), diagnostics=tuple(diagnostics))


def run_jobs(jobs: Sequence[Job]) -> list[Outcome]:
    """``run_job`` for each of ``jobs``: an executor's task."""
    return [run_job(job) for job in jobs]


def warm_up() -> None:
    """A new worker loads the default PDF engine and its fonts once, before its first document."""
    from ..writers import write

    report = Report.model_validate({"office": "预热", "period": "2024", "subject": "预热", "opening": ["预热。"]})
    write(render_page(report, diagnostics=Diagnostics()), "pdf", diagnostics=Diagnostics())
