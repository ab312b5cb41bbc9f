"""Placeholders left from model essays and templates (CR101), and generic names where a real
one belongs (CR102)."""

from __future__ import annotations

import re

from .context import listing

# ×× XX xx ** 20xx 某某 ○○ __ : what model essays and drafts leave to be filled in.
_PLACEHOLDER = re.compile(r"×{2,}|(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|\*{2,}|＊{2,}|20[xX]{2}|某某|○{2,}|_{2,}|＿{2,}")
_GENERIC = re.compile(r"某(?:区|市|县|镇|乡|街道|社区|村|单位|部门|局|委|办|公司|学校|医院)")


placeholders = listing("CR101", _PLACEHOLDER, "有未填写的占位符 {found}：请填写实际内容")
generic_names = listing("CR102", _GENERIC, "“{found}”是泛称：请写明单位名称")

RULES = (placeholders, generic_names)
