"""Conventions of official documents a draft often misses: 关于对……的 (CR408: 关于 takes its
object directly), a kind of document named twice in the title (CR409: 工作总结报告), and the
brackets of a document number (CR410: 〔2024〕, GB/T 9704-2012 7.2.4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.wordlists import alternatives, word_list
from .rule import Context, Hit, Rule, first_found

_DOCUMENTS = word_list(__package__, "documents")
# 关于对××的报告 → 关于××的报告; not 关于对方, 关于对外开放, 关于对口支援 …, where 对 opens a word.
_ABOUT_TO = re.compile(f"关于(对)(?!{alternatives([w[1:] for w in _DOCUMENTS['about_words']])})")
_KINDS = alternatives(_DOCUMENTS["kinds"])
_TWICE = re.compile(f"(?:{_KINDS})(?:{_KINDS})")
# 小河办发[2024]12号, 【2024】, (2024), （2024）, ［2024］: the year of a document number takes 〔〕.
_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])([\[【(（［])((?:19|20)\d{2})([\]】)）］])(?=\s*\d{1,4}\s*号)")


about_to = first_found(_ABOUT_TO, lambda m: "“关于对……”：“关于”后直接接所关涉的对象，删去“对”", group=1)
kind_twice = first_found(_TWICE, lambda m: f"标题中文种重复“{m[0]}”：只写一个文种（如“工作总结”或“工作报告”）")


def number_brackets(text: str, context: Context) -> Iterator[Hit]:
    found = list(_NUMBER.finditer(text))
    if found:
        m = found[0]
        yield Hit(
            f"发文字号的年份用六角括号：“{m[1]}{m[2]}{m[3]}” → “〔{m[2]}〕”",
            spans=tuple(s for m in found for s in (m.span(1), m.span(3))),
        )


RULES = (
    Rule(
        "CR408",
        "关于对",
        "warning",
        "关于对老旧小区改造情况的报告 → 关于老旧小区改造情况的报告",
        check=about_to,
        fix=lambda text, context: _ABOUT_TO.sub("关于", text),
    ),
    Rule(
        "CR409",
        "文种重复",
        "warning",
        "××区2024年工作总结报告 → ××区2024年工作总结",
        check=kind_twice,
        reads=frozenset({"doc_title"}),
    ),
    Rule(
        "CR410",
        "发文字号的括号",
        "error",
        "小河办发[2024]12号、【2024】 → 小河办发〔2024〕12号",
        check=number_brackets,
        fix=lambda text, context: _NUMBER.sub(lambda m: f"〔{m[2]}〕", text),
    ),
)
