"""The typed model of a work summary: what an input file may say, and nothing else."""

from .numerals import HEADING_LEVELS, cn_date, cn_number, heading_number
from .period import Period, PeriodError, RangeDash
from .report import (
    PART_ROLES,
    REFERENCE,
    CleanModel,
    Indicator,
    IndicatorTable,
    Item,
    Name,
    Part,
    PartHeadings,
    PartRole,
    Report,
    Source,
    StrictModel,
    Text,
)

__all__ = [
    "HEADING_LEVELS",
    "PART_ROLES",
    "REFERENCE",
    "CleanModel",
    "Indicator",
    "IndicatorTable",
    "Item",
    "Name",
    "Part",
    "PartHeadings",
    "PartRole",
    "Period",
    "PeriodError",
    "RangeDash",
    "Report",
    "Source",
    "StrictModel",
    "Text",
    "cn_date",
    "cn_number",
    "heading_number",
]
