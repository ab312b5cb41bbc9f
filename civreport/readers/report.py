"""Load an input file into a :class:`LoadedReport`: the report, the file it came from and where
each of its fields stands there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Diagnostics, reported
from ..errors import InputError
from ..model import Report
from ..model.fields import DIAGNOSTICS
from ..model.limits import MAX_FILE_BYTES
from ..model.report import field_loc
from .data import LineMap, parse_data, read_data
from .problems import problems_from


@dataclass(frozen=True)
class LoadedReport:
    """A report as it was read: the report, its file (a profile named by a relative path is
    found beside it) and its line map (field location → line), for messages about a field."""

    report: Report
    path: Path | None = None
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict)

    @property
    def file(self) -> str | None:
        return str(self.path) if self.path else None

    def line_of(self, path: str) -> int | None:
        """The line where the field ``path`` (``parts[0].body[1]``) or, failing that, the
        nearest field around it stands."""
        loc = field_loc(path)
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None


def loaded(document: Report | LoadedReport) -> LoadedReport:
    """A report built in code as a loaded one with no file."""
    return document if isinstance(document, LoadedReport) else LoadedReport(document)


def validate(data: Any, file: str, lines: LineMap, diagnostics: Diagnostics | None = None) -> Report:
    """Plain data as a report; what validation has to tell goes to ``diagnostics``. Raises
    :class:`~civreport.errors.InputError` naming the file, field path and line of every problem."""
    with reported(diagnostics) as found:
        try:
            return Report.model_validate(data, context={DIAGNOSTICS: found})
        except ValidationError as exc:
            raise InputError(problems_from(exc, file, lines)) from None


def load(path: str | Path, *, diagnostics: Diagnostics | None = None) -> LoadedReport:
    """Load a report from a ``.yaml``, ``.yml``, ``.json`` or ``.toml`` file.

    Raises :class:`~civreport.errors.InputError` naming the file, field path and line of
    every problem found. What loading has to tell (a character dropped, a typed number taken
    off) goes to ``diagnostics``, or is issued as warnings when none is given."""
    with reported(diagnostics) as found:
        data, lines = read_data(path, found)
        return LoadedReport(validate(data, str(path), lines, found), Path(path), lines)


def load_text(text: str, name: str, *, diagnostics: Diagnostics | None = None) -> LoadedReport:
    """Load a report from its text: JSON when it opens with ``{``, else YAML (a program's
    report, not a file's). ``name`` names it in messages; the bounds of a file hold."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise InputError.single(name, f"报告超过 {MAX_FILE_BYTES // 1_000_000} MB，不像是一份报告")
    with reported(diagnostics) as found:
        data, lines = parse_data(text, ".json" if text.lstrip().startswith("{") else ".yaml", name, found)
        return LoadedReport(validate(data, name, lines, found), None, lines)
