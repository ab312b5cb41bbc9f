"""The script and its conversions: traditional characters in a simplified document (CR501, found
with OpenCC), the words a conversion between the scripts leaves wrong (CR502: a round trip's
原那么, Taiwan's 网路), Taiwan and Hong Kong usage (CR503: 国小, 网咖, 报导), and the near-synonyms a
round trip puts in, told by their context in a document that shows it went through one (CR504:
经济社会开展, 根本形成, 局部市民)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..model.script import misconverted, round_trip_words, simplified, traditional_characters
from ..model.wordlists import Replacements, entries, word_list
from .rule import Context, Hit, Rule, Span, spans


def traditional(text: str, context: Context) -> Iterator[Hit]:
    changed = traditional_characters(text)
    if changed:
        shown = "、".join(dict.fromkeys(f"{a}→{b}" for _, a, b in changed[:8]))
        yield Hit(f"有繁体字 {shown}（{len(changed)} 字）：应为简体", spans=tuple((i, i + 1) for i, _, _ in changed))


def _words_found(words: Replacements, text: str, message: str) -> Iterator[Hit]:
    found = list(words.finditer(text))
    if found:
        shown = "、".join(f"{word}→{words.right[word]}" for word in dict.fromkeys(m[0] for m in found))
        yield Hit(message.format(found=shown), spans=spans(iter(found)))


def artefacts(text: str, context: Context) -> Iterator[Hit]:
    return _words_found(misconverted(), text, "疑为繁简转换造成的错词 {found}")


@cache
def _usage() -> Replacements:
    return Replacements(entries(word_list(__package__, "usage")))


def usage(text: str, context: Context) -> Iterator[Hit]:
    return _words_found(_usage(), text, "港台用语 {found}：大陆公文用后者")


@dataclass(frozen=True)
class _InContext:
    word: str
    right: str
    patterns: tuple[re.Pattern[str], ...]  # the word (group w) in a context that makes it wrong (group c)


@cache
def _in_context() -> list[_InContext]:
    found = []
    for word, spec in word_list(__package__, "round_trip").items():
        not_before = f"(?![{re.escape(spec['not_before'])}])" if spec.get("not_before") else ""
        patterns = []
        if spec.get("after"):
            patterns.append(f"(?P<c>{'|'.join(map(re.escape, spec['after']))})(?P<w>{re.escape(word)}){not_before}")
        if spec.get("before"):
            patterns.append(f"(?P<w>{re.escape(word)})(?=(?P<c>{'|'.join(map(re.escape, spec['before']))}))")
        found.append(_InContext(word, spec["right"], tuple(map(re.compile, patterns))))
    return found


@dataclass(frozen=True)
class _Slip:
    word: Span  # where the word is
    shown: str  # it in its context, as it should read: 经济社会开展→经济社会发展
    entry: _InContext


def _contextual(text: str) -> list[_Slip]:
    slips = []
    for entry in _in_context():
        for pattern in entry.patterns:
            for m in pattern.finditer(text):
                a, b = m.span("w")
                c, d = m.span("c")
                start, end = min(a, c), max(b, d)
                wrong = text[start:end]
                slips.append(_Slip((a, b), f"{wrong}→{text[start:a]}{entry.right}{text[b:end]}", entry))
    unique = {slip.word: slip for slip in reversed(slips)}  # a word in two contexts is one slip
    return sorted(unique.values(), key=lambda slip: slip.word)


def _round_trip(texts: tuple[str, ...]) -> bool:
    """Whether the document shows a round trip between the scripts: one of its sure artefacts,
    or artefacts of two different words in their contexts."""
    sure = round_trip_words()
    if any(next(sure.finditer(text), None) for text in texts):
        return True
    return len({slip.entry.word for text in texts for slip in _contextual(text)}) >= 2


def round_trip(text: str, context: Context) -> Iterator[Hit]:
    found = _contextual(text)
    signed: bool = bool(found) and context.corpus.derived(_round_trip)
    if signed:
        shown = "、".join(dict.fromkeys(slip.shown for slip in found))
        yield Hit(
            f"文稿有繁简往返转换的痕迹，这里疑为转换换错的词 {shown}：请核对", spans=tuple(slip.word for slip in found)
        )


def mend_round_trip(text: str, context: Context) -> str:
    for slip in reversed(_contextual(text)):
        a, b = slip.word
        text = text[:a] + slip.entry.right + text[b:]
    return text


RULES = (
    Rule("CR501", "繁体字", "error", "創建 → 创建", check=traditional, fix=lambda text, context: simplified(text)),
    Rule(
        "CR502",
        "繁简转换错误",
        "error",
        "原那么 → 原则，效劳 → 服务，网路 → 网络，随著 → 随着",
        check=artefacts,
        fix=lambda text, context: misconverted().mend(text),
    ),
    Rule(
        "CR503",
        "港台用语",
        "warning",
        "国小 → 小学，网咖 → 网吧，报导 → 报道，记忆体 → 内存，资讯安全 → 信息安全，产品品质 → 产品质量",
        check=usage,
        fix=lambda text, context: _usage().mend(text),
    ),
    Rule(
        "CR504",
        "繁简往返的错词",
        "warning",
        "（文稿有原那么、效劳等时）经济社会开展 → 经济社会发展，根本形成 → 基本形成，局部市民 → 部分市民，"
        "广阔群众 → 广大群众，作出应有的奉献 → 作出应有的贡献",
        check=round_trip,
        fix=mend_round_trip,
    ),
)
