"""Where a heading's title ends when its line break was lost and it ran into its body
(二、存在的问题对照测评标准…… , （一）强化组织领导，明确责任分工党委成立……): at a part's own name
(存在的问题), which is certain; else between a word a title ends with and one a paragraph opens
with (……氛围|在创建活动中, ……分工|党委成立), which is a guess; and never past what a heading
may hold (the model's MAX_NAME)."""

from __future__ import annotations

import re

from ...model.genre import ROLE_NAMES
from ...model.limits import MAX_NAME
from ...model.script import simplified

# Words a paragraph of a summary opens with, after a title that lost its line break: these
# open a sentence wherever they stand …
_OPENERS = (
    "今年以来|年初以来|一年来|近年来|去年以来|为此|为了|按照|根据|依据|针对|截至|截止|我们|我区|我县|我市|我局|"
    "我镇|我乡|我街道|我单位|我委|我办|我院|我校|我社|我公司|我中心|我所|我站|我部|一是|首先|虽然|由于|随着"
)
# … these only after a word a title ends with (a title may hold 党委 or 在: 加强党委领导).
_AFTER_TITLE = (
    "今年|年初|近期|自|目前|当前|同时|此外|另外|围绕|坚持|通过|结合|对照|在|为|对|全区|全县|全市|全镇|全乡|全省|"
    "区委|县委|市委|镇党委|乡党委|党委|党组|各级|各部门|各单位|面对|经过"
)
_TITLE_ENDS = (
    "工作|建设|机制|体系|作用|成效|实效|氛围|水平|能力|质量|环境|形象|风尚|活动|管理|服务|宣传|教育|领导|责任|落实|"
    "到位|突破|提升|保障|基础|格局|局面|意识|素质|力度|整治|治理|发展|改革|创新|合力|短板|问题|措施|做法|情况|任务|"
    "目标|要求|部署|分工|指导|重点|规范|效能|作风|制度|监督|考核|推进|引领|底线|防线|民生|品质|优势|化"
)
_OPENER = re.compile(f"(?:{_OPENERS})")
_OPENER_AFTER_TITLE = re.compile(f"(?:{_AFTER_TITLE})")
_TITLE_END = re.compile(f"(?:{_TITLE_ENDS})$")
_PART_NAMES = sorted((name for names in ROLE_NAMES.values() for name in names), key=len, reverse=True)
_MARKS = "。！？；：，、,;:!?.“”‘’（）()《》"
_SENTENCE_END = re.compile(r"[。！？!?]")
_SHORTEST = 4  # characters: a title is never shorter (严格考核 …)


def _words(text: str) -> str:
    """The words of ``text`` in simplified characters (the lists are), character for character:
    the text is not converted yet when its headings are looked for."""
    head = text[: MAX_NAME + 1]
    converted = simplified(head)
    return converted if len(converted) == len(head) else head


def role_name_end(text: str) -> int | None:
    """Where a part's own name (存在的问题, 下一步工作计划 …) that ran into its text ends."""
    words = _words(text)
    name = next((name for name in _PART_NAMES if words.startswith(name)), None)
    if name and len(words) > len(name) and words[len(name)] not in _MARKS:
        return len(name)
    return None


def guessed_end(text: str) -> int | None:
    """Where a title that ran into its body most likely ends, within its first sentence: the
    first place a sentence's opening word (我们, 为此, 按照 …) stands, or a paragraph's opening
    word follows a title's closing one (……氛围|在……); None when the words tell nothing."""
    text = _words(text)
    sentence = _SENTENCE_END.search(text)
    limit = min(sentence.start() if sentence else len(text), MAX_NAME)
    for at in range(_SHORTEST, limit):
        if text[at - 1] in _MARKS or text[at] in _MARKS:
            continue
        if _OPENER.match(text, at) or (_OPENER_AFTER_TITLE.match(text, at) and _TITLE_END.search(text, 0, at)):
            return at
    return None


def bounded_title(text: str) -> tuple[str, str | None]:
    """A title no longer than a heading may be, and the text past it: cut at the end of its
    first clause (；), else at its last comma within the bound, else at the bound."""
    if len(text) <= MAX_NAME:
        return text, None
    head = text[:MAX_NAME]
    clause = re.search(r"[；;。]", head)
    comma = max(head.rfind("，"), head.rfind(","))
    end = clause.start() if clause and clause.start() >= _SHORTEST else comma if comma >= _SHORTEST else MAX_NAME
    return text[:end], text[end:].lstrip("，；。,;") or None
