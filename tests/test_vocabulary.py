"""One vocabulary: the part roles, the document kinds and the Chinese digits are each stated
once, and every piece of civreport that names them reads that one statement."""

from __future__ import annotations

import re

from civreport.model import KIND_VERB, KINDS, PART_ROLES, PartHeadings, Report
from civreport.model.genre import ROLE_NAMES, default_heading
from civreport.model.numerals import CN_DIGITS, cn_digits, cn_number, parse_cn_number

from conftest import ROOT

SOURCES = {path: path.read_text(encoding="utf-8") for path in (ROOT / "civreport").rglob("*.py")}


def test_the_roles_are_the_report_s_part_lists_and_the_headings_fields():
    assert PART_ROLES == ("measures", "achievements", "problems", "plans", "suggestions")
    assert tuple(PartHeadings.model_fields) == PART_ROLES == tuple(ROLE_NAMES)
    assert all(role in Report.model_fields for role in PART_ROLES)
    assert [PartHeadings().model_dump()[role] for role in PART_ROLES] == [default_heading(r) for r in PART_ROLES]
    spelled = [
        path.name
        for path, text in SOURCES.items()
        if re.search(r"""["']measures["'],\s*["']achievements["'],\s*["']problems["']""", text)
    ]
    assert spelled == ["genre.py"], spelled  # the list of roles is written in one place


def test_the_kinds_and_their_verbs_are_one_table():
    assert set(KIND_VERB) == set(KINDS)
    spelled = [path.name for path, text in SOURCES.items() if '工作情况的报告", "' in text or '"工作情况汇报",' in text]
    assert spelled == ["genre.py"], spelled


def test_the_chinese_digits_are_one_table():
    assert CN_DIGITS == "〇一二三四五六七八九"
    assert cn_digits(2024) == "二〇二四" and parse_cn_number("二〇二四") == 2024 and parse_cn_number("一百零五") == 105
    assert cn_number(105) == "一百零五"
    spelled = [path.name for path, text in SOURCES.items() if re.search("[〇零]一二三四五六七八九", text)]
    assert spelled == [], spelled  # numerals.py builds its table from 〇 + ONE_TO_NINE
