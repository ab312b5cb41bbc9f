"""The typed model of a work summary: what an input file may say, and nothing else."""

from .fields import CleanModel, Day, Name, Paragraph, StrictModel, Text, TitleText
from .genre import ORDINAL_WORDS
from .indicators import REFERENCE, Approx, Indicator, IndicatorTable, PartRole
from .numerals import HEADING_LEVELS, cn_date, cn_number, heading_number
from .parts import Block, BodyTable, Item, Part, Point
from .period import Period, PeriodError, RangeDash
from .report import PART_ROLES, Kind, PartHeadings, Report, Source

__all__ = [
    "HEADING_LEVELS",
    "ORDINAL_WORDS",
    "PART_ROLES",
    "REFERENCE",
    "Approx",
    "Block",
    "BodyTable",
    "CleanModel",
    "Day",
    "Indicator",
    "IndicatorTable",
    "Item",
    "Kind",
    "Name",
    "Paragraph",
    "Part",
    "PartHeadings",
    "PartRole",
    "Period",
    "PeriodError",
    "Point",
    "RangeDash",
    "Report",
    "Source",
    "StrictModel",
    "Text",
    "TitleText",
    "cn_date",
    "cn_number",
    "heading_number",
]
