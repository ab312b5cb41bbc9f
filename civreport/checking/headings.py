"""Headings as official documents write them (GB/T 9704-2012 7.3.3): the third level numbered
1. (or 1、 where the office writes it so, CR405), no punctuation after a heading that stands on a
line of its own (CR406), and a heading no longer than a heading is (CR407: a paragraph run into
it). A numbered paragraph whose text runs on after its title (（一）强化组织领导。成立……), or an
untitled one (1.对核心区……。), is text: its length is a paragraph's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.genre import CN_NUMERAL
from ..model.walk import TextKind
from .rule import Context, Hit, Rule

LONG_HEADING = 40  # characters of a heading's title: longer, it holds a sentence of the text
_NUMBERED: frozenset[TextKind] = frozenset({"title", "heading", "numbered"})
_TITLES: frozenset[TextKind] = frozenset({"title", "heading"})
_LEVEL3 = re.compile(r"^\s*\d{1,3}([.．、])(?!\d)")
_NUMBER = re.compile(rf"^\s*(?:{CN_NUMERAL}[、.．]|[（(](?:{CN_NUMERAL}|\d{{1,3}})[）)]|\d{{1,3}}[.．、](?!\d))\s*")
# A heading on a line of its own ends without a mark (一、主要做法 not 一、主要做法：), unless it
# holds sentences of its own: （一）强化组织领导。成立……
_END_MARK = re.compile(r"[。；，、：.,;:]$")
_SENTENCE = re.compile(r"[。！？；]")


def _own(level3: str) -> str:
    return "." if level3.endswith(".") else "、"


def level3_numbers(text: str, context: Context) -> Iterator[Hit]:
    m = _LEVEL3.match(text)
    own = _own(context.house.level3)
    if m and ("." if m[1] in ".．" else "、") != own:
        written = m[0].strip()
        yield Hit(f"三级标题序号“{written}”应写作“{written[:-1]}{own}”", spans=(m.span(1),))


def fix_level3(text: str, context: Context) -> str:
    m = _LEVEL3.match(text)
    own = _own(context.house.level3)
    if m and ("." if m[1] in ".．" else "、") != own:
        return text[: m.start(1)] + own + text[m.end(1) :]
    return text


def end_marks(text: str, context: Context) -> Iterator[Hit]:
    title = text[_title_start(text) :]
    if _END_MARK.search(title) and len(title) <= LONG_HEADING and not _SENTENCE.search(title[:-1]):
        yield Hit(f"单独成行的标题末尾不加标点：删去“{text[-1]}”", spans=((len(text) - 1, len(text)),))


def _title_start(text: str) -> int:
    m = _NUMBER.match(text)
    return m.end() if m else 0


def long_headings(text: str, context: Context) -> Iterator[Hit]:
    start, end = _title_start(text), len(text.rstrip("。；，："))
    if end - start > LONG_HEADING:
        yield Hit(
            f"标题有 {end - start} 字（超过 {LONG_HEADING} 字）：疑把正文并进了标题，请在标题后断句或另起一段",
            spans=((start, end),),
        )


RULES = (
    Rule(
        "CR405",
        "三级序号",
        "warning",
        "1、加强领导 → 1.加强领导（或办公室配置的 1、）",
        check=level3_numbers,
        reads=_NUMBERED,
        fix=fix_level3,
    ),
    Rule(
        "CR406",
        "标题末尾的标点",
        "warning",
        "单独成行的标题“一、主要做法：” → “一、主要做法”",
        check=end_marks,
        reads=frozenset({"heading"}),
        fix=lambda text, context: text[:-1] if next(end_marks(text, context), None) else text,
    ),
    Rule(
        "CR407",
        "标题过长",
        "warning",
        "“（一）强化组织领导成立领导小组，定期召开调度会……”整段成了标题",
        check=long_headings,
        reads=_TITLES,
    ),
)
