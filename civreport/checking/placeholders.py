"""Placeholders left from model essays and templates (CR101), and generic names where a real
one belongs (CR102)."""

from __future__ import annotations

import re

from .rule import Rule, listing

# ×× XX xx ** 20xx 202X X月×日 某某 某年某月 【单位名称】 ○○ __ : what model essays and drafts leave to
# be filled in. 某某 after a surname (张某某) is how case reports write a person, not a blank.
_PLACEHOLDER = re.compile(
    r"×{2,}|(?<![A-Za-z])(?:XX+|xx+|ＸＸ+|ｘｘ+)(?![A-Za-z])|\*{2,}|＊{2,}|20[xX]{2}|20\d[xXＸ]|"
    r"(?<![A-Za-z])[×xXＸ](?=[年月日])|(?<![\u4e00-\u9fff])某某|某[年月日]|【[^】]{1,10}(?:名称|名字|时间|日期|内容|单位)】|"
    r"○{2,}|_{2,}|＿{2,}"
)
_GENERIC = re.compile(r"某(?:区|市|县|镇|乡|街道|社区|村|单位|部门|局|委|办|公司|学校|医院)")

RULES = (
    Rule(
        "CR101",
        "占位符",
        "error",
        "××区、XX同志、**个、20xx年 → 填写实际内容",
        check=listing(_PLACEHOLDER, "有未填写的占位符 {found}：请填写实际内容"),
    ),
    Rule(
        "CR102",
        "泛称的单位名",
        "warning",
        "某区、某市、某街道 → 写明单位名称",
        check=listing(_GENERIC, "“{found}”是泛称：请写明单位名称"),
    ),
)
