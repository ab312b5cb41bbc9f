"""Traditional and simplified characters, with OpenCC's ``t2s``: the importer converts a text
written in traditional characters, the proofreader flags what is left of another script.

``t2s`` and not ``tw2sp``: the Taiwan phrase tables rewrite mainland words (核心 → 内核,
建立 → 创建, 线上 → 在线, 许多工作 → 许多任务作), and official text is mainland usage. What
``t2s`` leaves of a text a website turned into Taiwan usage is mended from the short list below."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Taiwan words that mainland official text never uses, as ``t2s`` leaves them. Small on
# purpose: 设定, 支援, 资讯, 品质 are mainland words too and stay.
TAIWAN_WORDS = {
    "网际网路": "互联网",
    "网路": "网络",
    "计程车": "出租车",
    "最佳化": "优化",
    "硬体": "硬件",
    "软体": "软件",
    "数位化": "数字化",
    "伺服器": "服务器",
    "列印": "打印",
    "萤幕": "屏幕",
    "滑鼠": "鼠标",
    "资料库": "数据库",
    "部落格": "博客",
    # 著 where mainland text writes 着; never inside 著名, 著作, 显著, 卓著 …
    "著力": "着力",
    "著眼": "着眼",
    "著手": "着手",
    "著重": "着重",
    "随著": "随着",
    "接著": "接着",
    "意味著": "意味着",
    "本著": "本着",
    "抱著": "抱着",
    "围绕著": "围绕着",
    "沿著": "沿着",
    "朝著": "朝着",
    "有著": "有着",
    "带著": "带着",
    "向著": "向着",
}
# Words a careless traditional → simplified → traditional round trip leaves (genre.md): each
# is a real word, so only these whole phrases, never the bare 那么 or 标准.
ROUND_TRIP_WORDS = {"原那么": "原则", "效劳": "服务", "根底": "基础", "标准化标准": "标准化规范", "那么性": "原则性"}
MISCONVERTED = {**ROUND_TRIP_WORDS, **TAIWAN_WORDS}


# Where a listed word is only the seam of two real ones: 燃气管网|路由, 扎根|底层.
_SEAMS = {"网路": ("(?<!管)", "(?!由)"), "根底": ("(?<!扎)", "(?!层)")}


def _pattern(words: dict[str, str]) -> re.Pattern[str]:
    def one(word: str) -> str:
        before, after = _SEAMS.get(word, ("", ""))
        before += "(?<![显卓昭名论原编专译遗巨土])" if word.startswith("著") else ""
        after += "(?![名作称述录者])" if word.endswith("著") else ""
        return before + re.escape(word) + after

    return re.compile("|".join(one(w) for w in sorted(words, key=len, reverse=True)))


_TAIWAN = _pattern(TAIWAN_WORDS)
MISCONVERTED_WORD = _pattern(MISCONVERTED)


@cache
def _converter() -> Any:
    import opencc  # its dictionaries load only when a text is converted or checked

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters, Taiwan words as the mainland writes them."""
    converted = str(_converter().convert(text))
    if len(converted) == len(text):  # names keep their characters
        converted = "".join(a if a in NAME_CHARACTERS else b for a, b in zip(text, converted))
    return _TAIWAN.sub(lambda m: TAIWAN_WORDS[m[0]], converted)


# Characters the General Standard Chinese Characters list keeps for names, which t2s changes.
NAME_CHARACTERS = frozenset("昇")


def traditional_characters(text: str) -> list[tuple[str, str]]:
    """Each traditional character of ``text`` with its simplified form, in order."""
    if text.isascii():
        return []
    converted = str(_converter().convert(text))
    if len(converted) != len(text):  # a phrase changed length: judge the characters one by one
        pairs = [(c, str(_converter().convert(c))) for c in text]
    else:
        pairs = list(zip(text, converted))
    return [(a, b) for a, b in pairs if a != b and a not in NAME_CHARACTERS]


def mend_words(text: str) -> str:
    """``text`` with each misconverted word as it should be."""
    return MISCONVERTED_WORD.sub(lambda m: MISCONVERTED[m[0]], text)
