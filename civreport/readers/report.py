"""Load an input file into a :class:`~civreport.model.Report`."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..model import Report
from .data import read_data
from .problems import problems_from


def load(path: str | Path) -> Report:
    """Load a report from a ``.yaml``, ``.yml``, ``.json`` or ``.toml`` file.

    Raises :class:`~civreport.errors.InputError` naming the file, field path and line
    of every problem found.
    """
    data, lines = read_data(path)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, str(path), lines)) from None
    report._source = Path(path)
    report._lines = lines
    return report
