"""The typed model of a work summary: what an input file may say, and nothing else."""

from .fields import CleanModel, Day, Name, Paragraph, StrictModel, Text, TitleText
from .genre import KIND_VERB, KINDS, ORDINAL_WORDS, PART_ROLES, Kind, PartRole
from .indicators import REFERENCE, Approx, Indicator, IndicatorTable
from .numerals import HEADING_LEVELS, cn_date, cn_number, heading_number
from .parts import Block, BodyTable, Item, Part, Point
from .period import Period, PeriodError, RangeDash
from .report import PartHeadings, Report, Source, TitlePiece

__all__ = [
    "HEADING_LEVELS",
    "KINDS",
    "KIND_VERB",
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
    "TitlePiece",
    "TitleText",
    "cn_date",
    "cn_number",
    "heading_number",
]
