"""How work summaries are written (shared/reference/genre.md): the wordings that mark their
pieces, which composition writes and the importer and proofreader recognise."""

from __future__ import annotations

import re
from typing import Literal, get_args

from .numerals import ONE_TO_NINE, cn_number

# The parts of a summary by what they do (genre.md, "Body, the four parts"), in print order.
PartRole = Literal["measures", "achievements", "problems", "plans", "suggestions"]
PART_ROLES: tuple[PartRole, ...] = get_args(PartRole)

# The kinds of document, and the verb each one's lead-in uses (现将……总结如下：).
# 工作情况的报告 is the shape of a report sent upward: 关于……工作情况的报告.
Kind = Literal["工作总结", "工作汇报", "工作情况汇报", "工作情况报告", "工作情况的报告"]
KINDS: tuple[Kind, ...] = get_args(Kind)
KIND_VERB: dict[Kind, str] = {
    "工作总结": "总结",
    "工作汇报": "汇报",
    "工作情况汇报": "汇报",
    "工作情况报告": "报告",
    "工作情况的报告": "报告",
}


def lead_in_sentence(period: str, subject: str, kind: Kind) -> str:
    """The lead-in a report gets where its author writes none: 现将2024年第三季度创建全国文明城市
    工作情况总结如下："""
    return f"现将{period}{subject.removesuffix('工作')}工作情况{KIND_VERB[kind]}如下："


# A Chinese numeral as headings and ordinals write it (一 … 九十九, 一百 …).
CN_NUMERAL = f"[{ONE_TO_NINE}十百]+"

# Numbers typed before a title (一、（一）1.（1）), and before a point: those, or ordinals (一是 第一， 首先，).
# After 一、 a numeral of quarters, months or years makes a range (一、二季度), not a heading number.
NOT_A_RANGE = f"(?![{ONE_TO_NINE}十]+[、季月年])"
_HEADING_NUMBER = rf"{CN_NUMERAL}、{NOT_A_RANGE}|[（(]{CN_NUMERAL}[）)]|\d+[.．、](?!\d)|[（(]\d+[）)]"
TYPED_NUMBER = re.compile(rf"^\s*(?:{_HEADING_NUMBER})\s*")
TYPED_ORDINAL = re.compile(
    rf"^\s*(?:{CN_NUMERAL}是|第{CN_NUMERAL}[，,、]|(?:首先|其次|再次|最后)[，,]|{_HEADING_NUMBER})\s*"
)

ORDINAL_WORDS = ("首先", "其次", "再次", "最后")  # 首先…其次…最后 counts at most four points


def ordinals(order: str, count: int) -> list[str]:
    """一是 二是 …, 第一， 第二， …, or 首先， 其次， (再次，) 最后，"""
    if order == "第一":
        return [f"第{cn_number(n)}，" for n in range(1, count + 1)]
    if order == "首先":  # 首先，其次， / 首先，其次，最后， / 首先，其次，再次，最后，
        first, second, third, last = ORDINAL_WORDS
        words = {1: [first], 2: [first, second], 3: [first, second, last], 4: [first, second, third, last]}[count]
        return [f"{word}，" for word in words]
    return [f"{cn_number(n)}是" for n in range(1, count + 1)]


# A sentence that leads from the opening into the body, as offices write them: 现将……总结如下：,
# 现将有关工作向各位领导作如下汇报：, 具体情况如下：, 主要情况如下：, 报告如下：, 汇报如下：
_LEAD_IN_END = r"(?:如下(?:总结|汇报|报告)?|(?:总结|汇报|报告|情况)如下)[：:]\s*$"
LEAD_IN = re.compile(r"[，,。]?\s*(?:现将|具体|主要|有关|下面)[^。]*?" + _LEAD_IN_END)
_ENDS_WITH_LEAD_IN = re.compile(_LEAD_IN_END)


def ends_with_lead_in(text: str) -> bool:
    return bool(_ENDS_WITH_LEAD_IN.search(text))


# A closing paragraph: 特此报告。 以上报告，请审阅。 ……作出新的更大贡献。
CLOSING = re.compile(
    r"^(?:特此(?:报告|汇报)|以上(?:报告|汇报)[^。]{0,12})[。！]?$|(?:作出|做出)[^。]{0,20}贡献[。！]$|请(?:审阅|审议|批示)[。！]?$"
)

# The names offices give each part (genre.md, “Body, the four parts”), matched whole first;
# the first is the part's default heading.
ROLE_NAMES: dict[PartRole, tuple[str, ...]] = {
    "measures": (
        "主要做法",
        "工作措施",
        "基本情况",
        "工作开展情况",
        "主要工作及成效",
        "创建基本情况",
        "主要工作措施及成效",
        "工作开展",
        "主要工作",
    ),
    "achievements": ("主要成效", "取得的成绩", "工作成效", "亮点工作", "经验做法", "取得的成效"),
    "problems": ("存在的问题", "存在的主要问题", "存在的困难和问题", "不足及整改措施", "存在的不足", "存在问题"),
    "plans": (
        "下一步工作打算",
        "下步工作计划",
        "下段工作打算",
        "下半年工作安排",
        "下一步打算",
        "下一步工作计划",
        "下一步的打算",
        "下一步工作安排",
        "下一步工作思路",
    ),
    "suggestions": ("相关建议", "意见建议", "工作建议", "几点建议"),
}
# Words that give a short part title its role.
_ROLE_WORDS: tuple[tuple[PartRole, re.Pattern[str]], ...] = (
    ("problems", re.compile(r"问题|不足|困难|短板")),
    ("plans", re.compile(r"下一步|下步|下段|下阶段|下半年|明年|打算|计划|思路")),
    ("suggestions", re.compile(r"建议")),
    ("measures", re.compile(r"做法|措施|基本情况|开展情况|进展情况|完成情况|主要工作|工作开展")),
    ("achievements", re.compile(r"成效|成绩|成就|成果|亮点|经验|收获")),
)
_ROLE_TITLE_CHARS = 14  # longer titles are topical (健全机制，增强创建工作实效), whatever words they hold


def default_heading(role: PartRole) -> str:
    """主要做法, 主要成效, 存在的问题, 下一步工作打算, 相关建议."""
    return ROLE_NAMES[role][0]


def roles_named(title: str) -> list[PartRole]:
    """The roles whose words a short part title holds, in the order it names them: 成就与不足
    names achievements and problems."""
    bare = re.sub(r"[\s：:。]", "", title)
    if len(bare) > _ROLE_TITLE_CHARS or "，" in bare:
        return []
    found = {role: m.start() for role, words in _ROLE_WORDS if (m := words.search(bare))}
    return sorted(found, key=found.__getitem__)


def role_of(title: str) -> PartRole | None:
    """The role a part title names; None for a topical title, and for one that names two roles
    (成就与不足), which is both. Measures go with what they serve: 措施及成效 is measures, 整改措施
    problems, 下一步措施 plans."""
    bare = re.sub(r"[\s：:。]", "", title)
    for role, names in ROLE_NAMES.items():
        if bare in names:
            return role
    roles = roles_named(title)
    if "measures" in roles and len(roles) == 2:
        return "measures" if "achievements" in roles else next(r for r in roles if r != "measures")
    return roles[0] if len(roles) == 1 else None
