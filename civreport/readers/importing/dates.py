"""A line that is a date (成文日期): 2024年7月5日, 二〇二四年七月五日, 2024-07-05."""

from __future__ import annotations

import re
from datetime import date

from ...model.limits import FIRST_YEAR, LAST_YEAR
from ...model.numerals import CN_DIGITS, ONE_TO_NINE, parse_cn_number

_DATE = re.compile(
    r"^[（(]?\s*(?:(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|"
    rf"(?P<cy>[零{CN_DIGITS}]{{4}})年(?P<cm>[{ONE_TO_NINE}十]{{1,2}})月(?P<cd>[{ONE_TO_NINE}十]{{1,3}})日|"
    r"(?P<iy>\d{4})[-./](?P<im>\d{1,2})[-./](?P<id>\d{1,2}))\s*[）)]?$"
)


def parse_date(text: str) -> date | None:
    """2024年7月5日, 二〇二四年七月五日, 2024-07-05 as a date; None for anything else."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    if m["y"]:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    elif m["cy"]:
        y, mo, d = (parse_cn_number(m["cy"]) or 0), (parse_cn_number(m["cm"]) or 0), (parse_cn_number(m["cd"]) or 0)
    else:
        y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return day if FIRST_YEAR <= y <= LAST_YEAR else None
