"""The reports a tool call gives, read as the command line reads files: by their text, or as a
file of the workspace (confined to it); and the office profile each is made under, always one of
the workspace's or GB/T 9704 (a report's ``profile:`` naming any other file is refused)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from ..diagnostics import Diagnostics
from ..errors import InputError
from ..files import read_file
from ..model.limits import MAX_FILE_BYTES
from ..office.profile import OfficeProfile
from ..readers import LoadedReport, load, load_text
from ..readers.data import SUFFIXES
from ..workspace import Workspace
from .arguments import ReportText

GIVEN = "报告"  # how messages name a report given by its text


@dataclass(frozen=True)
class Given:
    """A report as a call gave it: the report, how messages name it, its text and whether that
    text is YAML (the fix tool writes its fixes into the text as it came)."""

    document: LoadedReport
    label: str
    text: str
    yaml: bool


def given(
    space: Workspace, report: ReportText | None, file: str | None, diagnostics: Diagnostics, *, label: str = GIVEN
) -> Given:
    """The report of ``report`` (its text or data, named ``label`` in messages) or of the
    workspace's ``file``; InputError naming the field and line of every problem,
    OutsideWorkspace for a file outside it."""
    if file is not None:
        path = space.file(file)
        if path.suffix.lower() not in SUFFIXES:
            raise InputError.single(
                file, f"不是报告文件：报告文件的后缀应为 {'、'.join(SUFFIXES)}；旧文档请用 import 工具"
            )
        try:
            document = load(path, diagnostics=diagnostics)
        except InputError as exc:
            raise _named(exc, str(path), file) from None
        text = read_file(path, MAX_FILE_BYTES, "文件太大").decode("utf-8-sig").replace("\r\n", "\n")  # as loaded
        return Given(document, file, text, path.suffix.lower() in (".yaml", ".yml"))
    text = report if isinstance(report, str) else json.dumps(report, ensure_ascii=False, indent=2)
    return Given(load_text(text, label, diagnostics=diagnostics), label, text, not text.lstrip().startswith("{"))


def facts(space: Workspace, file: str) -> LoadedReport:
    """The workspace's file of the period's facts."""
    path = space.file(file)
    try:
        return load(path, diagnostics=Diagnostics())  # its warnings are its own, not the draft's
    except InputError as exc:
        raise _named(exc, str(path), file) from None


def office(space: Workspace, report: Given, chosen: str | None) -> OfficeProfile:
    """The profile ``report`` is made under: ``chosen`` (a name in the workspace's offices), else
    the one the report names, which must be one of them too, else GB/T 9704."""
    return space.office(report.label, chosen if chosen is not None else report.document.report.profile)


def _named(exc: InputError, file: str, label: str) -> InputError:
    """The problems of a workspace file named as the caller named it, not by its full path."""
    return InputError([replace(p, file=label) if p.file == file else p for p in exc.problems])
