"""Whether two titles name the same work: the same or nearly the same title, or the same key
terms, the words of a title that name its work, cut with the project's word segmentation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model.words import words
from .sentences import normal

# Words every summary's titles use, which name no particular work: verbs of doing (加强, 推进,
# 开展 …), of falling short (不够, 有待 …), words of degree and of kind (工作, 问题, 部分).
GENERIC = frozenset(
    """
    加强 强化 推进 推动 开展 落实 提升 提高 深化 完善 健全 建立 建设 持续 全面 扎实 切实 积极 认真
    广泛 深入 严格 集中 大力 着力 注重 坚持 突出 聚焦 围绕 营造 形成 确保 抓好 做好 实现 发挥 抓实
    进一步 不够 有待 存在 仍然 依然 还有 较多 较少 较大 较快 较弱 较低 不强 不高 不足 不到位 不明显
    不平衡 到位 难度 程度 水平 工作 问题 部分 个别 方面 有关 相关 情况 主要 重点 各项 各类 各种 全区 全市
    """.split()
)
_HAN = re.compile(r"[\u3400-\u9fff]")
_NEARLY = 0.8  # titles alike but for a word or two: 强化组织领导 and 强化组织领导工作
SHARED = 0.5  # at least half of either title's key terms are the other's


@dataclass(frozen=True)
class Title:
    """A title and its key terms."""

    text: str
    terms: frozenset[str]


def content_words(text: str, framing: frozenset[str]) -> list[str]:
    """The words of ``text`` that can name a work: of two characters or more, neither generic
    nor the report's framing (the words of its subject: 创建, 文明, 城市)."""
    return [
        w
        for w in words(text)
        if len(w) > 1 and _HAN.search(w) and w not in GENERIC and not any(_match(w, f) for f in framing)
    ]


def title(text: str, own: str, framing: frozenset[str], *, supported: bool = True) -> Title:
    """The key terms of a title: its content words (see :func:`content_words`). ``supported``:
    only those the section's own text ``own`` uses again (a title's verbs, 压实 or 破解, seldom
    recur in its text; what it is about does), unless it uses none of them."""
    found = content_words(text, framing)
    terms = frozenset(found)
    if supported:
        terms = frozenset(w for w in found if w in own) or terms
    return Title(text, terms)


def framing(subject: str) -> frozenset[str]:
    """The words of the report's subject, which all its titles share."""
    return frozenset(w for w in words(subject) if len(w) > 1)


def _match(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) > 1 and (a in b or b in a))  # 志愿 and 志愿者


def shared(a: Title, b: Title) -> list[str]:
    """The key terms of ``a`` that ``b`` has too."""
    return sorted(t for t in a.terms if any(_match(t, u) for u in b.terms))


def _nearly(x: str, y: str) -> bool:
    """Alike but for a word or two; the quick bounds first, as most titles are far apart."""
    matcher = SequenceMatcher(None, x, y)
    return matcher.real_quick_ratio() >= _NEARLY and matcher.quick_ratio() >= _NEARLY and matcher.ratio() >= _NEARLY


def alike(a: Title, b: Title, share: float = SHARED) -> str | None:
    """Why the two titles name the same work, in Chinese, or None when they do not: the same
    or nearly the same words, or ``share`` at least of the key terms of the one with fewer."""
    x, y = normal(a.text), normal(b.text)
    if x == y:
        return "标题相同"
    if (min(len(x), len(y)) >= 4 and (x in y or y in x)) or _nearly(x, y):
        return "标题相近"
    common = shared(a, b)
    fewer = min(len(a.terms), len(b.terms))
    if common and len(common) >= share * fewer:
        return f"关键词相同：{'、'.join(common)}"
    return None
