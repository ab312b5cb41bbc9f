"""Wording shared by the composed pieces: the period as the text names it, figures filled
into sentences, the lead-in that ends an opening."""

from __future__ import annotations

import re

from ..model import REFERENCE, Indicator, Report
from ..office.profile import Profile
from .figures import phrase

KIND_VERB = {"工作总结": "总结", "工作汇报": "汇报", "工作情况汇报": "汇报", "工作情况报告": "报告", "工作情况的报告": "报告"}

# A sentence that already leads into the body, as offices write them: 现将……总结如下：,
# 现将有关工作向各位领导作如下汇报：, 具体情况如下：, 主要情况如下：, 报告如下：, 汇报如下：
_LEAD_IN_END = r"(?:如下(?:总结|汇报|报告)?|(?:总结|汇报|报告|情况)如下)[：:]\s*$"
LEAD_IN = re.compile(r"[，,。]?\s*(?:现将|具体|主要|有关|下面)[^。]*?" + _LEAD_IN_END)
_ENDS_WITH_LEAD_IN = re.compile(_LEAD_IN_END)


def ends_with_lead_in(text: str) -> bool:
    return bool(_ENDS_WITH_LEAD_IN.search(text))


def period_label(report: Report, settings: Profile) -> str:
    """2024年第三季度, with the range dash the report or its office asks for."""
    return report.period.label(report.range_dash or settings.range_dash)


def fill(text: str, indicators: dict[str, Indicator]) -> str:
    """Write each {key…} reference as its figure, so the sentence and the figure agree."""
    return REFERENCE.sub(lambda m: phrase(indicators[m[1]], m[2]), text)


def fill_all(texts: list[str], indicators: dict[str, Indicator]) -> list[str]:
    return [fill(t, indicators) for t in texts]


_PLACEHOLDER = re.compile(r"\{(office|period|year)\}")


def fill_placeholders(pattern: str, values: dict[str, str]) -> str:
    """``{office}``, ``{period}`` and ``{year}`` in a profile's text; nothing else is
    interpreted (a profile is not trusted: no ``str.format`` attribute look-ups)."""
    return _PLACEHOLDER.sub(lambda m: values[m[1]], pattern)
