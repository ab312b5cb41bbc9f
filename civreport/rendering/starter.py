"""The starter input file (``civreport new``, the editor's 新建): the commented template with an
office, a period and today's date, each written as one YAML value, whatever the office's name
holds (a quote, ``: ``, `` #``, a line break)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pydantic import ValidationError

from ..errors import InputError
from ..model import Period, Report
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
        raise InputError([replace(p, file=label, path="") for p in problems_from(exc, label, {})
                          if p.path.startswith("office")]) from None
    context = {"office": yaml_value(office), "period": period.code(), "date": today.isoformat()}
    return render_template("new.yaml.j2", context, search_path())
