"""The starter input file (``civreport new``, the editor's 新建): the commented template with an
office, a period and a date for it, each written as one YAML value, whatever the office's name
holds (a quote, ``: ``, `` #``, a line break)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pydantic import ValidationError

from ..errors import InputError
from ..model import Period, Report
from ..model.limits import LAST_YEAR
from ..readers import problems_from
from ..readers.yamlfile import yaml_value
from .templating import render_template, search_path

DEFAULT_OFFICE = "××区创建全国文明城市工作领导小组办公室"


def starter_file(office: str = DEFAULT_OFFICE, period: Period | None = None, *, label: str = "发文机关") -> str:
    """The starter for ``office`` and ``period`` (by default this quarter). The office is checked
    as a report's is; a refusal names ``label`` (the option or field the name came from)."""
    today = date.today()
    period = period or Period.parse(f"{today.year}Q{(today.month - 1) // 3 + 1}")
    try:  # the office as the file will hold it: cleaned, within the limits
        office = Report.model_validate({"office": office, "period": period, "subject": "工作"}).office
    except ValidationError as exc:
        raise InputError(
            [replace(p, file=label, path="") for p in problems_from(exc, label, {}) if p.path.startswith("office")]
        ) from None
    context = {"office": yaml_value(office), "period": period.code(), "date": _written(period).isoformat()}
    return render_template("new.yaml.j2", context, search_path())


def _written(period: Period) -> date:
    """The starter's date: the last day of the month after the period, when its summary is
    written (2024Q3 → 2024-10-31, 2024 → 2025-01-31), and not after the last day a report may
    be dated. Not today: a summary is often started before or long after its period ends."""
    year, month = divmod(period.end_year * 12 + period.end_month, 12)  # the next month, 0-based
    if year > LAST_YEAR:
        return date(LAST_YEAR, 12, 31)
    return Period(year, month + 1, year, month + 1).end
